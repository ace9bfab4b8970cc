"""A flag names the file its page or paragraph is in.

Bệnh viện Đa khoa số 2 sent its report twice: the signed scan (the reference, whose header flags are the
report's) and the Word text saved as .txt (the fuller reading, whose figures are the report's). The
ratio flag stands at paragraph 101 of the text: naming the scan beside it sent a reader to a file
with no such paragraph."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CORPUS
from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

STEM = "002_10029ef880a30beb"


def test_each_flag_names_the_rendition_it_was_found_in(store: str, tmp_path: Path) -> None:
    shutil.copy(CORPUS / "scan" / f"{STEM}.pdf", tmp_path / "ban-ky.pdf")
    shutil.copy(CORPUS / "txt" / f"{STEM}.txt", tmp_path / "ban-word.txt")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 2
    flags = queries.flags(db=store)
    assert len(queries.reports(db=store)) == 1 and len(flags) >= 2, flags
    ratio = flags[flags["code"] == "ratio_mismatch"].iloc[0]
    assert ratio["paragraph"] > 0 and str(ratio["file"]).endswith("ban-word.txt"), ratio
    header = flags[flags["code"] == "blank_number"].iloc[0]                 # the signed paper's own blank
    assert header["page"] == 1 and str(header["file"]).endswith("ban-ky.pdf"), header
