"""Every path accounted for, and work shared between concurrent ingests.

`ingest_errors` also keeps what a walk skipped (`outcome`), and file names that are not UTF-8
byte for byte (`raw_path`, as in `source_files`); runs count what they skipped and extracted and
beat a heart (`beat`, epoch seconds) so that a dead run on any host can be told from a slow one;
`claims` holds, per content hash, the run extracting it and until when the claim holds.

Revision ID: 0003_claims
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_claims"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_errors") as batch:
        batch.add_column(sa.Column("outcome", sa.String(10), nullable=False, server_default="failed"))
        batch.add_column(sa.Column("raw_path", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("source_files") as batch:
        batch.add_column(sa.Column("raw_path", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("ingest_runs") as batch:
        batch.add_column(sa.Column("skipped", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("extracted", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("beat", sa.Float(), nullable=True))
    op.create_table(
        "claims",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("expires", sa.Float(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name=op.f("fk_claims_run_id_ingest_runs")),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_run_id"), "claims", ["run_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_claims_run_id"), table_name="claims")
    op.drop_table("claims")
    with op.batch_alter_table("ingest_runs") as batch:
        batch.drop_column("beat")
        batch.drop_column("extracted")
        batch.drop_column("skipped")
    with op.batch_alter_table("source_files") as batch:
        batch.drop_column("raw_path")
    with op.batch_alter_table("ingest_errors") as batch:
        batch.drop_column("raw_path")
        batch.drop_column("outcome")
