"""Decide page by page how a page is read: its text layer, or OCR of its image.

A text layer is trusted only when it carries the page's words: a scan has none, or only the
digital-signature stamp added after scanning; a scan run through OCR without Vietnamese carries
a layer of Latin letters ("CQNG HOA xA HQI"); Print-to-PDF may draw the glyphs as paths. One
document can mix both kinds (a typed report whose signed last page is scanned).
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract import textcheck
from vanban.extract.catalogue import load
from vanban.extract.model import RawLine
from vanban.extract.ocr import OcrPage

MIN_PAGE_LETTERS = 40      # fewer letters than this: a page number or a stamp, not the page's text
MIN_GLYPH_PATHS = 200      # a page with no text but this many path objects draws its glyphs as paths

@cache
def _stamp() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in load("layout")["signature_stamp"]), regex.I)


def body_text(text: str) -> str:
    """A page's text without the lines of a digital-signature stamp ("Người ký: …", "Thời gian ký")."""
    return "\n".join(line for line in text.split("\n") if not _stamp().search(line))


def ocr_reason(text: str, *, images: int, paths: int, layer_not_vietnamese: bool) -> str | None:
    """Why a page with this text layer must be read by OCR, or None when its text is usable.

    `layer_not_vietnamese` is the verdict on the whole document's layer, for pages too short
    to judge alone.
    """
    body = body_text(text)
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


def ocr_lines(page: OcrPage, number: int) -> list[RawLine]:
    """OCR lines as running text: a Tesseract block (a column, a paragraph) never folds into another."""
    return [RawLine(line.text, page=number, kind="text", group=number * 10_000 + line.block)
            for line in page.lines if line.words]
