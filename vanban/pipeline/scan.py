"""The walk step of ingest: the supported files under a folder, each with its content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class File:
    """A file to ingest: where it is, what it holds (hash, size) and how to read it."""

    path: str
    sha256: str
    size: int
    format: str


def _hash(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def scan(folder: Path) -> tuple[list[File], int]:
    """The supported files under `folder` with their hashes, and how many others were skipped."""
    from vanban.extract.read import EXTENSIONS, walk

    files, skipped = walk(folder)
    out = []
    for p in files:
        sha, size = _hash(p)
        out.append(File(str(p.resolve()), sha, size, EXTENSIONS[p.suffix.lower()]))
    return out, len(skipped)
