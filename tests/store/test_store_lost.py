"""The PostgreSQL server stops taking connections in the middle of an ingest: the writer thread, which
meets it, raises "lost the store while writing …", and the CLI says it in --lang as one line, exit 2."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from vanban.cli import main
from vanban.pipeline import ingest

from .conftest import ADMIN, _admin
from .helpers import TXT

SAID = {"vi": ": kho dữ liệu bị lỗi trong khi ghi ", "en": ": lost the store while writing "}


@pytest.fixture
def own_database() -> Iterator[tuple[str, psycopg.Connection]]:
    """A database of this test's own (the others share one), and the admin connection that can cut it off."""
    conn = _admin()
    name = f"vanban_lost_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name, conn
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_store_lost_while_writing_is_said_in_the_language_asked(
        own_database: tuple[str, psycopg.Connection], tmp_path: Path, lang: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VANBAN_LANG", raising=False)
    name, admin = own_database
    folder = tmp_path / "in"
    folder.mkdir()
    for p in TXT[:3]:
        shutil.copy(p, folder / p.name)
    real_flush, threads = ingest._flush, []

    def cut_off_then_flush(*args: Any) -> None:
        """The server goes away just before the first batch is written (the fault is real, only its moment chosen)."""
        threads.append(threading.current_thread().name)
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = %s",
                      (name,))                              # waits until each is gone
        real_flush(*args)

    monkeypatch.setattr(ingest, "_flush", cut_off_then_flush)
    store = make_url(ADMIN).set(database=name).render_as_string(hide_password=False)
    asked = [] if lang == "vi" else ["--lang", "en"]
    done = CliRunner().invoke(main, ["ingest", str(folder), "--db", store, "--workers", "0", "--quiet", *asked])
    assert threads == ["vanban-writer"]                       # the failure was met in the writer thread
    assert (done.exit_code, done.stdout) == (2, ""), done.output
    [line] = done.stderr.splitlines()                         # one line, no traceback
    shown = make_url(store).render_as_string(hide_password=True)
    assert line.startswith(f"{shown}{SAID[lang]}{folder.resolve()}/"), line
    assert "not currently accepting connections" in line or "terminating connection" in line, line
