"""Figures in tables: a number cell takes its unit from its column header and its indicator from the
header and its row; a total row is checked against the rows above it and a percentage column
against the two columns its header names, only where the header says so plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.extract.catalogue import load
from vanban.extract.model import Table
from vanban.extract.record import extract_file
from vanban.extract.table_checks import table_ratio_flags, table_sum_flags
from vanban.extract.table_figures import header_unit, table_figures
from vanban.extract.tables import TableView, read_table

HERE = Path(__file__).parent / "table_figures"


def _view(rows: list[list[str]]) -> tuple[str, TableView]:
    """A table as a DOCX's text has it (a row a line, its cells joined by tabs), read and located."""
    text = "Kết quả như sau:\n" + "\n".join("\t".join(c for c in r if c) for r in rows) + "\nHết."
    view = read_table(Table(index=0, page=None, rows=rows))
    view.span = (text.index(rows[0][0]), text.rindex("\n"))
    return text, view


def _flags(rows: list[list[str]]) -> tuple[list, list]:
    text, view = _view(rows)
    figures = table_figures(text, [view], [])
    assert figures                        # the checks below read figures: there must be some
    return table_ratio_flags([view]), table_sum_flags([view])


RESULTS = [["TT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Giải quyết đúng hạn", "Tỷ lệ đúng hạn (%)"],
           ["1", "Khám bệnh", "1.800", "1.790", "99,4"],
           ["2", "Dược", "600", "586", "92,7"],
           ["", "Tổng cộng", "2.400", "2.376", "99,0"]]
BUDGET = [["TT", "Nội dung", "Kinh phí (triệu đồng)"], ["1", "Tập huấn", "150"], ["2", "Phần mềm", "1.200"],
          ["", "Tổng cộng", "1.300"]]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_a_reports_tables_give_figures_and_flags(fmt: str) -> None:
    """The PDF is LibreOffice's export of the DOCX: its tables are located in the text by their first
    header cell ("TT"), as a whole word (not the "TT" of "TTYT") and after the table before it."""
    rec = extract_file(HERE / f"bc_tables.{fmt}", with_text=True)
    cells = [m for m in rec["metrics"] if m.get("in_table")]
    assert len(cells) == 12
    by_context = {m["context"]: m for m in cells}
    received = by_context["Dược: Số hồ sơ tiếp nhận 600 hồ sơ"]
    assert (received["kind"], received["value"], received["unit"], received["indicator_key"]) == \
        ("count", 600, "hồ sơ", "tiep_nhan_ho_so")
    assert rec["text"][slice(*received["span"])] == "600"
    if fmt == "pdf":
        assert received["page"] == 1
    else:
        assert received["page"] is None and received["paragraph"]   # a DOCX without page breaks, a text
    rate = by_context["Dược: Tỷ lệ đúng hạn 92,7%"]
    assert (rate["kind"], rate["value"], rate["indicator_key"]) == ("percent", 92.7, "dung_han")
    money = [m for m in cells if m["kind"] == "money"]
    assert [m["value"] for m in money] == [150_000_000, 1_200_000_000, 1_300_000_000]
    # no figure twice: the text's own figures and the cells' are apart
    assert len({tuple(m["span"]) for m in rec["metrics"]}) == len(rec["metrics"])
    assert not [f for f in rec["flags"] if f["code"] == "missing_section" and f["severity"] == "error"]
    ratio = [f for f in rec["flags"] if f["code"] == "ratio_mismatch"]
    total = [f for f in rec["flags"] if f["code"] == "sum_mismatch"]
    assert len(ratio) == 1 and len(total) == 1
    assert "Dược" in ratio[0]["message"] and "Tỷ lệ đúng hạn (%)" in ratio[0]["message"]
    assert [x["raw"] for x in ratio[0]["figures"]] == ["92,7", "586", "600"]
    assert ratio[0]["quote"].startswith("2 Dược 600 586 92,7")
    assert "Tổng cộng" in total[0]["message"] and "1.350" in total[0]["message"]
    assert [x["raw"] for x in total[0]["figures"]] == ["1.300", "150", "1.200"]


