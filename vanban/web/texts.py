"""A document's text and page images for the pages, read from its stored file by the same reader as ingest.

The store keeps spans and pages, not the text: the report page and the sentences of a directive's
citations read the file again (`vanban.extract.read.read`, with the store's OCR cache, so a scan is
not OCR'd twice) and keep the last few hundred texts in memory, by content hash.
"""

from __future__ import annotations

import io
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from vanban.extract.clauses import sentence_of


@dataclass(frozen=True)
class Text:
    text: str
    line_starts: list[int]
    line_pages: list[int]
    pages: int
    scanned: frozenset[int] = frozenset()        # pages read by OCR: their boxes are the OCR's words

    def page_at(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        if not self.line_starts:
            return 1
        return self.line_pages[max(bisect_right(self.line_starts, offset) - 1, 0)]

    def sentence(self, start: int | None, end: int | None) -> str:
        if start is None or end is None or end > len(self.text):
            return ""
        s, e = sentence_of(self.text, (start, end))
        return " ".join(self.text[s:e].split())

    def page_bounds(self) -> list[tuple[int, int, int]]:
        """(page, start, end) of each page's text."""
        out: list[tuple[int, int, int]] = []
        for start, page in zip(self.line_starts, self.line_pages, strict=True):
            if out and out[-1][0] == page:
                continue
            if out:
                out[-1] = (out[-1][0], out[-1][1], start)
            out.append((page, start, len(self.text)))
        return out or [(1, 0, len(self.text))]


class _Lru:
    def __init__(self, size: int) -> None:
        self.size, self.items, self.lock = size, OrderedDict[Any, Any](), threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class Texts:
    """Texts and page images by content hash; `store` is the URL whose OCR page cache a scan reads."""

    def __init__(self, store: str, size: int = 400) -> None:
        self.store = store
        self.texts = _Lru(size)
        self.images = _Lru(64)
        self.boxes = _Lru(256)

    def text(self, path: str, sha256: str) -> Text | None:
        """The document's text, None when its file is gone or no longer reads."""
        found = self.texts.get(sha256)
        if found is not None:
            return found
        from vanban.db.ocr_cache import StoreCache
        from vanban.extract.model import ReadError
        from vanban.extract.ocr_cache import Ocr
        from vanban.extract.read import read

        if not path or not Path(path).is_file():
            return None
        try:
            doc = read(path, ocr=Ocr(cache=StoreCache(self.store)))
        except (ReadError, OSError):
            return None
        found = Text(doc.text, doc.line_starts, doc.line_pages, doc.pages,
                     frozenset(p.page for p in doc.page_list if p.method == "ocr"))
        self.texts.put(sha256, found)
        return found

    def page_png(self, path: str, sha256: str, page: int, width: int = 900) -> bytes | None:
        """Page `page` (1-based) of a PDF as a PNG `width` pixels wide (pypdfium2)."""
        key = (sha256, page, width)
        found = self.images.get(key)
        if found is not None:
            return found
        import pypdfium2 as pdfium

        if not path or not Path(path).is_file():
            return None
        pdf = pdfium.PdfDocument(path)
        try:
            if not 1 <= page <= len(pdf):
                return None
            p = pdf[page - 1]
            image = p.render(scale=width / p.get_width()).to_pil()
            buf = io.BytesIO()
            image.convert("L").save(buf, format="PNG", optimize=True)
        finally:
            pdf.close()
        self.images.put(key, buf.getvalue())
        return buf.getvalue()


    def page_boxes(self, path: str, sha256: str, text: Text,
                   marks: list[tuple[int, int, str, str]]) -> dict[int, list[Any]]:
        """Per page, the boxes of the marked spans on the PDF's page image (see `boxes`); {} when unreadable."""
        wanted: dict[int, list[tuple[str, str, str]]] = {}
        for s, e, cls, title in marks:
            page = text.page_at(s)
            if page is not None and e <= len(text.text):
                wanted.setdefault(page, []).append((text.text[s:e], cls, title))
        key = (sha256, tuple((p, tuple(v)) for p, v in sorted(wanted.items())))
        found = self.boxes.get(key)
        if found is None:
            from vanban.web.boxes import page_boxes

            try:
                found = page_boxes(path, self.store, wanted, set(text.scanned))
            except Exception:                     # a mark that cannot be placed costs its box, not the page
                found = {}
            self.boxes.put(key, found)
        return found


def marked(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> Markup:
    """text[start:end] as HTML with each (start, end, class, title) span in a <mark>; overlaps are dropped."""
    out: list[str] = []
    pos = start
    for s, e, cls, title in sorted(m for m in marks if m[0] < end and m[1] > start):
        s, e = max(s, start), min(e, end)
        if s < pos:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f'<mark class="{escape(cls)}" title="{escape(title)}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(str(escape(text[pos:end])))
    return Markup("".join(out))
