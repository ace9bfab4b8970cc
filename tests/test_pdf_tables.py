"""`pdf_grid` gives what pdfplumber's own table functions give, step by step, on the corpus's pages
and on generated ruling lines; and the tables read from the corpus PDFs."""

from __future__ import annotations

import ctypes
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber import table as plumber

from tests.conftest import need
from vanban.extract import pdf_grid, pdf_objects, pdf_tables
from vanban.extract.pdf_grid import Edge
from vanban.extract.record import extract_file

ROOT = Path(__file__).resolve().parents[1]
_WILD = ROOT.parent / "shared" / "corpus" / "wild"
_WILD_TABLES = ("btp-cv-1043-2021-phu-luc-danh-muc-table.pdf", "byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf",
                "cp-bc-kh-2004-2005-tcvn3-text-layer.pdf", "laichau-ubnd-qd-1629-2025-cong-bo-tthc-print-to-pdf.pdf")
_PDFS = [*sorted((ROOT / "corpus" / "pdf").glob("*.pdf")), *[_WILD / n for n in _WILD_TABLES if (_WILD / n).exists()]]
S = pdf_tables.DEFAULT


def _dict(e: Edge, orientation: str) -> dict:
    x0, top, x1, bottom = e
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line"}


def _bbox(e: dict) -> Edge:
    return (e["x0"], e["top"], e["x1"], e["bottom"])


def _same_chain(horizontal: list[Edge], vertical: list[Edge], snap: float = S.snap_tolerance,
                join: float = S.join_tolerance, tol: float = S.intersection_tolerance) -> int:
    """Every step of the chain against pdfplumber's; the number of cells found."""
    theirs = plumber.merge_edges([_dict(e, "h") for e in horizontal] + [_dict(e, "v") for e in vertical],
                                 snap, snap, join, join)
    h, v = pdf_grid.merge(horizontal, vertical, snap, join)
    assert Counter(h) == Counter(_bbox(e) for e in theirs if e["orientation"] == "h")
    assert Counter(v) == Counter(_bbox(e) for e in theirs if e["orientation"] == "v")

    their_points = plumber.edges_to_intersections(theirs, tol, tol)
    points = pdf_grid.crossings(h, v, tol)
    assert points.keys() == their_points.keys()
    for p, (pv, ph) in points.items():
        assert pv == {_bbox(e) for e in their_points[p]["v"]}
        assert ph == {_bbox(e) for e in their_points[p]["h"]}

    their_cells = plumber.intersections_to_cells(their_points)
    cells = pdf_grid.cells(points)
    assert cells == their_cells

    their_tables = plumber.cells_to_tables(their_cells)
    tables = pdf_grid.tables(cells)
    assert [sorted(t) for t in tables] == [sorted(t) for t in their_tables]
    for mine, theirs_t in zip(tables, their_tables, strict=True):
        table = plumber.Table(None, theirs_t)
        assert pdf_grid.rows(mine) == [row.cells for row in table.rows]
        assert pdf_grid.bbox(mine) == table.bbox
    return len(cells)


def _pages() -> list[tuple[str, int]]:
    out = []
    for path in _PDFS:
        pdf = pdfium.PdfDocument(path)
        for i in range(min(len(pdf), 25)):
            if pdf_objects.census(pdf[i], S.min_paths).paths >= S.min_paths:
                out.append((path.name, i))
    return out


@pytest.mark.parametrize(("name", "index"), _pages())
def test_the_chain_on_corpus_pages(name: str, index: int) -> None:
    path = next(p for p in _PDFS if p.name == name)
    page = pdfium.PdfDocument(path)[index]
    _same_chain(*pdf_tables.page_edges(page))


def test_the_corpus_has_tables_to_compare() -> None:
    found = 0
    for name, index in _pages():
        page = pdfium.PdfDocument(next(p for p in _PDFS if p.name == name))[index]
        found += _same_chain(*pdf_tables.page_edges(page))
    assert found > 300


# Ruling lines as a table draws them: rows and columns on a grid, each line drawn whole or in pieces,
# a little off its neighbours (within and beyond the snap and join tolerances), some as rectangles.
_coord = st.integers(0, 60).map(lambda n: n * 2.5)
_jitter = st.sampled_from([0.0, 0.3, 1.0, 2.9, 3.0, 3.1, 4.5, -0.7, -2.5, 0.1 + 0.2])


