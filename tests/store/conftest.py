"""Store fixtures: every store test runs on SQLite and on the real PostgreSQL at 127.0.0.1:5432.

Each run makes a fresh PostgreSQL database, `vanban_t<run id>`, from the `test` database
(VANBAN_TEST_PG overrides the admin URL), gives every store a schema of its own in it, and
drops it at the end. A server that is down fails the tests: `.ci/run` starts it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

ADMIN = os.environ.get("VANBAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RUN = uuid.uuid4().hex[:10]
BACKENDS = ["sqlite", "postgresql"]


def _admin() -> psycopg.Connection:
    url = make_url(ADMIN)
    try:
        return psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                               dbname=url.database, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as err:
        pytest.fail(f"PostgreSQL is not reachable at {ADMIN} ({err}); start it (`.ci/run` does)")


@pytest.fixture(scope="session")
def new_pg_database() -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty PostgreSQL stores.

    The run creates one database, `vanban_t<run id>`, and drops it at the end; each store is a
    schema of its own in it (the URL sets `search_path`), as isolated as a database of its own.
    """
    conn = _admin()
    name = f"vanban_t{RUN}"
    conn.execute(f'CREATE DATABASE "{name}"')
    database = make_url(ADMIN).set(database=name)
    inner = psycopg.connect(host=database.host, port=database.port or 5432, user=database.username,
                            password=database.password, dbname=name, autocommit=True)
    made = 0

    def make() -> str:
        nonlocal made
        made += 1
        inner.execute(f"CREATE SCHEMA s{made}")
        url = database.set(query={"options": f"-csearch_path=s{made}"})
        return url.render_as_string(hide_password=False)

    yield make
    inner.close()
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def _new_store(backend: str, folder: Path, new_pg: Callable[[], str]) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'store.db'}"
    return new_pg()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path, new_pg_database: Callable[[], str]) -> str:
    """The URL of a fresh, empty store (no schema yet)."""
    return _new_store(request.param, tmp_path, new_pg_database)


@pytest.fixture(scope="module", params=BACKENDS)
def module_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 new_pg_database: Callable[[], str]) -> str:
    """A fresh store shared by the tests of one module (they only read it)."""
    return _new_store(request.param, tmp_path_factory.mktemp(request.param), new_pg_database)
