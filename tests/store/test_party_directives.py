"""A Party document of the centre typed the state's way or with Trung ương's Ư ("57/NQ-TW", "57-NQ/TƯ",
"57/NQ-TƯ") is the Politburo's 57-NQ/TW: one directive in the store, so `coverage` finds every unit
that cited it, however each wrote it (spec/domain.md §3; citations keep the letters as written)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import regex
from sqlalchemy import select

from vanban.db import queries
from vanban.db.models import Citation, Directive
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

_BO_TRACH = regex.compile(r"Trung\s+tâm\s+Y\s+tế\s+khu\s+vực\s+Bố\s+Trạch")
# the unit that writes each form (Quảng Trị health centres), and how it writes 57-NQ/TW and 178-KL/TW
WRITTEN = {"Bố Trạch": ("57-NQ/TW", "178- KL/TW"), "Lệ Thủy": ("57/NQ-TW", "178/KL-TW"),
           "Minh Hóa": ("57-NQ/TƯ", "178-KL/TƯ"), "Tuyên Hóa": ("57/NQ-TƯ", "178/KL-TƯ")}


def _reports(folder: Path) -> None:
    """Report 000 (Bố Trạch, which cites 57-NQ/TW and 178-KL/TW) as sent by four units, each writing the
    two Party symbols its own way, and by a fifth (Quảng Trạch) that cites neither."""
    text = (CORPUS / "txt" / "000_a9042f12ea01ae86.txt").read_text(encoding="utf-8")
    assert "57-NQ/TW" in text and "178- KL/TW" in text
    folder.mkdir()
    for unit, (nq, kl) in {**WRITTEN, "Quảng Trạch": ("99-NQ/TW", "199-KL/TW")}.items():
        own = _BO_TRACH.sub(f"Trung tâm Y tế khu vực {unit}", text).replace("Bố Trạch", unit)
        (folder / f"{unit}.txt").write_text(own.replace("57-NQ/TW", nq).replace("178- KL/TW", kl), encoding="utf-8")


def test_coverage_of_a_party_directive_joins_the_ways_it_is_written(store: str, tmp_path: Path) -> None:
    _reports(tmp_path / "in")
    assert ingest_folder(tmp_path / "in", store, workers=0).ingested == 5
    written = {c for (c,) in rows(store, select(Citation.canonical))}
    assert {"57/NQ-TW", "57-NQ/TƯ", "57/NQ-TƯ", "178/KL-TW", "178/KL-TƯ"} <= written, "citations keep their letters"
    keys = {c for (c,) in rows(store, select(Directive.canonical))}
    assert {"57-NQ/TW", "178-KL/TW"} <= keys
    assert not keys & {"57/NQ-TW", "57-NQ/TƯ", "57/NQ-TƯ", "178/KL-TW", "178-KL/TƯ", "178/KL-TƯ"}, keys
    for key in ("57-NQ/TW", "178-KL/TW"):
        cov = queries.coverage(key, db=store)
        cites = dict(zip(cov["unit"].str.removeprefix("Trung tâm Y tế khu vực "), cov["cites"], strict=True))
        assert cites == {**dict.fromkeys(WRITTEN, True), "Quảng Trạch": False}, (key, cites)
    for typed in ("57/NQ-TW", "57-NQ/TƯ", "57/NQ-TƯ", "57/nq-tư"):            # typed by a user any way
        pd.testing.assert_frame_equal(queries.coverage(typed, db=store), queries.coverage("57-NQ/TW", db=store))
