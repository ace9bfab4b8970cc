"""Copies share one reading only when read as the same format: a .docx is stored although the same bytes
also lie in the folder named .pdf, and that copy fails with its own reason, as it would on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from vanban.db.models import Document, IngestError, SourceFile
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

DOCX = CORPUS / "docx" / "004_2a516ee14150a1bf.docx"
RENAME = "rename it to .docx"       # what the reader says of a .docx named .pdf, whatever else it says


def _lone_reason(tmp_path: Path, store: str) -> str:
    """What the reader says of the misnamed file when it is the only one in its folder."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copyfile(DOCX, alone / "docx_as.pdf")
    summary = ingest_folder(alone, store, workers=0)
    assert summary.failed == 1, summary
    return summary.errors[0][1]


def _files(store: str) -> dict[str, tuple[str, bool]]:
    return {Path(p).name: (st, cur) for p, st, cur in
            rows(store, select(SourceFile.path, SourceFile.status, SourceFile.current))}


def test_a_docx_is_not_failed_by_its_copy_named_pdf(store: str, tmp_path: Path) -> None:
    lone = _lone_reason(tmp_path, store)
    assert RENAME in lone
    folder = tmp_path / "in"
    (folder / "docx").mkdir(parents=True)
    (folder / "bad").mkdir()
    docx = folder / "docx" / DOCX.name
    shutil.copyfile(DOCX, docx)
    shutil.copyfile(DOCX, folder / "bad" / "docx_as.pdf")        # met first: bad/ sorts before docx/
    for attempt, workers in enumerate((0, 1)):
        summary = ingest_folder(folder, store, workers=workers)
        assert [Path(p).name for p, _ in summary.errors] == ["docx_as.pdf"], summary.errors
        assert summary.errors[0][1] == lone, "the copy fails as the lone file does"
        assert (summary.ingested, summary.unchanged) == ((1, 0) if attempt == 0 else (0, 1)), summary
        files = _files(store)
        assert files[DOCX.name] == ("ingested", True)
        assert files["docx_as.pdf"][0] == "failed"
        ((fmt,),) = rows(store, select(Document.format))
        assert fmt == "docx"
        failed = {Path(p).name for (p,) in rows(store, select(IngestError.path).where(IngestError.outcome == "failed"))}
        assert DOCX.name not in failed


def test_a_copy_named_pdf_of_a_stored_docx_is_not_linked_to_it(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(DOCX, folder / DOCX.name)
    assert ingest_folder(folder, store, workers=0).ingested == 1
    shutil.copyfile(DOCX, folder / "docx_as.pdf")              # added later: its content is stored already
    lone = _lone_reason(tmp_path, store)
    summary = ingest_folder(folder, store, workers=0)
    assert summary.errors == [(str((folder / "docx_as.pdf").resolve()), lone)]
    assert (summary.ingested, summary.unchanged, summary.failed) == (0, 1, 1)
    assert _files(store)["docx_as.pdf"][0] == "failed"
