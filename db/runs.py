"""The `ingest_runs` rows: a run says it started, and what it did when it ends.

A run killed outright (SIGKILL, a power cut) cannot say it ended; the next run on the same host
sees that its process is gone and marks it interrupted. Its documents need no repair: each was
written in a transaction of its own.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vanban.db.models import IngestRun


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start(session: Session, folder: str, executor: str, workers: int | None) -> int:
    """Record a new run (and close the runs on this host whose process died); its id."""
    host = socket.gethostname()
    for run in session.execute(select(IngestRun).where(IngestRun.status == "running", IngestRun.host == host)
                               ).scalars():
        if not _alive(run.pid):
            run.status = "interrupted"
    run = IngestRun(folder=folder, executor=executor, workers=workers, host=host, pid=os.getpid(),
                    status="running", files=0, ingested=0, unchanged=0, failed=0)
    session.add(run)
    session.flush()
    return run.id


def finish(session: Session, run_id: int, status: str, counts: dict[str, int]) -> None:
    session.execute(update(IngestRun).where(IngestRun.id == run_id).values(
        status=status, finished_at=dt.datetime.now(dt.UTC), **counts))
