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
