"""Which store to use and how to connect to it.

The store is named by `--db URL`, else the `VANBAN_DB` variable, else `vanban.db` in the working
folder (SQLite). A plain path is taken as an SQLite file; `postgresql://` means psycopg 3, the
driver the project installs.

SQLite is tuned for one writer and many readers: WAL, a busy timeout instead of "database is
locked", and write transactions that take the lock up front (BEGIN IMMEDIATE) so that two
ingests queue instead of failing half-way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from vanban.db.light import json_text
from vanban.patterns import strings

T = TypeVar("T")

ENV = "VANBAN_DB"
DEFAULT_FILE = "vanban.db"
BUSY_TIMEOUT_S = 60


class StoreError(Exception):
    """A store that cannot be used, with one line a user can act on."""


def resolve_url(db: str | None = None) -> URL:
    """The store's URL from the option, the environment or the default file."""
    text = db or os.environ.get(ENV) or DEFAULT_FILE
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise StoreError(strings.message("not_a_url", text=text)) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(strings.message("not_sql_store", url=shown(url)))
    return url


def shown(url: URL) -> str:
    """The URL as safe to print (no password)."""
    return url.render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    """The file of an SQLite store, None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def store_files(url: URL) -> frozenset[str]:
    """The real paths of an SQLite store and its journals: an ingest of the folder that holds the
    store walks past them (they are the store, not a report to record as skipped)."""
    path = sqlite_file(url)
    if path is None:
        return frozenset()
    real = os.path.realpath(path)
    return frozenset(real + suffix for suffix in ("", "-wal", "-shm", "-journal"))


IN_LIST = 500          # values per IN list: SQLite allowed 999 parameters before 3.32


def in_lists(items: list[T]) -> list[list[T]]:
    """`items` cut into lists short enough for one `IN (…)` on every store."""
    return [items[i:i + IN_LIST] for i in range(0, len(items), IN_LIST)]


def make_engine(db: str | URL | Engine | None = None, *, writer: bool = False) -> Engine:
    """An engine for the store; `writer` engines begin SQLite transactions with the write lock."""
    if isinstance(db, Engine):
        return db
    url = db if isinstance(db, URL) else resolve_url(db)
    if url.get_backend_name() == "sqlite":
        # sqlite3 keeps 128 prepared statements per connection by default; an IN list of each new
        # length is a new one, and the writer's grow with the batch: memory kept growing over
        # thousands of documents. 32 covers the statements a batch repeats.
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "cached_statements": 32},
                               json_serializer=json_text)
        _tune_sqlite(engine, immediate=writer)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=json_text)


def _tune_sqlite(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None        # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
