"""Reading a store back for assertions, running the CLI as a user does, and variant documents."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import regex
from sqlalchemy import Engine, func, select

from vanban.db.engine import make_engine
from vanban.db.models import (
    Citation,
    Directive,
    DocTable,
    Document,
    Flag,
    Metric,
    Section,
    SourceFile,
    TableRow,
    Unit,
    UnitName,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
TXT = sorted((CORPUS / "txt").glob("*.txt"))


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`vanban ARGS` in a new process, as a user would run it."""
    return subprocess.run(vanban_command(*args), capture_output=True, text=True, timeout=timeout)


def vanban_command(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("vanban")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "vanban.cli", *args]


@cache
def _engine(url: str) -> Engine:
    return make_engine(url)


def rows(url: str, stmt: Any) -> list[Any]:
    with _engine(url).connect() as conn:
        return list(conn.execute(stmt).all())


def count(url: str, model: type) -> int:
    return rows(url, select(func.count()).select_from(model))[0][0]


def fingerprint(url: str) -> dict[str, Any]:
    """What must not depend on the store: documents, units, directives, mentions per unit."""
    per_unit = rows(url, select(Unit.key, func.count(Citation.id))
                    .join(Document, Document.unit_id == Unit.id).join(Citation, Citation.document_id == Document.id)
                    .group_by(Unit.key))
    per_unit_full = rows(url, select(Unit.key, func.count(Citation.id))
                         .join(Document, Document.unit_id == Unit.id)
                         .join(Citation, Citation.document_id == Document.id)
                         .where(Citation.directive_id.is_not(None)).group_by(Unit.key))
    return {
        "documents": sorted(r[0] for r in rows(url, select(Document.sha256))),
        "units": sorted(r[0] for r in rows(url, select(Unit.key))),
        "unit_names": sorted((r[0], r[1]) for r in rows(url, select(Unit.key, UnitName.name).join(Unit))),
        "directives": sorted(tuple(r) for r in rows(url, select(Directive.canonical, Directive.scope,
                                                                   Directive.level, Directive.issue_date))),
        "citations_per_unit": dict(sorted((k, n) for k, n in per_unit)),
        "full_citations_per_unit": dict(sorted((k, n) for k, n in per_unit_full)),
    }


def assert_no_duplicates(url: str) -> None:
    """One row per identity in every table that has one."""
    for model, cols in ((Document, ("sha256",)), (SourceFile, ("path", "sha256")), (Unit, ("key",)),
                        (Directive, ("canonical", "scope"))):
        key = [getattr(model, c) for c in cols]
        dup = rows(url, select(*key, func.count()).group_by(*key).having(func.count() > 1))
        assert dup == [], f"duplicate {model.__tablename__}: {dup[:3]}"
    dup = rows(url, select(Citation.document_id, Citation.ordinal, func.count())
               .group_by(Citation.document_id, Citation.ordinal).having(func.count() > 1))
    assert dup == [], f"a document's mentions written twice: {dup[:3]}"
    cur = rows(url, select(SourceFile.path, func.count()).where(SourceFile.current.is_(True))
               .group_by(SourceFile.path).having(func.count() > 1))
    assert cur == [], f"two current versions of one file: {cur[:3]}"


PARTS = ("citations", "metrics", "sections", "tables", "table_rows", "flags")


def record_parts(record: dict[str, Any]) -> tuple[int, ...]:
    """How many of each list a record holds (what the store must keep for it)."""
    return (len(record["citations"]), len(record["metrics"]), len(record["sections"]), len(record["tables"]),
            sum(len(t.get("rows") or []) for t in record["tables"]), len(record["flags"]))


def stored_parts(url: str) -> dict[str, tuple[int, ...]]:
    """sha256 -> the same counts, read back from the store (the extractor's flags only)."""
    out: dict[str, list[int]] = {sha: [0] * 6 for (sha,) in rows(url, select(Document.sha256))}
    for i, model in enumerate((Citation, Metric, Section, DocTable)):
        for sha, n in rows(url, select(Document.sha256, func.count(model.id))
                           .join(model, model.document_id == Document.id).group_by(Document.sha256)):
            out[sha][i] = n
    for sha, n in rows(url, select(Document.sha256, func.count(TableRow.id))
                       .join(DocTable, DocTable.document_id == Document.id)
                       .join(TableRow, TableRow.table_id == DocTable.id).group_by(Document.sha256)):
        out[sha][4] = n
    for sha, n in rows(url, select(Document.sha256, func.count(Flag.id)).join(Flag, Flag.document_id == Document.id)
                       .where(Flag.origin == "extractor").group_by(Document.sha256)):
        out[sha][5] = n
    return {sha: tuple(v) for sha, v in out.items()}


def mentions_by_document(url: str) -> Counter[str]:
    """sha256 -> number of mentions stored."""
    return Counter({sha: n for sha, n in rows(url, select(Document.sha256, func.count(Citation.id))
                                              .outerjoin(Citation).group_by(Document.sha256))})


# ---------------------------------------------------------------- variant documents (real text, edited)

_BO_TRACH = regex.compile(r"Trung\s+tâm\s+Y\s+tế\s+khu\s+vực\s+Bố\s+Trạch")


def _text(stem: str) -> str:
    return (CORPUS / "txt" / f"{stem}.txt").read_text(encoding="utf-8")


def write_bo_trach_aliases(folder: Path) -> list[Path]:
    """Report 000 as written by `TTYT khu vực Bố Trạch`, and a 2024 one by `Trung tâm Y tế huyện Bố Trạch`
    of Quảng Bình (merged into Quảng Trị in 2025): both the unit of 000."""
    src = _text("000_a9042f12ea01ae86")
    abbreviated = _BO_TRACH.sub("TTYT khu vực Bố Trạch", src)
    old = _BO_TRACH.sub("Trung tâm Y tế huyện Bố Trạch", src).replace("năm 2025", "năm 2024") \
        .replace("Quảng Trị", "Quảng Bình")
    return [_write(folder / "bo_trach_ttyt.txt", abbreviated), _write(folder / "bo_trach_2024.txt", old)]


def write_le_thuy(folder: Path) -> Path:
    """Plan 004 as if from a Quảng Trị health centre (Lệ Thủy): it does not cite 76/NQ-CP."""
    text = _text("004_2a516ee14150a1bf").replace("Đà Nẵng", "Quảng Trị").replace("Sơn Trà", "Lệ Thủy") \
        .replace("An Hải", "Lệ Thủy")
    return _write(folder / "le_thuy.txt", text)


def write_da_bac_conflict(folder: Path) -> Path:
    """Plan 003 from another Phú Thọ centre (Đà Bắc) that dates 76/NQ-CP 16/7/2021 instead of 15/7/2021."""
    text = regex.sub(r"(76/NQCP ngày\s+)15/7/2021", r"\g<1>16/7/2021", _text("003_54f63113053d84ec"))
    assert "16/7/2021" in text
    return _write(folder / "da_bac.txt", text.replace("Mai Châu", "Đà Bắc"))


def write_copies(folder: Path, n: int) -> list[Path]:
    """`n` distinct files (different content hashes) made from the five reports: same records otherwise."""
    out = []
    for i in range(n):
        src = TXT[i % len(TXT)]
        out.append(_write(folder / f"{i:03d}_{src.name}", src.read_text(encoding="utf-8") + "\n" + " " * (i + 1)))
    return out


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
