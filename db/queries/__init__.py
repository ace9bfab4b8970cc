"""The cross-unit questions, each a function that returns a pandas DataFrame.

They count reports, not files: the renditions of one report (its DOCX, the signed PDF, a scan)
are counted and listed once (`vanban.db.reports`). Every question takes `period=` (a period as
reports write it, `Quý III năm 2025`), `since=`/`until=` where it reads reports, and the store
as `db=` (a URL, a path, an Engine, or None for VANBAN_DB, then ./vanban.db). Columns are stable
English keys; `labels()` and `localize()` say them in the user's language.

    from vanban.db import queries
    queries.coverage("76/NQ-CP", period="Quý III năm 2025", db="sqlite:///vanban.db")
"""

from vanban.db.queries.base import BadQuery, NotFound, Scope, fold, normalise_key, parse_period, scope
from vanban.db.queries.citing import LEVEL_COLUMNS, cites, coverage, directives, levels, matrix
from vanban.db.queries.export import export, inspection_sheets
from vanban.db.queries.figures import figures, indicator_keys, indicator_label
from vanban.db.queries.labels import labels, localize
from vanban.db.queries.listing import errors, flags, periods, reports, runs, units, unreadable
from vanban.db.queries.missing import import_roster, missing, read_roster
from vanban.db.queries.show import ReportView, report

__all__ = ["LEVEL_COLUMNS", "BadQuery", "NotFound", "ReportView", "Scope", "cites", "coverage", "directives",
           "errors", "export", "figures", "flags", "fold", "import_roster", "indicator_keys", "indicator_label",
           "inspection_sheets", "labels", "levels", "localize", "matrix", "missing", "normalise_key", "parse_period",
           "periods", "read_roster", "report", "reports", "runs", "scope", "units", "unreadable"]
