"""Tables from PDF pages: pdfplumber's table finder, fed with pdfium's geometry.

pdfplumber finds ruled tables with a chain of small pure functions (edges → merged edges →
intersections → cells → tables). Its page model comes from pdfminer, which takes ~0.6 s to
interpret a table-heavy page; pdfium gives the same ruling lines and the text inside a box in
a few milliseconds. So the edges are read from pdfium's path objects, put through that chain
(`pdf_grid`: the same functions on plain tuples, same numbers out), and each cell's text is read
back from pdfium. A table that runs over a page break, with or without its header repeated, is
joined into one.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.extract import pdf_grid, pdf_objects
from vanban.extract.model import RawTable


@dataclass(frozen=True)
class TableSettings:
    """Every knob of the table finder in one place, checked once."""

    thin: float = 3.0             # a path thinner than this (pt) is a ruling line
    snap_tolerance: float = 3.0   # edges this close are snapped to one line
    join_tolerance: float = 3.0   # collinear edges this close are joined
    intersection_tolerance: float = 3.0
    min_paths: int = 4            # a page with fewer path objects has no ruled table (a table's last
    #                               two rows carried over to the next page are drawn with 7)
    min_rows: int = 2
    min_cols: int = 2
    top_band: float = 0.2         # a table starting this high may continue one from the page before
    bottom_band: float = 0.8      # ... that ended this low
    cell_inset: float = 0.8       # shrink a cell before reading its text, to keep out neighbours
    cell_inset_y: float = 1.6     # ... more at the table's top and bottom lines: a stacked capital's mark
    #                               (the Ổ of a heading right under the table) reaches 1.5 pt over the line

    def __post_init__(self) -> None:
        for name in ("thin", "snap_tolerance", "join_tolerance", "intersection_tolerance", "cell_inset",
                     "cell_inset_y"):
            if getattr(self, name) < 0:
                raise ValueError(f"TableSettings.{name} must be >= 0")
        if not 0 <= self.top_band < self.bottom_band <= 1:
            raise ValueError("TableSettings: need 0 <= top_band < bottom_band <= 1")
        if self.min_rows < 1 or self.min_cols < 1 or self.min_paths < 1:
            raise ValueError("TableSettings: minimums must be >= 1")


DEFAULT = TableSettings()


@dataclass
class _Found:
    page: int                     # 1-based
    rows: list[list[str | None]]
    top: float                    # share of the page height
    bottom: float
    last_page: int = 0

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page


Lines = tuple[list[pdf_grid.Edge], list[pdf_grid.Edge]]     # (horizontal, vertical)
_NO_LINES: Lines = ([], [])                                  # shared, never changed


def _path_edges(objects: pdf_objects.Objects, height: float, s: TableSettings) -> list[Lines]:
    """The ruling lines each path object draws (none for most: a glyph, a curve, a dot), in order."""
    out: list[Lines] = []
    for left, low, right, high in pdf_objects.path_bounds(objects):
        top, bottom = height - high, height - low
        w, h = right - left, bottom - top
        if h <= s.thin < w:
            mid = (top + bottom) / 2
            out.append(([(left, mid, right, mid)], []))
        elif w <= s.thin < h:
            mid = (left + right) / 2
            out.append(([], [(mid, top, mid, bottom)]))
        elif w > s.thin and h > s.thin:          # a rectangle: its four sides
            out.append(([(left, top, right, top), (left, bottom, right, bottom)],
                        [(left, top, left, bottom), (right, top, right, bottom)]))
        else:
            out.append(_NO_LINES)
    return out


def _joined(per_path: list[Lines]) -> Lines:
    return [e for h, _ in per_path for e in h], [e for _, v in per_path for e in v]


def page_edges(page: pdf_objects.AnyPage, s: TableSettings = DEFAULT, objects: pdf_objects.Objects | None = None,
               ) -> Lines:
    """Ruling lines of a page as (horizontal, vertical) edges `(x0, top, x1, bottom)` in top-down
    coordinates, each list in the order the page draws them. `objects`: the page's objects already
    walked three levels deep (by the reader's census)."""
    walked = pdf_objects.walk(page, max_depth=3) if objects is None else objects
    return _joined(_path_edges(walked, page.get_height(), s))


class _Seen:
    """Whether a reader sees the grid a table was found in: a horizontal and a vertical line drawn
    in a colour across its box. The grid itself is found with every path, white ones included: Word
    shades a table's cells with white rectangles that give its rows exactly where the black borders
    are drawn in pieces; but Word also shades plain paragraphs with white rectangles and hides their
    borders as white lines, and running text in a grid nobody sees is no table. A path's colour is
    read only when it crosses a table found, and only until both lines are seen."""

    def __init__(self, handles: list[int], per_path: list[Lines], tolerance: float) -> None:
        self.paths = [(h, lines) for h, lines in zip(handles, per_path, strict=True) if lines[0] or lines[1]]
        self.tolerance = tolerance
        self.paint = pdf_objects.Paint()
        self.shown: dict[int, bool] = {}

    def _shows(self, handle: int) -> bool:
        if handle not in self.shown:
            self.shown[handle] = self.paint.shows(handle)
        return self.shown[handle]

    def ruled(self, bbox: tuple[float, float, float, float]) -> bool:
        x0, top, x1, bottom = bbox
        tol = self.tolerance

        def across(e: pdf_grid.Edge) -> bool:      # a horizontal line within the box's height, crossing it
            return top - tol <= e[1] <= bottom + tol and min(e[2], x1) - max(e[0], x0) > tol

        def down(e: pdf_grid.Edge) -> bool:        # a vertical line within the box's width, crossing it
            return x0 - tol <= e[0] <= x1 + tol and min(e[3], bottom) - max(e[1], top) > tol

        need_h = need_v = True
        for handle, (horizontal, vertical) in self.paths:
            h = need_h and any(map(across, horizontal))
            v = need_v and any(map(down, vertical))
            if (h or v) and self._shows(handle):
                need_h, need_v = need_h and not h, need_v and not v
                if not (need_h or need_v):
                    return True
        return False


_bounded_text = pdf_objects.plain(pdfium_c.FPDFText_GetBoundedText, ctypes.c_int, pdf_objects.HANDLE,
                                  ctypes.c_double, ctypes.c_double, ctypes.c_double, ctypes.c_double,
                                  pdf_objects.HANDLE, ctypes.c_int)


class _BoxReader:
    """The text inside a box of a page, into one buffer made for the page: pypdfium2's
    `get_text_bounded` asks pdfium twice per box (the length, then the text), and each call
    goes through every character of the page. The call takes plain numbers (`pdf_objects.plain`)
    and the text is decoded from a view of the buffer, without a copy."""

    def __init__(self, textpage: pdf_objects.AnyTextPage) -> None:
        self.textpage = textpage
        self.handle = pdf_objects.address(textpage.raw)
        self.size = 2 * max(textpage.count_chars(), 0) + 64     # UTF-16 units, generated line breaks included
        self.buffer = (ctypes.c_ushort * self.size)()
        self.at = ctypes.addressof(self.buffer)
        self.bytes = memoryview(self.buffer).cast("B")

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        n = _bounded_text(self.handle, left, top, right, bottom, self.at, self.size)
        if n >= self.size:                                      # cut short: ask as pypdfium2 does
            return self.textpage.get_text_bounded(left, bottom, right, top)
        return str(self.bytes[:2 * max(n, 0)], "utf-16-le", "ignore").rstrip("\x00")


def page_tables(page: pdf_objects.AnyPage, s: TableSettings = DEFAULT, textpage: pdf_objects.AnyTextPage | None = None,
                objects: pdf_objects.Objects | None = None) -> list[tuple[list[list[str | None]], float, float]]:
    """(rows, top, bottom) of each ruled table on a page; a merged cell is read once, None where it spans.
    `textpage`, `objects`: the page's text and objects (three levels deep) already read by the reader
    (loading the text again costs ~1 ms a page, walking the objects ~0.1 ms)."""
    walked = pdf_objects.walk(page, max_depth=3) if objects is None else objects
    height = page.get_height()
    per_path = _path_edges(walked, height, s)
    horizontal, vertical = pdf_grid.merge(*_joined(per_path), s.snap_tolerance, s.join_tolerance)
    found = pdf_grid.cells(pdf_grid.crossings(horizontal, vertical, s.intersection_tolerance))
    if not found:
        return []
    own = textpage is None
    textpage = page.get_textpage() if textpage is None else textpage
    read_box = _BoxReader(textpage)
    out = []
    seen = _Seen(pdf_objects.path_handles(walked), per_path, s.intersection_tolerance)
    try:
        for table in pdf_grid.tables(found):
            grid = pdf_grid.rows(table)
            carried = pdf_grid.bbox(table)[1] / height <= s.top_band   # may go on from the page before
            if (len(grid) < s.min_rows and not carried) or len(grid[0]) < s.min_cols:
                continue        # dropped below whatever its cells hold: they are not read
            if not seen.ruled(pdf_grid.bbox(table)):
                continue
            rows = []
            _, table_top, _, table_bottom = pdf_grid.bbox(table)
            i = s.cell_inset
            for row in grid:
                cells_text: list[str | None] = []
                for bbox in row:
                    if bbox is None:
                        cells_text.append(None)
                        continue
                    x0, top, x1, bottom = bbox
                    # the table's own top and bottom lines keep out what stands right above or under it
                    below = s.cell_inset_y if bottom >= table_bottom - 0.5 else i
                    above = s.cell_inset_y if top <= table_top + 0.5 else i
                    text = read_box(x0 + i, height - bottom + below, x1 - i, height - top - above)
                    cells_text.append(" ".join(text.replace("\x02", "-").replace("\ufffe", "-").split()))
                if any(cells_text):
                    rows.append(cells_text)
            if rows and (len(rows) >= s.min_rows or carried) and len(rows[0]) >= s.min_cols:
                out.append((rows, table_top / height, table_bottom / height))
    finally:
        if own:
            textpage.close()
    return out


def _continues(prev: _Found, cur: _Found, s: TableSettings) -> bool:
    return (cur.page == prev.last_page + 1 and cur.top <= s.top_band and prev.bottom >= s.bottom_band
            and len(cur.rows[0]) == len(prev.rows[0]))


def find_tables(pdf: pdfium.PdfDocument, pages: list[int], s: TableSettings = DEFAULT) -> list[RawTable]:
    """Tables on the given 0-based pages; a table split over pages, header repeated or not, is one."""
    found: dict[int, list[tuple[list[list[str | None]], float, float]]] = {}
    for i in pages:
        page = pdf[i]
        try:
            found[i] = page_tables(page, s)
        finally:
            page.close()
    return join_tables(found, s)


def join_tables(by_page: dict[int, list[tuple[list[list[str | None]], float, float]]],
                s: TableSettings = DEFAULT) -> list[RawTable]:
    """The tables found on each 0-based page, in page order; one split over pages is joined."""
    found = [_Found(i + 1, rows, top, bottom) for i in sorted(by_page) for rows, top, bottom in by_page[i]]
    merged: list[_Found] = []
    for t in found:
        if merged and _continues(merged[-1], t, s):
            prev = merged[-1]
            header = prev.rows[: _header_height(prev.rows)]
            rows = t.rows[len(header):] if t.rows[: len(header)] == header else t.rows
            prev.rows.extend(rows)
            prev.bottom, prev.last_page = t.bottom, t.page
            continue
        merged.append(t)
    return [RawTable(rows=t.rows, page=t.page, header_rows=_header_height(t.rows)) for t in merged
            if len(t.rows) >= s.min_rows]      # a short piece at a page's top that joined nothing: no table


def _header_height(rows: list[list[str | None]]) -> int:
    """Rows at the top before the first one whose first cell is a row number (`1`, `I`, `a`)."""
    for i, row in enumerate(rows[:4]):
        first = (row[0] or "").strip().rstrip(".)")
        if first.isdigit() or first in ("I", "II", "III", "IV", "V", "a", "b"):
            return max(i, 1)
    return 1
