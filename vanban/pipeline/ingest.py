"""Ingest a folder: hash every file, extract only what the store lacks, write each in its own transaction.

Content hashes make it idempotent: a file whose (path, hash) is stored is unchanged; content
already stored under another path is only linked; a changed file is a new version and the old
one is kept (no longer current). Every document is written in one transaction with its file
row, so a run that is interrupted or killed leaves whole documents only, and the next run picks
up exactly what is missing.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from vanban.db import crosscheck, reports, runs, schema
from vanban.db.engine import StoreError, make_engine, shown
from vanban.db.models import Document, SourceFile
from vanban.db.transaction import first_line, in_transaction, transient
from vanban.db.write import link_file, write_failure, write_record
from vanban.pipeline import executors
from vanban.pipeline.scan import File, scan

T = TypeVar("T")
_CHUNK = 500


class Reporter(Protocol):
    """What ingest tells whoever watches it (a progress bar, or nobody)."""

    def start(self, total: int) -> None: ...
    def advance(self, outcome: str, path: str, reason: str | None = None) -> None: ...
    def stop(self) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class Summary:
    """What a run did: the counts the CLI prints and the failures with their reasons."""

    run_id: int
    files: int = 0
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0                    # files of other types, not read
    pages: int = 0                      # pages of the documents extracted in this run
    extracted: int = 0                  # documents extracted in this run (the rest were linked)
    seconds: float = 0.0
    interrupted: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)
    renditions: list[str] = field(default_factory=list)   # stored files that joined a report already there

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _chunks(items: list[T]) -> Iterator[list[T]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _known(session: Session, files: list[File]) -> tuple[dict[tuple[str, str], tuple[str, bool]], set[str]]:
    """(path, hash) -> (status, current) of the files already met, and the hashes already stored."""
    seen: dict[tuple[str, str], tuple[str, bool]] = {}
    stored: set[str] = set()
    for chunk in _chunks(files):
        for path, sha, status, current in session.execute(
                select(SourceFile.path, SourceFile.sha256, SourceFile.status, SourceFile.current)
                .where(SourceFile.path.in_([f.path for f in chunk]))):
            seen[(path, sha)] = (status, current)
        stored.update(session.execute(select(Document.sha256).where(
            Document.sha256.in_({f.sha256 for f in chunk}))).scalars())
    return seen, stored


def _link_existing(session: Session, f: File, run_id: int) -> str:
    doc_id = session.execute(select(Document.id).where(Document.sha256 == f.sha256)).scalar_one()
    pages = session.execute(select(Document.pages).where(Document.id == doc_id)).scalar_one()
    source = {"sha256": f.sha256, "size": f.size, "format": f.format, "pages": pages}
    return link_file(session, f.path, source, doc_id, run_id)


def _link(engine: Engine, summary: Summary, reporter: Reporter, f: File) -> None:
    outcome = in_transaction(engine, _link_existing, f, summary.run_id)
    summary.count(outcome)
    reporter.advance(outcome, f.path)


def _store(engine: Engine, summary: Summary, reporter: Reporter, f: File, extracted: executors.Extracted | None,
           reason: str | None) -> bool:
    """Write one outcome; a record the store refuses is that file's failure, not the batch's."""
    if extracted is not None:
        record = extracted.record
        record["source"]["path"] = f.path
        try:
            outcome = in_transaction(engine, write_record, record, extracted.identity, f.path, summary.run_id)
        except DBAPIError as err:
            if isinstance(err, OperationalError) and not transient(err):
                raise StoreError(f"{shown(engine.url)}: lost the store while writing {f.path} "
                                 f"({first_line(err)})") from None
            reason = f"could not be stored ({first_line(err)})"
        else:
            summary.count(outcome)
            if outcome == "ingested":
                summary.extracted += 1
                summary.pages += record["source"].get("pages") or 0
            reporter.advance(outcome, f.path)
            return True
    assert reason is not None
    in_transaction(engine, write_failure, f.path, f.sha256, f.size, f.format, reason, summary.run_id)
    summary.failed += 1
    summary.errors.append((f.path, reason))
    reporter.advance("failed", f.path, reason)
    return False


def ingest_folder(folder: str | Path, db: str | Engine | None = None, *, workers: int | None = None,
                  dask: str | None = None, reporter: Reporter | None = None,
                  stop: threading.Event | None = None) -> Summary:
    """Ingest every supported file under `folder` into the store; see the module's docstring.

    `workers`: extraction processes (default: one per core; 0 extracts in this process).
    `dask`: the address of a Dask scheduler to extract on instead (writes stay here).
    `stop`: once set, the run ends after the document being written (Ctrl-C, SIGTERM).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder}: not a folder")
    reporter = reporter or Silent()
    engine = make_engine(db, writer=True)
    owned = not isinstance(db, Engine)
    schema.upgrade(engine)
    workers = (os.cpu_count() or 1) if workers is None else workers
    executor = "dask" if dask else ("process" if workers > 0 else "inline")
    t0 = time.perf_counter()
    run_id = in_transaction(engine, runs.start, str(folder.resolve()), executor, None if dask else workers)
    summary = Summary(run_id=run_id)
    results: Iterable[executors.Result] = []
    failed_hard = False
    try:
        files, summary.skipped = scan(folder)
        summary.files = len(files)
        reporter.start(len(files))
        to_extract, copies = _plan(engine, summary, reporter, files)
        results = _results(list(to_extract), workers, dask, engine.url.render_as_string(hide_password=False))
        for path, extracted, reason in results:
            if stop is not None and stop.is_set():
                summary.interrupted = True
                break
            f = to_extract[path]
            stored = _store(engine, summary, reporter, f, extracted, reason)
            for copy in copies[f.sha256]:
                if stored:
                    _link(engine, summary, reporter, copy)
                else:
                    _store(engine, summary, reporter, copy, None, reason or "could not be stored")
    except KeyboardInterrupt:
        summary.interrupted = True
    except BaseException:
        failed_hard = True
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()                            # stops the workers' queue now, not at garbage collection
        reporter.stop()
        summary.seconds = time.perf_counter() - t0
        _finish(engine, summary, failed_hard)
        if owned:
            engine.dispose()
    return summary


