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
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

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
from vanban.db.upsert import get_or_create, ids_by_key, insert_ignore, insert_many_ignore

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


@lru_cache(maxsize=64)
def _insert_into(table: Table) -> Any:
    """One INSERT per table, built once: a statement built per call costs the writer more than its rows."""
    return insert(table)


def _span(item: dict[str, Any]) -> dict[str, int | None]:
    span = item.get("span") or [None, None]
    return {"span_start": span[0], "span_end": span[1]}


def _ensure_unit(session: Session, identity: Identity, document: dict[str, Any]) -> int:
    unit = identity.unit
    assert unit is not None
    unit_id = get_or_create(session, Unit, {"key": unit.key, "name": unit.name, "province": unit.province,
                                            "kind": identity.unit_kind}, ["key"])
    written = document.get("issuer") or document.get("parent_issuer")
    insert_ignore(session, UnitName, {"unit_id": unit_id, "name": written,
                                      "province": document.get("province") or ""},
                  ["unit_id", "name", "province"])
    return unit_id


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


_METRIC_KEYS = {"kind", "value", "numerator", "denominator", "unit", "indicator", "raw", "context", "span", "page",
                "paragraph"}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _metric_rows(doc_id: int, metrics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"document_id": doc_id, "ordinal": i, "kind": m.get("kind") or "other",
             "value": _number(m.get("value")), "numerator": _number(m.get("numerator")),
             "denominator": _number(m.get("denominator")), "unit": m.get("unit"),
             "indicator": m.get("indicator"), "raw": m.get("raw"), "context": m.get("context"),
             **_span(m), "page": m.get("page"), "paragraph": m.get("paragraph"),
             "extra": {k: v for k, v in m.items() if k not in _METRIC_KEYS} or None}
            for i, m in enumerate(metrics)]


def _tables(session: Session, doc_id: int, tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each table's row (its id is needed for its rows); its rows are returned, to insert with others."""
    out = []
    for i, t in enumerate(tables):
        table_id = session.execute(insert(DocTable).values(
            document_id=doc_id, ordinal=t.get("index", i), page=t.get("page"), paragraph=t.get("paragraph"),
            kind=t.get("kind") or "other",
            header=t.get("header"), **_span(t)).returning(DocTable.id)).scalar_one()
        rows, records = t.get("rows") or [], t.get("records") or []
        out += [{"table_id": table_id, "ordinal": j, "cells": row,
                 "record": records[j] if j < len(records) else None} for j, row in enumerate(rows)]
    return out


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


def document_id(session: Session, sha256: str) -> int | None:
    return session.execute(select(Document.id).where(Document.sha256 == sha256)).scalar_one_or_none()


def write_record(session: Session, record: dict[str, Any], identity: Identity, path: str,
                 run_id: int | None, raw_path: bytes | None = None) -> Outcome:
    """Store one record (new content) with its keys, or just link its file (content already stored)."""
    return write_records(session, [(record, identity, path, raw_path)], run_id)[0]


Item = tuple[dict[str, Any], "Identity", str, "bytes | None"]    # record, its keys, its path, raw path


def write_records(session: Session, items: list[Item], run_id: int | None) -> list[Outcome]:
    """Store several records in the caller's transaction: each document's own rows, then the
    children of all of them in one statement per table (a statement costs the writer more than
    its rows). Shared rows are taken in key order across the batch (units, then directives)."""
    unit_ids: dict[str, int] = {}
    for record, identity, _, _ in sorted((it for it in items if it[1].unit), key=lambda it: it[1].unit.key):
        unit_ids[identity.unit.key] = _ensure_unit(session, identity, record["document"])
    outcomes: list[Outcome] = []
    new: list[tuple[int, dict[str, Any], Identity, str, bytes | None]] = []
    for record, identity, path, raw_path in items:
        unit_id = unit_ids[identity.unit.key] if identity.unit else None
        doc_id = insert_ignore(session, Document, _document_row(record, unit_id, run_id), ["sha256"])
        if doc_id is None:
            existing = document_id(session, record["source"]["sha256"])
            assert existing is not None
            outcomes.append(link_file(session, path, record["source"], existing, run_id, raw_path))
            continue
        new.append((doc_id, record, identity, path, raw_path))
        outcomes.append("ingested")
    ids = _directive_ids(session, {r[0] for _, _, identity, _, _ in new for r in identity.mentions if r})
    rows: dict[type, list[dict[str, Any]]] = {Citation: [], Metric: [], TableRow: [], Section: [], Flag: []}
    for doc_id, record, identity, _, _ in new:
        rows[Citation] += _citation_rows(doc_id, record, identity, ids)
        rows[Metric] += _metric_rows(doc_id, record.get("metrics") or [])
        rows[TableRow] += _tables(session, doc_id, record.get("tables") or [])
        rows[Section] += _section_rows(doc_id, record.get("sections") or [])
        rows[Flag] += _flag_rows(doc_id, record.get("flags") or [])
    for model, batch in rows.items():
        if batch:
            _bulk(session, model, batch)
    for doc_id, record, _, path, raw_path in new:
        link_file(session, path, record["source"], doc_id, run_id, raw_path)
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
