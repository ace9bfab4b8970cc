"""Cited documents (spec/citations.md): full, partial and named mentions, with canonical keys.

A full citation is found by the shape of its number and symbol (`1492/KH-SYT`,
`60/2021/NĐ-CP`, `57-NQ/TW`), which the document-type and issuer catalogues in `patterns/`
confirm; the type comes from the word before the number, else from the symbol; the issue date
and issuer are read from what directly follows ("ngày ...", "của ..."), or, for the date, from
a clause that says the document was issued that day.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass
from functools import cache

import regex

from vanban.extract import dates
from vanban.extract.catalogue import (
    alternation,
    issuer_code,
    issuer_codes,
    load,
    partial_types,
    type_by_abbr,
    type_by_word,
)
from vanban.extract.organisations import read_org, starts_org

# A group of a symbol: starts with a capital; mixed case is official for TTr, CTr, QyĐ, TTg.
_GROUP = r"\p{Lu}[\p{L}\d&]{0,14}"
_NUMBER = r"\d{1,5}[a-z]?"
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_SEP = r"\s*-\s*"

# Legal normative: 60/2021/NĐ-CP, 64/2025/QH15, 163/2013/TTLT-BTC-BNV, 144/2002/QĐ/BTC (old).
# Administrative: 1492/KH-SYT, 1377/SYT-VP, 27/UBND - KGVX, 76/NQCP (hyphen dropped).
# Party: 57-NQ/TW, 178- KL/TW, 367-QĐ/TWĐTN-VP.
_FULL = regex.compile(
    rf"""
    (?<![\p{{L}}\d/.,-])
    (?:
        (?P<num>{_NUMBER})(?:\.(?=\s+/))?\s*/\s*(?:(?P<year>{_YEAR})\s*/\s*)?
            (?P<sym>{_GROUP}(?:{_SEP}{_GROUP})?(?:[-/]{_GROUP})*)
      |
        (?P<pnum>{_NUMBER})\s*-?\s*(?P<ptype>{_GROUP})\s*/\s*(?P<psym>{_GROUP}(?:-{_GROUP})*)
      |
        (?P<qnum>{_NUMBER})\s*-\s*(?P<qsym>{_GROUP})
    )
    (?![\p{{L}}\d/])
    """,
    regex.VERBOSE,
)
_LOWER_FULL = regex.compile(
    rf"(?<![\p{{L}}\d/.,-])(?P<num>{_NUMBER})\s*/\s*(?:(?P<year>{_YEAR})\s*/\s*)?"
    r"(?P<sym>\p{Ll}{1,8}(?:-[\p{Ll}\d]{1,10})+)(?![\p{L}\d/])"
)
_HEADER_NUMBER = regex.compile(r"(?:^|[\n\t])\s*Số\s*:?\s*$")
_SPACES = regex.compile(r"\s+")
_SO_BEFORE = regex.compile(r"(?:^|(?<=\s))(?:số|Số|SỐ)\s*:?\s*$")
_NOT_BETWEEN = regex.compile(r"[.;:()\n\d]")
_DATE_AFTER = regex.compile(
    rf"\s*(?P<comma>,)?\s*\(?\s*(?:ban hành\s+)?(?:vào\s+)?(?:ngày|Ngày)\s*:?\s*{dates.DATE}")
_NEW_CLAUSE = regex.compile(r"[ \t]+(?!V/v)\p{Lu}")   # "..., ngày 10/3/2025 Sở Y tế ban hành ..."
_OF = regex.compile(r"\s*,?\s*(?:của|do)\s+")
_CLAUSE_DAY = regex.compile(rf"(?:(?:^|(?<=[.;:,\n\t]\s*)|(?<=^[-+•]\s*))[Nn]gày|Ngày)\s+{dates.DATE}")
_ANY_DAY = regex.compile(rf"[Nn]gày\s+{dates.DATE}")
_CLAUSE_END = regex.compile(r"[.;\n]")
_LIST_JOIN = regex.compile(r"[^.;\n]*?(?:,|(?<![\p{L}])và)\s*")   # what joins two items of one list
_LIST_REACH = 100
_PARTIAL_REST = regex.compile(           # within one paragraph: "KẾ HOẠCH⏎1. Các văn bản" is a heading
    r"(?P<mid>(?:[ \t]+\p{Ll}+){0,2}?)[ \t]+(?P<so>số[ \t]*:?[ \t]*)?(?P<n>\d{1,4}[a-z]?)"
    r"(?![\d\p{L}]|\s*[/.,-]\s*\d|\s*[/-]\s*\p{L})"
)
_YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
_SO_NUMBER = regex.compile(r"\s*số\s*:?\s*\d")
_COLON_DIGIT = regex.compile(r"\s*:?\s*\d")
_PAREN_ABBR = regex.compile(r"\s*\([\p{Lu}\d/&-]{2,15}\)")
_AND_LAW = regex.compile(r"[ \t]+và[ \t]+Luật(?![\p{L}])")   # "sửa đổi ... Luật A và Luật B": one amending law
_AFTER_YEAR = regex.compile(r"\s+(?:19|20)\d\d(?!\d)")


class _Spans:
    """Sorted spans already taken by other citations, asked "is this offset inside one?"."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


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
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass(frozen=True)
class Symbol:
    """A matched number-and-symbol with its canonical key."""

    canonical: str
    number: str
    year: int | None
    groups: tuple[str, ...]   # the symbol's letter groups, type first when it has one
    party: bool
    start: int
    end: int
    weak: bool = False        # one group that is no known issuer: a symbol only after "<type> số"


