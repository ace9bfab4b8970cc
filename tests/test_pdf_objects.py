"""The raw walk over a page's objects sees what pypdfium2's `get_objects` sees, in the same order."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from vanban.extract import pdf_objects

ROOT = Path(__file__).resolve().parents[1]
_PDFS = [*sorted((ROOT / "corpus" / "pdf").glob("*.pdf")),
         *sorted((ROOT / "corpus" / "scan").glob("*.pdf"))[:2],
         *sorted((ROOT.parent / "shared" / "corpus" / "wild").glob("*-table.pdf"))]


def _reference(page: pdfium.PdfPage, max_depth: int, cap: int) -> tuple[pdf_objects.Census, list]:
    objs = list(page.get_objects(max_depth=max_depth))
    kinds = [o.type for o in objs]
    census = pdf_objects.Census(int(pdfium_c.FPDF_PAGEOBJ_IMAGE in kinds),
                                min(kinds.count(pdfium_c.FPDF_PAGEOBJ_PATH), cap))
    return census, [o.get_bounds() for o in objs if o.type == pdfium_c.FPDF_PAGEOBJ_PATH]


def _with_forms() -> pdfium.PdfDocument:
    """Page 1 draws a rectangle and a line; page 2 holds page 1 as a Form XObject beside its own
    path; page 3 holds page 2 as a form (a form inside a form)."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    for rect in ((10, 10, 50, 30), (60, 100, 1, 80)):
        path = pdfium_c.FPDFPageObj_CreateNewRect(*map(float, rect))
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    for n in (2, 3):
        xobject = pdfium_c.FPDF_NewXObjectFromPage(pdf.raw, pdf.raw, n - 2)
        holder = pdf.new_page(200, 200)
        pdfium_c.FPDFPage_InsertObject(holder.raw, pdfium_c.FPDF_NewFormObjectFromXObject(xobject))
        path = pdfium_c.FPDFPageObj_CreateNewRect(5.0, 150.0, 100.0, 2.0)
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPage_InsertObject(holder.raw, path)
        pdfium_c.FPDFPage_GenerateContent(holder.raw)
        pdfium_c.FPDF_CloseXObject(xobject)
    return pdf


@pytest.mark.parametrize("path", _PDFS, ids=lambda p: p.name)
def test_census_and_bounds_as_get_objects(path: Path) -> None:
    pdf = pdfium.PdfDocument(path)
    for i in range(min(len(pdf), 12)):
        page = pdf[i]
        census, bounds = _reference(page, 3, 200)
        assert list(pdf_objects.path_bounds(page, max_depth=3)) == bounds
        assert pdf_objects.census(page, 200, max_depth=3) == census


@pytest.mark.parametrize("max_depth", [1, 2, 3, 4])
def test_forms_are_walked_to_the_same_depth(max_depth: int) -> None:
    pdf = _with_forms()
    for i in range(len(pdf)):
        page = pdf[i]
        census, bounds = _reference(page, max_depth, 2)
        kinds, _ = pdf_objects._objects(page, max_depth)
        assert kinds == [o.type for o in page.get_objects(max_depth=max_depth)]
        assert list(pdf_objects.path_bounds(page, max_depth=max_depth)) == bounds
        assert pdf_objects.census(page, 2, max_depth=max_depth) == census
    assert pdf_objects.census(pdf[2], 9, max_depth=3) == pdf_objects.Census(0, 4)


@pytest.mark.parametrize("max_depth", [1, 2, 3])
def test_one_walk_serves_a_shallower_census(max_depth: int) -> None:
    """The reader walks each page once, three levels deep, and counts the census two levels deep from it."""
    pdf = _with_forms()
    for i in range(len(pdf)):
        page = pdf[i]
        walked = pdf_objects.walk(page, max_depth=3)
        assert pdf_objects.census(walked, 2, max_depth=max_depth) == _reference(page, max_depth, 2)[0]
        assert list(pdf_objects.path_bounds(walked)) == _reference(page, 3, 2)[1]
