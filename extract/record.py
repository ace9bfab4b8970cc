"""Assemble the JSON record of spec/output.md from a read document: read → extract → record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vanban.extract.citations import find_citations
from vanban.extract.flags import find_flags
from vanban.extract.header import find_header
from vanban.extract.labelled_parts import labelled_breakdowns
from vanban.extract.limits import DEFAULT, Limits
from vanban.extract.metric_fences import table_regions
from vanban.extract.metrics import find_metrics
from vanban.extract.model import Document, readable
from vanban.extract.ocr import OcrSettings
from vanban.extract.ocr_cache import Ocr
from vanban.extract.read import read
from vanban.extract.relations import breakdowns
from vanban.extract.sections import find_sections
from vanban.extract.self_reference import is_itself
from vanban.extract.table_figures import table_figures
from vanban.extract.tables import TableView, read_tables
from vanban.extract.targets import mark_targets
from vanban.extract.uncertain import low_confidence_pages, mark_uncertain


def _tables(views: list[TableView]) -> list[dict[str, Any]]:
    """Tables as header + rows, with their kind and `records` (records[i] reads rows[i])."""
    return [v.to_dict() for v in views]


def _page_list(doc: Document) -> list[dict[str, Any]]:
    """How each page was read; a format without recorded pages is one text entry a counted page."""
    if doc.page_list:
        return [p.to_dict() for p in doc.page_list]
    return [{"page": i, "method": "text", "confidence": None} for i in range(1, doc.pages + 1)]


_QUOTE_MAX = 400


def _place(doc: Document, items: list[dict[str, Any]]) -> None:
    """Each finding's position as the spec has it: a page, else `page: null` and a paragraph."""
    if doc.pages_known and None not in doc.line_pages:
        return                             # every position is a page, as the finding has it already
    for item in items:
        span = item.get("span")
        where = doc.position(span[0] if span else None)
        if "page" in where and where["page"] is None:
            item["page"] = None
            if "paragraph" in where:
                item["paragraph"] = where["paragraph"]


def _quote(doc: Document, flag: dict[str, Any]) -> None:
    """The sentence a flag rests on, as the text has it (shown beside the flag)."""
    span = flag.get("span")
    if span:
        text = " ".join(doc.text[span[0]:span[1]].split())
        flag["quote"] = text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX - 1] + "…"


def build_record(doc: Document, *, with_text: bool = False,
                 ocr_threshold: float = OcrSettings.low_confidence) -> dict[str, Any]:
    """The record of one document (spec/output.md)."""
    citations = find_citations(doc.text)
    header = find_header(doc.text, citations)
    own = header.canonical
    when = header.date or header.date_partial
    out_cites = []
    for c in citations:
        if c.kind == "full" and own and c.canonical == own and is_itself(c.date, when, doc.text, c.span[1]):
            continue                       # the document naming itself (its annex, its number), not last year's
        c.page = doc.page_at(c.span[0])
        out_cites.append(c.to_dict())
    document = header.to_dict()
    views = read_tables(doc)
    table_spans = [v.span for v in views if v.span]
    metrics = find_metrics(doc.text, citations=citations, tables=table_spans, page_at=doc.page_at)
    cells = table_figures(doc.text, views, metrics, doc.page_at)   # the tables' own checks read them off `views`
    sections = find_sections(doc, document.get("doc_type"), table_spans + table_regions(doc.text))
    ocr_flags = mark_uncertain(doc, document) + low_confidence_pages(doc, ocr_threshold)
    # read before the flags: a "label: number" list also states its parts' shares (Metric.basis)
    parts = breakdowns(doc.text, metrics, doc.paragraphs) + labelled_breakdowns(doc.text, metrics)
    flags = find_flags(doc.text, document, out_cites, metrics, parts, views, sections, lines=header.lines,
                       page_at=doc.page_at) + ocr_flags
    for f in flags:
        if f.page is None and f.span:
            f.page = doc.page_at(f.span[0])
    out_metrics = [m.to_dict() for m in sorted(metrics + cells, key=lambda m: m.span)]
    mark_targets(doc.text, out_metrics, sections)
    out_tables = _tables(views)
    out_flags = [f.to_dict() for f in flags]
    for f in out_flags:
        _quote(doc, f)
    out_sections = [{**s.to_dict(), "page": doc.page_at(s.span[0])} for s in sections]
    for items in (out_cites, out_metrics, out_tables, out_flags, out_sections):
        _place(doc, items)
    record: dict[str, Any] = {
        "source": {"path": readable(doc.path), "sha256": doc.sha256, "format": doc.format, "size": doc.size,
                   "pages": doc.pages, "ocr": doc.ocr, "page_list": _page_list(doc), "ocr_pages": doc.ocr_pages,
                   "encoding": doc.encoding, "notes": doc.notes},
        "document": document,
        "citations": out_cites,
        "metrics": out_metrics,
        "tables": out_tables,
        "sections": out_sections,
        "flags": out_flags,
    }
    if with_text:
        record["text"] = doc.text
    return record


def extract_file(path: str | Path, *, with_text: bool = False, ocr: Ocr | None = None,
                 limits: Limits = DEFAULT) -> dict[str, Any]:
    """Read one file and return its record; raises ReadError when it cannot be read (or is over `limits`)."""
    settings = ocr.settings if ocr else OcrSettings()
    return build_record(read(path, ocr=ocr, limits=limits), with_text=with_text,
                        ocr_threshold=settings.low_confidence)
