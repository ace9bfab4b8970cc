"""Migration 0013 re-keys a store filled by the old rules (SQLite and PostgreSQL).

The old store is written by the store's own writer at revision 0011, with the keys the old rules
gave these reports: a body of an absorbed province under the absorbing province's unit of the
same name (`An Giang|bệnh viện đa khoa` for both hospitals) and its Sở's plans scoped by today's
province. After `upgrade` the store answers as one filled by the new rules; the rows the merger
does not touch keep their ids.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import ROOT
from vanban.db import crosscheck, queries, reports, schema
from vanban.db.engine import make_engine
from vanban.db.models import Directive, Unit
from vanban.db.rows import prepare
from vanban.db.transaction import in_transaction
from vanban.db.write import write_records
from vanban.extract.record import extract_file
from vanban.identity.directives import DirectiveSpec
from vanban.identity.keys import Identity, identify
from vanban.identity.units import UnitRef, former_province

REPORTS = ROOT / "tests" / "unit_identity"
BEFORE = "0011_coverage_before_issue"


def _old(ident: Identity) -> Identity:
    """The keys the rules before 0013 gave: the old province neither in the name nor in the scope."""
    def unit(ref: UnitRef | None) -> UnitRef | None:
        if ref is None or ref.former is None:
            return ref
        return UnitRef(ref.name.removesuffix(f" tỉnh {ref.former}"), ref.province)

    old_key = {ident.unit.key: unit(ident.unit).key} if ident.unit else {}

    def spec(s: DirectiveSpec) -> DirectiveSpec:
        if former_province(s.scope):             # a Sở of the old province: then today's province
            issuer = s.issuer.removesuffix(f" tỉnh {s.scope}") if s.issuer else None
            return dataclasses.replace(s, scope=s.province or "", issuer=issuer)
        return dataclasses.replace(s, scope=old_key.get(s.scope, s.scope))

    mentions = tuple((spec(m[0]), m[1]) if m else None for m in ident.mentions)
    return Identity(unit(ident.unit), ident.unit_kind, mentions)


def _old_store(url: str) -> None:
    engine = make_engine(url, writer=True)
    schema.upgrade(engine, BEFORE)
    items = []
    for path in sorted(REPORTS.glob("*.txt")):
        record = extract_file(path)
        items.append((prepare(record, _old(identify(record))), str(path), None))
    assert items, "the reports to store"

    def write(session: Session) -> None:
        write_records(session, items, None)
        reports.refresh(session)
        crosscheck.refresh(session)          # the issue dates, as an ingest's close sets them

    in_transaction(engine, write)


def test_upgrade_splits_what_the_old_rules_merged(store: str) -> None:
    _old_store(store)
    engine = make_engine(store, writer=True)
    with engine.connect() as conn:               # the questions refuse a store not upgraded: its rows
        kept_units = dict(conn.execute(select(Unit.key, Unit.id)).all())
        kept_dirs = dict(conn.execute(select(Directive.canonical, Directive.id)).all())
        plans = conn.execute(select(Directive.scope).where(Directive.canonical == "1200/KH-SYT")).scalars().all()
    assert sorted(kept_units) == ["An Giang|bệnh viện đa khoa", "An Giang|sở y tế",
                                  "An Giang|trung tâm y tế khu vực phú quốc"]
    assert plans == ["An Giang"]

    schema.upgrade(engine)
    in_transaction(engine, reports.refresh)          # what `vanban db upgrade` does after it

    units = {r.unit: r.reports for r in queries.units(db=store).itertuples()}
    assert units == {"Bệnh viện Đa khoa": 1, "Bệnh viện Đa khoa tỉnh Kiên Giang": 2, "Sở Y tế": 2,
                     "Sở Y tế tỉnh Kiên Giang": 1, "Trung tâm Y tế khu vực Phú Quốc": 2}
    figures = queries.figures("dung_han", db=store)
    assert len(figures)
    by_unit = figures.groupby("unit")["value"].apply(sorted).to_dict()
    assert by_unit["Bệnh viện Đa khoa"] == [97.0] and by_unit["Bệnh viện Đa khoa tỉnh Kiên Giang"] == [88.0, 91.0]
    plans = queries.directives(db=store)
    plans = plans[plans["directive"] == "1200/KH-SYT"]
    assert dict(zip(plans["issuer"], plans["units"], strict=True)) == {"Sở Y tế tỉnh Kiên Giang": 3, "Sở Y tế": 3}
    assert set(plans["issue_date"].astype(str)) == {"2024-01-15"}     # the date the old row had
    with engine.connect() as conn:
        now_units = dict(conn.execute(select(Unit.key, Unit.id)).all())
        now_dirs = {c: i for c, i in conn.execute(select(Directive.canonical, Directive.id)) if c == "76/NQ-CP"}
    for key in ("An Giang|bệnh viện đa khoa", "An Giang|sở y tế", "An Giang|trung tâm y tế khu vực phú quốc"):
        assert now_units[key] == kept_units[key], key             # untouched rows keep their ids
    assert now_dirs["76/NQ-CP"] == kept_dirs["76/NQ-CP"]
