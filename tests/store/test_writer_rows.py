"""The writer's share of the work kept small: rows prepared by the workers, ids it already knows kept.

`rows.prepare` (in the worker) builds each child row without the ids only the writer knows; the
writer keeps the ids of units and directives across its batches (`write.Known`), but only those of
a transaction that committed: a batch rolled back must not leave the next one pointing at ids that
were never stored. The regrouping reads whether a header's number is uncertain as text.
"""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vanban.db import reports, schema
from vanban.db.engine import make_engine
from vanban.db.models import Citation, Directive, Document, Unit
from vanban.db.rows import COLUMNS, prepare
from vanban.db.transaction import in_transaction
from vanban.db.write import Item, Known, write_records
from vanban.extract.record import extract_file
from vanban.identity.keys import identify

from .helpers import TXT, rows


def _prepared(i: int, path: str = "") -> Item:
    """A sample prepared as a worker prepares it, under `path` (its own name by default)."""
    record = extract_file(str(TXT[i]))
    return prepare(record, identify(record)), path or TXT[i].name, None


def test_prepared_rows_match_their_columns() -> None:
    p, _, _ = _prepared(0)
    for table in ("citations", "metrics", "sections", "flags"):
        built = getattr(p, table)
        assert built, table
        assert {len(r) for r in built} == {len(COLUMNS[table]) - 1}, table   # the directive's key stands in


def test_ids_of_a_rolled_back_batch_are_not_kept(store: str) -> None:
    engine = make_engine(store, writer=True)
    schema.upgrade(engine)
    known = Known()

    class Refused(Exception):
        pass

    def refused(session: Session) -> None:
        write_records(session, [_prepared(0)], None, known)
        raise Refused                   # rolled back: its units and directives were never stored

    with pytest.raises(Refused):
        in_transaction(engine, refused)
    assert rows(store, select(func.count()).select_from(Directive)) == [(0,)]
    known.begin()                       # what the writer does at the next transaction
    assert (known.units, known.directives) == ({}, {})

    in_transaction(engine, write_records, [_prepared(0)], None, known)
    known.keep()
    assert known.units and known.directives
    directives = rows(store, select(func.count()).select_from(Directive))
    second = copy.deepcopy(_prepared(0, "again.txt"))
    second[0].source["sha256"] = "0" * 64           # the same text under another hash: same unit, same directives
    in_transaction(engine, write_records, [second], None, known)
    assert rows(store, select(func.count()).select_from(Directive)) == directives, "none inserted twice"
    assert rows(store, select(func.count()).select_from(Unit)) == [(1,)]
    cited = rows(store, select(Document.sha256, Citation.ordinal, Directive.canonical)
                 .join(Citation, Citation.document_id == Document.id)
                 .join(Directive, Directive.id == Citation.directive_id))
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for sha, ordinal, canonical in cited:
        by_doc.setdefault(sha, []).append((ordinal, canonical))
    assert len(by_doc) == 2 and len({tuple(sorted(v)) for v in by_doc.values()}) == 1, \
        "both cite the same directives, by the same ids"
    engine.dispose()


def test_regrouping_reads_an_uncertain_number(store: str) -> None:
    engine = make_engine(store, writer=True)
    schema.upgrade(engine)
    plain, unsure = _prepared(0), _prepared(1)
    unsure[0].document["uncertain"] = {"number": "1?2"}
    in_transaction(engine, write_records, [plain, unsure], None)
    with Session(engine) as session:
        docs = {d.id: d.uncertain_number for d in reports._documents(session)}
        sha = dict(session.execute(select(Document.id, Document.sha256)).all())
    assert {sha[i]: u for i, u in docs.items()} == {plain[0].source["sha256"]: False,
                                                    unsure[0].source["sha256"]: True}
    engine.dispose()
