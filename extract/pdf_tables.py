"""Tables from PDF pages with pdfplumber's table finder, joined across page breaks."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

from vanban.extract.model import RawTable

_TOP_BAND = 0.2      # a table starting this high on a page may continue one from the page before
_BOTTOM_BAND = 0.8   # ... when that one ended this low


@dataclass
class _Found:
    page: int          # 1-based
    rows: list[list[str | None]]
    top: float         # share of the page height
    bottom: float
    last_page: int = 0

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page


def _clean(cell: str | None) -> str | None:
    return None if cell is None else " ".join(cell.split())


def _continues(prev: _Found, cur: _Found) -> bool:
    return (cur.page == prev.last_page + 1 and cur.top <= _TOP_BAND and prev.bottom >= _BOTTOM_BAND
            and len(cur.rows[0]) == len(prev.rows[0]))


def find_tables(data: bytes, pages: list[int]) -> list[RawTable]:
    """Tables on the given 0-based pages; a table split over pages, header repeated or not, is one."""
    found: list[_Found] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i in pages:
            page = pdf.pages[i]
            height = float(page.height) or 1.0
            for table in page.find_tables():
                rows = [[_clean(c) for c in row] for row in table.extract()]
                rows = [r for r in rows if any(c for c in r)]
                if len(rows) < 2 or len(rows[0]) < 2:
                    continue
                _, top, _, bottom = table.bbox
                found.append(_Found(i + 1, rows, top / height, bottom / height))
            page.close()
    merged: list[_Found] = []
    for t in found:
        if merged and _continues(merged[-1], t):
            prev = merged[-1]
            rows = t.rows[1:] if t.rows[0] == prev.rows[0] else t.rows
            prev.rows.extend(rows)
            prev.bottom, prev.last_page = t.bottom, t.page
            continue
        merged.append(t)
    return [RawTable(rows=t.rows, page=t.page) for t in merged]
