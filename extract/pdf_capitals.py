"""TCVN3 capitals in a PDF: text set in an ABC capitals font (.VnTimeH) reads as lower case.

The ABC fonts show capitals through separate fonts whose lowercase positions draw capital letters,
so a header written in `.VnTimeH` ("ng©n hµng nhµ n−íc") comes out of the text layer, once
converted, as "ngân hàng nhà nước": no head word, no issuer, no title. The font of each character
says which runs were drawn as capitals (`legacy.encoding_of_font` → "tcvn3h"); those runs are
found again in the converted page text and put in upper case. Only TCVN3 documents pay for this.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.extract import legacy

Run = tuple[int, str]        # where a run starts in the page's text layer, and its characters


def capitals_runs(textpage: pdfium.PdfTextPage) -> list[Run]:
    """The page's runs of characters drawn in a TCVN3 capitals font, as the text layer has them."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if len(text) != n:                   # a character outside the BMP: indexes would not match
        return []
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    runs: list[Run] = []
    start = -1
    fonts: dict[bytes, bool] = {}
    for i in range(n + 1):
        upper = False
        if i < n:
            size = pdfium_c.FPDFText_GetFontInfo(textpage, i, buf, len(buf), ctypes.byref(flags))
            raw = buf.value if size else b""
            if raw not in fonts:
                fonts[raw] = legacy.encoding_of_font(raw.decode("latin-1")) == "tcvn3h"
            upper = fonts[raw]
        if upper and start < 0:
            start = i
        elif not upper and start >= 0:
            runs.append((start, text[start:i]))
            start = -1
    return [r for r in runs if any(c.isalpha() for c in r[1])]


def restore(text: str, runs: list[Run], encoding: str) -> str:
    """`text` (a page, converted from `encoding`) with each capitals run upper-cased where it stands.

    A run is looked for where the text layer puts it, give or take what cleaning shortened since
    (a line end "\r\n" is one character now): a capital with its tone mark is often a run of one
    letter ("Ổ" of "Ổn"), which found anywhere further on would upper-case another word's letter.
    """
    out: list[str] = []
    pos = raw_end = 0
    for start, run in runs:
        lower = legacy.translate(run, encoding)
        gap = start - raw_end
        expected = pos + gap
        slack = 2 + gap // 8
        lo, hi = max(pos, expected - slack), expected + slack + len(lower)
        found = [k for k in range(lo, min(hi, len(text)) - len(lower) + 1) if text.startswith(lower, k)]
        if not found:
            continue                     # the converted page reads it otherwise: leave it
        at = min(found, key=lambda k: abs(k - expected))
        out += [text[pos:at], legacy.translate(run, "tcvn3h")]
        pos, raw_end = at + len(lower), start + len(run)
    return "".join(out) + text[pos:]


def restore_pages(pdf: pdfium.PdfDocument, texts: list[str], encoding: str) -> list[str]:
    """Every page of a TCVN3 PDF with its capitals restored (pages already read, opened again)."""
    out = []
    for i, text in enumerate(texts):
        page = pdf[i]
        textpage = page.get_textpage()
        try:
            runs = capitals_runs(textpage)
        finally:
            textpage.close()
            page.close()
        out.append(restore(text, runs, encoding) if runs else text)
    return out
