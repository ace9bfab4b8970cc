"""The names uploads were sent under, in the store: `upload_names` (content hash -> first name).

They were kept beside the web page's files (`DATA/names.json`), so only the page knew them: the
`vanban` verbs, the workbook of `vanban export` and Python showed an upload by the path of its
content (`…/files/ab/<hash>.pdf`). `vanban serve` moves that file's names into the table when it
starts (upgrading the store by itself); a store upgraded by `vanban db upgrade` shows the uploads by
their names once a server of this version has started on the same `--data` folder.

Revision ID: 0010_upload_names
Revises: 0009_number_year
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_upload_names"
down_revision: str | None = "0009_number_year"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "upload_names",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_upload_names")),
    )


def downgrade() -> None:
    op.drop_table("upload_names")
