"""The one grammar of document symbols: `1492/KH-SYT`, `60/2021/NĐ-CP`, `57-NQ/TW`.

Finding a number-and-symbol in text (`find_symbols`, `canonical`), the type a symbol names
(`type_from_symbol`), and taking a canonical key apart again (`parse_key`, used by identity):
the shapes live here once, the catalogues in `patterns/` confirm the letter groups, and
`symbol_parts` mends a part as the catalogues know it (its case, its dropped hyphens).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from vanban.extract.catalogue import (
    alternation,
    issuer_code,
    issuer_code_patterns,
    issuer_codes,
    known_code,
    known_group,
    load,
    type_by_abbr,
    unit_codes,
)
from vanban.extract.symbol_parts import joins, mended, official, party_types, plausible_group, split_party
from vanban.extract.text_index import matches_at, runs

# A group of a symbol: starts with a capital; mixed case is official for TTr, CTr, QyĐ, TTg.
_GROUP = r"\p{Lu}[\p{L}\d&]{0,14}"
# A dot inside a symbol is part of it (`101/QĐ.BQL-TC`, `QĐ. BQL-VP`; citations.md §2.6): a dot then a
# group of capitals, with a space only when a hyphen group follows (else it ends a sentence).
# A Roman numeral after the dot is the next heading (`103/2016/NĐ-CP.II. Số lượng`), not a part.
_DOTTED = (r"(?:\.(?![ ]?[IVX]+(?![\p{L}\d&]))"
           r"(?:\p{Lu}{2,}[\p{L}\d&]{0,12}|[ ]?\p{Lu}{2,}[\p{L}\d&]{0,12}(?=\s*-\s*\p{Lu})))")
# A term of the National Assembly typed apart from its code (`43/2013/QH 13`) is part of it (§2.2:
# no white space inside a symbol): the code family `QH<term>` of patterns/issuers.toml.
_TERM = r"(?:(?<=QH)[ \t]1\d(?![\d/]|[.,]\d))?"   # QH10-QH19: a lone digit after a space is no term
# Any group may carry a dotted part: `1330/QĐ-CT.UB`, `11/1998/QĐ-TC.CCVC` (§2.6).
_DGROUP = rf"{_GROUP}{_TERM}{_DOTTED}?"
_NUMBER = r"\d{1,5}[a-z]?"
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_SEP = r"\s*-\s*"
# What OCR leaves of a hand's digits (`3# /KH-SYT`, `4#12/KH-SYT`): a mark glued to a number that no
# running text puts there (not a letter, digit, space, or punctuation that opens or closes a number).
OCR_JUNK = r"[^\s\p{L}\d.,;:()\[\]“”‘’\"'%/–—-]"
# A later hyphen with white space or a line break around it (a table cell wraps a joint symbol:
# `15/2015/TTLT⏎-⏎BTNMT⏎-BNV⏎-BTC`) joins only a known issuer code or type abbreviation, never a
# bullet (`⏎- UBND tỉnh`: a line that opens with a hyphen and a space is a list item).
_JOIN = r"(?:[ \t]*-\s*|[ \t]*\n[ \t]*-(?![ \t])\s*)"


def _known_codes(types: bool = True) -> str:
    """The catalogues' codes (type abbreviations too, unless `types` is false) as one alternation,
    the code patterns (`QH15`) after."""
    words = [*issuer_codes(), *unit_codes(), *(type_by_abbr() if types else ())]
    patterns = [pat.pattern for pat, _ in issuer_code_patterns()]
    return "(?:" + "|".join([alternation(words), *patterns]) + r")(?![\p{L}\d&])"


def _lower_codes() -> str:
    """The known codes of two letters or more typed in lower case (`syt`, `kh`): one letter (`l`) is a word."""
    words = {w.lower() for w in [*issuer_codes(), *unit_codes(), *type_by_abbr()] if len(w) >= 2}
    return "(?:" + alternation(sorted(words)) + r")(?![\p{L}\d&])"


_KNOWN = _known_codes()
# A part typed in lower case after a hyphen (`124/KH-syt`): upper-cased when it is a known code (§2.3).
LOWER_CODE = _KNOWN_LOWER = _lower_codes()


def _cut_letters() -> str:
    """The last small letter of a code in mixed case that the margin cut off (`06/QĐ-TT⏎g`: `TTg`), after
    the rest of that code as a whole part; a small letter alone is no word, so the two are one part."""
    by_head: dict[str, list[str]] = {}
    for code in [*issuer_codes(), *type_by_abbr()]:
        if len(code) >= 3 and code[-1].islower() and code[:-1].isupper():
            by_head.setdefault(code[:-1], []).append(code[-1])
    alts = [rf"(?<=[-/]{regex.escape(head)})(?:[ ]+|[ ]*\n[ ]*)[{''.join(sorted(letters))}]"
            for head, letters in sorted(by_head.items())]
    return "(?:" + "|".join(alts) + r")(?![\p{L}\d&])"


_CUT_LETTER = _cut_letters()
# A part that a space or a line break cut off (`124/BC SYT`, `76/NQ⏎CP`; §2.2 no white space inside a
# symbol): an issuer or unit code standing as a code, followed by no letter, nor by a word in capitals
# (a heading's first words: `TU BỔ`); `_symbol` joins it only where the symbol lacks that part. A tab
# is a column's edge (a table's issuer column after `12/QĐ`), never inside a symbol.
_SPACED = (rf"(?P<spaced>[ ]+|[ ]*\n[ ]*)(?P<code>{_known_codes(types=False)})"
           r"(?![ \t]+\p{Lu}\p{Lu})")
# "Kế hoạch số45/KH-SYT": the number glued to its "số" (a typing slip) still starts a symbol
_GLUED_SO = r"(?<=(?<![\p{L}])(?:số|Số|SỐ))"

# Legal normative: 60/2021/NĐ-CP, 64/2025/QH15, 163/2013/TTLT-BTC-BNV, 144/2002/QĐ/BTC (old).
# Administrative: 1492/KH-SYT, 1377/SYT-VP, 27/UBND - KGVX, 76/NQCP (hyphen dropped).
# Party: 57-NQ/TW, 178- KL/TW, 367-QĐ/TWĐTN-VP.
_FULL = regex.compile(
    rf"""
    (?:(?<![\p{{L}}\d/.,-])|(?<=\d,)|{_GLUED_SO})(?<!{OCR_JUNK})     # "4#12/", "số #45/": junk glued to the number
    (?<![\p{{L}}\d][ \t]*{OCR_JUNK}+[ \t]+)    # "số # 45/": junk inside the sentence (a bullet "• 45/" is not)
    (?:
        (?P<num>{_NUMBER})(?:\.(?=\s+/))?\s*/\s*(?:(?P<year>{_YEAR})\s*/\s*)?
            (?P<sym>{_DGROUP}(?:{_SEP}{_DGROUP})?(?:[-/]{_DGROUP}|{_JOIN}{_KNOWN}|-{_KNOWN_LOWER}|{_CUT_LETTER})*)
            (?:{_SPACED})?
      |
        (?P<pnum>{_NUMBER})\s*-?\s*(?P<ptype>{_GROUP})\s*/\s*(?P<psym>{_GROUP}(?:-{_GROUP})*)
      |
        (?P<qnum>{_NUMBER})\s*-\s*(?P<qsym>{_GROUP})
    )
    (?![\p{{L}}\d/])
    """,
    regex.VERBOSE,
)
# A symbol typed in lower case (`76/nq-cp`), or whose first part was (`125/kh-SYT`): §2.3.
_LOWER_FULL = regex.compile(
    rf"(?:(?<![\p{{L}}\d/.,-])|{_GLUED_SO})(?P<num>{_NUMBER})\s*/\s*(?:(?P<year>{_YEAR})\s*/\s*)?"
    rf"(?P<sym>\p{{Ll}}{{1,12}}(?:-(?:[\p{{Ll}}\d]{{1,10}}|{_KNOWN}))*)(?![\p{{L}}\d/])"
)

_SPACES = regex.compile(r"\s+")


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

_SEPARATOR = regex.compile(r"[-/.]")

def _symbol(m: regex.Match[str], lower: bool = False) -> Symbol | None:
    if not lower and m.group("qnum"):
        # "06-CTrTU": a Party symbol whose slash was lost, repaired when both halves are known
        split = split_party(m.group("qsym"))
        if not split:
            return None
        return Symbol(f"{m.group('qnum')}-{split[0]}/{split[1]}", m.group("qnum"), None, split, True,
                      m.start(), m.end())
    if not lower and m.group("pnum"):
        if "-" not in m.string[m.start("pnum"):m.end("ptype")] and official(m.group("ptype")) not in party_types():
            return None           # "20NQ/TW" (hyphen lost) only for a Party type
        ptype = official(m.group("ptype"))
        rest = [official(g) for g in m.group("psym").split("-")]
        if ptype not in type_by_abbr() or not all(plausible_group(g, i == 0) for i, g in enumerate(rest)):
            return None
        return Symbol(f"{m.group('pnum')}-{ptype}/{'-'.join(rest)}", m.group("pnum"), None, (ptype, *rest),
                      True, m.start(), m.end())
    number, year = m.group("num"), m.group("year")
    sym = _SPACES.sub("", m.group("sym"))
    seps = _SEPARATOR.findall(sym)
    written = _SEPARATOR.split(sym)
    # a part typed in lower case is upper-cased (§2.3): in a symbol typed wholly so, or one known as a code
    groups = tuple(official(g.upper() if g.islower() else g) for g in written)
    if not all(groups) or not all(plausible_group(g, i == 0) for i, g in enumerate(groups)):
        return None
    if lower and not all(w.islower() for w in written) and not all(
            known_code(g) for g, w in zip(groups, written, strict=True) if w.islower()):
        return None         # "125/kh-SYT": the part in lower case must be a known code
    end = m.end()
    if m.groupdict().get("spaced") is not None:
        if joins(groups, m.group("code")):
            groups, seps = (*groups, m.group("code")), [*seps, "-"]
        else:
            end = m.start("spaced")  # "12/QĐ-UBND UBND tỉnh": the symbol was whole
    weak = False
    single = len(groups) == 1
    groups, seps = mended(groups, seps)
    if single and len(groups) == 1:
        if lower:
            return None     # "5/kg", "3/ubnd": lower case without hyphens is a symbol only when its parts are
        if year is None and not (issuer_code(groups[0]) and groups[0] not in type_by_abbr()):
            weak = True     # "499/BDN", "5/KH": a symbol only when "Công văn số" stands before it
    if lower and not any(known_group(g) for g in groups):
        return None
    sym = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:], strict=True))
    canonical = f"{number}/{year}/{sym}" if year else f"{number}/{sym}"
    return Symbol(canonical, number, int(year) if year else None, groups, False, m.start(), end, weak)


_UPPER = regex.compile(r"\p{Lu}")
_SYMBOL_NEXT = frozenset("./-")    # `12/KH`, `12./KH` (a dot before a spaced slash), `57-NQ/TW`


@cache
def _opens_group(char: str) -> bool:
    return bool(_UPPER.fullmatch(char))


def _symbol_starts(text: str) -> tuple[list[int], list[int]]:
    """Where `_FULL` and `_LOWER_FULL` can match: at a run of at most five digits (and one [a-z])
    followed, past spaces, by a slash, a dot or a hyphen, or for `_FULL` by a group's capital
    (`20NQ/TW`); every match of theirs starts at a digit that no digit precedes."""
    full, lower = [], []
    for r in runs(text):
        if r.length <= 5:
            nxt = r.after_letter
            if nxt in _SYMBOL_NEXT or _opens_group(nxt):
                full.append(r.start)
            if nxt == "/":
                lower.append(r.start)
    return full, lower


def find_symbols(text: str) -> list[Symbol]:
    """Every number-and-symbol in `text`, in order (header numbers included). A symbol in lower case
    is dropped where it starts inside one found by `_FULL`. Each pattern's matches stand apart, in text
    order (`matches_at`), so a symbol can start inside no other of its own pattern, and `_FULL`'s are
    disjoint and sorted: the one that could hold a lower-case symbol's start is found by bisection,
    not by a look at every symbol found (a report has hundreds)."""
    full, lower_starts = _symbol_starts(text)
    found = [s for m in matches_at(_FULL, text, full) if (s := _symbol(m))]
    if not lower_starts:
        return found
    starts = [s.start for s in found]
    lower = []
    for m in matches_at(_LOWER_FULL, text, lower_starts):
        s = _symbol(m, True)
        if s:
            i = bisect_right(starts, s.start) - 1
            if i < 0 or not s.start < found[i].end:
                lower.append(s)
    return sorted(found + lower, key=lambda s: s.start) if lower else found


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


# ---------------------------------------------------------------- canonical keys taken apart

_PARTY_KEY = regex.compile(r"^(?P<num>\d+\w?)-(?P<type>[^/]+)/(?P<codes>.+)$")
_STATE_KEY = regex.compile(r"^(?P<num>\d+\w?)/(?:(?P<year>\d{4})/)?(?P<sym>.+)$")


@dataclass(frozen=True)
class KeyParts:
    """A canonical key taken apart: `60/2021/NĐ-CP` -> 60, 2021, NĐ, (CP,)."""

    number: str
    year: int | None
    type_abbr: str | None
    codes: tuple[str, ...]        # issuer codes, the issuing body first (drafting unit after)
    party: bool = False           # the Party's form, `08-QĐ/TW`: its type abbreviations are not strict


def parse_key(canonical: str) -> KeyParts | None:
    """The parts of a canonical key, as `find_symbols` writes keys; None if it is not one."""
    m = _PARTY_KEY.match(canonical)
    if m:
        return KeyParts(m["num"], None, m["type"], tuple(m["codes"].split("-")), party=True)
    m = _STATE_KEY.match(canonical)
    if not m:
        return None
    groups = [g for g in regex.split(r"[-/]", m["sym"]) if g]
    type_abbr = groups[0] if groups and groups[0] in type_by_abbr() else None
    codes = tuple(groups[1:] if type_abbr else groups)
    return KeyParts(m["num"], int(m["year"]) if m["year"] else None, type_abbr, codes)


_PARTY_SYMBOL = regex.compile(r"\p{Lu}\p{L}*/")


def key_of(number: str | None, symbol: str | None, year: int | None = None) -> str | None:
    """A document's own number, symbol and year as a citation of it is keyed (citations.md §2):
    `30/2018/QĐ-UBND`, `124/BC-SYT`, a Party symbol `57-NQ/TW` (never with a year)."""
    if not number or not symbol:
        return None
    if not year and _PARTY_SYMBOL.match(symbol):
        return f"{number}-{symbol}"
    return f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"

