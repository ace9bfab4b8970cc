"""Tables: the 000 staffing table and the 004 task table from DOCX and PDF, multi-row headers,
rows a page break cut in two, and how a table is recognised from its header words."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CORPUS, ROOT
from vanban.extract.model import Table
from vanban.extract.read import read
from vanban.extract.record import extract_file
from vanban.extract.tables import (
    combined_header,
    deadline,
    header_depth,
    join_continued,
    read_table,
    read_tables,
    unit_kind,
)

STAFF = "000_a9042f12ea01ae86"
TASKS = "004_2a516ee14150a1bf"


@pytest.fixture(scope="module")
def staffing() -> dict[str, dict]:
    return {fmt: extract_file(CORPUS / fmt / f"{STAFF}.{fmt}")["tables"] for fmt in ("docx", "pdf")}


@pytest.fixture(scope="module")
def tasks() -> dict[str, dict]:
    return {fmt: extract_file(CORPUS / fmt / f"{TASKS}.{fmt}")["tables"] for fmt in ("docx", "pdf")}


def _txt_rows() -> list[tuple[str, str, int, int]]:
    """The staffing table as the plain-text rendition prints it, read with its own simple rule (row
    number, name, two counts), as an independent witness for the DOCX and PDF readings."""
    text = read(CORPUS / "txt" / f"{STAFF}.txt").text
    body = text[text.index("Cấp phó") + len("Cấp phó"):text.index("5. Cải cách chế độ công vụ")]
    flat = " ".join(body.split())
    return [(n, name.strip(), int(h), int(d))
            for n, name, h, d in re.findall(r"(\d{1,2}) (\D+?) ([01]) ([0-2])(?= \d|$)", flat)]


# ---------------------------------------------------------------- the 000 staffing table

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_staffing_table_has_every_row(staffing: dict, fmt: str) -> None:
    [table] = staffing[fmt]
    assert table["kind"] == "staffing"
    assert table["header"] == ["Số TT", "Tên khoa, phòng, trạm y tế", "Lãnh đạo, Quản lý - Cấp trưởng",
                               "Lãnh đạo, Quản lý - Cấp phó"]
    assert table["header_rows"] == 2
    records = table["records"]
    assert len(records) == len(table["rows"]) == 32
    got = [(r["number"], r["department"], r["heads"], r["deputies"]) for r in records]
    want = _txt_rows()
    assert len(want) == 32
    assert [(n, h, d) for n, _, h, d in got] == [(n, h, d) for n, _, h, d in want]
    for (_, name, _, _), (_, txt_name, _, _) in zip(got, want, strict=True):
        assert name.replace(" ", "") == txt_name.replace(" ", "")
    kinds = [r["unit_kind"] for r in records]
    assert (kinds.count("station"), kinds.count("department"), kinds.count("office"), kinds.count("clinic")) == \
        (26, 3, 2, 1)
    assert sum(r["heads"] for r in records) == 28 and sum(r["deputies"] for r in records) == 16


def test_staffing_table_is_the_same_from_docx_and_pdf(staffing: dict) -> None:
    assert staffing["docx"][0]["records"] == staffing["pdf"][0]["records"]
    assert staffing["docx"][0]["header"] == staffing["pdf"][0]["header"]


# ---------------------------------------------------------------- the 004 task table

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_task_table_with_deadlines(tasks: dict, fmt: str) -> None:
    [table] = tasks[fmt]
    assert table["kind"] == "tasks"
    assert table["columns"] == {"task": "Tiêu chí Chỉ số cải cách hành chính", "lead": "Đơn vị chủ trì",
                                "partners": "Đơn vị phối hợp", "deadline": "Tiến độ hoàn thành",
                                "output": "Yêu cầu/sản phẩm/kết quả"}
    assert len(table["records"]) == len(table["rows"])
    records = [r for r in table["records"] if r]
    assert len(records) == 22
    due = [(r["deadline_text"], r["deadline"]) for r in records if r["deadline"]]
    assert due == [("Trước 30/10/2026", "2026-10-30"), ("Trước 30/11/2026", "2026-11-30"),
                   ("Hoàn thành trước 25/12/2026", "2026-12-25"), ("Hoàn thành trước 25/12/2026", "2026-12-25"),
                   ("Trước 20/11/2026", "2026-11-20"), ("Trước 20/11/2026", "2026-11-20"),
                   ("Trước 20/11/2026", "2026-11-20"), ("Trước 30/11/2026", "2026-11-30"),
                   ("Trước 30/6/2026", "2026-06-30")]
    assert sum(r["deadline_text"] == "Thường xuyên" and r["deadline"] is None for r in records) == 11
    groups = [r["group"] for r in records]
    assert groups[0] == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
    assert groups[-1] == "CHUYỂN ĐỔI SỐ TRONG CÁC CƠ QUAN NHÀ NƯỚC"
    ai = [r for r in records if r["parent"] == "Mức độ ứng dụng Trí tuệ nhân tạo (AI)"]
    assert [r["task"] for r in ai] == ["Có ứng dụng AI phục vụ viên chức, người lao động",
                                       "Có ứng dụng AI phục vụ người dân, doanh nghiệp", "Có ứng dụng AI nâng cao khác"]
    assert records[0]["lead"] == "Phòng Tổ chức-Hành chính"
    assert records[0]["partners"] == "Các khoa, phòng, trạm y tế"


def test_a_text_files_tab_separated_table_is_read(tasks: dict) -> None:
    """The 004 text holds the task table as tab-separated rows, its header repeated after each page's
    blank line: one task table, with the deadlines the DOCX gives (rows a page cut that go on with a
    capital letter stay rows of their own, as in a PDF)."""
    [table] = extract_file(CORPUS / "txt" / f"{TASKS}.txt")["tables"]
    [docx] = tasks["docx"]
    assert table["kind"] == "tasks" and table["columns"] == docx["columns"]
    assert not any(row[0] == "Stt" for row in table["rows"])
    due = [r["deadline"] for r in table["records"] if r and r["deadline"]]
    assert due and due == [r["deadline"] for r in docx["records"] if r and r["deadline"]]
    assert not extract_file(ROOT / "tests" / "own_name_units" / "bv-phoi-gia-lai-2024.txt")["tables"]


def test_task_table_split_over_pdf_pages_is_one_table_with_whole_rows(tasks: dict) -> None:
    pdf, docx = tasks["pdf"][0], tasks["docx"][0]
    doc = read(CORPUS / "pdf" / f"{TASKS}.pdf")
    assert len(doc.tables) == 1 and doc.pages > 3
    assert not any(row[0] == "Stt" for row in pdf["rows"])              # repeated headers dropped
    assert len(pdf["rows"]) == len(docx["rows"])                          # cut rows glued back
    assert not any(r and r["task"][:1].islower() for r in pdf["records"])
    assert any(docx["records"])
    for a, b in zip(docx["records"], pdf["records"], strict=True):
        if a is None:
            assert b is None
            continue
        assert {k: a[k] for k in ("number", "lead", "partners", "deadline", "output", "group", "parent")} == \
            {k: b[k] for k in ("number", "lead", "partners", "deadline", "output", "group", "parent")}
        assert a["task"].replace(" ", "") == b["task"].replace(" ", "")


def test_pdf_tables_are_located_in_the_text() -> None:
    doc = read(CORPUS / "pdf" / f"{STAFF}.pdf")
    [view] = read_tables(doc)
    s, e = view.span
    assert doc.text[s:e].split()[:2] == ["Số", "TT"]
    assert doc.text[s:e].rstrip().endswith("Việt Trung 1 1")


# ---------------------------------------------------------------- the rules, on small grids

def test_multi_row_header_with_merged_cells() -> None:
    rows = [["TT", "Đơn vị", "Số lượng viên chức", None, None, "Ghi chú"],
            [None, None, "Tổng số", "Trong đó", None, None],
            [None, None, None, "Nữ", "Đảng viên", None],
            ["1", "Khoa Nội", "12", "7", "3", ""]]
    assert header_depth(rows) == 3
    assert combined_header(rows[:3]) == ["TT", "Đơn vị", "Số lượng viên chức - Tổng số",
                                         "Số lượng viên chức - Trong đó - Nữ",
                                         "Số lượng viên chức - Trong đó - Đảng viên", "Ghi chú"]


def test_rows_cut_by_a_page_break_are_glued_back() -> None:
    rows = [["1", "Rà soát văn bản theo", "Phòng Tổ chức", "Trước"],
            ["", "thẩm quyền", "", "30/6/2026"],
            ["", "Có ứng dụng AI", "Phòng Kế hoạch", "Thường xuyên"]]
    assert join_continued(rows) == [["1", "Rà soát văn bản theo thẩm quyền", "Phòng Tổ chức", "Trước 30/6/2026"],
                                    ["", "Có ứng dụng AI", "Phòng Kế hoạch", "Thường xuyên"]]


def test_staff_by_grade_table_and_its_total_row() -> None:
    rows = [["STT", "Khoa, phòng", "Tổng số", "Hạng II", "Hạng III", "Hạng IV"],
            ["1", "Khoa Khám bệnh", "10", "2", "6", "2"],
            ["2", "Trạm Y tế Hải Phú", "5", "0", "3", "2"],
            ["", "Tổng cộng", "15", "2", "9", "4"]]
    view = read_table(Table(index=0, page=1, rows=rows))
    assert view.kind == "staffing"
    assert [r["department"] for r in view.records] == ["Khoa Khám bệnh", "Trạm Y tế Hải Phú", "Tổng cộng"]
    assert view.records[0]["total"] == 10 and view.records[0]["counts"]["Hạng III"] == 6
    assert [r["is_total"] for r in view.records] == [False, False, True]
    assert [r["unit_kind"] for r in view.records] == ["department", "station", None]


def test_staff_by_job_title_table_and_its_total_row() -> None:
    """Rows that are job titles, not units: a staffing table with no unit kinds, its total row checked."""
    rows = [["TT", "Chức danh", "Số lượng viên chức"], ["1", "Bác sĩ, y sĩ", "58"], ["2", "Dược sĩ", "21"],
            ["3", "Điều dưỡng", "104"], ["4", "Khác", "38"], ["", "Tổng số", "215"]]
    view = read_table(Table(index=0, page=1, rows=rows))
    assert view.kind == "staffing"
    assert [r["unit_kind"] for r in view.records] == [None] * 5 and view.records[-1]["is_total"]
    from vanban.extract.flags import find_flags

    flags = find_flags("", {}, [], [], [], [view], [])
    assert [f.params.get("sum") for f in flags if f.code == "sum_mismatch"] == ["221"]
    rows[-1][2] = "221"
    assert not [f for f in find_flags("", {}, [], [], [], [read_table(Table(index=0, page=1, rows=rows))], [])
                if f.code == "sum_mismatch"]


def test_a_table_of_other_things_stays_other() -> None:
    rows = [["TT", "Tên phần mềm", "Nhà cung cấp"], ["1", "HIS", "VNPT"], ["2", "LIS", "Viettel"]]
    assert read_table(Table(index=0, page=1, rows=rows)).kind == "other"


@pytest.mark.parametrize(("text", "iso"), [
    ("Trước 30/10/2026", "2026-10-30"), ("Hoàn thành trước ngày 25 tháng 12 năm 2026", "2026-12-25"),
    ("Tháng 6/2026", "2026-06-30"), ("Quý III/2026", "2026-09-30"), ("quý 4 năm 2025", "2025-12-31"),
    ("Thường xuyên", None), ("Theo quy định của Bộ tiêu chí năm 2026", None), (None, None),
])
def test_deadlines(text: str | None, iso: str | None) -> None:
    assert deadline(text) == iso


@pytest.mark.parametrize(("name", "kind"), [
    ("Trạm Y tế Lý Nam", "station"), ("Phòng khám đa khoa", "clinic"), ("Phòng Dân số - Truyền thông", "office"),
    ("Khoa Dược", "department"), ("Trung tâm Cấp cứu", "centre"), ("Bộ phận Một cửa", None),
])
def test_unit_kinds(name: str, kind: str | None) -> None:
    assert unit_kind(name) == kind


def test_a_lead_merged_over_two_tasks_leads_both() -> None:
    """A vertically merged "Đơn vị chủ trì" cell is read once (None below it): both tasks are its."""
    rows = [["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
            ["1", "Triển khai bệnh án điện tử", "Phòng CNTT", "Các khoa", "Quý III/2026"],
            ["2", "Ký số văn bản đi", None, "Văn phòng", "Thường xuyên"],
            ["3", "Thanh toán không dùng tiền mặt", "", "Ngân hàng", None]]
    view = read_table(Table(index=0, page=1, rows=rows))
    assert view.kind == "tasks"
    assert [(r["lead"], r["deadline_text"]) for r in view.records] == [
        ("Phòng CNTT", "Quý III/2026"), ("Phòng CNTT", "Thường xuyên"), (None, "Thường xuyên")]
