"""The names uploads were sent under, kept in the store, so every reader of it says them.

The web page keeps an upload's content by its hash (`DATA/files/ab/<sha256>.<ext>`), never under a
name a browser sent (a name is not a safe path, and two names may hold one content). The first name
each content was sent under is kept in `upload_names`; the questions show it in their `file` column
in place of that path — on the pages, in the workbook, in the `vanban` verbs and in Python alike —
and `vanban show NAME` finds the report by it. A path is taken for an upload's by its shape
(`…/ab/<hash>.<ext>`, the hash one the store has a name for): a copy of the server's files folder
read by `vanban ingest` holds the same contents, and is named as they were sent too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

import pandas as pd
from sqlalchemy import Connection, Engine, select

from vanban.db.engine import in_lists
from vanban.db.models import SourceFile, UploadName
from vanban.db.upsert import ignoring

_HASH = re.compile(r"[0-9a-f]{64}")


def hash_of(path: str) -> str | None:
    """The content hash of a path where an upload is kept (`…/ab/<hash>.<ext>`), else None."""
    p = PurePath(path)
    stem = p.name.split(".", 1)[0]
    return stem if _HASH.fullmatch(stem) and p.parent.name == stem[:2] else None


def keep(engine: Engine, sha: str, name: str) -> str:
    """Keep `name` for `sha` unless the content has one already (the first name stays); the name kept."""
    with engine.begin() as conn:
        conn.execute(ignoring(engine.dialect.name, UploadName.__table__, ("sha256",)), {"sha256": sha, "name": name})
        return conn.execute(select(UploadName.name).where(UploadName.sha256 == sha)).scalar_one()


def usable(sha: object, name: object) -> bool:
    """Whether a (hash, name) pair read from outside (an older server's file) can be kept: a content
    hash, and a name a user could have sent (not empty, no NUL, encodable)."""
    if not (isinstance(sha, str) and _HASH.fullmatch(sha) and isinstance(name, str) and name.strip()):
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:                  # a lone surrogate: no store takes it
        return False
    return "\x00" not in name


def names_of(conn: Connection, shas: Iterable[str]) -> dict[str, str]:
    """Content hash -> upload name, for those of `shas` that were uploaded."""
    found: dict[str, str] = {}
    for chunk in in_lists(sorted(set(shas))):
        found.update(conn.execute(select(UploadName.sha256, UploadName.name).where(UploadName.sha256.in_(chunk))).all())
    return found


def shown(conn: Connection, paths: Iterable[str]) -> dict[str, str]:
    """Path -> the name it is shown by, for the paths that keep an upload whose name the store knows."""
    hashes = {p: h for p in set(paths) if isinstance(p, str) and (h := hash_of(p))}
    names = names_of(conn, hashes.values()) if hashes else {}
    return {p: names[h] for p, h in hashes.items() if h in names}


def named(conn: Connection, df: pd.DataFrame, column: str = "file") -> pd.DataFrame:
    """`df` with each upload in `column` shown by its name (other paths as they are)."""
    if column not in df.columns or df.empty:
        return df
    names = shown(conn, df[column].dropna())
    return df.assign(**{column: df[column].map(lambda p: names.get(p, p))}) if names else df


def documents_named(conn: Connection, name: str) -> set[int]:
    """The documents whose content was uploaded under `name` (whole, or its last part), read and current."""
    rows = conn.execute(select(UploadName.name, SourceFile.document_id)
                        .join(SourceFile, SourceFile.sha256 == UploadName.sha256)
                        .where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None),
                               UploadName.name.endswith(PurePath(name).name, autoescape=True)))
    return {d for n, d in rows if n == name or PurePath(n).name == name}
