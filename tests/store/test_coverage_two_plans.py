"""Two Sở's plans share a key (450/KH-SYT of Bắc Ninh and of Quảng Trị, issued six months apart):
`coverage` judges each unit against its own province's plan. A Quảng Trị unit whose only report
predates Quảng Trị's plan could not have cited it, though Bắc Ninh's was older (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

REPORTS = ROOT / "tests" / "two_plans"


@pytest.fixture(scope="module")
def db(module_store: str) -> str:
    files = sorted(REPORTS.glob("*.txt"))
    assert len(files) == 4 and ingest_folder(REPORTS, module_store, workers=0).ingested == 4
    return module_store


def test_each_unit_against_its_own_provinces_plan(db: str) -> None:
    plans = queries.directives(db=db)
    plans = plans[plans["directive"] == "450/KH-SYT"]
    assert sorted(zip(plans["province"], plans["issue_date"].astype(str), strict=True)) == [
        ("Bắc Ninh", "2025-01-10"), ("Quảng Trị", "2025-07-30")]
    found = queries.coverage("450/KH-SYT", db=db)
    assert len(found) == 4
    rows = {r.unit: (r.cites, r.before_issue) for r in found.itertuples()}
    assert rows["Trung tâm Y tế khu vực Tiên Du"] == (True, False)
    assert rows["Trung tâm Y tế khu vực Bố Trạch"] == (True, False)
    assert rows["Trung tâm Y tế khu vực Quế Võ"] == (False, False)      # silent: its report is after January
    assert rows["Trung tâm Y tế khu vực Gio Linh"] == (False, True)     # April, before Quảng Trị's July plan


def test_one_province_asked(db: str) -> None:
    found = queries.coverage("450/KH-SYT", "Quảng Trị", db=db)
    assert {r.unit: r.before_issue for r in found.itertuples()} == {
        "Trung tâm Y tế khu vực Bố Trạch": False, "Trung tâm Y tế khu vực Gio Linh": True}


def test_the_answer_says_the_key_names_two_documents(db: str) -> None:
    """Said on stderr beside the table (and on the directive's web page); not when a province is asked."""
    from click.testing import CliRunner

    from vanban.cli import main

    both = CliRunner().invoke(main, ["coverage", "450/KH-SYT", "--db", db, "--format", "csv"])
    assert both.exit_code == 0, both.output
    assert "450/KH-SYT là số, ký hiệu của 2 văn bản khác nhau (Sở Y tế, Bắc Ninh; Sở Y tế, Quảng Trị)" in both.stderr
    one = CliRunner().invoke(main, ["coverage", "450/KH-SYT", "--db", db, "--province", "Bắc Ninh", "--format", "csv"])
    assert one.exit_code == 0 and "khác nhau" not in one.stderr
    assert queries.coverage("76/NQ-CP", db=db).attrs.get("several") is None       # one document: nothing said
