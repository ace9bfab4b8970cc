"""A roster file read as offices make them (no store needed): a title above the header, a numbering
column, groups, CSV separated by `;` as Excel writes it under a Vietnamese locale, a BOM, Windows-1258,
UTF-16; a file with no header row is refused, naming the file and what is missing; lines that name
one unit are counted once and said. Real files, written here by openpyxl and by hand."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from vanban.db.queries import BadQuery
from vanban.db.queries.roster import group_heading, header_kind, read
from vanban.extract.catalogue import load
from vanban.patterns import strings

TITLE = "DANH SÁCH ĐƠN VỊ PHẢI BÁO CÁO CCHC NĂM 2025"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _xlsx(path: Path, *sheets: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for i, rows in enumerate(sheets):
        sheet = book.active if i == 0 else book.create_sheet(f"Sheet{i + 1}")
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _cp1258(text: str) -> bytes:
    """Text as Excel's CSV writes it on a Vietnamese Windows: a letter with its hat or horn, then its tone."""
    out = []
    for c in text:
        parts = unicodedata.normalize("NFD", c)
        out.append(unicodedata.normalize("NFC", "".join(x for x in parts if x not in TONES))
                   + "".join(x for x in parts if x in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("kind", ["name", "province", "number"])
def test_the_header_words_read_their_examples(kind: str) -> None:
    entry = load("roster")[kind]
    assert entry["cells"] and entry["not_cells"]
    for cell in entry["cells"]:
        assert header_kind(cell) == kind, cell
    for cell in entry["not_cells"]:
        assert header_kind(cell) != kind, cell


def test_a_group_heading_is_told_from_a_number() -> None:
    entry = load("roster")["number"]
    assert entry["group_cells"] and entry["not_group_cells"]
    assert all(group_heading(c) for c in entry["group_cells"])
    assert not any(group_heading(c) for c in entry["not_group_cells"])


def test_a_title_above_the_header_and_a_numbering_column_are_not_units(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "don-vi.xlsx", [
        [TITLE, None, None], [None, None, None], ["STT", "Tên đơn vị", "Tỉnh"],
        [1, "Trung tâm Y tế huyện Giồng Riềng", "Kiên Giang"], [2, "Bệnh viện Sản Nhi tỉnh An Giang", "An Giang"]])
    roster = read(path)
    assert [u.written for u in roster.units] == ["Trung tâm Y tế huyện Giồng Riềng", "Bệnh viện Sản Nhi tỉnh An Giang"]
    assert [u.province for u in roster.units] == ["An Giang", "An Giang"], "Kiên Giang is part of An Giang today"
    assert roster.lines == 2 and roster.notes == []


def test_groups_column_numbers_blank_rows_and_a_repeated_header(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "cover.xlsx", [["Kính gửi: các đơn vị"], ["Xem trang sau"]], [
        ["UBND TỈNH QUẢNG TRỊ"], [TITLE], ["Số TT", "Tên cơ quan, đơn vị", "Ghi chú"], ["(1)", "(2)", "(3)"],
        ["I", "Các sở, ban, ngành", None], [1, "Sở Y tế", None], [None, None, None],
        ["Số TT", "Tên cơ quan, đơn vị", "Ghi chú"], ["II", "UBND cấp huyện", None],
        [2, "Ủy ban nhân dân huyện Gio Linh", "gửi qua hệ thống"]])
    roster = read(path)
    assert [u.written for u in roster.units] == ["Sở Y tế", "Ủy ban nhân dân huyện Gio Linh"], \
        "the second sheet: the first has no header row"
    notes = "\n".join(roster.notes)
    assert "dòng 5 “Các sở, ban, ngành” là tiêu đề nhóm (STT “I”)" in notes
    assert "dòng 9 “UBND cấp huyện”" in notes
    assert f"{path}: dòng 4 không có tên đơn vị (ô “Tên cơ quan, đơn vị” không có chữ)" in notes


def test_a_semicolon_csv_from_a_vietnamese_excel_in_windows_1258(tmp_path: Path) -> None:
    text = "STT;Tên đơn vị;Tỉnh\r\n1;Trung tâm Y tế huyện Giồng Riềng;Kiên Giang\r\n2;Bệnh viện Sản Nhi;An Giang\r\n"
    path = tmp_path / "don-vi.csv"
    path.write_bytes(_cp1258(text))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    roster = read(path)
    assert [u.written for u in roster.units] == ["Trung tâm Y tế huyện Giồng Riềng", "Bệnh viện Sản Nhi"]
    assert not any(";" in u.written for u in roster.units)
    path.write_text(text, encoding="utf-8-sig")                                   # "CSV UTF-8": a BOM first
    assert [u.written for u in read(path).units] == [u.written for u in roster.units]
    path.write_text(text.replace(";", "\t"), encoding="utf-16")                   # "Unicode Text": tabs, UTF-16
    assert [u.written for u in read(path).units] == [u.written for u in roster.units]


def test_a_one_column_csv_keeps_the_commas_of_its_names(tmp_path: Path) -> None:
    path = tmp_path / "ten.csv"
    path.write_text("Tên đơn vị\nTrung tâm Y tế huyện Phú Quốc, tỉnh Kiên Giang\n\"Sở Y tế, tỉnh Lào Cai\"\n",
                    encoding="utf-8")
    units = read(path).units
    assert [u.written for u in units] == ["Trung tâm Y tế huyện Phú Quốc, tỉnh Kiên Giang", "Sở Y tế, tỉnh Lào Cai"]
    assert [(u.name, u.province) for u in units] == [("Trung tâm Y tế khu vực Phú Quốc", "An Giang"),
                                                     ("Sở Y tế", "Lào Cai")]


def test_lines_of_one_unit_are_counted_once_and_said(tmp_path: Path) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_text("Đơn vị,Tỉnh\nSở Y tế tỉnh Kiên Giang,Kiên Giang\nSYT Kiên Giang,kien giang\n"
                    "Bệnh viện Đa khoa tỉnh Kiên Giang,Kiên Giang\nTTYT huyện Phú Quốc,kien giang\n"
                    "Trung tâm Y tế khu vực Phú Quốc,An Giang\n", encoding="utf-8")
    roster = read(path)
    assert (len(roster.units), roster.lines, roster.merged) == (3, 5, 2)
    assert [u.written for u in roster.units] == ["Sở Y tế tỉnh Kiên Giang", "Bệnh viện Đa khoa tỉnh Kiên Giang",
                                                 "TTYT huyện Phú Quốc"], "each unit as its first line wrote it"
    assert roster.notes == [
        f"{path}: dòng 3 “SYT Kiên Giang” là cùng đơn vị với dòng 2 “Sở Y tế tỉnh Kiên Giang” "
        "(Sở Y tế tỉnh Kiên Giang, An Giang): chỉ tính một lần",
        f"{path}: dòng 6 “Trung tâm Y tế khu vực Phú Quốc” là cùng đơn vị với dòng 5 “TTYT huyện Phú Quốc” "
        "(Trung tâm Y tế khu vực Phú Quốc, An Giang): chỉ tính một lần"]
    with strings.speaking("en"):
        said = read(path).notes
    assert said[0].startswith(f"{path}: line 3 “SYT Kiên Giang” is the same unit as line 2"), said


@pytest.mark.parametrize(("name", "content", "says"), [
    ("ten.csv", "Sở Y tế tỉnh Lào Cai\nSở Y tế tỉnh Yên Bái\n".encode(), "không thấy dòng tiêu đề có cột tên đơn vị"),
    ("so.csv", "STT,Ghi chú\n1,x\n".encode(), "không thấy dòng tiêu đề có cột tên đơn vị"),
    ("tcvn3.csv", b"T\xaan \xae\xb8n v\xdc\n", "không đọc được bảng mã"),
    ("hong.csv", b"T\x81n \x8a\x90\n", "không đọc được bảng mã"),
    ("rong.csv", b"", "danh sách không có đơn vị nào"),
    ("chi-tieu-de.csv", "Tên đơn vị\n\n".encode(), "danh sách không có đơn vị nào"),
    ("hong.xlsx", b"PK not a workbook", "không đọc được danh sách đơn vị"),
])
def test_a_roster_that_cannot_be_read_is_refused_saying_why(tmp_path: Path, name: str, content: bytes,
                                                             says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadQuery) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: ") and says in str(err.value), str(err.value)


def test_a_title_only_workbook_is_refused_in_the_language_asked(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "tieu-de.xlsx", [[TITLE], [], ["1", "Sở Y tế"]])
    with strings.speaking("en"), pytest.raises(BadQuery) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: no header row naming the unit column in the first 3 rows")
