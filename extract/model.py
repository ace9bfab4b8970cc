"""The document model every reader produces and every extractor reads.

Readers differ (PDF pages, DOCX body order, plain text); after them the pipeline only sees
`Document`: normalised text, a page for every character, paragraphs in reading order and the
tables found, so that extractors never care where the text came from.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

LineKind = Literal["text", "para", "cell", "row"]
Method = Literal["text", "ocr"]


def readable(path: str) -> str:
    """A path as text that can be stored and printed: bytes of its name that are not UTF-8 as `\\xNN`
    (the OS hands such names over as surrogate escapes, which no UTF-8 output accepts)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class ReadError(Exception):
    """A file that cannot be read; the message is one line a user can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{readable(path)}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class RawLine:
    """One line as a reader saw it, before normalisation.

    kind: "text" is a wrapped line of running text (PDF, TXT) that may be folded into the
    previous one; "para" is a whole paragraph (DOCX); "cell" a paragraph inside a layout table;
    "row" a data-table row with its cells joined by tabs.
    """

    text: str
    page: int = 1
    kind: LineKind = "text"
    table: int | None = None
    group: int | None = None     # lines of one table cell: folded like wrapped lines, never across cells
    weak: list[tuple[str, float]] | None = None   # OCR words read with low confidence, in order


@dataclass
class RawTable:
    """A table as read: rows of cell texts, the first rows being its header."""

    rows: list[list[str]]
    page: int | None = None
    header_rows: int = 1


@dataclass
class PageInfo:
    """How one page was read (`source.page_list` of the record)."""

    page: int
    method: Method
    confidence: float | None = None
    reason: str | None = None           # why OCR was needed, or why the page could not be read
    cached: bool = False                # OCR result taken from the page cache

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"page": self.page, "method": self.method, "confidence": self.confidence}
        if self.method == "ocr":
            out.update(reason=self.reason, cached=self.cached)
        return out


@dataclass
class RawDocument:
    """What a reader returns: lines in reading order, tables, and what it noticed."""

    lines: list[RawLine]
    pages: int
    tables: list[RawTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)   # pages that need OCR and were not read
    encoding: str | None = None                          # legacy 8-bit encoding converted
    page_list: list[PageInfo] = field(default_factory=list)   # how each page was read
    pages_known: bool = True            # False for a DOCX where Word recorded no page break


@dataclass
class Table:
    index: int
    page: int | None
    rows: list[list[str]]
    header_rows: int = 1
    span: tuple[int, int] | None = None


@dataclass
class Document:
    """A normalised document: `text` is what spans point into."""

    path: str
    format: str
    sha256: str
    size: int
    text: str
    pages: int
    line_starts: list[int]
    line_pages: list[int]
    paragraphs: list[tuple[int, int]]
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    page_list: list[PageInfo] = field(default_factory=list)
    weak_spans: list[tuple[int, int, float]] = field(default_factory=list)   # OCR words read badly
    pages_known: bool = True            # False: positions are paragraph numbers, never a made-up page

    def confidence_at(self, start: int, end: int) -> float | None:
        """The lowest OCR confidence of a word read badly inside [start, end), else None."""
        found = [c for s, e, c in self.weak_spans if s < end and e > start]
        return min(found) if found else None

    @property
    def ocr(self) -> bool:
        return any(p.method == "ocr" for p in self.page_list)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_at(self, offset: int) -> int:
        """The paragraph (1-based, table rows and cells in reading order) holding `offset`."""
        return max(bisect_right(self._paragraph_starts, offset), 1)

    def position(self, offset: int | None) -> dict[str, int | None]:
        """Where a finding starts (spec/output.md): its page, else `page: null` and its paragraph."""
        if offset is None:
            return {"page": None} if not self.pages_known else {}
        if self.pages_known:
            return {"page": self.page_at(offset)}
        return {"page": None, "paragraph": self.paragraph_at(offset)}

    def page_at(self, offset: int) -> int:
        """The page (1-based) of the character at `offset`."""
        if not self.line_starts:
            return 1
        i = bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(i, 0)]
