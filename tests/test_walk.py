"""The walk and the hashing of an ingest: every entry accounted for, never a hang, never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from vanban.extract.limits import Limits
from vanban.pipeline import scan as scan_module
from vanban.pipeline.scan import scan
from vanban.pipeline.walk import readable, walk

REPORT = CORPUS / "txt" / "000_a9042f12ea01ae86.txt"
LATIN1 = b"b\xe1o c\xe1o.txt"                     # "báo cáo.txt" in Latin-1: not UTF-8


def traps(folder: Path) -> Path:
    """A folder of everything a walk must not follow, open or choke on, beside one report."""
    (folder / "sub").mkdir(parents=True)
    shutil.copy(REPORT, folder / "report.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("..", folder / "sub" / "up")
    os.symlink("report.txt", folder / "again.txt")
    os.symlink("missing.txt", folder / "broken.txt")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    with open(os.path.join(os.fsencode(folder), LATIN1), "wb") as fh:
        fh.write(REPORT.read_bytes() + b"\n")
    return folder


def test_every_entry_is_a_file_or_skipped_with_its_reason(tmp_path: Path) -> None:
    folder = traps(tmp_path / "in")
    entries = {Path(e.name).name: e for e in walk(folder)}
    assert {n for n, e in entries.items() if e.outcome == "file"} == {"report.txt", "b\\xe1o c\\xe1o.txt"}
    reasons = {n: e.reason for n, e in entries.items() if e.outcome == "skipped"}
    assert "link in a loop" in reasons["loop.txt"] and "link in a loop" in reasons["up"]
    assert "link out of the folder (to /dev/zero)" in reasons["zero.txt"]
    assert "special file (a FIFO)" in reasons["pipe.txt"]
    assert "read by its own path" in reasons["again.txt"]
    assert "broken link" in reasons["broken.txt"]
    assert "hidden" in reasons[".hidden.txt"] and "not a document type (.xlsx)" in reasons["notes.xlsx"]


def test_a_name_that_is_not_utf8_is_read_and_kept_byte_for_byte(tmp_path: Path) -> None:
    folder = traps(tmp_path / "in")
    found = scan(folder)
    [odd] = [f for f in found.files if f.raw is not None]
    assert os.fsencode(odd.path).endswith(LATIN1) and odd.name.endswith("b\\xe1o c\\xe1o.txt")
    assert odd.name.encode("utf-8")                      # storable text
    assert readable(os.fsdecode(odd.raw)) == odd.name


def test_a_folder_that_cannot_be_listed_is_a_named_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = traps(tmp_path / "in")
    locked = folder / "locked"
    locked.mkdir()
    shutil.copy(REPORT, locked / "inside.txt")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    [failed] = scan(folder).failed
    assert failed.path == str(locked) and failed.reason.startswith("cannot list the folder (Permission denied)")


def _patch_open(monkeypatch: pytest.MonkeyPatch, name: str, effect) -> None:  # type: ignore[no-untyped-def]
    real = os.open

    def fake(path, flags, *args):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith(name):
            effect(path)
        return real(path, flags, *args)

    monkeypatch.setattr(scan_module.os, "open", fake)


def test_unreadable_deleted_and_changed_files_are_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("denied.txt", "gone.txt", "vanishing.txt", "growing.txt", "kept.txt"):
        shutil.copy(REPORT, folder / name)

    def deny(_path: str) -> None:
        raise PermissionError(13, "Permission denied")

    _patch_open(monkeypatch, "denied.txt", deny)
    _patch_open(monkeypatch, "gone.txt", os.unlink)
    real_read = os.read
    done: set[str] = set()

    def read(fd: int, n: int) -> bytes:
        target = os.readlink(f"/proc/self/fd/{fd}")
        chunk = real_read(fd, n)
        if target in done:
            return chunk
        done.add(target)
        if target.endswith("vanishing.txt"):
            os.unlink(target)
        if target.endswith("growing.txt"):
            with open(target, "ab") as fh:
                fh.write(b"more")
        return chunk

    monkeypatch.setattr(scan_module.os, "read", read)
    found = scan(folder)
    assert [Path(f.path).name for f in found.files] == ["kept.txt"]
    reasons = {Path(e.path).name: e.reason for e in found.failed}
    assert reasons == {"denied.txt": "cannot open the file (Permission denied)",
                       "gone.txt": "deleted before it could be read",
                       "vanishing.txt": "deleted while it was read",
                       "growing.txt": "changed while it was read; run the ingest again"}


def test_a_file_over_its_size_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_bytes(b"a" * (2 << 20))
    monkeypatch.setattr(scan_module.os, "read", lambda *_: pytest.fail("a file over its limit was read"))
    [failed] = scan(folder, Limits(max_size_mb={"txt": 1})).failed
    assert failed.reason.startswith("too large: 2.0 MB, over the limit of 1 MB for .txt files")
