"""Output options shared by every question verb: `--format table|csv|json` and `--out FILE.xlsx`.

A verb only computes a DataFrame; `@output_options` adds the options and prints it (sqlite-utils
style), so that every question answers in the same shapes: a table to read, CSV for a pipe,
JSON as a list of row objects, and an Excel workbook for the officer who opens it there.
pandas is imported when a frame is printed, not when the command line starts.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")


def _plain(value: Any) -> Any:
    """A cell as JSON has it: None for missing, ISO for dates, Python numbers for numpy's."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date | dt.datetime | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        return _plain(value.item())
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `df` as JSON-ready objects."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def print_table(df: pd.DataFrame, title: str | None = None) -> None:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for col in df.columns:
        numeric = pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
        table.add_column(str(col), justify="right" if numeric else "left", overflow="fold")
    cells = [[_cell(v) for v in row] for row in df.itertuples(index=False)]
    natural = sum(max([len(str(c)), *(len(r[i]) for r in cells)]) + 3 for i, c in enumerate(df.columns)) + 1
    console = Console(width=None if sys.stdout.isatty() else max(natural, 80))  # a pipe gets whole lines
    for row in cells:
        table.add_row(*row)
    console.print(table)
    if df.empty:
        console.print("(no rows)", style="dim")


def write_xlsx(df: pd.DataFrame, path: Path, sheet: str) -> None:
    import pandas as pd

    frame = df.copy()
    for col in frame.columns:          # Excel has no time zones
        if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
            frame[col] = frame[col].dt.tz_localize(None)
    frame.to_excel(path, index=False, sheet_name=sheet[:31] or "Sheet1", engine="openpyxl")


def emit(df: pd.DataFrame, fmt: str, out: Path | None, name: str) -> None:
    """Print `df` in `fmt`, or write it to the workbook `out`."""
    if out is not None:
        write_xlsx(df, out, name)
        click.echo(f"{out}: {len(df)} rows written", err=True)
    elif fmt == "json":
        click.echo(json.dumps(records(df), ensure_ascii=False, indent=1))
    elif fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, date_format="%Y-%m-%d"))
    else:
        print_table(df, title=name)


def _xlsx_path(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{value}: the workbook must be an .xlsx file")
    return value


def output_options(fn: Callable[..., pd.DataFrame]) -> Callable[..., None]:
    """Add `--format` and `--out` to a command whose function returns a DataFrame, and print it."""

    @click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
                  callback=_xlsx_path, help="Write an Excel workbook (.xlsx) instead of printing.")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                  help="table to read, csv for a pipe, json: a list of row objects.")
    @functools.wraps(fn)
    def command(*args: Any, fmt: str, out: Path | None, **kwargs: Any) -> None:
        df = fn(*args, **kwargs)
        emit(df, fmt, out, click.get_current_context().info_name or fn.__name__)

    return command
