"""`vanban export`, the workbook an inspection team takes away, and `vanban roster import`.

One sheet per answer, each styled the same as any `--out x.xlsx`: the reports, the citations,
the coverage of the directives the province issued, the unit × directive matrix, the flags, the
units that have not reported (with `--period`), and the files that could not be read.
"""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import lang_option, refuse
from vanban.cli.store import db_option, reads_reports, store_errors


def _xlsx(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    from vanban.patterns import strings

    if value.suffix.lower() != ".xlsx":
        refuse(ctx, strings.message("workbook_suffix", ctx.params.get("lang"), path=value))
    return value


@click.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), callback=_xlsx)
@click.option("--period", metavar="PERIOD")
@click.option("--province")
@click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), default=None)
@db_option
@lang_option
@store_errors
@reads_reports
def export(out: Path, period: str | None, province: str | None, roster: Path | None, db: str | None,
           lang: str | None) -> None:
    import sys

    from vanban import questions
    from vanban.patterns import strings

    try:
        sheets = questions.export(out, period=period, province=province, roster=roster, lang=lang, db=db)
    except OSError as err:
        why = strings.os_error(err.strerror or type(err).__name__, lang)
        click.echo(strings.message("cannot_write", lang, path=out, reason=why), err=True)
        sys.exit(2)
    click.echo(strings.message("sheets_written", lang, path=out, sheets=len(sheets),
                               rows=sum(rows for _, rows in sheets)), err=True)
    if period is None:                 # who has not reported is asked of a period: say why the sheet is not there
        click.echo(strings.message("no_missing_sheet", lang), err=True)


@click.group("roster")
def roster_group() -> None:
    pass


@roster_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@lang_option
@store_errors
def roster_import(file: Path, db: str | None, lang: str | None) -> None:
    from vanban import questions
    from vanban.patterns import strings

    roster = questions.import_roster(file, db=db)
    for note in roster.notes:           # lines merged into another's unit, or skipped: never silently
        click.echo(note, err=True)
    if roster.merged:
        click.echo(strings.message("roster_imported_merged", lang, path=file, units=len(roster.units),
                                   lines=roster.lines, merged=roster.merged))
    else:
        click.echo(strings.message("roster_imported", lang, path=file, units=len(roster.units)))
