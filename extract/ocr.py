"""OCR of one page image with Tesseract 5 and its Vietnamese model, through tesserocr.

tesserocr drives Tesseract's C API in this process: the model is loaded once per process and
each page costs only its recognition, where pytesseract starts a `tesseract` process and loads
the model again for every page (bench/ocr.py measures both). The model comes from Debian's
`tesseract-ocr-vie` (or TESSDATA_PREFIX). Tesseract's own threads are limited to one
(`OMP_THREAD_LIMIT=1`): the ingest pool runs one worker a core instead.

The result keeps the words with their boxes and confidences: the record reports each page's
confidence, the header uses a word's confidence to refuse a doubtful number, and the web page
marks a span on the page image from the boxes.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.patterns.strings import reason

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

if TYPE_CHECKING:
    from PIL.Image import Image

_SPECK = 0.5      # a word of punctuation only, read with less confidence than this, is noise
_TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                  "/usr/share/tessdata", "/usr/local/share/tessdata")


@dataclass(frozen=True)
class OcrSettings:
    """How pages are recognised; part of the cache key, so a change of settings reads again."""

    dpi: int = 300               # a page without a scan's own resolution is rendered at this
    lang: str = "vie"
    psm: int = 3                 # Tesseract's automatic page segmentation (columns become blocks)
    low_confidence: float = 0.70  # a page whose mean word confidence is below this is read badly
    orient_below: float = 0.60   # below this, the page may be sideways: ask orientation detection
    orient: bool = True          # False for a region of a page read upright (a signature under its stamp)

    def key(self) -> str:
        return f"tesseract5:{self.lang}:psm{self.psm}:dpi{self.dpi}" + ("" if self.orient else ":upright")


@dataclass
class Word:
    text: str
    conf: float                          # 0..1
    box: tuple[int, int, int, int]       # x0, y0, x1, y1 in image pixels


@dataclass
class OcrLine:
    words: list[Word]
    block: int                           # Tesseract's block: a column or a paragraph of its own
    tab_before: list[bool] = field(default_factory=list)   # a wide gap before word i (two columns)

    @property
    def text(self) -> str:
        """The line as text, without specks at its ends: a word of punctuation only, read with low
        confidence at the start or end of a line, is dust or a stamp's edge ("-", "'"), not a dash
        of the document. Inside a line it stays: it may be a hand's scrawl in a form's blank."""
        out: list[str] = []
        last = len(self.words) - 1
        for i, (w, tab) in enumerate(zip(self.words, self.tab_before, strict=True)):
            if i in (0, last) and w.conf < _SPECK and not any(ch.isalnum() for ch in w.text):
                continue
            if out:
                out.append("\t" if tab else " ")
            out.append(w.text)
        return "".join(out)


@dataclass
class OcrPage:
    """What Tesseract read on one page image."""

    lines: list[OcrLine]
    width: int
    height: int
    confidence: float | None             # mean word confidence 0..1; None when no word was read
    rotated: int = 0                     # degrees the image was turned before reading

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OcrPage:
        lines = [OcrLine(words=[Word(w["text"], w["conf"], tuple(w["box"])) for w in ln["words"]],
                         block=ln["block"], tab_before=list(ln["tab_before"])) for ln in data["lines"]]
        return cls(lines=lines, width=data["width"], height=data["height"],
                   confidence=data["confidence"], rotated=data.get("rotated", 0))


def tessdata_dir() -> Path | None:
    """The folder holding `vie.traineddata`: TESSDATA_PREFIX, else Debian's and the usual places."""
    explicit = os.environ.get("VANBAN_TESSDATA") or os.environ.get("TESSDATA_PREFIX")
    candidates = [explicit] if explicit else list(_TESSDATA_DIRS)
    for d in candidates:
        if d and (Path(d) / "vie.traineddata").is_file():
            return Path(d)
    return None


@cache
def unavailable() -> str | None:
    """Why OCR cannot run here, as one line naming what to install; None when it can."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return reason("ocr_no_tesserocr", install=reason("ocr_install"))
    if tessdata_dir() is None:
        return reason("ocr_no_model", install=reason("ocr_install"))
    return None


@cache
def _api(tessdata: str, lang: str, psm: int) -> Any:
    """One Tesseract engine per process and settings: loading the model costs ~0.3 s."""
    import tesserocr

    return tesserocr.PyTessBaseAPI(path=tessdata + "/", lang=lang, psm=psm)


def _osd_api(tessdata: str) -> Any:
    import tesserocr

    return _api(tessdata, "osd", tesserocr.PSM.OSD_ONLY)


def recognise(image: Image, settings: OcrSettings) -> OcrPage:
    """Read one page image; a page read badly is checked for a sideways or upside-down scan."""
    page = _recognise(image, settings)
    if not settings.orient or (page.confidence is not None and page.confidence >= settings.orient_below):
        return page
    angle = _orientation(image)
    if not angle:
        return page
    turned = _recognise(image.rotate(angle, expand=True), settings)
    if (turned.confidence or 0) > (page.confidence or 0):
        turned.rotated = angle
        return turned
    return page


def _orientation(image: Image) -> int:
    """The counter-clockwise turn that puts the text upright, per Tesseract's OSD (~0.7 s)."""
    tessdata = tessdata_dir()
    if tessdata is None or not (tessdata / "osd.traineddata").is_file():
        return 0
    api = _osd_api(str(tessdata))
    api.SetImage(image)
    try:
        osd = api.DetectOrientationScript()
    except RuntimeError:
        return 0
    if not osd or osd.get("orient_conf", 0) < 1.5:
        return 0
    return int(osd.get("orient_deg", 0)) % 360


def _recognise(image: Image, settings: OcrSettings) -> OcrPage:
    import tesserocr
    from tesserocr import RIL

    tessdata = tessdata_dir()
    if tessdata is None:
        raise RuntimeError(unavailable())
    api = _api(str(tessdata), settings.lang, settings.psm)
    api.SetImage(image)
    api.SetSourceResolution(settings.dpi)
    with _quiet_stderr():
        api.Recognize()
    lines: list[OcrLine] = []
    block = 0
    it = api.GetIterator()
    for w in tesserocr.iterate_level(it, RIL.WORD) if it is not None else ():
        try:
            text = w.GetUTF8Text(RIL.WORD)
        except RuntimeError:            # "No text returned": a blank page, or an empty word
            continue
        if not text or not text.strip():
            continue
        box = w.BoundingBox(RIL.WORD)
        if box is None:
            continue
        if w.IsAtBeginningOf(RIL.BLOCK):
            block += 1
        word = Word(text.strip(), round(w.Confidence(RIL.WORD) / 100, 3), tuple(box))
        if w.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
            lines.append(OcrLine(words=[word], block=block, tab_before=[False]))
        else:
            lines[-1].words.append(word)
            lines[-1].tab_before.append(False)
    for line in lines:
        _mark_gaps(line)
    confs = [w.conf for line in lines for w in line.words]
    return OcrPage(lines=lines, width=image.width, height=image.height,
                   confidence=round(statistics.fmean(confs), 3) if confs else None)


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Leptonica prints "Error in boxClipToRectangle" and the like straight to file descriptor 2
    on odd scans; they mean nothing to a user, so they are silenced while a page is read."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _mark_gaps(line: OcrLine) -> None:
    """A gap wider than three letter heights splits a line into columns (place | date)."""
    heights = [w.box[3] - w.box[1] for w in line.words]
    gap = 3 * (statistics.median(heights) if heights else 0)
    for i in range(1, len(line.words)):
        line.tab_before[i] = line.words[i].box[0] - line.words[i - 1].box[2] > gap > 0
