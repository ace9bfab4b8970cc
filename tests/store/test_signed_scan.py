"""The real case: a unit sends the DOCX with the number left blank and a scan of the signed first
page with the number written in. They are one report, whose number is the one on the paper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2
from PIL import ImageDraw, ImageFont
from sqlalchemy import func, select

from vanban.db import queries
from vanban.db.models import Rendition, Report
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

STEM = "002_10029ef880a30beb"          # Quý III 2025 report of BVĐK số 2 Lào Cai, number left blank
SCALE = 300 / 72
NUMBER_AT = (139, 97)                  # points: the gap between "Số:" and "/BC-BVĐK2" on page 1


def signed_page(out: Path) -> Path:
    """Page 1 of the report as a scanned image-only PDF, the number 158 written in the blank."""
    pdf = pypdfium2.PdfDocument(str(CORPUS / "pdf" / f"{STEM}.pdf"))
    image = pdf[0].render(scale=SCALE).to_pil().convert("L")
    pdf.close()
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", 48)
    ImageDraw.Draw(image).text((NUMBER_AT[0] * SCALE, NUMBER_AT[1] * SCALE), "158", fill=0, font=font)
    image.save(out, "PDF", resolution=300)
    return out


def test_blank_number_docx_and_signed_scan_are_one_report(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "sent"
    folder.mkdir()
    shutil.copy(CORPUS / "docx" / f"{STEM}.docx", folder / "bao-cao.docx")
    signed_page(folder / "ban-ky.pdf")
    summary = ingest_folder(folder, store, workers=0)
    assert (summary.ingested, summary.failed) == (2, 0), summary.errors
    assert rows(store, select(func.count()).select_from(Report))[0][0] == 1
    assert rows(store, select(func.count()).select_from(Rendition))[0][0] == 2
    reps = queries.reports(db=store)
    assert len(reps) == 1 and reps.loc[0, "renditions"] == 2
    assert reps.loc[0, "file"].endswith("ban-ky.pdf"), "the signed scan is the reference"
    assert reps.loc[0, "report"] in ("Báo cáo 158/BC-BVĐK2", "Báo cáo …/BC-BVĐK2")
    assert "blank_number" not in set(queries.flags(db=store)["code"]), "the paper has the number"
