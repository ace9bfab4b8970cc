"""PDF: fast text per page with pypdfium2, pdfplumber's table finder only where a page has rulings.

pypdfium2 reads a page's text in ~2 ms where pdfplumber's `extract_text` takes ~80 ms, so text
comes from pdfium; tables need pdfplumber's geometry, and only pages drawn with enough line
segments are handed to it. A page without usable text is listed as needing OCR.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.extract import legacy, pdf_tables, textcheck
from vanban.extract.model import RawDocument, RawLine, ReadError

_MIN_PAGE_LETTERS = 40     # fewer letters than this on a page: a stamp or a page number, not text
_MIN_DOC_LETTERS = 300     # a scan whose only text is a signature stamp is still a scan


def _open(path: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise ReadError(path, "password-protected PDF: remove the password and try again") from None
        raise ReadError(path, f"damaged or truncated PDF ({msg.rstrip('.')})") from None


def page_text(page: pdfium.PdfPage) -> str:
    """A page's text; pdfium ends lines with CRLF and marks a hyphen that broke a line as U+FFFE
    (left for the caller, see read_pdf) or U+0002 inside a table cell."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")


def is_ruled(page: pdfium.PdfPage, min_paths: int) -> bool:
    """A page drawn with at least `min_paths` path objects: a candidate for tables."""
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)
    return any(n >= min_paths for n, _ in enumerate(paths, start=1))


def read_pdf(path: str, data: bytes, *, tables: bool = True,
             settings: pdf_tables.TableSettings = pdf_tables.DEFAULT) -> RawDocument:
    pdf = _open(path, data)
    try:
        n = len(pdf)
        if n == 0:
            raise ReadError(path, "PDF has no pages")
        texts = []
        ruled = []                      # table candidates, noted while each page is loaded anyway
        for i in range(n):
            page = pdf[i]
            texts.append(page_text(page))
            if tables and is_ruled(page, settings.min_paths):
                ruled.append(i)
            page.close()
        # U+FFFE stays until legacy.fix: in TCVN3 text it is a line-end "ư", in Unicode a hyphen
        whole, enc = legacy.fix("\n\f".join(texts))
        whole = whole.replace("\ufffe", "-")
        texts = whole.split("\n\f")
        letters = [textcheck.count_letters(t) for t in texts]
        ocr_pages = [i + 1 for i, c in enumerate(letters) if c < _MIN_PAGE_LETTERS]
        if sum(letters) < _MIN_DOC_LETTERS or len(ocr_pages) == n:
            raise ReadError(path, f"image-only PDF ({n} page{'s' * (n > 1)}, {sum(letters)} letters of text): "
                                  "needs OCR")
        verdict = textcheck.check(whole)
        if verdict.verdict == "no_vietnamese":
            raise ReadError(path, "the text layer is not Vietnamese (an OCR layer made without Vietnamese, "
                                  f"{verdict.viet_share:.0%} accented letters): needs OCR")
        found = pdf_tables.find_tables(pdf, [i for i in ruled if i + 1 not in ocr_pages], settings)
    finally:
        pdf.close()

    lines = [RawLine(line, page=i + 1) for i, t in enumerate(texts) for line in t.split("\n")]
    if enc:
        for t in found:
            t.rows = [[c if c is None else legacy.convert(c, enc) for c in row] for row in t.rows]
    raw = RawDocument(lines=lines, pages=n, ocr_pages=ocr_pages, encoding=enc, tables=found)
    if enc:
        raw.notes.append(f"converted from the legacy {enc.upper()} encoding")
    if ocr_pages:
        raw.notes.append(f"page{'s' * (len(ocr_pages) > 1)} {_ranges(ocr_pages)} "
                         f"{'have' if len(ocr_pages) > 1 else 'has'} no text layer: needs OCR")
    return raw


def _ranges(pages: list[int]) -> str:
    out, start, prev = [], pages[0], pages[0]
    for p in [*pages[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
        if p is not None:
            start = prev = p
    return ", ".join(out)
