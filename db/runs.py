"""The `ingest_runs` rows: a run says it started, and what it did when it ends.

A run killed outright (SIGKILL, a power cut) cannot say it ended; the next run marks it
interrupted: on the same host when its process is gone, on any host when its heartbeat stopped
(older than a claim's lifetime). Its claims are released at once. Its documents need no repair:
each was written in a transaction of its own.

A run's end is recorded in the transaction of its close (the regrouping into reports and the
cross-report checks), so `finished_at` says when what it stored became part of the answers. A
run that ended without its close (killed, or a second Ctrl-C during the close, or a store lost
mid-way) keeps `finished_at` NULL: `unclosed` names it, and the next ingest closes first.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from vanban.db import claims
from vanban.db.light import alive
from vanban.db.models import IngestRun


def start(session: Session, folder: str, executor: str, workers: int | None) -> int:
    """Record a new run (and close the runs on this host whose process died); its id."""
    host = socket.gethostname()
    dead = []
    for run in session.execute(select(IngestRun).where(IngestRun.status == "running")).scalars():
        if _dead(run, host):
            run.status = "interrupted"
            dead.append(run.id)
    claims.release(session, dead)
    run = IngestRun(folder=folder, executor=executor, workers=workers, host=host, pid=os.getpid(),
                    status="running", files=0, ingested=0, unchanged=0, failed=0, skipped=0, extracted=0,
                    beat=time.time())
    session.add(run)
    session.flush()
    return run.id


def _dead(run: IngestRun, host: str) -> bool:
    """A run still said running whose process is gone (this host) or whose heartbeat stopped (any host)."""
    return (run.host == host and not alive(run.pid)) or (run.beat is not None and run.beat < time.time() - claims.TTL)


def finish(session: Session, run_id: int, status: str, counts: dict[str, int], *, closed: bool = True) -> None:
    """The run's end and counts; what it claimed and did not finish is free for others at once.
    `closed`: called in the transaction of its close (else `finished_at` stays NULL: see the module)."""
    claims.release(session, [run_id])
    when = {"finished_at": dt.datetime.now(dt.UTC)} if closed else {}
    session.execute(update(IngestRun).where(IngestRun.id == run_id).values(status=status, **when, **counts))


def unclosed(session: Session) -> list[int]:
    """The runs that ended without their close after the last run that closed (oldest first), those
    killed outright among them: what they stored may be missing from the reports and the cross-report
    checks (`reports.stale` says whether)."""
    last = session.execute(select(func.max(IngestRun.id)).where(IngestRun.finished_at.is_not(None))).scalar()
    host = socket.gethostname()
    return [run.id for run in session.execute(select(IngestRun).where(
        IngestRun.finished_at.is_(None), IngestRun.id > (last or 0)).order_by(IngestRun.id)).scalars()
        if run.status != "running" or _dead(run, host)]
