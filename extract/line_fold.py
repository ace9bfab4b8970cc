"""Where a wrapped line goes on with the line before and where a new paragraph starts (`fold`).

PDF and plain text break every line at the page margin; `normalise` asks `fold` of every pair of
lines to join them back into paragraphs. Asked of every line, so each test here is cheap first.
A heading is its own line: a sentence or a full line under it is not joined to it, though a heading
itself may be wrapped over two lines (a short capitalised fragment under it, "Chính phủ số", is read
as its end: nothing tells the two apart).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import regex

from vanban.extract.catalogue import alternation, heading_number, load

_SENTENCE_ENDS = frozenset(".;:!?…")
_NUMBERED = regex.compile(rf"^{heading_number()}\s*[.)]\s*\S")   # a heading
_ITEM = re.compile(r"\d{1,2}[.)]\s+[^\W\d_]")          # a numbered item's mark, then a word
_ENDS_WITH_SO = regex.compile(r"(?<![\p{L}])[Ss]ố\s*:?$")
_SHORT = 0.7   # a line shorter than this share of the page's full line width ended its paragraph
_GLUED_END = regex.compile(r"[\p{L}\d)][-/]$")
# A line that ends inside a number-and-symbol ("... số 1377/SYT", "... số 57") and one that goes on
# with its hyphen ("-VP ngày ...", "-NQ/TW"): a citation broken before its hyphen, not a list item.
_SYMBOL_END = regex.compile(
    r"(?<![\p{L}\d])\d{1,5}[a-z]?(?:\s*/\s*(?:\d{4}\s*/\s*)?\p{Lu}[\p{L}\d&]*(?:-\p{Lu}[\p{L}\d&]*)*)?$")
_SYMBOL_GOES_ON = regex.compile(r"^-\s?\p{Lu}[\p{L}\d&]*(?:[-/]\p{Lu}[\p{L}\d&]*)*(?![\p{L}\d])")
_PLACE_DATE = regex.compile(r"^[\p{Lu}][^,\d]{1,40},\s*ngày\b")
_PLACE_START = regex.compile(r"^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}$")
_TITLED = regex.compile(r"\p{Lu}\p{Ll}")          # a capitalised word, not an acronym ("CNTT", "HIV")
_NAME_LINE = regex.compile(r"^\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){1,5}$")   # "Ngô Văn Đình Hoài" under a title


@cache
def _layout() -> tuple[regex.Pattern[str], tuple[str, ...], frozenset[str]]:
    data = load("layout")
    markers = regex.compile("|".join(f"(?:{m})" for m in data["markers"]))
    return markers, tuple(data["openers"]), frozenset(data["mottos"])


@lru_cache(maxsize=1 << 14)
def is_caps(line: str) -> bool:
    """At least two letters and no lower-case one. Asked about each line several times (as the line,
    then as the one before the next); `str.isupper` (C) clears most capital lines without a loop,
    and a lower-case letter usually ends the loop at once."""
    if not line.isupper() and any(c.islower() and c.isalpha() for c in line):
        return False
    letters = 0
    for c in line:
        if c.isalpha():
            letters += 1
            if letters == 2:
                return True
    return False


@cache
def _openers_by_first() -> dict[str, tuple[str, ...]]:
    """The paragraph openers by their first character: a line is tried against the few that can
    open it, not against all of them."""
    out: dict[str, tuple[str, ...]] = {}
    for opener in _layout()[1]:
        if not opener:
            raise ValueError("patterns/layout.toml: an empty opener would open every line")
        out[opener[0]] = (*out.get(opener[0], ()), opener)
    return out


_MARKER_OPENING: dict[str, bool] = {}     # a line's first two characters -> can a marker begin with them?


def _marker(line: str) -> bool:
    """A list or heading marker opens the line. Asked of every line: whether any marker can begin
    with its first two characters (`regex`'s partial match) is judged once per pair, and clears
    most lines without matching them (one character let through four lines in five, a fifth
    of them markers: a lower-case letter may open "a)", a capital "I.")."""
    opening = line[:2]
    may = _MARKER_OPENING.get(opening)
    if may is None:
        may = _MARKER_OPENING[opening] = _layout()[0].match(opening, partial=True) is not None
    return may and _layout()[0].match(line) is not None


def starts_paragraph(line: str) -> bool:
    """A line that cannot be the continuation of a wrapped line (`fold` asks the same, written out)."""
    return (("ngày" in line and bool(_PLACE_DATE.match(line))) or _marker(line)
            or line.startswith(_openers_by_first().get(line[:1], ())) or line in _layout()[2] or is_caps(line)
            or line.count("\t") >= 2)


@cache
def _white_space() -> str:
    """What `regex` takes for `\\s` (str.isspace takes U+001C-U+001F too): no such character lies
    beyond the Basic Multilingual Plane."""
    return "".join(regex.findall(r"\s", "".join(map(chr, range(0x10000)))))


def _ends_sentence(line: str) -> bool:
    """The line ends a sentence: `(?:[.;:!?…]|\\./\\.)\\s*$` read from its end, without a
    search through the line (`./.` ends in a full stop too)."""
    return line.rstrip(_white_space())[-1:] in _SENTENCE_ENDS


def _symbol_ends(prev: str) -> bool:
    """`_SYMBOL_END.search(prev)`, which tries every position of the line for a match at its end, not
    asked of a line that ends in an ASCII character no match ends in (`.`, `;`, `)`, a space: only a
    digit, a letter, `&` or before a line break can)."""
    last = prev[-1:]
    if last.isascii() and last and not (last.isalnum() or last in "&\n"):
        return False
    return _SYMBOL_END.search(prev) is not None


def _may_be_name(line: str) -> bool:
    """Whether `_NAME_LINE` can match: it opens with a capital, so not with an ASCII character that is none."""
    first = line[:1]
    return not first.isascii() or "A" <= first <= "Z"


def fold(prev: str, line: str, width: int = 0) -> str | None:
    """How `line` continues `prev` in one paragraph: "" (glued), " ", or None (a new paragraph).

    `width` is the length of a full line on the page: a shorter `prev` ended its paragraph
    unless `line` goes on in lower case.

    Asked of every line: `starts_paragraph` and `_marker` written out, each test pure, cheapest first.
    """
    first, last = line[:1], prev[-1:]
    if (first == "-" and _SYMBOL_GOES_ON.match(line) and _symbol_ends(prev)) or (
            (last == "-" or last == "/") and first.isalnum() and _GLUED_END.search(prev)):
        return ""      # "1377/SYT-" + "VP", "66-" + "NQ/TW", "1377/SYT" + "-VP": one citation broken by the margin
    if first.isdigit() and "ố" in prev[-5:] and _ENDS_WITH_SO.search(prev) and not _ITEM.match(line):
        return " "     # "Nghị quyết số" + "190/2025/QH15"; not "… chuyển đổi số" + "7. Thực hiện …"
    dated = "ngày" in line and _PLACE_DATE.match(line) is not None
    if dated:      # "Bắc" + "Kạn, ngày 03 tháng 8 năm 2021": a place name broken by the margin
        return " " if _PLACE_START.match(prev) else None      # else a line that starts a paragraph
    markers, _, mottos = _layout()
    may = _MARKER_OPENING.get(opening := line[:2])      # `_marker`, its cheap half
    if may is None:
        may = _MARKER_OPENING[opening] = markers.match(opening, partial=True) is not None
    marker = may and markers.match(line) is not None
    caps = is_caps(line)
    if (caps and len(line) <= 20 and not marker and _NUMBERED.match(prev) and not _ends_sentence(prev)
            and (not opens_signature(line) or heading_goes_on(prev))):
        return " "     # "II. NỘI DUNG, ... CÁC TIÊU" + "CHÍ": the end of a heading in capitals, not "KT. GIÁM ĐỐC"
    if (caps or marker or line.count("\t") >= 2 or line in mottos or prev in mottos
            or line.startswith(_openers_by_first().get(first, ())) or is_caps(prev)
            or ("ngày" in prev and _PLACE_DATE.match(prev))):
        return None
    short = len(prev) < _SHORT * width
    if prev.count("\t") >= 2 or (short and _may_be_name(prev) and _NAME_LINE.match(prev)):
        return None
    if not first.islower() and (short or _ends_sentence(prev)):
        return None
    if first.isupper() and _heading_then_body(prev, line, width):
        return None    # "5. Cải cách tài chính công" + "Chuyển đổi số trong …": a heading is its own line
    return " "


@cache
def _heading_words() -> tuple[int, frozenset[str], str]:
    """The longest heading, the words a heading's line ends in only when the heading goes on
    (patterns/sections.toml), and the marks that do the same."""
    heading = load("sections")["heading"]
    return heading["max_length"], frozenset(w.casefold() for w in heading["goes_on"]), heading["goes_on_marks"]


def heading_goes_on(prev: str) -> bool:
    """A heading's line that cannot end the heading: it ends in a word that wants the next ("và",
    "của"), a mark that does (",", "-"), or in a name that may go on (a capitalised word among its last
    two but its first: "của Thủ tướng" / "Chính phủ", "cho Chủ tịch" / "Ủy ban nhân dân", "Chương trình" /
    "Sữa học đường")."""
    _, words, marks = _heading_words()
    if prev[-1:] in marks:
        return True
    numbered = _NUMBERED.match(prev)
    heading = prev[numbered.end() - 1:].split() if numbered else prev.split()
    if not heading:
        return False
    return heading[-1].casefold() in words or any(_TITLED.match(w) for w in heading[1:][-2:])


def _heading_then_body(prev: str, line: str, width: int) -> bool:
    """`prev` is a whole numbered heading and `line`, which opens in a capital word, the text under it:
    the line is a sentence or a full line, and the heading's line is no longer than a full line (a
    longer one, in a narrow column, was surely broken by the margin); a heading's own second line is
    neither. Whether the line's first word would have fitted on the heading's is no test: a line's
    width in characters varies with its letters, and a small page's few lines tell it badly."""
    if len(prev) > _heading_words()[0] or not _NUMBERED.match(prev) or heading_goes_on(prev):
        return False
    if not _TITLED.match(line) or (width and len(prev) > width):
        return False
    return _ends_sentence(line) or (width > 0 and len(line) >= _SHORT * width)


@cache
def _signer_title() -> regex.Pattern[str]:
    data = load("people")
    prefixes = alternation([p.rstrip("./") for p in data["authority_prefixes"]])
    return regex.compile(rf"^(?:{prefixes}\s*[./]\s*\p{{Lu}}|{alternation(data['titles'])}(?![\p{{L}}]))")


def opens_signature(line: str) -> bool:
    """A signer's title or authority opens the line ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "PHÓ GIÁM
    ĐỐC"): the signature block, never the end of the heading before it."""
    return _signer_title().match(line) is not None