@st.composite
def _edges(draw: st.DrawFn) -> tuple[list[Edge], list[Edge]]:
    xs = sorted(draw(st.sets(_coord, min_size=1, max_size=6)))
    ys = sorted(draw(st.sets(_coord, min_size=1, max_size=6)))
    horizontal, vertical = [], []
    full = draw(st.booleans())              # a whole grid, or lines from one column (row) to another
    for y in ys:
        a, b = (xs[0], xs[-1]) if full else (draw(st.sampled_from(xs)), draw(st.sampled_from(xs)))
        pieces = draw(st.integers(1, 3))
        for k in range(pieces):
            lo = min(a, b) + (max(a, b) - min(a, b)) * k / pieces + draw(_jitter)
            hi = min(a, b) + (max(a, b) - min(a, b)) * (k + 1) / pieces + draw(_jitter)
            at = y + draw(_jitter)
            horizontal.append((min(lo, hi), at, max(lo, hi), at))
    for x in xs:
        a, b = (ys[0], ys[-1]) if full else (draw(st.sampled_from(ys)), draw(st.sampled_from(ys)))
        at = x + draw(_jitter)
        top, bottom = sorted((min(a, b) + draw(_jitter), max(a, b) + draw(_jitter)))
        vertical.append((at, top, at, bottom))
    for _ in range(draw(st.integers(0, 2))):            # a rectangle's four sides
        x0, x1 = sorted(draw(st.lists(_coord, min_size=2, max_size=2)))
        y0, y1 = sorted(draw(st.lists(_coord, min_size=2, max_size=2)))
        horizontal += [(x0, y0, x1, y0), (x0, y1, x1, y1)]
        vertical += [(x0, y0, x0, y1), (x1, y0, x1, y1)]
    order = draw(st.permutations(range(len(horizontal))))
    return [horizontal[i] for i in order], vertical


@settings(max_examples=400, deadline=None)
@given(_edges())
def test_the_chain_on_generated_lines(edges: tuple[list[Edge], list[Edge]]) -> None:
    _same_chain(*edges)


@settings(max_examples=100, deadline=None)
@given(_edges(), st.sampled_from([0.0, 1.0, 3.0]), st.sampled_from([0.0, 3.0]), st.sampled_from([0.0, 3.0, 5.0]))
def test_the_chain_with_other_tolerances(edges: tuple[list[Edge], list[Edge]], snap: float, join: float,
                                         tol: float) -> None:
    _same_chain(*edges, snap=snap, join=join, tol=tol)


def test_tables_of_the_corpus_pdfs() -> None:
    pdf = pdfium.PdfDocument(ROOT / "corpus" / "pdf" / "004_2a516ee14150a1bf.pdf")
    found = pdf_tables.find_tables(pdf, list(range(len(pdf))))
    assert len(found) == 1 and found[0].page == 3
    assert len(found[0].rows) > 20 and found[0].header_rows >= 1


