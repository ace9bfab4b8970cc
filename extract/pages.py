"""Decide page by page how a page is read: its text layer, or OCR of its image.

A text layer is trusted only when it carries the page's words: a scan has none, or only the
digital-signature stamp added after scanning; a scan run through OCR without Vietnamese carries
a layer of Latin letters ("CQNG HOA xA HQI"); Print-to-PDF may draw the glyphs as paths. One
document can mix both kinds (a typed report whose signed last page is scanned).
"""

from __future__ import annotations

import statistics
from functools import cache
from typing import TYPE_CHECKING

import regex

from vanban.extract import textcheck
from vanban.extract.catalogue import load
from vanban.extract.model import PageInfo, RawLine
from vanban.extract.ocr import OcrLine, OcrPage, Word
from vanban.extract.ocr_cache import Ocr
from vanban.extract.ocr_repair import repair_breaks, repair_line
from vanban.extract.ocr_signature import reread
from vanban.extract.spelling import correct_line

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_PAGE_LETTERS = 40      # fewer letters than this: a page number or a stamp, not the page's text
MIN_GLYPH_PATHS = 200      # a page with no text but this many path objects draws its glyphs as paths

@cache
def _stamp() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in load("layout")["signature_stamp"]), regex.I)


@cache
def _stamp_anywhere() -> regex.Pattern[str]:
    """The stamp's line patterns at any line start of a whole page: where this finds nothing, no line is a stamp."""
    return regex.compile(_stamp().pattern, regex.I | regex.M)


def body_text(text: str) -> str:
    """A page's text without the lines of a digital-signature stamp ("Người ký: …", "Thời gian ký")."""
    if not _stamp_anywhere().search(text):
        return text
    return "\n".join(line for line in text.split("\n") if not _stamp().search(line))


def ocr_reason(text: str, *, images: int, paths: int, layer_not_vietnamese: bool,
               stamped: bool = True) -> str | None:
    """Why a page with this text layer must be read by OCR, or None when its text is usable.

    `layer_not_vietnamese` is the verdict on the whole document's layer, for pages too short
    to judge alone. `stamped=False`: the whole document was searched for a stamp line and has
    none, so the page is not searched again (the search was a tenth of reading a page).
    """
    if not images and paths < MIN_GLYPH_PATHS:
        return None          # no scan and no glyphs drawn as paths: its letters are not even counted
    body = body_text(text) if stamped else text
    letters = textcheck.count_letters(body)
    if letters < MIN_PAGE_LETTERS:
        if images:
            return "only a signature stamp" if textcheck.count_letters(text) >= MIN_PAGE_LETTERS else "no text"
        if paths >= MIN_GLYPH_PATHS:
            return "glyphs drawn as paths"
        return None                              # a blank or nearly blank page
    short = letters < textcheck.MIN_LETTERS
    if images and (textcheck.check(body).verdict == "no_vietnamese" or (short and layer_not_vietnamese)):
        return "text layer not Vietnamese"
    return None


WEAK_WORD = 0.60           # a word Tesseract is less sure of than this is not trusted in a header field
# A number written by hand in a form's blank stands taller than the typed digits of its line (on the
# scans here 44-52 px against 24-28 px at 200 dpi), and Tesseract may read it with a confidence a
# typed word has (a handwritten "1983" read as "4252" at 0.70): it is not trusted either.
HANDWRITTEN_HEIGHT = 1.3


def doubtful_words(line: OcrLine) -> list[tuple[str, float]]:
    """The words of a line not to trust in a header field: read with low confidence, or numbers
    written by hand (taller than the line's typed digits)."""
    def height(w: Word) -> int:
        return w.box[3] - w.box[1]

    out = []
    for w in line.words:
        digits = [height(o) for o in line.words if o is not w and any(ch.isdigit() for ch in o.text)]
        tall = (any(ch.isdigit() for ch in w.text) and digits
                and height(w) > HANDWRITTEN_HEIGHT * statistics.median(digits))
        if w.conf < WEAK_WORD or tall:
            out.append((w.text, w.conf))
    return out


def _corrected(text: str) -> str:
    """An OCR line with catalogue phrases restored, then each word that is no Vietnamese syllable
    (or lost a mark that its neighbour's word shows) put back to the nearest syllable."""
    return correct_line(repair_line(text), context=True)


def ocr_lines(page: OcrPage, number: int) -> list[RawLine]:
    """OCR lines as running text: a Tesseract block (a column, a paragraph) never folds into another;
    words read with low confidence go along, so a header field resting on one is not trusted; a
    catalogue phrase a line break cuts is restored across it (ocr_repair.repair_breaks)."""
    lines = [line for line in page.lines if line.text]
    texts = repair_breaks([_corrected(line.text) for line in lines], [line.block for line in lines])
    return [RawLine(text, page=number, kind="text", group=number * 10_000 + line.block,
                    weak=doubtful_words(line) or None)
            for text, line in zip(texts, lines, strict=True)]


def read_page(ocr: Ocr, image: Image, number: int, reason: str,
              dpi: int | None = None) -> tuple[list[RawLine], PageInfo]:
    """OCR one page image (or take it from the cache): its lines and how it was read."""
    hits = ocr.cache_hits
    result = ocr.page(image, dpi=dpi)
    cached = ocr.cache_hits > hits
    result = reread(ocr, image, result, dpi)          # a signer's name lost under a stamp, read again
    return ocr_lines(result, number), PageInfo(number, "ocr", result.confidence, reason, cached=cached)
