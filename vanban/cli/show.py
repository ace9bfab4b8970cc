"""`vanban show REPORT`: one report at a glance, for the officer who has to check it.

Every flag with where it stands (a page, or a paragraph number in a DOCX where Word recorded no
page break, said as such) and the sentence it rests on; the figures with what they measure; the
citations; the tables.
"""

from __future__ import annotations

from typing import Any

import click

from vanban.cli.output import lang_option
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
        console.print(say("no_positions"), style="dim")
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


@click.command()
@click.argument("ref", metavar="REPORT")
@db_option
@lang_option
@store_errors
def show(ref: str, db: str | None, lang: str | None) -> None:
    from vanban import questions

    print_report(questions.report(ref, lang=lang, db=db), lang)
