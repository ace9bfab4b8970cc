"""Tell a file's real format from its first bytes, so a misnamed file gets a clear reason."""

from __future__ import annotations

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

FORMAT_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word .docx file",
    "doc": "an old Word .doc file",
    "zip": "a zip archive",
    "ole": "an old Office file (.doc/.xls/.ppt)",
    "rtf": "an RTF file",
    "html": "an HTML page",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "tiff": "a TIFF image",
    "text": "plain text",
    "empty": "an empty file",
}


def sniff(head: bytes) -> str:
    """The format that the first bytes of a file show."""
    if not head:
        return "empty"
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"[Content_Types].xml" in head or b"word/" in head else "zip"
    if head.startswith(OLE2):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    low = head[:512].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return "html"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return "text"


def describe(kind: str) -> str:
    return FORMAT_NAMES.get(kind, kind)
