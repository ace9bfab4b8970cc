"""Where a number is no figure: dates, periods, codes, clock times, standards, heading and row
numbers, and the document numbers the citations took (metrics.py fences them off); and the rows of
tables written as tab-separated lines, where a number is a cell, not a figure of the text.

The patterns that start with a number are tried only at the runs of digits whose next characters
can continue them (text_index.py), the blank day (`ngày /10/2025`) only where `ngày` stands: the
same spans as scanning the whole text with each of them, a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

from vanban.extract.catalogue import heading_number
from vanban.extract.dates import DATE_RE
from vanban.extract.spans import Span
from vanban.extract.text_index import lowered, lowers_one_for_one, matches_at, places, runs

_MONTH_YEAR = regex.compile(r"(?<![\d/.])\d{1,2}\s*/\s*(?:19|20)\d\d(?![\d/])")
_DAY_MONTH_BLANK = regex.compile(r"(?i)ngày\s+\d{0,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")
_YEAR_RANGE = regex.compile(r"(?<!\d)(?:19|20)\d\d\s*-\s*(?:19|20)\d\d(?!\d)")
_CLOCK = regex.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_CODE = regex.compile(r"(?<![\d\p{L}])\d+[a-z]?(?:\s*/\s*(?:19|20)\d\d)?\s*"
                      r"(?:/\s*\p{Lu}[\p{L}\d&-]*|-\s*\p{Lu}{1,6}\s*/\s*\p{Lu}+)")
_STANDARD_WORDS = ("iso", "tcvn", "iec")      # _STANDARD is only tried where one of them is
_STANDARD = regex.compile(r"(?i)\b(?:ISO|TCVN|IEC)\s*[\d.:-]+(?:\s*:\s*\d{4})?")
# Line starts: each as the pattern at the text's start and as the same after a line break, which
# `regex` finds with its fast search for a literal (a `^` is tried at every character).
_LINE_STARTS = [(regex.compile(rf"^{body}", regex.M), regex.compile(rf"\n{body}", regex.M))
                for body in (rf"[ \t]*{heading_number()}\s*[.)](?=\s|$)",       # a heading's number
                             r"[ \t]*[1-9]\d{0,2}(?=\s+\p{Lu}|\t|$)")]          # a row's number

# What follows the digits of each pattern's first number, the spaces passed over:
_DATE_NEXT = frozenset("/.-t")      # `17/9/2025`, `01.10.1997`, `01-10-1997`, `01 tháng 7 năm 2025`
_SLASH = frozenset("/")
_DASH = frozenset("-")
_CODE_NEXT = frozenset("/-")        # `12/HD`, `2025/QĐ`, `12a - KH/TU`


_TWO_TABS = regex.compile(r"(?m)^[^\n]*\t[^\n]*\t[^\n]*$")   # a table row read as a line


def number_fences(text: str) -> list[Span]:
    """The spans of the dates, months, year ranges, clock times and codes in `text`: each pattern
    tried only at the runs of digits it can start at (every one of them starts at a digit that no
    digit precedes), in the order `finditer` would find them."""
    found: list[Span] = []
    rs = runs(text)
    for pattern, starts in (
            (DATE_RE, [r.start for r in rs if r.length <= 2 and r.after in _DATE_NEXT]),
            (_MONTH_YEAR, [r.start for r in rs if r.length <= 2 and r.after in _SLASH]),
            (_YEAR_RANGE, [r.start for r in rs if r.length == 4 and r.after in _DASH]),
            (_CLOCK, [r.start for r in rs if r.length <= 2 and r.next == ":"]),
            (_CODE, [r.start for r in rs if r.after in _CODE_NEXT or r.after_letter in _CODE_NEXT])):
        found += [m.span() for m in matches_at(pattern, text, starts)]
    return found


def _blank_days(text: str) -> list[Span]:
    """`ngày /10/2025`, `Ngày 15/10`: tried where `ngày` stands in the lower-cased text (no
    character but its own capitals folds to one of its letters)."""
    return [m.span() for m in matches_at(_DAY_MONTH_BLANK, text, places(lowered(text), ("ngày",)))]


def _standards(text: str) -> list[Span]:
    """`ISO 9001:2015`, `TCVN 5687`: tried where one of the names stands in the lower-cased text;
    the whole text is scanned where a character folds to one of their letters without lowering to
    it (`ſ` to s; `İ` to i lowers to two characters)."""
    if not lowers_one_for_one(text) or "ſ" in text:
        return [m.span() for m in _STANDARD.finditer(text)]
    return [m.span() for m in matches_at(_STANDARD, text, places(lowered(text), _STANDARD_WORDS))]


def fenced_spans(text: str, citations: Iterable[Any] = ()) -> list[Span]:
    """Where a number is a date, a period, a code, a clock time or a heading/row number."""
    fences: list[Span] = [tuple(c.span) for c in citations]
    fences += number_fences(text) + _blank_days(text)
    fences += _standards(text)
    for first, after_break in _LINE_STARTS:
        fences += _line_start_spans(first, after_break, text)
    return sorted(fences)


def _line_start_spans(first: regex.Pattern[str], after_break: regex.Pattern[str], text: str) -> list[Span]:
    """The spans of a pattern anchored at line starts, as `finditer` finds them: at the text's start,
    then after each line break from where the last one ended (the break left out of the span)."""
    m = first.match(text)
    out: list[Span] = [m.span()] if m else []
    out += [(n.start() + 1, n.end()) for n in after_break.finditer(text, m.end() if m else 0)]
    return out


def table_regions(text: str) -> list[Span]:
    """Runs of table rows written as tab-separated lines (plain text, DOCX rows): three or more
    paragraphs with two or more tabs each, allowing short gaps of wrapped cell text."""
    if text.count("\t") < 2:
        return []                   # no row: a text without two tabs is not searched line by line
    rows = [(m.start(), m.end()) for m in _TWO_TABS.finditer(text)]
    regions: list[list[int]] = []
    count = 0
    for s, e in rows:
        if regions and text.count("\n", regions[-1][1], s) <= 4:
            regions[-1][1] = e
            count += 1
            continue
        if regions and count < 3:
            regions.pop()
        regions.append([s, e])
        count = 1
    if regions and count < 3:
        regions.pop()
    return [(s, e) for s, e in regions]


_GLUED_ITEM = regex.compile(r"(\d{1,2})\.(?=\d+(?:,\d+)?\s?%)")
_ITEM_START = regex.compile(r"[ \t]*(\d{1,2})\s*[.)]")


def glued_item(text: str, start: int) -> int:
    """The length of a list item's number glued to the figure that opens its line ("3.100% số bệnh
    nhân" is item 3, 100%; "2.95 %" item 2, 95%): the line before opens with the item before it, or
    the line after with the item after it. 0 when the number at `start` is all one figure."""
    if (start and text[start - 1] != "\n") or not (m := _GLUED_ITEM.match(text, start)):
        return 0
    n = int(m.group(1))
    before = _ITEM_START.match(text, text.rfind("\n", 0, max(start - 1, 0)) + 1) if start else None
    after_at = text.find("\n", start)
    after = _ITEM_START.match(text, after_at + 1) if after_at >= 0 else None
    if (before and int(before.group(1)) == n - 1) or (after and int(after.group(1)) == n + 1):
        return m.end() - start
    return 0
