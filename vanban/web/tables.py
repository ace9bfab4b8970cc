"""Every table a page shows, by name, built from the question functions: the page and its CSV are one builder.

A builder takes the app's state and the page's query parameters and returns a DataFrame whose
columns starting with `_` are links (`_report_id`, `_directive`), never shown and never in a CSV.
Reports are the questions' reports (a DOCX and its PDF are one), linked by their id; the file
paths the questions return are dropped here, so no page shows where a file is kept.

The page's filters (`level`, `period`, `since`, `until`) go to each question that takes them (`ask`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from vanban import questions
from vanban.web import data
from vanban.web.labels import period, value, where

Builder = Callable[[Any, Mapping[str, str]], pd.DataFrame]
BUILDERS: dict[str, Builder] = {}
FILTERS = ("level", "period", "since", "until")
PAGE_ROWS = 50
_DIRECTIVE_COLUMNS = ["directive", "doc_type", "issuer", "level", "units", "reports", "_directive"]


def table(name: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        BUILDERS[name] = fn
        return fn

    return register


@functools.cache
def _accepts(fn: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(fn).parameters)


def ask(state: Any, name: str, *args: Any, params: Mapping[str, str] | None = None, **kwargs: Any) -> pd.DataFrame:
    """Call the question `name` on the app's engine with the page's filters it accepts; kept until the store changes."""
    fn = getattr(questions, name)
    accepted = _accepts(fn)
    for key in FILTERS:
        v = (params or {}).get(key)
        if v and key in accepted and key not in kwargs:
            kwargs[key] = v
    key = (name, args, tuple(sorted(kwargs.items())))
    return state.answers.get(key, lambda: fn(*args, db=state.engine, **kwargs))


def _linked(df: pd.DataFrame) -> pd.DataFrame:
    """`report_id` as the link to the report's page; no file path; periods in one case form (`labels.period`)."""
    df = df.drop(columns=[c for c in ("file", "period_start", "period_end") if c in df.columns])
    if "period" in df.columns:
        df = df.assign(period=df["period"].map(period, na_action="ignore"))
    return df.rename(columns={"report_id": "_report_id"}) if "report_id" in df.columns else df


def _positions(df: pd.DataFrame) -> pd.DataFrame:
    """`page` and `paragraph` as one column: `trang 5`, or `đoạn 94` for a DOCX without pages."""
    if "page" not in df.columns:
        return df
    at = [where(p, q) for p, q in zip(df["page"], df.get("paragraph", [None] * len(df)), strict=True)]
    out = df.drop(columns=[c for c in ("page", "paragraph") if c in df.columns])
    out.insert(min(out.columns.get_loc("report") + 1 if "report" in out.columns else 0, len(out.columns)),
               "position", at)
    return out


