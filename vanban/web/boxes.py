"""Where a span of a report's text stands on its page image: rectangles in per cent of the page.

A text page gives each character's box (pypdfium2's `PdfTextPage.get_charbox`); a scanned page the
word boxes OCR found, kept in the store's `ocr_pages` under the hash of the page image (the same
rendering and key as ingest, `vanban.extract.read_pdf` and `ocr_cache.Ocr.key`), so nothing is
read again. The span's words are found on the page by their letters alone (no spaces, case or
diacritics), as the reader's normalised text and the PDF's own text differ in spacing and form.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float
    cls: str
    title: str


def _letters(text: str) -> list[tuple[str, int]]:
    """(letter, index in `text`) of every letter or digit, folded, without spaces."""
    out = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D")).casefold()
        out += [(c, i) for c in folded if c.isalnum() and not unicodedata.combining(c)]
    return out


def _find(haystack: list[tuple[str, int]], needle: str) -> list[list[int]]:
    """The indices of `haystack` items that each occurrence of `needle` covers."""
    keys = "".join(c for c, _ in haystack)
    want = "".join(c for c, _ in _letters(needle))
    if len(want) < 3:
        return []
    found, at = [], keys.find(want)
    while at >= 0 and len(found) < 5:
        found.append(sorted({haystack[k][1] for k in range(at, at + len(want))}))
        at = keys.find(want, at + len(want))
    return found


def _merge(rects: list[tuple[float, float, float, float]], cls: str, title: str) -> list[Box]:
    """Rectangles (left, top, right, bottom, in per cent) joined line by line."""
    lines: list[list[float]] = []
    for left, top, right, bottom in sorted(rects, key=lambda r: (round(r[1]), r[0])):
        last = lines[-1] if lines else None
        if last and abs(last[1] - top) < (bottom - top) * 0.6 + 0.3:
            last[0], last[1], last[2], last[3] = min(last[0], left), min(last[1], top), max(last[2], right), \
                max(last[3], bottom)
        else:
            lines.append([left, top, right, bottom])
    return [Box(round(a, 2), round(b, 2), round(c - a, 2), round(d - b, 2), cls, title) for a, b, c, d in lines]


def text_page(page: Any, spans: list[tuple[str, str, str]]) -> list[Box]:
    """Boxes of each (text, class, title) span on a PDF page with a text layer."""
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        chars = textpage.get_text_range(0, n)
        if len(chars) != n:
            return []
        width, height = page.get_size()
        letters = _letters(chars)
        out: list[Box] = []
        for text, cls, title in spans:
            for hit in _find(letters, text):
                rects = []
                for i in hit:
                    left, bottom, right, top = textpage.get_charbox(i)
                    if right > left and top > bottom:
                        rects.append((left / width * 100, (height - top) / height * 100, right / width * 100,
                                      (height - bottom) / height * 100))
                out += _merge(rects, cls, title)
        return out
    finally:
        textpage.close()


def scanned_page(page: Any, store: str, spans: list[tuple[str, str, str]]) -> list[Box]:
    """Boxes of each span on a scanned page, from the OCR word boxes the store keeps for its image."""
    from vanban.db.ocr_cache import StoreCache
    from vanban.extract.ocr_cache import Ocr
    from vanban.extract.read_pdf import scan_dpi

    ocr = Ocr()
    dpi = scan_dpi(page, ocr.settings.dpi)
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    read = StoreCache(store).get(ocr.key(image))
    if read is None or read.rotated or not read.width or not read.height:
        return []
    words = [w for line in read.lines for w in line.words]
    letters = [(c, k) for k, w in enumerate(words) for c, _ in _letters(w.text)]
    out: list[Box] = []
    for text, cls, title in spans:
        for hit in _find(letters, text):
            rects = [(words[k].box[0] / read.width * 100, words[k].box[1] / read.height * 100,
                      words[k].box[2] / read.width * 100, words[k].box[3] / read.height * 100) for k in hit]
            out += _merge(rects, cls, title)
    return out


def page_boxes(path: str, store: str, wanted: dict[int, list[tuple[str, str, str]]],
               scanned: set[int]) -> dict[int, list[Box]]:
    """Per page (1-based) of a PDF, the boxes of the spans on it; a page OCR read takes its word boxes."""
    import pypdfium2 as pdfium

    out: dict[int, list[Box]] = {}
    pdf = pdfium.PdfDocument(path)
    try:
        for number, spans in wanted.items():
            if not spans or not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                out[number] = scanned_page(page, store, spans) if number in scanned else text_page(page, spans)
            finally:
                page.close()
    finally:
        pdf.close()
    return out
