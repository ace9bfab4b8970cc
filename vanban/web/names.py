"""The names uploads came with, shown back instead of where their content is kept.

An upload's content is kept by its hash (`DATA/files/ab/<sha256>.<ext>`), never under a name a
browser sent (a name is not a safe path, and two names may hold one content). The first name each
content was sent under is kept in the store (`vanban.db.upload_names`), so the pages, the workbook
and the `vanban` verbs all say the name the officer knows; no page shows a path where a file is kept.
A server of an earlier version kept them in `DATA/names.json`: they move into the store at start.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from sqlalchemy import Engine, select

from vanban.db import upload_names
from vanban.db.models import SourceFile

NAME_MAX = 200           # the longest name kept: an upload's name is cut to its last 200 characters


class Names:
    """The upload names of one store, and how the pages show a stored file."""

    def __init__(self, data: Path, engine: Engine) -> None:
        self.engine = engine
        self.files = (data / "files").resolve()
        self._move_old_file(data / "names.json")

    def _move_old_file(self, old: Path) -> None:
        """Names an earlier version kept beside the files go into the store, once: the file is renamed
        (never over an earlier `.moved`). An entry no store could take (not a content hash, an empty or
        unencodable name) is left out, so an odd file cannot stop the server; a second server starting
        at once may have moved it first."""
        try:
            kept = json.loads(old.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for sha, name in sorted(kept.items()) if isinstance(kept, dict) else ():
            if upload_names.usable(sha, name):
                upload_names.keep(self.engine, sha, name[-NAME_MAX:])
        moved = old.with_name(old.name + ".moved")
        n = 1
        while moved.exists():
            n += 1
            moved = old.with_name(f"{old.name}.moved{n}")
        with contextlib.suppress(FileNotFoundError):
            os.rename(old, moved)

    def add(self, sha: str, name: str) -> str:
        """Keep `name` for `sha` unless the content already has one (the first name stays); the name kept."""
        return upload_names.keep(self.engine, sha, name)

    def uploaded(self, path: str) -> bool:
        """Whether `path` is where an upload's content is kept (DATA/files/ab/<hash>.<ext>)."""
        p = Path(path)
        return p.parent.parent == self.files and upload_names.hash_of(path) is not None

    def shown(self, path: str) -> str:
        """A stored file as a user knows it: an upload by the name it was sent under, any other by its
        file name (no folder: no page says where a file is kept). The questions name uploads already:
        what is not a path is such a name, shown as it is."""
        p = Path(path)
        if self.uploaded(path):
            with self.engine.connect() as conn:
                return upload_names.shown(conn, [path]).get(path, p.name)
        return p.name if p.is_absolute() else path

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