def _grid_page(colour: tuple[int, int, int]) -> pdfium.PdfDocument:
    """One page with three rows of two cells, each cell a rectangle filled and stroked in `colour`
    (Word draws a paragraph's white shading and hidden borders so) with a word of text inside."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for row in range(3):
        for col in range(2):
            x, y = 72 + 220 * col, 700 - 30 * row
            rect = pdfium_c.FPDFPageObj_CreateNewRect(float(x), float(y), 220.0, 30.0)
            pdfium_c.FPDFPageObj_SetFillColor(rect, *colour, 255)
            pdfium_c.FPDFPageObj_SetStrokeColor(rect, *colour, 255)
            pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, True)
            pdfium_c.FPDFPage_InsertObject(page.raw, rect)
            text = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 11.0)
            word = f"cell {row}{col}\0".encode("utf-16-le")
            pdfium_c.FPDFText_SetText(text, ctypes.cast(word, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, x + 10, y + 10)
            pdfium_c.FPDFPage_InsertObject(page.raw, text)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    return pdf


def test_a_grid_drawn_in_colour_is_a_table() -> None:
    pdf = _grid_page((0, 0, 0))
    [(rows, _, _)] = pdf_tables.page_tables(pdf[0])
    assert rows == [["cell 00", "cell 01"], ["cell 10", "cell 11"], ["cell 20", "cell 21"]]


def test_a_grid_drawn_in_white_is_no_table() -> None:
    """White rectangles and lines on a white page: a reader sees running text, not a table."""
    assert pdf_tables.page_tables(_grid_page((255, 255, 255))[0]) == []


def test_a_white_grid_with_borders_seen_is_a_table() -> None:
    """A table's cells shaded white under black borders: the white rectangles give its cells, the
    black lines show it is one."""
    pdf = _grid_page((255, 255, 255))
    page = pdf[0]
    for x in (72.0, 292.0, 512.0):
        line = pdfium_c.FPDFPageObj_CreateNewRect(x - 0.25, 640.0, 0.5, 90.0)
        pdfium_c.FPDFPageObj_SetFillColor(line, 0, 0, 0, 255)
        pdfium_c.FPDFPath_SetDrawMode(line, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
        pdfium_c.FPDFPage_InsertObject(page.raw, line)
    for y in (640.0, 670.0, 700.0, 730.0):
        line = pdfium_c.FPDFPageObj_CreateNewRect(72.0, y - 0.25, 440.0, 0.5)
        pdfium_c.FPDFPageObj_SetFillColor(line, 0, 0, 0, 255)
        pdfium_c.FPDFPath_SetDrawMode(line, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
        pdfium_c.FPDFPage_InsertObject(page.raw, line)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    [(rows, _, _)] = pdf_tables.page_tables(page)
    assert len(rows) == 3 and rows[0] == ["cell 00", "cell 01"]


def test_paragraphs_shaded_white_give_no_tables() -> None:
    """A plan whose paragraphs Word shaded white and bordered in white: no page of it holds a table
    (pages 2, 4 and 6 gave six 'tables' of running sentences)."""
    pdf = pdfium.PdfDocument(need(_WILD / "thanhhoa-bimson-ubnd-kh-3070-2024.pdf"))
    ruled = [i for i in range(len(pdf)) if pdf_objects.census(pdf[i], S.min_paths).paths >= S.min_paths]
    assert ruled                                   # the pages the finder looks at
    assert all(pdf_tables.page_tables(pdf[i]) == [] for i in ruled)


def test_tables_with_white_cells_and_black_borders_are_kept() -> None:
    """The BYT decision draws its tables with white cell shading under black borders: they are found,
    the list of the 29 new procedures on pages 3-5 among them."""
    pdf = pdfium.PdfDocument(need(_WILD / "byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf"))
    found = [t for t in pdf_tables.find_tables(pdf, [2, 3, 4]) if t.page in (3, 4, 5)]
    assert found and "Tên thủ tục" in found[0].rows[0]
    numbers = [r[0] for t in found for r in t.rows if r[0] and r[0].rstrip(".").isdigit()]
    assert numbers == [f"{i}." for i in range(1, 30)]


# ---------------------------------------------------------------- made by our reviewers (LibreOffice exports)
MADE = ROOT / "tests" / "pdf_tables"


def test_a_tables_last_rows_on_the_next_page_are_kept() -> None:
    """Its last two rows (the total among them) carried to the next page, drawn with 7 paths and fewer
    rows than a table needs alone: joined to the part above, so the total row is checked."""
    record = extract_file(MADE / "staff-table-over-two-pages.pdf")
    [table] = record["tables"]
    assert [r[1] for r in table["rows"]][-2:] == ["Viên chức, lao động khác", "Tổng số"]
    assert [f["params"]["sum"] for f in record["flags"] if f["code"] == "sum_mismatch"] == ["221"]


def test_a_heading_right_under_a_table_lends_no_letter_to_its_last_row() -> None:
    """The Ổ of "III. TỔ CHỨC THỰC HIỆN" reaches 1.5 pt over the table's bottom line."""
    [table] = extract_file(MADE / "heading-under-table.pdf")["tables"]
    assert [r[0] for r in table["rows"]] == ["1", "2", "3"]
