"""The bodies of a province absorbed in 2025 become units of their own; their local directives too.

No column changes: a unit's key is still `<province today>|<name>`, but a body of an absorbed
province with no place of its own now keeps that province in its name (`An Giang|bệnh viện đa khoa
tỉnh kiên giang`, vanban/identity/units.py), and a plan of its Sở is scoped by that province
(`1200/KH-SYT`, scope `Kiên Giang`). A store filled before kept the two general hospitals of Kiên
Giang and An Giang as one unit, and their Sở's plans as one directive; files already stored are not
read again, so the rows are re-keyed here, from what the store kept of each document (its header,
its mentions as stated) by the rules of vanban.identity.

Only documents the merger touches are looked at: their unit placed in an absorbed province, or a
mention whose stated issuer names one; every other unit and directive keeps its row and its id.
A document moves to its unit (created if new), a mention to its directive (created with the issue
date of the row it leaves); the names units go by are recounted for the units involved, a report
follows its reference document, and units and directives left with nothing are dropped. Reports
are regrouped by the next `vanban db upgrade` or ingest (`vanban.db.reports.refresh`).

Downgrade leaves the rows as they are: the old rules would file new reports under the merged unit
again, but the rows split here stay valid rows.

Revision ID: 0013_former_province_units
Revises: 0012_roster_written
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from vanban.db.rekey import rekey

revision: str = "0013_former_province_units"
down_revision: str | None = "0012_roster_written"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rekey(op.get_bind())


def downgrade() -> None:
    """Nothing to undo in the schema; the split rows stay (see the module's docstring)."""
