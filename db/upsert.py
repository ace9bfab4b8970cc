"""Insert-if-absent on a unique key, the same way on SQLite and PostgreSQL.

"INSERT … ON CONFLICT DO NOTHING" is what lets two ingests write the same unit, directive or
document at once: the second waits for the first's transaction and then inserts nothing,
instead of failing or duplicating.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, model: type) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def insert_ignore(session: Session, model: type, values: dict[str, Any], key: Sequence[str]) -> int | None:
    """Insert a row unless one with the same `key` columns exists; its new id, or None."""
    stmt = _insert(session, model).values(**values).on_conflict_do_nothing(index_elements=list(key))
    return session.execute(stmt.returning(model.id)).scalar_one_or_none()


def insert_many_ignore(session: Session, model: type, rows: list[dict[str, Any]], key: Sequence[str]) -> None:
    """Insert the rows whose `key` is not there yet, in one statement, in the order given.

    Callers pass rows sorted by key: PostgreSQL then takes the row locks of two concurrent
    inserts in the same order, so they queue instead of deadlocking.
    """
    if rows:
        session.execute(_insert(session, model).on_conflict_do_nothing(index_elements=list(key)), rows)


def ids_by_key(session: Session, model: type, keys: list[tuple[Any, ...]], key: Sequence[str]) -> dict[tuple, int]:
    """Key tuple -> id of the rows with these keys."""
    cols = [getattr(model, k) for k in key]
    out: dict[tuple, int] = {}
    for i in range(0, len(keys), 500):
        for row in session.execute(select(model.id, *cols).where(tuple_(*cols).in_(keys[i:i + 500]))):
            out[tuple(row[1:])] = row[0]
    return out


def get_or_create(session: Session, model: type, values: dict[str, Any], key: Sequence[str]) -> int:
    """The id of the row with `values`' key columns, inserting `values` if there is none."""
    new = insert_ignore(session, model, values, key)
    if new is not None:
        return new
    where = and_(*(getattr(model, k) == values[k] for k in key))
    return session.execute(select(model.id).where(where)).scalar_one()
