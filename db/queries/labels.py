"""The answers in words: column headers, coded values (levels, severities, yes/no) and why a file
could not be read, in the user's language, for every place that shows them (terminal, CSV,
workbook, web page).

The question functions keep stable English keys and codes, so programs can rely on them;
`localize` is applied only when a frame is shown to a person.
"""

from __future__ import annotations

import pandas as pd

from vanban.patterns import strings

CODED = ("level", "severity", "origin", "status", "outcome", "executor")


def labels(columns: list[str] | pd.Index, lang: str | None = None) -> dict[str, str]:
    """Column key -> its header in `lang` (Vietnamese by default); for `DataFrame.rename`."""
    return strings.columns([str(c) for c in columns], lang)


def localize(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """`df` with its headers and coded values in words, ready to show."""
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if col in CODED:
            out[col] = series.map(lambda v: strings.value(v, lang) if isinstance(v, str) else v)
        elif col == "reason":           # stored in English (strings.reason)
            out[col] = series.map(lambda v: strings.say_reason(v, lang) if isinstance(v, str) else v)
        elif pd.api.types.is_bool_dtype(series):
            out[col] = series.map(lambda v: strings.value(bool(v), lang))
    return out.rename(columns=labels(out.columns, lang))
