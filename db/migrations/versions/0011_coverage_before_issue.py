"""`v_coverage` keeps apart, as `vanban coverage` does, a unit whose reports all predate the directive.

A report dated before a directive was issued cannot cite it; the view listed such a unit among those
that ignore it (`cites` false). It gains the directive's `issue_date` and `before_issue`: no report of
the unit cites the directive, the directive's date is known, and every report of the unit is dated
before it — by its day, or, a day left blank, by a month (`2017-12`) or year wholly before the
directive's; an undated report never counts as before. Plain SQL that SQLite and PostgreSQL both run.

Revision ID: 0011_coverage_before_issue
Revises: 0010_upload_names
Create Date: 2026-12-01
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from alembic import op

revision: str = "0011_coverage_before_issue"
down_revision: str | None = "0010_upload_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERAGE = """
    SELECT x.*, x.citing_reports > 0 AS cites,
           (x.citing_reports = 0 AND x.issue_date IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM reports r WHERE r.unit_id = x.unit_id AND NOT (
                (r.date IS NOT NULL AND r.date < x.issue_date)
                OR (r.date IS NULL AND r.date_partial IS NOT NULL
                    AND r.date_partial < SUBSTR(CAST(x.issue_date AS TEXT), 1, LENGTH(r.date_partial)))))
           ) AS before_issue
    FROM (
      SELECT d.id AS directive_id, d.canonical AS directive, d.level, d.province AS directive_province,
             d.issue_date, u.id AS unit_id, u.name AS unit, u.province,
             (SELECT COUNT(DISTINCT rn.report_id) FROM citations c
              JOIN renditions rn ON rn.document_id = c.document_id
              JOIN reports r ON r.id = rn.report_id
              WHERE c.directive_id = d.id AND r.unit_id = u.id) AS citing_reports
      FROM directives d JOIN units u ON (d.province IS NULL OR u.province = d.province)
      WHERE EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = u.id)) x"""


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_coverage")
    op.execute(f"CREATE VIEW v_coverage AS {COVERAGE}")


def downgrade() -> None:
    views = importlib.import_module("vanban.db.migrations.versions.0005_views").VIEWS
    op.execute("DROP VIEW IF EXISTS v_coverage")
    op.execute(f"CREATE VIEW v_coverage AS {views['v_coverage']}")
