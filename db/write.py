"""Write one extracted record into the store, inside the caller's transaction.

Only the transaction that inserts a document (new content hash) writes its children, so a
document is never stored twice whatever runs at the same time. Rows that other documents share
(units, directives) are created with insert-if-absent, in a fixed order (unit, then document,
then directives sorted by key) so that concurrent PostgreSQL writers never wait on each other
in a circle. The keys of units and directives arrive computed (`vanban.identity.keys`, in the
workers): this module only writes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import JSON, Date, Table, insert, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from vanban.db.engine import json_text
from vanban.db.models import (
    Citation,
    Directive,
    DocTable,
    Document,
    Flag,
    IngestError,
    Metric,
    Section,
    SourceFile,
    TableRow,
    Unit,
    UnitName,
)
from vanban.db.upsert import dialect, ids_by_key, insert_ignore, insert_many_ignore, insert_many_returning

if TYPE_CHECKING:
    from vanban.identity.directives import DirectiveSpec
    from vanban.identity.keys import Identity

Outcome = Literal["ingested", "unchanged"]


def _date(value: Any) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bulk(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Many rows in few statements (Core "insertmanyvalues"; the ORM path sends one per row on psycopg)."""
    session.execute(_insert_into(model.__table__), rows)


def _many(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """The children of a batch, handed to the driver itself: COPY on PostgreSQL (psycopg's executemany
    sends each row as a statement of its own: most of the writer's CPU there, and the server's),
    sqlite3's executemany on SQLite (SQLAlchemy's own executemany spends ~10 µs a row binding
    parameters the rows already hold ready, most of the writer's CPU there).

    Values are written as the engine writes them: JSON as `engine.json_text` (None as JSON null),
    dates as ISO text on SQLite; the rows are the same either way. Rows carry the same keys."""
    name = dialect(session)
    if name not in ("postgresql", "sqlite"):
        _bulk(session, model, rows)
        return
    table = model.__table__
    columns = list(rows[0])
    params = _driver_rows(table, columns, rows, dates_as_text=name == "sqlite")
    names = ", ".join(f'"{c}"' for c in columns)
    driver = session.connection().connection.driver_connection
    if name == "sqlite":
        statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        try:
            driver.executemany(statement, params)
        except sqlite3.Error as err:     # as SQLAlchemy says it: the batch falls back, a lock is retried
            raise DBAPIError.instance(statement, None, err, sqlite3.Error) from err
        return
    import psycopg

    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    cursor = driver.cursor()
    try:
        with cursor, cursor.copy(statement) as copy:
            for row in params:
                copy.write_row(row)
    except psycopg.Error as err:     # as SQLAlchemy says it: the batch falls back, a deadlock is retried
        raise DBAPIError.instance(statement, None, err, psycopg.Error) from err


def _driver_rows(table: Table, columns: list[str], rows: list[dict[str, Any]], *,
                 dates_as_text: bool) -> list[tuple[Any, ...]]:
    """The rows as tuples in `columns` order, JSON (and, for SQLite, dates) as the engine writes them."""
    get = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    types = [table.c[c].type for c in columns]
    jsons = [i for i, t in enumerate(types) if isinstance(t, JSON)]
    dates = [i for i, t in enumerate(types) if isinstance(t, Date)] if dates_as_text else []
    if not (jsons or dates):
        return [get(row) for row in rows]
    out = []
    for row in rows:
        values = list(get(row))
        for i in jsons:
            values[i] = json_text(values[i])
        for i in dates:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        out.append(tuple(values))
    return out


@lru_cache(maxsize=64)
def _insert_into(table: Table) -> Any:
    """One INSERT per table, built once: a statement built per call costs the writer more than its rows."""
    return insert(table)


def _span(item: dict[str, Any]) -> dict[str, int | None]:
    span = item.get("span") or [None, None]
    return {"span_start": span[0], "span_end": span[1]}


def _unit_ids(session: Session, items: list[Item]) -> dict[str, int]:
    """The ids of the batch's units, created if new, with the names they go by: three statements
    for the batch, rows in key order (concurrent writers take the same locks in the same order)."""
    units: dict[str, Identity] = {}
    names: set[tuple[str, str, str]] = set()
    for record, identity, _, _ in items:
        if identity.unit is None:
            continue
        units.setdefault(identity.unit.key, identity)
        document = record["document"]
        names.add((identity.unit.key, document.get("issuer") or document.get("parent_issuer"),
                   document.get("province") or ""))
    if not units:
        return {}
    keys = sorted(units)
    insert_many_ignore(session, Unit, [{"key": k, "name": units[k].unit.name, "province": units[k].unit.province,
                                        "kind": units[k].unit_kind} for k in keys], ["key"])
    ids = {key: id_ for (key,), id_ in ids_by_key(session, Unit, [(k,) for k in keys], ["key"]).items()}
    insert_many_ignore(session, UnitName, [{"unit_id": ids[k], "name": name, "province": province}
                                           for k, name, province in sorted(names, key=_text_key)],
                       ["unit_id", "name", "province"])
    return ids


def _text_key(row: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(v or "" for v in row)


def _document_row(record: dict[str, Any], unit_id: int | None, run_id: int | None) -> dict[str, Any]:
    src, doc = record["source"], record["document"]
    period, signer = doc.get("period") or {}, doc.get("signer") or {}
    return {
        "sha256": src["sha256"], "unit_id": unit_id, "format": src["format"], "size": src.get("size") or 0,
        "pages": src.get("pages"), "ocr": bool(src.get("ocr")), "doc_type": doc.get("doc_type"),
        "number": doc.get("number"), "number_blank": bool(doc.get("number_blank")),
        "symbol": doc.get("symbol"), "date": _date(doc.get("date")), "date_partial": doc.get("date_partial"),
        "place": doc.get("place"), "issuer": doc.get("issuer"), "parent_issuer": doc.get("parent_issuer"),
        "province": doc.get("province"), "title": doc.get("title"), "period_label": period.get("label"),
        "period_start": _date(period.get("start")), "period_end": _date(period.get("end")),
        "signer_name": signer.get("name"), "signer_title": signer.get("title"),
        "recipients": doc.get("recipients"), "header": doc, "source": src, "run_id": run_id,
    }


def _directive_ids(session: Session, specs: set[DirectiveSpec]) -> dict[tuple[str, str], int]:
    """Create the directives that are new, in key order, and return the ids of all of them."""
    ordered = sorted(specs, key=lambda s: (s.canonical, s.scope))
    insert_many_ignore(session, Directive, [
        {"canonical": s.canonical, "scope": s.scope, "level": s.level, "doc_type": s.doc_type, "number": s.number,
         "year": s.year, "issuer_code": s.issuer_code, "issuer": s.issuer, "province": s.province}
        for s in ordered], ["canonical", "scope"])
    return ids_by_key(session, Directive, [(s.canonical, s.scope) for s in ordered], ["canonical", "scope"])


def _citation_rows(doc_id: int, record: dict[str, Any], identity: Identity,
                   ids: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    cites = record.get("citations") or []
    resolved = identity.mentions
    rows = []
    for i, (c, r) in enumerate(zip(cites, resolved, strict=True)):
        rows.append({
            "document_id": doc_id, "directive_id": ids[(r[0].canonical, r[0].scope)] if r else None,
            "ordinal": i, "kind": c.get("kind") or "full", "canonical": c.get("canonical"),
            "doc_type": c.get("doc_type"), "number": c.get("number"), "year": c.get("year"),
            "raw": c.get("raw") or "", **_span(c), "page": c.get("page"), "paragraph": c.get("paragraph"),
            "stated_date": _date(c.get("date")), "stated_issuer": c.get("issuer"), "own": bool(r and r[1]),
        })
    return rows


_METRIC_KEYS = {"kind", "value", "numerator", "denominator", "low", "high", "unit", "indicator", "indicator_key",
                "raw", "context", "span", "page", "paragraph"}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _metric_rows(doc_id: int, metrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"document_id": doc_id, "ordinal": i, "kind": m.get("kind") or "other",
             "value": _number(m.get("value")), "numerator": _number(m.get("numerator")),
             "denominator": _number(m.get("denominator")), "low": _number(m.get("low")),
             "high": _number(m.get("high")), "unit": m.get("unit"),
             "indicator": m.get("indicator"), "indicator_key": m.get("indicator_key"),
             "raw": m.get("raw"), "context": m.get("context"),
             **_span(m), "page": m.get("page"), "paragraph": m.get("paragraph"),
             "extra": {k: v for k, v in m.items() if k not in _METRIC_KEYS} or None}
            for i, m in enumerate(metrics)]


def _tables(session: Session, docs: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The tables of the batch's documents in one statement (their ids come back in order, for
    their rows); the rows are returned, to insert with the others."""
    tables = [(doc_id, i, t) for doc_id, record in docs for i, t in enumerate(record.get("tables") or [])]
    if not tables:
        return []
    ids = session.execute(_tables_returning(), [
        {"document_id": doc_id, "ordinal": t.get("index", i), "page": t.get("page"), "paragraph": t.get("paragraph"),
         "kind": t.get("kind") or "other", "header": t.get("header"), **_span(t)} for doc_id, i, t in tables
    ]).scalars().all()
    out = []
    for table_id, (_, _, t) in zip(ids, tables, strict=True):
        rows, records = t.get("rows") or [], t.get("records") or []
        out += [{"table_id": table_id, "ordinal": j, "cells": row,
                 "record": records[j] if j < len(records) else None} for j, row in enumerate(rows)]
    return out


@lru_cache(maxsize=1)
def _tables_returning() -> Any:
    return insert(DocTable.__table__).returning(DocTable.__table__.c.id, sort_by_parameter_order=True)


def _section_rows(doc_id: int, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"document_id": doc_id, "ordinal": i, "number": s.get("number"), "heading": s.get("heading"),
             "level": s.get("level"), "areas": s.get("areas"), **_span(s)} for i, s in enumerate(sections)]


def _flag_rows(doc_id: int, flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"document_id": doc_id, "origin": "extractor", "code": f.get("code") or "unknown",
             "severity": f.get("severity") or "warning", "message": f.get("message") or "", **_span(f),
             "message_key": f.get("message_key"), "params": f.get("params"), "page": f.get("page"),
             "paragraph": f.get("paragraph"), "quote": f.get("quote")}
            for f in flags]


def link_file(session: Session, path: str, source: dict[str, Any], doc_id: int, run_id: int | None,
              raw_path: bytes | None = None) -> Outcome:
    """Make (path, content) the current version of `path`, keeping older versions.

    `raw_path`: the name byte for byte when `path` shows it with escapes (not UTF-8)."""
    sha = source["sha256"]
    files = SourceFile.__table__.c
    row = session.execute(select(files.id, files.status, files.current).where(files.path == path, files.sha256 == sha)
                          ).one_or_none()
    if row is not None and row.status == "ingested" and row.current:
        return "unchanged"
    session.execute(update(SourceFile.__table__).where(files.path == path, files.sha256 != sha,
                                                       files.current.is_(True)).values(current=False))
    values = {"status": "ingested", "current": True, "document_id": doc_id, "run_id": run_id,
              "pages": source.get("pages"), "seen_at": dt.datetime.now(dt.UTC)}
    if row is not None:
        session.execute(update(SourceFile.__table__).where(files.id == row.id).values(**values))
        return "ingested"
    new = insert_ignore(session, SourceFile, {"path": path, "sha256": sha, "size": source.get("size") or 0,
                                              "format": source["format"], "raw_path": raw_path, **values},
                        ["path", "sha256"])
    return "ingested" if new is not None else "unchanged"


def link_new(session: Session, files: list[tuple[str, dict[str, Any], int, bytes | None]],
             run_id: int | None) -> None:
    """`link_file` for the files of documents just stored (none of them can be unchanged), in three
    statements for the batch: older versions of their paths no longer current, the rows of a
    (path, content) met before (a failure) updated, the others inserted."""
    if not files:
        return
    c = SourceFile.__table__.c
    pairs = [(path, source["sha256"]) for path, source, _, _ in files]
    known = {(r.path, r.sha256): r.id for r in session.execute(
        select(c.id, c.path, c.sha256).where(tuple_(c.path, c.sha256).in_(pairs)))}
    session.execute(update(SourceFile.__table__).where(
        c.current.is_(True), c.path.in_([p for p, _ in pairs]), tuple_(c.path, c.sha256).not_in(pairs))
        .values(current=False))
    now = dt.datetime.now(dt.UTC)
    fresh = []
    for (path, source, doc_id, raw_path), pair in zip(files, pairs, strict=True):
        values = {"status": "ingested", "current": True, "document_id": doc_id, "run_id": run_id,
                  "pages": source.get("pages"), "seen_at": now}
        if pair in known:
            session.execute(update(SourceFile.__table__).where(c.id == known[pair]).values(**values))
        else:
            fresh.append({"path": path, "sha256": pair[1], "size": source.get("size") or 0,
                          "format": source["format"], "raw_path": raw_path, **values})
    fresh.sort(key=lambda r: (r["path"], r["sha256"]))      # one lock order for concurrent writers
    insert_many_ignore(session, SourceFile, fresh, ["path", "sha256"])


def document_id(session: Session, sha256: str) -> int | None:
    return session.execute(select(Document.id).where(Document.sha256 == sha256)).scalar_one_or_none()


def write_record(session: Session, record: dict[str, Any], identity: Identity, path: str,
                 run_id: int | None, raw_path: bytes | None = None) -> Outcome:
    """Store one record (new content) with its keys, or just link its file (content already stored)."""
    return write_records(session, [(record, identity, path, raw_path)], run_id)[0]


Item = tuple[dict[str, Any], "Identity", str, "bytes | None"]    # record, its keys, its path, raw path


def write_records(session: Session, items: list[Item], run_id: int | None) -> list[Outcome]:
    """Store several records in the caller's transaction, in a fixed number of statements whatever
    their number (a statement costs the writer more than its rows): units, documents, directives,
    tables, then the children of all of them, one statement per table, then their files. Shared
    rows are taken in key order across the batch (units, then documents, then directives)."""
    if not items:
        return []
    unit_ids = _unit_ids(session, items)
    shas = [record["source"]["sha256"] for record, _, _, _ in items]
    rows_in_order = sorted(
        (_document_row(record, unit_ids[identity.unit.key] if identity.unit else None, run_id)
         for record, identity, _, _ in items), key=lambda row: row["sha256"])
    by_sha = {sha: id_ for id_, sha in insert_many_returning(session, Document, rows_in_order, ["sha256"],
                                                               ["id", "sha256"])}
    outcomes: list[Outcome] = []
    new: list[tuple[int, dict[str, Any], Identity, str, bytes | None]] = []
    for (record, identity, path, raw_path), sha in zip(items, shas, strict=True):
        if sha not in by_sha:                   # stored meanwhile by another run: only its file is linked
            existing = document_id(session, sha)
            assert existing is not None
            outcomes.append(link_file(session, path, record["source"], existing, run_id, raw_path))
            continue
        new.append((by_sha[sha], record, identity, path, raw_path))
        outcomes.append("ingested")
    ids = _directive_ids(session, {r[0] for _, _, identity, _, _ in new for r in identity.mentions if r})
    rows: dict[type, list[dict[str, Any]]] = {Citation: [], Metric: [], TableRow: [], Section: [], Flag: []}
    rows[TableRow] = _tables(session, [(doc_id, record) for doc_id, record, _, _, _ in new])
    for doc_id, record, identity, _, _ in new:
        rows[Citation] += _citation_rows(doc_id, record, identity, ids)
        rows[Metric] += _metric_rows(doc_id, record.get("metrics") or [])
        rows[Section] += _section_rows(doc_id, record.get("sections") or [])
        rows[Flag] += _flag_rows(doc_id, record.get("flags") or [])
    for model, batch in rows.items():
        if batch:
            _many(session, model, batch)
    link_new(session, [(path, record["source"], doc_id, raw_path) for doc_id, record, _, path, raw_path in new],
             run_id)
    return outcomes


def write_failure(session: Session, path: str, sha256: str | None, size: int, fmt: str, reason: str,
                  run_id: int | None, raw_path: bytes | None = None) -> None:
    """Record why a file could not be read; a version already stored stays the current one."""
    session.execute(insert(IngestError).values(run_id=run_id, path=path, raw_path=raw_path, sha256=sha256,
                                               reason=reason, outcome="failed"))
    if sha256:
        insert_ignore(session, SourceFile, {"path": path, "sha256": sha256, "size": size, "format": fmt,
                                            "status": "failed", "current": False, "run_id": run_id,
                                            "raw_path": raw_path},
                      ["path", "sha256"])


def write_entries(session: Session, run_id: int, entries: list[tuple[str, str, bytes | None, str]]) -> None:
    """What the walk skipped or could not reach: (outcome, path, raw path, reason), in one statement."""
    if entries:
        _bulk(session, IngestError, [{"run_id": run_id, "outcome": outcome, "path": path, "raw_path": raw,
                                      "reason": reason, "at": dt.datetime.now(dt.UTC)}
                                     for outcome, path, raw, reason in entries])
