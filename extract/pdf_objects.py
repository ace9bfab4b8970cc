"""A page's drawing objects through pdfium's C API, without pypdfium2's per-object wrappers.

`PdfPage.get_objects` builds a Python object (with weak references and a type lookup) for every
object it passes, filtered or not: on a table-heavy page of thousands of paths that cost more than
reading the page's text. Counting objects by type and reading the bounds of path objects needs only
two or three C calls per object, so both are done here on the raw handles (as plain integers), in
the same order (depth first, into Form XObjects down to `max_depth` levels) as `get_objects`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PATH = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_HANDLE = ctypes.c_void_p


def _plain(func: object, restype: object, *argtypes: object) -> Callable[..., Any]:
    """The same C function, taking and giving handles as plain integers: pypdfium2's binding wraps
    every handle it returns in a new ctypes pointer object, which was most of the cost of a walk."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, _HANDLE).value)


_count = _plain(pdfium_c.FPDFPage_CountObjects, ctypes.c_int, _HANDLE)
_get = _plain(pdfium_c.FPDFPage_GetObject, _HANDLE, _HANDLE, ctypes.c_int)
_type = _plain(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _HANDLE)
_count_in_form = _plain(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, _HANDLE)
_get_in_form = _plain(pdfium_c.FPDFFormObj_GetObject, _HANDLE, _HANDLE, ctypes.c_ulong)
_FLOAT_P = ctypes.POINTER(ctypes.c_float)
_bounds = _plain(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int, _HANDLE, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)


def _objects(page: pdfium.PdfPage, max_depth: int) -> tuple[list[int], list[int]]:
    """(types, handles) of the page's objects, in the order `get_objects(max_depth=max_depth)`
    visits them: depth first, into Form XObjects down to `max_depth` levels."""
    raw = ctypes.cast(page.raw, _HANDLE).value
    handles = [_get(raw, i) for i in range(_count(raw))]
    kinds = [_type(h) for h in handles]
    if max_depth > 1 and _FORM in kinds:
        return _unfold(kinds, handles, 1, max_depth)
    return kinds, handles


def _unfold(kinds: list[int], handles: list[int], level: int, max_depth: int) -> tuple[list[int], list[int]]:
    """Each Form XObject followed by its own objects, as deep as `max_depth` allows."""
    out_kinds, out_handles = [], []
    for kind, handle in zip(kinds, handles, strict=True):
        out_kinds.append(kind)
        out_handles.append(handle)
        if kind == _FORM and level < max_depth:
            inner = [_get_in_form(handle, j) for j in range(_count_in_form(handle))]
            inner_kinds, inner = _unfold([_type(h) for h in inner], inner, level + 1, max_depth)
            out_kinds += inner_kinds
            out_handles += inner
    return out_kinds, out_handles


@dataclass(frozen=True)
class Census:
    """Objects of a page counted up to the caps that matter: one image, `path_cap` paths."""

    images: int
    paths: int


def census(page: pdfium.PdfPage, path_cap: int, max_depth: int = 2) -> Census:
    """Images (capped at 1) and path objects (capped at `path_cap`): two C calls per object."""
    kinds, _ = _objects(page, max_depth)
    return Census(int(IMAGE in kinds), min(kinds.count(PATH), path_cap))


def path_bounds(page: pdfium.PdfPage, max_depth: int = 3) -> Iterator[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in PDF page coordinates."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    for kind, handle in zip(*_objects(page, max_depth), strict=True):
        if kind == PATH:
            if not _bounds(handle, *refs):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            yield left.value, bottom.value, right.value, top.value
