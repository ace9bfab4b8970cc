"""The names uploads came with, shown back instead of where their content is kept.

An upload's content is kept by its hash (`DATA/files/ab/<sha256>.<ext>`), never under a name a
browser sent (a name is not a safe path, and two names may hold one content). So that the pages
and the downloaded workbook still say the name the officer knows, the first name each content
was sent under is kept beside it, in `DATA/names.json` (content hash -> name); no page shows a
path where a file is kept.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

from sqlalchemy import Engine, select

from vanban.db.models import SourceFile


class Names:
    """Content hash -> the name it was first uploaded under, kept on disk across restarts."""

    def __init__(self, data: Path) -> None:
        self.file = data / "names.json"
        self.files = (data / "files").resolve()
        self.lock = threading.Lock()
        try:
            self.names: dict[str, str] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.names = {}

    def add(self, sha: str, name: str) -> str:
        """Keep `name` for `sha` unless the content already has one (the first name stays); the name kept."""
        with self.lock:
            if sha in self.names:
                return self.names[sha]
            self.names[sha] = name
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".names-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(self.names, out, ensure_ascii=False)
            os.replace(tmp, self.file)
            return name

    def uploaded(self, path: str) -> bool:
        """Whether `path` is where an upload's content is kept (DATA/files/ab/<hash>.<ext>)."""
        p = Path(path)
        return p.parent.parent == self.files and len(p.stem) == 64

    def shown(self, path: str) -> str:
        """A stored file as a user knows it: an upload by the name it was sent under, any other by its
        file name (no folder: no page says where a file is kept)."""
        p = Path(path)
        if self.uploaded(path):
            return self.names.get(p.stem, p.name)
        return p.name

    def in_workbook(self, path: str) -> str:
        """The workbook's file column: an upload by its name; a file ingested from a folder as it was
        (the officer who ran `vanban ingest` knows that folder)."""
        return self.shown(path) if self.uploaded(path) else path

    def known(self, engine: Engine, sha: str) -> str | None:
        """The name under which the store holds this content now (read, stored, a current file), or None.
        Content only an older version of a file held is no longer in any report: sent again, it is read."""
        with engine.connect() as conn:
            path = conn.execute(select(SourceFile.path).where(
                SourceFile.sha256 == sha, SourceFile.status == "ingested", SourceFile.current.is_(True),
                SourceFile.document_id.is_not(None)).order_by(SourceFile.id)).scalars().first()
        return None if path is None else self.shown(path)
