"""Hostile files built in a test's folder: a zip bomb and a DOCX of millions of empty paragraphs."""

from __future__ import annotations

import zipfile
from pathlib import Path

_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          b'wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="word/document.xml"/></Relationships>')
_HEAD = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         b'<w:body>')
_TAIL = b"</w:body></w:document>"


def many_paragraphs(path: Path, n: int = 3_000_000) -> Path:
    """A Word file of `n` empty paragraphs: ~100 KB on disk, tens of MB of XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", _HEAD + b"<w:p/>" * n + _TAIL)
    return path


def zip_bomb(path: Path, megabytes: int = 1024) -> Path:
    """A Word file whose document.xml unpacks to `megabytes` of blanks (~1 MB per GB on disk).

    The member is deflated in chunks, so the test never holds it whole.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_HEAD + b"<w:p><w:r><w:t>")
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p>" + _TAIL)
    return path


def big_text(path: Path, megabytes: int = 120) -> Path:
    """A plain text of `megabytes` MB of real-looking lines."""
    line = "Thực hiện Kế hoạch số 450/KH-SYT ngày 12/3/2025 của Sở Y tế về cải cách hành chính.\n".encode()
    block = line * ((1 << 20) // len(line) + 1)
    with open(path, "wb") as fh:
        for _ in range(megabytes):
            fh.write(block[: 1 << 20])
    return path
