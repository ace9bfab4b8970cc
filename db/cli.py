"""The store's verbs: `ingest`, `db upgrade|current|downgrade`, and the cross-unit questions.

`register(main)` adds them to the `vanban` group. Every verb takes `--db URL` (else VANBAN_DB,
else ./vanban.db). A store that cannot be used, or a directive or unit that is not in it, is one
line on stderr, never a traceback. Exit codes: 0 done; 1 some files failed (ingest) or nothing
matched (queries); 2 the store or the options are unusable; 130 interrupted.
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import pandas as pd
from sqlalchemy.exc import DBAPIError

from vanban.db.engine import StoreError
from vanban.output import tabular

LEVEL_CHOICE = click.Choice(["party_centre", "national_assembly", "state_president", "government",
                             "prime_minister", "ministry", "province", "department", "party_local", "unit",
                             "other"])

db_option = click.option(
    "--db", "db", metavar="URL", envvar="VANBAN_DB", show_envvar=True, default=None,
    help="The store: sqlite:///FILE, postgresql+psycopg://USER@HOST/DB, or a file path [default: ./vanban.db].")


def store_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One line for what the user can fix; a traceback only with --debug on ingest."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from vanban.db.queries import NotFound

        try:
            return fn(*args, **kwargs)
        except NotFound as err:
            click.echo(str(err), err=True)
            sys.exit(1)
        except StoreError as err:
            click.echo(str(err), err=True)
            sys.exit(2)
        except DBAPIError as err:
            first = str(err.orig).strip().splitlines()[0] if str(err.orig).strip() else type(err.orig).__name__
            click.echo(f"the store failed: {first}", err=True)
            sys.exit(2)

    return wrapper


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """Ctrl-C or `kill` ends an ingest between two documents, with the run recorded; a second one at once."""
    stop = threading.Event()

    def handler(_signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    before = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, previous in before.items():
            signal.signal(sig, previous)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Extraction processes [default: one per core]; 0 extracts in this process.")
@click.option("--dask", "dask", metavar="ADDRESS", default=None,
              help="Extract on the Dask cluster at this scheduler address (needs vanban[dask]).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@store_errors
def ingest(folder: Path, db: str | None, workers: int | None, dask: str | None, quiet: bool) -> None:
    """Ingest every report under FOLDER; files already stored are not read again."""
    from vanban.db.engine import resolve_url, shown
    from vanban.db.ingest import ingest_folder
    from vanban.db.progress import ProgressBar

    url = resolve_url(db)
    try:
        with _stop_on_signals() as stop:
            summary = ingest_folder(folder, url.render_as_string(hide_password=False), workers=workers,
                                    dask=dask, reporter=ProgressBar(enabled=not quiet), stop=stop)
    except KeyboardInterrupt:           # before the run began: nothing was written
        click.echo("interrupted before any document was read", err=True)
        sys.exit(130)
    read = (f"; {summary.extracted} read at {summary.extracted / summary.seconds:.1f} documents/s, "
            f"{summary.pages / summary.seconds:.1f} pages/s" if summary.extracted and summary.seconds else "")
    skipped = f", {summary.skipped} other files skipped" if summary.skipped else ""
    click.echo(f"{summary.files} files: {summary.ingested} ingested, {summary.unchanged} unchanged, "
               f"{summary.failed} failed{skipped} ({summary.seconds:.1f} s{read}) into {shown(url)}")
    if summary.interrupted:
        click.echo("interrupted: the documents written so far are kept; run the same command to finish",
                   err=True)
        sys.exit(130)
    sys.exit(1 if summary.failed else 0)


@click.group("db")
def db_group() -> None:
    """Create or migrate the store's schema."""


@db_group.command("upgrade")
@db_option
@click.option("--revision", default="head", show_default=True)
@store_errors
def db_upgrade(db: str | None, revision: str) -> None:
    """Migrate the store to the newest schema (creates it if empty)."""
    from vanban.db import schema
    from vanban.db.engine import make_engine, shown

    engine = make_engine(db, writer=True)
    schema.upgrade(engine, revision)
    click.echo(f"{shown(engine.url)}: at revision {schema.current(engine)}")


@db_group.command("downgrade")
@click.argument("revision")
@db_option
@store_errors
def db_downgrade(revision: str, db: str | None) -> None:
    """Migrate the store down to REVISION (`base` drops every table)."""
    from vanban.db import schema
    from vanban.db.engine import make_engine, shown

    engine = make_engine(db, writer=True)
    schema.downgrade(engine, revision)
    click.echo(f"{shown(engine.url)}: at revision {schema.current(engine) or 'base'}")


@db_group.command("current")
@db_option
@store_errors
def db_current(db: str | None) -> None:
    """Print the store's schema revision."""
    from vanban.db import schema
    from vanban.db.engine import make_engine

    click.echo(schema.current(make_engine(db)) or "base (empty)")


@click.command()
@db_option
@click.option("--directive", metavar="KEY", help="Only this directive (e.g. 450/KH-SYT).")
@click.option("--unit", metavar="NAME", help="Only this unit (any name it goes by, or part of one).")
@store_errors
@tabular
def cites(db: str | None, directive: str | None, unit: str | None) -> pd.DataFrame:
    """Who cites what, when, in which report."""
    from vanban.db import queries

    return queries.cites(directive, unit, db=db)


@click.command()
@db_option
@click.option("--level", type=LEVEL_CHOICE, help="Only directives of this level.")
@click.option("--min-units", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only directives cited by at least this many units.")
@store_errors
@tabular
def matrix(db: str | None, level: str | None, min_units: int) -> pd.DataFrame:
    """Units × directives: the number of reports of each unit citing each directive."""
    from vanban.db import queries

    return queries.matrix(level, min_units, db=db)


@click.command()
@click.argument("key")
@db_option
@click.option("--province", help="Compare the units of this province [default: the citing units'].")
@store_errors
@tabular
def coverage(key: str, db: str | None, province: str | None) -> pd.DataFrame:
    """The units that cite KEY and, in the same provinces, those of the store that do not."""
    from vanban.db import queries

    return queries.coverage(key, province, db=db)


@click.command()
@db_option
@click.option("--code", help="Only flags with this code (e.g. directive_date_conflict).")
@store_errors
@tabular
def flags(db: str | None, code: str | None) -> pd.DataFrame:
    """Flagged reports with the reason."""
    from vanban.db import queries

    return queries.flags(code, db=db)


@click.command()
@db_option
@store_errors
@tabular
def units(db: str | None) -> pd.DataFrame:
    """The units in the store, the names they go by, and how much they report and cite."""
    from vanban.db import queries

    return queries.units(db=db)


@click.command()
@db_option
@click.option("--level", type=LEVEL_CHOICE, help="Only directives of this level.")
@store_errors
@tabular
def directives(db: str | None, level: str | None) -> pd.DataFrame:
    """The cited directives: type, number, year, issuer, issue date, level, and who cites them."""
    from vanban.db import queries

    return queries.directives(level, db=db)


@click.command()
@db_option
@store_errors
@tabular
def levels(db: str | None) -> pd.DataFrame:
    """Units × levels: how many directives of each level each unit cites."""
    from vanban.db import queries

    return queries.levels(db=db)


def register(main: click.Group) -> None:
    """Add the store's verbs to the `vanban` command."""
    for command in (ingest, db_group, cites, matrix, coverage, flags, units, directives, levels):
        main.add_command(command)
