"""Claims: which run extracts which content, so that concurrent ingests share the work instead of repeating it.

A run claims a file's content hash, with the format it is read as (`File.key`), just before it
hands the file to a worker; the claim holds until `expires` (epoch seconds), which the run's
heartbeat keeps pushing forward. Another run
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
from sqlalchemy.orm import Session

from vanban.db.models import Claim, IngestRun
from vanban.db.upsert import dialect, insert_many_returning, unnested

TTL = 60.0                  # seconds a claim holds without a heartbeat
BEAT = TTL / 4              # how often a live run renews its claims


def claim(session: Session, sha256: str, run_id: int, started: float, ttl: float = TTL) -> bool:
    """Take the claim on `sha256` for this run: True if this run is to extract it."""
    return bool(claim_many(session, [sha256], run_id, started, ttl))


def claim_many(session: Session, shas: list[str], run_id: int, started: float, ttl: float = TTL) -> set[str]:
    """Of `shas`, those this run now holds: new claims in one statement, and those to take over (their
    holder died, or they ended before this run began) in one more, in hash order (no deadlock)."""
    if not shas:
        return set()
    now = time.time()
    ordered = sorted(set(shas))
    held = {row.sha256 for row in insert_many_returning(session, Claim, [
        {"sha256": sha, "run_id": run_id, "state": "claimed", "expires": now + ttl, "attempts": 1}
        for sha in ordered], ["sha256"], ["sha256"])}
    others = [sha for sha in ordered if sha not in held]
    if others:
        c = Claim.__table__.c
        held.update(session.execute(update(Claim.__table__).where(
            c.sha256.in_(others),
            or_(and_(c.state == "claimed", c.expires < now),          # its holder died
                and_(c.state != "claimed", c.expires < started)))     # ended before this run began
            .values(run_id=run_id, state="claimed", reason=None, expires=now + ttl, attempts=c.attempts + 1)
            .returning(c.sha256)).scalars())
    return held


def finish_many(session: Session, shas: list[str], run_id: int, state: str) -> None:
    """Several claims ended the same way (stored) in one statement."""
    if shas:
        c = Claim.__table__.c       # the table, not the ORM entity: no ORM bulk-update machinery per batch
        wanted = select(unnested("shas", shas)) if dialect(session) == "postgresql" else shas
        session.execute(update(Claim.__table__).where(c.sha256.in_(wanted), c.run_id == run_id)
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
