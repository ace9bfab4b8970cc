"""Old Word .doc through LibreOffice headless (converted to .docx, then read as DOCX)."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from functools import cache
from pathlib import Path

from vanban.extract.model import RawDocument, ReadError
from vanban.extract.ocr_cache import Ocr
from vanban.extract.read_docx import read_docx
from vanban.patterns.strings import reason

_TIMEOUT = 120
_LOCK = threading.Lock()      # one LibreOffice profile serves one conversion at a time


@cache
def _profile() -> Path:
    """A LibreOffice profile for this process, kept between conversions: a new profile costs
    ~8 s to create, a conversion with an existing one ~2 s. Processes never share one."""
    path = Path(tempfile.mkdtemp(prefix=f"vanban-lo-{os.getpid()}-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def soffice() -> str | None:
    """The LibreOffice binary, if installed (VANBAN_SOFFICE overrides the search)."""
    explicit = os.environ.get("VANBAN_SOFFICE")
    if explicit:
        return explicit if shutil.which(explicit) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: str, data: bytes, *, ocr: Ocr | None = None) -> RawDocument:
    exe = soffice()
    if not exe:
        raise ReadError(path, reason("needs_libreoffice"))
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        # A profile of its own lets processes convert at once (spec/tech-notes.md).
        profile = _profile()
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            with _LOCK:
                subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT, check=False,
                               env={**os.environ, "HOME": str(profile)})
        except subprocess.TimeoutExpired:
            raise ReadError(path, reason("doc_timeout", seconds=_TIMEOUT)) from None
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise ReadError(path, reason("doc_unreadable"))
        raw = read_docx(path, out.read_bytes(), ocr=ocr)
    return raw
