"""A partial mention of a central directive every report knows points to it.

"Kết luận 126 của Bộ Chính trị", "Nghị quyết 76 của Chính phủ", "Đề án 06": no symbol, so no key
of their own (spec/citations.md: `partial`), yet a reader knows which document they mean, and a
question "who cites 126-KL/TW" that leaves them out lists as silent a unit that cited it. Only the
verified central directives of patterns/directives.toml are candidates, and only when the mention
says enough: its type and number those of one of them and its stated issuer of that directive's level
(`[partial] alike`: "của Chính phủ" for a Prime Minister's decision too), or its words one of the
directive's `names` ("Đề án 06" is the scheme 06/QĐ-TTg approved). A bare "Kết luận 126" stays a
mention with no directive: a Tỉnh ủy's conclusion has numbers too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from vanban.extract.catalogue import load
from vanban.extract.ocr_repair import fold
from vanban.identity.directives import DirectiveSpec, resolve
from vanban.identity.units import UnitRef, name_level, unit_ref


@cache
def _known() -> tuple[dict[tuple[str, str], list[DirectiveSpec]], dict[str, str]]:
    """(type, number) -> the verified directives with them; a name's folded words -> its key."""
    by_number: dict[tuple[str, str], list[DirectiveSpec]] = {}
    names: dict[str, str] = {}
    for d in load("directives")["directive"]:
        found = resolve({"canonical": d["canonical"]}, None, set())
        if found is None:
            continue
        spec = found[0]
        if spec.doc_type and spec.number:
            by_number.setdefault((fold(spec.doc_type), spec.number.lstrip("0")), []).append(spec)
        names.update({fold(n): d["canonical"] for n in d.get("names", [])})
    return by_number, names


@cache
def _levels() -> dict[str, frozenset[str]]:
    """A directive's level -> the levels of issuers that may be named for it."""
    out: dict[str, set[str]] = {}
    for group in load("directives")["partial"]["alike"]:
        for level in group:
            out.setdefault(level, set()).update(group)
    return {k: frozenset(v) for k, v in out.items()}


def known_directive(citation: dict[str, Any]) -> str | None:
    """The key of the verified central directive a partial mention names, if it says enough."""
    if citation.get("kind") != "partial" or not citation.get("number"):
        return None
    by_number, names = _known()
    said = fold(f"{citation.get('doc_type') or ''} {citation['number']}")
    if said in names:
        return names[said]
    stated = unit_ref(citation.get("issuer"))
    level = name_level(stated.name) if stated else None
    if level is None:
        return None
    found = [s for s in by_number.get((fold(citation.get("doc_type") or ""), citation["number"].lstrip("0")), [])
             if level in _levels().get(s.level, frozenset({s.level}))]
    return found[0].canonical if len(found) == 1 else None


def named_key(text: str) -> str | None:
    """The key of the verified directive a name stands for (`Đề án 06` -> 06/QĐ-TTg), as a user asks."""
    return _known()[1].get(fold(" ".join(text.split())))


def resolve_partial(citation: dict[str, Any], unit: UnitRef | None, own: set[str]) -> tuple[DirectiveSpec, bool] | None:
    """The directive a partial mention points to, as a full mention of its key would, or None."""
    key = known_directive(citation)
    return resolve({"canonical": key, "doc_type": None, "issuer": None}, unit, own) if key else None
