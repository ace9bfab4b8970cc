"""A page's drawing objects through pdfium's C API, without pypdfium2's per-object wrappers.

`PdfPage.get_objects` builds a Python object (with weak references and a type lookup) for every
object it passes, filtered or not: on a table-heavy page of thousands of paths that cost more than
reading the page's text. Counting objects by type and reading the bounds of path objects needs only
three C calls per object, so both are done here on the raw handles, in the same order
(depth first, into Form XObjects down to `max_depth` levels) as `get_objects`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PATH = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM


def _walk(page: pdfium.PdfPage, max_depth: int) -> Iterator[tuple[int, object]]:
    """(type, raw handle) of each object, as `get_objects(max_depth=max_depth)` visits them."""
    get_type = pdfium_c.FPDFPageObj_GetType
    count_in_form, get_in_form = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject

    def form(obj: object, level: int) -> Iterator[tuple[int, object]]:
        for j in range(count_in_form(obj)):
            child = get_in_form(obj, j)
            kind = get_type(child)
            yield kind, child
            if kind == _FORM and level < max_depth - 1:
                yield from form(child, level + 1)

    raw = page.raw
    get_object = pdfium_c.FPDFPage_GetObject
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, i)
        kind = get_type(obj)
        yield kind, obj
        if kind == _FORM and max_depth > 1:
            yield from form(obj, 1)


@dataclass(frozen=True)
class Census:
    """Objects of a page counted up to the caps that matter: one image, `path_cap` paths."""

    images: int
    paths: int


def census(page: pdfium.PdfPage, path_cap: int, max_depth: int = 2) -> Census:
    """Images (capped at 1) and path objects (capped at `path_cap`) in one pass that stops early."""
    images = paths = 0
    for kind, _ in _walk(page, max_depth):
        if kind == PATH:
            paths += 1
        elif kind == IMAGE:
            images = 1
        if images and paths >= path_cap:
            break
    return Census(images, min(paths, path_cap))


def path_bounds(page: pdfium.PdfPage, max_depth: int = 3) -> Iterator[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in PDF page coordinates."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    for kind, obj in _walk(page, max_depth):
        if kind == PATH:
            if not get_bounds(obj, *refs):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            yield left.value, bottom.value, right.value, top.value
