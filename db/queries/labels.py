"""The answers in words: column headers, coded values (levels, severities, yes/no) and why a file
could not be read, in the user's language, for every place that shows them (terminal, CSV,
workbook, web page).

The question functions keep stable English keys and codes, so programs can rely on them;
`localize` is applied only when a frame is shown to a person.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from vanban.patterns import strings

CODED = ("level", "kind", "severity", "origin", "status", "outcome", "executor", "figure_kind")


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


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value)


def _written(value: float, lang: str | None) -> str:
    places = 0 if value.is_integer() else min(len(repr(value).partition(".")[2]), 4)
    if strings.language(lang) == "vi":
        from vanban.extract.numbers import format_vn

        return format_vn(value, places)
    return f"{value:,.{places}f}"


def say_figure(value: Any, lang: str | None = None, *, low: Any = None, high: Any = None) -> str:
    """A figure as people write it (`27.462`, `31,58` in Vietnamese; no `.0` on a whole number); a
    range as both its ends ("từ 250 đến 400"), never as one of them standing for the figure."""
    lo, hi = _number(low), _number(high)
    if lo is not None and hi is not None:
        return strings.message("figure_range", lang, low=_written(lo, lang), high=_written(hi, lang))
    number = _number(value)
    if number is None:
        return "" if value is None or str(value) in ("<NA>", "nan", "None") else str(value)
    return _written(number, lang)
