"""PDF: fast text per page with pypdfium2, pdfplumber's table finder only where a page has rulings.

pypdfium2 reads a page's text in ~2 ms where pdfplumber's `extract_text` takes ~80 ms, so text
comes from pdfium; tables need pdfplumber's geometry, and only pages drawn with enough line
segments are handed to it. A page without usable text (a scan, a stamp, an OCR layer made without
Vietnamese, glyphs drawn as paths) is rendered with pdfium and read by OCR (`pages`, `ocr`).
"""

from __future__ import annotations

from itertools import repeat

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.extract import legacy, pages, pdf_capitals, pdf_objects, pdf_tables, pdf_widgets, textcheck
from vanban.extract.model import PageInfo, RawDocument, RawLine, ReadError
from vanban.extract.ocr_cache import Ocr, OcrUnavailable
from vanban.patterns.strings import reason

_MIN_DOC_LETTERS = 300     # a scan whose only text is a signature stamp is still a scan


# PDFium's error codes (FPDF_ERR_*) on opening a document, and the reason each is
_PASSWORD = 4
_PDFIUM_REASONS = {3: "pdf_format", 5: "pdf_security", 6: "pdf_page"}


def _open(path: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg, code = str(err), getattr(err, "err_code", None)
        if code == _PASSWORD or "password" in msg.lower():
            raise ReadError(path, reason("pdf_password")) from None
        if code in _PDFIUM_REASONS:             # said in the user's language, not PDFium's English
            raise ReadError(path, reason(_PDFIUM_REASONS[code])) from None
        raise ReadError(path, reason("pdf_damaged", error=msg.rstrip("."))) from None


def page_text(textpage: pdf_objects.AnyTextPage, raw: str | None = None) -> str:
    """A page's text (or `raw`, text read from it); pdfium ends lines with CRLF and marks a hyphen
    that broke a line as U+FFFE (left for the caller, see read_pdf) or U+0002 inside a table cell."""
    text = textpage.get_text_range() if raw is None else raw
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")


def scan_dpi(page: pdfium.PdfPage, default: int) -> int:
    """The resolution to render a scanned page at: its scan's own (bench/ocr.py: rendering a 200 dpi
    scan at 300 dpi only interpolates, and Tesseract reads it worse), kept within 200-300 dpi;
    `default` for a page without a page-wide image (glyphs drawn as paths)."""
    width = page.get_width()
    best = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = image.get_bounds()
        if right - left >= 0.5 * width:
            best = max(best, image.get_px_size()[0] * 72 / (right - left))
    return default if not best else round(min(max(best, 200), 300))


def read_pdf(path: str, data: bytes, *, ocr: Ocr | None = None, tables: bool = True,
             settings: pdf_tables.TableSettings = pdf_tables.DEFAULT) -> RawDocument:
    """Each page from its text layer, or by OCR where the layer is missing, a stamp or not Vietnamese."""
    pdf = _open(path, data)
    flattener = pdf_widgets.Flattener(data)     # what annotations show (a signing system's number and day)
    try:
        n = len(pdf)
        if n == 0:
            raise ReadError(path, reason("pdf_no_pages"))
        texts, images, paths = [], [], []
        ruled: dict[int, list] = {}        # tables of each page with rulings, found while it is open
        for i in range(n):
            page = pdf_objects.Page(pdf, i)       # raw handles, closed here: no finalizer per page
            try:
                textpage = page.get_textpage()
                try:
                    shown = (pdf_widgets.page_text(textpage, flattener, i) if pdf_widgets.shows_something(page)
                             else None)
                    texts.append(page_text(textpage, shown))
                    objects = pdf_objects.walk(page, max_depth=3)     # once for the census and the ruling lines
                    seen = pdf_objects.census(objects, max(settings.min_paths, pages.MIN_GLYPH_PATHS))
                    if tables and seen.paths >= settings.min_paths:
                        ruled[i] = pdf_tables.page_tables(page, settings, textpage, objects)
                finally:
                    textpage.close()
            finally:
                page.close()
            images.append(seen.images)
            paths.append(min(seen.paths, pages.MIN_GLYPH_PATHS))
        # U+FFFE stays until legacy.fix: in TCVN3 text it is a line-end "ư", in Unicode a hyphen
        whole, enc = legacy.fix("\n\f".join(texts))
        whole = whole.replace("\ufffe", "-")
        texts = whole.split("\n\f")
        if enc == "tcvn3":                      # headers set in .VnTimeH read as lower case
            texts = pdf_capitals.restore_pages(pdf, texts, enc)
            whole = "\n\f".join(texts)
        # `whole` itself when no line is a signature stamp, or when no page could need OCR (no image,
        # no glyphs drawn as paths): then nothing below looks at it
        suspect = any(images) or max(paths) >= pages.MIN_GLYPH_PATHS
        body = pages.body_text(whole) if suspect else whole
        # legacy.fix has judged this very text (or found its encoding): not judged again; the verdict
        # only matters for a page with an image, and is not reached for without one
        not_vietnamese = any(images) and textcheck.check(
            body, legacy_checked=enc is not None or body is whole).verdict == "no_vietnamese"
        reasons = {i: r for i in range(n)
                   if (r := pages.ocr_reason(texts[i], images=images[i], paths=paths[i],
                                             layer_not_vietnamese=not_vietnamese, stamped=body is not whole))}
        page_list = [PageInfo(i + 1, "text") for i in range(n)]
        lines_of: dict[int, list[RawLine]] = {}
        unread: list[int] = []
        blocked = ""
        for i in sorted(reasons):
            try:
                if ocr is None or not ocr.enabled:
                    raise OcrUnavailable(reason("ocr_off"))
                page = pdf[i]
                dpi = scan_dpi(page, ocr.settings.dpi)
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                lines_of[i], page_list[i] = pages.read_page(ocr, image, i + 1, reasons[i], dpi=dpi)
            except OcrUnavailable as err:
                blocked = str(err)
                unread.append(i)
        if unread:
            _refuse_unread(path, n, reasons, texts, blocked, read_by_ocr=bool(lines_of))
        found = pdf_tables.join_tables({i: t for i, t in ruled.items() if i not in reasons}, settings)
    finally:
        flattener.close()
        pdf.close()

    lines = []
    for i, t in enumerate(texts):
        if i in lines_of:
            lines.extend(lines_of[i])
        elif i not in unread:
            lines.extend(map(RawLine, t.split("\n"), repeat(i + 1)))    # positional: no keyword parsing per line
    if enc:
        for t in found:
            t.rows = [[c if c is None else legacy.convert(c, enc) for c in row] for row in t.rows]
    raw = RawDocument(lines=lines, pages=n, ocr_pages=[i + 1 for i in unread], encoding=enc, tables=found,
                      page_list=page_list)
    if enc:
        raw.notes.append(f"converted from the legacy {enc.upper()} encoding")
    if unread:
        raw.notes.append(f"page{'s' * (len(unread) > 1)} {_ranges([i + 1 for i in unread])} not read "
                         f"({reasons[unread[0]]}): {blocked}")
    return raw


def _refuse_unread(path: str, n: int, reasons: dict[int, str], texts: list[str], blocked: str, *,
                   read_by_ocr: bool) -> None:
    """When OCR cannot run and no page has usable text, the file fails with what to install."""
    usable = sum(textcheck.count_letters(t) for i, t in enumerate(texts) if i not in reasons)
    if read_by_ocr or usable >= _MIN_DOC_LETTERS:
        return
    what = (reason("layer_not_vietnamese") if "not Vietnamese" in next(iter(reasons.values())) else
            reason("image_only_pdf_1") if n == 1 else reason("image_only_pdf", pages=n))
    raise ReadError(path, reason("needs_ocr", what=what, blocked=blocked))


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
