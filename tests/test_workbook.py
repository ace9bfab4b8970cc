"""The workbook's cells: a date column stays all dates (a blank day shown as its month); a text that
only looks like a month, in a text column, stays text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl import Workbook

from vanban.db.queries.workbook import add_sheet


def test_a_month_is_a_date_only_in_a_date_column(tmp_path: Path) -> None:
    df = pd.DataFrame({"Ngày báo cáo": [dt.date(2025, 10, 3), "2025-11", None],
                       "Nguyên văn": ["2025-11", "2025-11-03", "tháng 11"]})
    book = Workbook(write_only=True)
    add_sheet(book, df, "Thử")
    book.save(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Thử"]
    month = sheet.cell(row=3, column=1)
    assert month.value == dt.datetime(2025, 11, 1) and month.number_format == "mm/yyyy"
    assert sheet.cell(row=2, column=1).number_format == "dd/mm/yyyy"
    assert sheet.cell(row=2, column=2).value == "2025-11", "text that looks like a month stays text"
    assert sheet.cell(row=3, column=2).value == "2025-11-03", "and like a day too"


def test_report_dates_are_dates_in_export_and_show(tmp_path: Path) -> None:
    """Real reports: one dated in full (124/BC-SYT, 14/3/2022), one whose day was left blank
    (…/BC-BVĐK2, 11/2025) and the first one's text with its day and month left blank (125/BC-SYT,
    2022). `vanban export` and `vanban show --out` write each as a real Excel date in a format that
    shows what was written: 14/03/2022, 11/2025, 2022 (README: "real dates")."""
    import shutil

    from click.testing import CliRunner

    from tests.conftest import CORPUS
    from vanban.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    full, month = CORPUS / "txt" / "001_c8d032cd6b35c309.txt", CORPUS / "txt" / "002_10029ef880a30beb.txt"
    for f in (full, month):
        shutil.copy(f, folder / f.name)
    text = full.read_text(encoding="utf-8")
    assert "Số:  124 /BC-SYT" in text and "ngày  14     tháng  3  năm 2022" in text
    (folder / "nam.txt").write_text(text.replace("Số:  124 /BC-SYT", "Số:  125 /BC-SYT")
                                    .replace("ngày  14     tháng  3  năm 2022", "ngày       tháng     năm 2022"),
                                    encoding="utf-8")
    db = ["--db", f"sqlite:///{tmp_path / 's.db'}"]
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(folder), *db, "--workers", "0", "--quiet"]).exit_code == 0
    done = runner.invoke(main, ["export", "--out", str(tmp_path / "x.xlsx"), *db])
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Báo cáo"]
    header = [c.value for c in sheet[1]]
    dates = {row[header.index("Báo cáo")].value: (row[header.index("Ngày báo cáo")].value,
                                                 row[header.index("Ngày báo cáo")].number_format)
             for row in sheet.iter_rows(min_row=2)}
    assert dates == {"Báo cáo 124/BC-SYT": (dt.datetime(2022, 3, 14), "dd/mm/yyyy"),
                     "Báo cáo 125/BC-SYT": (dt.datetime(2022, 1, 1), "yyyy"),
                     "Báo cáo …/BC-BVĐK2": (dt.datetime(2025, 11, 1), "mm/yyyy")}, dates
    for ref, day, shown in (("124/BC-SYT", dt.datetime(2022, 3, 14), "dd/mm/yyyy"),
                            ("125/BC-SYT", dt.datetime(2022, 1, 1), "yyyy")):
        out = tmp_path / f"{ref.replace('/', '-')}.xlsx"
        done = runner.invoke(main, ["show", ref, *db, "--out", str(out)])
        assert done.exit_code == 0, done.output
        [cell] = [row[1] for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2)
                  if row[0].value == "Ngày báo cáo"]
        assert (cell.value, cell.number_format) == (day, shown)


def test_a_year_is_a_date_in_a_date_column_but_a_column_of_bare_years_stays_text(tmp_path: Path) -> None:
    df = pd.DataFrame({"Ngày báo cáo": ["2025", "2025-11-03"], "Năm": ["2025", "2024"]})
    book = Workbook(write_only=True)
    add_sheet(book, df, "Thử")
    book.save(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Thử"]
    year = sheet.cell(row=2, column=1)
    assert (year.value, year.number_format) == (dt.datetime(2025, 1, 1), "yyyy")
    assert sheet.cell(row=2, column=2).value == "2025", "nothing says a column of bare years holds dates"