@pytest.mark.parametrize(("header", "cell", "kind", "value", "unit"), load("tables")["figures"]["examples"])
def test_a_cell_takes_its_headers_unit(header: str, cell: str, kind: str, value: float, unit: str) -> None:
    text, view = _view([["TT", "Nội dung", header], ["1", "Khoa Dược", cell], ["2", "Khoa Nội", cell]])
    figures = table_figures(text, [view], [])
    assert len(figures) == 2
    assert (figures[0].kind, figures[0].value, figures[0].unit or "") == (kind, value, unit)
    assert figures[0].in_table and text[slice(*figures[0].span)] == cell


@pytest.mark.parametrize(("header", "cell"), load("tables")["figures"]["counterexamples"])
def test_a_header_naming_no_measure_gives_no_figure(header: str, cell: str) -> None:
    text, view = _view([["Nội dung", header], ["Khoa Dược", cell], ["Khoa Nội", cell]])
    assert header_unit(header) is None or not table_figures(text, [view], [])
    assert not table_figures(text, [view], [])


def test_agreeing_tables_give_no_flag() -> None:
    rows = [r[:] for r in RESULTS]
    rows[2][4] = "97,7"
    assert _flags(rows) == ([], [])
    budget = [r[:] for r in BUDGET]
    budget[3][2] = "1.350"
    assert _flags(budget) == ([], [])


def test_contradicting_tables_are_flagged() -> None:
    ratio, total = _flags(RESULTS)
    assert [(f.params["row"], f.params["stated"]) for f in ratio] == [("Dược", "92,7")]
    assert total == []                                     # 1.800 + 600 = 2.400, 1.790 + 586 = 2.376
    assert [f.params["sum"] for f in _flags(BUDGET)[1]] == ["1.350"]


def test_no_total_check_where_a_cell_is_blank_or_no_number() -> None:
    for filler in ("", "-", "x"):
        rows = [r[:] for r in BUDGET[:3]] + [["3", "Hội nghị", "40"], ["4", "Tài liệu", "10"], BUDGET[3][:]]
        rows[1][2] = filler
        text, view = _view(rows)
        table_figures(text, [view], [])
        assert view.figures and table_sum_flags([view]) == []


def test_no_total_check_on_a_percentage_column() -> None:
    rows = [["TT", "Đơn vị", "Tỷ lệ hài lòng (%)"], ["1", "Khoa Nội", "95"], ["2", "Khoa Ngoại", "90"],
            ["", "Tổng cộng", "92,5"]]
    assert _flags(rows) == ([], [])


def test_no_total_check_over_groups_and_their_parts() -> None:
    rows = [["TT", "Nội dung", "Kinh phí (triệu đồng)"], ["I", "Đào tạo", "300"], ["1", "Tập huấn", "150"],
            ["2", "Hội nghị", "150"], ["II", "Phần mềm", "1.200"], ["", "Tổng cộng", "1.500"]]
    assert _flags(rows)[1] == []


def test_no_share_check_when_the_header_does_not_name_both_columns() -> None:
    unclear = [["TT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Đã giải quyết", "Giải quyết đúng hạn", "Tỷ lệ (%)"],
               ["1", "Dược", "600", "590", "586", "92,7"], ["2", "Y tế", "100", "90", "80", "50"]]
    assert _flags(unclear)[0] == []
    two_wholes = [["TT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Tổng số phải giải quyết", "Giải quyết đúng hạn",
                   "Tỷ lệ đúng hạn (%)"], ["1", "Dược", "600", "590", "586", "92,7"],
                  ["2", "Y tế", "100", "90", "80", "50"]]
    assert _flags(two_wholes)[0] == []


