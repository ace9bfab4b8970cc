"""The close of an ingest: the documents stored regrouped into reports, the cross-report checks redone.

Every question reads reports, so a document stored but not regrouped is invisible to them. The
close is one transaction with the run's end (`runs.finish`): it happens whole or not at all, on
every end of a run (done, Ctrl-C or SIGTERM, a hard failure when the store still answers). A
second Ctrl-C during the close rolls it back; the run then keeps no `finished_at` (`runs.unclosed`),
the reports disagree with the documents (`reports.stale`), and the next ingest closes first
(`catch_up`), so that even a run stopped again before its own close leaves the store answering.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from vanban.db import crosscheck, reports, runs
from vanban.db.transaction import in_transaction
from vanban.db.write import write_entries

if TYPE_CHECKING:
    from vanban.pipeline.ingest import Summary


def close(session: Session, run_id: int, status: str, counts: dict[str, int]) -> list[str]:
    """Regroup, redo the cross-report checks and record the run's end, in the caller's transaction;
    the files of this run that joined a report already there (`reports.joined`)."""
    reports.refresh(session)
    joined = reports.joined(session, run_id)
    crosscheck.refresh(session)
    runs.finish(session, run_id, status, counts)
    return joined


def pending(session: Session) -> tuple[list[int], int]:
    """The runs that ended without their close, and how many documents the reports disagree with:
    a close is owed when there are both."""
    ended = runs.unclosed(session)
    return ended, reports.stale(session) if ended else 0


def _catch_up(session: Session) -> bool:
    ended, documents = pending(session)
    if not (ended and documents):
        return False
    reports.refresh(session)
    crosscheck.refresh(session)
    return True


def catch_up(engine: Engine) -> bool:
    """The close an earlier run owes, if any (one transaction); whether there was one."""
    return in_transaction(engine, _catch_up)


def finish(engine: Engine, summary: Summary, failed_hard: bool) -> None:
    """The close of a run (`close`: reports, cross-report checks, the run's end and counts) however it
    ended; after a hard failure, or a second Ctrl-C during the close, only the run's end."""
    counts = {"files": summary.files, "ingested": summary.ingested, "unchanged": summary.unchanged,
              "failed": summary.failed, "skipped": summary.skipped, "extracted": summary.extracted}
    if failed_hard and summary.errors:  # why it failed, where `vanban errors` shows it (a path and a reason)
        path, reason = summary.errors[-1]
        with contextlib.suppress(DBAPIError):
            in_transaction(engine, write_entries, summary.run_id, [("failed", path, None, reason)])
    if failed_hard and not summary.ingested:    # nothing of its own to group: no regrouping to wait for
        with contextlib.suppress(DBAPIError, KeyboardInterrupt):
            in_transaction(engine, runs.finish, summary.run_id, "failed", counts)
        return
    try:
        summary.renditions = in_transaction(engine, close, summary.run_id, status_of(summary, failed_hard), counts)
        return
    except KeyboardInterrupt:           # rolled back whole: the next ingest closes first (`catch_up`)
        summary.interrupted = True
    except Exception:                   # after a hard failure, that failure is the one to raise
        if not failed_hard:
            raise
    summary.closed = False
    with contextlib.suppress(DBAPIError, KeyboardInterrupt):    # else the next run marks it interrupted
        in_transaction(engine, _ended, summary.run_id, status_of(summary, failed_hard), counts)


def _ended(session: Session, run_id: int, status: str, counts: dict[str, int]) -> None:
    runs.finish(session, run_id, status, counts, closed=False)


def status_of(summary: Summary, failed_hard: bool) -> str:
    return "failed" if failed_hard else "interrupted" if summary.interrupted else "done"
