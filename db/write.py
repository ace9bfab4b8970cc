"""Write one extracted record into the store, inside the caller's transaction.

Only the transaction that inserts a document (new content hash) writes its children, so a
document is never stored twice whatever runs at the same time. Rows that other documents share
(units, directives) are created with insert-if-absent, in a fixed order (unit, then document,
then directives sorted by key) so that concurrent PostgreSQL writers never wait on each other
in a circle. The keys of units and directives arrive computed (`vanban.identity.keys`, in the
workers), and so are the child rows (`rows.prepare`): this module only writes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Table, insert, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from vanban.db.models import Directive, DocTable, Document, IngestError, SourceFile, Unit, UnitName
from vanban.db.orm_base import now as _now
from vanban.db.rows import COLUMNS, DIRECTIVE_COLUMNS, DirectiveKey, Prepared, Row, UnitRow, prepare
from vanban.db.upsert import (
    dialect,
    ids_of,
    insert_ignore,
    insert_many_ignore,
    insert_many_returning,
    insert_rows_ignore,
    pg_insert_returning,
    sqlite_insert_returning,
    sqlite_run,
    sqlite_value,
    unnested,
)

if TYPE_CHECKING:
    from vanban.identity.keys import Identity

Outcome = Literal["ingested", "unchanged"]


def _date(value: Any) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bulk(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Many rows in few statements (Core "insertmanyvalues"; the ORM path sends one per row on psycopg)."""
    session.execute(_insert_into(model.__table__), rows)


def _many(session: Session, table: str, rows: list[Row]) -> None:
    """The children of a batch, handed to the driver itself: COPY on PostgreSQL (psycopg's executemany
    sends each row as a statement of its own: most of the writer's CPU there, and the server's),
    sqlite3's executemany on SQLite (SQLAlchemy's own executemany spends ~10 µs a row binding
    parameters the rows already hold ready, most of the writer's CPU there).

    The rows come as `rows.prepare` built them (JSON and dates as text): the store is SQLite or
    PostgreSQL (`engine.resolve_url`), which both take them as they are."""
    columns = COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in columns)
    if dialect(session) == "sqlite":
        sqlite_run(session, f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', rows,
                   many=True)
        return
    driver = session.connection().connection.driver_connection
    import psycopg

    statement = f'COPY "{table}" ({names}) FROM STDIN'
    cursor = driver.cursor()
    try:
        with cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as err:     # as SQLAlchemy says it: the batch falls back, a deadlock is retried
        raise DBAPIError.instance(statement, None, err, psycopg.Error) from err


@lru_cache(maxsize=64)
def _insert_into(table: Table) -> Any:
    """One INSERT per table, built once: a statement built per call costs the writer more than its rows."""
    return insert(table)


class Known:
    """Ids of the units, unit names and directives in the store, kept by one writer across its batches so
    that it neither inserts nor looks them up again (most of a batch's are known by then): such rows are
    never deleted and their ids never change. What a transaction learns is kept only once it commits:
    `begin` at its start, `keep` after its commit."""

    def __init__(self) -> None:
        self.units: dict[str, int] = {}
        self.names: set[tuple[int, str | None, str]] = set()
        self.directives: dict[DirectiveKey, int] = {}
        self.begin()

    def begin(self) -> None:
        self.staged: tuple[dict[str, int], set[tuple[int, str | None, str]], dict[DirectiveKey, int]] = \
            ({}, set(), {})

    def keep(self) -> None:
        units, names, directives = self.staged
        self.units.update(units)
        self.names.update(names)
        self.directives.update(directives)
        self.begin()


def _unit_ids(session: Session, items: list[Item], known: Known) -> dict[str, int]:
    """The ids of the batch's units, created if new, with the names they go by: up to three statements
    for the batch, rows in key order (concurrent writers take the same locks in the same order)."""
    units: dict[str, UnitRow] = {}
    names: set[tuple[str, str | None, str]] = set()
    for p, _, _ in items:
        if p.unit is None:
            continue
        units.setdefault(p.unit.key, p.unit)
        names.add((p.unit.key, p.document.get("issuer") or p.document.get("parent_issuer"),
                   p.document.get("province") or ""))
    if not units:
        return {}
    ids = {k: known.units[k] for k in units if k in known.units}
    keys = sorted(k for k in units if k not in ids)
    if keys:
        insert_rows_ignore(session, Unit, ("key", "name", "province", "kind"), [units[k] for k in keys], ["key"])
        fresh = {key: id_ for (key,), id_ in ids_of(session, Unit, [(k,) for k in keys], ["key"]).items()}
        known.staged[0].update(fresh)
        ids.update(fresh)
    rows = [(ids[k], name, province) for k, name, province in sorted(names, key=_text_key)]
    rows = [r for r in rows if r not in known.names]
    insert_rows_ignore(session, UnitName, ("unit_id", "name", "province"), rows, ["unit_id", "name", "province"])
    known.staged[1].update(rows)
    return ids


