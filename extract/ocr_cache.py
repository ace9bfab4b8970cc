"""The OCR service a reader is handed: settings, and a cache of pages keyed by the image's hash.

OCR costs about a second a page, reading a cached page a millisecond. The cache is an interface
so that reading never imports the store: `vanban extract` backs it with a folder, the ingest
pipeline with the store. The key is the hash of the page image's pixels and the OCR settings,
so a re-run, a renamed file or a second copy of the same scan is not read again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from vanban.extract.ocr import OcrPage, OcrSettings, recognise, unavailable
from vanban.patterns.strings import reason

if TYPE_CHECKING:
    from PIL.Image import Image


class OcrUnavailable(Exception):
    """OCR cannot run here (turned off, or Tesseract or its model missing): the message says why."""


class PageCache(Protocol):
    """Where OCR results are kept between runs."""

    def get(self, key: str) -> OcrPage | None: ...
    def put(self, key: str, page: OcrPage) -> None: ...


class FolderCache:
    """One gzipped JSON file a page under `root` (written atomically: readers may share it)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json.gz"

    def get(self, key: str) -> OcrPage | None:
        try:
            with gzip.open(self._path(key), "rt", encoding="utf-8") as fh:
                return OcrPage.from_dict(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError):
            return None             # absent or damaged: read the page again

    def put(self, key: str, page: OcrPage) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as fh:
                json.dump(page.to_dict(), fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass                    # a cache that cannot be written only costs time


def default_cache_dir() -> Path:
    """`$VANBAN_OCR_CACHE`, else `$XDG_CACHE_HOME/vanban/ocr`, else `~/.cache/vanban/ocr`."""
    explicit = os.environ.get("VANBAN_OCR_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vanban" / "ocr"


@dataclass
class Ocr:
    """OCR as a reader uses it: `page(image)` answers from the cache or reads the image."""

    settings: OcrSettings = field(default_factory=OcrSettings)
    cache: PageCache | None = None
    enabled: bool = True
    read_count: int = 0            # pages recognised by Tesseract in this process
    cache_hits: int = 0

    def unavailable(self) -> str | None:
        if not self.enabled:
            return reason("ocr_off")
        return unavailable()

    def key(self, image: Image) -> str:
        h = hashlib.sha256(f"{self.settings.key()}:{image.mode}:{image.width}x{image.height}:".encode())
        h.update(image.tobytes())
        return h.hexdigest()

    def page(self, image: Image, dpi: int | None = None) -> OcrPage:
        """The page from the cache, else read by Tesseract; OcrUnavailable when neither can answer.

        `dpi`: the image's resolution where it is not the rendering's (a picture in a Word file).
        A page in the cache is answered even where Tesseract is missing (a store shared with a
        machine that has it).
        """
        if not self.enabled:
            raise OcrUnavailable(reason("ocr_off"))
        settings = self.settings if dpi is None else replace(self.settings, dpi=dpi)
        key = self.key(image)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self.cache_hits += 1
                return hit
        missing = unavailable()
        if missing:
            raise OcrUnavailable(missing)
        page = recognise(image, settings)
        self.read_count += 1
        if self.cache is not None:
            self.cache.put(key, page)
        return page