def test_a_share_of_what_was_received_may_be_more() -> None:
    """As ratio_mismatch: a stated share above its share of what was received is a share of what was dealt with."""
    rows = [r[:] for r in RESULTS]
    rows[2][4] = "99,9"
    assert _flags(rows)[0] == []


def test_numbers_running_down_a_column_are_row_numbers() -> None:
    """"Phần 1. CHỈ TIÊU CHẤT LƯỢNG | 1, 2, 3" (a list of criteria in a decision): no counts of criteria."""
    text, view = _view([["Tên chỉ tiêu", "Phần 1. CHỈ TIÊU CHẤT LƯỢNG"], ["Hạn sử dụng", "1"], ["Dạng chế", "2"],
                        ["Số CAS", "3"]])
    assert not table_figures(text, [view], [])
    text, view = _view([["Tên chỉ tiêu", "Số chỉ tiêu đạt"], ["Khoa Nội", "4"], ["Khoa Ngoại", "2"], ["Khoa Sản", "3"]])
    assert [m.value for m in table_figures(text, [view], [])] == [4, 2, 3]


def test_a_unit_name_is_whose_figure_not_what_it_measures() -> None:
    text, view = _view([["TT", "Đơn vị", "Số lượt"], ["1", "Phòng Dân số - Truyền thông", "12"],
                        ["2", "Khoa Dược", "30"]])
    figures = table_figures(text, [view], [])
    assert figures and figures[0].indicator_key != "tuyen_truyen"
    assert figures[0].context.startswith("Phòng Dân số - Truyền thông: ")


def test_a_staffing_tables_counts_stay_its_records() -> None:
    rows = [["STT", "Khoa, phòng", "Số viên chức"], ["1", "Khoa Khám bệnh", "10"], ["2", "Khoa Dược", "5"],
            ["", "Tổng cộng", "16"]]
    text, view = _view(rows)
    assert view.kind == "staffing" and not table_figures(text, [view], [])


def test_no_figures_in_the_first_column_nor_under_a_shared_header() -> None:
    rows = [["Phần 1. CHỈ TIÊU", "Tên", "Số lượt", "Số lượt"], ["1", "Ngoại dạng", "7", "18"],
            ["2", "Hàm lượng", "7", "18"], ["5", "Tạp chất", "7", "18"]]
    text, view = _view(rows)
    assert not table_figures(text, [view], [])
    rows = [["TT", "Tên", "Số lượt - Trực tiếp", "Số lượt - Trực tuyến"], ["1", "Ngoại dạng", "7", "18"],
            ["2", "Hàm lượng", "7", "18"], ["5", "Tạp chất", "7", "18"]]
    text, view = _view(rows)
    assert len(table_figures(text, [view], [])) == 6


def test_a_unit_column_gives_each_rows_unit() -> None:
    """"Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ (%)": each row its own unit; the rate names no
    part, so it is not checked."""
    rows = [["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"],
            ["1", "Hồ sơ tiếp nhận", "hồ sơ", "1.000", "950", "90"],
            ["2", "Kinh phí tập huấn", "triệu đồng", "200", "180", "90"],
            ["3", "Văn bản được ký số", "%", "100", "98", "98"]]
    text, view = _view(rows)
    figures = table_figures(text, [view], [])
    kinds = [(m.kind, m.value, m.unit) for m in figures]
    assert ("count", 950, "hồ sơ") in kinds and ("money", 180_000_000, "đồng") in kinds
    assert ("percent", 98, None) in kinds
    assert table_ratio_flags([view]) == [] and table_sum_flags([view]) == []


def test_no_share_check_beside_two_wholes() -> None:
    rows = [["TT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Đã giải quyết", "Giải quyết đúng hạn", "Tỷ lệ đúng hạn (%)"],
            ["1", "Dược", "600", "590", "586", "99,3"], ["2", "Y tế", "100", "90", "80", "50"]]
    assert _flags(rows)[0] == []
    del rows[0][3], rows[1][3], rows[2][3]
    assert [f.params["row"] for f in _flags(rows)[0]] == ["Y tế"]      # 80 of 100 is 80%, not 50%


