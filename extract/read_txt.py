"""Plain text: UTF-8 (with or without BOM) or UTF-16; anything else is a clear error."""

from __future__ import annotations

import codecs

from vanban.extract import legacy
from vanban.extract.model import RawDocument, RawLine, ReadError
from vanban.patterns.strings import reason


def decode(data: bytes, path: str) -> str:
    """The text of `data`: UTF-8 or UTF-16, or the cp1252 reading of legacy TCVN3/VNI bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        return _strict(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", path)
    # TCVN3 and VNI files are single-byte: their cp1252 reading is converted by legacy.fix.
    as_8bit = data.decode("cp1252", errors="replace")
    if legacy.detect(as_8bit):
        return as_8bit
    pos = utf8_error.start
    raise ReadError(path, reason("not_text", byte=f"{data[pos]:02x}", offset=pos))


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(path, reason("bad_encoding", encoding=encoding.upper(), offset=err.start)) from None


def read_txt(path: str, data: bytes) -> RawDocument:
    text, enc = legacy.fix(decode(data, path))
    pages = text.split("\f")
    lines = [RawLine(line, page=i + 1) for i, page in enumerate(pages) for line in page.splitlines()]
    # a page break (form feed) is the only page a text file knows: without one, positions are paragraphs
    raw = RawDocument(lines=lines, pages=len(pages), encoding=enc, pages_known=len(pages) > 1)
    if enc:
        raw.notes.append(f"converted from the legacy {enc.upper()} encoding")
    return raw
