"""The cross-unit questions, each a function that returns a pandas DataFrame.

The same questions as the CLI verbs of the same names; every function takes the store as
`db=` (a URL, a path, an Engine, or None for VANBAN_DB, then ./vanban.db):

    import vanban.questions
    vanban.questions.coverage("76/NQ-CP", db="sqlite:///vanban.db")
"""

from vanban.db.queries import (
    LEVEL_LABELS,
    NotFound,
    cites,
    coverage,
    directives,
    errors,
    flags,
    levels,
    matrix,
    normalise_key,
    units,
)

__all__ = ["LEVEL_LABELS", "NotFound", "cites", "coverage", "directives", "errors", "flags", "levels", "matrix",
           "normalise_key", "units"]
