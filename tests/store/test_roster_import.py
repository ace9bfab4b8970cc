"""`vanban roster import` and `vanban missing` with rosters as offices make them, on SQLite and PostgreSQL:
a title above the header is not a unit, lines of one unit are said, a unit the store has not seen is shown
as the roster wrote it; `--province` matches without diacritics or case, and a name of no province is an
error (exit code 2, a notice on the web page), not an empty answer. The store holds corpus/docx."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import insert, select

from vanban.cli import main
from vanban.db import queries
from vanban.db.engine import make_engine
from vanban.db.service_tables import RosterUnit
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

Q3 = "Quý III năm 2025"
TITLE = "DANH SÁCH ĐƠN VỊ PHẢI BÁO CÁO CCHC NĂM 2025"


@pytest.fixture(scope="module")
def db(module_store: str) -> str:
    summary = ingest_folder(CORPUS / "docx", module_store, workers=0)
    assert (summary.ingested, summary.failed) == (5, 0), summary.errors
    return module_store


def cli(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _missing(db: str, *more: str) -> list[tuple[str, str, bool]]:
    out = json.loads(cli("missing", "--period", Q3, "--db", db, "--format", "json", *more).stdout)
    return [(r["unit"], r["province"], r["in_store"]) for r in out]


def test_a_title_row_roster_imports_its_units_and_says_the_merged_lines(db: str, tmp_path: Path) -> None:
    path = tmp_path / "don-vi.xlsx"
    book = openpyxl.Workbook()
    for row in ([TITLE, None, None], [None, None, None], ["STT", "Tên đơn vị", "Tỉnh"],
                [1, "Sở Y tế tỉnh Bắc Ninh", "Bắc Ninh"], [2, "Bệnh viện Đa khoa tỉnh Kiên Giang", "Kiên Giang"],
                [3, "Trung tâm Y tế huyện Lệ Thủy", "Quảng Bình"], [4, "TTYT khu vực Lệ Thủy", "Quảng Trị"]):
        book.active.append(row)
    book.save(path)
    said = cli("roster", "import", str(path), "--db", db)
    assert said.stdout.strip() == f"{path}: đã nhập 3 đơn vị vào danh sách (từ 4 dòng; 1 dòng trùng đơn vị ở dòng khác)"
    assert said.stderr.strip() == (
        f"{path}: dòng 7 “TTYT khu vực Lệ Thủy” là cùng đơn vị với dòng 6 “Trung tâm Y tế huyện Lệ Thủy” "
        "(Trung tâm Y tế khu vực Lệ Thủy, Quảng Trị): chỉ tính một lần"), "each merge said, on stderr"
    owed = _missing(db)
    assert owed, "the roster's units have not reported for Q3"
    assert not {u for u, _, _ in owed} & {"STT", "1", "2", TITLE}, owed
    # the store's name for the unit it has, the roster's own words for those it has not seen
    assert owed == [("Bệnh viện Đa khoa tỉnh Kiên Giang", "An Giang", False), ("Sở Y tế", "Bắc Ninh", True),
                    ("Trung tâm Y tế huyện Lệ Thủy", "Quảng Trị", False)], owed
    kept = rows(db, select(RosterUnit.name, RosterUnit.written).order_by(RosterUnit.id))
    assert kept[0] == ("Sở Y tế", "Sở Y tế tỉnh Bắc Ninh") and len(kept) == 3


def test_a_semicolon_csv_imports_names_without_the_separator(db: str, tmp_path: Path) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_text("STT;Tên đơn vị\n1;Trung tâm Y tế huyện Giồng Riềng\n2;Sở Y tế tỉnh Bắc Ninh\n",
                    encoding="utf-8-sig")
    assert cli("roster", "import", str(path), "--db", db, "--lang", "en").stdout.strip() == \
        f"{path}: 2 units imported into the roster"
    owed = _missing(db)
    assert owed == [("Sở Y tế", "Bắc Ninh", True), ("Trung tâm Y tế huyện Giồng Riềng", None, False)], owed


def test_a_roster_without_a_header_is_refused_in_one_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "ten.csv"
    path.write_text("Sở Y tế tỉnh Bắc Ninh\nSở Y tế tỉnh Lào Cai\n", encoding="utf-8")
    said = cli("roster", "import", str(path), "--db", db, code=2).output
    assert said.startswith(f"{path}: không thấy dòng tiêu đề") and said.count("\n") == 1, said
    said = cli("missing", "--period", Q3, "--roster", str(path), "--db", db, code=2).output
    assert said.startswith(f"{path}: không thấy dòng tiêu đề") and said.count("\n") == 1, said


def test_a_roster_imported_before_the_written_name_shows_its_key_name(db: str) -> None:
    engine = make_engine(db, writer=True)
    with engine.begin() as conn:
        conn.execute(RosterUnit.__table__.delete())
        conn.execute(insert(RosterUnit), [{"unit_key": "Quảng Trị|trung tâm y tế khu vực lệ thủy",
                                           "name": "Trung tâm Y tế khu vực Lệ Thủy", "province": "Quảng Trị"}])
    engine.dispose()
    assert _missing(db) == [("Trung tâm Y tế khu vực Lệ Thủy", "Quảng Trị", False)]


def test_a_province_matches_without_diacritics_or_case(db: str) -> None:
    written = queries.missing("năm 2027", province="Quảng Trị", db=db)
    assert len(written), "the Quảng Trị centre owes its report for 2027"
    for typed in ("quang tri", "QUẢNG TRỊ", "tinh Quang Tri", "Quang Binh"):   # Quảng Bình is part of it today
        assert queries.missing("năm 2027", province=typed, db=db).equals(written), typed
    figures = queries.figures("khong_dung_tien_mat", province="Lào Cai", db=db)
    assert len(figures), "the Lào Cai hospital reports its cashless payments"
    for typed in ("lao cai", "LÀO CAI", "Yen Bai"):                        # Yên Bái is part of it today
        assert queries.figures("khong_dung_tien_mat", province=typed, db=db).equals(figures), typed
    assert len(queries.coverage("76/NQ-CP", province="bac ninh", db=db)) == \
        len(queries.coverage("76/NQ-CP", province="Bắc Ninh", db=db)) > 0


def test_a_name_of_no_province_is_an_error(db: str) -> None:
    with pytest.raises(queries.BadQuery, match="Sao Hoa: không có tỉnh, thành phố nào tên như vậy"):
        queries.missing(Q3, province="Sao Hoa", db=db)
    for verb in (["missing", "--period", Q3], ["figures"], ["coverage", "76/NQ-CP"]):
        said = cli(*verb, "--province", "Sao Hoa", "--db", db, code=2).output
        assert said == "Sao Hoa: không có tỉnh, thành phố nào tên như vậy (gõ có dấu hoặc không dấu, ví dụ " \
                       "“Kiên Giang” hay “kien giang”)\n", (verb, said)
    said = cli("missing", "--period", Q3, "--province", "Sao Hoa", "--db", db, "--lang", "en", code=2).output
    assert said.startswith("Sao Hoa: no province or city of this name"), said


def test_the_web_page_says_a_name_of_no_province(db: str, tmp_path: Path) -> None:
    if not db.startswith("sqlite"):
        pytest.skip("one server is enough: the question is the same on either store")
    from tests.web.conftest import start_server, stop_server

    server = start_server(tmp_path, db=db)
    try:
        query = urllib.parse.urlencode({"period": Q3, "province": "Sao Hoa"})
        page = urllib.request.urlopen(f"{server.url}/?{query}", timeout=60).read().decode()
        assert 'id="notice"' in page and "Sao Hoa: không có tỉnh, thành phố nào tên như vậy" in page
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{server.url}/csv/missing?{query}", timeout=60)
        assert refused.value.code == 400
        query = urllib.parse.urlencode({"period": "năm 2027", "province": "quang tri"})
        page = urllib.request.urlopen(f"{server.url}/?{query}", timeout=60).read().decode()
        owed = set(queries.missing("năm 2027", province="Quảng Trị", db=db)["unit"])
        assert owed and 'id="notice"' not in page and all(unit in page for unit in owed), owed
    finally:
        stop_server(server)
