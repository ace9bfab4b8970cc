"""The public API behind `import vanban`: read, extract, find_citations, ingest.

Every function imports its layer when it is called, so that `import vanban` costs nothing and
`vanban.extract` never loads the store. Results are typed, and each has `.to_dict()` for JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.extract.citations import Citation
    from vanban.extract.model import Document
    from vanban.pipeline.ingest import Summary


@dataclass
class Record:
    """The record of one file (spec/output.md), its parts as attributes.

    `document` is the header (who wrote it, when, its number, period, signer); `citations`,
    `metrics`, `tables`, `sections` and `flags` are lists of JSON objects; `text` is the
    normalised text the spans point into, when asked for.
    """

    source: dict[str, Any]
    document: dict[str, Any]
    citations: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    text: str | None = None

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Record:
        return cls(**{f.name: record[f.name] for f in fields(cls) if f.name in record})

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, exactly as `vanban extract` prints it."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.text is None:
            del out["text"]
        return out


def read(path: str | Path) -> Document:
    """Any supported file (.pdf, .docx, .doc, .txt) as a normalised Document; ReadError if it cannot be read."""
    from vanban.extract.read import read as read_file

    return read_file(path)


def extract(path: str | Path, *, with_text: bool = False, lang: str | None = None) -> Record:
    """The record of one file: header, citations, figures, tables, sections, flags. Flag messages are
    in `lang` ("vi", "en"; else VANBAN_LANG, else Vietnamese), as `vanban extract` says them."""
    from vanban.extract.record import extract_file
    from vanban.patterns import strings

    return Record.from_dict(strings.said(extract_file(path, with_text=with_text), lang))


def find_citations(text: str) -> list[Citation]:
    """The citations (full, partial, named) in a text, in text order, each with `.to_dict()`."""
    from vanban.extract.citations import find_citations as find

    return find(text)


def ingest(folder: str | Path, db: str | None = None, *, workers: int | None = None) -> Summary:
    """Read every report under `folder` into the store (`db`: URL or path; default VANBAN_DB, then
    ./vanban.db); files already stored are not read again. `workers`: processes, 0 for this one."""
    from vanban.pipeline.ingest import ingest_folder

    return ingest_folder(folder, db, workers=workers)
