"""The reports of Kiên Giang's and An Giang's bodies, ingested into SQLite and the real PostgreSQL:
the store's answers (`units`, `figures`, `directives`) keep apart what were two units before the
2025 merger, and keep together one unit's reports across it (tests/test_unit_identity.py has the
rules). On the old rules the two general hospitals were one unit with figures 97 and 88."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import ROOT
from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

REPORTS = ROOT / "tests" / "unit_identity"      # the reports tests/test_unit_identity.py reads too


@pytest.fixture(scope="module")
def db(module_store: str) -> str:
    files = sorted(REPORTS.glob("*.txt"))
    assert files and ingest_folder(REPORTS, module_store, workers=0).ingested == len(files)
    return module_store


def _units(db: str) -> dict[str, pd.Series]:
    found = queries.units(db=db)
    assert len(found), "the store has units"
    return {row.unit: row for row in found.itertuples()}


def test_two_general_hospitals_are_two_units(db: str) -> None:
    units = _units(db)
    kien_giang, an_giang = units["Bệnh viện Đa khoa tỉnh Kiên Giang"], units["Bệnh viện Đa khoa"]
    assert kien_giang.province == an_giang.province == "An Giang"      # grouped under today's province
    assert (kien_giang.reports, an_giang.reports) == (2, 1)             # 2024 and 2025; 2024


def test_each_sở_and_the_health_centre_across_the_merger(db: str) -> None:
    units = _units(db)
    assert units["Sở Y tế"].reports == 2                     # An Giang's, before and after the merger
    assert units["Sở Y tế tỉnh Kiên Giang"].reports == 1
    assert units["Trung tâm Y tế khu vực Phú Quốc"].reports == 2   # a place of its own: one unit
    assert len(units) == 5


def test_figures_of_one_unit_are_its_own(db: str) -> None:
    figures = queries.figures("dung_han", db=db)
    assert len(figures), "the reports state the share of files settled on time"
    by_unit = figures.groupby("unit")["value"].apply(sorted).to_dict()
    assert by_unit["Bệnh viện Đa khoa"] == [97.0]
    assert by_unit["Bệnh viện Đa khoa tỉnh Kiên Giang"] == [88.0, 91.0]
    assert by_unit["Sở Y tế"] == [95.0, 98.0] and by_unit["Sở Y tế tỉnh Kiên Giang"] == [90.0]
    only = queries.figures("dung_han", unit="Bệnh viện Đa khoa tỉnh An Giang", db=db)
    assert only["value"].tolist() == [97.0]
    assert set(queries.figures("dung_han", province="Kiên Giang", db=db)["province"]) == {"An Giang"}


def test_each_sở_plan_is_its_own_directive(db: str) -> None:
    found = queries.directives(db=db)
    plans = found[found["directive"] == "1200/KH-SYT"]
    assert len(plans) == 2, plans
    assert set(plans["province"]) == {"An Giang"}
    units = dict(zip(plans["issuer"], plans["units"], strict=True))
    # Kiên Giang's: its Sở, its hospital, the Phú Quốc centre in 2024; An Giang's: its Sở, its
    # hospital, the Phú Quốc centre in 2025
    assert units == {"Sở Y tế tỉnh Kiên Giang": 3, "Sở Y tế": 3}
    central = found[found["directive"] == "76/NQ-CP"]
    assert len(central) == 1 and central["units"].iloc[0] == 5
