"""Insert-if-absent on a unique key, the same way on SQLite and PostgreSQL.

"INSERT … ON CONFLICT DO NOTHING" is what lets two ingests write the same unit, directive or
document at once: the second waits for the first's transaction and then inserts nothing,
instead of failing or duplicating.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Table, Text, bindparam, func, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from vanban.db.light import json_text


@lru_cache(maxsize=256)
def _ignore(dialect: str, table: Table, key: tuple[str, ...], returning: tuple[str, ...]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING on `key` (RETURNING `returning`), built once: the values go with
    each execution, so the writer does not build and hash a new statement for every row (most of its
    time, per profile)."""
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    return stmt.returning(*(table.c[c] for c in returning)) if returning else stmt


def ignoring(dialect: str, table: Table, key: tuple[str, ...]) -> Any:
    """INSERT … ON CONFLICT (`key`) DO NOTHING into `table`, for a connection's own use (values at execution)."""
    return _ignore(dialect, table, key, ())


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def insert_ignore(session: Session, model: type, values: dict[str, Any], key: Sequence[str]) -> int | None:
    """Insert a row unless one with the same `key` columns exists; its new id, or None."""
    stmt = _ignore(dialect(session), model.__table__, tuple(key), ("id",))
    return session.execute(stmt, values).scalar_one_or_none()


def insert_many_ignore(session: Session, model: type, rows: list[dict[str, Any]], key: Sequence[str]) -> None:
    """Insert the rows whose `key` is not there yet, in one statement, in the order given.

    Callers pass rows sorted by key: PostgreSQL then takes the row locks of two concurrent
    inserts in the same order, so they queue instead of deadlocking.
    """
    if rows:
        session.execute(_ignore(dialect(session), model.__table__, tuple(key), ()), rows)


def insert_many_returning(session: Session, model: type, rows: list[dict[str, Any]], key: Sequence[str],
                          returning: Sequence[str]) -> list[Any]:
    """`insert_many_ignore`, with the `returning` columns of the rows it did insert (not of those there already)."""
    if not rows:
        return []
    return list(session.execute(_ignore(dialect(session), model.__table__, tuple(key), tuple(returning)), rows))


def ids_by_key(session: Session, model: type, keys: list[tuple[Any, ...]], key: Sequence[str]) -> dict[tuple, int]:
    """Key tuple -> id of the rows with these keys."""
    cols = [getattr(model, k) for k in key]
    out: dict[tuple, int] = {}
    for i in range(0, len(keys), 500):
        for row in session.execute(select(model.id, *cols).where(tuple_(*cols).in_(keys[i:i + 500]))):
            out[tuple(row[1:])] = row[0]
    return out


def sqlite_run(session: Session, statement: str, params: Sequence[Any], *, many: bool = False) -> list[Any]:
    """`statement` by SQLite's own driver, in the session's transaction: for the writer's many small rows,
    SQLAlchemy's parameter handling (~10 µs a row) costs more than SQLite's work. Errors are raised as
    SQLAlchemy raises them, so that a batch falls back and a busy store is retried the same way."""
    driver = session.connection().connection.driver_connection
    try:
        if many:
            driver.executemany(statement, params)
            return []
        return driver.execute(statement, params).fetchall()
    except sqlite3.Error as err:
        raise DBAPIError.instance(statement, None, err, sqlite3.Error) from err


def insert_rows_ignore(session: Session, model: type, columns: Sequence[str], rows: list[tuple[Any, ...]],
                       key: Sequence[str]) -> None:
    """`insert_many_ignore` for rows given as tuples in `columns` order (sorted by key, for the same reason)."""
    if not rows:
        return
    if dialect(session) == "postgresql":
        _pg_run(session, _pg_unnest_insert(model.__table__, tuple(columns), tuple(key)),
                [[row[i] for row in rows] for i in range(len(columns))])
        return
    if dialect(session) != "sqlite":
        insert_many_ignore(session, model, [dict(zip(columns, row, strict=True)) for row in rows], key)
        return
    names = ", ".join(f'"{c}"' for c in columns)
    sqlite_run(session, f'INSERT INTO "{model.__tablename__}" ({names}) VALUES ({", ".join("?" * len(columns))}) '
                        f'ON CONFLICT ({", ".join(key)}) DO NOTHING', rows, many=True)


def sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it, for rows handed to the driver itself: dates as ISO
    text, date-times as 'YYYY-MM-DD HH:MM:SS.ffffff' (the zone dropped, as its DateTime does)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_SQLITE_PARAMS = 30000      # bound values per statement (SQLite's limit: 32,766 since 3.32)


