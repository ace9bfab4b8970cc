"""A page's drawing objects through pdfium's C API, without pypdfium2's per-object wrappers.

`PdfPage.get_objects` builds a Python object (with weak references and a type lookup) for every
object it passes, filtered or not: on a table-heavy page of thousands of paths that cost more than
reading the page's text. Counting objects by type and reading the bounds of path objects needs only
two or three C calls per object, so both are done here on the raw handles (as plain integers), in
the same order (depth first, into Form XObjects down to `max_depth` levels) as `get_objects`.

The reader's pages and text pages themselves (`Page`, `TextPage`) are opened and closed the same
way: pypdfium2's `pdf[i]` and `get_textpage()` give each handle a weakref finalizer, a tracker entry
and a link from its parent, which cost about as much Python as reading the page's text.
"""

from __future__ import annotations

import ctypes
from codecs import decode
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

PATH = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
HANDLE = ctypes.c_void_p


def plain(func: object, restype: object, *argtypes: object) -> Callable[..., Any]:
    """The same C function, taking and giving handles as plain integers: pypdfium2's binding wraps
    every handle it returns in a new ctypes pointer object (and looks up `_as_parameter_` on each
    wrapper it is given), which was most of the cost of a walk over thousands of objects."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, HANDLE).value)


def address(raw: object) -> int:
    """A pypdfium2 handle (`page.raw`, `textpage.raw`) as the plain integer `plain` functions take."""
    return ctypes.cast(raw, HANDLE).value


_count = plain(pdfium_c.FPDFPage_CountObjects, ctypes.c_int, HANDLE)
_get = plain(pdfium_c.FPDFPage_GetObject, HANDLE, HANDLE, ctypes.c_int)
object_type = plain(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, HANDLE)
count_in_form = plain(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, HANDLE)
get_in_form = plain(pdfium_c.FPDFFormObj_GetObject, HANDLE, HANDLE, ctypes.c_ulong)
_FLOAT_P = ctypes.POINTER(ctypes.c_float)
_bounds = plain(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int, HANDLE, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)
_INT_P = ctypes.POINTER(ctypes.c_int)
_UINT_P = ctypes.POINTER(ctypes.c_uint)
_draw_mode = plain(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int, HANDLE, _INT_P, _INT_P)
_fill_color = plain(pdfium_c.FPDFPageObj_GetFillColor, ctypes.c_int, HANDLE, _UINT_P, _UINT_P, _UINT_P, _UINT_P)
_stroke_color = plain(pdfium_c.FPDFPageObj_GetStrokeColor, ctypes.c_int, HANDLE, _UINT_P, _UINT_P, _UINT_P, _UINT_P)
WHITE = 250                # each of R, G, B at least this: white on the white page, i.e. not seen


@dataclass(frozen=True)
class Objects:
    """A page's objects as `get_objects` visits them: depth first, into Form XObjects down to
    `max_depth` levels. Read once per page for both the census and the table finder's ruling lines."""

    kinds: list[int]
    handles: list[int]
    levels: list[int] | None      # each object's nesting level (1: on the page); None: no Form XObject
    max_depth: int

    def kinds_to(self, max_depth: int) -> list[int]:
        """The kinds `get_objects(max_depth=max_depth)` would visit (a shallower walk skips the deeper ones)."""
        if self.levels is None or max_depth >= self.max_depth:
            return self.kinds
        return [k for k, level in zip(self.kinds, self.levels, strict=True) if level <= max_depth]


def walk(page: AnyPage, max_depth: int = 3) -> Objects:
    """The page's objects down to `max_depth` levels: two C calls per object."""
    raw = address(page.raw)
    handles = list(map(_get, repeat(raw), range(_count(raw))))   # `map`: no Python frame per object
    kinds = list(map(object_type, handles))
    if max_depth > 1 and _FORM in kinds:
        levels: list[int] = []
        kinds, handles = _unfold(kinds, handles, 1, max_depth, levels)
        return Objects(kinds, handles, levels, max_depth)
    return Objects(kinds, handles, None, max_depth)


def _objects(page: AnyPage, max_depth: int) -> tuple[list[int], list[int]]:
    """(types, handles) of the page's objects, in the order `get_objects(max_depth=max_depth)` visits them."""
    found = walk(page, max_depth)
    return found.kinds, found.handles


def _unfold(kinds: list[int], handles: list[int], level: int, max_depth: int,
            levels: list[int]) -> tuple[list[int], list[int]]:
    """Each Form XObject followed by its own objects, as deep as `max_depth` allows; each one's
    level appended to `levels`."""
    out_kinds, out_handles = [], []
    for kind, handle in zip(kinds, handles, strict=True):
        out_kinds.append(kind)
        out_handles.append(handle)
        levels.append(level)
        if kind == _FORM and level < max_depth:
            inner = [get_in_form(handle, j) for j in range(count_in_form(handle))]
            inner_kinds, inner = _unfold([object_type(h) for h in inner], inner, level + 1, max_depth, levels)
            out_kinds += inner_kinds
            out_handles += inner
    return out_kinds, out_handles


@dataclass(frozen=True)
class Census:
    """Objects of a page counted up to the caps that matter: one image, `path_cap` paths."""

    images: int
    paths: int


def census(page: AnyPage | Objects, path_cap: int, max_depth: int = 2) -> Census:
    """Images (capped at 1) and path objects (capped at `path_cap`) down to `max_depth` levels, of a
    page or of its objects already walked (as deep or deeper)."""
    kinds = (page if isinstance(page, Objects) else walk(page, max_depth)).kinds_to(max_depth)
    return Census(int(IMAGE in kinds), min(kinds.count(PATH), path_cap))


