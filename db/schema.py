"""Bring a store's schema to the current revision, or check that it is there.

`vanban ingest` upgrades by itself (an officer should not have to know about migrations);
query verbs only read, so they refuse a store that is missing or behind with a line that says
what to run.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

from vanban.db.engine import StoreError, shown, sqlite_file
from vanban.db.transaction import first_line, retried
from vanban.patterns import strings

INI = str(resources.files("vanban.db.migrations").joinpath("alembic.ini"))


def _config() -> Config:
    return Config(INI)


def head() -> str:
    """The newest revision the package ships."""
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def _with_connection(engine: Engine, fn, *args) -> None:  # type: ignore[no-untyped-def]
    """`fn` in one transaction; again when SQLite was busy (two ingests opening a new store at once:
    switching a fresh file to WAL can be refused without waiting)."""
    cfg = _config()

    def once() -> None:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            fn(cfg, *args)

    try:
        retried(once)
    except DBAPIError as err:
        raise StoreError(strings.message("cannot_open_store", url=shown(engine.url), reason=first_line(err))) from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the store up to `revision`; safe to run by several processes at once."""
    _with_connection(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _with_connection(engine, command.downgrade, revision)


def current(engine: Engine) -> str | None:
    """The store's revision, None for an empty database."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as err:
        raise StoreError(strings.message("cannot_open_store", url=shown(engine.url), reason=first_line(err))) from None


def require(engine: Engine) -> None:
    """Refuse a store that does not exist or is not at the current revision."""
    path = sqlite_file(engine.url)
    if path is not None and not path.exists():
        raise StoreError(strings.message("no_store_yet", path=path, url=shown(engine.url)))
    rev = current(engine)
    if rev is None:
        with engine.connect() as conn:
            empty = not inspect(conn).get_table_names()
        raise StoreError(strings.message("empty_database" if empty else "not_a_store", url=shown(engine.url)))
    if rev != head():
        raise StoreError(strings.message("old_store", url=shown(engine.url), rev=rev, head=head()))


