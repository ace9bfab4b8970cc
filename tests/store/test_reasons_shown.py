"""Why a file could not be read, end to end: the store keeps the English text, `vanban errors`, the
workbook's unreadable sheet and the ingest's own lines say it in Vietnamese, or in English with --lang en."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from tests.test_walk import REPORT
from vanban.cli import main
from vanban.db.models import IngestError

from .helpers import rows

EMPTY_VI, EMPTY_EN = "tệp rỗng (0 byte)", "empty file (0 bytes)"
FAKE_VI = "không phải tệp PDF: nội dung là văn bản thuần; hãy đổi đuôi tệp thành .txt"
FAKE_EN = "not a PDF: the content is plain text; rename it to .txt"


def _reasons(output: str) -> dict[str, str]:
    """File name -> reason, from the CSV answer of `vanban errors` (headers in either language)."""
    table = list(csv.reader(io.StringIO(output.lstrip("\ufeff"))))
    header = table[0]
    path = header.index("Đường dẫn" if "Đường dẫn" in header else "Path")
    why = header.index("Lý do" if "Lý do" in header else "Reason")
    return {Path(r[path]).name: r[why] for r in table[1:]}


def test_reasons_are_stored_in_english_and_shown_in_the_language_asked(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "trong.pdf").write_bytes(b"")
    (folder / "gia.pdf").write_text("Đây không phải là một tệp PDF.\n", encoding="utf-8")
    (folder / "bang.xlsx").write_bytes(b"PK\x03\x04")
    shutil.copy(REPORT, folder / REPORT.name)
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(folder), "--db", store, "--workers", "0", "--quiet"])
    assert done.exit_code == 1, done.output
    assert f"{folder.resolve() / 'trong.pdf'}: {EMPTY_VI}" in done.output
    assert f"{folder.resolve() / 'bang.xlsx'}: bỏ qua (không phải loại văn bản (.xlsx)" in done.output
    stored = {Path(p).name: why for p, why in rows(store, select(IngestError.path, IngestError.reason))}
    assert stored["trong.pdf"] == EMPTY_EN and stored["gia.pdf"] == FAKE_EN

    vi = runner.invoke(main, ["errors", "--db", store, "--format", "csv"])
    assert vi.exit_code == 0, vi.output
    assert "Lý do" in vi.output and "bỏ qua" in vi.output
    shown = _reasons(vi.output)
    assert shown["trong.pdf"] == EMPTY_VI and shown["gia.pdf"] == FAKE_VI
    assert shown["bang.xlsx"].startswith("không phải loại văn bản (.xlsx)")
    en = _reasons(runner.invoke(main, ["errors", "--db", store, "--format", "csv", "--lang", "en"]).output)
    assert en["trong.pdf"] == EMPTY_EN and en["gia.pdf"] == FAKE_EN
    raw = runner.invoke(main, ["errors", "--db", store, "--format", "json"]).output
    assert EMPTY_EN in raw, "JSON is for programs: the stored text"

    sheets = (("vi", "Không đọc được", EMPTY_VI, FAKE_VI), ("en", "Unreadable", EMPTY_EN, FAKE_EN))
    for lang, sheet, empty, fake in sheets:
        out = tmp_path / f"kiem-tra-{lang}.xlsx"
        written = runner.invoke(main, ["export", "--out", str(out), "--db", store, "--lang", lang])
        assert written.exit_code == 0, written.output
        cells = [[c.value for c in row] for row in load_workbook(out)[sheet].iter_rows()]
        by_file = {Path(str(r[0])).name: r[1] for r in cells[1:]}
        assert by_file["trong.pdf"] == empty and by_file["gia.pdf"] == fake, cells
