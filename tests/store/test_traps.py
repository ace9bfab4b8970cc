"""Acceptance: a folder of traps beside two good reports ends in bounded time and memory, names every
trap, stores both reports, exits 1 and leaves no process behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from tests.hostile import big_text, many_paragraphs, zip_bomb
from vanban.db.models import SourceFile

from .helpers import CORPUS, rows
from .procs import tagged, tagged_env, wait_gone

DENIED = Path(__file__).with_name("denied.py")
MEMORY_BOUND = 1536 << 20          # the whole process tree: the ingest, its fork server, tracker and 2 workers
TIME_BOUND = 300.0                 # hang detection only: the run takes a few seconds


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) << 10
    return total


def _build(folder: Path) -> dict[str, str]:
    """The traps, each with what its line must say."""
    (folder / "sub").mkdir(parents=True)
    (folder / "locked").mkdir()
    shutil.copy(CORPUS / "txt" / "001_c8d032cd6b35c309.txt", folder / "locked" / "hidden_report.txt")
    os.chmod(folder / "locked", 0)
    shutil.copy(CORPUS / "txt" / "000_a9042f12ea01ae86.txt", folder / "good.txt")
    shutil.copy(CORPUS / "docx" / "003_54f63113053d84ec.docx", folder / "good.docx")
    os.symlink("..", folder / "sub" / "loop")
    os.symlink("self.txt", folder / "self.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    with open(os.path.join(os.fsencode(folder), b"b\xe1o c\xe1o.txt"), "wb") as fh:
        fh.write((CORPUS / "txt" / "002_10029ef880a30beb.txt").read_bytes())   # read, and kept byte for byte
    many_paragraphs(folder / "paragraphs.docx", 6_000_000)
    zip_bomb(folder / "bomb.docx", 1024)
    big_text(folder / "huge.txt", 120)
    return {"sub/loop": "link in a loop", "self.txt": "link in a loop", "pipe.txt": "special file (a FIFO)",
            "zero.txt": "link out of the folder (to /dev/zero)",
            "locked": "cannot list the folder (Permission denied)", "paragraphs.docx": "zip bomb",
            "bomb.docx": "zip bomb", "huge.txt": "too large: 120.0 MB, over the limit of 8 MB for .txt files"}


def test_a_folder_of_traps(store: str, tmp_path: Path) -> None:
    folder = (tmp_path / "in").resolve()
    expected = _build(folder)
    env, tag = tagged_env()
    env["VANBAN_DENY"] = str(folder / "locked")
    command = [sys.executable, str(DENIED), "ingest", str(folder), "--db", store, "--workers", "2", "--quiet",
               "--lang", "en"]
    t0 = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None and time.monotonic() - t0 < TIME_BOUND:
        peak = max(peak, _rss(tagged(tag)))
        time.sleep(0.05)
    out, err = proc.communicate(timeout=max(1.0, TIME_BOUND - (time.monotonic() - t0)))
    elapsed = time.monotonic() - t0
    print(f"\ntraps: {elapsed:.1f} s, peak RSS of the process tree {peak / 2**20:.0f} MB")
    assert elapsed < TIME_BOUND
    assert peak < MEMORY_BOUND, f"the process tree peaked at {peak / 2**20:.0f} MB"
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "internal error" not in err
    lines = err.splitlines()
    for name, why in expected.items():
        assert any(f"{folder}/{name}: " in line and why in line for line in lines), (name, why, err)
    assert "7 files: 3 ingested, 0 unchanged, 4 failed, 4 skipped" in out, out
    stored = {p: raw for p, st, raw in rows(store, select(SourceFile.path, SourceFile.status, SourceFile.raw_path))
              if st == "ingested"}
    odd = f"{folder}/b\\xe1o c\\xe1o.txt"
    assert set(stored) == {str(folder / "good.txt"), str(folder / "good.docx"), odd}
    assert stored[odd] == os.fsencode(folder) + b"/b\xe1o c\xe1o.txt"
    assert wait_gone(tag, 10.0) == [], "a process of the ingest is still running"
    os.chmod(folder / "locked", 0o755)
