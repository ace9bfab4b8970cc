"""Workbooks as officers use them: Vietnamese headers, a bold frozen header row with filters,
column widths that fit, and dates as dates (sortable and filterable in Excel), on every sheet
vanban writes, whether one question's `--out`, the inspection workbook of `vanban export` or its
download from the web page (the question layer keeps it, so that the CLI and the web share it).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    import pandas as pd

DATE_FORMAT = "dd/mm/yyyy"
MONTH_FORMAT = "mm/yyyy"                     # a date whose day was left blank ("ngày … tháng 11 năm 2025")
YEAR_FORMAT = "yyyy"                         # a date whose day and month were left blank ("ngày … tháng … năm 2025")
DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"      # a run's start and end are seconds apart: to the second
CSV_DATETIME = "%Y-%m-%d %H:%M:%S"
MAX_WIDTH = 60


def _cell(value: Any) -> Any:
    """A value as Excel should hold it (dates given as text: `dated`): nothing for missing, no time zone."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)                # a count in a column pandas made float by a gap: 28778, not 28778.0
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, list | dict):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


@dataclass(frozen=True)
class Dated:
    """A date as a report gave it, for a cell: the day it names (the first of its month or year when
    those were left blank), the format that shows no more than was written, and the text itself."""

    day: dt.date
    number_format: str
    text: str


def dated(value: Any) -> Dated | None:
    """`2025-11-03`, `2025-11` (its day left blank) or `2025` (day and month blank) as a real date.

    The rule (README, "Excel and CSV"): dates are real Excel dates, sortable and filterable; a date
    whose day was left blank is its month, shown `11/2025`, one whose month was blank too its year,
    shown `2025`, so a column of report dates stays all dates instead of dates mixed with text.
    """
    if isinstance(value, Dated):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Dated(value, DATE_FORMAT, value.isoformat())
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return None
    try:
        if len(value) == 10:
            return Dated(dt.date.fromisoformat(value), DATE_FORMAT, value)
        month = int(value[5:7]) if len(value) == 7 else 1
        if not 1 <= month <= 12:
            return None
        return Dated(dt.date(int(value[:4]), month, 1), MONTH_FORMAT if len(value) == 7 else YEAR_FORMAT, value)
    except ValueError:
        return None


_ISO_DAY = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _date_columns(df: pd.DataFrame) -> list[bool]:
    """The columns that hold dates only (a `2025-11` or a `2025` among them is a date with its day, or
    day and month, blank), so that a text that looks like a month in another column ("raw": "2025-11")
    stays text. A column of bare years only is no date column: nothing there says it holds dates."""
    import pandas as pd  # not at import: `--help` does not load pandas

    def is_date(v: Any) -> bool | None:
        if v is None or (not isinstance(v, str | Dated) and pd.isna(v)):
            return None
        if isinstance(v, dt.date | Dated):
            return True
        return isinstance(v, str) and _ISO_DAY.fullmatch(v) is not None
    def all_dates(values: Any) -> bool:
        seen = False
        for v in values:                     # stops at the first text: a sheet of a million cells is
            d = is_date(v)                   # mostly text columns, each read to its first value
            if d is False:
                return False
            seen = seen or (bool(d) and not (isinstance(v, str) and len(v) == 4))
        return seen

    return [all_dates(df[column]) for column in df.columns]


_GROUPED = 10_000            # from here on a number is shown in groups of thousands (no year is this large)
GROUPED_FORMAT, GROUPED_FRACTION = "#,##0", "#,##0.###"


def add_sheet(book: Any, df: pd.DataFrame, title: str) -> None:
    """One styled sheet holding `df` (already in words: see `localize`), in a write-only book.

    Written as a stream: the unit × directive matrix of a thousand reports is over a million cells,
    which a sheet held in memory takes most of a minute to write.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title=regex.sub(r"[\\/?*\[\]:]", "-", title)[:31] or "Sheet")   # Excel refuses these
    widths = [len(str(c)) for c in df.columns]
    date_columns = _date_columns(df)
    rows = []
    for row in df.itertuples(index=False):
        cells: list[Any] = []
        for i, v in enumerate(row):
            given = dated(v) if date_columns[i] or isinstance(v, Dated) else None
            value = given.day if given else _cell(v)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = (given.number_format if given else DATETIME_FORMAT
                                      if isinstance(value, dt.datetime) else DATE_FORMAT)
                widths[i] = max(widths[i], 19 if isinstance(value, dt.datetime) else 10)
                value = cell
            elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= _GROUPED:
                cell = WriteOnlyCell(sheet, value)          # Excel's General shows 393469000000 as 3,93469E+11
                cell.number_format = GROUPED_FORMAT if float(value).is_integer() else GROUPED_FRACTION
                widths[i] = max(widths[i], len(f"{value:,}"))
                value = cell
            elif value is not None:
                widths[i] = max(widths[i], len(str(value)))
            cells.append(value)
        rows.append(cells)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if df.columns.size:
        sheet.auto_filter.ref = f"A1:{get_column_letter(df.columns.size)}{max(len(df) + 1, 1)}"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for c in df.columns:
        cell = WriteOnlyCell(sheet, str(c))
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, Dated):
        return value.text
    if isinstance(value, dt.datetime):
        return value.strftime(CSV_DATETIME)
    return value.isoformat() if isinstance(value, dt.date) else value


def csv_text(df: pd.DataFrame) -> str:
    """`df` as CSV (without the BOM): days as ISO days, times to the second (`2026-11-30 17:17:38`),
    whether the store gave a column of timestamps or Python dates and times."""
    import pandas as pd

    out = df.copy()
    for i in range(out.shape[1]):
        values = out.iloc[:, i]
        if pd.api.types.is_datetime64_any_dtype(values):
            out.isetitem(i, values.dt.strftime(CSV_DATETIME))
        elif values.dtype == object:
            out.isetitem(i, values.map(_csv_cell))
        elif pd.api.types.is_float_dtype(values):
            out.isetitem(i, _whole(values))
    return out.to_csv(index=False)


def _whole(values: pd.Series) -> pd.Series:
    """Numbers as written: a column of counts that pandas made float by a gap as integers (nullable
    Int64: `28778`, not `28778.0`), and in a column of mixed figures each whole number without `.0`."""
    import pandas as pd

    known = values.dropna()
    finite = known[known.abs() != float("inf")]
    if len(finite) == len(known) and (finite == finite.round()).all():
        return values.astype("Int64")
    return pd.Series([None if pd.isna(v) else int(v) if float(v).is_integer() else v for v in values],
                     index=values.index, dtype=object)


def write_workbook(path: Path | IO[bytes], sheets: list[tuple[str, pd.DataFrame]]) -> None:
    """Write the sheets, in order, to `path` (replacing it) or to a binary stream (a download)."""
    from openpyxl import Workbook

    if isinstance(path, Path):           # a path that cannot be written fails before any sheet is streamed
        with path.open("wb") as fh:
            write_workbook(fh, sheets)
        return
    book = Workbook(write_only=True)
    for title, df in sheets:
        add_sheet(book, df, title)
    book.save(path)
