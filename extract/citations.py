"""Cited documents (spec/citations.md): full, partial and named mentions, with canonical keys.

A full citation is found by the shape of its number and symbol (`1492/KH-SYT`,
`60/2021/NĐ-CP`, `57-NQ/TW`), which the document-type and issuer catalogues in `patterns/`
confirm; the type comes from the word before the number, else from the symbol; the issue date
and issuer are read from what directly follows ("ngày ...", "của ..."), or, for the date, from
a clause that says the document was issued that day.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

import regex

from vanban.extract import catalogue, dates
from vanban.extract import citation_context as ctx
from vanban.extract.catalogue import alternation, load, partial_types, year_types
from vanban.extract.laws import find_laws
from vanban.extract.self_reference import Own, own_line, own_symbol
from vanban.extract.spans import Span, SpanSet
from vanban.extract.symbols import OCR_JUNK, Symbol, canonical, find_symbols, type_from_symbol
from vanban.extract.text_index import lowered, runs, word_places

__all__ = ["Citation", "Symbol", "canonical", "find_citations", "find_full", "find_named", "find_partial",
           "find_symbols", "type_from_symbol"]

# The header's own number line, also when OCR glued specks to its number (`Số: ó.⁄4/YTDP-SR`).
_HEADER_NUMBER = regex.compile(r"(?:^|[\n\t])\s*Số\s*:?\s*[^\s\d]{0,4}$")
# "số 531 1/BYT-BM-TE": after "số" stands one number, so a digit group a single space before the
# number of a symbol is its head that OCR split off (citations.md §2.2: no white space inside)
_SPLIT_HEAD = regex.compile(r"(?<![\p{L}\d])(?:số|Số|SỐ)[ \t]*:?[ \t]*(?P<head>\d{1,4}) $")
_ANY_DAY = regex.compile(rf"[Nn]gày\s+{dates.DATE}")
_LIST_JOIN = regex.compile(r"[^.;\n]*?(?:,|(?<![\p{L}])và)\s*")   # what joins two items of one list
_LIST_REACH = 100
_PARTIAL_REST = regex.compile(           # within one paragraph: "KẾ HOẠCH⏎1. Các văn bản" is a heading
    r"(?P<mid>(?:[ \t]+\p{Ll}+){0,2}?)[ \t]+(?P<so>(?:số|SỐ)[ \t]*:?[ \t]*)?(?P<n>\d{1,4}[a-z]?)"
    # "Thông tư 24/2020": a legal kind's number and year with no symbol (doc_types.toml `year`)
    r"(?:/(?P<year>(?:19[4-9]\d|20\d\d)))?"
    # a number run into OCR junk before a symbol ("3# /KH-SYT", "3 #/KH-SYT") is not one we can
    # read: no citation, as a blank one; a dot goes on with a number only when a digit touches it
    # ("57.2"): "Nghị quyết 57.⏎2. ..." ends a sentence before the next numbered line
    rf"(?![\d\p{{L}}]|\s*[/,-]\s*\d|\.\d|\s*[/-]\s*\p{{L}}|\s*{OCR_JUNK}+[\d\s]*[/-])"
)
# a lower-case type word cites a document after a word that refers to one ("theo nghị định 68")
_LOWER_CITED = regex.compile(r"(?<![\p{L}])(?:theo|tại|của|căn cứ|thực hiện|và)[ \t]+$")
_COMPONENT = regex.compile(r"\s*\(\s*\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2}\s+(?:số\s*)?\d")
_YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
# "Nghị định 87,88,31/CP": numbers written before one symbol share it (citations.md §2.7), and the
# date and issuer written after it when they share its year too; each with
# its own year where the symbol carries one ("Nghị định số 43/2006, 16/2015 và 60/2021/NĐ-CP"); the
# margin may break the list after a comma ("số 312,⏎315/QĐ-UBND")
_AND = r"[ \t]*(?:,|;|(?<![\p{L}])và)[ \t]*(?:\n[ \t]*)?"
_ITEM = r"\d{1,5}[a-z]?(?:/(?:19[4-9]\d|20\d\d)(?![\d/]))?"
_SHARED_NUMBERS = regex.compile(rf"(?<![\p{{L}}\d/.,-]){_ITEM}(?:{_AND}{_ITEM})*{_AND}$")
_SHARED_ITEM = regex.compile(r"(?P<n>\d{1,5}[a-z]?)(?:/(?P<y>\d{4}))?")


@dataclass
class Citation:
    kind: str                       # full | partial | named
    canonical: str | None
    doc_type: str | None
    number: str | None
    year: int | None
    date: str | None
    issuer: str | None
    raw: str
    span: tuple[int, int]
    page: int | None = None

    def to_dict(self) -> dict:
        """The fields in order, written out: `dataclasses.asdict` deep-copies each value and was a
        tenth of building a record's citations."""
        return {"kind": self.kind, "canonical": self.canonical, "doc_type": self.doc_type,
                "number": self.number, "year": self.year, "date": self.date, "issuer": self.issuer,
                "raw": self.raw, "span": list(self.span), "page": self.page}



