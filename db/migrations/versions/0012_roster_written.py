"""The roster keeps each unit's name as the roster file wrote it: `roster.written`.

A unit the store has no report of was shown under its key's name, one the user never typed
(`Bệnh viện Đa khoa` for the roster's `Bệnh viện Đa khoa tỉnh Kiên Giang`). A roster imported before
has no such name: its key's name is shown, as before.

Revision ID: 0012_roster_written
Revises: 0011_coverage_before_issue
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_roster_written"
down_revision: str | None = "0011_coverage_before_issue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("roster", sa.Column("written", sa.Text(), nullable=True))   # a plain ALTER, as in 0009


def downgrade() -> None:
    op.execute("ALTER TABLE roster DROP COLUMN written")       # SQLite ≥ 3.35 and PostgreSQL alike