@pytest.mark.parametrize(("header", "unit"), [("Kế hoạch", None), ("Chỉ tiêu năm 2025", None),
                                               ("Số kế hoạch ban hành", "kế hoạch"), ("Số lượng nhiệm vụ", "nhiệm vụ")])
def test_a_plan_column_counts_no_plans(header: str, unit: str | None) -> None:
    assert header_unit(header) == unit


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_merged_headers_groups_and_unit_columns(fmt: str) -> None:
    """bc_grid: a DOCX made with python-docx (and LibreOffice's PDF of it) with four tables: "Số hồ
    sơ" merged over "Tiếp nhận | Đúng hạn | Quá hạn" beside "Tỷ lệ đúng hạn (%)" (Dược: 586 of 600
    is not 92,7%); a budget of groups (I, II) and their items, whose total (1.600) is not checked,
    as which rows add up is not said; a "Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ (%)" table; a
    table of patients per department whose "Tổng số" row (1.950) is not 1.150 + 790."""
    rec = extract_file(HERE / f"bc_grid.{fmt}")
    cells = [m for m in rec["metrics"] if m.get("in_table")]
    assert len(cells) == 30
    late = [m for m in cells if m["kind"] == "count" and m["value"] == 14]
    assert late and late[0]["unit"] == "hồ sơ" and late[0]["indicator_key"] == "tre_han"
    ratio = [f["params"] for f in rec["flags"] if f["code"] == "ratio_mismatch"]
    total = [f["params"] for f in rec["flags"] if f["code"] == "sum_mismatch"]
    assert [(p["table"], p["row"], p["stated"]) for p in ratio] == [(1, "Dược", "92,7")]
    assert [(p["table"], p["row"], p["column"], p["sum"]) for p in total] == \
        [(4, "Tổng số", "Số lượt người bệnh hài lòng", "1.940")]


def test_subtotals_are_checked_and_the_grand_total_is_not() -> None:
    rows = [["TT", "Nội dung", "Kinh phí (triệu đồng)"], ["I", "Khối lâm sàng", ""], ["1", "Khoa Nội", "100"],
            ["2", "Khoa Ngoại", "50"], ["", "Cộng", "160"], ["II", "Khối cận lâm sàng", ""], ["1", "Khoa Dược", "70"],
            ["2", "Khoa Xét nghiệm", "30"], ["", "Cộng", "100"], ["", "Tổng cộng", "999"]]
    assert [(f.params["stated"], f.params["sum"]) for f in _flags(rows)[1]] == [("160", "150")]


def test_a_row_naming_an_indicator_of_totals_is_no_total_row() -> None:
    rows = [["Nội dung", "Số hồ sơ"], ["Hồ sơ trực tuyến", "800"], ["Hồ sơ quá hạn", "5"],
            ["Tổng số hồ sơ tiếp nhận trong kỳ", "1.000"]]
    assert _flags(rows) == ([], [])


def test_a_share_named_across_a_merged_header() -> None:
    """"Số hồ sơ đã giải quyết" merged over "Tổng số | Đúng hạn": the rate of "giải quyết đúng hạn" is
    "Đúng hạn" of "Tổng số"; with "Số hồ sơ tiếp nhận" beside them there are two wholes: no check."""
    rows = [["TT", "Lĩnh vực", "Số hồ sơ đã giải quyết - Tổng số", "Số hồ sơ đã giải quyết - Đúng hạn",
             "Tỷ lệ giải quyết đúng hạn (%)"], ["1", "Dược", "600", "586", "92,7"], ["2", "Y tế", "100", "90", "90"]]
    assert [f.params["row"] for f in _flags(rows)[0]] == ["Dược"]
    for r, v in zip(rows, ["Số hồ sơ tiếp nhận", "700", "120"], strict=False):
        r.insert(2, v)
    assert _flags(rows)[0] == []
