"""The keys of one record: its unit and, for each citation, the directive it resolves to.

Computed where the record is extracted (a worker process or a Dask worker), so that the writer
receives them ready and its transactions stay short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vanban.identity.directives import DirectiveSpec, own_codes, resolve
from vanban.identity.known_partials import resolve_partial
from vanban.identity.units import UnitRef, document_unit, name_level


@dataclass(frozen=True)
class Identity:
    """The unit that wrote a record and what each of its citations points to (None: no directive)."""

    unit: UnitRef | None
    unit_kind: str | None
    mentions: tuple[tuple[DirectiveSpec, bool] | None, ...]   # per citation: (directive, own?)


def identify(record: dict[str, Any]) -> Identity:
    """The keys the store needs for `record` (a record of spec/output.md)."""
    document = record["document"]
    unit = document_unit(document)
    cites = record.get("citations") or []
    own = own_codes(document, cites, unit)
    mentions = tuple(resolve(c, unit, own) if c.get("kind") == "full" else resolve_partial(c, unit, own)
                     for c in cites)
    return Identity(unit, name_level(unit.name) if unit else None, mentions)
