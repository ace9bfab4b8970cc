"""What the pages show besides the questions: the list of reports and one report in full.

These are look-ups of stored rows by id, not cross-unit questions: every question a page asks goes
through `vanban.questions`, the CLI's functions. Paths stay here: pages get ids, never a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vanban.db.models import (
    Citation,
    Directive,
    DocTable,
    Document,
    Flag,
    Metric,
    SourceFile,
    TableRow,
    Unit,
)


def report_label(doc_type: str | None, number: str | None, symbol: str | None) -> str:
    """`Báo cáo 124/BC-SYT`, `Báo cáo …/BC-TTYT` when the number is left blank."""
    code = f"{number or '…'}/{symbol}" if symbol else (number or "")
    return " ".join(x for x in (doc_type or "", code) if x) or "(không rõ tiêu đề)"


def _current_files() -> Any:
    return (select(SourceFile.document_id.label("document_id"), func.count(SourceFile.id).label("files"),
                   func.min(SourceFile.format).label("format"))
            .where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None))
            .group_by(SourceFile.document_id).subquery("cur"))


def documents(engine: Engine, limit: int | None = None) -> pd.DataFrame:
    """The current documents, newest first, with their flags counted by severity."""
    cur = _current_files()
    errors = (select(Flag.document_id, func.count(Flag.id).label("n")).where(Flag.severity == "error")
              .group_by(Flag.document_id).subquery("errs"))
    warnings = (select(Flag.document_id, func.count(Flag.id).label("n")).where(Flag.severity != "error")
                .group_by(Flag.document_id).subquery("warns"))
    stmt = (select(Document.id, Unit.name.label("unit"), Unit.province, Document.doc_type, Document.number,
                   Document.symbol, Document.date, Document.date_partial, Document.period_label.label("period"),
                   cur.c.format, Document.pages, func.coalesce(errors.c.n, 0).label("errors"),
                   func.coalesce(warnings.c.n, 0).label("warnings"))
            .join(cur, cur.c.document_id == Document.id)
            .outerjoin(Unit, Unit.id == Document.unit_id)
            .outerjoin(errors, errors.c.document_id == Document.id)
            .outerjoin(warnings, warnings.c.document_id == Document.id)
            .order_by(Document.ingested_at.desc(), Document.id.desc()))
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    df = pd.DataFrame([{
        "id": r.id, "unit": r.unit, "province": r.province,
        "report": report_label(r.doc_type, r.number, r.symbol),
        "report_date": r.date.isoformat() if r.date else r.date_partial, "period": r.period,
        "format": r.format, "pages": r.pages, "errors": r.errors, "warnings": r.warnings} for r in rows],
        columns=["id", "unit", "province", "report", "report_date", "period", "format", "pages", "errors",
                 "warnings"])
    return df


def count_documents(engine: Engine) -> tuple[int, int]:
    """(current documents, current files): one report may arrive as several files."""
    with engine.connect() as conn:
        docs, files = conn.execute(
            select(func.count(func.distinct(SourceFile.document_id)), func.count(SourceFile.id))
            .where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None))).one()
    return int(docs), int(files)


def ids_by_file(engine: Engine, paths: list[str]) -> dict[str, int]:
    """The document of each file a question names, so that a page links to it instead of showing a path."""
    wanted = sorted({p for p in paths if isinstance(p, str)})
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            found.update(conn.execute(select(SourceFile.path, SourceFile.document_id)
                                      .where(SourceFile.path.in_(wanted[i:i + 500]))).all())
    return found


@dataclass
class Report:
    """One document with everything the report page shows."""

    id: int
    header: dict[str, Any]
    unit: str | None
    province: str | None
    label: str
    path: str                        # the file to read the text from; never sent to a page
    sha256: str
    format: str
    pages: int | None
    ocr: bool
    flags: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)


def report(engine: Engine, doc_id: int) -> Report | None:
    """One document in full, or None when there is no such document."""
    with Session(engine) as session:
        d = session.execute(select(Document, Unit.name, Unit.province)
                            .outerjoin(Unit, Unit.id == Document.unit_id).where(Document.id == doc_id)).first()
    if d is None:
        return None
    doc, unit, province = d
    with engine.connect() as conn:
        f = conn.execute(select(SourceFile.path, SourceFile.sha256, SourceFile.format)
                         .where(SourceFile.document_id == doc_id)
                         .order_by(SourceFile.current.desc(), SourceFile.id.desc())).first()
        out = Report(doc.id, doc.header or {}, unit, province, report_label(doc.doc_type, doc.number, doc.symbol),
                     f.path if f else "", doc.sha256, doc.format, doc.pages, bool(doc.ocr))
        out.flags = [dict(r._mapping) for r in conn.execute(
            select(Flag.code, Flag.severity, Flag.origin, Flag.message, Flag.span_start, Flag.span_end,
                   Directive.canonical.label("directive"))
            .outerjoin(Directive, Directive.id == Flag.directive_id)
            .where(Flag.document_id == doc_id).order_by(Flag.severity, Flag.id))]
        out.citations = [dict(r._mapping) for r in conn.execute(
            select(Citation.kind, Citation.canonical, Citation.raw, Citation.span_start, Citation.span_end,
                   Citation.page, Citation.stated_date, Directive.canonical.label("directive"))
            .outerjoin(Directive, Directive.id == Citation.directive_id)
            .where(Citation.document_id == doc_id).order_by(Citation.ordinal))]
        out.metrics = [dict(r._mapping) for r in conn.execute(
            select(Metric.kind, Metric.raw, Metric.value, Metric.unit, Metric.indicator, Metric.context,
                   Metric.page, Metric.span_start, Metric.span_end)
            .where(Metric.document_id == doc_id).order_by(Metric.ordinal))]
        tables = conn.execute(select(DocTable.id, DocTable.ordinal, DocTable.page, DocTable.kind, DocTable.header)
                              .where(DocTable.document_id == doc_id).order_by(DocTable.ordinal)).all()
        for t in tables:
            rows = conn.execute(select(TableRow.cells).where(TableRow.table_id == t.id)
                                .order_by(TableRow.ordinal)).scalars().all()
            out.tables.append({"ordinal": t.ordinal, "page": t.page, "kind": t.kind, "header": t.header or [],
                               "rows": rows})
    return out


def citation_spans(engine: Engine, canonicals: set[str], doc_ids: set[int]) -> list[dict[str, Any]]:
    """Where the documents cite the directives the question answered with: spans and pages, for the sentences."""
    if not canonicals or not doc_ids:
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            select(Citation.document_id, Citation.span_start, Citation.span_end, Citation.page)
            .join(Directive, Directive.id == Citation.directive_id)
            .where(Directive.canonical.in_(sorted(canonicals)), Citation.document_id.in_(sorted(doc_ids)))
            .order_by(Citation.document_id, Citation.ordinal)).all()
    return [dict(r._mapping) for r in rows]


def file_of(engine: Engine, doc_id: int) -> tuple[str, str, str] | None:
    """(path, sha256, format) of a document's current file."""
    with engine.connect() as conn:
        row = conn.execute(select(SourceFile.path, SourceFile.sha256, SourceFile.format)
                           .where(SourceFile.document_id == doc_id)
                           .order_by(SourceFile.current.desc(), SourceFile.id.desc())).first()
    return tuple(row) if row else None  # type: ignore[return-value]
