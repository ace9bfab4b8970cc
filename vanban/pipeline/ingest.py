"""Ingest a folder: walk and hash it, extract only what the store lacks, write documents in short transactions.

Every path the walk meets ends as stored, unchanged, skipped or failed with a reason, in the
summary and in the store (`ingest_errors`). Content hashes make it idempotent: a file whose
(path, hash) is stored is unchanged; content already stored under another path, named as the same
format, is only linked (named as another, it is read: `File.key`); a changed file is a new version and
the old one is kept (no longer current). Every document is
written whole with its file row and its claim, in one transaction with the few others that finished
at about the same time (at most `_BATCH`, held at most `_BATCH_SECONDS`: one commit for many), so a
run that is interrupted or killed leaves whole documents only, and the next run picks up exactly
what is missing. However it ends, what it stored is grouped into reports before it returns (`close`).
The batches are written by a thread of their own (`writer`) while
the pool keeps the workers fed. Runs at the same time share the files through claims (`share`).
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from vanban.db import claims, runs, schema
from vanban.db.engine import StoreError, in_lists, make_engine, shown, store_files
from vanban.db.models import Document, SourceFile
from vanban.db.transaction import first_line, in_transaction, transient
from vanban.db.write import Known, link_file, write_entries, write_failure, write_records
from vanban.extract.limits import DEFAULT, Limits
from vanban.patterns import strings
from vanban.pipeline import executors
from vanban.pipeline.close import catch_up, finish
from vanban.pipeline.scan import File, scan
from vanban.pipeline.share import Feed, Heartbeat
from vanban.pipeline.writer import Writer

_WAIT = 0.5                             # seconds between two looks at the files other runs hold
# A batch costs the writer CPU whatever its size: 16 documents a batch cost 1.97 ms of its CPU a document
# on PostgreSQL, 64 cost 1.34 (SQLite 1.05 -> 0.91; medians of 5 writes of 300 documents).
# At 2 workers the writer's CPU is taken from the workers (2 cores), so fewer, larger batches; on SQLite
# fewer than on PostgreSQL: there a batch holds the store's one write lock, which the next claims wait on.
_BATCH = {"sqlite": 32, "postgresql": 64}   # documents written in one transaction, at most ...
_BATCH_SECONDS = 1.0                    # ... and held no longer than this before they are written
_TICK = 0.2                             # the pool says it is waiting after this long: write what is held


class Reporter(Protocol):
    """What ingest tells whoever watches it (a progress bar, or nobody)."""

    def start(self, total: int) -> None: ...
    def advance(self, outcome: str, path: str, reason: str | None = None) -> None: ...
    def note(self, outcome: str, path: str, reason: str) -> None: ...
    def stop(self) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        pass

    def note(self, outcome: str, path: str, reason: str) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class Summary:
    """What a run did: the counts the CLI prints and every path not stored, with its reason."""

    run_id: int
    files: int = 0                      # document files met, and folders that could not be listed
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0                    # entries not read: other types, links, special files
    pages: int = 0                      # pages of the documents extracted in this run
    extracted: int = 0                  # files this run extracted itself (others were linked or shared)
    seconds: float = 0.0                # the whole run, from the call to its return
    closing: float = 0.0                # of which the close: regrouping the reports, cross-report checks
    interrupted: bool = False           # by Ctrl-C or SIGTERM; a hard failure raises (its StoreError is in `errors`)
    closed: bool = True                 # its documents regrouped into reports (False: the next ingest does it)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)
    renditions: list[str] = field(default_factory=list)   # stored files that joined a report already there

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _known(session: Session, files: list[File]) -> tuple[dict[tuple[str, str], tuple[str, bool]], set[str]]:
    """(name, hash) -> (status, current) of the files already met, and the keys (`File.key`) of the contents
    already stored as the format they were read as."""
    seen: dict[tuple[str, str], tuple[str, bool]] = {}
    stored: set[str] = set()
    for chunk in in_lists(files):
        for path, sha, status, current in session.execute(
                select(SourceFile.path, SourceFile.sha256, SourceFile.status, SourceFile.current)
                .where(SourceFile.path.in_([f.name for f in chunk]))):
            seen[(path, sha)] = (status, current)
        stored.update(File("", sha, 0, fmt).key for sha, fmt in session.execute(
            select(Document.sha256, Document.format).where(Document.sha256.in_({f.sha256 for f in chunk}))))
    return seen, stored


def _link_existing(session: Session, f: File, run_id: int) -> str:
    doc_id, pages = session.execute(select(Document.id, Document.pages).where(Document.sha256 == f.sha256)).one()
    source = {"sha256": f.sha256, "size": f.size, "format": f.format, "pages": pages}
    return link_file(session, f.name, source, doc_id, run_id, f.raw)


def _link(engine: Engine, summary: Summary, reporter: Reporter, f: File) -> None:
    outcome = in_transaction(engine, _link_existing, f, summary.run_id)
    summary.count(outcome)
    reporter.advance(outcome, f.name)


def _write(session: Session, extracted: executors.Extracted, f: File, run_id: int) -> str:
    outcome = write_records(session, [(extracted, f.name, f.raw)], run_id)[0]
    claims.finish(session, f.key, run_id, "stored")
    return outcome


def _fail(session: Session, f: File, reason: str, run_id: int) -> None:
    write_failure(session, f.name, f.sha256, f.size, f.format, reason, run_id, f.raw)
    claims.finish(session, f.key, run_id, "failed", reason)


def _store(engine: Engine, summary: Summary, reporter: Reporter, f: File, extracted: executors.Extracted | None,
           reason: str | None) -> bool:
    """Write one outcome; a record the store refuses is that file's failure, not the batch's."""
    if extracted is not None:
        extracted.source["path"] = f.name
        try:
            outcome = in_transaction(engine, _write, extracted, f, summary.run_id)
        except DBAPIError as err:
            if isinstance(err, OperationalError) and not transient(err):
                raise StoreError(strings.message("store_lost", store=shown(engine.url), path=f.name,
                                                 reason=first_line(err))) from None
            reason = strings.reason("not_stored_because", error=first_line(err))
        else:
            summary.count(outcome)
            if outcome == "ingested":
                summary.pages += extracted.source.get("pages") or 0
            reporter.advance(outcome, f.name)
            return True
    assert reason is not None
    in_transaction(engine, _fail, f, reason, summary.run_id)
    summary.failed += 1
    summary.errors.append((f.name, reason))
    reporter.advance("failed", f.name, reason)
    return False


Pending = tuple[File, executors.Extracted | None, str | None]


def _write_batch(session: Session, batch: list[Pending], run_id: int, known: Known | None = None) -> list[str]:
    """Several documents (or failures) in one transaction: each whole with its file row and its claim.
    `known`: the writer's ids of units and directives (`write.Known`), to keep once this commits."""
    firsts, again = [], []             # the same content read as two formats: the second is linked to the first
    shas: set[str] = set()
    for i, (f, extracted, _) in enumerate(batch):
        if extracted is not None:
            extracted.source["path"] = f.name
            (again if f.sha256 in shas else firsts).append((i, (extracted, f.name, f.raw)))
            shas.add(f.sha256)
    written = dict(zip([i for i, _ in firsts], write_records(session, [it for _, it in firsts], run_id, known),
                       strict=True))
    written.update(zip([i for i, _ in again], write_records(session, [it for _, it in again], run_id), strict=True))
    claims.finish_many(session, [f.key for f, extracted, _ in batch if extracted is not None], run_id, "stored")
    outcomes = []
    for i, (f, extracted, reason) in enumerate(batch):
        if extracted is None:
            _fail(session, f, reason or strings.reason("not_stored"), run_id)
            outcomes.append("failed")
        else:
            outcomes.append(written[i])
    return outcomes


