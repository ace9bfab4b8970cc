"""What a page's annotations show, put into its text where it stands on the page.

A digitally issued document is signed by a system that writes the number and the day into
signature fields on page 1 ("Số: [3070.] /KH-UBND", "ngày [09] tháng [9] năm 2024"): every viewer
shows them, but they are annotation appearances, not page content, so the text layer reads "Số:
/KH-UBND" and the header looks blank. pdfium's `FPDFPage_Flatten` draws the appearances into the
page as one Form XObject after the page's own content; the characters inside it are the
annotations' text. pdfium's text order is no guide to where they go (it may append them or fold
them into whichever line came last), so each run of such characters is put back by geometry: after
the character of the page's own text that stands just left of it on its line, or on a line of its
own next to the nearest text. Flattening is done in a second copy of the document, so the tables,
the capitals of TCVN3 fonts and OCR read the page as before; pages without annotations that show
anything (hyperlinks show nothing) cost one C call.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.extract.pdf_objects import (
    HANDLE,
    AnyPage,
    AnyTextPage,
    address,
    count_in_form,
    get_in_form,
    object_type,
    plain,
)

Box = tuple[float, float, float, float]        # left, bottom, right, top (PDF coordinates)

_NO_TEXT_SUBTYPES = frozenset({pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP})
_HIDDEN = pdfium_c.FPDF_ANNOT_FLAG_HIDDEN | pdfium_c.FPDF_ANNOT_FLAG_INVISIBLE
_MAX_FORM_DEPTH = 8
_RUN_GAP = 1.0             # a gap wider than this many character heights ends a run ("09 ... 9")
_NEAR = 3.0               # a run further than this many heights from its line's words is no blank of it
_SAME_LINE = 0.25          # vertical overlap, as a share of the shorter height, that makes one line
                           # (a descender "y" shares only half its height with digits beside it)

_char_box = plain(pdfium_c.FPDFText_GetCharBox, ctypes.c_int, HANDLE, ctypes.c_int,
                  *[ctypes.POINTER(ctypes.c_double)] * 4)
_text_object = plain(pdfium_c.FPDFText_GetTextObject, HANDLE, HANDLE, ctypes.c_int)


def shows_something(page: AnyPage) -> bool:
    """Whether an annotation of the page has an appearance a viewer draws (a link or popup has none
    worth reading); the common page without annotations is answered by one C call."""
    n = pdfium_c.FPDFPage_GetAnnotCount(page.raw)
    for i in range(max(n, 0)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            if (pdfium_c.FPDFAnnot_GetSubtype(annot) not in _NO_TEXT_SUBTYPES
                    and pdfium_c.FPDFAnnot_HasKey(annot, b"AP")
                    and not pdfium_c.FPDFAnnot_GetFlags(annot) & _HIDDEN):
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


@dataclass
class _Run:
    """Characters an annotation shows, side by side on one line."""

    text: str
    box: Box


class Flattener:
    """A second copy of the document, opened on the first page that needs it, whose pages are
    flattened to read their annotations' text."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: pdfium.PdfDocument | None = None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()

    def runs(self, index: int) -> list[_Run]:
        """The runs of text the annotations of page `index` show."""
        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self._data)
        page = self._pdf[index]
        before = pdfium_c.FPDFPage_CountObjects(page.raw)
        done = pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
        page.close()
        if done != pdfium_c.FLATTEN_SUCCESS:
            return []
        page = self._pdf[index]            # a loaded page keeps its parsed content: load it again
        textpage = page.get_textpage()
        try:
            count = pdfium_c.FPDFPage_CountObjects(page.raw)
            shown: set[int] = set()
            for k in range(before, count):      # what flattening added: the annotations' appearances
                shown.update(_text_objects(address(pdfium_c.FPDFPage_GetObject(page.raw, k))))
            return _runs(textpage, shown) if shown else []
        finally:
            textpage.close()
            page.close()


def _text_objects(handle: int, depth: int = 0) -> Iterator[int]:
    """Text objects inside a page object, through nested Form XObjects."""
    kind = object_type(handle)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        yield handle
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
        for j in range(count_in_form(handle)):
            yield from _text_objects(get_in_form(handle, j), depth + 1)


def _boxes(textpage: AnyTextPage) -> tuple[str, list[Box | None]] | None:
    """The page's raw text and each character's box (None for a space, a generated line break, or a
    character pdfium cannot place); None when text and characters do not line up one to one."""
    n = max(textpage.count_chars(), 0)
    text = textpage.get_text_range(0, n) if n else ""
    if len(text) != n:                       # a character outside the BMP: indexes would not match
        return None
    handle = address(textpage.raw)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    out: list[Box | None] = []
    for i, ch in enumerate(text):
        if ch.isspace() or not _char_box(handle, i, *refs) or top.value <= bottom.value:
            out.append(None)
        else:
            out.append((left.value, bottom.value, right.value, top.value))
    return text, out


