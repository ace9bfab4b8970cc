"""Assemble the JSON record of spec/output.md from a read document: read → extract → record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.model import Document
from vanban.extract.read import read


def _tables(doc: Document) -> list[dict[str, Any]]:
    return [{"index": t.index, "page": t.page, "kind": "other",
             "header": t.rows[:t.header_rows][-1] if t.rows else [],
             "rows": t.rows[t.header_rows:], "span": list(t.span) if t.span else None}
            for t in doc.tables]


def build_record(doc: Document, *, with_text: bool = False) -> dict[str, Any]:
    """The record of one document (spec/output.md)."""
    citations = find_citations(doc.text)
    header = find_header(doc.text, citations)
    own = header.canonical
    out_cites = []
    for c in citations:
        if c.kind == "full" and own and c.canonical == own:
            continue                       # the document naming itself (its annex, its number)
        c.page = doc.page_at(c.span[0])
        out_cites.append(c.to_dict())
    record: dict[str, Any] = {
        "source": {"path": doc.path, "sha256": doc.sha256, "format": doc.format, "size": doc.size,
                   "pages": doc.pages, "ocr": False, "ocr_pages": doc.ocr_pages,
                   "encoding": doc.encoding, "notes": doc.notes},
        "document": header.to_dict(),
        "citations": out_cites,
        "metrics": [],
        "tables": _tables(doc),
        "sections": [],
        "flags": [],
    }
    if with_text:
        record["text"] = doc.text
    return record


def extract_file(path: str | Path, *, with_text: bool = False) -> dict[str, Any]:
    """Read one file and return its record; raises ReadError when it cannot be read."""
    return build_record(read(path), with_text=with_text)
