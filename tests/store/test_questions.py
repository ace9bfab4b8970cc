"""The cross-unit questions, as functions and as CLI verbs, on a store of the corpus plus edited variants:
Bố Trạch under three names, a Quảng Trị centre that does not cite 76/NQ-CP, and a Phú Thọ centre that
dates 76/NQ-CP differently."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from tests.conftest import LONG, need
from vanban.cli import main
from vanban.db import queries
from vanban.extract.record import extract_file
from vanban.identity.units import document_unit
from vanban.patterns import strings
from vanban.pipeline.ingest import ingest_folder

from .helpers import TXT, write_bo_trach_aliases, write_da_bac_conflict, write_le_thuy

BO_TRACH = "Trung tâm Y tế khu vực Bố Trạch"
MAI_CHAU = "Trung tâm Y tế khu vực Mai Châu"
LE_THUY = "Trung tâm Y tế khu vực Lệ Thủy"
DA_BAC = "Trung tâm Y tế khu vực Đà Bắc"


@pytest.fixture(scope="module")
def db(module_store: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("reports")
    for p in TXT:
        shutil.copy(p, folder / p.name)
    write_bo_trach_aliases(folder)
    write_le_thuy(folder)
    write_da_bac_conflict(folder)
    summary = ingest_folder(folder, module_store, workers=2)
    assert (summary.ingested, summary.failed) == (9, 0), summary.errors
    return module_store


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_coverage_lists_citing_units_and_the_silent_ones(db: str) -> None:
    """A directive of the centre binds every unit: all the silent ones are listed; a local plan, only
    those of its province and of the citing units'."""
    df = queries.coverage("76/NQ-CP", db=db)
    assert dict(zip(df["unit"], df["cites"], strict=True)) == {
        BO_TRACH: True, MAI_CHAU: True, DA_BAC: True, LE_THUY: False, "Sở Y tế": False,
        "Bệnh viện Đa khoa số 2": False, "Trung tâm Y tế khu vực Sơn Trà": False}
    assert list(df["cites"]) == sorted(df["cites"], reverse=True), "the citing units first"
    row = df.set_index("unit").loc[BO_TRACH]          # 000 and its copy naming "TTYT khu vực Bố Trạch": one report
    assert (row["citing_reports"], row["reports"], row["province"]) == (2, 2, "Quảng Trị")
    plan = queries.coverage("450/KH-SYT", db=db)            # the department's plan, within Quảng Trị
    assert dict(zip(plan["unit"], plan["cites"], strict=True)) == {BO_TRACH: True, LE_THUY: False}
    asked = queries.coverage("76/NQ-CP", province="Quảng Trị", db=db)   # one province: its units alone
    assert dict(zip(asked["unit"], asked["cites"], strict=True)) == {BO_TRACH: True, LE_THUY: False}


def test_a_central_directive_no_report_cites_leaves_every_unit_silent(db: str) -> None:
    """The question "who ignores Nghị quyết 30c" has an answer before anyone cites it: every unit is
    silent, each judged against the verified issue date (patterns/directives.toml); a key the store
    does not hold and the catalogue does not know is still refused (a typo, not an answer)."""
    assert queries.cites(directive="30c/NQ-CP", db=db).empty
    df = queries.coverage("30c/NQ-CP", db=db)
    assert len(df) == 7 and not df["cites"].any() and not df["before_issue"].any(), df
    assert df.attrs["issue_date"].isoformat() == "2011-11-08"
    rows = json.loads(invoke("coverage", "30c/NQ-CP", "--db", db, "--format", "json"))
    assert len(rows) == 7 and not any(r["cites"] for r in rows), rows
    with pytest.raises(queries.NotFound):
        queries.coverage("31c/NQ-CP", db=db)