def _runs(textpage: AnyTextPage, shown: set[int]) -> list[_Run]:
    """The characters drawn by the objects `shown`, cut into runs where the next one is not beside
    the last (another line, or a wide gap: the day and the month of one field)."""
    read = _boxes(textpage)
    if read is None:
        return []
    text, boxes = read
    handle = address(textpage.raw)
    runs: list[_Run] = []
    chars: list[str] = []
    box: Box | None = None
    last: Box | None = None
    spaced = False
    for i, ch in enumerate(text):
        b = boxes[i]
        if b is None:
            spaced = spaced or bool(chars)
            continue
        if _text_object(handle, i) not in shown:
            continue
        if last is not None and box is not None and not _beside(box, last, b):
            runs.append(_Run("".join(chars), box))
            chars, box, spaced = [], None, False
        if spaced and chars:
            chars.append(" ")
        chars.append(ch)
        box = b if box is None else (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
        last, spaced = b, False
    if chars and box is not None:
        runs.append(_Run("".join(chars), box))
    return runs


def _overlap(a: Box, b: Box) -> bool:
    """Whether two boxes stand on one line: they share a quarter of the height of the shorter."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared >= _SAME_LINE * min(a[3] - a[1], b[3] - b[1])


def _beside(run: Box, last: Box, b: Box) -> bool:
    """Whether box `b` continues a run (`run` its box so far, `last` its last character's): on the
    run's line (a mark or a comma alone may share no height with its neighbour), a word's gap at most."""
    height = max(run[3] - run[1], b[3] - b[1])
    return _overlap(run, b) and -height <= b[0] - last[2] <= _RUN_GAP * height


def place(text: str, boxes: list[Box | None], runs: list[_Run]) -> str:
    """`text` (a page's raw text layer, `boxes` its characters') with each run put where it stands.

    A run that fills a blank of a line ("Số: [3070.] /KH-UBND": the line's characters stand beside
    it, none under it) goes after the character just left of it, or before the first one; a run
    laid over the page's words or far from them (a signature stamp over the header) is set on a
    line of its own, after the line of the nearest text, or before it when the run stands above.
    """
    inserts: list[tuple[int, float, str]] = []
    for run in runs:
        pos, piece, order = _position(text, boxes, run)
        inserts.append((pos, order, piece))
    # inserted last-first, so that runs going to one place end up in reading order
    for pos, _, piece in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
        text = text[:pos] + piece + text[pos:]
    return text


def _position(text: str, boxes: list[Box | None], run: _Run) -> tuple[int, str, float]:
    """Where `run` goes in `text`, the run spaced (or set on its own line) to go there, and its
    order among runs going to the same place (left to right in a line, top down on own lines)."""
    placed = [(i, b) for i, b in enumerate(boxes) if b is not None]
    left_edge, bottom, right_edge, top = run.box
    if not placed:
        return len(text), ("\r\n" if text else "") + run.text, -top
    line = [(i, b) for i, b in placed if _overlap(b, run.box)]
    if line and _fills_blank([b for _, b in line], run.box):
        centre = (left_edge + right_edge) / 2
        left = [(i, b) for i, b in line if (b[0] + b[2]) / 2 < centre]
        if left:
            pos = max(left, key=lambda ib: (ib[1][0] + ib[1][2]) / 2)[0] + 1
        else:
            pos = min(line, key=lambda ib: ib[1][0])[0]
        before = " " if pos > 0 and not text[pos - 1].isspace() else ""
        after = " " if pos < len(text) and not text[pos].isspace() else ""
        return pos, f"{before}{run.text}{after}", left_edge
    mid = (bottom + top) / 2
    i, b = min(placed, key=lambda ib: (abs((ib[1][1] + ib[1][3]) / 2 - mid), abs(ib[1][0] - left_edge)))
    if mid > b[3]:                             # above the nearest text: a line before that text's line
        return text.rfind("\n", 0, i) + 1, run.text + "\r\n", -top
    end = text.find("\r\n", i)
    return (len(text) if end < 0 else end), "\r\n" + run.text, -top


def _fills_blank(line: list[Box], run: Box) -> bool:
    """Whether `run` fills a blank of the line whose characters are `line`: at most one of them
    under it (a digit may touch a neighbour), and one of them within `_NEAR` heights of it."""
    height = run[3] - run[1]
    under = sum(1 for b in line if min(b[2], run[2]) - max(b[0], run[0]) > 0.5 * (b[2] - b[0]))
    gap = min(max(b[0] - run[2], run[0] - b[2], 0.0) for b in line)
    return under <= 1 and gap <= _NEAR * height


def page_text(textpage: AnyTextPage, flattener: Flattener, index: int) -> str | None:
    """The raw text layer of page `index` with what its annotations show put in place, or None when
    they show no text or cannot be drawn (the caller keeps the layer as read: an annotation pdfium
    cannot flatten costs the page nothing it had)."""
    try:
        runs = flattener.runs(index)
    except pdfium.PdfiumError:
        return None
    if not runs:
        return None
    read = _boxes(textpage)
    if read is None:
        return None
    text, boxes = read
    return place(text, boxes, runs)
