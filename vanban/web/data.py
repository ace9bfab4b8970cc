"""Look-ups by id that the pages need besides the questions: a rendition's file, and the sentences that cite.

These are not cross-unit questions (every question a page asks goes through `vanban.questions`,
the CLI's functions): the store keeps spans, not text, so the sentence a report cites a directive
in is read from its file. Paths stay here: pages get ids, never a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from vanban.db.models import Citation, Directive, Document, Rendition, SourceFile


@dataclass(frozen=True)
class File:
    """A rendition's current file: where it is kept (never shown), its content hash and format."""

    document_id: int
    path: str
    sha256: str
    format: str
    ocr: bool


def rendition(engine: Engine, report_id: int, document_id: int) -> File | None:
    """The file of a rendition of `report_id`; None unless `document_id` is one of its renditions."""
    with engine.connect() as conn:
        row = conn.execute(
            select(SourceFile.path, Document.sha256, Document.format, Document.ocr)
            .join(Document, Document.id == SourceFile.document_id)
            .join(Rendition, Rendition.document_id == Document.id)
            .where(Rendition.report_id == report_id, Document.id == document_id)
            .order_by(SourceFile.current.desc(), SourceFile.id.desc())).first()
    return File(document_id, row.path, row.sha256, row.format, bool(row.ocr)) if row else None


def sentences(state: Any, canonicals: set[str], report_ids: list[int]) -> dict[int, str]:
    """Per report, the sentences citing one of the directives, read from one rendition (the fullest first).

    One report once, however many renditions: its PDF and DOCX say the same sentence.
    """
    if not canonicals or not report_ids:
        return {}
    with state.engine.connect() as conn:
        rows = conn.execute(
            select(Rendition.report_id, Citation.document_id, Citation.span_start, Citation.span_end,
                   SourceFile.path, Document.sha256)
            .join(Rendition, Rendition.document_id == Citation.document_id)
            .join(Directive, Directive.id == Citation.directive_id)
            .join(Document, Document.id == Citation.document_id)
            .join(SourceFile, (SourceFile.document_id == Document.id) & SourceFile.current.is_(True))
            .where(Directive.canonical.in_(sorted(canonicals)), Rendition.report_id.in_(report_ids))
            .order_by(Rendition.report_id, Rendition.content.desc(), Rendition.reference.desc(),
                      Citation.document_id, Citation.ordinal)).all()
    chosen: dict[int, int] = {}
    spans: dict[int, list[Any]] = {}
    for r in rows:
        if chosen.setdefault(r.report_id, r.document_id) == r.document_id:
            spans.setdefault(r.report_id, []).append(r)
    out: dict[int, str] = {}
    for report_id, found in spans.items():
        text = state.texts.text(found[0].path, found[0].sha256)
        said = [text.sentence(s.span_start, s.span_end) for s in found] if text else []
        out[report_id] = " … ".join(dict.fromkeys(x for x in said if x))
    return out
