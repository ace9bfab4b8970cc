"""The store's verbs: `ingest` and `db upgrade|current|downgrade`, and what every store verb shares.

Every verb takes `--db URL` (else VANBAN_DB, else ./vanban.db). A store that cannot be used, or
a directive or unit that is not in it, is one line on stderr, never a traceback. Exit codes: 0
done; 1 some files failed (ingest) or nothing matched (questions); 2 the store or the options
are unusable; 130 interrupted. SQLAlchemy is imported when a verb runs, not for `--help`.
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vanban.cli.output import lang_option
from vanban.patterns import strings

if TYPE_CHECKING:
    from vanban.pipeline.ingest import Summary

db_option = click.option("--db", "db", metavar="URL", envvar="VANBAN_DB", show_envvar=True, default=None)


def store_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One line for what the user can fix; a traceback only with --debug on ingest."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import DBAPIError

        from vanban.db.engine import StoreError
        from vanban.db.queries import NotFound

        try:
            with strings.speaking(kwargs.get("lang")):
                return fn(*args, **kwargs)
        except NotFound as err:
            click.echo(str(err), err=True)
            sys.exit(1)
        except StoreError as err:
            click.echo(str(err), err=True)
            sys.exit(2)
        except DBAPIError as err:
            first = str(err.orig).strip().splitlines()[0] if str(err.orig).strip() else type(err.orig).__name__
            click.echo(strings.message("store_failed", kwargs.get("lang"), reason=first), err=True)
            sys.exit(2)

    return wrapper


def reads_reports(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A verb that answers from the reports first says so when an ingest ended before it grouped what
    it stored (`pipeline.close`): its answer leaves those documents out, which nothing else would show."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _note_unclosed(kwargs.get("db"), kwargs.get("lang"))
        return fn(*args, **kwargs)

    return wrapper


def _note_unclosed(db: str | None, lang: str | None) -> None:
    from sqlalchemy.orm import Session

    from vanban.db import schema
    from vanban.db.engine import make_engine
    from vanban.pipeline.close import pending

    try:
        engine = make_engine(db)
    except Exception:                   # the verb itself says what is wrong with the store
        return
    try:
        schema.require(engine)
        with Session(engine) as session:
            ended, documents = pending(session)
    except Exception:                   # idem; a note must never stop an answer
        return
    finally:
        engine.dispose()
    if ended and documents:
        runs = ", ".join(str(r) for r in ended)
        click.echo(strings.message("store_not_closed", lang, documents=documents, runs=runs), err=True)


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
@click.option("--workers", type=click.IntRange(min=0), default=None)
@click.option("--dask", "dask", metavar="ADDRESS", default=None)
@click.option("--max-size", multiple=True, metavar="[FMT=]MB")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS")
@click.option("--memory", type=click.IntRange(min=64), default=None, metavar="MB")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--quiet", is_flag=True)
@lang_option
@store_errors
def ingest(folder: Path, db: str | None, workers: int | None, dask: str | None, max_size: tuple[str, ...],
           timeout: float | None, memory: int | None, config: Path | None, quiet: bool, lang: str | None) -> None:
    if not dask and workers != 0:       # the workers' fork server warms while the rest is imported
        from vanban.pipeline.forks import start_server

        start_server()
    from vanban.cli.progress import ProgressBar
    from vanban.db.engine import resolve_url, shown
    from vanban.pipeline.config import load, with_options
    from vanban.pipeline.ingest import ingest_folder

    url = resolve_url(db)
    limits = with_options(load(config), max_size, timeout, memory)
    try:
        with _stop_on_signals() as stop:
            summary = ingest_folder(folder, url.render_as_string(hide_password=False), workers=workers,
                                    dask=dask, reporter=ProgressBar(enabled=not quiet, lang=lang), stop=stop,
                                    limits=limits)
    except KeyboardInterrupt:           # before the run began: nothing was written
        click.echo(strings.message("ingest_interrupted_early", lang), err=True)
        sys.exit(130)
    click.echo(_summary_line(summary, shown(url), lang))
    if not summary.closed:
        click.echo(strings.message("ingest_not_closed", lang), err=True)
    if summary.interrupted:
        click.echo(strings.message("ingest_interrupted", lang), err=True)
        sys.exit(130)
    sys.exit(1 if summary.failed else 0)


def _rate(per_second: float, lang: str | None) -> str | None:
    """A speed with the decimals that keep it from reading 0 (0,04 văn bản/giây, not 0,0); None when
    even three would not: such a figure tells nobody anything."""
    for digits in (1, 2, 3):
        if round(per_second, digits) > 0:
            return strings.decimal(per_second, digits, lang)
    return None


def _summary_line(summary: Summary, store: str, lang: str | None) -> str:
    """The last line of an ingest in `lang`, its decimals written as the language writes them.

    The speed is said only when the run read pages of documents itself: a run whose files all
    failed (no page read) or were all known has no reading speed, and "0,0 văn bản/giây" said so."""
    speed = ""
    documents = _rate(summary.extracted / summary.seconds, lang) if summary.seconds else None
    pages = _rate(summary.pages / summary.seconds, lang) if summary.seconds else None
    if summary.extracted and summary.pages and documents and pages:
        speed = strings.message("ingest_speed", lang, extracted=summary.extracted, documents=documents, pages=pages)
    skipped = strings.message("ingest_skipped", lang, skipped=summary.skipped) if summary.skipped else ""
    return strings.message("ingest_summary", lang, files=summary.files, ingested=summary.ingested,
                           unchanged=summary.unchanged, failed=summary.failed, skipped=skipped,
                           seconds=strings.decimal(summary.seconds, 1, lang), speed=speed, store=store)


@click.group("db")
def db_group() -> None:
    pass


@db_group.command("upgrade")
@db_option
@click.option("--revision", default="head", show_default=True)
@lang_option
@store_errors
def db_upgrade(db: str | None, revision: str, lang: str | None) -> None:
    from vanban.db import reports, schema
    from vanban.db.engine import make_engine, shown
    from vanban.db.transaction import in_transaction

    engine = make_engine(db, writer=True)
    schema.upgrade(engine, revision)
    if schema.current(engine) == schema.head():       # a store filled before reports existed gets them now
        in_transaction(engine, reports.refresh)
    click.echo(strings.message("at_revision", lang, url=shown(engine.url), rev=schema.current(engine)))


@db_group.command("downgrade")
@click.argument("revision")
@db_option
@lang_option
@store_errors
def db_downgrade(revision: str, db: str | None, lang: str | None) -> None:
    from vanban.db import schema
    from vanban.db.engine import make_engine, shown

    engine = make_engine(db, writer=True)
    schema.downgrade(engine, revision)
    click.echo(strings.message("at_revision", lang, url=shown(engine.url), rev=schema.current(engine) or "base"))


@db_group.command("current")
@db_option
@lang_option
@store_errors
def db_current(db: str | None, lang: str | None) -> None:
    from vanban.db import schema
    from vanban.db.engine import make_engine

    click.echo(schema.current(make_engine(db)) or strings.message("no_revision", lang))


def register(main: click.Group) -> None:
    """Add the store's verbs and the questions to the `vanban` group."""
    from vanban.cli.export import export, roster_group
    from vanban.cli.questions import QUESTIONS
    from vanban.cli.show import show
    from vanban.cli.web import serve, user_group

    for command in (ingest, db_group, *QUESTIONS, show, export, roster_group, serve, user_group):
        main.add_command(command)