def _levels(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(level=df["level"].map(value)) if "level" in df.columns else df


@table("reports")
def reports(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The reports received for the filters, each once whatever its renditions."""
    return _linked(ask(state, "reports", params=params))


@table("flags")
def flags(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = ask(state, "flags", params=params, code=params.get("code") or None)
    return _positions(_linked(df))


@table("flag_counts")
def flag_counts(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """Flags by severity and code: how many reports and units each."""
    df = ask(state, "flags", params=params)
    if df.empty:
        return pd.DataFrame(columns=["severity", "code", "reports", "units"])
    # a unit is its name in its province (its key): the "Sở Y tế" of two provinces are two units
    df = df.assign(_unit=df["unit"].where(df["unit"].isna(), df["unit"] + "|" + df["province"].fillna("")))
    out = (df.groupby(["severity", "code"]).agg(reports=("report_id", "nunique"), units=("_unit", "nunique"))
           .reset_index())
    return out.sort_values(["severity", "reports"], ascending=[True, False], kind="stable").reset_index(drop=True)


@table("directives")
def directives(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = ask(state, "directives", params=params, level=params.get("level") or None)
    return _levels(df.assign(_directive=df["directive"], _level=df["level"]))


@table("most_cited")
def most_cited(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return directives(state, params).head(10)[_DIRECTIVE_COLUMNS]


@table("least_cited")
def least_cited(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = directives(state, params)
    return df.sort_values(["units", "reports", "directive"], kind="stable").head(10)[_DIRECTIVE_COLUMNS]


@table("unreadable")
def unreadable(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """Files no run could read (the last reason each): whatever the filters, they belong to no period."""
    return ask(state, "unreadable")


@table("units")
def units(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return ask(state, "units", params=params).drop(columns=["names"])


@table("missing")
def missing(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The units that owe a report for the chosen period and have not sent one (the roster, else the
    units seen for earlier periods or a part of it)."""
    if not params.get("period"):
        return pd.DataFrame(columns=["unit", "province", "in_store", "last_report", "last_period"])
    return ask(state, "missing", params["period"], province=params.get("province") or None)


@table("cites")
def cites(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The reports citing a directive, one row a report, each with where and the sentences that cite it."""
    df = ask(state, "cites", params=params, directive=params["key"])
    df = df.drop_duplicates("report_id").reset_index(drop=True)   # a key that names two directives: one row
    total = len(df)
    if params.get("page"):                      # the page shows PAGE_ROWS at a time; a CSV has them all
        page = max(1, int(params["page"])) if params["page"].isdigit() else 1
        df = df.iloc[(page - 1) * PAGE_ROWS: page * PAGE_ROWS].reset_index(drop=True)
    said = data.sentences(state, set(df["directive"]), [int(i) for i in df["report_id"]]) if len(df) else {}
    df = df.assign(sentence=[said.get(int(i), "") for i in df["report_id"]])
    df = _positions(_linked(_levels(df)))
    df = df[["unit", "province", "report", "report_date", "position", "sentence", "stated_date", "mentions",
             "period", "_report_id"]]
    df.attrs["total"] = total
    return df


@table("not_citing")
def not_citing(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The units that do not cite the directive though they reported after it was issued (or undated)."""
    df = ask(state, "coverage", params["key"], params=params, province=params.get("province") or None)
    out = df[~df["cites"] & ~df["before_issue"]][["unit", "province", "reports", "latest"]].reset_index(drop=True)
    out.attrs["several"] = df.attrs.get("several")      # a key of several bodies' documents: said on the page
    return out


@table("before_issue")
def before_issue(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The units whose reports are all dated before the directive was issued: they could not cite it."""
    df = ask(state, "coverage", params["key"], params=params, province=params.get("province") or None)
    out = df[df["before_issue"]][["unit", "province", "reports", "latest"]].reset_index(drop=True)
    out.attrs["issue_date"] = df.attrs.get("issue_date")
    return out


@table("matrix")
def matrix(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    try:
        min_units = max(1, int(params.get("min_units") or 1))
    except ValueError:
        min_units = 1
    return ask(state, "matrix", params=params, level=params.get("level") or None, min_units=min_units)


@table("indicators")
def indicators(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The indicators the reports give figures for, each linked to its figures across units."""
    df = ask(state, "figures", params=params, province=params.get("province") or None)
    return df.assign(_indicator=df["indicator_key"]).drop(columns=["indicator_key"])


@table("figures")
def figures(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """Every unit's figures for one indicator (`indicator`: its key or words), where each stands and its sentence."""
    df = ask(state, "figures", params.get("indicator") or "", params=params,
             province=params.get("province") or None, kind=params.get("kind") or None)
    df = _positions(_linked(df.assign(figure_kind=df["figure_kind"].map(value))))
    return df[["unit", "province", "report", "report_date", "period", "position", "figure_kind", "value", "raw",
               "measure", "target", "context", "_report_id"]]


@table("levels")
def levels(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return ask(state, "levels", params=params)


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a user downloads it: no link columns, headers and coded values in words."""
    df = df[[c for c in df.columns if not str(c).startswith("_")]]
    return questions.localize(df)



