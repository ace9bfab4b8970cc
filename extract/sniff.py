"""Tell a file's real format from its first bytes, so a misnamed file gets a clear reason."""

from __future__ import annotations

from vanban.patterns.strings import reason

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

KINDS = ("pdf", "docx", "doc", "zip", "ole", "rtf", "html", "png", "jpeg", "tiff", "text", "binary", "empty")
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0e, 0x20)])


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
    return "binary" if _binary(head[:4096]) else "text"


def _binary(head: bytes) -> bool:
    """Bytes no text holds: control bytes beyond one in twenty (random data has one in eleven;
    VISCII puts six rare capitals there). Text in UTF-16, whose NULs fall on every other byte, is text."""
    quarter = len(head) // 4
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[::2].count(0) > quarter or head[1::2].count(0) > quarter:
        return False
    return sum(head.count(c) for c in _CONTROL) > len(head) // 20


def describe(kind: str) -> str:
    """What a kind of content is, in words (`a PDF`): the reasons catalogue's `content_*`."""
    return reason(f"content_{kind}") if kind in KINDS else kind
