"""The relational store: one typed ORM model per table (SQLAlchemy 2).

The same schema runs on SQLite and PostgreSQL, so column types stay portable (JSON, not JSONB;
text keys, no enums). Lists and dicts from the record that nobody queries by value (a table's
cells, a section's areas, the recipients) are JSON columns; everything the cross-unit questions
join or filter on is a real column with an index.

Identity lives in unique constraints, so that concurrent ingests can insert with
"on conflict do nothing" and never duplicate: a document is its content hash, a source file
is (path, content hash), a unit its key, a directive (canonical, scope).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vanban.db.orm_base import Base
from vanban.db.orm_base import now as _now


class IngestRun(Base):
    """One `vanban ingest`: what it was asked to do and, when it ends, what it did."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    folder: Mapped[str] = mapped_column(Text)
    executor: Mapped[str] = mapped_column(String(16))          # process | dask | inline
    workers: Mapped[int | None]
    host: Mapped[str] = mapped_column(Text)
    pid: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|done|interrupted
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    files: Mapped[int] = mapped_column(default=0)
    ingested: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0, server_default="0")    # entries of the walk not read
    extracted: Mapped[int] = mapped_column(default=0, server_default="0")  # files this run extracted itself
    # epoch seconds of its last heartbeat: a run on any host is dead once its beat is older than a claim's life
    beat: Mapped[float | None] = mapped_column(Float)


class SourceFile(Base):
    """A file as found on disk: one row per (path, content) so that old versions are kept."""

    __tablename__ = "source_files"
    __table_args__ = (
        UniqueConstraint("path", "sha256"),
        Index("ix_source_files_document_current", "document_id", "current"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)                      # readable: bytes not UTF-8 as \xNN
    raw_path: Mapped[bytes | None] = mapped_column(LargeBinary)  # the name byte for byte, when not UTF-8
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    format: Mapped[str] = mapped_column(String(8))
    pages: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(12))             # ingested | failed
    current: Mapped[bool] = mapped_column(Boolean, default=True)  # the newest version of this path
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    document: Mapped[Document | None] = relationship(back_populates="files")


class Unit(Base):
    """A real unit (a health centre, a hospital, a Sở Y tế), however its reports name it."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)   # "<province>|<name, case-folded>"
    name: Mapped[str] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text, index=True)
    kind: Mapped[str | None] = mapped_column(String(20))         # level of the body (units.toml)

    names: Mapped[list[UnitName]] = relationship(back_populates="unit")


class UnitName(Base):
    """A name a unit goes by in some report, with the province that report gives."""

    __tablename__ = "unit_names"
    __table_args__ = (UniqueConstraint("unit_id", "name", "province"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    name: Mapped[str] = mapped_column(Text)
    province: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship(back_populates="names")


class Document(Base):
    """One document's header metadata; its content hash is its identity."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    format: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None]
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(Text)
    number_blank: Mapped[bool] = mapped_column(Boolean, default=False)
    symbol: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None]            # of a legal-style number: `30/2018/QĐ-UBND` (the symbol is `QĐ-UBND`)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_partial: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    parent_issuer: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    period_label: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    signer_name: Mapped[str | None] = mapped_column(Text)
    signer_title: Mapped[str | None] = mapped_column(Text)
    recipients: Mapped[list[Any] | None]
    header: Mapped[dict[str, Any]]          # record["document"] as extracted, keys added later kept
    source: Mapped[dict[str, Any]]          # record["source"] of the file first ingested
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    files: Mapped[list[SourceFile]] = relationship(back_populates="document")


class Directive(Base):
    """A cited document, once: `canonical` plus `scope` ("" national, else a province or a unit key).

    A local symbol (`450/KH-SYT`, `07/KH-TTYT`) is reused by every Sở and centre, so it is only
    one document within its province, or within the unit that issued it.
    """

    __tablename__ = "directives"
    __table_args__ = (UniqueConstraint("canonical", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical: Mapped[str] = mapped_column(Text, index=True)
    scope: Mapped[str] = mapped_column(Text, default="")
    doc_type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None]
    issuer_code: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20), index=True)
    issue_date: Mapped[dt.date | None] = mapped_column(Date)     # the date most mentions state


