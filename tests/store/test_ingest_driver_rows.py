"""Rows the writer hands to SQLite's driver itself are stored as SQLAlchemy's types would store them.

The writer inserts documents and their files by sqlite3 directly (`upsert.sqlite_insert_returning`,
`write.link_new`): SQLAlchemy's compile and bind processing cost more than SQLite's work. So dates,
date-times, JSON and booleans must come out byte for byte as SQLAlchemy's bind processors would have
written them, or a store written by one ingest would differ from the same store written before, and
queries comparing stored text (dates as text in SQLite) would see two spellings.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, DateTime, Table, select

from vanban.db import schema
from vanban.db.engine import make_engine
from vanban.db.models import Document, SourceFile
from vanban.db.rows import prepare
from vanban.db.transaction import in_transaction
from vanban.db.write import write_records
from vanban.extract.record import extract_file
from vanban.identity.keys import identify

from .helpers import TXT

_TYPED = (Date, DateTime, JSON, Boolean)


def _written(tmp_path: Path) -> Path:
    """The samples written by the writer into a fresh SQLite store, one of them with no recipients nor date."""
    path = tmp_path / "store.db"
    engine = make_engine(f"sqlite:///{path}", writer=True)
    schema.upgrade(engine)
    items = []
    for i, txt in enumerate(TXT):
        record = extract_file(str(txt))
        p = prepare(record, identify(record))
        if i == 0:                      # JSON null and NULL dates, as a header that lacks them gives
            p = p._replace(document={**p.document, "recipients": None, "date": None})
        items.append((p, txt.name, None))
    in_transaction(engine, write_records, items, None)
    engine.dispose()
    return path


def _check(path: Path, table: Table) -> int:
    """Each typed value of `table` as stored, against SQLAlchemy's bind processor of the value read back;
    how many were compared."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        read = {row.id: row for row in conn.execute(select(table))}
    dialect = engine.dialect            # with the store's JSON serializer (`json_text`)
    engine.dispose()
    columns = [c for c in table.c if isinstance(c.type, _TYPED)]
    raw = sqlite3.connect(path)
    stored = {row[0]: row[1:] for row in raw.execute(
        f'SELECT id, {", ".join(f"{chr(34)}{c.name}{chr(34)}" for c in columns)} FROM "{table.name}"')}
    raw.close()
    compared = 0
    for id_, values in stored.items():
        for column, value in zip(columns, values, strict=True):
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            wanted = getattr(read[id_], column.name)
            assert value == (process(wanted) if process else wanted), (table.name, column.name, value)
            compared += 1
    return compared


def test_documents_and_files_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    path = _written(tmp_path)
    assert _check(path, Document.__table__) >= len(TXT) * 8     # dates, times, JSON and flags of each
    assert _check(path, SourceFile.__table__) >= len(TXT) * 2
    raw = sqlite3.connect(path)
    nulls = raw.execute("SELECT recipients, date FROM documents WHERE recipients = 'null'").fetchall()
    raw.close()
    assert nulls == [("null", None)]        # the JSON null SQLAlchemy writes for None, a date left NULL
