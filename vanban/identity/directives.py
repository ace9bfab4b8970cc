"""What a full citation points to: the directive's identity, issuer and level.

A canonical key is one document nationally only when its issuer is central (`76/NQ-CP`,
`57-NQ/TW`, `4210/QĐ-BYT`). Every province has a Sở Y tế issuing `…/KH-SYT` and every health
centre issues `…/KH-TTYT`, so a local key is qualified by a scope: the province for a
provincial body (UBND, Sở, Tỉnh ủy), the issuing unit's key for a unit. `(canonical, scope)`
is the directive's identity in the store. A provincial body of a province absorbed in 2025 is
scoped by that old province (`1200/KH-SYT` of Sở Y tế tỉnh Kiên Giang: scope `Kiên Giang`, province
An Giang), apart from the absorbing province's (scope `An Giang`): before the merger they were two
Sở, each numbering its plans.

The level comes from the symbol's issuer code (patterns/issuers.toml), else from how the
stated issuer's name starts (patterns/units.toml `name_level`). Whether the citing unit issued
the document itself is a property of the mention (`own`), because the same plan of a Sở is the
Sở's own when the Sở cites it and the department's when one of its hospitals does.

Partial and named mentions (`Nghị quyết 128 của Chính phủ`, `Luật Khám chữa bệnh`) have no key
that identifies a document: they are stored as mentions with no directive.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import issuer_code, load, type_by_abbr
from vanban.extract.symbols import KeyParts, parse_key
from vanban.identity.levels import CENTRAL, REGIONAL
from vanban.identity.units import UnitRef, name_level, of_former, unit_ref


@dataclass(frozen=True)
class DirectiveSpec:
    """The row of `directives` a mention resolves to."""

    canonical: str
    scope: str
    level: str
    doc_type: str | None
    number: str | None
    year: int | None
    issuer_code: str | None
    issuer: str | None
    province: str | None


def symbol_codes(symbol: str | None) -> set[str]:
    """Issuer codes of a document's own symbol (`BC-TTYT` -> {TTYT}): its own documents carry them."""
    if not symbol:
        return set()
    parsed = parse_key(f"0/{symbol}")
    return {parsed.codes[0]} if parsed and parsed.codes else set()


@cache
def _code_aliases() -> dict[str, str]:
    return {a: c["code"] for c in load("issuers")["code"] if "code" in c for a in c.get("aliases", [])}


def one_spelling(canonical: str) -> str:
    """The key with each issuer code spelled as the catalogue spells it (patterns/issuers.toml
    `aliases`): "18-NQ/TƯ" is 18-NQ/TW, one directive whichever way the text wrote Trung ương."""
    aliases = _code_aliases()
    if not aliases:
        return canonical
    codes = "|".join(regex.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return regex.sub(rf"(?<=[-/])(?:{codes})(?=[-/]|$)", lambda m: aliases[m.group()], canonical)


def _known_code(sym: KeyParts) -> tuple[str | None, dict[str, Any] | None]:
    for code in sym.codes:
        entry = issuer_code(code)
        if entry:
            return code, entry
    return (sym.codes[0] if sym.codes else None), None


def own_codes(document: dict[str, Any], citations: list[dict[str, Any]], unit: UnitRef | None) -> set[str]:
    """Codes the citing unit signs with: its own symbol's, and those of mentions it states are its own."""
    codes = symbol_codes(document.get("symbol"))
    if unit is None:
        return codes
    for c in citations:
        if c.get("kind") == "full" and c.get("canonical") and c.get("issuer"):
            stated = unit_ref(c["issuer"], unit.home)
            sym = parse_key(c["canonical"])
            if stated and stated.key == unit.key and sym:
                code, _ = _known_code(sym)
                if code:
                    codes.add(code)
    return codes


def resolve(citation: dict[str, Any], unit: UnitRef | None, own: set[str]) -> tuple[DirectiveSpec, bool] | None:
    """The directive a full mention points to, and whether the citing unit issued it."""
    canonical = one_spelling(citation["canonical"]) if citation.get("canonical") else None
    sym = parse_key(canonical) if canonical else None
    if canonical is None or sym is None:
        return None
    code, entry = _known_code(sym)
    here, home = (unit.province, unit.home) if unit else (None, None)
    stated = unit_ref(citation.get("issuer"), home)      # "của Sở Y tế": the Sở of the unit's day
    stated_level = name_level(stated.name) if stated else None
    if stated_level == "local" and entry and entry["level"] in REGIONAL:
        entry = None            # "QĐ-UBND of UBND thị trấn Ngãi Giao": the name says which UBND
    is_own = (stated.key == unit.key) if (stated and unit) else (code is not None and code in own)
    level = entry["level"] if entry else stated_level or ("unit" if code in own else "other")
    issuer = entry["name"] if entry else None
    if level in CENTRAL:
        scope, province = "", None
    elif level in REGIONAL:
        body = stated if stated and stated_level in REGIONAL and stated.province else unit
        province = body.province if body else None
        scope = (body.home if body else None) or ""      # a former province's body: that province
        issuer = issuer or (stated.name if stated else None)
        if issuer and body and body.former:          # "Sở Y tế tỉnh Kiên Giang", not An Giang's
            issuer = of_former(issuer, body.former)
    else:                                            # a unit, or a body the catalogues do not know
        issuing = stated if stated and stated_level in (None, "unit", "local") else (unit if is_own else None)
        if issuing is not None:
            scope, province, issuer = issuing.key, issuing.province, issuing.name
            level = "local" if issuing is stated and stated_level == "local" else "unit"
        else:
            scope, province = home or "", here        # a body of no known level: of the unit's day
    # a state symbol's type abbreviation is strict; a Party one's is not ("Quy định số 08-QĐ/TW", QĐ also
    # abbreviating Quyết định): there the type the text writes wins, written the state's way (08/QĐ-TW) too
    key = _party_form(canonical, sym, level)
    by_abbr = type_by_abbr().get(sym.type_abbr or "")
    party = sym.party or key != canonical
    doc_type = (citation.get("doc_type") or by_abbr) if party else (by_abbr or citation.get("doc_type"))
    spec = DirectiveSpec(key, scope, level, doc_type, sym.number, sym.year, code, issuer, province)
    return spec, is_own


def key_form(canonical: str) -> str:
    """The canonical form a directive is stored under, for a key as a user types it (`27/NQ-TW` is
    stored as 27-NQ/TW, `_party_form`; 18-NQ/TƯ as 18-NQ/TW, `one_spelling`)."""
    canonical = one_spelling(canonical)
    sym = parse_key(canonical)
    if sym is None:
        return canonical
    _, entry = _known_code(sym)
    return _party_form(canonical, sym, entry["level"] if entry else "other")


def _party_form(canonical: str, sym: KeyParts, level: str) -> str:
    """A Party body's document keyed in the Party's own form (spec/domain.md §3: `<n>-<type>/<issuer>`)
    when a text wrote it the state's way: "Nghị quyết số 27/NQ-TW" is 27-NQ/TW, one directive under
    one key. Only a single issuer code and no year (a state symbol with a year is no Party one)."""
    if sym.party or level not in ("party_centre", "party_local") or sym.year or len(sym.codes) != 1 \
            or not sym.type_abbr:
        return canonical
    return f"{sym.number}-{sym.type_abbr}/{sym.codes[0]}"
