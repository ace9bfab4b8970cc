"""A batch the store refuses is written again one document at a time, so that only the offending file fails.

A batch's child rows go to PostgreSQL by COPY (db/write.py `_many`). PostgreSQL's text columns refuse
NUL (0x00), which SQLite keeps. The extractor drops control characters (normalise), so a damaged file
with NUL bytes is stored like any other (the second test); to see the writer's fallback, one record
of a batch gets a NUL in a heading after extraction: the store, not a mock, refuses it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from vanban.cli import main
from vanban.db import runs, schema
from vanban.db.engine import make_engine
from vanban.db.models import Document, IngestError, Section, SourceFile
from vanban.db.rows import COLUMNS
from vanban.db.transaction import in_transaction
from vanban.pipeline import ingest
from vanban.pipeline.executors import extract_one
from vanban.pipeline.scan import scan

from .helpers import TXT, rows

HEADING = "1.1. Về xây dựng"                     # a heading of TXT[0], where the NUL byte goes
SECTION_COLUMNS = COLUMNS["sections"]
REFUSED = "could not be stored (PostgreSQL text fields cannot contain NUL (0x00) bytes)"


def _folder(tmp_path: Path) -> Path:
    """Four reports, one of them with a NUL byte in a section heading."""
    folder = tmp_path / "in"
    folder.mkdir()
    for p in TXT[1:4]:
        shutil.copy(p, folder / p.name)
    text = TXT[0].read_text(encoding="utf-8")
    assert HEADING in text
    (folder / "hong.txt").write_text(text.replace(HEADING, "1.1. Về\x00 xây dựng", 1), encoding="utf-8")
    return folder


def test_a_batch_whose_copy_fails_stores_all_but_the_refused_file(tmp_path: Path,
                                                                    new_pg_database: Callable[[], str]) -> None:
    store = new_pg_database()
    folder = _folder(tmp_path)
    engine = make_engine(store, writer=True)
    schema.upgrade(engine)
    run_id = in_transaction(engine, runs.start, str(folder), "inline", 0)
    found = scan(folder)
    batch: list[ingest.Pending] = []
    for f in found.files:
        _, extracted, reason = extract_one(f.path)
        assert extracted is not None, reason
        batch.append((f, extracted, None))
    bad, poisoned, _ = next(item for item in batch if item[0].name.endswith("hong.txt"))
    heading = SECTION_COLUMNS.index("heading") - 1                 # the rows come without their document id
    headings = [s[heading] or "" for s in poisoned.sections]
    assert headings and not any("\x00" in h for h in headings), "the extractor drops NUL bytes"
    first = poisoned.sections[0]
    poisoned.sections[0] = (*first[:heading], "\x00".join(headings[0].split(" ", 1)), *first[heading + 1:])

    with pytest.raises(DBAPIError) as refused:       # the batch as one transaction: its COPY is refused
        in_transaction(engine, ingest._write_batch, batch, run_id)
    assert str(refused.value.statement).startswith('COPY "sections"'), refused.value
    assert rows(store, select(Document.sha256)) == [], "the refused batch left nothing"

    summary = ingest.Summary(run_id=run_id)
    ingest._flush(engine, summary, ingest.Silent(), batch, {})
    assert (summary.ingested, summary.failed) == (3, 1), summary.errors
    assert summary.errors == [(bad.name, REFUSED)]
    good = {f.sha256 for f, _, _ in batch if f is not bad}
    assert {sha for (sha,) in rows(store, select(Document.sha256))} == good
    expected = sum(len(e.sections) for f, e, _ in batch if f is not bad)
    assert len(rows(store, select(Section.id))) == expected, "each stored document has all its sections"
    assert rows(store, select(IngestError.path, IngestError.reason)) == [(bad.name, REFUSED)]
    status = dict(rows(store, select(SourceFile.path, SourceFile.status)))
    assert status == {f.name: "failed" if f is bad else "ingested" for f, _, _ in batch}
    engine.dispose()


def test_a_file_with_nul_bytes_is_stored_without_them(tmp_path: Path,
                                                      new_pg_database: Callable[[], str]) -> None:
    """Through `vanban ingest`: the damaged file is stored whole, its heading without the NUL byte
    (PostgreSQL refused the whole document before the extractor dropped control characters)."""
    store = new_pg_database()
    folder = _folder(tmp_path)
    done = CliRunner().invoke(main, ["ingest", str(folder), "--db", store, "--workers", "0", "--quiet"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("4 tệp: 4 đã nạp, 0 không đổi, 0 lỗi ("), done.stdout
    assert rows(store, select(IngestError.reason)) == []
    assert len(rows(store, select(Document.id))) == 4
    headings = [h for (h,) in rows(store, select(Section.heading)) if h]
    assert HEADING.split(". ", 1)[1] in " ".join(headings)
    assert not any("\x00" in h for h in headings)