def _plan(engine: Engine, summary: Summary, reporter: Reporter,
          files: list[File]) -> tuple[dict[str, File], dict[str, list[File]]]:
    """Count what is unchanged, link content stored under another path; what is left to read.

    The same content under several new paths is read once: the other paths (`copies`, by hash)
    are linked to it once it is stored.
    """
    seen, stored = in_transaction(engine, _known, files)
    to_extract: dict[str, File] = {}
    copies: dict[str, list[File]] = {}
    for f in files:
        if seen.get((f.path, f.sha256)) == ("ingested", True):
            summary.unchanged += 1
            reporter.advance("unchanged", f.path)
        elif f.sha256 in stored:
            _link(engine, summary, reporter, f)
        elif f.sha256 in copies:
            copies[f.sha256].append(f)
        else:
            to_extract[f.path] = f
            copies[f.sha256] = []
    return to_extract, copies


def _finish(engine: Engine, summary: Summary, failed_hard: bool) -> None:
    """Cross-report checks and the run's counts; after a hard failure, only what still can be."""
    status = "failed" if failed_hard else "interrupted" if summary.interrupted else "done"
    counts = {"files": summary.files, "ingested": summary.ingested, "unchanged": summary.unchanged,
              "failed": summary.failed}
    try:
        if status == "done":
            in_transaction(engine, reports.refresh)
            summary.renditions = in_transaction(engine, reports.joined, summary.run_id)
            in_transaction(engine, crosscheck.refresh)
        in_transaction(engine, runs.finish, summary.run_id, status, counts)
    except DBAPIError:
        if not failed_hard:
            raise


def _results(paths: list[str], workers: int, dask: str | None, store: str) -> Iterable[executors.Result]:
    """Extraction results as they come; workers read and fill the store's OCR page cache."""
    if not paths:
        return []
    if dask:
        return executors.dask_cluster(paths, dask, store)
    if workers <= 0:
        return executors.inline(paths, store)
    return executors.process_pool(paths, min(workers, len(paths)), store)
