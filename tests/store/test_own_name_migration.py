"""Migration 0014 joins the two units the rules before it made of a named hospital across the merger.

The old store is written by the store's own writer at revision 0013 with the key those rules gave
the 2024 report of "Bệnh viện Đa khoa Bồng Sơn" (Bình Định, absorbed by Gia Lai): its old province
in its name. After `upgrade` its 2024 and 2025 reports are one unit's, the lung hospitals of the two
provinces stay two, and rows the change does not touch keep their ids (SQLite and PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import ROOT
from vanban.db import queries, reports, schema
from vanban.db.engine import make_engine
from vanban.db.models import Directive, Unit
from vanban.db.rows import prepare
from vanban.db.transaction import in_transaction
from vanban.db.write import write_records
from vanban.extract.record import extract_file
from vanban.identity.keys import Identity, identify
from vanban.identity.units import UnitRef, own_name

REPORTS = ROOT / "tests" / "own_name_units"
BEFORE = "0013_former_province_units"


def _old(ident: Identity) -> Identity:
    """The keys the rules before 0014 gave: a body of an absorbed province with a name of its own
    still kept the province in its name; a partial mention ("Đề án 06") pointed to no directive."""
    ref = ident.unit
    mentions = tuple(m if m and m[0].canonical != "06/QĐ-TTg" else None for m in ident.mentions)   # "Đề án 06"
    if ref is None or ref.former is None or not own_name(ref.name):
        return Identity(ref, ident.unit_kind, mentions)
    return Identity(UnitRef(f"{ref.name} tỉnh {ref.former}", ref.province, ref.former), ident.unit_kind, mentions)


def _old_store(url: str) -> None:
    engine = make_engine(url, writer=True)
    schema.upgrade(engine, BEFORE)
    items = [(prepare(record, _old(identify(record))), str(path), None)
             for path in sorted(REPORTS.glob("*.txt")) for record in [extract_file(path)]]
    assert len(items) == 4, "the reports to store"

    def write(session: Session) -> None:
        write_records(session, items, None)
        reports.refresh(session)

    in_transaction(engine, write)


def test_upgrade_joins_a_named_hospital_across_the_merger(store: str) -> None:
    _old_store(store)
    engine = make_engine(store, writer=True)
    with engine.connect() as conn:
        kept = dict(conn.execute(select(Unit.key, Unit.id)).all())
    assert "Gia Lai|bệnh viện đa khoa bồng sơn tỉnh bình định" in kept and len(kept) == 4
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Directive).where(
            Directive.canonical == "06/QĐ-TTg")).scalar_one() == 0

    schema.upgrade(engine)
    in_transaction(engine, reports.refresh)

    units = {r.unit: r.reports for r in queries.units(db=store).itertuples()}
    assert units == {"Bệnh viện Đa khoa Bồng Sơn": 2, "Bệnh viện Phổi": 1, "Bệnh viện Phổi tỉnh Bình Định": 1}
    with engine.connect() as conn:
        now = dict(conn.execute(select(Unit.key, Unit.id)).all())
    assert "Gia Lai|bệnh viện đa khoa bồng sơn tỉnh bình định" not in now
    for key in ("Gia Lai|bệnh viện đa khoa bồng sơn", "Gia Lai|bệnh viện phổi",
                "Gia Lai|bệnh viện phổi tỉnh bình định"):
        assert now[key] == kept[key], key             # untouched rows keep their ids
    figures = queries.figures("dung_han", db=store)
    assert len(figures)
    by_unit = figures.groupby("unit")["value"].apply(sorted).to_dict()
    assert by_unit["Bệnh viện Đa khoa Bồng Sơn"] == [93.0, 95.0]
    cover = queries.coverage("Đề án 06", db=store)      # the name the mention used, as a user types it
    assert {r.unit: r.cites for r in cover.itertuples()} == {
        "Bệnh viện Đa khoa Bồng Sơn": True, "Bệnh viện Phổi": False, "Bệnh viện Phổi tỉnh Bình Định": False}
