"""Old Word .doc through LibreOffice headless (converted to .docx, then read as DOCX)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from vanban.extract.model import RawDocument, ReadError
from vanban.extract.read_docx import read_docx

_TIMEOUT = 120


def soffice() -> str | None:
    """The LibreOffice binary, if installed (VANBAN_SOFFICE overrides the search)."""
    explicit = os.environ.get("VANBAN_SOFFICE")
    if explicit:
        return explicit if shutil.which(explicit) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: str, data: bytes) -> RawDocument:
    exe = soffice()
    if not exe:
        raise ReadError(path, "needs LibreOffice for .doc (install it, e.g. apt-get install "
                              "libreoffice-writer-nogui, or save the file as .docx)")
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        # A profile of its own lets several conversions run at once (spec/tech-notes.md).
        profile = Path(tmp, "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise ReadError(path, f"LibreOffice did not convert the .doc within {_TIMEOUT} s") from None
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise ReadError(path, "LibreOffice could not read this .doc (damaged or not a Word file)")
        raw = read_docx(path, out.read_bytes())
    return raw
