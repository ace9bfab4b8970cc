"""`vanban show REPORT`: one report at a glance, for the officer who has to check it.

Every flag with where it stands (a page, or a paragraph number in a DOCX where Word recorded no
page break, said as such) and the sentence it rests on; the figures with what they measure; the
citations; the tables.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vanban.cli.output import lang_option, out_path, write_out
from vanban.cli.store import db_option, store_errors


def _where(page: Any, paragraph: Any, lang: str | None) -> str:
    from vanban.patterns import strings

    if page is not None and str(page) != "<NA>":
        return strings.message("page_at", lang, page=page)
    if paragraph is not None and str(paragraph) != "<NA>":
        return strings.message("paragraph_at", lang, paragraph=paragraph)
    return "—"


def _text(value: Any) -> str:
    return "" if value is None or str(value) in ("<NA>", "nan", "None") else str(value)


def print_report(view: Any, lang: str | None) -> None:
    """The sections of a `ReportView`, as rich tables."""
    from rich.console import Console
    from rich.table import Table

    from vanban.patterns import strings

    def say(key: str) -> str:
        return strings.message(key, lang)

    def col(key: str) -> str:
        return strings.column(key, lang)

    console = Console()
    head = Table(title=f"{view.header['report']} — {view.header.get('unit') or ''}", show_header=False)
    for key, value in view.header.items():
        if key != "report" and _text(value):
            head.add_row(col(key), strings.value(value, lang) if isinstance(value, bool) else _text(value))
    console.print(head)
    files = Table(col("file"), col("format"), col("pages"), title=say("renditions"))
    for r in view.renditions.itertuples(index=False):
        files.add_row(r.file + (f" ({say('reference')})" if r.reference else ""), r.format, _text(r.pages))
    console.print(files)
    if not view.pages_known:
        console.print(strings.message("no_positions", lang, format=str(view.header["format"]).upper()), style="dim")
    flags = Table(col("severity"), col("code"), col("page"), col("message"), col("quote"), title=say("flags"))
    for f in view.flags.itertuples(index=False):
        flags.add_row(strings.value(f.severity, lang), f.code, _where(f.page, f.paragraph, lang), f.message,
                      _text(f.quote))
    console.print(flags)
    figures = Table(col("page"), col("raw"), col("value"), col("indicator"), col("context"), title=say("figures"))
    for m in view.figures.itertuples(index=False):
        figures.add_row(_where(m.page, m.paragraph, lang), _text(m.raw), m.figure,
                        _text(m.indicator), _text(m.context)[:120])
    console.print(figures)
    cites = Table(col("page"), col("directive"), col("stated_date"), col("raw"), title=say("citations"))
    for c in view.citations.itertuples(index=False):
        cites.add_row(_where(c.page, c.paragraph, lang), _text(c.canonical), _text(c.stated_date), c.raw[:120])
    console.print(cites)
    for i, t in enumerate(view.tables, start=1):
        table = Table(*[str(h) for h in t["header"]] or [""],
                      title=f"{say('tables')} {i} ({t['kind']}, {_where(t['page'], t['paragraph'], lang)})")
        for row in t["rows"]:
            cells = [_text(c) for c in row][: max(len(t["header"]), 1)]
            table.add_row(*cells, *[""] * (max(len(t["header"]), 1) - len(cells)))
        console.print(table)


def report_json(view: Any) -> dict[str, Any]:
    """A `ReportView` as one JSON object: the header, then each part as a list of rows."""
    import pandas as pd

    from vanban.cli.output import records

    return {"report_id": view.report_id, "header": records(pd.DataFrame([view.header]))[0],
            "pages_known": view.pages_known, "renditions": records(view.renditions), "flags": records(view.flags),
            "figures": records(view.figures), "citations": records(view.citations), "tables": view.tables}


def _whole(cell: str) -> str | int:
    """A whole number a table cell writes ("58", "1.245"), as a number in Excel (summed, sorted), read as
    the table's figures read it (table_figures.cell_number, numbers.parse); anything else as written."""
    from vanban.extract import numbers
    from vanban.extract.table_figures import cell_number

    got = cell_number(cell)
    value = numbers.parse(got[0]) if got and not got[1] else None
    return value if isinstance(value, int) else cell


def report_sheets(view: Any, lang: str | None) -> list[tuple[str, Any]]:
    """A `ReportView` as workbook sheets: the header as two columns, then one sheet per part, and one
    per table of the report."""
    import pandas as pd

    from vanban.db.queries import localize
    from vanban.db.queries.workbook import dated
    from vanban.patterns import strings

    # the report's date is a real date in its cell (a blank day: its month), as on every sheet
    header = pd.DataFrame({strings.message("header", lang): [strings.column(k, lang) for k in view.header],
                           "": [(dated(v) if k == "report_date" else None) or _text(v)
                                for k, v in view.header.items()]})
    inner = ["span_start", "span_end", "document_id", "sha256", "figure", "reference", "content", "kind"]
    parts = [("renditions", view.renditions), ("flags", view.flags),
             ("figures", view.figures.rename(columns={"kind": "figure_kind", "unit": "measure"})),
             ("citations", view.citations.rename(columns={"canonical": "directive"}))]
    parts = [(key, df.drop(columns=inner, errors="ignore")) for key, df in parts]
    tables = []
    for i, t in enumerate(view.tables, start=1):     # each table as the report prints it: its header, its rows
        width = max(len(t["header"]), *(len(r) for r in t["rows"]), 1)
        names = [str(h) if h else f"({k + 1})" for k, h in enumerate([*t["header"], *[""] * width][:width])]
        rows = [[_whole(_text(c)) for c in [*r, *[None] * width][:width]] for r in t["rows"]]
        tables.append((f"{strings.message('tables', lang)} {i}"[:31], pd.DataFrame(rows, columns=names)))
    return [(str(view.header.get("report") or view.report_id)[:31], header),
            *[(strings.message(key, lang)[:31], localize(df, lang)) for key, df in parts], *tables]


@click.command()
@click.argument("ref", metavar="REPORT")
@db_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=out_path)
@store_errors
def show(ref: str, db: str | None, lang: str | None, fmt: str, out: Path | None) -> None:
    from vanban import questions
    from vanban.patterns import strings

    view = questions.report(ref, lang=lang, db=db)
    if out is not None:                      # --out wins over --format: a file is asked for
        sheets = report_sheets(view, lang)
        flags = strings.message("flags", lang)[:31]
        if out.suffix.lower() == ".csv":     # one table in a CSV: the flags, what an officer acts on
            sheets = [(name, df) for name, df in sheets if name == flags]
        write_out(sheets, out, lang)
        click.echo(strings.message("rows_written", lang, path=out, rows=sum(len(df) for _, df in sheets)), err=True)
    elif fmt == "json":
        click.echo(json.dumps(report_json(view), ensure_ascii=False, indent=1))
    else:
        print_report(view, lang)
