"""Facts that only show across reports: a directive's issue date, units that disagree on it, and
reports that name no unit.

Recomputed from the stored rows at the end of every ingest (one transaction), rather than per
document, so that two ingests writing at once cannot both miss a conflict, and a run that was
killed is caught up by the next one. Store flags carry a `dedupe` key, so recomputing never
duplicates them, and flags that no longer hold are removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from vanban.db.models import Citation, Directive, Document, Flag, SourceFile
from vanban.db.upsert import insert_many_ignore

CONFLICT = "directive_date_conflict"
NO_UNIT = "unit_unknown"
STORE_CODES = (CONFLICT, NO_UNIT)


def _consensus(dates: Counter[dt.date]) -> dt.date:
    """The date most mentions state; on a tie, the earliest."""
    return min(dates, key=lambda d: (-dates[d], d))


def _current() -> Any:
    return select(SourceFile.document_id).where(SourceFile.current.is_(True))


def _dates(session: Session) -> tuple[dict[int, dict[int, set[dt.date]]], dict[int, dict[dt.date, set[Any]]]]:
    """Per directive: the dates each current document states, and the units behind each date."""
    per_doc: dict[int, dict[int, set[dt.date]]] = defaultdict(lambda: defaultdict(set))
    units: dict[int, dict[dt.date, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for directive_id, doc_id, unit_id, date in session.execute(
            select(Citation.directive_id, Citation.document_id, Document.unit_id, Citation.stated_date)
            .join(Document, Document.id == Citation.document_id)
            .where(Citation.directive_id.is_not(None), Citation.stated_date.is_not(None),
                   Citation.document_id.in_(_current()))):
        per_doc[directive_id][doc_id].add(date)
        units[directive_id][date].add(unit_id)
    return per_doc, units


def _issue_dates(session: Session) -> dict[str, dict[str, Any]]:
    """Set each directive's issue date to the consensus; the conflict flags wanted, by dedupe key."""
    per_doc, units = _dates(session)
    canon = dict(session.execute(select(Directive.id, Directive.canonical)).all())
    stored = dict(session.execute(select(Directive.id, Directive.issue_date)).all())
    wanted: dict[str, dict[str, Any]] = {}
    changed: list[dict[str, Any]] = []
    for directive_id, docs in sorted(per_doc.items()):     # one order: concurrent refreshes never deadlock
        counts: Counter[dt.date] = Counter(d for dates in docs.values() for d in dates)
        best = _consensus(counts)
        if stored.get(directive_id) != best:
            changed.append({"directive": directive_id, "best": best})
        by_date = units[directive_id]
        if len(by_date) < 2 or len(set().union(*by_date.values())) < 2:
            continue                          # one date, or one unit only: no disagreement between units
        for doc_id, dates in docs.items():
            for date in sorted(dates - {best}):
                dedupe = f"{CONFLICT}:{directive_id}:{doc_id}:{date.isoformat()}"
                wanted[dedupe] = {
                    "document_id": doc_id, "directive_id": directive_id, "code": CONFLICT, "severity": "warning",
                    "message": (f"cites {canon[directive_id]} as issued on {date:%d/%m/%Y}; "
                                f"{counts[best]} mention(s) in other reports give {best:%d/%m/%Y}"),
                    "message_key": CONFLICT, "params": {"directive": canon[directive_id], "date": f"{date:%d/%m/%Y}",
                                                        "count": counts[best], "best": f"{best:%d/%m/%Y}"},
                }
    if changed:                     # one executemany, in id order: a statement each cost most of the refresh
        table = Directive.__table__
        session.execute(update(table).where(table.c.id == bindparam("directive"))
                        .values(issue_date=bindparam("best")), changed)
    undated = sorted(i for i, d in stored.items() if d is not None and i not in per_doc)
    if undated:
        session.execute(update(Directive).where(Directive.id.in_(undated)).values(issue_date=None))
    return wanted


def _unitless(session: Session) -> dict[str, dict[str, Any]]:
    """Reports whose header names no unit: they are left out of every per-unit question."""
    docs = session.execute(select(Document.id).where(Document.unit_id.is_(None),
                                                     Document.id.in_(_current()))).scalars()
    return {f"{NO_UNIT}:{doc_id}": {
        "document_id": doc_id, "directive_id": None, "code": NO_UNIT, "severity": "warning",
        "message": "the report names no issuing unit (header or body): it is left out of the per-unit questions",
        "message_key": NO_UNIT, "params": {},
    } for doc_id in docs}


def refresh(session: Session) -> int:
    """Recompute issue dates and the store's flags; the number of store flags now set."""
    wanted = {**_issue_dates(session), **_unitless(session)}
    stale = select(Flag.dedupe).where(Flag.origin == "store", Flag.code.in_(STORE_CODES))
    gone = [d for d in session.execute(stale).scalars() if d not in wanted]
    if gone:
        session.execute(delete(Flag).where(Flag.dedupe.in_(gone)))
    insert_many_ignore(session, Flag, [{**row, "dedupe": dedupe, "origin": "store"}
                                       for dedupe, row in sorted(wanted.items())], ["dedupe"])
    return len(wanted)
