"""Output options shared by every question verb: `--format table|csv|json`, `--out FILE` and `--lang`.

A verb only computes a DataFrame; `@output_options` adds the options and shows it (sqlite-utils
style), so that every question answers in the same shapes: a table to read, CSV for Excel
(UTF-8 with a BOM, so that Excel on Windows reads Vietnamese), JSON as a list of row objects
with stable English keys, and a styled workbook (`--out x.xlsx`, see `vanban.db.queries.workbook`). Headers and
coded values are in Vietnamese unless `--lang en` or VANBAN_LANG=en.
pandas is imported when a frame is printed, not when the command line starts.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import math
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")
OUT_SUFFIXES = (".xlsx", ".csv")
BOM = "\ufeff"


def _plain(value: Any) -> Any:
    """A cell as JSON has it: None for missing, ISO for dates, Python numbers for numpy's."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        return _plain(value.item())
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `df` as JSON-ready objects."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _cell(value: Any) -> str:
    """A cell as a person reads it: a time to the second, not ISO with microseconds."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    value = _plain(value)
    return "" if value is None else str(value)


def _natural_width(df: pd.DataFrame, cells: list[list[str]], *, wrap_headers: bool = False,
                   fold: int | None = None) -> int:
    """The width a table needs; headers that may wrap count by their longest word, cells that may
    fold by at most `fold` characters."""
    def head(c: object) -> int:
        return max((len(w) for w in str(c).split()), default=0) if wrap_headers else len(str(c))

    def cell(v: str) -> int:
        return len(v) if fold is None else min(len(v), fold)

    return sum(max([head(c), *(cell(r[i]) for r in cells)]) + 3 for i, c in enumerate(df.columns)) + 1


_FOLDED = 16      # a cell longer than this (a unit, a path) may fold over lines in a table


def _fits(df: pd.DataFrame, cells: list[list[str]], width: int) -> bool:
    """Whether a table can show `df` in `width` columns: headers wrapped, long cells folded."""
    return _natural_width(df, cells, wrap_headers=True, fold=_FOLDED) <= width


def print_records(df: pd.DataFrame, title: str | None, cells: list[list[str]], width: int) -> None:
    """Each row as a block of `column: value` lines (psql's expanded display): a table of fifteen
    columns folded into a narrow terminal leaves three letters a cell."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table

    console = Console(width=width)
    if title:
        console.print(title, style="italic", justify="center")
    for n, row in enumerate(cells, 1):
        console.print(Rule(f"{n}/{len(cells)}", align="left", style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for col, value in zip(df.columns, row, strict=True):
            if value != "":
                grid.add_row(str(col), value)
        console.print(grid)


def _terminal_width() -> int | None:
    return shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else None


def print_table(df: pd.DataFrame, title: str | None = None, *, lang: str | None = None,
                width: int | None = None) -> None:
    """`df` (already in words) as a rich table; a pipe gets whole lines."""
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from vanban.patterns import strings

    table = Table(title=title, show_lines=False, header_style="bold")
    for col in df.columns:
        numeric = pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
        table.add_column(str(col), justify="right" if numeric else "left", overflow="fold")
    cells = [[_cell(v) for v in row] for row in df.itertuples(index=False)]
    console = Console(width=width or max(_natural_width(df, cells), 80))
    for row in cells:
        table.add_row(*row)
    console.print(table)
    if df.empty:
        console.print(strings.message("no_rows", lang), style="dim")


def print_matrix(df: pd.DataFrame, title: str, lang: str | None, width: int | None) -> None:
    """Units × directives in a terminal: as it is if it fits, else directives as rows, else a hint."""
    from vanban.patterns import strings

    cells = [[_cell(v) for v in row] for row in df.itertuples(index=False)]
    if width is None or _natural_width(df, cells) <= width:
        print_table(df, title, lang=lang, width=width)
        return
    unit, province = df.columns[0], df.columns[1]
    twice = df[unit].duplicated(keep=False)        # "Sở Y tế" of two provinces: two columns told apart
    heads = [f"{u} ({p})" if t and isinstance(p, str) else u
             for u, p, t in zip(df[unit], df[province], twice, strict=True)]
    turned = df.drop(columns=[unit, province]).set_axis(heads, axis=0).T.reset_index()
    turned = turned.rename(columns={"index": strings.column("directive", lang)})
    turned.columns = [str(c) for c in turned.columns]
    tcells = [[_cell(v) for v in row] for row in turned.itertuples(index=False)]
    if _natural_width(turned, tcells, wrap_headers=True) <= width:
        click.echo(strings.message("matrix_transposed", lang), err=True)
        print_table(turned, title, lang=lang, width=width)
    else:
        click.echo(strings.message("matrix_too_wide", lang, directives=len(df.columns) - 2, units=len(df),
                                   width=width), err=True)


def write_csv(df: pd.DataFrame, stream: Any) -> None:
    """CSV for Excel: UTF-8 with a BOM, ISO dates, times to the second."""
    from vanban.db.queries.workbook import csv_text

    stream.write(BOM + csv_text(df))


def write_out(sheets: list[tuple[str, pd.DataFrame]], out: Path, lang: str | None) -> None:
    """Write a workbook or a CSV file; a path that cannot be written is one line, exit 2."""
    from vanban.db.queries.workbook import write_workbook
    from vanban.patterns import strings

    try:
        if out.suffix.lower() == ".csv":
            with out.open("w", encoding="utf-8", newline="") as fh:
                write_csv(sheets[0][1], fh)
        else:
            write_workbook(out, sheets)
    except OSError as err:
        why = strings.os_error(err.strerror or type(err).__name__, lang)
        click.echo(strings.message("cannot_write", lang, path=out, reason=why), err=True)
        sys.exit(2)


def emit(df: pd.DataFrame, fmt: str, out: Path | None, name: str, lang: str | None = None) -> None:
    """Show `df` in `fmt` (headers and coded values in words, except JSON), or write it to `out`."""
    from vanban.db.queries import localize
    from vanban.patterns import strings

    if df.attrs.get("several"):                 # a key that names documents of several bodies
        click.echo(strings.message("several_directives", lang, **df.attrs["several"]), err=True)
    if fmt == "json" and out is None:
        click.echo(json.dumps(records(df), ensure_ascii=False, indent=1))
        return
    shown = localize(df, lang)
    if out is not None:
        write_out([(strings.sheet(name, lang) if name in ("reports", "cites", "matrix", "flags", "missing")
                    else name, shown)], out, lang)
        click.echo(strings.message("rows_written", lang, path=out, rows=len(df)), err=True)
    elif fmt == "csv":
        write_csv(shown, sys.stdout)
    elif name == "matrix":
        print_matrix(shown, strings.title(name, lang), lang, _terminal_width())
    else:
        show_table(shown, strings.title(name, lang), lang, _terminal_width())


def show_table(shown: pd.DataFrame, title: str, lang: str | None, width: int | None) -> None:
    """A table in a terminal of `width` columns (None: a pipe, whole lines), or its rows as blocks
    when a table cannot fit."""
    from vanban.patterns import strings

    cells = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    if width is not None and cells and not _fits(shown, cells, width):
        click.echo(strings.message("table_as_records", lang, width=width), err=True)
        print_records(shown, title, cells, width)
    else:
        print_table(shown, title=title, lang=lang, width=width)


def refuse(ctx: click.Context, line: str) -> None:
    """A misused option as one line (click's own usage errors take four), exit 2."""
    click.echo(line, err=True)
    ctx.exit(2)


def out_path(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    from vanban.patterns import strings

    if value is not None and value.suffix.lower() not in OUT_SUFFIXES:
        refuse(ctx, strings.message("out_suffix", ctx.params.get("lang"), path=value))
    return value


# eager: read before the other options, so that a refusal of one of them is said in its language
lang_option = click.option("--lang", type=click.Choice(["vi", "en"]), envvar="VANBAN_LANG", default=None,
                           is_eager=True)


def output_options(fn: Callable[..., pd.DataFrame]) -> Callable[..., None]:
    """Add `--format`, `--out` and `--lang` to a command whose function returns a DataFrame, and show it."""
    takes_lang = "lang" in inspect.signature(fn).parameters

    @lang_option
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=out_path)
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
    @functools.wraps(fn)
    def command(*args: Any, fmt: str, out: Path | None, lang: str | None, **kwargs: Any) -> None:
        if takes_lang:
            kwargs["lang"] = lang
        df = fn(*args, **kwargs)
        emit(df, fmt, out, click.get_current_context().info_name or fn.__name__, lang)

    return command
