"""Facts that only show across reports: a directive's issue date, units that disagree on it (or with
its verified date, patterns/directives.toml), and reports that name no unit.

Recomputed from the stored rows at the end of every ingest (one transaction), rather than per
document, so that two ingests writing at once cannot both miss a conflict, and a run that was
killed is caught up by the next one. Store flags carry a `dedupe` key, so recomputing never
duplicates them, and flags that no longer hold are removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from vanban.db.models import Citation, Directive, Document, Flag, Rendition, SourceFile
from vanban.db.upsert import insert_many_ignore
from vanban.identity.verified import verified_dates

CONFLICT = "directive_date_conflict"
VERIFIED = "directive_date_verified"      # the message of a conflict with a verified date
NO_UNIT = "unit_unknown"
STORE_CODES = (CONFLICT, NO_UNIT)


def _consensus(dates: Counter[dt.date]) -> dt.date:
    """The date most reports state; on a tie, the earliest (the directive's stored issue date)."""
    return min(dates, key=lambda d: (-dates[d], d))


def _disputed(dates: Counter[dt.date]) -> dict[dt.date, dt.date]:
    """The dates to flag, each with the date it is set against.

    A date stated by more reports than any other stands and the others are flagged against it. When
    the most-stated dates are tied (one report against one), nothing says which is right, so every
    date is flagged, each against the most-stated of the others (the earliest on a tie): both
    units check, rather than one chosen by which date sorts first."""
    best = _consensus(dates)
    tied = sum(n == dates[best] for n in dates.values()) > 1
    out: dict[dt.date, dt.date] = {}
    for date in dates:
        if date != best or tied:
            out[date] = _consensus(Counter({d: n for d, n in dates.items() if d != date}))
    return out


def _current() -> Any:
    return select(SourceFile.document_id).where(SourceFile.current.is_(True))


_STREAM = 1000                  # rows fetched at a time: memory bounded by a directive, not by the store
_FLAGS_AT_ONCE = 500


def _dated_citations() -> Any:
    """Citations of a directive by a current document that state the directive's date."""
    return (select(Citation.directive_id).join(Document, Document.id == Citation.document_id)
            .where(Citation.directive_id.is_not(None), Citation.stated_date.is_not(None),
                   Citation.document_id.in_(_current())))


def _by_directive(session: Session) -> Iterator[tuple[int, str, str, dt.date | None, dict[int, set[dt.date]],
                                                      dict[dt.date, set[Any]], Counter[dt.date]]]:
    """Per directive, in id order: its key and stored date, the dates each current document states,
    the units behind each date and how many reports state each (a report's PDF and DOCX are one
    voice, and a report that states two dates votes for the one it states most: a slip once against
    four mentions is its typo, not its vote); one directive at a time (the rows come sorted), so that
    neither the store nor its directives are ever held whole."""
    rows = session.execute(
        _dated_citations().add_columns(Directive.canonical, Directive.scope, Directive.issue_date, Citation.document_id,
                                       Document.unit_id, Citation.stated_date, Rendition.report_id)
        .join(Directive, Directive.id == Citation.directive_id)
        .outerjoin(Rendition, Rendition.document_id == Citation.document_id)
        .order_by(Citation.directive_id, Citation.document_id).execution_options(yield_per=_STREAM))
    for directive_id, group in groupby(rows, key=itemgetter(0)):
        per_doc: dict[int, set[dt.date]] = defaultdict(set)
        units: dict[dt.date, set[Any]] = defaultdict(set)
        mentions: dict[tuple[str, int], Counter[dt.date]] = defaultdict(Counter)
        for row in group:
            _, canonical, scope, stored, doc_id, unit_id, date, report_id = row
            per_doc[doc_id].add(date)
            units[date].add(unit_id)
            voice = ("report", report_id) if report_id is not None else ("document", doc_id)
            mentions[voice][date] += 1
        yield directive_id, canonical, scope, stored, per_doc, units, _votes(mentions.values())


def _votes(mentions: Iterable[Counter[dt.date]]) -> Counter[dt.date]:
    """How many reports vote for each date: each for the date it states most (for each, on a tie)."""
    votes: Counter[dt.date] = Counter()
    for stated in mentions:
        most = max(stated.values())
        votes.update(date for date, n in stated.items() if n == most)
    return votes


def _set_dates(session: Session, changed: list[dict[str, Any]]) -> None:
    """One executemany, in id order: a statement each cost most of the refresh."""
    if changed:
        table = Directive.__table__
        session.execute(update(table).where(table.c.id == bindparam("directive"))
                        .values(issue_date=bindparam("best")), changed)


def _issue_dates(session: Session, flags: Callable[[list[dict[str, Any]]], None]) -> set[str]:
    """Set each directive's issue date to the consensus and hand the conflict flags wanted to
    `flags`, a directive at a time; their dedupe keys."""
    wanted: set[str] = set()
    changed: list[tuple[int, dt.date]] = []
    known = verified_dates()
    for directive_id, canonical, scope, stored, docs, by_date, counts in _by_directive(session):   # one order
        verified = known.get(canonical) if scope == "" else None
        best = verified or _consensus(counts)
        if stored != best:
            changed.append((directive_id, best))     # set once the stream is read (SQLite: no writes under it)
        if verified:                          # a verified date: every other one is wrong, even one unit's
            against = {date: verified for date in by_date if date != verified}
        elif len(by_date) < 2 or len(set().union(*by_date.values())) < 2:
            continue                          # one date, or one unit only: no disagreement between units
        else:
            against = _disputed(counts)
        # in dedupe-key order, a few hundred flag rows at a time (a directive every report cites has
        # thousands of conflicting mentions)
        conflicts = sorted((f"{doc_id}:{date.isoformat()}", doc_id, date)
                           for doc_id, dates in docs.items() for date in dates if date in against)
        for i in range(0, len(conflicts), _FLAGS_AT_ONCE):
            rows = []
            for key, doc_id, date in conflicts[i:i + _FLAGS_AT_ONCE]:
                other = against[date]
                # what the message says is in the key: a flag whose other date or count changed is replaced
                said = "verified" if verified else counts[other]
                dedupe = f"{CONFLICT}:{directive_id}:{key}:{other.isoformat()}:{said}"
                wanted.add(dedupe)
                rows.append({
                    "dedupe": dedupe, "document_id": doc_id, "directive_id": directive_id, "code": CONFLICT,
                    "severity": "warning",
                    "message": (f"cites {canonical} as issued on {date:%d/%m/%Y}; " + (
                        f"it was issued on {other:%d/%m/%Y}" if verified else
                        f"{counts[other]} mention(s) in other reports give {other:%d/%m/%Y}")),
                    "message_key": VERIFIED if verified else CONFLICT,
                    "params": {"directive": canonical, "date": f"{date:%d/%m/%Y}", "count": counts.get(other, 0),
                               "best": f"{other:%d/%m/%Y}"},
                })
            flags(rows)
    for i in range(0, len(changed), _STREAM):
        _set_dates(session, [{"directive": d, "best": b} for d, b in changed[i:i + _STREAM]])
    session.execute(update(Directive).where(Directive.issue_date.is_not(None),
                                            Directive.id.not_in(_dated_citations())).values(issue_date=None))
    return wanted


def _unitless(session: Session, flags: Callable[[list[dict[str, Any]]], None]) -> set[str]:
    """Reports whose header names no unit: they are left out of every per-unit question."""
    docs = session.execute(select(Document.id).where(Document.unit_id.is_(None),
                                                     Document.id.in_(_current()))).scalars().all()
    flags([{
        "dedupe": f"{NO_UNIT}:{doc_id}", "document_id": doc_id, "directive_id": None, "code": NO_UNIT,
        "severity": "warning",
        "message": "the report names no issuing unit (header or body): it is left out of the per-unit questions",
        "message_key": NO_UNIT, "params": {},
    } for doc_id in sorted(docs, key=str)])
    return {f"{NO_UNIT}:{doc_id}" for doc_id in docs}


def refresh(session: Session) -> int:
    """Recompute issue dates and the store's flags; the number of store flags now set.

    Flags are written as they are found (insert-if-absent on their dedupe key), a few hundred at a
    time across directives (one statement per directive was most of the close on PostgreSQL: a round
    trip each), and only their keys kept, so that the memory of the refresh does not grow with the store."""
    pending: list[dict[str, Any]] = []

    def write() -> None:
        insert_many_ignore(session, Flag, [{**row, "origin": "store"} for row in pending], ["dedupe"])
        pending.clear()

    def flags(rows: list[dict[str, Any]]) -> None:
        pending.extend(rows)
        if len(pending) >= _FLAGS_AT_ONCE:
            write()

    wanted = _issue_dates(session, flags)
    wanted |= _unitless(session, flags)
    write()
    stale = select(Flag.dedupe).where(Flag.origin == "store", Flag.code.in_(STORE_CODES))
    gone = sorted(d for d in session.execute(stale).scalars() if d not in wanted)
    for i in range(0, len(gone), 500):
        session.execute(delete(Flag).where(Flag.dedupe.in_(gone[i:i + 500])))
    return len(wanted)