# ---------------------------------------------------------------- catalogue-driven patterns


_NUMBER_ALONE = regex.compile(r"(?<![\p{L}\d/.,-])\d{1,4}[a-z]?(?:(?![\d/])|(?=/(?:19[4-9]\d|20\d\d)(?![\d/])))")
_PARTIAL_REACH = 45      # a partial citation's number stands at most this far after its type word


def _numbers_alone(text: str) -> list[int]:
    """Where `_NUMBER_ALONE` matches (`finditer`): at a run of at most four digits, read from the
    character before it and the one after it where those are ASCII, else by the pattern. An ASCII
    letter or `/.,-` before the run fails its lookbehind (a digit cannot stand there: runs are
    whole); any other ASCII character (or none) passes it, and then only a `/` after the digits can
    fail the rest (they are all taken, a letter after them is optional, and no digit follows). A
    match never reaches the next run, so each run is judged alone, as `matches_at` would."""
    out = []
    match = _NUMBER_ALONE.match
    for r in runs(text):
        if r.length > 4:
            continue
        before = text[r.start - 1:r.start]
        if before.isascii():
            if before and (before.isalpha() or before in "/.,-"):
                continue
            if r.next != "/":
                out.append(r.start)
                continue
        if match(text, r.start):
            out.append(r.start)
    return out


