"""The ingest workers keep OCR results in the store: a second ingest of the same pages does no OCR."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import distinct, func, select

from tests.conftest import CORPUS
from tests.store.helpers import count, rows
from vanban.db import queries
from vanban.db.models import Citation, OcrPage
from vanban.extract.ocr import unavailable
from vanban.pipeline.ingest import ingest_folder

pytestmark = pytest.mark.skipif(unavailable() is not None, reason="OCR is not installed here")

SCAN = CORPUS / "scan" / "003_54f63113053d84ec.pdf"


def test_a_second_ingest_reads_scanned_pages_from_the_store(store: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "q3"
    first.mkdir()
    (first / "scan.pdf").write_bytes(SCAN.read_bytes())
    (first / "word.pdf").write_bytes((CORPUS / "pdf" / SCAN.name).read_bytes())     # its text-layer PDF
    summary = ingest_folder(first, store, workers=1)
    assert summary.ingested == 2 and summary.failed == 0
    pages = count(store, OcrPage)
    assert pages == 6

    # One report; its findings are the text layer's (exact) unless the scan cites more directives.
    [report_id] = queries.reports(db=store)["report_id"]
    shown = queries.report(str(report_id), db=store).renditions.set_index("document_id")
    cited = dict(rows(store, select(Citation.document_id, func.count(distinct(Citation.directive_id)))
                      .group_by(Citation.document_id)))
    text_doc, scan_doc = (shown.index[shown["ocr"] == ocr][0] for ocr in (False, True))
    expected = scan_doc if cited.get(scan_doc, 0) > cited.get(text_doc, 0) else text_doc
    assert shown.loc[expected, "content"] and shown["content"].sum() == 1

    # Another file holding two of the same page images (not the same bytes: extracted anew), read
    # where Tesseract is missing: only the store's OCR cache can answer, so nothing is OCRed again.
    second = tmp_path / "q4"
    second.mkdir()
    part = pdfium.PdfDocument.new()
    part.import_pages(pdfium.PdfDocument(SCAN), [0, 1])
    part.save(second / "resent.pdf")
    monkeypatch.setenv("VANBAN_TESSDATA", "/nonexistent/tessdata")
    unavailable.cache_clear()
    try:
        assert unavailable() is not None
        summary = ingest_folder(second, store, workers=0)          # in this process, with its environment
    finally:
        monkeypatch.undo()
        unavailable.cache_clear()
    assert summary.ingested == 1 and summary.failed == 0, summary.errors
    assert count(store, OcrPage) == pages

    # and without the cache the same file could not have been read here
    third = tmp_path / "q5"
    third.mkdir()
    other = pdfium.PdfDocument.new()
    other.import_pages(pdfium.PdfDocument(CORPUS / "scan" / "001_c8d032cd6b35c309.pdf"), [0])
    other.save(third / "unseen.pdf")
    monkeypatch.setenv("VANBAN_TESSDATA", "/nonexistent/tessdata")
    unavailable.cache_clear()
    try:
        summary = ingest_folder(third, store, workers=0)
    finally:
        monkeypatch.undo()
        unavailable.cache_clear()
    assert summary.failed == 1 and "tesseract-ocr-vie" in summary.errors[0][1]
