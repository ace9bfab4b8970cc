"""A range's two ends in real columns: `metrics.low` and `metrics.high`.

"từ 250 đến 400 người" was stored with value 400 and its lower end in `extra`, so a question or a
SQL client comparing figures read 400 as the figure. A range now has `value` NULL and its ends in
`low` and `high`; ranges already stored are moved over (and back on downgrade).

Revision ID: 0007_metric_ranges
Revises: 0006_users
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007_metric_ranges"
down_revision: str | None = "0006_users"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_METRICS = sa.table("metrics", sa.column("id", sa.Integer), sa.column("kind", sa.Text),
                    sa.column("value", sa.Float), sa.column("low", sa.Float), sa.column("high", sa.Float),
                    sa.column("extra", sa.JSON(none_as_null=True)))


def _ranges() -> list[Any]:
    return op.get_bind().execute(sa.select(_METRICS.c.id, _METRICS.c.value, _METRICS.c.low, _METRICS.c.high,
                                           _METRICS.c.extra).where(_METRICS.c.kind == "range")).all()


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def upgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        batch.add_column(sa.Column("low", sa.Float(), nullable=True))
        batch.add_column(sa.Column("high", sa.Float(), nullable=True))
    bind = op.get_bind()
    for row in _ranges():
        extra = dict(row.extra or {})
        low, high = _number(extra.pop("low", None)), _number(extra.pop("high", row.value))
        bind.execute(_METRICS.update().where(_METRICS.c.id == row.id)
                     .values(value=None, low=low, high=high, extra=extra or None))


def downgrade() -> None:
    bind = op.get_bind()
    for row in _ranges():
        extra = {**(row.extra or {}), "low": row.low, "high": row.high}
        bind.execute(_METRICS.update().where(_METRICS.c.id == row.id).values(value=row.high, extra=extra))
    with op.batch_alter_table("metrics") as batch:
        batch.drop_column("high")
        batch.drop_column("low")
