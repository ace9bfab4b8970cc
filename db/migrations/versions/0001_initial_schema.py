"""Initial schema: source files, documents, units, directives, citations and what a record holds.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete="CASCADE" if cascade else None)


def _span() -> list[sa.Column]:
    return [sa.Column("span_start", sa.Integer(), nullable=True),
            sa.Column("span_end", sa.Integer(), nullable=True)]


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{columns[0]}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "ingest_runs", _id(),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("executor", sa.String(16), nullable=False),
        sa.Column("workers", sa.Integer(), nullable=True),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("ingested", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        _pk("ingest_runs"),
    )
    op.create_table(
        "units", _id(),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=True),
        _pk("units"),
        sa.UniqueConstraint("key", name=op.f("uq_units_key")),
    )
    _index("units", "province")
    op.create_table(
        "unit_names", _id(),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        _fk("unit_names", "unit_id", "units"),
        _pk("unit_names"),
        sa.UniqueConstraint("unit_id", "name", "province", name=op.f("uq_unit_names_unit_id_name_province")),
    )
    op.create_table(
        "directives", _id(),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("doc_type", sa.Text(), nullable=True),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("issuer_code", sa.Text(), nullable=True),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        _pk("directives"),
        sa.UniqueConstraint("canonical", "scope", name=op.f("uq_directives_canonical_scope")),
    )
    _index("directives", "canonical")
    _index("directives", "level")
    op.create_table(
        "documents", _id(),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("doc_type", sa.Text(), nullable=True),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("number_blank", sa.Boolean(), nullable=False),
        sa.Column("symbol", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_partial", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("parent_issuer", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("period_label", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("signer_name", sa.Text(), nullable=True),
        sa.Column("signer_title", sa.Text(), nullable=True),
        sa.Column("recipients", sa.JSON(), nullable=True),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        _fk("documents", "run_id", "ingest_runs"),
        _fk("documents", "unit_id", "units"),
        _pk("documents"),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    _index("documents", "unit_id")
    op.create_table(
        "source_files", _id(),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        _fk("source_files", "document_id", "documents"),
        _fk("source_files", "run_id", "ingest_runs"),
        _pk("source_files"),
        sa.UniqueConstraint("path", "sha256", name=op.f("uq_source_files_path_sha256")),
    )
    _index("source_files", "document_id", "current", name="ix_source_files_document_current")
    _index("source_files", "sha256")
    op.create_table(
        "citations", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("directive_id", sa.Integer(), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=True),
        sa.Column("doc_type", sa.Text(), nullable=True),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        *_span(),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("stated_date", sa.Date(), nullable=True),
        sa.Column("stated_issuer", sa.Text(), nullable=True),
        sa.Column("own", sa.Boolean(), nullable=False),
        _fk("citations", "directive_id", "directives"),
        _fk("citations", "document_id", "documents", cascade=True),
        _pk("citations"),
    )
    _index("citations", "directive_id", "document_id", name="ix_citations_directive_document")
    _index("citations", "document_id")
    op.create_table(
        "metrics", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("indicator", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        *_span(),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=True),
        _fk("metrics", "document_id", "documents", cascade=True),
        _pk("metrics"),
    )
    _index("metrics", "document_id")
    op.create_table(
        "doc_tables", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("header", sa.JSON(), nullable=True),
        *_span(),
        _fk("doc_tables", "document_id", "documents", cascade=True),
        _pk("doc_tables"),
    )
    _index("doc_tables", "document_id")
    op.create_table(
        "table_rows", _id(),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=True),
        _fk("table_rows", "table_id", "doc_tables", cascade=True),
        _pk("table_rows"),
    )
    _index("table_rows", "table_id")
    op.create_table(
        "sections", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("areas", sa.JSON(), nullable=True),
        *_span(),
        _fk("sections", "document_id", "documents", cascade=True),
        _pk("sections"),
    )
    _index("sections", "document_id")
    op.create_table(
        "flags", _id(),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("directive_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("severity", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        *_span(),
        sa.Column("dedupe", sa.Text(), nullable=True),
        _fk("flags", "directive_id", "directives"),
        _fk("flags", "document_id", "documents", cascade=True),
        _pk("flags"),
        sa.UniqueConstraint("dedupe", name=op.f("uq_flags_dedupe")),
    )
    _index("flags", "code")
    _index("flags", "document_id")
    op.create_table(
        "ingest_errors", _id(),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("ingest_errors", "run_id", "ingest_runs"),
        _pk("ingest_errors"),
    )
    _index("ingest_errors", "path")
    _index("ingest_errors", "run_id")


def downgrade() -> None:
    for table in ("ingest_errors", "flags", "sections", "table_rows", "doc_tables", "metrics",
                  "citations", "source_files", "documents", "directives", "unit_names", "units",
                  "ingest_runs"):
        op.drop_table(table)
