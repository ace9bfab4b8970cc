"""What a figure measures, as a key in a real column: `metrics.indicator_key`.

The catalogue key of a figure's indicator (`khong_dung_tien_mat`, patterns/indicators.toml) was
kept in `extra`, so comparing one indicator across units meant reading every figure's JSON. It
now has its own indexed column; keys already stored are moved over (and back on downgrade).

Revision ID: 0008_metric_indicator_key
Revises: 0007_metric_ranges
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008_metric_indicator_key"
down_revision: str | None = "0007_metric_ranges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_METRICS = sa.table("metrics", sa.column("id", sa.Integer), sa.column("indicator_key", sa.Text),
                    sa.column("extra", sa.JSON(none_as_null=True)))


def _rows(where: Any) -> list[Any]:
    return op.get_bind().execute(sa.select(_METRICS.c.id, _METRICS.c.indicator_key, _METRICS.c.extra)
                                 .where(where)).all()


def upgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        batch.add_column(sa.Column("indicator_key", sa.Text(), nullable=True))
        batch.create_index("ix_metrics_indicator_key", ["indicator_key"])
    bind = op.get_bind()
    for row in _rows(_METRICS.c.extra.is_not(None)):
        extra = dict(row.extra or {})
        key = extra.pop("indicator_key", None)
        if key is None and "indicator_key" not in (row.extra or {}):
            continue
        bind.execute(_METRICS.update().where(_METRICS.c.id == row.id)
                     .values(indicator_key=key, extra=extra or None))


def downgrade() -> None:
    bind = op.get_bind()
    for row in _rows(_METRICS.c.indicator_key.is_not(None)):
        extra = {**(row.extra or {}), "indicator_key": row.indicator_key}
        bind.execute(_METRICS.update().where(_METRICS.c.id == row.id).values(extra=extra))
    with op.batch_alter_table("metrics") as batch:
        batch.drop_index("ix_metrics_indicator_key")
        batch.drop_column("indicator_key")