def test_cites_by_directive_and_by_any_name_of_a_unit(db: str) -> None:
    df = queries.cites(directive="76/NQCP", db=db)           # typed as in report 003: repaired
    assert sorted(set(df["unit"])) == sorted({BO_TRACH, MAI_CHAU, DA_BAC})
    assert len(df) == 4 and set(df["level"]) == {"government"}
    by_alias = queries.cites(unit="TTYT khu vực Bố Trạch", db=db)
    assert set(by_alias["unit"]) == {BO_TRACH} and by_alias["report_id"].nunique() == 2
    assert by_alias["own"].any() and set(by_alias[by_alias["own"]]["level"]) == {"unit"}
    assert len(queries.cites(unit="Bố Trạch", directive="450/KH-SYT", db=db)) == 2
    assert len(queries.cites(unit="bo trach", directive="450/kh-syt", db=db)) == 2      # typed without marks
    with pytest.raises(queries.NotFound):
        queries.cites(unit="Bệnh viện Chợ Rẫy", db=db)


def test_a_directive_dated_differently_is_flagged(db: str) -> None:
    flagged = queries.flags(code="directive_date_conflict", db=db)
    assert list(flagged["unit"]) == [DA_BAC]
    assert flagged.iloc[0]["directive"] == "76/NQ-CP" and "16/07/2021" in flagged.iloc[0]["message"]
    directive = queries.directives(db=db).set_index("directive").loc["76/NQ-CP"]
    assert (directive["issue_date"].isoformat(), directive["level"], directive["units"]) == \
        ("2021-07-15", "government", 3)
    assert bool(directive["date_conflict"])
    assert not queries.directives(db=db).set_index("directive").loc["60/2021/NĐ-CP", "date_conflict"]


def test_units_and_the_names_they_go_by(db: str) -> None:
    df = queries.units(db=db).set_index("unit")
    assert len(df) == 7
    assert df.loc[BO_TRACH, "names"].split("; ") == ["TTYT khu vực Bố Trạch", "Trung tâm Y tế huyện Bố Trạch",
                                                     BO_TRACH]
    assert df.loc[BO_TRACH, "reports"] == 2 and df.loc[BO_TRACH, "province"] == "Quảng Trị"
    assert df.loc[BO_TRACH, "files"] == 3


def test_matrix_and_levels(db: str) -> None:
    m = queries.matrix(db=db).set_index("unit")
    assert m.loc[BO_TRACH, "76/NQ-CP"] == 2 and m.loc[LE_THUY, "76/NQ-CP"] == 0
    common = queries.matrix(min_units=3, db=db).set_index("unit").drop(columns="province")
    assert "76/NQ-CP" in common.columns and ((common > 0).sum() >= 3).all()
    lv = queries.levels(db=db).set_index("unit")
    assert lv.loc[BO_TRACH, "own"] > 0 and lv.loc[BO_TRACH, "party_centre"] > 0
    assert lv.loc[MAI_CHAU, "government"] >= 1
    assert queries.labels(["own", "government"]) == {"own": "Do đơn vị tự ban hành", "government": "Chính phủ"}
    assert queries.labels(["government"], lang="en") == {"government": "Government"}


def test_cli_formats(db: str, tmp_path: Path) -> None:
    rows = json.loads(invoke("coverage", "76/NQ-CP", "--db", db, "--format", "json"))
    assert isinstance(rows, list) and {r["unit"]: r["cites"] for r in rows}[LE_THUY] is False
    assert all(set(r) == {"unit", "province", "cites", "before_issue", "citing_reports", "reports", "stated_date",
                          "latest"}
               for r in rows)
    csv = invoke("matrix", "--db", db, "--format", "csv", "--min-units", "3")
    assert csv.splitlines()[0].startswith("\ufeffĐơn vị,Tỉnh/thành phố,") and "76/NQ-CP" in csv.splitlines()[0]
    table = invoke("flags", "--db", db)
    assert DA_BAC in table and "directive_date_conflict" in table
    out = tmp_path / "cites.xlsx"
    invoke("cites", "--db", db, "--directive", "76/NQ-CP", "--out", str(out))
    sheet = pd.read_excel(out, engine="openpyxl")
    assert len(sheet) == 4 and set(sheet["Đơn vị"]) == {BO_TRACH, MAI_CHAU, DA_BAC}
    for verb in ("units", "directives", "levels"):
        assert json.loads(invoke(verb, "--db", db, "--format", "json"))
    missing = CliRunner().invoke(main, ["coverage", "9999/QĐ-XYZ", "--db", db])
    assert missing.exit_code == 1 and "không có văn bản nào" in missing.output


