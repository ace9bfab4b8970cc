"""A record as the writer stores it, prepared where it was extracted: the child rows as the driver takes them.

The ingest has one writer (one process, one thread) and one or more workers; whatever the writer does
per document bounds how well the run scales with workers. So a worker turns its record into rows
(tuples in `COLUMNS` order, JSON as `light.json_text` writes it, dates as ISO text: what SQLite stores
and what PostgreSQL's COPY reads) and the writer only adds the ids it alone knows (document, table,
directive). A prepared record is also smaller to send back than the record (tuples, not dicts).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from vanban.db.light import json_text  # not engine: the workers need no SQLAlchemy

if TYPE_CHECKING:
    from vanban.identity.keys import Identity

Row = tuple[Any, ...]
DirectiveKey = tuple[str, str]          # (canonical, scope): the unique key of `directives`

# The columns of each child table, in the order of the rows' values; the first (or two, for
# citations) are the ids the writer puts in front: document_id (table_id), then directive_id. A table's
# own row is inserted through SQLAlchemy (its id comes back): its header stays a value, not JSON text.
COLUMNS: dict[str, tuple[str, ...]] = {
    "citations": ("document_id", "directive_id", "ordinal", "kind", "canonical", "doc_type", "number", "year",
                  "raw", "span_start", "span_end", "page", "paragraph", "stated_date", "stated_issuer", "own"),
    "metrics": ("document_id", "ordinal", "kind", "value", "numerator", "denominator", "low", "high", "unit",
                "indicator", "indicator_key", "raw", "context", "span_start", "span_end", "page", "paragraph",
                "extra"),
    "sections": ("document_id", "ordinal", "number", "heading", "level", "areas", "span_start", "span_end"),
    "flags": ("document_id", "origin", "code", "severity", "message", "span_start", "span_end", "message_key",
              "params", "page", "paragraph", "quote"),
    "doc_tables": ("document_id", "ordinal", "page", "paragraph", "kind", "header", "span_start", "span_end"),
    "table_rows": ("table_id", "ordinal", "cells", "record"),
}
DIRECTIVE_COLUMNS = ("canonical", "scope", "level", "doc_type", "number", "year", "issuer_code", "issuer",
                     "province")


class UnitRow(NamedTuple):
    """A unit's row (`units`), by its key."""

    key: str
    name: str
    province: str | None
    kind: str | None


class Prepared(NamedTuple):
    """What the writer needs of one extracted file: its source and header (the document's row and
    JSON), its unit, the directives it cites (rows in `DIRECTIVE_COLUMNS` order, by key) and its
    child rows by table (citations lead with their directive's key, or None, where its id goes;
    a table's row comes with the rows of its `table_rows`)."""

    source: dict[str, Any]
    document: dict[str, Any]
    unit: UnitRow | None
    directives: tuple[Row, ...]
    citations: list[Row]
    metrics: list[Row]
    sections: list[Row]
    flags: list[Row]
    tables: list[tuple[Row, list[Row]]]


def _date(value: Any) -> str | None:
    """An ISO date (first 10 characters), as the store's Date columns hold it; None when not one."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _json(value: Any) -> str:
    return json_text(value)             # None as JSON null, as SQLAlchemy's JSON type writes it


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span") or (None, None)
    return span[0], span[1]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


_METRIC_KEYS = {"kind", "value", "numerator", "denominator", "low", "high", "unit", "indicator", "indicator_key",
                "raw", "context", "span", "page", "paragraph"}


def _citations(record: dict[str, Any], identity: Identity) -> list[Row]:
    rows = []
    for i, (c, r) in enumerate(zip(record.get("citations") or [], identity.mentions, strict=True)):
        rows.append(((r[0].canonical, r[0].scope) if r else None, i, c.get("kind") or "full", c.get("canonical"),
                     c.get("doc_type"), c.get("number"), c.get("year"), c.get("raw") or "", *_span(c),
                     c.get("page"), c.get("paragraph"), _date(c.get("date")), c.get("issuer"), bool(r and r[1])))
    return rows


def _metrics(metrics: list[dict[str, Any]]) -> list[Row]:
    return [(i, m.get("kind") or "other", _number(m.get("value")), _number(m.get("numerator")),
             _number(m.get("denominator")), _number(m.get("low")), _number(m.get("high")), m.get("unit"),
             m.get("indicator"), m.get("indicator_key"), m.get("raw"), m.get("context"), *_span(m),
             m.get("page"), m.get("paragraph"), _json({k: v for k, v in m.items() if k not in _METRIC_KEYS} or None))
            for i, m in enumerate(metrics)]


def _sections(sections: list[dict[str, Any]]) -> list[Row]:
    return [(i, s.get("number"), s.get("heading"), s.get("level"), _json(s.get("areas")), *_span(s))
            for i, s in enumerate(sections)]


def _flags(flags: list[dict[str, Any]]) -> list[Row]:
    return [("extractor", f.get("code") or "unknown", f.get("severity") or "warning", f.get("message") or "",
             *_span(f), f.get("message_key"), _json(f.get("params")), f.get("page"), f.get("paragraph"),
             f.get("quote"))
            for f in flags]


def _tables(tables: list[dict[str, Any]]) -> list[tuple[Row, list[Row]]]:
    out = []
    for i, t in enumerate(tables):
        rows, records = t.get("rows") or [], t.get("records") or []
        out.append(((t.get("index", i), t.get("page"), t.get("paragraph"), t.get("kind") or "other",
                     t.get("header"), *_span(t)),                  # inserted by SQLAlchemy: not encoded here
                    [(j, _json(row), _json(records[j] if j < len(records) else None)) for j, row in enumerate(rows)]))
    return out


def prepare(record: dict[str, Any], identity: Identity) -> Prepared:
    """The record and its keys as the writer stores them (see the module's docstring)."""
    unit = (UnitRow(identity.unit.key, identity.unit.name, identity.unit.province, identity.unit_kind)
            if identity.unit is not None else None)
    specs = {(r[0].canonical, r[0].scope): r[0] for r in identity.mentions if r}
    directives = tuple((s.canonical, s.scope, s.level, s.doc_type, s.number, s.year, s.issuer_code, s.issuer,
                        s.province) for _, s in sorted(specs.items()))
    return Prepared(record["source"], record["document"], unit, directives, _citations(record, identity),
                    _metrics(record.get("metrics") or []), _sections(record.get("sections") or []),
                    _flags(record.get("flags") or []), _tables(record.get("tables") or []))
