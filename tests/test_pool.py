"""The worker pool: a file past its time limit is cut and its worker replaced; memory is capped per worker."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CORPUS
from tests.hostile import big_text
from vanban.extract.limits import Limits
from vanban.pipeline.pool import CRASHED, process_pool

SCAN = CORPUS / "scan" / "000_a9042f12ea01ae86.pdf"         # OCR of every page: tens of seconds


def test_a_file_past_its_time_is_cut_and_the_pool_goes_on(tmp_path: Path) -> None:
    shutil.copy(SCAN, tmp_path / "a.pdf")
    shutil.copy(SCAN, tmp_path / "b.pdf")
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [str(tmp_path / n) for n in ("a.pdf", "b.pdf", "empty.txt")]
    results = {Path(p).name: reason for p, _, reason in process_pool(iter(paths), 1, None, Limits(timeout=2))}
    assert results["a.pdf"] == results["b.pdf"] == \
        "took longer than 2 s: stopped, its worker replaced (--timeout or vanban.toml)"
    assert results["empty.txt"] == "empty file (0 bytes)", "a fresh worker took the next file"


def test_a_file_that_needs_more_memory_than_a_worker_has_fails_alone(tmp_path: Path) -> None:
    big_text(tmp_path / "big.txt", 150)
    shutil.copy(CORPUS / "txt" / "000_a9042f12ea01ae86.txt", tmp_path / "good.txt")
    limits = Limits(memory_mb=700, max_size_mb={"txt": 1000})
    results = {Path(p).name: (rec, reason)
               for p, rec, reason in process_pool(iter([str(tmp_path / "big.txt"), str(tmp_path / "good.txt")]),
                                                  1, None, limits)}
    rec, reason = results["big.txt"]
    assert rec is None and reason in (CRASHED, "needs more memory than the limit of 700 MB per worker "
                                               "(--memory or vanban.toml)")
    assert results["good.txt"][0] is not None and results["good.txt"][1] is None


def test_a_file_handed_ahead_to_a_worker_cut_for_time_goes_to_the_next_worker(tmp_path: Path) -> None:
    # quick.txt is quick (the first file's time counts the worker's start), so the worker is handed
    # empty.txt while it reads the scan; the scan is cut for time and its worker killed: empty.txt,
    # queued behind it, must still be read, by a fresh worker
    shutil.copy(CORPUS / "txt" / "000_a9042f12ea01ae86.txt", tmp_path / "first.txt")
    shutil.copy(CORPUS / "txt" / "000_a9042f12ea01ae86.txt", tmp_path / "quick.txt")
    shutil.copy(SCAN, tmp_path / "slow.pdf")
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [str(tmp_path / n) for n in ("first.txt", "quick.txt", "slow.pdf", "empty.txt")]
    results = [(Path(p).name, rec is not None, reason)
               for p, rec, reason in process_pool(iter(paths), 1, None, Limits(timeout=3))]
    assert results == [
        ("first.txt", True, None),
        ("quick.txt", True, None),
        ("slow.pdf", False, "took longer than 3 s: stopped, its worker replaced (--timeout or vanban.toml)"),
        ("empty.txt", False, "empty file (0 bytes)"),
    ]


def test_a_worker_extracts_a_text_without_importing_sqlalchemy(tmp_path: Path) -> None:
    """Half a second of CPU per worker before its first file, when it did (`vanban.db.light`)."""
    import subprocess
    import sys

    shutil.copy(CORPUS / "txt" / "000_a9042f12ea01ae86.txt", tmp_path / "a.txt")
    code = ("import sys, vanban.pipeline.warm, vanban.pipeline.worker\n"
            "from vanban.pipeline.executors import extract_one\n"
            f"path, rec, reason = extract_one({str(tmp_path / 'a.txt')!r}, 'sqlite:///{tmp_path / 's.db'}')\n"
            "assert rec is not None and reason is None, reason\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