def test_coverage_of_76_nq_cp_in_the_sample_corpus(store: str) -> None:
    """Acceptance: the units of documents 000 and 003 cite 76/NQ-CP."""
    assert ingest_folder(TXT[0].parent, store, workers=0).ingested == 5
    expected = {document_unit(extract_file(p)["document"]).name for p in (TXT[0], TXT[3])}
    rows = json.loads(invoke("coverage", "76/NQ-CP", "--db", store, "--format", "json"))
    assert {r["unit"] for r in rows if r["cites"]} == expected == {BO_TRACH, MAI_CHAU}
    silent = {r["unit"] for r in rows if not r["cites"]}
    assert silent == {"Sở Y tế", "Bệnh viện Đa khoa số 2", "Trung tâm Y tế khu vực Sơn Trà"}, "the units that do not"


def test_flag_codes_are_checked_and_unit_kinds_said_in_words(db: str) -> None:
    from vanban.db.queries.listing import flag_codes

    found = set(queries.flags(db=db)["code"])
    assert found and found <= set(flag_codes()), "every stored code is one the question knows"
    bad = CliRunner().invoke(main, ["flags", "--code", "ratio_mismatches", "--db", db])
    assert bad.exit_code == 2 and "blank_date, blank_number" in bad.output, "a mistyped code is refused, with the codes"
    kinds = queries.units(db=db)["kind"]
    shown = queries.localize(queries.units(db=db))["Loại đơn vị"]
    assert "department" in set(kinds) and list(shown) == [strings.value(k) for k in kinds]
    assert "Sở, ngành" in set(shown)


def test_a_party_directive_is_found_as_typed_either_way(db: str) -> None:
    """Users type the Party's 57-NQ/TW the state's way too (57/NQ-TW): both find the same rows."""
    party = queries.cites("57-NQ/TW", db=db)
    assert not party.empty
    pd.testing.assert_frame_equal(queries.cites("57/NQ-TW", db=db), party)


