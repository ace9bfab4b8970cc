"""One report at a glance: its header, renditions, flags with where they stand and the sentence
they rest on, figures with what they measure, citations, and tables.

A report is named by a file path (that rendition is shown), by its number and symbol
(`124/BC-SYT`) or by its id (the reference rendition is shown). Positions are pages where the
format has them, else paragraph numbers (a DOCX where Word recorded no page break).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import regex
from sqlalchemy import Connection, select

from vanban.db.models import Citation, DocTable, Document, Flag, Metric, Rendition, Report, SourceFile, TableRow, Unit
from vanban.db.queries.base import (
    BadQuery,
    NotFound,
    Store,
    connect,
    fold,
    frame,
    normalise_key,
    period_label,
    report_key,
    report_label,
)
from vanban.db.queries.figures import shares_as_percent
from vanban.db.queries.labels import say_figure
from vanban.db.queries.listing import HEADER_FLAGS, without_header_flags_answered
from vanban.db.upload_names import documents_named
from vanban.patterns import strings


@dataclass
class ReportView:
    """What `vanban show` prints, as data (the web page shows the same)."""

    report_id: int
    document_id: int
    header: dict[str, Any]
    renditions: pd.DataFrame
    flags: pd.DataFrame
    figures: pd.DataFrame         # value (null for a range), low and high, and `figure`: either as people write it
    citations: pd.DataFrame
    tables: list[dict[str, Any]] = field(default_factory=list)
    pages_known: bool = True


def _by_path(conn: Connection, ref: str) -> int | None:
    candidates = {ref, str(Path(ref).expanduser().resolve())} if os.sep in ref or Path(ref).exists() else {ref}
    found = conn.execute(select(SourceFile.document_id).where(SourceFile.path.in_(candidates),
                                                              SourceFile.document_id.is_not(None))
                         .order_by(SourceFile.current.desc(), SourceFile.id.desc())).scalars().first()
    if found is None and (os.sep in ref or regex.search(r"\.(pdf|docx?|txt)$", ref, regex.I)):
        name = Path(ref).name
        hits = {d for d, p in conn.execute(select(SourceFile.document_id, SourceFile.path)
                                           .where(SourceFile.current.is_(True))) if Path(p).name == name and d}
        if len(hits) == 1:
            found = hits.pop()
    if found is None and len(named := documents_named(conn, ref)) == 1:
        found = named.pop()                    # the name an upload was sent under, as the questions show it
    return found


def _by_key(conn: Connection, ref: str) -> list[int]:
    """The reports a number names: as cited (`30/2018/QĐ-UBND`, `57-NQ/TW`), or without its year."""
    wanted = fold(normalise_key(ref))
    rows = conn.execute(select(Report.id, Report.number, Report.symbol, Report.year)
                        .where(Report.symbol.is_not(None)))
    return sorted(i for i, n, s, y in rows
                  if wanted in {fold(report_key(n, s, y)), fold(report_key(n, s)), fold(f"{n or ''}/{s}")})


def resolve(conn: Connection, ref: str) -> tuple[int, int]:
    """(report id, document id to show) of what a user named."""
    doc_id = _by_path(conn, ref)
    if doc_id is not None:
        report_id = conn.execute(select(Rendition.report_id).where(Rendition.document_id == doc_id)).scalar()
        if report_id is None:
            raise NotFound(strings.message("no_report", ref=ref))
        return report_id, doc_id
    ids = [int(ref)] if ref.strip().isdigit() else _by_key(conn, ref)
    if len(ids) > 1:
        raise BadQuery(strings.message("many_reports", ref=ref, count=len(ids), ids=", ".join(map(str, ids))))
    row = conn.execute(select(Rendition.report_id, Rendition.document_id)
                       .where(Rendition.report_id == ids[0], Rendition.content.is_(True))).first() if ids else None
    if row is None:
        raise NotFound(strings.message("no_report", ref=ref))
    return row[0], row[1]


def _header(conn: Connection, report_id: int, doc_id: int) -> dict[str, Any]:
    from vanban.extract.symbols import key_of

    doc = conn.execute(select(Document.__table__).where(Document.id == doc_id)).one()
    rep = conn.execute(select(Report.__table__).where(Report.id == report_id)).one()
    unit = conn.execute(select(Unit.name, Unit.province).where(Unit.id == rep.unit_id)).first()
    return {"report": report_label({"doc_type": rep.doc_type, "number": rep.number, "symbol": rep.symbol,
                                    "year": rep.year}),
            "unit": unit[0] if unit else None, "province": unit[1] if unit else doc.province,
            "issuer": doc.issuer, "parent_issuer": doc.parent_issuer, "doc_type": rep.doc_type,
            "number": rep.number, "symbol": rep.symbol, "year": rep.year,
            "canonical": key_of(rep.number, rep.symbol, rep.year), "report_date": rep.date or rep.date_partial,
            "period": period_label(rep.period_label), "title": doc.title, "signer": doc.signer_name,
            "signer_title": doc.signer_title, "pages": doc.pages, "format": doc.format, "ocr": doc.ocr}


def report(ref: str, *, document: int | None = None, lang: str | None = None, db: Store = None) -> ReportView:
    """The report `ref` names (a path, `124/BC-SYT`, or an id), as `vanban show` prints it.

    `document`: the id of one of its renditions to show instead of the fullest (the web page's
    choice of rendition, which has ids, not paths). Rows carry their spans in that rendition's text.
    """
    with connect(db) as conn:
        report_id, doc_id = resolve(conn, str(ref))
        by_report = _by_path(conn, str(ref)) is None     # a path shows that file's own header flags
        if document is not None:
            if conn.execute(select(Rendition.report_id).where(Rendition.document_id == document)).scalar() \
                    != report_id:
                raise NotFound(strings.message("no_report", ref=f"{ref} ({document})"))
            doc_id, by_report = document, False
        header = _header(conn, report_id, doc_id)
        renditions = frame(conn, select(SourceFile.path.label("file"), Document.format, Document.pages,
                                        Document.ocr, Rendition.reference, Rendition.content,
                                        Document.id.label("document_id"), Document.sha256)
                           .join(Document, Document.id == Rendition.document_id)
                           .join(SourceFile, (SourceFile.document_id == Document.id) & SourceFile.current.is_(True))
                           .where(Rendition.report_id == report_id).order_by(Rendition.reference.desc(),
                                                                             SourceFile.path))
        siblings = select(Rendition.document_id).where(Rendition.report_id == report_id)
        reference = select(Rendition.document_id).where(Rendition.report_id == report_id,
                                                        Rendition.reference.is_(True))
        header_of = Flag.document_id.in_(reference) if by_report else Flag.document_id == doc_id
        flags = frame(conn, select(Flag.severity, Flag.code, Flag.message, Flag.message_key, Flag.params,
                                   Flag.page, Flag.paragraph, Flag.quote, Flag.span_start, Flag.span_end,
                                   Flag.document_id)
                      .where(Flag.code.not_in(HEADER_FLAGS) & (Flag.document_id == doc_id)
                             | Flag.code.in_(HEADER_FLAGS) & header_of
                             | (Flag.origin == "store") & Flag.document_id.in_(siblings))
                      .order_by(Flag.id))
        figures = frame(conn, select(Metric.kind, Metric.value, Metric.low, Metric.high, Metric.raw, Metric.unit,
                                     Metric.indicator, Metric.page, Metric.paragraph, Metric.context,
                                     Metric.span_start, Metric.span_end)
                        .where(Metric.document_id == doc_id).order_by(Metric.ordinal))
        citations = frame(conn, select(Citation.kind, Citation.canonical, Citation.raw, Citation.stated_date,
                                       Citation.page, Citation.paragraph, Citation.span_start, Citation.span_end)
                          .where(Citation.document_id == doc_id).order_by(Citation.ordinal))
        tables = []
        for t in conn.execute(select(DocTable.__table__).where(DocTable.document_id == doc_id)
                              .order_by(DocTable.ordinal)):
            rows = conn.execute(select(TableRow.cells).where(TableRow.table_id == t.id)
                                .order_by(TableRow.ordinal)).scalars().all()
            tables.append({"kind": t.kind, "page": t.page, "paragraph": t.paragraph, "header": t.header or [],
                           "rows": list(rows)})
    flags = without_header_flags_answered(flags.drop_duplicates(["code", "message"]).assign(
        number=header["number"], date=header["report_date"] if len(str(header["report_date"] or "")) == 10 else None))
    flags = flags.drop(columns=["number", "date"])
    flags["message"] = [strings.flag_message(k, p, m, lang) for k, p, m in
                        zip(flags["message_key"], flags["params"], flags["message"], strict=True)]
    flags = flags.drop(columns=["message_key", "params"])
    figures = shares_as_percent(figures)          # 46/58 as 79,31 (%), as `vanban figures` shows it
    figures["figure"] = [say_figure(v, lang, low=lo, high=hi) for v, lo, hi in
                         zip(figures["value"], figures["low"], figures["high"], strict=True)]
    for df in (flags, figures, citations):
        df["page"], df["paragraph"] = df["page"].astype("Int64"), df["paragraph"].astype("Int64")
    known = not (citations["paragraph"].notna().any() or figures["paragraph"].notna().any()
                 or flags["paragraph"].notna().any())
    return ReportView(report_id, doc_id, header, renditions, flags.reset_index(drop=True), figures, citations,
                      tables, known)
