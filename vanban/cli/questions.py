"""The question verbs (`reports`, `cites`, `matrix`, `coverage`, `figures`, `flags`, `missing`, `units`,
`directives`, `levels`, `runs`, `errors`).

Each is a thin verb over the function of the same name in `vanban.questions`, which returns a
DataFrame; `@question` gives every one the same `--db`, `--format`, `--out` and `--lang` and the
same one-line errors, and `@periods` the same `--period`, `--since` and `--until`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vanban.cli.output import output_options
from vanban.cli.store import db_option, store_errors
from vanban.identity.levels import LEVELS
from vanban.patterns import strings

if TYPE_CHECKING:
    import pandas as pd

LEVEL_CHOICE = click.Choice(LEVELS)
FIGURE_KINDS = ("percent", "ratio", "count", "money", "range")    # vanban.db.queries.figures.KINDS


def _plain_text(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A name or key that is blank, or not UTF-8 (a mistyped shell argument), is one line and exit 2:
    blank would match every unit, and bytes that are not text cannot be looked up."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for name, value in kwargs.items():
            if name == "db" or not isinstance(value, str):
                continue
            shown = os.fsencode(value).decode("utf-8", "backslashreplace")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                click.echo(strings.message("not_utf8", name=name, shown=shown), err=True)
                sys.exit(2)
            if not value.strip():
                click.echo(strings.message("empty_argument", name=name), err=True)
                sys.exit(2)
        return fn(*args, **kwargs)

    return wrapper


def question(fn: Callable[..., pd.DataFrame]) -> Callable[..., Any]:
    """`--db`, the output options, and store errors as one line: what every question verb takes."""
    return db_option(store_errors(_plain_text(output_options(fn))))


def periods(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`--period`, `--since`, `--until`: which reports a question reads (compared by their periods)."""
    fn = click.option("--until", metavar="DATE", help="Only reports whose period ends on or before DATE.")(fn)
    fn = click.option("--since", metavar="DATE",
                      help="Only reports whose period ends on or after DATE (2025-07-01, 07/2025, 2025, a period).")(fn)
    return click.option("--period", metavar="PERIOD",
                        help='Only reports for this period, e.g. "Quý III năm 2025", "6 tháng đầu năm 2025".')(fn)


@click.command()
@click.option("--unit", metavar="NAME", help="Only this unit (any name it goes by, or part of one).")
@periods
@question
def reports(db: str | None, unit: str | None, period: str | None, since: str | None,
            until: str | None) -> pd.DataFrame:
    """The reports, each once whatever the number of its files (DOCX, PDF, scan)."""
    from vanban import questions

    return questions.reports(unit, period=period, since=since, until=until, db=db)


@click.command()
@click.option("--directive", metavar="KEY", help="Only this directive (e.g. 450/KH-SYT).")
@click.option("--unit", metavar="NAME", help="Only this unit (any name it goes by, or part of one).")
@periods
@question
def cites(db: str | None, directive: str | None, unit: str | None, period: str | None, since: str | None,
          until: str | None) -> pd.DataFrame:
    """Who cites what, when, in which report."""
    from vanban import questions

    return questions.cites(directive, unit, period=period, since=since, until=until, db=db)


