"""SQL views of the answers, so that Datasette or any SQL client shows them by name.

`v_reports` one row per report; `v_cites` per report and directive it cites; `v_coverage` per
directive and unit of its province (every unit for a national one) with the reports citing it;
`v_flags` every flag with its report, position and sentence. Plain SQL that SQLite and
PostgreSQL both run.

Revision ID: 0005_views
Revises: 0004_reports
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_views"
down_revision: str | None = "0004_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPORT = ("r.doc_type, r.number, r.symbol, r.date, r.date_partial, r.period_label AS period, "
           "r.period_start, r.period_end")

VIEWS = {
    "v_reports": f"""
        SELECT r.id AS report_id, u.name AS unit, u.province, {_REPORT}, r.renditions,
               (SELECT MIN(f.path) FROM source_files f WHERE f.document_id = r.reference_id AND f.current) AS file
        FROM reports r LEFT JOIN units u ON u.id = r.unit_id""",
    "v_cites": f"""
        SELECT r.id AS report_id, u.name AS unit, u.province, d.canonical AS directive, d.level,
               d.issuer AS directive_issuer, MAX(c.n) AS mentions, MIN(c.page) AS page, {_REPORT}
        FROM (SELECT document_id, directive_id, COUNT(*) AS n, MIN(page) AS page FROM citations
              WHERE directive_id IS NOT NULL GROUP BY document_id, directive_id) c
        JOIN directives d ON d.id = c.directive_id
        JOIN renditions rn ON rn.document_id = c.document_id
        JOIN reports r ON r.id = rn.report_id
        LEFT JOIN units u ON u.id = r.unit_id
        GROUP BY r.id, u.name, u.province, d.id, d.canonical, d.level, d.issuer, r.doc_type, r.number, r.symbol,
                 r.date, r.date_partial, r.period_label, r.period_start, r.period_end""",
    "v_coverage": """
        SELECT x.*, x.citing_reports > 0 AS cites FROM (
          SELECT d.id AS directive_id, d.canonical AS directive, d.level, d.province AS directive_province,
                 u.id AS unit_id, u.name AS unit, u.province,
                 (SELECT COUNT(DISTINCT rn.report_id) FROM citations c
                  JOIN renditions rn ON rn.document_id = c.document_id
                  JOIN reports r ON r.id = rn.report_id
                  WHERE c.directive_id = d.id AND r.unit_id = u.id) AS citing_reports
          FROM directives d JOIN units u ON (d.province IS NULL OR u.province = d.province)
          WHERE EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = u.id)) x""",
    "v_flags": f"""
        SELECT f.id AS flag_id, r.id AS report_id, u.name AS unit, u.province, {_REPORT},
               f.code, f.severity, f.origin, f.message, f.page, f.paragraph, f.quote,
               dv.canonical AS directive, rn.reference, rn.content
        FROM flags f
        JOIN renditions rn ON rn.document_id = f.document_id
        JOIN reports r ON r.id = rn.report_id
        LEFT JOIN units u ON u.id = r.unit_id
        LEFT JOIN directives dv ON dv.id = f.directive_id""",
}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