def _flush(engine: Engine, summary: Summary, reporter: Reporter, batch: list[Pending],
           copies: dict[str, list[File]], known: Known | None = None) -> None:
    """Write the results held, in one short transaction (one commit for many documents). When the
    store refuses one of them, each is written on its own, so that only that file fails."""
    if not batch:
        return
    try:
        outcomes: list[str] | None = in_transaction(engine, _write_batch, batch, summary.run_id, known)
    except DBAPIError:
        outcomes = None
    else:
        if known is not None:
            known.keep()                # committed: its units and directives are there for good
    if outcomes is None:
        for f, extracted, reason in batch:
            stored = _store(engine, summary, reporter, f, extracted, reason)
            _settle(engine, summary, reporter, f, copies.pop(f.key, []), stored, reason)
        return
    for (f, extracted, reason), outcome in zip(batch, outcomes, strict=True):
        if outcome == "failed":
            summary.failed += 1
            summary.errors.append((f.name, reason or strings.reason("not_stored")))
            reporter.advance("failed", f.name, reason)
        else:
            summary.count(outcome)
            if outcome == "ingested" and extracted is not None:
                summary.pages += extracted.source.get("pages") or 0
            reporter.advance(outcome, f.name)
        _settle(engine, summary, reporter, f, copies.pop(f.key, []), outcome != "failed", reason)


