"""One unit of work, retried from scratch when the database asks for it.

PostgreSQL may abort one of two transactions that wait on each other (deadlock, serialization
failure) and SQLite may stay busy past its timeout; both are safe to run again because a
transaction either commits whole or leaves nothing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

T = TypeVar("T")


def transient(err: DBAPIError) -> bool:
    """A deadlock, a serialization failure or a busy SQLite file: worth trying again."""
    code = getattr(err.orig, "sqlstate", None)
    text = str(err.orig).lower()
    return code in ("40P01", "40001") or "database is locked" in text or "database is busy" in text


def first_line(err: DBAPIError) -> str:
    text = str(err.orig).strip()
    return text.splitlines()[0] if text else type(err.orig).__name__


def retried(run: Callable[[], T], attempts: int = 6) -> T:
    """`run()`, again from scratch after a transient conflict (it must leave nothing when it fails)."""
    for attempt in range(attempts):
        try:
            return run()
        except DBAPIError as err:
            if attempt + 1 < attempts and transient(err):
                time.sleep(0.05 * 2 ** attempt * (1 + random.random()))
                continue
            raise
    raise AssertionError("unreachable")


def in_transaction(engine: Engine, fn: Callable[..., T], *args: Any, attempts: int = 6) -> T:
    """Run `fn(session, *args)` in one transaction, again from scratch after a transient conflict."""
    def once() -> T:
        with Session(engine) as session, session.begin():
            return fn(session, *args)

    return retried(once, attempts)
