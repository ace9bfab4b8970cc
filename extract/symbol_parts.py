"""The parts of a document symbol read against the catalogues (citations.md §2.3, §2.5): a part's
official spelling (`Ctr` -> `CTr`, `QD` -> `QĐ`), a part whose hyphens were dropped split into
known codes (`TTLTBYTBNV`, `SYTVP`), a part cut off by white space that the symbol lacks.

Kept apart from `symbols`, which holds the grammar that finds a symbol in text.
"""

from __future__ import annotations

from functools import cache

from vanban.extract.catalogue import (
    issuer_code,
    issuer_codes,
    known_code,
    known_group,
    load,
    type_by_abbr,
    unit_codes,
)


def _known_part(group: str) -> bool:
    """A part that may follow a symbol's first: an issuer's code or a drafting unit's (`BYT`, `VP`)."""
    return issuer_code(group) is not None or group in unit_codes()


def plausible_group(group: str, first: bool) -> bool:
    """A letter group of a symbol: two capitals at least (`KH`, `TTg`) or a known short code; after
    the first group, a unit code may be a capital and digits (`A03`)."""
    if known_group(group) or sum(1 for c in group if c.isupper()) >= 2:
        return True
    return not first and len(group) >= 2 and group[0].isupper() and group[1:].isdigit()


@cache
def _official_case() -> dict[str, str]:
    """Upper-cased abbreviation -> its official spelling (`CTR` -> `CTr`, `TTG` -> `TTg`)."""
    out = {c.upper(): c for c in issuer_codes()}
    out.update({a.upper(): a for a in type_by_abbr()})
    return out


def _without_dd(group: str) -> str:
    return group.upper().replace("Đ", "D")


@cache
def _official_dd() -> dict[str, str]:
    """An abbreviation with `Đ` typed as `D` -> its official spelling (`QD` -> `QĐ`, `HDND` -> `HĐND`);
    a spelling two abbreviations share (`HD`: HĐ and HD) is left out, it cannot say which is meant."""
    out: dict[str, str | None] = {}
    for official in _official_case().values():
        key = _without_dd(official)
        out[key] = None if out.get(key, official) != official else official
    return {k: v for k, v in out.items() if v is not None}


def official(group: str) -> str:
    """A known abbreviation misprinted in case (`06-Ctr/TU`) takes its official case (citations.md §2.3);
    one whose `Đ` was typed `D` (a keyboard or an OCR layer without Vietnamese: `1675/QD-UBND`,
    `60/2021/ND-CP`) takes its `Đ` back. Both are the same repair as a dropped hyphen (§2.5): a part
    that is no known abbreviation becomes one, so one directive written either way is one key. A part
    known as written (`HD` Hướng dẫn, `DA` Dự án, `UBND`) is never changed."""
    group = group.replace("Ð", "Đ").replace("ð", "đ")   # Latin eth (U+00D0) for Đ: an old font's or encoder's
    if known_code(group):
        return group
    return _official_case().get(group.upper()) or _official_dd().get(_without_dd(group), group)


@cache
def party_types() -> frozenset[str]:
    return frozenset(load("citation_rules")["party"]["types"])


@cache
def _party_issuers() -> frozenset[str]:
    return frozenset(load("citation_rules")["party"]["issuers"])


def split_party(group: str) -> tuple[str, str] | None:
    """`CTrTU` -> (`CTr`, `TU`) when a Party type and a Party issuer make it up."""
    for i in range(1, len(group)):
        head, tail = official(group[:i]), group[i:]
        if head in party_types() and tail in _party_issuers():
            return head, tail
    return None


def _codes(rest: str) -> tuple[str, ...] | None:
    """`BYTBNV` -> (`BYT`, `BNV`), `SYTVP` -> (`SYT`, `VP`): issuer and unit codes written together,
    every one known (the longest first)."""
    if _known_part(rest):
        return (rest,)
    for i in range(len(rest) - 1, 0, -1):
        if _known_part(rest[:i]) and (tail := _codes(rest[i:])):
            return (rest[:i], *tail)
    return None


def _split_part(group: str, first: bool) -> tuple[str, ...] | None:
    """The pieces of one part whose hyphens were dropped, each a known code (citations.md §2.5), in
    any part of a symbol: a type and codes first (`NQCP`, `TTLTBYT`), an issuer and its unit first in
    a letter's symbol (`SYTVP`), codes after (`BYTBNV`, `BNVVPCP`). A known part is never split."""
    if known_code(group):
        return None
    if first and (split := _split_dropped_hyphen(group)):
        return split
    pieces = _codes(group)
    if not pieces or len(pieces) < 2 or (first and issuer_code(pieces[0]) is None):
        return None
    return pieces


def mended(groups: tuple[str, ...], seps: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """The parts with every one that lost its hyphens split (`TTLT-BYTBNV` -> `TTLT-BYT-BNV`)."""
    out, out_seps = [], []
    for i, group in enumerate(groups):
        if i:
            out_seps.append(seps[i - 1])
        pieces = _split_part(group, i == 0) or (group,)
        out.extend(pieces)
        out_seps.extend(["-"] * (len(pieces) - 1))
    return tuple(out), out_seps


def joins(groups: tuple[str, ...], code: str) -> bool:
    """A code cut off by white space belongs to the symbol where the symbol lacks it: an issuer after
    types only (`124/BC SYT`, `60/2021/NĐ CP`), a drafting unit after an issuer (`1377/SYT VP`)."""
    if issuer_code(code) is not None and all(g in type_by_abbr() for g in groups):
        return True
    return code in unit_codes() and issuer_code(groups[-1]) is not None


def _split_dropped_hyphen(group: str) -> tuple[str, ...] | None:
    """`NQCP` -> (`NQ`, `CP`), `TTLTBYTBNV` -> (`TTLT`, `BYT`, `BNV`) when every part is known; a letter
    the two parts share was written once (`CTTg` -> `CT`, `TTg`) (citations.md §2 rule 5)."""
    for overlap in (0, 1):
        for i in range(len(group) - 1, 0, -1):
            head, rest = official(group[:i]), group[i - overlap:]
            if head in type_by_abbr() and rest and (overlap == 0 or head[-1] == rest[0]) \
                    and (codes := _codes(rest)):
                return (head, *codes)
    return None
