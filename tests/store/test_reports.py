"""Reports, not files; periods and who has not reported; one report at a glance; the answers in
Vietnamese, in Excel and CSV; a store that Datasette or any SQL client can browse.

The store holds the five samples twice, as `corpus/pdf` and `corpus/docx`: ten files, five reports.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from vanban.cli import main
from vanban.db import queries
from vanban.db.models import Rendition, Report
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

LAO_CAI = "Bệnh viện Đa khoa số 2"
UNITS = {"Trung tâm Y tế khu vực Bố Trạch", "Sở Y tế", LAO_CAI, "Trung tâm Y tế khu vực Mai Châu",
         "Trung tâm Y tế khu vực Sơn Trà"}
ROSTER = [("Trung tâm Y tế khu vực Bố Trạch", "Quảng Trị"), ("Sở Y tế", "Bắc Ninh"), (LAO_CAI, "Lào Cai"),
          ("TTYT khu vực Mai Châu", "Phú Thọ"), ("trung tam y te khu vuc son tra", "Đà Nẵng"),
          ("Trung tâm Y tế khu vực Lệ Thủy", "Quảng Trị")]
Q3 = "Quý III năm 2025"


@pytest.fixture(scope="module")
def db(module_store: str) -> str:
    joined = []
    for folder in ("pdf", "docx"):
        summary = ingest_folder(CORPUS / folder, module_store, workers=2)
        assert (summary.ingested, summary.failed) == (5, 0), summary.errors
        joined.append(summary.renditions)
    assert joined[0] == [], "the first renditions make new reports"
    assert [Path(p).suffix for p in joined[1]] == [".docx"] * 5, "each DOCX joined its PDF's report"
    return module_store


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def one_line_error(*args: str, code: int = 2) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    return result.output


def test_five_reports_ten_renditions_each_counted_once(db: str) -> None:
    assert rows(db, select(func.count()).select_from(Report))[0][0] == 5
    assert rows(db, select(func.count()).select_from(Rendition))[0][0] == 10
    reps = queries.reports(db=db)
    assert set(reps["unit"]) == UNITS and set(reps["renditions"]) == {2}
    assert all(f.endswith(".pdf") for f in reps["file"]), "the PDF is the reference rendition"
    cov = queries.coverage("76/NQ-CP", db=db)
    assert list(cov["citing_reports"]) == [1, 1, 0, 0, 0] and list(cov["reports"]) == [1] * 5
    # the latest report as dated: a blank day gives its month, not the end of a plan's year to come
    latest = dict(zip(cov["unit"], cov["latest"], strict=True))
    assert latest["Trung tâm Y tế khu vực Sơn Trà"] == "2026-06" and latest["Sở Y tế"] == "2022-03-14"
    undated = set(queries.reports(db=db).query("report_date.isna()")["unit"])
    assert undated, "the corpus has a plan with no date"
    assert all(latest[u] is None or latest[u] != latest[u] for u in undated), "no made-up date for an undated report"
    assert (queries.units(db=db)[["reports", "files"]].values.tolist()) == [[1, 2]] * 5
    assert queries.cites(db=db).duplicated(["report_id", "directive"]).sum() == 0
    flagged = queries.flags(db=db)
    assert flagged.duplicated(["report_id", "code", "message"]).sum() == 0
    assert queries.matrix(db=db).drop(columns=["unit", "province"]).max().max() == 1


def test_periods_on_every_question(db: str) -> None:
    assert set(queries.reports(period=Q3, db=db)["unit"]) == {LAO_CAI}
    assert set(queries.cites(period="quý 3/2025", db=db)["unit"]) == {LAO_CAI}
    assert set(queries.units(period="9 tháng đầu năm 2025", db=db)["unit"]) == {"Trung tâm Y tế khu vực Bố Trạch"}
    for bare in ("quy 3/2025", "Quy III nam 2025"):              # typed without diacritics: the same reports
        assert set(queries.reports(period=bare, db=db)["unit"]) == {LAO_CAI}, bare
    assert set(queries.units(period="9 thang dau nam 2025", db=db)["unit"]) == {"Trung tâm Y tế khu vực Bố Trạch"}
    with pytest.raises(queries.BadQuery):
        queries.reports(period="quy khach", db=db)
    with pytest.raises(queries.BadQuery):                            # a province, not "năm 2025"
        queries.reports(period="Ha Nam 2025", db=db)
    assert set(queries.reports(since="2025-07-01", until="2025-12-31", db=db)["unit"]) == \
        UNITS - {"Sở Y tế", "Trung tâm Y tế khu vực Sơn Trà"}
    assert set(queries.reports(until="2022", db=db)["unit"]) == {"Sở Y tế"}
    assert set(queries.flags(period=Q3, db=db)["unit"]) == {LAO_CAI}
    for verb in ("reports", "cites", "matrix", "flags", "units", "directives", "levels"):
        out = json.loads(run(verb, "--db", db, "--period", Q3, "--format", "json"))
        assert out, verb
    in_q3 = json.loads(run("coverage", "76/NQ-CP", "--db", db, "--period", Q3, "--format", "json"))
    assert [(r["unit"], r["cites"]) for r in in_q3] == [(LAO_CAI, False)], "Q3's one report does not cite it"
    present = queries.periods(db=db)
    assert Q3 in set(present["period"]) and present["reports"].sum() == 5
    assert list(present["period_end"]) == sorted(present["period_end"], reverse=True)


def test_missing_with_a_roster_file_or_imported(db: str, tmp_path: Path) -> None:
    csv = tmp_path / "don-vi.csv"
    csv.write_text("Đơn vị,Tỉnh\n" + "".join(f"{n},{p}\n" for n, p in ROSTER), encoding="utf-8-sig")
    expected = (UNITS - {LAO_CAI}) | {"Trung tâm Y tế khu vực Lệ Thủy"}
    df = queries.missing(Q3, roster=csv, db=db)
    assert set(df["unit"]) == expected and len(df) == 5
    assert df.set_index("unit").loc["Trung tâm Y tế khu vực Lệ Thủy", "in_store"] == False  # noqa: E712
    xlsx = tmp_path / "don-vi.xlsx"
    pd.DataFrame(ROSTER, columns=["Tên đơn vị", "Tỉnh/thành phố"]).to_excel(xlsx, index=False)
    assert "6" in run("roster", "import", str(xlsx), "--db", db)
    out = json.loads(run("missing", "--period", Q3, "--db", db, "--format", "json"))
    assert {r["unit"] for r in out} == expected
    assert {r["unit"] for r in json.loads(run("missing", "--period", "năm 2026", "--db", db, "--format", "json"))} \
        == UNITS | {"Trung tâm Y tế khu vực Lệ Thủy"}, "a plan for the year is not the report owed"


def test_a_unit_typed_twice_in_a_roster_is_owed_once(db: str, tmp_path: Path) -> None:
    """A roster typed by hand names a unit in full and again abbreviated without diacritics: one unit."""
    bo_trach = next((n, p) for n, p in ROSTER if "Bố Trạch" in n)
    assert "Trung tâm Y tế" in bo_trach[0]
    typed = ("TTYT khu vuc Bo Trach", "Quang Tri" if bo_trach[1] == "Quảng Trị" else bo_trach[1])
    csv = tmp_path / "don-vi.csv"
    csv.write_text("Đơn vị,Tỉnh\n" + "".join(f"{n},{p}\n" for n, p in [*ROSTER, typed]), encoding="utf-8-sig")
    said = run("roster", "import", str(csv), "--db", db, "--lang", "en")
    assert said.strip().splitlines()[-1] == \
        f"{csv}: 6 units imported into the roster (lines read: 7; naming a unit of an earlier line: 1)", said
    assert f"{csv}: line 8 “{typed[0]}” is the same unit as line 2 “{bo_trach[0]}”" in said, "the merge is said"
    units = [r["unit"] for r in json.loads(run("missing", "--period", "năm 2026", "--db", db, "--format", "json"))]
    assert units.count("Trung tâm Y tế khu vực Bố Trạch") == 1 and len(units) == len(set(units)), units


def test_missing_without_a_roster_takes_units_seen_before(store: str) -> None:
    """Without a roster, the units seen for a period begun by the end of the one asked: the Sở (Quý 1
    năm 2022), Mai Châu (its plan for the last 6 months of 2025) and Bố Trạch, whose 9-month report is
    not the Quý III one (spec/output.md: the period must be equal), shown as its last report."""
    assert ingest_folder(CORPUS / "docx", store, workers=0).ingested == 5
    df = queries.missing(Q3, db=store)
    assert list(df["unit"]) == ["Sở Y tế", "Trung tâm Y tế khu vực Mai Châu", "Trung tâm Y tế khu vực Bố Trạch"]
    assert df.set_index("unit").loc["Trung tâm Y tế khu vực Bố Trạch", "last_period"] == "09 tháng đầu năm 2025"
    # a unit that reported on a part of the year owes the annual report; Sơn Trà, first seen in 2026, does not
    year = queries.missing("Năm 2025", db=store)
    assert set(year["unit"]) == {"Sở Y tế", LAO_CAI, "Trung tâm Y tế khu vực Mai Châu",
                                 "Trung tâm Y tế khu vực Bố Trạch"}
    assert list(queries.missing("Quý 1 năm 2022", db=store)["unit"]) == []     # the Sở sent it; nobody else yet


def test_show_a_report_by_path_key_and_id(db: str) -> None:
    docx = CORPUS / "docx" / "002_10029ef880a30beb.docx"
    view = queries.report(str(docx), db=db)
    assert not view.pages_known and view.citations["page"].isna().all()
    assert view.citations["paragraph"].notna().all()
    assert {"ratio_mismatch", "blank_number", "blank_date"} <= set(view.flags["code"])
    assert view.flags["paragraph"].notna().all() and view.flags["quote"].notna().all()
    out = run("show", str(docx), "--db", db)
    assert "đoạn 94" in out and "trang 1" not in out and "28.778" in out and "Bệnh viện Đa khoa số 2" in out
    assert "│ 91.117 " in out and "│ 29,63 " in out and "91117.0" not in out, "values written as people write them"
    assert "Tệp DOCX này không ghi ngắt trang" in " ".join(out.split()), "paragraphs, said of the file shown"
    pdf = run("show", "124/BC-SYT", "--db", db, "--lang", "en")
    assert "page 5" in pdf and "Renditions" in pdf and "001_c8d032cd6b35c309.docx" in pdf
    report_id = str(queries.reports(period=Q3, db=db)["report_id"].iloc[0])
    assert "Quý III năm 2025" in run("show", report_id, "--db", db)
    for path in sorted((CORPUS / "docx").glob("*.docx")):       # every flag, with its position
        flags = queries.report(str(path), db=db).flags
        spanned = flags[flags["code"] != "missing_section"]
        assert spanned["paragraph"].notna().all() and spanned["quote"].notna().all(), path.name


def test_show_as_json_and_as_a_workbook(db: str, tmp_path: Path) -> None:
    """`show` shares the other verbs' output: the report as one JSON object, or a workbook of its parts."""
    docx = str(CORPUS / "docx" / "002_10029ef880a30beb.docx")
    shown = json.loads(run("show", docx, "--db", db, "--format", "json"))
    assert shown["header"]["unit"] == "Bệnh viện Đa khoa số 2" and shown["header"]["number"] is None
    assert {f["code"] for f in shown["flags"]} >= {"ratio_mismatch", "blank_number"}
    assert any(m["raw"] == "29,63%" for m in shown["figures"]) and shown["citations"] and shown["renditions"]
    out = tmp_path / "bao-cao.xlsx"
    run("show", docx, "--db", db, "--out", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[1:5] == ["Các bản của báo cáo", "Cảnh báo", "Số liệu", "Văn bản được trích dẫn"]
    # and each of its tables, as the report prints it (the terminal and --format json show them too)
    assert book.sheetnames[5:] == [f"Bảng {i}" for i in range(1, len(shown["tables"]) + 1)]
    staff = tmp_path / "bo-trach.xlsx"          # the 000 report's staffing table: its counts are numbers
    run("show", str(CORPUS / "docx" / "000_a9042f12ea01ae86.docx"), "--db", db, "--out", str(staff))
    sheet = openpyxl.load_workbook(staff)["Bảng 1"]
    assert "Tên khoa" in str(sheet.cell(1, 2).value)
    counts = [c.value for c in sheet[2]][2:4]
    assert counts and all(isinstance(v, int) for v in counts), counts
    assert "/" not in book.sheetnames[0], "a report's symbol made a valid sheet name"
    assert [c.value for c in book["Cảnh báo"][1]][:3] == ["Mức độ", "Mã cảnh báo", "Nội dung"]


def test_a_range_is_shown_and_stored_as_a_range(db: str) -> None:
    """"từ 250 đến 400 người" (the Lào Cai report) is both its ends everywhere, never 400."""
    from vanban.db.models import Metric

    stored = rows(db, select(Metric.value, Metric.low, Metric.high, Metric.extra)
                  .where(Metric.kind == "range", Metric.unit != "%"))
    assert [r[:3] for r in stored] == [(None, 250, 400)] * 2, "one a rendition: the PDF and the DOCX"
    assert all("low" not in (r[3] or {}) and "high" not in (r[3] or {}) for r in stored)
    docx = CORPUS / "docx" / "002_10029ef880a30beb.docx"
    figures = queries.report(str(docx), db=db).figures
    [shown] = figures.loc[figures["kind"] == "range", "figure"]
    assert shown == "từ 250 đến 400"
    assert queries.report(str(docx), db=db, lang="en").figures.loc[figures["kind"] == "range", "figure"].item() \
        == "250–400"
    assert "│ từ 250 đến 400 " in run("show", str(docx), "--db", db)
    assert "│ 250–400 " in run("show", str(docx), "--db", db, "--lang", "en")


def test_vietnamese_first_english_on_request(db: str) -> None:
    vi = run("flags", "--db", db, "--period", Q3)
    assert "Mức độ" in vi and "lỗi" in vi and "không khớp" in vi
    en = run("flags", "--db", db, "--period", Q3, "--lang", "en")
    assert "Severity" in en and "does not match" in en
    assert "Severity" in run("flags", "--db", db, "--period", Q3, env={"VANBAN_LANG": "en"})
    assert "Trung ương Đảng" in run("levels", "--db", db) or "Chính phủ" in run("levels", "--db", db)
    assert set(queries.cites(unit="bo trach", db=db)["unit"]) == {"Trung tâm Y tế khu vực Bố Trạch"}
    assert set(queries.coverage("76/nq-cp", province="quang tri", db=db)["unit"]) >= \
        {"Trung tâm Y tế khu vực Bố Trạch"}


def test_export_workbook_and_csv(db: str, tmp_path: Path) -> None:
    out = tmp_path / "dot-kiem-tra.xlsx"
    every = run("export", "--out", str(tmp_path / "moi-ky.xlsx"), "--db", db)
    assert "Chưa nộp" in every and "--period" in every, "a workbook without the sheet says why"
    assert "Chưa nộp" not in openpyxl.load_workbook(tmp_path / "moi-ky.xlsx").sheetnames
    said = run("export", "--out", str(out), "--period", Q3, "--db", db)
    assert "--period" not in said
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Báo cáo", "Trích dẫn", "Văn bản của tỉnh", "Ma trận", "Số liệu", "Cảnh báo",
                               "Chưa nộp", "Không đọc được"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
        assert all(c.font.bold for c in sheet[1]), sheet.title
        assert sheet.column_dimensions["A"].width >= len(str(sheet["A1"].value))
    reports = book["Báo cáo"]
    header = [c.value for c in reports[1]]
    assert header[:3] == ["Mã báo cáo", "Đơn vị", "Tỉnh/thành phố"]
    start = reports.cell(row=2, column=header.index("Từ ngày") + 1)
    assert start.value == dt.datetime(2025, 7, 1) and start.is_date
    sent = reports.cell(row=2, column=header.index("Ngày báo cáo") + 1)    # "ngày … tháng 11 năm 2025"
    assert sent.value == dt.datetime(2025, 11, 1) and sent.is_date and sent.number_format == "mm/yyyy"
    buf = io.BytesIO()                 # the web page's download: the same function, to a stream
    assert [t for t, _ in queries.export(buf, period=Q3, db=db)] == book.sheetnames
    assert openpyxl.load_workbook(buf).sheetnames == book.sheetnames
    styled = tmp_path / "cites.xlsx"
    run("cites", "--db", db, "--out", str(styled))
    sheet = openpyxl.load_workbook(styled).active
    assert sheet.freeze_panes == "A2" and sheet[1][0].font.bold and sheet.auto_filter.ref
    csv = tmp_path / "units.csv"
    run("units", "--db", db, "--out", str(csv))
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert set(pd.read_csv(csv, encoding="utf-8-sig")["Đơn vị"]) == UNITS


def test_matrix_in_a_narrow_terminal(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from vanban.cli.output import print_matrix

    shown = queries.localize(queries.matrix(db=db))
    print_matrix(shown, "matrix", None, 120)
    out = capsys.readouterr()
    assert "Mỗi dòng là một văn bản" in out.err and "76/NQ-CP" in out.out
    print_matrix(shown, "matrix", None, 40)
    assert "--out" in capsys.readouterr().err
    province = shown.columns[1]                        # one name in two provinces: two columns told apart
    twin = pd.concat([shown, shown.head(1).assign(**{province: "Tỉnh Khác"})], ignore_index=True)
    print_matrix(twin, "matrix", None, 200)
    out = capsys.readouterr()
    assert "Mỗi dòng là một văn bản" in out.err
    assert f"({shown.iloc[0][province]})" in out.out and "(Tỉnh Khác)" in out.out


def test_a_wide_table_in_a_narrow_terminal_shows_each_row_as_a_block(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from vanban.cli.output import show_table

    shown = queries.localize(queries.cites(db=db))
    show_table(shown, "cites", None, 100)
    out = capsys.readouterr()
    assert "mỗi dòng in thành một khối" in out.err
    first = out.out.split(f"2/{len(shown)}")[0]
    assert f"1/{len(shown)}" in first and "Văn bản được trích dẫn" in first
    assert all(len(line) <= 100 for line in out.out.splitlines())
    assert sum(line.startswith("Văn bản được trích dẫn") for line in out.out.splitlines()) == len(shown)
    show_table(shown, "cites", None, None)                  # a pipe: the table, whole lines
    piped = capsys.readouterr()
    assert piped.err == "" and "┃ Đơn vị" in piped.out
    units = queries.localize(queries.units(db=db))
    show_table(units, "units", None, 160)                   # it fits: a table
    assert "┃" in capsys.readouterr().out


def test_user_errors_are_one_line(db: str, tmp_path: Path) -> None:
    assert "không hiểu kỳ báo cáo" in one_line_error("cites", "--db", db, "--period", "mùa xuân")
    one_line_error("reports", "--db", db, "--since", "hôm qua")
    one_line_error("missing", "--db", db, "--period", Q3, "--roster", str(tmp_path / "none.csv"))
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    one_line_error("roster", "import", str(tmp_path / "r.txt"), "--db", db)
    said = one_line_error("units", "--db", db, "--out", "/no/such/dir/x.xlsx")
    assert "/no/such/dir/x.xlsx" in said and "không có tệp hoặc thư mục này" in said, said   # not glibc's English
    assert "(không có tệp hoặc thư mục này)" in one_line_error("export", "--db", db, "--out", "/no/such/dir/x.xlsx")
    assert "(No such file or directory)" in one_line_error("export", "--db", db, "--out", "/no/such/dir/x.xlsx",
                                                           "--lang", "en")
    assert "không có báo cáo" in one_line_error("show", "999/BC-XYZ", "--db", db, code=1)
    one_line_error("show", "4242", "--db", db, code=1)
    one_line_error("cites", "--db", db, "--unit", "bệnh viện chợ rẫy", code=1)
    one_line_error("units", "--db", db, "--out", str(tmp_path / "x.txt"))
    one_line_error("export", "--db", db, "--out", str(tmp_path / "x.csv"))


def test_store_is_readable_utf8_with_views_and_runs(db: str) -> None:
    cast = "CAST(cells AS TEXT)" if db.startswith("postgresql") else "cells"
    found = rows(db, text(f"SELECT COUNT(*) FROM table_rows WHERE {cast} LIKE '%Trạm Y tế%'"))[0][0]
    assert found > 0
    assert rows(db, text("SELECT COUNT(*) FROM v_reports"))[0][0] == 5
    assert rows(db, text("SELECT COUNT(DISTINCT unit) FROM v_cites WHERE directive = '76/NQ-CP'"))[0][0] == 2
    assert rows(db, text("SELECT SUM(citing_reports) FROM v_coverage WHERE directive = '76/NQ-CP'"))[0][0] == 2
    assert rows(db, text("SELECT COUNT(*) FROM v_flags WHERE code = 'ratio_mismatch'"))[0][0] >= 1
    batches = json.loads(run("runs", "--db", db, "--format", "json"))
    assert [b["status"] for b in batches] == ["done", "done"] and [b["ingested"] for b in batches] == [5, 5]


def test_show_a_docx_with_recorded_page_breaks_gives_pages(store: str, tmp_path: Path) -> None:
    from tests.test_positions import _word_file

    folder = tmp_path / "word"
    folder.mkdir()
    path = _word_file(folder / "breaks.docx", rendered=True)
    assert ingest_folder(folder, store, workers=0).ingested == 1
    view = queries.report(str(path), db=store)
    assert view.pages_known and list(view.citations["page"]) == [1, 2]
    out = run("show", str(path), "--db", store)
    assert "trang 2" in out and "đoạn" not in out


def test_times_to_the_second_in_csv_json_and_excel(store: str, tmp_path: Path) -> None:
    """A run's start and end, and when a file failed, are times: CSV, JSON and the workbook keep them to
    the second (CSV kept only the day: a run of 2 s started and ended "2026-11-30")."""
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "docx" / "002_10029ef880a30beb.docx", folder)
    (folder / "rong.txt").write_bytes(b"")
    summary = ingest_folder(folder, store, workers=0)
    assert (summary.ingested, summary.failed) == (1, 1)
    when = queries.runs(db=store).iloc[0]
    started, finished = (pd.Timestamp(when[c]).to_pydatetime().replace(tzinfo=None, microsecond=0)
                         for c in ("started_at", "finished_at"))
    csv = run("runs", "--db", store, "--format", "csv")
    assert f",{started:%Y-%m-%d %H:%M:%S},{finished:%Y-%m-%d %H:%M:%S}," in csv, csv
    batch = json.loads(run("runs", "--db", store, "--format", "json"))[0]
    assert batch["started_at"][:19] == started.isoformat() and "." not in batch["started_at"]
    failed = run("errors", "--db", store, "--format", "csv").splitlines()[1]
    at = pd.Timestamp(queries.errors(db=store)["at"].iloc[0]).to_pydatetime().replace(tzinfo=None, microsecond=0)
    assert failed.endswith(f",{at:%Y-%m-%d %H:%M:%S}"), failed
    out = tmp_path / "runs.xlsx"
    run("runs", "--db", store, "--out", str(out))
    sheet = openpyxl.load_workbook(out).active
    start_cell = sheet.cell(row=2, column=6)
    assert (start_cell.value, start_cell.number_format) == (started, "dd/mm/yyyy hh:mm:ss")


def test_a_period_the_question_cannot_read_is_refused_not_taken_for_its_year(db: str) -> None:
    """"Quý 5 năm 2025" names no quarter: answering for the year 2025 would list wrong units."""
    for bad in ("Quý 5 năm 2025", "quý ba năm 2025", "Quý V năm 2025"):
        with pytest.raises(queries.BadQuery):
            queries.reports(period=bad, db=db)
    assert set(queries.reports(period="Quí III năm 2025", db=db)["unit"]) == \
        set(queries.reports(period="Quý 3, năm 2025", db=db)["unit"]) == {LAO_CAI}
