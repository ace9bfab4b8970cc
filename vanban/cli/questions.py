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
from vanban.cli.store import db_option, reads_reports, store_errors
from vanban.extract.figure_kinds import KINDS
from vanban.identity.levels import LEVELS
from vanban.patterns import strings

if TYPE_CHECKING:
    import pandas as pd

LEVEL_CHOICE = click.Choice(LEVELS)


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
    return db_option(store_errors(reads_reports(_plain_text(output_options(fn)))))


def periods(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`--period`, `--since`, `--until`: which reports a question reads (compared by their periods)."""
    fn = click.option("--until", metavar="DATE")(fn)
    fn = click.option("--since", metavar="DATE")(fn)
    return click.option("--period", metavar="PERIOD")(fn)


@click.command()
@click.option("--unit", metavar="NAME")
@periods
@question
def reports(db: str | None, unit: str | None, period: str | None, since: str | None,
            until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.reports(unit, period=period, since=since, until=until, db=db)


@click.command()
@click.option("--directive", metavar="KEY")
@click.option("--unit", metavar="NAME")
@periods
@question
def cites(db: str | None, directive: str | None, unit: str | None, period: str | None, since: str | None,
          until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.cites(directive, unit, period=period, since=since, until=until, db=db)


@click.command()
@click.option("--level", type=LEVEL_CHOICE)
@click.option("--min-units", type=click.IntRange(min=1), default=1, show_default=True)
@periods
@question
def matrix(db: str | None, level: str | None, min_units: int, period: str | None, since: str | None,
           until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.matrix(level, min_units, period=period, since=since, until=until, db=db)


@click.command()
@click.argument("key")
@click.option("--province")
@periods
@question
def coverage(key: str, db: str | None, province: str | None, period: str | None, since: str | None,
             until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.coverage(key, province, period=period, since=since, until=until, db=db)


@click.command()
@click.argument("indicator", required=False)
@click.option("--unit", metavar="NAME")
@click.option("--province")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--plans", is_flag=True)
@periods
@question
def figures(indicator: str | None, db: str | None, unit: str | None, province: str | None, kind: str | None,
            plans: bool, period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.figures(indicator, unit, province=province, kind=kind, period=period, since=since,
                             until=until, plans=plans, db=db)


@click.command()
@click.option("--code")
@click.option("--unit", metavar="NAME")
@periods
@question
def flags(db: str | None, code: str | None, unit: str | None, period: str | None, since: str | None,
          until: str | None, lang: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.flags(code, unit, period=period, since=since, until=until, lang=lang, db=db)


@click.command()
@click.option("--period", required=True, metavar="PERIOD")
@click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--province")
@question
def missing(db: str | None, period: str, roster: Path | None, province: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.missing(period, roster, province, db=db)


@click.command()
@periods
@question
def units(db: str | None, period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.units(period=period, since=since, until=until, db=db)


@click.command()
@click.option("--level", type=LEVEL_CHOICE)
@periods
@question
def directives(db: str | None, level: str | None, period: str | None, since: str | None,
               until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.directives(level, period=period, since=since, until=until, db=db)


@click.command()
@periods
@question
def levels(db: str | None, period: str | None, since: str | None, until: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.levels(period=period, since=since, until=until, db=db)


@click.command()
@question
def runs(db: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.runs(db=db)


@click.command()
@click.option("--run", type=click.IntRange(min=0), default=None)
@click.option("--failed", "outcome", flag_value="failed")
@click.option("--skipped", "outcome", flag_value="skipped")
@question
def errors(db: str | None, run: int | None, outcome: str | None) -> pd.DataFrame:
    from vanban import questions

    return questions.errors(run, outcome, db=db)


QUESTIONS = (reports, cites, matrix, coverage, figures, flags, missing, units, directives, levels, runs, errors)
