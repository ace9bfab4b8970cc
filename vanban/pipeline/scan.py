"""The hash step of ingest: each file the walk found, with its content hash, or why it has none.

A file is opened without following a link and without blocking (a regular file swapped for a
FIFO between the walk and here is refused, not waited on), is refused unread when it is over
its size limit, and is a failure with a reason when it vanishes or changes while it is read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from vanban.extract.limits import DEFAULT, Limits
from vanban.patterns import strings
from vanban.pipeline.walk import Entry, Named, walk

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True, slots=True)
class File(Named):
    """A file to ingest: where it is, what it holds (hash, size) and how to read it.

    `path` is what the OS opens; `name`, what the store keeps and the user sees (the same
    unless the name is not UTF-8; then `raw` holds its bytes).
    """

    path: str
    sha256: str
    size: int
    format: str

    @property
    def key(self) -> str:
        """What the file is read as: its content and its format. Copies share one reading only when
        both are the same: a reader picks its format by the name, so the same bytes named .docx are
        read and named .pdf are refused (their reason names the format the content is), as each
        would be on its own. Claims and copies go by this key, a hash as long as a content hash."""
        return hashlib.sha256(f"{self.sha256}/{self.format}".encode()).hexdigest()


@dataclass
class Scan:
    """What the walk and the hashing found: files to plan, and the entries with a reason."""

    files: list[File]
    skipped: list[Entry]
    failed: list[Entry]


class _Refused(Exception):
    pass


def _hash(path: str, limits: Limits, fmt: str) -> tuple[str, int]:
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise _Refused(strings.reason("deleted_before_read")) from None
    except OSError as err:
        raise _Refused(strings.reason("cannot_open", error=err.strerror or err)) from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise _Refused(strings.reason("no_longer_regular"))
        too_large = limits.size_reason(fmt, before.st_size)
        if too_large:
            raise _Refused(too_large)
        h, size = hashlib.sha256(), 0
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
            size += len(chunk)
        after = os.fstat(fd)
    except OSError as err:
        raise _Refused(strings.reason("cannot_read", error=err.strerror or err)) from None
    finally:
        os.close(fd)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or size != after.st_size:
        raise _Refused(strings.reason("changed_while_read"))
    try:
        if os.stat(path, follow_symlinks=False).st_ino != after.st_ino:
            raise _Refused(strings.reason("replaced_while_read"))
    except FileNotFoundError:
        raise _Refused(strings.reason("deleted_while_read")) from None
    return h.hexdigest(), size


def scan(folder: str | Path, limits: Limits = DEFAULT, *, leave: frozenset[str] = frozenset()) -> Scan:
    """Walk `folder` and hash every document file; every entry ends in one of the three lists, but
    for the real paths in `leave` (the store's own files), passed over in silence."""
    out = Scan([], [], [])
    for entry in walk(folder):
        if leave and entry.path in leave:
            continue
        if entry.outcome == "skipped":
            out.skipped.append(entry)
        elif entry.outcome == "failed":
            out.failed.append(entry)
        else:
            assert entry.format is not None
            try:
                sha, size = _hash(entry.path, limits, entry.format)
            except _Refused as why:
                out.failed.append(Entry(entry.path, "failed", str(why), entry.format))
                continue
            out.files.append(File(entry.path, sha, size, entry.format))
    return out