def _type_word_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word as written) of the type words that a number follows closely: what
    `citation_context.type_words_in` finds in the window of `_PARTIAL_REACH` characters before each number.

    Numbers are rarer than words, so the type words are looked for only just before a number, on
    the lower-cased copy (a plain alternation scans several times faster than a case-insensitive
    one), and the pattern is tried only where `re` finds one of the words in those windows."""
    low = lowered(text)
    windows = [(max(0, at - _PARTIAL_REACH), at) for at in _numbers_alone(text)]
    stretches: list[tuple[int, int]] = []
    for lo, hi in windows:                  # the windows' union, each stretch scanned once
        if stretches and lo <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], hi)
        else:
            stretches.append((lo, hi))
    starts = word_places(low, ctx.lower_type_words(), stretches)
    pattern = ctx.type_words_lower()
    seen: dict[int, tuple[int, int, str]] = {}
    for lo, hi in windows:                  # each window's scan: from its start, match after match
        i = bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            m = pattern.match(low, starts[i], hi)
            if not m:
                i += 1
                continue
            word = text[m.start():m.end()]
            if len(word) > 3 or word in ctx.abbreviations():
                seen.setdefault(m.start(), (m.start(), m.end(), word))
            i = bisect_left(starts, m.end(), i)
    return [seen[k] for k in sorted(seen)]


@cache
def _lower_partial() -> frozenset[str]:
    return frozenset(load("citation_rules")["lower_partial"])


@cache
def _count_after() -> regex.Pattern[str]:
    """A counting noun after a number: "5 người" counts, it cites nothing."""
    units = [w for ws in load("metrics")["count_units"].values() for w in ws]
    return regex.compile(rf"[ \t]+{alternation(units, flags_i=True)}(?![\p{{L}}])")


@cache
def _measure_words() -> regex.Pattern[str]:
    words = load("citation_rules")["not_a_number_after"]
    return regex.compile(rf"\s*(?:%|{alternation(words, flags_i=True)}(?![\p{{L}}]))")


# ---------------------------------------------------------------- the finders


def _paragraph_floor(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _joined(text: str, sym: Symbol) -> Symbol:
    """The symbol with the head of its number that OCR split off by a space (`số 531 1/BYT-BM-TE`
    is 5311/BYT-BM-TE), else as found."""
    m = _SPLIT_HEAD.search(text, max(0, sym.start - 12), sym.start)
    if not m or not sym.number.isdigit() or len(m.group("head")) + len(sym.number) > 5:
        return sym
    number = m.group("head") + sym.number
    return replace(sym, canonical=number + sym.canonical[len(sym.number):], number=number,
                   start=m.start("head"))


def find_full(text: str) -> list[Citation]:
    """Full citations (number and symbol), in text order; header numbers (`Số: 124/BC-SYT`)
    and blank numbers are the document's own metadata and are left out."""
    out: list[Citation] = []
    symbols = [_joined(text, s) for s in find_symbols(text)]
    own = own_line(text)
    prev_end = 0
    pre_dated: Citation | None = None       # the last citation dated by "Ngày ..., X ban hành ..."
    for sym in symbols:
        floor = _paragraph_floor(text, sym.start)
        if (own and own[0] <= sym.start < own[1]) or _HEADER_NUMBER.search(text, max(floor - 1, 0), sym.start):
            prev_end = sym.end
            continue
        # a list may start on the line before when the symbol opens its line ("312,⏎315/QĐ-UBND")
        reach = _paragraph_floor(text, floor - 1) if floor and not text[floor:sym.start].strip() else floor
        shared = _SHARED_NUMBERS.search(text, max(reach, prev_end, sym.start - 60), sym.start)
        if shared and sym.year is None and "/" in shared.group():
            shared = None                              # "12/2020, 15/QĐ-UBND": a year only a legal symbol holds
        head = shared.start() if shared else sym.start
        floor = min(floor, _paragraph_floor(text, head))
        if ctx.names_form(text, head, max(floor, prev_end)):
            prev_end = sym.end
            continue                                   # "Mẫu số 01/PLI": a form, not a document
        found = ctx.type_before(text, head, max(floor, prev_end), catalogue.type_by_abbr().get(sym.groups[0]))
        siblings: list[Citation] = []
        if shared and found and found[0]:
            siblings = _sharing(text, shared, sym, found[0], found[1])
            out.extend(siblings)
            found = (found[0], sym.start, found[2])
        elif text[sym.start - 1:sym.start] == ",":
            continue                                   # "3,5/KH": a decimal, not a list of numbers
        if sym.weak and not (found and (found[0] or found[2])):
            continue                                   # "499/BDN" counts only as "Công văn số 499/BDN"
        raw_start = found[1] if found else sym.start
        doc_type = (found[0] if found else None) or type_from_symbol(sym)
        date, end, stated = ctx.date_after(text, sym.end)
        issuer, end = ctx.issuer_after(text, end)
        if not stated and issuer is not None:
            date, end, stated = ctx.date_after(text, end)   # "... của Sở Y tế ngày 17/9/2025"
        pre = None
        if not stated:
            day = _last_day(text, raw_start, floor)
            alone = not any(day <= o.start < sym.start for o in symbols)
            pre = ctx.issued_on_before(text, raw_start, floor, doc_type) if alone else None
            if pre is None and pre_dated is not None and raw_start - pre_dated.span[1] <= _LIST_REACH \
                    and _LIST_JOIN.fullmatch(text, pre_dated.span[1], raw_start):
                pre = pre_dated.date     # "ban hành Quyết định số A (về ...) và Kế hoạch số B": the same day
            date = pre
        out.append(Citation("full", sym.canonical, doc_type, sym.number, sym.year, date, issuer,
                            text[raw_start:end], (raw_start, end)))
        for sibling in siblings:        # "Quyết định số 112, 113, 114/QĐ-SYT ngày 20/01/2026": one day, one issuer
            if sibling.year == sym.year:                # "43/2006, 16/2015 và 60/2021/NĐ-CP ngày …": 60's alone
                sibling.date, sibling.issuer = date, issuer
        pre_dated = out[-1] if pre else None
        prev_end = sym.end
    return sorted(out, key=lambda c: c.span[0])


