"""A report on one period that also plans the next ("Quý III và phương hướng nhiệm vụ Quý IV năm 2025")
answers the first: `missing --period "Quý III năm 2025"` does not list its unit (spec/output.md)."""

from __future__ import annotations

from pathlib import Path

from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS

LAO_CAI = "Bệnh viện Đa khoa số 2"
TITLE = "Công tác cải cách hành chính Quý III năm 2025"


def test_a_report_with_its_plan_is_not_missing_for_the_period_it_reports_on(store: str, tmp_path: Path) -> None:
    text = (CORPUS / "txt" / "002_10029ef880a30beb.txt").read_text(encoding="utf-8")
    assert TITLE in text
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lao_cai_q3.txt").write_text(
        text.replace(TITLE, "Công tác cải cách hành chính Quý III và phương hướng nhiệm vụ Quý IV năm 2025"),
        encoding="utf-8")
    assert ingest_folder(folder, store, workers=0).ingested == 1
    roster = tmp_path / "don-vi.csv"
    roster.write_text(f"Đơn vị,Tỉnh\n{LAO_CAI},Lào Cai\nTrung tâm Y tế khu vực Mai Châu,Phú Thọ\n",
                      encoding="utf-8-sig")
    assert set(queries.reports(period="Quý III năm 2025", db=store)["unit"]) == {LAO_CAI}
    assert set(queries.missing("Quý III năm 2025", roster=roster, db=store)["unit"]) == \
        {"Trung tâm Y tế khu vực Mai Châu"}
    assert LAO_CAI in set(queries.missing("Quý IV năm 2025", roster=roster, db=store)["unit"]), \
        "the plan for Quý IV is no report on it"