def path_bounds(page: AnyPage | Objects, max_depth: int = 3) -> Iterator[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in PDF page coordinates; of a page walked
    to `max_depth`, or of its objects already walked."""
    found = page if isinstance(page, Objects) else walk(page, max_depth)
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    for kind, handle in zip(found.kinds, found.handles, strict=True):
        if kind == PATH:
            if not _bounds(handle, *refs):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            yield left.value, bottom.value, right.value, top.value


class Paint:
    """Whether a path shows on the page, with reusable out-parameters (three C calls a path).
    Word draws a paragraph's white shading as a white rectangle and its hidden borders as white
    lines: ruling lines to a table finder, nothing to a reader."""

    def __init__(self) -> None:
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.mode_refs = ctypes.byref(self.fill), ctypes.byref(self.stroke)
        self.color_refs = [ctypes.byref(c) for c in self.rgba]

    def _seen(self, read: Callable[..., Any], handle: int) -> bool:
        if not read(handle, *self.color_refs):
            return True                        # colour unknown: taken as drawn
        r, g, b, a = (c.value for c in self.rgba)
        return a > 0 and min(r, g, b) < WHITE

    def shows(self, handle: int) -> bool:
        """Whether the path paints anything seen on a white page: a fill or a stroke that is
        neither white nor transparent (a clipping path paints nothing)."""
        if not _draw_mode(handle, *self.mode_refs):
            return True
        return ((self.fill.value != pdfium_c.FPDF_FILLMODE_NONE and self._seen(_fill_color, handle))
                or (bool(self.stroke.value) and self._seen(_stroke_color, handle)))


def path_handles(objects: Objects) -> list[int]:
    """The handles of the path objects, in the order `path_bounds` gives their bounds."""
    return [h for k, h in zip(objects.kinds, objects.handles, strict=True) if k == PATH]


# The reader opens each page once and closes it in a `finally`, text page first, then the page, both
# before the document: pypdfium2's contract for raw handles (whoever opens one with a raw call closes
# it, `FPDFText_ClosePage` / `FPDF_ClosePage`), so nothing is left to a finalizer. The methods have
# pypdfium2's names and give its results, so the table finder and the widgets take either kind.


class TextPage:
    """A page's text: `PdfTextPage`'s reading methods on a handle the caller closes."""

    __slots__ = ("raw",)

    def __init__(self, page: Page) -> None:
        raw = pdfium_c.FPDFText_LoadPage(page.raw)
        if not raw:
            raise pdfium.PdfiumError("Failed to load text page.")
        self.raw = raw

    def close(self) -> None:
        if self.raw is not None:
            pdfium_c.FPDFText_ClosePage(self.raw)
            self.raw = None

    def count_chars(self) -> int:
        n = pdfium_c.FPDFText_CountChars(self.raw)
        if n == -1:
            raise pdfium.PdfiumError("Failed to get character count.")
        return n

    def _active(self, c_start: int, c_end: int) -> tuple[int, int, int, int] | None:
        """pypdfium2's `_get_active_text_range`: the text indexes of the first and last characters
        of the range that have one, and how many were skipped at each end."""
        left = right = 0
        while c_start <= c_end:
            t_start = pdfium_c.FPDFText_GetTextIndexFromCharIndex(self.raw, c_start)
            if t_start == -1:
                c_start, left = c_start + 1, left + 1
                continue
            t_end = pdfium_c.FPDFText_GetTextIndexFromCharIndex(self.raw, c_end)
            if t_end == -1:
                c_end, right = c_end - 1, right + 1
                continue
            return t_start, t_end, left, right
        return None

    def get_text_range(self, index: int = 0, count: int = -1, errors: str = "ignore") -> str:
        """`PdfTextPage.get_text_range`: the text of `count` characters from `index` (all: -1)."""
        if count == -1:
            count = self.count_chars() - index
        active = self._active(index, index + count - 1)
        if not active:
            return ""
        t_start, t_end, left, right = active
        index += left
        count -= left + right
        buffer = (ctypes.c_ushort * (t_end + 2 - t_start))()        # with the NUL terminator
        out = pdfium_c.FPDFText_GetText(self.raw, index, count, buffer)
        return decode(memoryview(buffer)[:out - 1], "utf-16-le", errors=errors)

    def get_text_bounded(self, left: float, bottom: float, right: float, top: float,
                         errors: str = "ignore") -> str:
        """`PdfTextPage.get_text_bounded` of a box given in full."""
        n = pdfium_c.FPDFText_GetBoundedText(self.raw, left, top, right, bottom, None, 0)
        if n <= 0:
            return ""
        buffer = (ctypes.c_ushort * n)()
        pdfium_c.FPDFText_GetBoundedText(self.raw, left, top, right, bottom, buffer, n)
        return decode(buffer, "utf-16-le", errors=errors)


class Page:
    """A page of a document without a form environment (the reader never starts one), loaded by
    `FPDF_LoadPage` as `pdf[i]` does; the caller closes it before the document."""

    __slots__ = ("raw",)

    def __init__(self, pdf: pdfium.PdfDocument, index: int) -> None:
        if pdf.formenv:
            raise ValueError("pdf_objects.Page: a document with a form environment needs pdf[i]")
        raw = pdfium_c.FPDF_LoadPage(pdf.raw, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to load page.")
        self.raw = raw

    def close(self) -> None:
        if self.raw is not None:
            pdfium_c.FPDF_ClosePage(self.raw)
            self.raw = None

    def get_width(self) -> float:
        return pdfium_c.FPDF_GetPageWidthF(self.raw)

    def get_height(self) -> float:
        return pdfium_c.FPDF_GetPageHeightF(self.raw)

    def get_textpage(self) -> TextPage:
        return TextPage(self)


AnyPage = pdfium.PdfPage | Page
AnyTextPage = pdfium.PdfTextPage | TextPage
