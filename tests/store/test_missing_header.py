"""A report sent without its header is flagged once, on the report; not when another rendition of it
(the dated copy) has the date."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS

STEM = "003_54f63113053d84ec"            # the Mai Châu plan: no "Số:", no date


def _plan(folder: Path, name: str, dated: bool) -> None:
    text = unicodedata.normalize("NFC", (CORPUS / "txt" / f"{STEM}.txt").read_text(encoding="utf-8"))
    if dated:
        text = text.replace(" KẾ HOẠCH  \n", "Mai Châu, ngày 10 tháng 8 năm 2025\n KẾ HOẠCH  \n", 1)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_report_without_header_is_flagged_unless_a_rendition_dates_it(store: str, tmp_path: Path) -> None:
    alone, both = tmp_path / "alone", tmp_path / "both"
    alone.mkdir()
    both.mkdir()
    _plan(alone, "ke-hoach.txt", dated=False)
    assert ingest_folder(alone, store, workers=0).ingested == 1
    flagged = queries.flags("missing_header", db=store)
    assert list(flagged["unit"]) == ["Trung tâm Y tế khu vực Mai Châu"]
    assert flagged["quote"].iloc[0].strip().startswith("KẾ HOẠCH"), "the flag points at the top of the text"

    _plan(both, "ke-hoach-ban-nhap.txt", dated=False)
    _plan(both, "ke-hoach-da-ky.txt", dated=True)
    assert ingest_folder(both, store, workers=0).ingested == 2
    reports = queries.reports(db=store)
    assert len(reports) == 1 and reports["renditions"].iloc[0] == 2, \
        "one report: the undated text (two copies) and the dated one"
    assert queries.flags("missing_header", db=store).empty