# ---------------------------------------------------------------- catalogue-driven patterns


@cache
def _type_words_lower() -> regex.Pattern[str]:
    """Type words (generic ones included) in lower case, matched on a lower-cased copy of the text:
    `regex` scans a plain alternation several times faster than a case-insensitive one."""
    words = {w.lower() for w in _raw_type_words()}
    return regex.compile(rf"(?<![\p{{L}}]){alternation(sorted(words))}(?![\p{{L}}])")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(w for w in _raw_type_words() if len(w) <= 3)


def _lowered(text: str) -> str:
    """`text` in lower case, one character for one so that offsets hold."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _type_words_in(text: str, low: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, word as written) of the type words in text[lo:hi]; full words in any case,
    abbreviations (`QĐ`, `KH`) only in their own."""
    out = []
    for m in _type_words_lower().finditer(low, lo, hi):
        word = text[m.start():m.end()]
        if len(word) > 3 or word in _abbreviations():
            out.append((m.start(), m.end(), word))
    return out


_NUMBER_ALONE = regex.compile(r"(?<![\p{L}\d/.,-])\d{1,4}[a-z]?(?![\d/])")
_PARTIAL_REACH = 45      # a partial citation's number stands at most this far after its type word


def _type_word_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word as written) of the type words that a number follows closely.

    Numbers are rarer than words, so the type words are looked for only just before a number,
    on a lower-cased copy (a plain alternation scans several times faster than a
    case-insensitive one)."""
    low = _lowered(text)
    seen: dict[int, tuple[int, int, str]] = {}
    for n in _NUMBER_ALONE.finditer(text):
        for found in _type_words_in(text, low, max(0, n.start() - _PARTIAL_REACH), n.start()):
            seen.setdefault(found[0], found)
    return [seen[k] for k in sorted(seen)]


@cache
def _raw_type_words() -> tuple[str, ...]:
    data = load("doc_types")
    out = [w for t in data["type"] for w in [t["name"], *t.get("words", [])]]
    return tuple(out + data["generic"]["words"])


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load("doc_types")["generic"]["words"])


def _type_of_word(word: str) -> str | None:
    """The type named by a word before a number; None for generic words like "Văn bản"."""
    key = word.casefold()
    if key in _generic_words():
        return None
    return type_by_word().get(key) or type_by_word().get(word)


@cache
def _issuing_verbs() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){alternation(load('organisations')['issuing_verbs'])}(?![\p{{L}}])")


@cache
def _measure_words() -> regex.Pattern[str]:
    words = load("citation_rules")["not_a_number_after"]
    return regex.compile(rf"\s*(?:%|{alternation(words, flags_i=True)}(?![\p{{L}}]))")


@cache
def _named_pattern() -> regex.Pattern[str]:
    rules = load("citation_rules")["named"]
    return regex.compile(rf"(?<![\p{{L}}]){alternation(rules['openers'])}\s+(?=[\p{{L}}])")


# ---------------------------------------------------------------- symbols


def _known_group(group: str) -> bool:
    return group in type_by_abbr() or issuer_code(group) is not None


def _plausible_group(group: str, first: bool) -> bool:
    """A letter group of a symbol: two capitals at least (`KH`, `TTg`) or a known short code; after
    the first group, a unit code may be a capital and digits (`A03`)."""
    if _known_group(group) or sum(1 for c in group if c.isupper()) >= 2:
        return True
    return not first and len(group) >= 2 and group[0].isupper() and group[1:].isdigit()


@cache
def _official_case() -> dict[str, str]:
    """Upper-cased abbreviation -> its official spelling (`CTR` -> `CTr`, `TTG` -> `TTg`)."""
    out = {c.upper(): c for c in issuer_codes()}
    out.update({a.upper(): a for a in type_by_abbr()})
    return out


def _official(group: str) -> str:
    """A known abbreviation misprinted in case (`06-Ctr/TU`) takes its official case (citations.md §2.3)."""
    return group if _known_group(group) else _official_case().get(group.upper(), group)


@cache
def _party_types() -> frozenset[str]:
    return frozenset(load("citation_rules")["party"]["types"])


@cache
def _party_issuers() -> frozenset[str]:
    return frozenset(load("citation_rules")["party"]["issuers"])


def _split_party(group: str) -> tuple[str, str] | None:
    """`CTrTU` -> (`CTr`, `TU`) when a Party type and a Party issuer make it up."""
    for i in range(1, len(group)):
        head, tail = _official(group[:i]), group[i:]
        if head in _party_types() and tail in _party_issuers():
            return head, tail
    return None


def _split_dropped_hyphen(group: str) -> tuple[str, str] | None:
    """`NQCP` -> (`NQ`, `CP`) when both halves are known (citations.md §2 rule 5)."""
    for i in range(1, len(group)):
        head, tail = group[:i], group[i:]
        if head in type_by_abbr() and issuer_code(tail) is not None:
            return head, tail
    return None


def _symbol(m: regex.Match[str], lower: bool = False) -> Symbol | None:
    if not lower and m.group("qnum"):
        # "06-CTrTU": a Party symbol whose slash was lost, repaired when both halves are known
        split = _split_party(m.group("qsym"))
        if not split:
            return None
        return Symbol(f"{m.group('qnum')}-{split[0]}/{split[1]}", m.group("qnum"), None, split, True,
                      m.start(), m.end())
    if not lower and m.group("pnum"):
        if "-" not in m.string[m.start("pnum"):m.end("ptype")] and _official(m.group("ptype")) not in _party_types():
            return None           # "20NQ/TW" (hyphen lost) only for a Party type
        ptype = _official(m.group("ptype"))
        rest = [_official(g) for g in m.group("psym").split("-")]
        if ptype not in type_by_abbr() or not all(_plausible_group(g, i == 0) for i, g in enumerate(rest)):
            return None
        return Symbol(f"{m.group('pnum')}-{ptype}/{'-'.join(rest)}", m.group("pnum"), None, (ptype, *rest),
                      True, m.start(), m.end())
    number, year = m.group("num"), m.group("year")
    sym = _SPACES.sub("", m.group("sym"))
    if lower:
        sym = sym.upper()
    seps = regex.findall(r"[-/]", sym)
    groups = tuple(_official(g) for g in regex.split(r"[-/]", sym))
    if not all(groups) or not all(_plausible_group(g, i == 0) for i, g in enumerate(groups)):
        return None
    weak = False
    if len(groups) == 1:
        split = _split_dropped_hyphen(groups[0])
        if split:
            groups, seps = split, ["-"]
        elif year is None and not (issuer_code(groups[0]) and groups[0] not in type_by_abbr()):
            weak = True     # "499/BDN", "5/KH": a symbol only when "Công văn số" stands before it
    if lower and not any(_known_group(g) for g in groups):
        return None
    sym = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:], strict=True))
    canonical = f"{number}/{year}/{sym}" if year else f"{number}/{sym}"
    return Symbol(canonical, number, int(year) if year else None, groups, False, m.start(), m.end(), weak)


def find_symbols(text: str) -> list[Symbol]:
    """Every number-and-symbol in `text`, in order (header numbers included)."""
    found: dict[int, Symbol] = {}
    for pattern, lower in ((_FULL, False), (_LOWER_FULL, True)):
        for m in pattern.finditer(text):
            s = _symbol(m, lower)
            if s and not any(o.start <= s.start < o.end for o in found.values()):
                found[s.start] = s
    return [found[k] for k in sorted(found)]


def canonical(text: str) -> str | None:
    """The canonical key of the one citation in `text`, if there is one."""
    found = find_symbols(text)
    return found[0].canonical if found else None


def type_from_symbol(sym: Symbol) -> str | None:
    if sym.party:
        return type_by_abbr().get(sym.groups[0])
    first = sym.groups[0]
    if first in type_by_abbr():
        return type_by_abbr()[first]
    if regex.fullmatch(r"(?:UBTV)?QH\d{1,2}", first):
        return None            # a law or a resolution of the National Assembly: the symbol cannot tell
    return load("doc_types")["letter"]["name"]


# ---------------------------------------------------------------- context: type word, date, issuer


def _type_before(text: str, start: int, floor: int) -> tuple[str | None, int, bool] | None:
    """The type word before a number at `start`: (type, where the word starts, generic?).

    The word stands right before the number ("Thông tư 32/2023/...", "QĐ 4210/..."), or a few
    words before "số" ("kế hoạch cải cách hành chính số 4266/...").
    """
    window_start = max(floor, start - 120)
    before = text[window_start:start]
    m = _SO_BEFORE.search(before)
    limit = len(before) if m is None else m.start()
    for cand_start, cand_end, word in reversed(_type_words_in(before, _lowered(before), 0, limit)):
        between = before[cand_end:limit]
        if m is None and between.strip():
            continue
        if m is not None and (len(between.split()) > 10 or _NOT_BETWEEN.search(between)):
            continue
        return _type_of_word(word), window_start + cand_start, word.casefold() in _generic_words()
    if m is not None:
        return None, window_start + m.start(), False
    return None


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _DATE_AFTER.match(text, pos)
    if not m:
        return None, pos
    iso = dates.from_match(m)
    if not iso or (m.group("comma") and _NEW_CLAUSE.match(text, m.end())):
        return None, pos              # "..., ngày 10/3/2025 Sở Y tế ban hành ...": the next clause's date
    end = m.end()
    if text[m.start():m.end()].lstrip(" ,").startswith("(") and text[end:end + 1] == ")":
        end += 1
    return iso, end


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _OF.match(text, pos)
    if not m or not starts_org(text, m.end()):
        return None, pos
    found = read_org(text, m.end())
    if not found:
        return None, pos
    return " ".join(found[0].split()), found[1]


def _issued_on_before(text: str, start: int, floor: int) -> str | None:
    """`Ngày 01/7/2025, UBND tỉnh ... ban hành Quyết định số 273/...`: a clause that opens with the
    day and says the document was issued then (citations.md §3); never an event date elsewhere."""
    window = text[max(floor, start - 160):start]
    best = None
    # "ngày" opens a clause after punctuation; a capital "Ngày" opens one wherever it stands.
    for m in _CLAUSE_DAY.finditer(window):
        best = m
    if best is None:
        return None
    between = window[best.end():]
    if _CLAUSE_END.search(between) or not _issuing_verbs().search(between):
        return None
    return dates.from_match(best)


# ---------------------------------------------------------------- the finders


def _paragraph_floor(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def find_full(text: str) -> list[Citation]:
    """Full citations (number and symbol), in text order; header numbers (`Số: 124/BC-SYT`)
    and blank numbers are the document's own metadata and are left out."""
    out: list[Citation] = []
    symbols = find_symbols(text)
    prev_end = 0
    pre_dated: Citation | None = None       # the last citation dated by "Ngày ..., X ban hành ..."
    for sym in symbols:
        floor = _paragraph_floor(text, sym.start)
        if _HEADER_NUMBER.search(text, max(floor - 1, 0), sym.start):
            prev_end = sym.end
            continue
        found = _type_before(text, sym.start, max(floor, prev_end))
        if sym.weak and not (found and (found[0] or found[2])):
            continue                                   # "499/BDN" counts only as "Công văn số 499/BDN"
        raw_start = found[1] if found else sym.start
        doc_type = (found[0] if found else None) or type_from_symbol(sym)
        date, end = _date_after(text, sym.end)
        issuer, end = _issuer_after(text, end)
        if date is None and issuer is not None:
            date, end = _date_after(text, end)          # "... của Sở Y tế ngày 17/9/2025"
        pre = None
        if date is None:
            day = _last_day(text, raw_start, floor)
            alone = not any(day <= o.start < sym.start for o in symbols)
            pre = _issued_on_before(text, raw_start, floor) if alone else None
            if pre is None and pre_dated is not None and raw_start - pre_dated.span[1] <= _LIST_REACH \
                    and _LIST_JOIN.fullmatch(text, pre_dated.span[1], raw_start):
                pre = pre_dated.date     # "ban hành Quyết định số A (về ...) và Kế hoạch số B": the same day
            date = pre
        out.append(Citation("full", sym.canonical, doc_type, sym.number, sym.year, date, issuer,
                            text[raw_start:end], (raw_start, end)))
        pre_dated = out[-1] if pre else None
        prev_end = sym.end
    return out