def _settle(engine: Engine, summary: Summary, reporter: Reporter, f: File, copies: list[File],
            stored: bool, reason: str | None) -> None:
    """A file's copies (same content, other paths) follow it: linked, or failed with its reason."""
    for copy in copies:
        if stored:
            _link(engine, summary, reporter, copy)
        else:
            _store(engine, summary, reporter, copy, None, reason or strings.reason("not_stored"))


def ingest_folder(folder: str | Path, db: str | Engine | None = None, *, workers: int | None = None,
                  dask: str | None = None, reporter: Reporter | None = None,
                  stop: threading.Event | None = None, limits: Limits = DEFAULT) -> Summary:
    """Ingest every supported file under `folder` into the store; see the module's docstring.

    `workers`: extraction processes (default: one per core; 0 extracts in this process, without
    time or memory limits). `dask`: the address of a Dask scheduler to extract on instead
    (writes stay here). `stop`: once set, the run ends after the document being written
    (Ctrl-C, SIGTERM). `limits`: sizes, time and memory per file (`vanban.toml`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(strings.message("not_a_folder", path=folder))
    reporter = reporter or Silent()
    workers = (os.cpu_count() or 1) if workers is None else workers
    executor = "dask" if dask else ("process" if workers > 0 else "inline")
    t0 = time.perf_counter()
    if executor == "process":
        executors.start_server()        # it warms while the store is opened and the folder walked
    engine = make_engine(db, writer=True)
    owned = not isinstance(db, Engine)
    schema.upgrade(engine)
    gc.freeze()     # what the imports made stays out of the collections the run's results trigger (CPU)
    try:
        run_id = in_transaction(engine, runs.start, str(folder.resolve()), executor, None if dask else workers)
        summary = Summary(run_id=run_id)
        failed_hard = False
        try:
            with Heartbeat(engine, run_id):
                catch_up(engine)        # what a run that ended without its close stored: grouped first
                _run(engine, summary, reporter, folder, limits, stop,
                     workers=workers, dask=dask, store=engine.url.render_as_string(hide_password=False))
        except KeyboardInterrupt:
            summary.interrupted = True
        except BaseException as err:
            failed_hard = True
            if isinstance(err, StoreError):     # recorded with the run (`vanban errors`), as a folder's failure
                summary.errors.append((str(folder.resolve()), str(err)))
            raise
        finally:
            reporter.stop()
            closing = time.perf_counter()
            try:
                finish(engine, summary, failed_hard)
            finally:                    # the whole call, its close (regrouping, cross-report checks) too
                summary.seconds = time.perf_counter() - t0
                summary.closing = time.perf_counter() - closing
                if owned:
                    engine.dispose()
    finally:
        gc.unfreeze()
    return summary


def _run(engine: Engine, summary: Summary, reporter: Reporter, folder: Path, limits: Limits,
         stop: threading.Event | None, *, workers: int, dask: str | None, store: str) -> None:
    started = time.time()
    if dask:
        executors.check_dask(dask)      # before the walk: a bad address is said at once
    found = scan(folder, limits, leave=store_files(engine.url))
    summary.files = len(found.files) + len(found.failed)
    summary.skipped = len(found.skipped)
    summary.skips = [(e.name, e.reason or "") for e in found.skipped]
    in_transaction(engine, write_entries, summary.run_id,
                   [(e.outcome, e.name, e.raw, e.reason or "") for e in (*found.skipped, *found.failed)])
    reporter.start(summary.files)
    for e in found.skipped:
        reporter.note("skipped", e.name, e.reason or "")
    for e in found.failed:
        summary.failed += 1
        summary.errors.append((e.name, e.reason or ""))
        reporter.advance("failed", e.name, e.reason)
    to_extract, copies = _plan(engine, summary, reporter, found.files)
    feed = Feed(engine, summary.run_id, started, to_extract.values())
    known = Known()                     # the writer's ids of units and directives, across the run's batches
    most = _BATCH.get(engine.dialect.name, 16)
    while True:
        results = _results(feed, workers, dask, store, limits)
        writer = Writer[Pending](lambda batch: _flush(engine, summary, reporter, batch, copies, known))
        pending: list[Pending] = []
        since = 0.0
        ok = False
        try:
            for item in results:
                if stop is not None and stop.is_set():
                    writer.put(pending)
                    summary.interrupted = True
                    ok = True
                    return
                if item is not None:
                    path, extracted, reason = item
                    summary.extracted += 1
                    since = since if pending else time.monotonic()
                    pending.append((to_extract[path], extracted, reason))
                if item is None or len(pending) >= most or time.monotonic() - since >= _BATCH_SECONDS:
                    writer.put(pending)
                    pending = []
            writer.put(pending)
            ok = True
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()                 # stops the workers now, not at garbage collection
            writer.close(check=ok)      # what is queued is written before the run goes on or ends
        if not feed.waiting:
            return
        done, failed = feed.settle()
        for f in done:
            _link(engine, summary, reporter, f)
            _settle(engine, summary, reporter, f, copies.pop(f.key, []), True, None)
        for f, reason in failed:
            _store(engine, summary, reporter, f, None, reason)
            _settle(engine, summary, reporter, f, copies.pop(f.key, []), False, reason)
        if not (done or failed or feed.todo):
            if stop is not None and stop.wait(_WAIT):
                summary.interrupted = True
                return
            if stop is None:
                time.sleep(_WAIT)


def _plan(engine: Engine, summary: Summary, reporter: Reporter,
          files: list[File]) -> tuple[dict[str, File], dict[str, list[File]]]:
    """Count what is unchanged, link content stored under another path; what is left to read.

    The same content under several new paths is read once: the other paths (`copies`, by `File.key`)
    are linked to it once it is stored, or fail with its reason. A copy named as another format is
    read on its own: how a file is read, and why it cannot be, depends on its name.
    """
    seen, stored = in_transaction(engine, _known, files)
    to_extract: dict[str, File] = {}
    copies: dict[str, list[File]] = {}      # only the hashes met more than once: a list per file is memory
    planned: set[str] = set()
    for f in files:
        if seen.get((f.name, f.sha256)) == ("ingested", True):
            summary.unchanged += 1
            reporter.advance("unchanged", f.name)
        elif f.key in stored:
            _link(engine, summary, reporter, f)
        elif f.key in planned:
            copies.setdefault(f.key, []).append(f)
        else:
            to_extract[f.path] = f
            planned.add(f.key)
    return to_extract, copies


def _results(feed: Feed, workers: int, dask: str | None, store: str,
             limits: Limits) -> Iterable[executors.Result | None]:
    """Extraction results as they come; workers read and fill the store's OCR page cache."""
    if not feed.todo:
        return []
    if dask:
        return executors.dask_cluster(feed, dask, store, limits)
    if workers <= 0:
        return executors.inline(feed, store, limits)
    return executors.process_pool(feed, min(workers, len(feed.todo)), store, limits, tick=_TICK)