def _text_key(row: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(v or "" for v in row)


def _document_row(p: Prepared, unit_id: int | None, run_id: int | None) -> dict[str, Any]:
    src, doc = p.source, p.document
    period, signer = doc.get("period") or {}, doc.get("signer") or {}
    return {
        "sha256": src["sha256"], "unit_id": unit_id, "format": src["format"], "size": src.get("size") or 0,
        "pages": src.get("pages"), "ocr": bool(src.get("ocr")), "doc_type": doc.get("doc_type"),
        "number": doc.get("number"), "number_blank": bool(doc.get("number_blank")),
        "symbol": doc.get("symbol"), "year": doc.get("year"), "date": _date(doc.get("date")),
        "date_partial": doc.get("date_partial"),
        "place": doc.get("place"), "issuer": doc.get("issuer"), "parent_issuer": doc.get("parent_issuer"),
        "province": doc.get("province"), "title": doc.get("title"), "period_label": period.get("label"),
        "period_start": _date(period.get("start")), "period_end": _date(period.get("end")),
        "signer_name": signer.get("name"), "signer_title": signer.get("title"),
        "recipients": doc.get("recipients"), "header": doc, "source": src, "run_id": run_id,
    }


def _insert_documents(session: Session, rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(id, sha256) of the documents inserted (not of those stored meanwhile by another run)."""
    name = dialect(session)
    if name not in ("postgresql", "sqlite"):
        return [tuple(r) for r in insert_many_returning(session, Document, rows, ["sha256"], ["id", "sha256"])]
    at = _now()                         # the model's default, given: the rows go to the driver as they are
    insert = pg_insert_returning if name == "postgresql" else sqlite_insert_returning
    return insert(session, Document.__table__, [{**r, "ingested_at": at} for r in rows], ["sha256"], ["id", "sha256"])


def _directive_ids(session: Session, prepared: list[Prepared], known: Known) -> dict[DirectiveKey, int]:
    """Create the directives that are new, in key order, and return the ids of all of them."""
    rows: dict[DirectiveKey, Row] = {}
    for p in prepared:
        for d in p.directives:
            rows.setdefault(d[:2], d)
    ids = {k: known.directives[k] for k in rows if k in known.directives}
    fresh = sorted(k for k in rows if k not in ids)
    if fresh:
        insert_rows_ignore(session, Directive, DIRECTIVE_COLUMNS, [rows[k] for k in fresh], ["canonical", "scope"])
        found = ids_of(session, Directive, fresh, ["canonical", "scope"])
        known.staged[2].update(found)
        ids.update(found)
    return ids


def _tables(session: Session, docs: list[tuple[int, Prepared]]) -> list[Row]:
    """The tables of the batch's documents in one statement (their ids come back in order, for
    their rows); the rows are returned, to insert with the others."""
    tables = [(doc_id, t) for doc_id, p in docs for t in p.tables]
    if not tables:
        return []
    columns = COLUMNS["doc_tables"]
    ids = session.execute(_tables_returning(), [dict(zip(columns, (doc_id, *row), strict=True))
                                                for doc_id, (row, _) in tables]).scalars().all()
    return [(table_id, *r) for table_id, (_, (_, rows)) in zip(ids, tables, strict=True) for r in rows]


@lru_cache(maxsize=1)
def _tables_returning() -> Any:
    return insert(DocTable.__table__).returning(DocTable.__table__.c.id, sort_by_parameter_order=True)


def link_file(session: Session, path: str, source: dict[str, Any], doc_id: int, run_id: int | None,
              raw_path: bytes | None = None) -> Outcome:
    """Make (path, content) the current version of `path`, keeping older versions.

    `raw_path`: the name byte for byte when `path` shows it with escapes (not UTF-8)."""
    sha = source["sha256"]
    files = SourceFile.__table__.c
    row = session.execute(select(files.id, files.status, files.current).where(files.path == path, files.sha256 == sha)
                          ).one_or_none()
    if row is not None and row.status == "ingested" and row.current:
        return "unchanged"
    session.execute(update(SourceFile.__table__).where(files.path == path, files.sha256 != sha,
                                                       files.current.is_(True)).values(current=False))
    values = {"status": "ingested", "current": True, "document_id": doc_id, "run_id": run_id,
              "pages": source.get("pages"), "seen_at": dt.datetime.now(dt.UTC)}
    if row is not None:
        session.execute(update(SourceFile.__table__).where(files.id == row.id).values(**values))
        return "ingested"
    new = insert_ignore(session, SourceFile, {"path": path, "sha256": sha, "size": source.get("size") or 0,
                                              "format": source["format"], "raw_path": raw_path, **values},
                        ["path", "sha256"])
    return "ingested" if new is not None else "unchanged"


def link_new(session: Session, files: list[tuple[str, dict[str, Any], int, bytes | None]],
             run_id: int | None) -> None:
    """`link_file` for the files of documents just stored (none of them can be unchanged), in three
    statements for the batch: older versions of their paths no longer current, the rows of a
    (path, content) met before (a failure) updated, the others inserted."""
    if not files:
        return
    c = SourceFile.__table__.c
    pairs = [(path, source["sha256"]) for path, source, _, _ in files]
    if dialect(session) == "sqlite":
        _link_new_sqlite(session, files, pairs, run_id)
        return
    if dialect(session) == "postgresql":     # statements of one text whatever the batch's size (`unnested`)
        paths = [p for p, _ in pairs]
        in_pairs = select(unnested("paths", paths), unnested("shas", [s for _, s in pairs]))
        in_paths: Any = select(unnested("paths", paths))
    else:
        in_pairs, in_paths = pairs, [p for p, _ in pairs]
    known = {(r.path, r.sha256): r.id for r in session.execute(
        select(c.id, c.path, c.sha256).where(tuple_(c.path, c.sha256).in_(in_pairs)))}
    session.execute(update(SourceFile.__table__).where(
        c.current.is_(True), c.path.in_(in_paths), tuple_(c.path, c.sha256).not_in(in_pairs))
        .values(current=False))
    now = dt.datetime.now(dt.UTC)
    fresh = []
    for (path, source, doc_id, raw_path), pair in zip(files, pairs, strict=True):
        values = {"status": "ingested", "current": True, "document_id": doc_id, "run_id": run_id,
                  "pages": source.get("pages"), "seen_at": now}
        if pair in known:
            session.execute(update(SourceFile.__table__).where(c.id == known[pair]).values(**values))
        else:
            fresh.append({"path": path, "sha256": pair[1], "size": source.get("size") or 0,
                          "format": source["format"], "raw_path": raw_path, **values})
    fresh.sort(key=lambda r: (r["path"], r["sha256"]))      # one lock order for concurrent writers
    insert_many_ignore(session, SourceFile, fresh, ["path", "sha256"])


_FILE_COLUMNS = ("path", "sha256", "size", "format", "raw_path", "status", "current", "document_id", "run_id",
                 "pages", "seen_at")


def _link_new_sqlite(session: Session, files: list[tuple[str, dict[str, Any], int, bytes | None]],
                     pairs: list[tuple[str, str]], run_id: int | None) -> None:
    """`link_new` on SQLite by its own driver, the same three steps: SQLAlchemy's compile of IN lists of
    each new length and its bind processing cost the writer more than SQLite's work."""
    known = ids_of(session, SourceFile, pairs, ["path", "sha256"])
    now = dt.datetime.now(dt.UTC)
    for i in range(0, len(pairs), 400):           # 3 values a file: under SQLite's limit of bound values
        chunk = pairs[i:i + 400]
        sqlite_run(session, 'UPDATE "source_files" SET "current" = 0 WHERE "current" = 1 AND "path" IN '
                            f'({", ".join("?" * len(chunk))}) AND ("path", "sha256") NOT IN '
                            f'(VALUES {", ".join(["(?, ?)"] * len(chunk))})',
                   [p for p, _ in chunk] + [v for pair in chunk for v in pair])
    c = SourceFile.__table__.c
    fresh = []
    for (path, source, doc_id, raw_path), pair in zip(files, pairs, strict=True):
        if pair in known:
            session.execute(update(SourceFile.__table__).where(c.id == known[pair]).values(
                status="ingested", current=True, document_id=doc_id, run_id=run_id, pages=source.get("pages"),
                seen_at=now))
        else:
            fresh.append((path, pair[1], source.get("size") or 0, source["format"], raw_path, "ingested", True,
                          doc_id, run_id, source.get("pages"), sqlite_value(now)))
    fresh.sort(key=itemgetter(0, 1))                # one lock order for concurrent writers
    insert_rows_ignore(session, SourceFile, _FILE_COLUMNS, fresh, ["path", "sha256"])


def document_id(session: Session, sha256: str) -> int | None:
    return session.execute(select(Document.id).where(Document.sha256 == sha256)).scalar_one_or_none()


def write_record(session: Session, record: dict[str, Any], identity: Identity, path: str,
                 run_id: int | None, raw_path: bytes | None = None) -> Outcome:
    """Store one record (new content) with its keys, or just link its file (content already stored)."""
    return write_records(session, [(prepare(record, identity), path, raw_path)], run_id)[0]


Item = tuple[Prepared, str, "bytes | None"]    # a prepared record, its path, its raw path


def write_records(session: Session, items: list[Item], run_id: int | None, known: Known | None = None
                  ) -> list[Outcome]:
    """Store several records in the caller's transaction, in a fixed number of statements whatever
    their number (a statement costs the writer more than its rows): units, documents, directives,
    tables, then the children of all of them, one statement per table, then their files. Shared
    rows are taken in key order across the batch (units, then documents, then directives).

    `known`: the ids a writer learnt in its earlier batches; the caller calls `known.keep()` once
    this transaction has committed."""
    if not items:
        return []
    known = known or Known()
    known.begin()
    unit_ids = _unit_ids(session, items, known)
    rows_in_order = sorted((_document_row(p, unit_ids[p.unit.key] if p.unit else None, run_id)
                            for p, _, _ in items), key=itemgetter("sha256"))
    by_sha = {sha: id_ for id_, sha in _insert_documents(session, rows_in_order)}
    outcomes: list[Outcome] = []
    new: list[tuple[int, Prepared, str, bytes | None]] = []
    for p, path, raw_path in items:
        sha = p.source["sha256"]
        if sha not in by_sha:                   # stored meanwhile by another run: only its file is linked
            existing = document_id(session, sha)
            assert existing is not None
            outcomes.append(link_file(session, path, p.source, existing, run_id, raw_path))
            continue
        new.append((by_sha[sha], p, path, raw_path))
        outcomes.append("ingested")
    ids = _directive_ids(session, [p for _, p, _, _ in new], known)
    children: dict[str, list[Row]] = {"citations": [], "metrics": [], "table_rows": [], "sections": [], "flags": []}
    children["table_rows"] = _tables(session, [(doc_id, p) for doc_id, p, _, _ in new])
    for doc_id, p, _, _ in new:
        head = (doc_id,)
        # the ids only the writer knows, put in front of rows the worker built (a tuple each: cheap)
        children["citations"] += [(doc_id, ids[c[0]] if c[0] else None, *c[1:]) for c in p.citations]
        children["metrics"] += [head + r for r in p.metrics]
        children["sections"] += [head + r for r in p.sections]
        children["flags"] += [head + r for r in p.flags]
    for table, rows in children.items():
        if rows:
            _many(session, table, rows)
    link_new(session, [(path, p.source, doc_id, raw_path) for doc_id, p, path, raw_path in new], run_id)
    return outcomes


def write_failure(session: Session, path: str, sha256: str | None, size: int, fmt: str, reason: str,
                  run_id: int | None, raw_path: bytes | None = None) -> None:
    """Record why a file could not be read; a version already stored stays the current one."""
    session.execute(insert(IngestError).values(run_id=run_id, path=path, raw_path=raw_path, sha256=sha256,
                                               reason=reason, outcome="failed"))
    if sha256:
        insert_ignore(session, SourceFile, {"path": path, "sha256": sha256, "size": size, "format": fmt,
                                            "status": "failed", "current": False, "run_id": run_id,
                                            "raw_path": raw_path},
                      ["path", "sha256"])


def write_entries(session: Session, run_id: int, entries: list[tuple[str, str, bytes | None, str]]) -> None:
    """What the walk skipped or could not reach: (outcome, path, raw path, reason), in one statement."""
    if entries:
        _bulk(session, IngestError, [{"run_id": run_id, "outcome": outcome, "path": path, "raw_path": raw,
                                      "reason": reason, "at": dt.datetime.now(dt.UTC)}
                                     for outcome, path, raw, reason in entries])
