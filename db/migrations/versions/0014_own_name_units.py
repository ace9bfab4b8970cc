"""A body with a proper name of its own is one unit across the 2025 merger; known partial mentions.

No column changes. Until now a body of an absorbed province kept that province in its name unless
the name had a place word ("Trung tâm Y tế huyện Bố Trạch"); a general hospital named for its town
("Bệnh viện Đa khoa Bồng Sơn" of Bình Định) was filed as `Gia Lai|bệnh viện đa khoa bồng sơn tỉnh
bình định` for its 2024 reports and `Gia Lai|bệnh viện đa khoa bồng sơn` for those after the merger:
two units, one of them "not reporting". The rules now read a proper name after the kind of body as
a place of its own (patterns/provinces.toml `[former]`, vanban/identity/units.py `own_name`); the
rows of documents whose key the rules now write otherwise move to it (vanban/db/rekey.py).

Also: a partial mention of a verified central directive that says enough ("Kết luận 126 của Bộ Chính
trị", "Đề án 06") now points to it (vanban/identity/known_partials.py); the mentions stored before
with no directive are linked here, so that `coverage 126-KL/TW` counts the units that wrote so.

Downgrade leaves the rows as they are.

Revision ID: 0014_own_name_units
Revises: 0013_former_province_units
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from vanban.db.rekey import rekey

revision: str = "0014_own_name_units"
down_revision: str | None = "0013_former_province_units"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rekey(op.get_bind(), every_unit=True)


def downgrade() -> None:
    """Nothing to undo in the schema; the moved rows stay valid rows."""
