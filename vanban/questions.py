"""The cross-unit questions, each a function that returns a pandas DataFrame.

The same questions as the CLI verbs of the same names; every function takes the store as
`db=` (a URL, a path, an Engine, or None for VANBAN_DB, then ./vanban.db) and, where it reads
reports, `period=`, `since=` and `until=`. Reports are counted once whatever the number of
their renditions. Columns are stable English keys; `labels(df.columns)` gives their headers in
Vietnamese (or `lang="en"`), `localize(df)` the whole frame as a person reads it.

    import vanban.questions
    vanban.questions.coverage("76/NQ-CP", db="sqlite:///vanban.db")
    vanban.questions.figures("không dùng tiền mặt", kind="percent", db="sqlite:///vanban.db")
    vanban.questions.missing("Quý III năm 2025", roster="don-vi.xlsx", db="sqlite:///vanban.db")
    vanban.questions.export("dot-kiem-tra.xlsx", period="Quý III năm 2025", db="sqlite:///vanban.db")
"""

from vanban.db.queries import (
    LEVEL_COLUMNS,
    BadQuery,
    NotFound,
    ReportView,
    cites,
    coverage,
    directives,
    errors,
    export,
    figures,
    flags,
    fold,
    import_roster,
    indicator_keys,
    indicator_label,
    labels,
    levels,
    localize,
    matrix,
    missing,
    normalise_key,
    periods,
    report,
    reports,
    runs,
    units,
    unreadable,
)

__all__ = ["LEVEL_COLUMNS", "BadQuery", "NotFound", "ReportView", "cites", "coverage", "directives", "errors",
           "export", "figures", "flags", "fold", "import_roster", "indicator_keys", "indicator_label", "labels",
           "levels", "localize", "matrix", "missing", "normalise_key", "periods", "report", "reports", "runs", "units",
           "unreadable"]