def _sharing(text: str, shared: regex.Match[str], sym: Symbol, doc_type: str, word_at: int) -> list[Citation]:
    """The numbers of a list before one symbol (`87,88,` of `87,88,31/CP`), each a citation of its own;
    the first one's raw starts at the type word."""
    suffix = sym.canonical[len(sym.number):]
    bare = suffix[len(f"/{sym.year}"):] if sym.year else suffix       # the symbol without its year
    out = []
    for i, n in enumerate(_SHARED_ITEM.finditer(text, pos=shared.start(), endpos=shared.end())):
        start = word_at if i == 0 else n.start()
        key, year = (f"{n['n']}/{n['y']}{bare}", int(n["y"])) if n["y"] else (f"{n['n']}{suffix}", sym.year)
        out.append(Citation("full", key, doc_type, n["n"], year, None, None, text[start:n.end()], (start, n.end())))
    return out


def _last_day(text: str, pos: int, floor: int) -> int:
    """Offset of the last "Ngày <date>" before `pos` in its paragraph (or `pos` if none)."""
    last = pos
    for m in _ANY_DAY.finditer(text, floor, pos):
        last = m.start()
    return last


def find_partial(text: str, taken: list[Span]) -> list[Citation]:
    """`Nghị quyết 128 của Chính phủ`, `Đề án 06`, `thông báo khẩn số 125`, `Thông tư 24/2020`: type and
    number, no symbol; never the document itself (citations.md §1)."""
    out = []
    covered = SpanSet(taken)
    own: Own | bool | None = False      # read once, when a partial is first met
    for start, end_word, word in _type_word_matches(text):
        doc_type = catalogue.type_of_word(word)
        if doc_type not in partial_types() or covered.covers(start) or (out and start < out[-1].span[1]):
            continue                         # "Thông báo kết luận số 46": one Thông báo, the longest phrase
        rest = _PARTIAL_REST.match(text, end_word)
        if not rest:
            continue
        if rest.group("year") and doc_type not in year_types():
            continue                         # "Kế hoạch 3/2020": a month and a year, not a plan's symbol
        cited = word.lower() in _lower_partial() and _LOWER_CITED.search(text[max(0, start - 20):start]) \
            and not _count_after().match(text, rest.end())
        if not rest.group("so") and (rest.group("mid").strip() or (not word[0].isupper() and not cited)):
            continue                         # "theo nghị định 68" cites; "các chương trình 3 năm" counts
        if ctx.mid_breaks().intersection(rest.group("mid").split()):
            continue                         # "quy định tại mẫu số 03": a verb; the number is the form's
        if _COMPONENT.match(text, rest.end()):
            continue                         # "Dự án 2 (Chương trình 135)": a part of the programme
        n = rest.group("n")
        if not rest.group("so") and _YEAR_LIKE.fullmatch(n):
            continue                         # "Kế hoạch 2025" is a plan of a year, not plan no. 2025
        date, end, stated = ctx.date_after(text, rest.end())
        if not stated and _measure_words().match(text, rest.end()):
            continue                         # "47 ngày" is a count of days; "số 47 ngày 13/12/2024" is not
        issuer, end = ctx.issuer_after(text, end)
        if not stated and issuer is not None:
            date, end, stated = ctx.date_after(text, end)
        if own is False:
            own = own_symbol(text)
        if isinstance(own, Own) and own.named_by(doc_type, n, issuer, date):
            continue                         # "(Biểu của QĐ 144 đính kèm)" in Quyết định 144 itself
        end = max(rest.end(), end)
        year = int(rest.group("year")) if rest.group("year") else None
        out.append(Citation("partial", None, doc_type, n, year, date, issuer, text[start:end], (start, end)))
    return out


def find_named(text: str, taken: list[Span]) -> list[Citation]:
    """Laws, codes and ordinances cited by name: `Luật Bảo hiểm xã hội năm 2024`."""
    return [Citation("named", None, kind, None, None, None, None, text[start:end], (start, end))
            for start, end, kind in find_laws(text, taken)]


def find_citations(text: str) -> list[Citation]:
    """Every citation in normalised `text`, in text order."""
    full = find_full(text)
    taken = [c.span for c in full]
    partial = find_partial(text, taken)
    named = find_named(text, taken + [c.span for c in partial])
    return sorted(full + partial + named, key=lambda c: c.span[0])
