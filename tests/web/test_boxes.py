"""Spans boxed on page images: character boxes on a PDF's text layer, the OCR's word boxes on a scan."""

from __future__ import annotations

import shutil
from pathlib import Path

import vanban
from tests.conftest import CORPUS
from vanban import questions
from vanban.db.engine import make_engine
from vanban.web import data
from vanban.web.texts import Texts


def _boxes(db: str) -> dict[int, list]:
    engine = make_engine(db)
    try:
        view = questions.report("1", db=engine)
        file = data.rendition(engine, view.report_id, view.document_id)
        assert file is not None
        texts = Texts(db)
        text = texts.text(file.path, file.sha256)
        marks = [(int(c.span_start), int(c.span_end), "cite", c.canonical or c.raw)
                 for c in view.citations.itertuples() if c.span_start == c.span_start]
        assert marks
        return texts.page_boxes(file.path, file.sha256, text, marks)
    finally:
        engine.dispose()


def _inside(boxes: list) -> bool:
    return all(b.left >= 0 and b.top >= 0 and b.left + b.width <= 100.5 and b.top + b.height <= 100.5 and b.width > 0
               for b in boxes)


def test_a_scan_takes_the_word_boxes_ocr_kept(tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    shutil.copy(CORPUS / "scan" / "004_2a516ee14150a1bf.pdf", folder / "004.pdf")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert vanban.ingest(folder, db=db, workers=0).ingested == 1
    found = _boxes(db)
    assert found.get(1) and _inside(found[1])


def test_a_text_pdf_takes_its_character_boxes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    vanban.ingest(CORPUS / "pdf", db=db, workers=0)
    found = _boxes(db)
    assert sum(len(b) for b in found.values()) >= 1 and all(_inside(b) for b in found.values())
