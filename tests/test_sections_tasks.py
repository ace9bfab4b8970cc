"""A plan's tasks set out in a table are its tasks: the reform areas its group rows and task texts name
count for the plan's should-have areas (spec/sections.md), as headings would; never for the divisions a
plan must give as headings, and never in a report, whose tables of tasks are the next period's."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.extract import sections as sections_module
from vanban.extract import tables as tables_module
from vanban.extract.record import extract_file
from vanban.extract.tables import TableView

CASES = Path(__file__).parent / "section_cases"
PLAN = CASES / "plan_task_table.txt"            # "II. NHIỆM VỤ CỤ THỂ" then TT | Nhiệm vụ | … | Sản phẩm
REFORM = ["the_che", "tthc", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong", "chinh_phu_so"]


def _missing(rec: dict) -> list[tuple[str, str]]:
    return sorted((f["params"]["area"], f["severity"]) for f in rec["flags"] if f["code"] == "missing_section")


def _outline(name: str) -> dict:
    return next(o for o in sections_module._data()["outline"] if o["name"] == name)


@pytest.mark.parametrize("path", [PLAN, CASES / "plan_task_groups.docx"])
def test_a_plan_whose_tasks_are_a_table_names_the_reform_areas_there(path: Path) -> None:
    rec = extract_file(path)
    tasks = [t for t in rec["tables"] if t["kind"] == "tasks"]
    assert rec["document"]["doc_type"] == "Kế hoạch" and tasks and any(r for t in tasks for r in t["records"])
    headed = {a for s in rec["sections"] for a in s["areas"]}
    assert not headed & set(REFORM)             # no heading names them: only the table does
    assert _missing(rec) == []


def test_the_areas_a_plans_table_leaves_out_are_still_warned(tmp_path: Path) -> None:
    """Rows 4-6 (công vụ, tài chính công, chuyển đổi số) taken out: their three warnings stay."""
    lines = PLAN.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith(("4\t", "5\t", "6\t"))]
    assert len(kept) == len(lines) - 3
    short = tmp_path / "plan.txt"
    short.write_text("".join(kept), encoding="utf-8")
    assert _missing(extract_file(short)) == [("chinh_phu_so", "warning"), ("cong_vu", "warning"),
                                             ("tai_chinh_cong", "warning")]


def test_a_plans_table_covers_no_division_the_plan_must_head() -> None:
    """The plan without "TỔ CHỨC THỰC HIỆN" keeps its error, whatever its tasks' words."""
    rec = extract_file(CASES / "plan_no_implementation.txt")
    assert any(t["kind"] == "tasks" for t in rec["tables"])
    assert ("to_chuc_thuc_hien", "error") in _missing(rec)
    plan = _outline("Kế hoạch CCHC")
    got = sections_module.counted_areas([], plan, ["Tổ chức thực hiện mục tiêu, nhiệm vụ cải cách thủ tục hành chính"])
    assert got == {"tthc"}


def test_a_reports_tasks_count_for_nothing() -> None:
    report = _outline("Báo cáo CCHC")
    assert "task_areas" not in report
    assert sections_module.counted_areas([], report, ["Cải cách thủ tục hành chính: niêm yết thủ tục"]) == set()


def test_only_a_table_of_tasks_gives_tasks() -> None:
    rows = [{"number": "1", "group": "CẢI CÁCH THỂ CHẾ", "parent": None, "task": "Rà soát quy chế"}, None,
            {"number": "2", "group": "CẢI CÁCH THỂ CHẾ", "parent": "Rà soát quy chế", "task": "Chuyển đổi số"}]
    tasks = TableView(0, None, "tasks", ["TT", "Nhiệm vụ"], 1, [], records=rows)
    other = TableView(1, None, "other", ["TT", "Nội dung"], 1, [], records=rows)
    assert tables_module.table_tasks([tasks]) == ["CẢI CÁCH THỂ CHẾ", "Rà soát quy chế", "Chuyển đổi số"]
    assert tables_module.table_tasks([other]) == []
