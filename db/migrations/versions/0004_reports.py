"""Reports and their renditions, the roster of units that owe reports, and positions of findings.

Revision ID: 0004_reports
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_reports"
down_revision: str | None = "0003_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_COLUMNS = {
    "citations": [sa.Column("paragraph", sa.Integer(), nullable=True)],
    "metrics": [sa.Column("paragraph", sa.Integer(), nullable=True)],
    "doc_tables": [sa.Column("paragraph", sa.Integer(), nullable=True)],
    "flags": [sa.Column("message_key", sa.Text(), nullable=True), sa.Column("params", sa.JSON(), nullable=True),
              sa.Column("page", sa.Integer(), nullable=True), sa.Column("paragraph", sa.Integer(), nullable=True),
              sa.Column("quote", sa.Text(), nullable=True)],
}


def upgrade() -> None:
    for table, columns in _NEW_COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("reference_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.Text(), nullable=True),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("symbol", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_partial", sa.Text(), nullable=True),
        sa.Column("period_label", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("renditions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["reference_id"], ["documents.id"], name=op.f("fk_reports_reference_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_reports_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    for column in ("unit_id", "period_start", "period_end"):
        op.create_index(op.f(f"ix_reports_{column}"), "reports", [column], unique=False)
    op.create_table(
        "renditions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_renditions_document_id_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_renditions_report_id_reports"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_renditions")),
    )
    op.create_index(op.f("ix_renditions_report_id"), "renditions", ["report_id"], unique=False)
    op.create_table(
        "roster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster")),
        sa.UniqueConstraint("unit_key", name=op.f("uq_roster_unit_key")),
    )


def downgrade() -> None:
    op.drop_table("roster")
    op.drop_table("renditions")
    op.drop_table("reports")
    for table, columns in _NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
