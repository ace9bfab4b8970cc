"""An ingest killed mid-way loses nothing on the next run, and two ingests at once duplicate nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from vanban.db.models import Document, IngestRun, SourceFile
from vanban.extract.record import extract_file

from .helpers import TXT, assert_no_duplicates, cli, count, mentions_by_document, rows, vanban_command, write_copies

# the counts of the summary line, in Vietnamese (the default) or English (--lang en)
SUMMARY = re.compile(r"(\d+) (?:tệp|files): (\d+) (?:đã nạp|ingested), (\d+) (?:không đổi|unchanged), "
                     r"(\d+) (?:lỗi|failed)")
INTERRUPTED = {"vi": "đã dừng giữa chừng: các văn bản đã ghi vẫn được giữ; chạy lại đúng lệnh này để nạp nốt",
               "en": "interrupted: the documents written so far are kept; run the same command to finish"}


def _documents(url: str) -> int:
    try:
        return count(url, Document)
    except DBAPIError:          # the schema is not there yet
        return 0


def start_ingest(store: str, folder: Path, workers: int, documents: int, *options: str,
                 **popen: object) -> subprocess.Popen:
    """`vanban ingest` started in its own process, returned once it has stored `documents` documents."""
    command = vanban_command("ingest", str(folder), "--db", store, "--workers", str(workers), "--quiet", *options)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)
    deadline = time.monotonic() + 300
    while _documents(store) < documents:
        assert proc.poll() is None, f"ingest ended before it could be stopped: {proc.communicate()}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    return proc


def _summary(out: str) -> tuple[int, ...]:
    m = SUMMARY.search(out)
    assert m, out
    return tuple(int(g) for g in m.groups())


def _check_complete(url: str, files: list[Path]) -> None:
    """Every file stored once, current, with all its mentions: nothing lost, nothing doubled."""
    assert_no_duplicates(url)
    assert count(url, Document) == len(files)
    stored = {p: (cur, st) for p, cur, st in rows(url, select(SourceFile.path, SourceFile.current, SourceFile.status))}
    assert stored == {str(f.resolve()): (True, "ingested") for f in files}
    expected = {t.name: len(extract_file(t)["citations"]) for t in TXT}
    by_sha = mentions_by_document(url)
    sha_of = dict(rows(url, select(SourceFile.path, SourceFile.sha256)))
    for f in files:
        original = f.name.split("_", 1)[1]
        assert by_sha[sha_of[str(f.resolve())]] == expected[original], f"{f.name}: mentions lost or doubled"


def test_killed_ingest_resumes_with_nothing_lost_or_doubled(store: str, tmp_path: Path) -> None:
    files = write_copies(tmp_path / "in", 160)    # still going when killed, whatever the writer's batch
    proc = start_ingest(store, tmp_path / "in", 1, 5, start_new_session=True)
    os.killpg(proc.pid, signal.SIGKILL)          # the command and its worker, with no chance to clean up
    proc.wait()
    killed_at = _documents(store)
    assert 5 <= killed_at < len(files), "the kill did not land mid-way"
    assert_no_duplicates(store)

    resumed = cli("ingest", str(tmp_path / "in"), "--db", store, "--workers", "2", "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert _summary(resumed.stdout) == (len(files), len(files) - killed_at, killed_at, 0)
    _check_complete(store, files)
    statuses = [s for (s,) in rows(store, select(IngestRun.status).order_by(IngestRun.id))]
    assert statuses == ["interrupted", "done"], "the killed run is recorded as interrupted"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sigterm_stops_between_documents(store: str, tmp_path: Path, lang: str) -> None:
    files = write_copies(tmp_path / "in", 160)
    proc = start_ingest(store, tmp_path / "in", 1, 3, "--lang", lang, text=True)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert INTERRUPTED[lang] in err.splitlines() and "Traceback" not in err
    assert out.startswith(f"{len(files)} tệp: " if lang == "vi" else f"{len(files)} files: "), out
    _, done, _, failed = _summary(out)
    assert failed == 0 and done == _documents(store) < len(files)
    assert [s for (s,) in rows(store, select(IngestRun.status))] == ["interrupted"]
    assert cli("ingest", str(tmp_path / "in"), "--db", store, "--quiet").returncode == 0
    _check_complete(store, files)


def test_two_ingests_at_once_duplicate_nothing(store: str, tmp_path: Path) -> None:
    files = write_copies(tmp_path / "in", 20)
    command = vanban_command("ingest", str(tmp_path / "in"), "--db", store, "--workers", "1", "--quiet")
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    summaries = [_summary(out) for out, _ in outs]
    assert all(s[0] == len(files) and s[3] == 0 for s in summaries)
    assert sum(s[1] for s in summaries) == len(files), f"each file ingested once in all: {summaries}"
    assert sum(s[2] for s in summaries) == len(files)
    _check_complete(store, files)
