"""Claims: which run extracts which content, so that concurrent ingests share the work instead of repeating it.

A run claims a file's content hash just before it hands the file to a worker; the claim holds
until `expires` (epoch seconds), which the run's heartbeat keeps pushing forward. Another run
that meets a live claim does not extract that file: it waits for the holder's outcome (the
document stored, or the failure and its reason). A claim whose holder died expires and is taken
over; a claim that ended before a run started (a failure of an earlier run) is tried again.
Runs on different machines compare epoch seconds, so their clocks must agree to well under
`TTL` (NTP does).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from vanban.db.models import Claim, IngestRun

TTL = 60.0                  # seconds a claim holds without a heartbeat
BEAT = TTL / 4              # how often a live run renews its claims


def claim(session: Session, sha256: str, run_id: int, started: float, ttl: float = TTL) -> bool:
    """Take the claim on `sha256` for this run: True if this run is to extract it."""
    now = time.time()
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Claim)
    new = session.execute(insert.values(sha256=sha256, run_id=run_id, state="claimed", expires=now + ttl,
                                        attempts=1).on_conflict_do_nothing(index_elements=["sha256"])
                          .returning(Claim.sha256)).scalar_one_or_none()
    if new is not None:
        return True
    taken = session.execute(update(Claim).where(
        Claim.sha256 == sha256,
        or_(and_(Claim.state == "claimed", Claim.expires < now),          # its holder died
            and_(Claim.state != "claimed", Claim.expires < started)))     # ended before this run began
        .values(run_id=run_id, state="claimed", reason=None, expires=now + ttl, attempts=Claim.attempts + 1))
    return taken.rowcount == 1


def claim_many(session: Session, shas: list[str], run_id: int, started: float, ttl: float = TTL) -> set[str]:
    """Of `shas`, those this run now holds: a few claims in one transaction instead of one each."""
    return {sha for sha in shas if claim(session, sha, run_id, started, ttl)}


def finish_many(session: Session, shas: list[str], run_id: int, state: str) -> None:
    """Several claims ended the same way (stored) in one statement."""
    if shas:
        session.execute(update(Claim).where(Claim.sha256.in_(shas), Claim.run_id == run_id)
                        .values(state=state, reason=None, expires=time.time()))


def finish(session: Session, sha256: str, run_id: int, state: str, reason: str | None = None) -> None:
    """The claim's outcome (`stored` or `failed` with its reason), for the runs that wait on it."""
    session.execute(update(Claim).where(Claim.sha256 == sha256, Claim.run_id == run_id)
                    .values(state=state, reason=reason, expires=time.time()))


def outcomes(session: Session, shas: Iterable[str]) -> dict[str, tuple[str, str | None, float]]:
    """sha256 -> (state, reason, expires) of these claims."""
    wanted = list(shas)
    out: dict[str, tuple[str, str | None, float]] = {}
    for i in range(0, len(wanted), 500):
        for sha, state, reason, expires in session.execute(
                select(Claim.sha256, Claim.state, Claim.reason, Claim.expires)
                .where(Claim.sha256.in_(wanted[i:i + 500]))):
            out[sha] = (state, reason, expires)
    return out


def beat(session: Session, run_id: int, ttl: float = TTL) -> None:
    """The heartbeat: this run is alive, and so are its claims."""
    now = time.time()
    session.execute(update(Claim).where(Claim.run_id == run_id, Claim.state == "claimed")
                    .values(expires=now + ttl))
    session.execute(update(IngestRun).where(IngestRun.id == run_id).values(beat=now))


def release(session: Session, run_ids: list[int]) -> None:
    """Let other runs take at once what these runs (ended, or dead) claimed and did not finish."""
    if run_ids:
        session.execute(update(Claim).where(Claim.run_id.in_(run_ids), Claim.state == "claimed")
                        .values(expires=0.0))