class Citation(Base):
    """One mention of a cited document in a document, as the text states it."""

    __tablename__ = "citations"
    __table_args__ = (Index("ix_citations_directive_document", "directive_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    directive_id: Mapped[int | None] = mapped_column(ForeignKey("directives.id"))
    ordinal: Mapped[int]
    kind: Mapped[str] = mapped_column(Text)                    # full | partial | named
    canonical: Mapped[str | None] = mapped_column(Text)
    doc_type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None]
    raw: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    page: Mapped[int | None]
    paragraph: Mapped[int | None]                               # where the format has no pages (DOCX)
    stated_date: Mapped[dt.date | None] = mapped_column(Date)
    stated_issuer: Mapped[str | None] = mapped_column(Text)
    own: Mapped[bool] = mapped_column(Boolean, default=False)   # issued by the citing unit itself


class Metric(Base):
    """A number that measures something (output.md `metrics`)."""

    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    kind: Mapped[str] = mapped_column(Text)                    # percent | ratio | count | money | range
    value: Mapped[float | None] = mapped_column(Float)          # null for a range: it has no one value
    low: Mapped[float | None] = mapped_column(Float)            # a range's ends ("từ 250 đến 400 người")
    high: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(Text)
    indicator_key: Mapped[str | None] = mapped_column(Text, index=True)   # patterns/indicators.toml
    raw: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    page: Mapped[int | None]
    paragraph: Mapped[int | None]
    extra: Mapped[dict[str, Any] | None]                        # keys the schema does not know yet


class DocTable(Base):
    """A table of a document (output.md `tables`); its rows are in `table_rows`."""

    __tablename__ = "doc_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    page: Mapped[int | None]
    kind: Mapped[str] = mapped_column(Text, default="other")   # staffing | tasks | other
    paragraph: Mapped[int | None]
    header: Mapped[list[Any] | None]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]


class TableRow(Base):
    """A row of a table: its cells, and the normalised record when the extractor made one."""

    __tablename__ = "table_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    cells: Mapped[list[Any]]
    record: Mapped[dict[str, Any] | None]


class Section(Base):
    """A heading of a document with the reform areas it covers (output.md `sections`)."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    number: Mapped[str | None] = mapped_column(Text)
    heading: Mapped[str | None] = mapped_column(Text)
    level: Mapped[int | None]
    areas: Mapped[list[Any] | None]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]


class Flag(Base):
    """Something wrong with a report: from the extractor, or found by the store across reports.

    `dedupe` is set on store flags so that recomputing them never duplicates; it is null for
    the extractor's (nulls never collide in a unique index, on SQLite and PostgreSQL alike).
    """

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                                    index=True)
    directive_id: Mapped[int | None] = mapped_column(ForeignKey("directives.id"))
    origin: Mapped[str] = mapped_column(String(10))            # extractor | store
    code: Mapped[str] = mapped_column(Text, index=True)
    severity: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)                 # as written (English); shown from the key
    message_key: Mapped[str | None] = mapped_column(Text)      # its template in patterns/ (flags, strings)
    params: Mapped[dict[str, Any] | None]                      # the template's fields, to show it in any language
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    page: Mapped[int | None]
    paragraph: Mapped[int | None]
    quote: Mapped[str | None] = mapped_column(Text)             # the sentence the flag rests on
    dedupe: Mapped[str | None] = mapped_column(Text, unique=True)


class IngestError(Base):
    """A path that a run could not read (`failed`) or left alone (`skipped`), and the reason a user can act on."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10), default="failed", server_default="failed")
    path: Mapped[str] = mapped_column(Text, index=True)
    raw_path: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Report(Base):
    """What a unit sent once; its renditions (a DOCX, the PDF made from it, a scan of the signed paper)
    are documents linked by `renditions` (spec/output.md "Reports and periods").

    Recomputed at the end of every ingest (`vanban.db.reports`); the header fields are the
    reference rendition's, completed from the others (a number written on the scan only).
    """

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    reference_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    doc_type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(Text)
    symbol: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None]
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_partial: Mapped[str | None] = mapped_column(Text)
    period_label: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    period_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    renditions: Mapped[int] = mapped_column(default=1)


class Rendition(Base):
    """A current document as one rendition of a report."""

    __tablename__ = "renditions"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    reference: Mapped[bool] = mapped_column(Boolean, default=False)   # the signed one where known
    content: Mapped[bool] = mapped_column(Boolean, default=False)     # the fullest: its findings are the report's


# The tables that serve the work around the reports, in their own module; imported here so that
# `vanban.db.models` names every table and `Base.metadata` holds them all (Alembic reads it).
from vanban.db.service_tables import Claim, OcrPage, RosterUnit, UploadName, User  # noqa: E402

__all__ = ["Base", "Citation", "Claim", "Directive", "DocTable", "Document", "Flag", "IngestError", "IngestRun",
           "Metric", "OcrPage", "Rendition", "Report", "RosterUnit", "Section", "SourceFile", "TableRow", "Unit",
           "UnitName", "UploadName", "User"]
