"""The `ingest_runs` rows: a run says it started, and what it did when it ends.

A run killed outright (SIGKILL, a power cut) cannot say it ended; the next run marks it
interrupted: on the same host when its process is gone, on any host when its heartbeat stopped
(older than a claim's lifetime). Its claims are released at once. Its documents need no repair:
each was written in a transaction of its own.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vanban.db import claims
from vanban.db.light import alive
from vanban.db.models import IngestRun


def start(session: Session, folder: str, executor: str, workers: int | None) -> int:
    """Record a new run (and close the runs on this host whose process died); its id."""
    host = socket.gethostname()
    silent_since = time.time() - claims.TTL
    dead = []
    for run in session.execute(select(IngestRun).where(IngestRun.status == "running")).scalars():
        if (run.host == host and not alive(run.pid)) or (run.beat is not None and run.beat < silent_since):
            run.status = "interrupted"
            dead.append(run.id)
    claims.release(session, dead)
    run = IngestRun(folder=folder, executor=executor, workers=workers, host=host, pid=os.getpid(),
                    status="running", files=0, ingested=0, unchanged=0, failed=0, skipped=0, extracted=0,
                    beat=time.time())
    session.add(run)
    session.flush()
    return run.id


def finish(session: Session, run_id: int, status: str, counts: dict[str, int]) -> None:
    """The run's end and counts; what it claimed and did not finish is free for others at once."""
    claims.release(session, [run_id])
    session.execute(update(IngestRun).where(IngestRun.id == run_id).values(
        status=status, finished_at=dt.datetime.now(dt.UTC), **counts))