def test_a_unit_that_reported_only_before_a_directive_was_issued_is_not_silent(store: str, tmp_path: Path) -> None:
    """76/NQ-CP was issued on 15/07/2021: the 2017 report of Sở Y tế Kiên Giang (now An Giang) and the 2006
    one of UBND Cà Mau could not cite it, so they are apart (`before_issue`), not among the units that ignore
    it; Cần Thơ's 2025 plan could, and is. A directive with no known date (the circular 31/2021/TT-BYT)
    keeps them all silent."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in [*TXT, need(LONG / "txt" / "01.txt"), LONG / "txt" / "03.txt", LONG / "txt" / "05.txt"]:
        shutil.copy(p, folder / f"{p.parent.parent.name}-{p.name}")
    le_thuy = write_le_thuy(folder)                     # Lệ Thủy (Quảng Trị), its plan dated 6/2024 instead of 6/2026
    le_thuy.write_text(le_thuy.read_text(encoding="utf-8").replace("2026", "2024"), encoding="utf-8")
    assert ingest_folder(folder, store, workers=0).failed == 0
    df = queries.coverage("76/NQ-CP", db=store)
    assert df.attrs["issue_date"].isoformat() == "2021-07-15"
    before = {(r.unit, r.province) for r in df.itertuples() if r.before_issue}
    assert before == {("Sở Y tế tỉnh Kiên Giang", "An Giang"), ("Ủy ban nhân dân", "Cà Mau")}
    assert not df[df["before_issue"]]["cites"].any() and list(df["before_issue"])[-2:] == [True, True], "listed last"
    silent = {(r.unit, r.province) for r in df.itertuples() if not r.cites and not r.before_issue}
    assert ("Ủy ban nhân dân", "Cần Thơ") in silent and ("Sở Y tế tỉnh Kiên Giang", "An Giang") not in silent
    undated = queries.coverage("31/2021/TT-BYT", db=store)
    assert undated.attrs["issue_date"] is None and not undated["before_issue"].any()
    kien_giang = ("Sở Y tế tỉnh Kiên Giang", "An Giang")
    assert kien_giang in {(r.unit, r.province) for r in undated.itertuples() if not r.cites}
    shown = json.loads(invoke("coverage", "76/NQ-CP", "--db", store, "--format", "json"))
    assert {r["unit"] for r in shown if r["before_issue"]} == {"Sở Y tế tỉnh Kiên Giang", "Ủy ban nhân dân"}
    with create_engine(store).connect() as conn:                # the SQL view says the same
        view = conn.execute(text("SELECT unit, province FROM v_coverage WHERE directive = '76/NQ-CP' "
                                 "AND before_issue")).all()
    assert {tuple(r) for r in view} == before
    plan = queries.coverage("450/KH-SYT", db=store)          # Quảng Trị's plan of 30/07/2025: Lệ Thủy wrote in 2024
    assert dict(zip(plan["unit"], zip(plan["cites"], plan["before_issue"], strict=True), strict=True)) == {
        BO_TRACH: (True, False), LE_THUY: (False, True)}
    sheets = dict(queries.inspection_sheets(db=store))          # the workbook's directives of the province, alike
    row = sheets["Văn bản của tỉnh"].set_index("Văn bản được trích dẫn").loc["450/KH-SYT"]
    assert row["Đơn vị chưa trích dẫn"] == "" and row["Chỉ có báo cáo trước ngày ban hành"] == LE_THUY


def test_counts_are_written_as_integers_in_csv_and_xlsx(db: str, tmp_path: Path) -> None:
    """A figures column holds counts and percentages, with gaps: 28778 (a count) is written without `.0`,
    29,63 % keeps its decimals, a page left blank stays blank; periods are in sentence case."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(invoke("figures", "khong_dung_tien_mat", "--db", db, "--format", "csv")
                                           .lstrip("\ufeff"))))
    values = [r["Giá trị"] for r in rows]
    assert "28778" in values and "29.63" in values and not any(v.endswith(".0") for v in values), values
    assert all(not r["Trang"].endswith(".0") and not r["Đoạn"].endswith(".0") for r in rows)
    out = tmp_path / "figures.xlsx"
    invoke("figures", "khong_dung_tien_mat", "--db", db, "--out", str(out))
    import openpyxl

    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("Giá trị")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 28778 in cells and all(type(c) is int for c in cells if c == round(c)), cells
    # "40.962 triệu đồng" in đồng: in thousands' groups, which Excel's General would show as 4,0962E+10
    large = [row[header.index("Giá trị")] for row in sheet.iter_rows(min_row=2)
             if (row[header.index("Giá trị")].value or 0) >= 10_000]
    assert 40_962_000_000 in [c.value for c in large], cells
    assert {c.number_format for c in large} == {"#,##0"}


def test_a_period_printed_in_capitals_is_shown_in_sentence_case(store: str, tmp_path: Path) -> None:
    """The plan of UBND Bắc Ninh prints "GIAI ĐOẠN 2026 - 2030", Sở Y tế An Giang's report "năm 2017": the
    CLI shows both as the web pages do, "Giai đoạn 2026 - 2030" and "Năm 2017"."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("01.txt", "11.txt"):
        shutil.copy(need(LONG / "txt" / name), folder / name)
    assert ingest_folder(folder, store, workers=0).ingested == 2
    table = invoke("reports", "--db", store, "--format", "csv")
    assert "Giai đoạn 2026 - 2030" in table and "Năm 2017" in table
    assert "GIAI ĐOẠN" not in table and ",năm 2017" not in table
    assert set(queries.periods(db=store)["period"]) == {"Giai đoạn 2026 - 2030", "Năm 2017"}


def test_show_says_which_file_has_no_pages(db: str) -> None:
    """A .txt report has paragraphs, not pages: said of a .txt, not of a DOCX it never was."""
    report_id = str(queries.reports(db=db)["report_id"].iloc[0])
    out = " ".join(CliRunner(env={"COLUMNS": "200"}).invoke(main, ["show", report_id, "--db", db]).output.split())
    assert "Tệp TXT này không ghi ngắt trang" in out and "DOCX" not in out, out[:2000]