def _last_day(text: str, pos: int, floor: int) -> int:
    """Offset of the last "Ngày <date>" before `pos` in its paragraph (or `pos` if none)."""
    last = pos
    for m in _ANY_DAY.finditer(text, floor, pos):
        last = m.start()
    return last


def find_partial(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    """`Nghị quyết 128 của Chính phủ`, `Đề án 06`, `thông báo khẩn số 125`: type and number, no symbol."""
    out = []
    covered = _Spans(taken)
    for start, end_word, word in _type_word_matches(text):
        doc_type = _type_of_word(word)
        if doc_type not in partial_types() or covered.covers(start):
            continue
        rest = _PARTIAL_REST.match(text, end_word)
        if not rest:
            continue
        if not rest.group("so") and (rest.group("mid").strip() or not word[0].isupper()):
            continue
        n = rest.group("n")
        if not rest.group("so") and _YEAR_LIKE.fullmatch(n):
            continue                         # "Kế hoạch 2025" is a plan of a year, not plan no. 2025
        date, end = _date_after(text, rest.end())
        if date is None and _measure_words().match(text, rest.end()):
            continue                         # "47 ngày" is a count of days; "số 47 ngày 13/12/2024" is not
        issuer, end = _issuer_after(text, end)
        if date is None and issuer is not None:
            date, end = _date_after(text, end)
        end = max(rest.end(), end)
        out.append(Citation("partial", None, doc_type, n, None, date, issuer, text[start:end], (start, end)))
    return out


_NAME_WORD = regex.compile(r"[^\s,;.:!?…()“”\"]+")


def find_named(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    """Laws, codes and ordinances cited by name: `Luật Bảo hiểm xã hội năm 2024`."""
    rules = load("citation_rules")["named"]
    stops, inner_and, not_first = _law_rules()
    covered = _Spans(taken)
    out: list[Citation] = []
    for m in _named_pattern().finditer(text):
        if covered.covers(m.start()) or (out and out[-1].span[1] > m.start()):
            continue                         # the amended law inside an amending law's name
        first = _NAME_WORD.match(text, m.end())
        if not first or first.group().casefold() in not_first or first.group()[0].isdigit():
            continue
        end = _law_name_end(text, m.end(), stops, inner_and, rules)
        if _SO_NUMBER.match(text, end):
            continue                         # "Luật ... số 15/2023/QH15" is a full citation
        out.append(Citation("named", None, _law_type(m.group()), None, None, None, None,
                            text[m.start():end], (m.start(), end)))
    return out


@cache
def _law_rules() -> tuple[regex.Pattern[str], regex.Pattern[str], frozenset[str]]:
    rules = load("citation_rules")["named"]
    stops = regex.compile(rf"[ \t]+{alternation(rules['stops'])}(?![\p{{L}}])")
    inner_and = regex.compile(rf"[ \t]+và[ \t]+{alternation(rules['and_continues'])}(?![\p{{L}}])")
    return stops, inner_and, frozenset(w.casefold() for w in rules["not_first_words"])


def _law_name_end(text: str, pos: int, stops: regex.Pattern[str], inner_and: regex.Pattern[str],
                  rules: dict) -> int:
    """Where a law's name that starts at `pos` ends: at punctuation, a word that starts the rest
    of the sentence, or just after "năm <year>"."""
    comma_words = tuple(rules["comma_continues"])
    end = i = pos
    for _ in range(rules["max_words"]):
        while text[i:i + 1] in (" ", "\t"):
            i += 1
        word = _NAME_WORD.match(text, i)
        if word is None:
            if text.startswith(",", i) and (
                    text[i + 1:].lstrip(" ").startswith(comma_words) or _comma_goes_on(text, i, pos, stops)):
                i += 1                       # "Luật Phòng, chống ...", "Luật Bảo vệ, chăm sóc sức khỏe ..."
                continue
            paren = _PAREN_ABBR.match(text, end)
            return paren.end() if paren else end
        amending_and = "sửa đổi" in text[pos:end].lower() and _AND_LAW.match(text, end)
        if end > pos and not inner_and.match(text, end) and not amending_and and (
                stops.match(text, end) or (text.startswith(" của ", end) and starts_org(text, end + 5))):
            return end
        w = word.group()
        if w == "số" and _COLON_DIGIT.match(text, word.end(), word.end() + 4):
            return end                       # "Luật Công nghệ cao số 21/2008/QH12": a full citation
        if w == "năm":
            year = _AFTER_YEAR.match(text, word.end())
            return year.end() if year else end
        if w[0].isdigit():
            return end
        end = i = word.end()
    return end


_LOWER_WORD = regex.compile(r"[ \t]*\p{Ll}+(?![\p{L}\d])")


def _comma_goes_on(text: str, comma: int, start: int, stops: regex.Pattern[str]) -> bool:
    """A comma early in a law's name, before a lower-case word that starts nothing else, joins two
    verbs of one name (`Bảo vệ, chăm sóc`, `Khiếu nại, tố cáo`); a list goes on in capitals."""
    return (len(text[start:comma].split()) <= 3 and bool(_LOWER_WORD.match(text, comma + 1))
            and not stops.match(text, comma + 1))


def _law_type(opener: str) -> str:
    for kind in ("Pháp lệnh", "Hiến pháp"):
        if opener.strip().startswith(kind):
            return kind
    return "Luật"


def find_citations(text: str) -> list[Citation]:
    """Every citation in normalised `text`, in text order."""
    full = find_full(text)
    taken = [c.span for c in full]
    partial = find_partial(text, taken)
    named = find_named(text, taken + [c.span for c in partial])
    return sorted(full + partial + named, key=lambda c: c.span[0])
