"""Nộp báo cáo: files or a folder dropped on the page, stored by content hash, ingested in the background.

An upload is written to `DATA/files/<hash[:2]>/<hash>.<ext>` (never under the name the browser
sent, which is kept only to show it back: `names.Names`), then that folder is handed to
`ingest_folder`, the CLI's ingest, on one background thread: the event loop never waits on it and
jobs run one after another, as the store wants one writer. The job page polls its progress.
Content the store already holds is said to be unchanged at once, with the name it is known by,
and is not kept a second time (one content is one rendition of its report).
"""

from __future__ import annotations

import hashlib
import os
import queue
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from vanban.patterns import strings
from vanban.web.auth import check_form_csrf, guard
from vanban.web.labels import outcome, say_reason
from vanban.web.names import NAME_MAX, Names
from vanban.web.render import render

SUPPORTED = (".pdf", ".docx", ".doc", ".txt")
KEEP_JOBS = 50


@dataclass
class Entry:
    """One file of an upload: the name the browser gave (shown, never used), and what became of it."""

    name: str
    size: int
    sha256: str | None = None
    stored: str | None = None                # where it is kept, by content hash
    outcome: str = "queued"
    reason: str | None = None


@dataclass
class Job:
    id: str
    user: str
    entries: list[Entry]
    state: str = "queued"                    # queued | running | done | failed
    started: float = field(default_factory=time.time)
    message: str | None = None

    @property
    def done(self) -> int:
        return sum(e.outcome != "queued" for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "total": len(self.entries), "done": self.done,
                "message": self.message,
                "files": [{"name": e.name, "outcome": e.outcome, "label": outcome(e.outcome),
                           "reason": say_reason(e.reason)} for e in self.entries]}


class _Reporter:
    """ingest's Reporter: each outcome lands on the entries holding that content."""

    def __init__(self, by_path: dict[str, list[Entry]]) -> None:
        self.by_path = by_path             # the job folder's link of each stored file -> its entries

    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        for e in self.by_path.get(path, []):
            e.outcome, e.reason = outcome, reason

    def note(self, outcome: str, path: str, reason: str) -> None:
        self.advance(outcome, path, reason)

    def stop(self) -> None:
        pass


class Jobs:
    """The uploads' ingest queue: one thread, one job at a time, the newest jobs kept to be looked at."""

    def __init__(self, store: str, data: Path, workers: int = 1) -> None:
        from vanban.db.engine import make_engine

        self.store, self.data, self.workers = store, data, workers
        self.names = Names(data, make_engine(store))
        self.jobs: dict[str, Job] = {}
        self.queue: queue.Queue[Job | None] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="vanban-ingest", daemon=True)
        self.thread.start()
        self._resume()

    def _resume(self) -> None:
        """Files received but never ingested (the server stopped with their job queued or under way)
        are ingested as a job of their own when it starts again: nothing sent is lost. A stored
        file's name is its content hash, so the store says which are missing without reading them."""
        stored = {p.name.split(".")[0]: p for p in (self.data / "files").glob("??/*") if p.is_file()
                  and not p.name.startswith(".")}
        if not stored:
            return
        from sqlalchemy import select

        from vanban.db.engine import in_lists, make_engine
        from vanban.db.models import IngestError, SourceFile

        engine = make_engine(self.store)
        known: set[str] = set()
        try:
            with engine.connect() as conn:       # a file refused before it was hashed has only its path
                for chunk in in_lists(sorted(stored)):
                    known.update(conn.scalars(select(SourceFile.sha256).where(SourceFile.sha256.in_(chunk))))
                paths = {str(p.resolve()): sha for sha, p in stored.items()}
                for chunk in in_lists(sorted(paths)):
                    refused = conn.scalars(select(IngestError.path).where(IngestError.path.in_(chunk)))
                    known.update(paths[q] for q in refused)
        finally:
            engine.dispose()
        waiting = [Entry(self.names.shown(str(p.resolve())), p.stat().st_size, sha, str(p))
                   for sha, p in sorted(stored.items()) if sha not in known]
        if waiting:
            self.submit(Job(uuid.uuid4().hex[:12], "vanban", waiting, message=strings.message("upload_resumed", "vi")))

    def submit(self, job: Job) -> None:
        self.jobs[job.id] = job
        for old in list(self.jobs)[:-KEEP_JOBS]:
            if self.jobs[old].state in ("done", "failed"):
                del self.jobs[old]
        self.queue.put(job)

    def close(self) -> None:
        self.stop.set()
        self.queue.put(None)
        self.thread.join(timeout=30)
        self.names.engine.dispose()

    def _run(self) -> None:
        while (job := self.queue.get()) is not None:
            try:
                self._ingest(job)
            except Exception as err:                  # the job fails, the server goes on
                job.state, job.message = "failed", f"Lỗi khi nạp: {type(err).__name__}: {err}"
            for e in job.entries:
                if e.outcome == "queued":
                    e.outcome, e.reason = "failed", e.reason or strings.reason("upload_stopped")

    def _ingest(self, job: Job) -> None:
        from vanban.pipeline.ingest import ingest_folder

        job.state = "running"
        todo = [e for e in job.entries if e.outcome == "queued" and e.stored]
        if todo:
            # The content-hash store itself is ingested: its paths never change, so a file sent again
            # is "unchanged", and ingest follows no link. What was stored before is only hashed again.
            folder = self.data / "files"
            by_path: dict[str, list[Entry]] = {}
            for e in todo:
                by_path.setdefault(str(Path(e.stored).resolve()), []).append(e)
            reporter = _Reporter(by_path)
            summary = ingest_folder(folder, self.store, workers=self.workers, reporter=reporter, stop=self.stop)
            for path in summary.renditions:          # known once the run has regrouped the reports
                reporter.advance("rendition", path)
        if job.state == "running":
            job.state = "done"


