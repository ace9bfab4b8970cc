"""`vanban ingest` speaks --lang: its last line, its progress bar and the lines above it, and what it
says when interrupted, in Vietnamese by default and in English (word for word as before) with --lang en."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from tests.test_walk import REPORT
from vanban.cli import main
from vanban.db.engine import shown

SPEED = r"\d+\.\d"                   # decimals: a point in English, a comma in Vietnamese
SPEED_VI = r"\d+,\d"
SUMMARY = {
    "vi": rf"2 tệp: 1 đã nạp, 0 không đổi, 1 lỗi, 1 bỏ qua \({SPEED_VI} giây; đã đọc 2 tệp, tốc độ {SPEED_VI} "
          rf"văn bản/giây, {SPEED_VI} trang/giây\) vào ",
    "en": rf"2 files: 1 ingested, 0 unchanged, 1 failed, 1 skipped \({SPEED} s; 2 read at {SPEED} documents/s, "
          rf"{SPEED} pages/s\) into ",
}
AGAIN = {"vi": rf"2 tệp: 0 đã nạp, 1 không đổi, 1 lỗi, 1 bỏ qua \({SPEED_VI} giây\) vào ",   # no page read:
         "en": rf"2 files: 0 ingested, 1 unchanged, 1 failed, 1 skipped \({SPEED} s\) into "}       # no speed
BAR = {"vi": ("nạp", "1 đã nạp · 0 không đổi · 1 lỗi", "còn"),
       "en": ("ingest", "1 ingested · 0 unchanged · 1 failed", "eta")}
LINES = {"vi": ("trong.pdf: tệp rỗng (0 byte)", "bang.xlsx: bỏ qua (không phải loại văn bản (.xlsx)"),
         "en": ("trong.pdf: empty file (0 bytes)", "bang.xlsx: skipped (not a document type (.xlsx)")}
EARLY = {"vi": "đã dừng trước khi đọc văn bản nào", "en": "interrupted before any document was read"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    (folder / "trong.pdf").write_bytes(b"")
    (folder / "bang.xlsx").write_bytes(b"PK\x03\x04")
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_summary_and_the_progress_bar_speak_the_language_asked(store: str, tmp_path: Path, lang: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VANBAN_LANG", raising=False)
    folder = _folder(tmp_path)
    asked = [] if lang == "vi" else ["--lang", "en"]          # Vietnamese without being asked
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(folder), "--db", store, "--workers", "0", *asked])
    assert done.exit_code == 1, done.output
    assert re.fullmatch(SUMMARY[lang] + re.escape(shown(make_url(store))) + "\n", done.stdout), done.stdout
    title, counts, eta = BAR[lang]
    bar = [line for line in done.stderr.splitlines() if counts in line]
    assert bar and re.search(rf"^\s*{title} .* {re.escape(counts)} .* {eta} ", bar[-1]), done.stderr
    for line in LINES[lang]:                # the failed file's line comes from the writer thread
        assert f"{folder.resolve()}/{line}" in done.stderr, done.stderr
    other = "en" if lang == "vi" else "vi"
    assert not any(line in done.output for line in LINES[other]), done.output

    again = runner.invoke(main, ["ingest", str(folder), "--db", store, "--workers", "0", "--quiet", *asked])
    assert again.exit_code == 1, again.output
    assert re.match(AGAIN[lang], again.stdout), again.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_interrupted_before_the_run_began(tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C before the run is recorded (the store being made): nothing written, one line, exit 130."""
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("vanban.pipeline.ingest.ingest_folder", interrupted)
    done = CliRunner().invoke(main, ["ingest", str(_folder(tmp_path)), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                     "--lang", lang])
    assert done.exit_code == 130, done.output
    assert done.stderr == EARLY[lang] + "\n" and done.stdout == ""
