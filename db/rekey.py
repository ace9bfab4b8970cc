"""Re-key a store's documents, reports and mentions by today's identity rules (vanban.identity).

Files already stored are not read again when the rules change, so a migration that follows a change
of the rules moves the rows, from what the store kept of each document (its header, its mentions as
stated): a document to its unit (created if new), a mention to its directive (created with the issue
date of the row it leaves); the names units go by are recounted for the units involved, a report
follows its reference document, and units and directives left with nothing are dropped. Every other
row keeps its id. Reports are regrouped by the next `vanban db upgrade` or ingest
(`vanban.db.reports.refresh`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from vanban.extract.provinces import find_province
from vanban.identity.directives import DirectiveSpec, own_codes, resolve
from vanban.identity.known_partials import resolve_partial
from vanban.identity.units import UnitRef, document_unit, former_province, name_level

_UNITS = sa.table("units", sa.column("id", sa.Integer), sa.column("key", sa.Text), sa.column("name", sa.Text),
                  sa.column("province", sa.Text), sa.column("kind", sa.String))
_NAMES = sa.table("unit_names", sa.column("unit_id", sa.Integer), sa.column("name", sa.Text),
                  sa.column("province", sa.Text))
_DOCS = sa.table("documents", sa.column("id", sa.Integer), sa.column("unit_id", sa.Integer),
                 sa.column("header", sa.JSON))
_REPORTS = sa.table("reports", sa.column("id", sa.Integer), sa.column("unit_id", sa.Integer),
                    sa.column("reference_id", sa.Integer))
_CITES = sa.table("citations", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
                  sa.column("directive_id", sa.Integer), sa.column("ordinal", sa.Integer),
                  sa.column("kind", sa.Text), sa.column("canonical", sa.Text), sa.column("doc_type", sa.Text),
                  sa.column("number", sa.Text), sa.column("stated_issuer", sa.Text), sa.column("own", sa.Boolean))
_DIRS = sa.table("directives", sa.column("id", sa.Integer), sa.column("canonical", sa.Text),
                 sa.column("scope", sa.Text), sa.column("level", sa.String), sa.column("doc_type", sa.Text),
                 sa.column("number", sa.Text), sa.column("year", sa.Integer), sa.column("issuer_code", sa.Text),
                 sa.column("issuer", sa.Text), sa.column("province", sa.Text), sa.column("issue_date", sa.Date))
_FLAGS = sa.table("flags", sa.column("directive_id", sa.Integer))


def _names_a_former_province(text: str | None) -> bool:
    return bool(text) and former_province(find_province(text or "")) is not None


class _Store:
    """The rows the re-keying reads and the ones it adds, by key."""

    def __init__(self, bind: sa.Connection) -> None:
        self.bind = bind
        self.units = dict(bind.execute(sa.select(_UNITS.c.key, _UNITS.c.id)).all())
        self.keys = {i: k for k, i in self.units.items()}
        self.directives = {(c, s): i for i, c, s in bind.execute(sa.select(_DIRS.c.id, _DIRS.c.canonical,
                                                                            _DIRS.c.scope)).all()}
        self.dates = dict(bind.execute(sa.select(_DIRS.c.id, _DIRS.c.issue_date)).all())

    def unit(self, ref: UnitRef) -> int:
        if ref.key not in self.units:
            self.units[ref.key] = self.bind.execute(_UNITS.insert().returning(_UNITS.c.id).values(
                key=ref.key, name=ref.name, province=ref.province, kind=name_level(ref.name))).scalar_one()
        return self.units[ref.key]

    def directive(self, spec: DirectiveSpec, leaving: int | None) -> int:
        key = (spec.canonical, spec.scope)
        if key not in self.directives:
            self.directives[key] = self.bind.execute(_DIRS.insert().returning(_DIRS.c.id).values(
                canonical=spec.canonical, scope=spec.scope, level=spec.level, doc_type=spec.doc_type,
                number=spec.number, year=spec.year, issuer_code=spec.issuer_code, issuer=spec.issuer,
                province=spec.province, issue_date=self.dates.get(leaving))).scalar_one()
        return self.directives[key]


def _mentions(bind: sa.Connection) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in bind.execute(sa.select(_CITES).order_by(_CITES.c.document_id, _CITES.c.ordinal)):
        out[row.document_id].append(row)
    return out


def rekey(bind: sa.Connection, *, every_unit: bool = False) -> None:
    """Move documents, reports and mentions to the keys today's rules give them.

    Without `every_unit`, only documents the 2025 merger touches are looked at (migration 0013);
    with it, also every document whose unit's key the rules now write otherwise, or with a partial
    mention no directive holds (0014: it may name a verified one, vanban.identity.known_partials)."""
    store, mentions = _Store(bind), _mentions(bind)
    units_involved: set[int] = set()
    directives_left: set[int] = set()
    for doc_id, unit_id, header in bind.execute(sa.select(_DOCS.c.id, _DOCS.c.unit_id, _DOCS.c.header)).all():
        if not isinstance(header, dict):
            continue
        unit = document_unit(header)
        rows = mentions.get(doc_id, [])
        moved = unit is not None and unit.key != store.keys.get(unit_id)
        if not (unit and unit.former) and not any(_names_a_former_province(r.stated_issuer) for r in rows) \
                and not (every_unit and (moved or any(r.kind == "partial" and r.directive_id is None
                                                      for r in rows))):
            continue
        if moved and unit is not None:
            new_id = store.unit(unit)
            bind.execute(_DOCS.update().where(_DOCS.c.id == doc_id).values(unit_id=new_id))
            bind.execute(_REPORTS.update().where(_REPORTS.c.reference_id == doc_id).values(unit_id=new_id))
            units_involved.update(i for i in (unit_id, new_id) if i is not None)
        cites = [{"kind": r.kind, "canonical": r.canonical, "doc_type": r.doc_type, "number": r.number,
                  "issuer": r.stated_issuer} for r in rows]
        own = own_codes(header, cites, unit)
        for row, cite in zip(rows, cites, strict=True):
            found = resolve(cite, unit, own) if cite["kind"] == "full" else resolve_partial(cite, unit, own)
            if found is None:
                continue
            spec, is_own = found
            new_dir = store.directive(spec, row.directive_id)
            if new_dir != row.directive_id or bool(row.own) != is_own:
                bind.execute(_CITES.update().where(_CITES.c.id == row.id).values(directive_id=new_dir, own=is_own))
                if row.directive_id is not None and row.directive_id != new_dir:
                    directives_left.add(row.directive_id)
    _recount_names(bind, units_involved)
    _drop_empty(bind, units_involved, directives_left)


def _recount_names(bind: sa.Connection, unit_ids: set[int]) -> None:
    """The names each unit involved goes by, from its documents now (as the writer records them)."""
    if not unit_ids:
        return
    bind.execute(_NAMES.delete().where(_NAMES.c.unit_id.in_(unit_ids)))
    names = set()
    for unit_id, header in bind.execute(sa.select(_DOCS.c.unit_id, _DOCS.c.header)
                                        .where(_DOCS.c.unit_id.in_(unit_ids))).all():
        header = header if isinstance(header, dict) else {}
        name = header.get("issuer") or header.get("parent_issuer")
        if name:
            names.add((unit_id, name, header.get("province") or ""))
    if names:
        bind.execute(_NAMES.insert(), [{"unit_id": u, "name": n, "province": p} for u, n, p in sorted(names)])


def _drop_empty(bind: sa.Connection, unit_ids: set[int], directive_ids: set[int]) -> None:
    """Units no document or report points to any more, and directives no mention does."""
    if unit_ids:
        used = sa.select(_DOCS.c.unit_id).where(_DOCS.c.unit_id.is_not(None)).union(
            sa.select(_REPORTS.c.unit_id).where(_REPORTS.c.unit_id.is_not(None)))
        empty = sa.and_(_UNITS.c.id.in_(unit_ids), _UNITS.c.id.not_in(used))
        bind.execute(_NAMES.delete().where(_NAMES.c.unit_id.in_(sa.select(_UNITS.c.id).where(empty))))
        bind.execute(_UNITS.delete().where(empty))
    if directive_ids:
        cited = sa.select(_CITES.c.directive_id).where(_CITES.c.directive_id.is_not(None)).union(
            sa.select(_FLAGS.c.directive_id).where(_FLAGS.c.directive_id.is_not(None)))   # a store flag's: kept
        bind.execute(_DIRS.delete().where(_DIRS.c.id.in_(directive_ids), _DIRS.c.id.not_in(cited)))
