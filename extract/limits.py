"""What one file may cost before it is refused: bytes on disk, bytes a Word zip unpacks to, paragraphs.

Checked before anything is unpacked or parsed, so that a zip bomb or a DOCX of millions of
empty paragraphs is a failure with a reason instead of gigabytes of memory. The time and memory
limits (`timeout`, `memory_mb`) are enforced by the worker pool that runs the readers.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from vanban.extract.model import ReadError
from vanban.patterns.strings import reason, sizes

MB = 1 << 20


def _sizes() -> dict[str, int]:
    # A 500-page scan at 300 dpi is ~100-250 MB; a report's text is well under 1 MB, so 8 MB of
    # text is already an anomaly; Word files carry pictures.
    return {"pdf": 400, "docx": 100, "doc": 100, "txt": 8}


@dataclass(frozen=True)
class Limits:
    """The limits of one ingest (defaults, then vanban.toml, then the command line)."""

    max_size_mb: dict[str, float] = field(default_factory=_sizes)   # per format, on disk
    timeout: float = 600.0              # seconds per file, then its worker is replaced
    memory_mb: int = 2048               # address space per worker (RLIMIT_AS); an OCR worker uses ~350 MB
    zip_unpacked_mb: float = 512.0      # what a DOCX declares it unpacks to, all members
    zip_ratio: float = 100.0            # unpacked/packed of a member over 1 MB
    max_paragraphs: int = 200_000
    max_table_cells: int = 200_000

    def size_reason(self, fmt: str, size: int) -> str | None:
        """Why a file of `size` bytes is refused, or None."""
        limit = self.max_size_mb.get(fmt)
        if limit is None or size <= limit * MB:
            return None
        shown, most = sizes(size, limit * MB)           # a size that tells itself from the limit
        return reason("too_large", size=shown, limit=most, fmt=fmt)


DEFAULT = Limits()
_BOMB_MIN = MB
_CHUNK = 1 << 20
_PARAGRAPH = (b"<w:p>", b"<w:p ", b"<w:p/>")
_CELL = (b"<w:tc>", b"<w:tc ", b"<w:tc/>")


def check_zip(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Refuse a DOCX whose declared sizes, compression ratio, paragraphs or cells are over the limits.

    The sizes and ratios come from the zip's directory (nothing unpacked); paragraphs and cells
    are counted by streaming `word/document.xml`, never holding more than a chunk of it.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return                           # the reader names the damage
    total = sum(m.file_size for m in members)
    if total > limits.zip_unpacked_mb * MB:
        raise ReadError(path, reason("zip_unpacked", size=f"{total / MB:.0f}", limit=f"{limits.zip_unpacked_mb:g}"))
    for m in members:
        if m.file_size > _BOMB_MIN and m.file_size > limits.zip_ratio * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            raise ReadError(path, reason("zip_ratio", member=m.filename, ratio=f"{ratio:.0f}",
                                         limit=f"{limits.zip_ratio:g}"))
    if "word/document.xml" in archive.namelist():
        _count_elements(path, archive, limits)


def _count_elements(path: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    paragraphs = cells = 0
    tail = b""
    try:
        with archive.open("word/document.xml") as fh:
            while chunk := fh.read(_CHUNK):
                window = tail + chunk
                paragraphs += sum(window.count(t) for t in _PARAGRAPH) - sum(tail.count(t) for t in _PARAGRAPH)
                cells += sum(window.count(t) for t in _CELL) - sum(tail.count(t) for t in _CELL)
                tail = window[-7:]
                if paragraphs > limits.max_paragraphs:
                    raise ReadError(path, reason("too_many_paragraphs", limit=f"{limits.max_paragraphs:,}"))
                if cells > limits.max_table_cells:
                    raise ReadError(path, reason("too_many_cells", limit=f"{limits.max_table_cells:,}"))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as err:
        raise ReadError(path, reason("docx_unpack", error=err)) from None
