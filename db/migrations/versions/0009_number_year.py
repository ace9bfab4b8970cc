"""The year of a legal-style number in its own column: `documents.year`, `reports.year`.

`30/2018/QĐ-UBND` was stored as number 30 and symbol `QĐ-UBND`, its year only in the header's JSON,
so a report was labelled `30/QĐ-UBND` and could not be found by the number its readers cite. The
year is copied from the header of the documents already stored, and each report takes its
reference's.

Revision ID: 0009_number_year
Revises: 0008_metric_indicator_key
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_number_year"
down_revision: str | None = "0008_metric_indicator_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DOCS = sa.table("documents", sa.column("id", sa.Integer), sa.column("year", sa.Integer),
                 sa.column("header", sa.JSON))
_REPORTS = sa.table("reports", sa.column("reference_id", sa.Integer), sa.column("year", sa.Integer))


def upgrade() -> None:
    for table in ("documents", "reports"):      # a plain ALTER: SQLite's batch copy would break the views
        op.add_column(table, sa.Column("year", sa.Integer(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(_DOCS.c.id, _DOCS.c.header).where(_DOCS.c.header.is_not(None))).all()
    years = [{"doc": i, "y": h["year"]} for i, h in rows if isinstance(h, dict) and isinstance(h.get("year"), int)]
    if years:
        bind.execute(_DOCS.update().where(_DOCS.c.id == sa.bindparam("doc")).values(year=sa.bindparam("y")), years)
        bind.execute(_REPORTS.update().values(year=sa.select(_DOCS.c.year).where(
            _DOCS.c.id == _REPORTS.c.reference_id).scalar_subquery()))


def downgrade() -> None:
    for table in ("reports", "documents"):      # DROP COLUMN: SQLite ≥ 3.35 and PostgreSQL alike
        op.execute(f"ALTER TABLE {table} DROP COLUMN year")
