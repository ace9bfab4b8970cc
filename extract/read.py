"""Read any supported file into a normalised `Document`, or fail with one clear line."""

from __future__ import annotations

import importlib
import os
import stat
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from vanban.extract.limits import DEFAULT, Limits, check_zip
from vanban.extract.model import Document, RawDocument, ReadError
from vanban.extract.normalise import normalise
from vanban.extract.ocr_cache import Ocr
from vanban.extract.sniff import describe, sniff
from vanban.patterns.strings import reason


def reader(fmt: str) -> Callable[..., RawDocument]:
    """The reader of a format (`read_pdf`, `read_docx`, `read_doc`, `read_txt`), imported when first
    asked for: a text file needs neither pdfium nor python-docx (`vanban extract` of a one-page
    text would spend a fifth of its second importing them). The ingest's fork server imports them all."""
    module = importlib.import_module(f"vanban.extract.read_{fmt}")
    return getattr(module, f"read_{fmt}")
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".txt": "txt"}
_ACCEPTS = {"pdf": {"pdf"}, "docx": {"docx"}, "doc": {"ole", "rtf", "docx"}, "txt": {"text", "binary"}}
_RENAME = {"pdf": ".pdf", "docx": ".docx", "ole": ".doc", "rtf": ".rtf", "text": ".txt"}   # what vanban reads as it is
_EXPECTED = {"pdf": "content_pdf", "docx": "content_docx", "doc": "content_word_doc", "txt": "content_text"}


def format_of(path: str | Path) -> str | None:
    return EXTENSIONS.get(Path(path).suffix.lower())


def check_content(path: str, fmt: str, data: bytes) -> None:
    """Refuse content that is not what the extension says, naming what it is instead."""
    kind = sniff(data[:4096])
    if kind == "empty":
        raise ReadError(path, reason("empty"))
    if kind == "docx" or (kind == "zip" and fmt == "docx"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise ReadError(path, reason("zip_damaged")) from None
        kind = "docx" if "word/document.xml" in names else "zip"
    if kind in _ACCEPTS[fmt]:
        return
    expected = reason(_EXPECTED[fmt])
    if kind in _RENAME and _RENAME[kind] != f".{fmt}":
        raise ReadError(path, reason("wrong_content_rename", expected=expected, actual=describe(kind),
                                     suffix=_RENAME[kind]))
    raise ReadError(path, reason("wrong_content", expected=expected, actual=describe(kind)))


def _from_library(err: BaseException) -> bool:
    """Whether `err` was raised inside a library (pdfium, lxml, zipfile, …) on damaged input, not in vanban,
    or is pdfium's own error, which the PDF reader raises itself where it calls pdfium without pypdfium2's
    objects (a page that will not load: `pdf_objects.Page`)."""
    if type(err).__module__.startswith("pypdfium2"):
        return True
    tb = err.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and not str(tb.tb_frame.f_globals.get("__name__", "")).startswith("vanban")


def read(path: str | Path, *, ocr: Ocr | None = None, limits: Limits = DEFAULT) -> Document:
    """The normalised document of one file; ReadError with a reason when it cannot be read.

    `ocr` reads the pages that have no usable text (default: Tesseract, no cache); pass
    `Ocr(enabled=False)` to only report them. `limits`: the size and zip limits checked first.
    """
    name = str(path)
    fmt = format_of(path)
    if fmt is None:
        raise ReadError(name, reason("unsupported", suffix=Path(path).suffix or reason("no_suffix")))
    try:
        st = os.stat(path)
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
            raise ReadError(name, reason("not_regular"))
        too_large = limits.size_reason(fmt, st.st_size)
        if too_large:
            raise ReadError(name, too_large)
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ReadError(name, reason("is_folder")) from None
    except OSError as err:
        raise ReadError(name, reason("cannot_open", error=err.strerror)) from None
    check_content(name, fmt, data)
    if data[:2] == b"PK":
        check_zip(name, data, limits)
    try:
        raw = reader(fmt)(name, data) if fmt == "txt" else reader(fmt)(name, data, ocr=ocr or Ocr())
    except (ReadError, MemoryError, RecursionError):
        raise
    except Exception as err:
        if not _from_library(err):
            raise                                    # our bug: reported as an internal error
        what = str(err).strip().splitlines()[0] if str(err).strip() else ""
        error = f"{type(err).__name__}: {what}" if what else type(err).__name__
        raise ReadError(name, reason("damaged", fmt=fmt.upper(), error=error)) from None
    doc = normalise(raw, path=name, fmt=fmt, data=data)
    if not doc.text.strip():
        raise ReadError(name, reason("no_text"))
    return doc