@click.command()
@click.option("--level", type=LEVEL_CHOICE, help="Only directives of this level.")
@click.option("--min-units", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only directives cited by at least this many units.")
@periods
@question
def matrix(db: str | None, level: str | None, min_units: int, period: str | None, since: str | None,
           until: str | None) -> pd.DataFrame:
    """Units × directives: the number of reports of each unit citing each directive."""
    from vanban import questions

    return questions.matrix(level, min_units, period=period, since=since, until=until, db=db)


@click.command()
@click.argument("key")
@click.option("--province", help="Compare the units of this province [default: all for a central directive, "
                                 "else the citing units' provinces].")
@periods
@question
def coverage(key: str, db: str | None, province: str | None, period: str | None, since: str | None,
             until: str | None) -> pd.DataFrame:
    """The units that cite KEY and those that do not: every unit of the store for a directive of the
    centre (it binds them all), the units of the citing units' provinces for a local one."""
    from vanban import questions

    return questions.coverage(key, province, period=period, since=since, until=until, db=db)


@click.command()
@click.argument("indicator", required=False)
@click.option("--unit", metavar="NAME", help="Only this unit (any name it goes by, or part of one).")
@click.option("--province", help="Only the units of this province.")
@click.option("--kind", type=click.Choice(FIGURE_KINDS), help="Only figures of this kind.")
@periods
@question
def figures(indicator: str | None, db: str | None, unit: str | None, province: str | None, kind: str | None,
            period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    """Every figure the units report for INDICATOR (a key such as khong_dung_tien_mat, or words such as
    "không dùng tiền mặt"), one row each, to compare units; without INDICATOR, the indicators found."""
    from vanban import questions

    return questions.figures(indicator, unit, province=province, kind=kind, period=period, since=since,
                             until=until, db=db)


@click.command()
@click.option("--code", help="Only flags with this code (e.g. directive_date_conflict).")
@click.option("--unit", metavar="NAME", help="Only this unit.")
@periods
@question
def flags(db: str | None, code: str | None, unit: str | None, period: str | None, since: str | None,
          until: str | None, lang: str | None) -> pd.DataFrame:
    """Flagged reports with the reason, the page (or paragraph) and the sentence."""
    from vanban import questions

    return questions.flags(code, unit, period=period, since=since, until=until, lang=lang, db=db)


@click.command()
@click.option("--period", required=True, metavar="PERIOD", help='The period owed, e.g. "Quý III năm 2025".')
@click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A CSV or XLSX of the units that owe reports [default: the imported roster, else the units "
                   "seen in earlier periods].")
@click.option("--province", help="Only units of this province.")
@question
def missing(db: str | None, period: str, roster: Path | None, province: str | None) -> pd.DataFrame:
    """The units that owe a report (Báo cáo) for PERIOD and have not sent one."""
    from vanban import questions

    return questions.missing(period, roster, province, db=db)


@click.command()
@periods
@question
def units(db: str | None, period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    """The units in the store, the names they go by, and how much they report and cite."""
    from vanban import questions

    return questions.units(period=period, since=since, until=until, db=db)


@click.command()
@click.option("--level", type=LEVEL_CHOICE, help="Only directives of this level.")
@periods
@question
def directives(db: str | None, level: str | None, period: str | None, since: str | None,
               until: str | None) -> pd.DataFrame:
    """The cited directives: type, number, year, issuer, issue date, level, and who cites them."""
    from vanban import questions

    return questions.directives(level, period=period, since=since, until=until, db=db)


@click.command()
@periods
@question
def levels(db: str | None, period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    """Units × levels: how many directives of each level each unit cites."""
    from vanban import questions

    return questions.levels(period=period, since=since, until=until, db=db)


@click.command()
@question
def runs(db: str | None) -> pd.DataFrame:
    """The ingest batches: when, which folder, how, and what each did."""
    from vanban import questions

    return questions.runs(db=db)


@click.command()
@click.option("--run", type=click.IntRange(min=0), default=None,
              help="This ingest run's id [default: the latest]; 0 for every run.")
@click.option("--failed", "outcome", flag_value="failed", help="Only the paths that failed.")
@click.option("--skipped", "outcome", flag_value="skipped", help="Only the paths the walk skipped.")
@question
def errors(db: str | None, run: int | None, outcome: str | None) -> pd.DataFrame:
    """The paths an ingest did not store, with the reason (failed, or skipped by the walk)."""
    from vanban import questions

    return questions.errors(run, outcome, db=db)


QUESTIONS = (reports, cites, matrix, coverage, figures, flags, missing, units, directives, levels, runs, errors)