def sqlite_insert_returning(session: Session, table: Table, rows: list[dict[str, Any]], key: Sequence[str],
                            returning: Sequence[str]) -> list[tuple[Any, ...]]:
    """`insert_many_returning` on SQLite by its own driver: one multi-row INSERT … ON CONFLICT DO NOTHING
    RETURNING per batch, values as SQLAlchemy's types would store them (`sqlite_value`; JSON columns as
    `json_text` writes them). SQLAlchemy's compile and bind processing of 28 columns a document cost the
    writer more than SQLite's insert. Only the columns the rows give are written: pass them all."""
    if not rows:
        return []
    columns = tuple(rows[0])
    as_text = [(c, json_text if isinstance(table.c[c].type, JSON) else
                sqlite_value if isinstance(table.c[c].type, Date | DateTime) else None) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    one = f"({', '.join('?' * len(columns))})"
    out: list[tuple[Any, ...]] = []
    step = max(1, _SQLITE_PARAMS // len(columns))
    for i in range(0, len(rows), step):
        chunk = rows[i:i + step]
        params = [row[c] if text is None else text(row[c]) for row in chunk for c, text in as_text]
        out += sqlite_run(session, f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([one] * len(chunk))} '
                                   f'ON CONFLICT ({", ".join(key)}) DO NOTHING RETURNING {", ".join(returning)}',
                          params)
    return [tuple(r) for r in out]


def unnested(name: str, values: list[str]) -> Any:
    """`unnest(:name)`, the values as one text array: on PostgreSQL, a statement that takes a list this way
    (`col IN (SELECT unnest(...))`) has the same text whatever the list's length. An IN list of each new
    length is a new text, which psycopg parses anew in Python (most of the writer's CPU for such a
    statement, per profile) and the server plans anew."""
    return func.unnest(bindparam(name, values, type_=postgresql.ARRAY(Text)))


def ids_of(session: Session, model: type, keys: list[tuple[Any, ...]], key: Sequence[str]) -> dict[tuple, int]:
    """`ids_by_key` for text keys: on SQLite in one plain statement per 500 keys, on PostgreSQL in one
    statement of constant text (`unnested`)."""
    if dialect(session) == "postgresql":
        cols = [model.__table__.c[k] for k in key]
        wanted = select(*(unnested(f"k{i}", [k[i] for k in keys]) for i in range(len(key))))
        return {tuple(row[1:]): row[0] for row in session.execute(
            select(model.__table__.c.id, *cols).where(tuple_(*cols).in_(wanted) if len(cols) > 1
                                                       else cols[0].in_(wanted)))}
    if dialect(session) != "sqlite":
        return ids_by_key(session, model, keys, key)
    out: dict[tuple, int] = {}
    cols = ", ".join(f'"{k}"' for k in key)
    one = f"({', '.join('?' * len(key))})"
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        found = sqlite_run(session, f'SELECT id, {cols} FROM "{model.__tablename__}" WHERE ({cols}) IN '
                                    f'(VALUES {", ".join([one] * len(chunk))})', [v for k in chunk for v in k])
        for row in found:
            out[tuple(row[1:])] = row[0]
    return out


@lru_cache(maxsize=16)
def _pg_unnest_insert(table: Table, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    """INSERT … SELECT FROM unnest(one array a column) ON CONFLICT DO NOTHING: the rows of a batch in one
    statement of one text, in their order (unnest keeps it). psycopg's executemany sent a statement a
    row (a batch's new directives: a third of the writer's CPU on PostgreSQL, per profile)."""
    pg = postgresql.dialect()
    arrays = ", ".join(f"CAST(%s AS {table.c[c].type.compile(dialect=pg)}[])" for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    return (f'INSERT INTO "{table.name}" ({names}) SELECT * FROM unnest({arrays}) '
            f'ON CONFLICT ({", ".join(key)}) DO NOTHING')


def _pg_run(session: Session, statement: str, params: Sequence[Any]) -> None:
    """`statement` by psycopg itself, in the session's transaction; errors raised as SQLAlchemy raises them."""
    import psycopg

    try:
        with session.connection().connection.driver_connection.cursor() as cursor:
            cursor.execute(statement, params)
    except psycopg.Error as err:     # as SQLAlchemy says it: the batch falls back, a deadlock is retried
        raise DBAPIError.instance(statement, None, err, psycopg.Error) from err


@lru_cache(maxsize=16)
def _pg_insert(table: Table, columns: tuple[str, ...], key: tuple[str, ...], returning: tuple[str, ...]) -> str:
    pg = postgresql.dialect()
    values = ", ".join(f"CAST(%s AS {table.c[c].type.compile(dialect=pg)})" for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    return (f'INSERT INTO "{table.name}" ({names}) VALUES ({values}) ON CONFLICT ({", ".join(key)}) DO NOTHING '
            f'RETURNING {", ".join(returning)}')


def pg_insert_returning(session: Session, table: Table, rows: list[dict[str, Any]], key: Sequence[str],
                        returning: Sequence[str]) -> list[tuple[Any, ...]]:
    """`insert_many_returning` on PostgreSQL by psycopg itself: one statement of one text, run for each
    row in a pipeline (one round trip), prepared by the server once. SQLAlchemy's "insertmanyvalues"
    sends one INSERT whose text grows with the rows (28 columns a document): psycopg parsed it anew in
    Python for every batch (about a third of the writer's CPU on PostgreSQL, per profile) and the server
    planned it anew. Only the columns the rows give are written (no Python-side defaults): pass them all.
    JSON columns take the value as `json_text` writes it, as SQLAlchemy's JSON type did."""
    if not rows:
        return []
    import psycopg

    columns = tuple(rows[0])
    statement = _pg_insert(table, columns, tuple(key), tuple(returning))
    as_json = [isinstance(table.c[c].type, JSON) for c in columns]
    params = [tuple(json_text(row[c]) if j else row[c] for c, j in zip(columns, as_json, strict=True))
              for row in rows]
    out: list[tuple[Any, ...]] = []
    try:
        with session.connection().connection.driver_connection.cursor() as cursor:
            cursor.executemany(statement, params, returning=True)
            while True:
                out += cursor.fetchall()
                if not cursor.nextset():
                    break
    except psycopg.Error as err:     # as SQLAlchemy says it: the batch falls back, a deadlock is retried
        raise DBAPIError.instance(statement, None, err, psycopg.Error) from err
    return out