def _store_file(data: Path, upload: UploadFile, ext: str,
                known: Callable[[str], str | None]) -> tuple[str, str | None, int, str | None]:
    """Copy an upload to its content-hash name; (hash, path kept or None, size, name the store knows it by).

    A second copy of the same content is one file. Content the store already holds (read from a
    folder, or uploaded before) is not kept again: a copy under the hash would be one more path of
    one content, a second "rendition" of the same file on the report page.
    """
    folder = data / "files"
    folder.mkdir(parents=True, exist_ok=True)
    h, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            upload.file.seek(0)
            while chunk := upload.file.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
                out.write(chunk)
        sha = h.hexdigest()
        final = folder / sha[:2] / f"{sha}{ext}"
        already = known(sha)
        if final.exists() or already is not None:
            os.unlink(tmp)
        else:
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp, final)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return sha, str(final) if final.exists() else None, size, already


def _accept(request: Request, files: list[UploadFile]) -> list[Entry]:
    """Each file's entry: refused with its reason (type, size), unchanged when the store holds its
    content already, else stored by content hash, its name kept to be shown (`Names`)."""
    settings = request.app.state.settings
    limit = settings.max_file_mb * 2**20
    names: Names = request.app.state.names
    engine = request.app.state.engine

    def known(sha: str) -> str | None:
        return names.known(engine, sha)

    entries, seen = [], set()
    for f in files:
        name = Path((f.filename or "").replace("\\", "/")).name or "(không tên)"
        display = (f.filename or name).replace("\\", "/").lstrip("/")[-NAME_MAX:]
        size = f.size if f.size is not None else 0
        ext = Path(name).suffix.lower()
        entry = Entry(display, size)
        if ext not in SUPPORTED:
            entry.outcome = "refused"
            entry.reason = strings.reason("upload_type", suffix=ext or strings.reason("no_suffix"))
        elif size > limit:
            entry.outcome = "refused"
            shown, most = strings.sizes(size, limit)
            entry.reason = strings.reason("upload_too_large", size=shown, limit=most)
        else:
            sha, entry.stored, entry.size, already = _store_file(settings.data, f, ext, known)
            entry.sha256 = sha
            if sha in seen:
                entry.outcome = "duplicate"
            elif already is not None:            # nothing to read: said at once, with the name it has
                entry.outcome, entry.reason = "unchanged", strings.reason("upload_known", name=already)
            else:
                names.add(sha, display)
            seen.add(sha)
        entries.append(entry)
    return entries


@guard("uploader")
async def upload_page(request: Request) -> Response:
    settings = request.app.state.settings
    jobs = [j for j in reversed(request.app.state.jobs.jobs.values())][:10]
    return render(request, "upload.html", title="Nộp báo cáo", jobs=jobs, max_file_mb=settings.max_file_mb,
                  max_files=settings.max_files, supported=", ".join(SUPPORTED))


@guard("uploader")
async def upload_post(request: Request) -> Response:
    settings = request.app.state.settings
    form = await request.form(max_files=settings.max_files + 1, max_fields=20)
    check_form_csrf(request, form)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
    if not files:
        raise HTTPException(400, "Chưa chọn tệp nào.")
    if len(files) > settings.max_files:
        raise HTTPException(413, f"Quá nhiều tệp: tối đa {settings.max_files} tệp một lần.")
    from starlette.concurrency import run_in_threadpool

    try:
        entries = await run_in_threadpool(_accept, request, files)
    finally:
        await form.close()
    job = Job(uuid.uuid4().hex[:12], request.state.user.name, entries)
    request.app.state.jobs.submit(job)
    return RedirectResponse(f"/upload/job/{job.id}", status_code=303)


def _job(request: Request) -> Job:
    job = request.app.state.jobs.jobs.get(request.path_params["id"])
    if job is None:
        raise HTTPException(404, "Không có lần nộp này (có thể máy chủ đã khởi động lại).")
    return job


@guard("uploader")
async def job_page(request: Request) -> Response:
    return render(request, "job.html", title="Tiến độ nạp", job=_job(request))


@guard("uploader")
async def job_json(request: Request) -> Response:
    return JSONResponse(_job(request).to_dict(), headers={"Cache-Control": "no-store"})


def routes(max_body: int) -> list[Route]:
    return [Route("/upload", upload_page), Route("/upload", upload_post, methods=["POST"], max_body_size=max_body),
            Route("/upload/job/{id}.json", job_json), Route("/upload/job/{id}", job_page)]
