"""Every table a page shows, by name, built from the question functions: the page and its CSV are one builder.

A builder takes the app's state and the page's query parameters and returns a DataFrame whose
columns starting with `_` are links (`_report_id`, `_directive`), never shown and never in a CSV.
File paths that the questions return are turned into report ids here and dropped.

Filters a question does not take yet are left out (`ask`), so that a period filter applies to each
question as soon as the question layer accepts `period=`, with no change here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from vanban import questions
from vanban.web import data
from vanban.web.labels import LEVELS, column

Builder = Callable[[Any, Mapping[str, str]], pd.DataFrame]
BUILDERS: dict[str, Builder] = {}
FILTERS = ("level", "period", "since", "until")
PAGE_ROWS = 50


def table(name: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        BUILDERS[name] = fn
        return fn

    return register


@functools.cache
def _accepts(fn: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(fn).parameters)


def supports(name: str, option: str) -> bool:
    """Whether the question `name` exists and takes `option` (e.g. `period`)."""
    fn = getattr(questions, name, None)
    return fn is not None and option in _accepts(fn)


def ask(state: Any, name: str, *args: Any, params: Mapping[str, str] | None = None, **kwargs: Any) -> pd.DataFrame:
    """Call the question `name` on the app's engine with the page's filters it accepts."""
    fn = getattr(questions, name)
    accepted = _accepts(fn)
    for key in FILTERS:
        value = (params or {}).get(key)
        if value and key in accepted and key not in kwargs:
            kwargs[key] = value
    key = (name, args, tuple(sorted(kwargs.items())))
    return state.answers.get(key, lambda: fn(*args, db=state.engine, **kwargs))


def _link_files(state: Any, df: pd.DataFrame) -> pd.DataFrame:
    """Replace the `file` column (a path) by the id of its report."""
    if "file" not in df.columns:
        return df
    ids = data.ids_by_file(state.engine, df["file"].dropna().tolist())
    return df.assign(_report_id=[ids.get(f) for f in df["file"]]).drop(columns=["file"])


def _levels(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(level=df["level"].map(lambda v: LEVELS.get(v, v))) if "level" in df.columns else df


@table("reports")
def reports(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = state.answers.get(("documents",), lambda: data.documents(state.engine))
    return df.rename(columns={"id": "_report_id"})


@table("flags")
def flags(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return _link_files(state, ask(state, "flags", params=params, code=params.get("code") or None))


@table("flag_counts")
def flag_counts(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = ask(state, "flags", params=params)
    if df.empty:
        return pd.DataFrame(columns=["severity", "code", "reports", "count"])
    out = (df.groupby(["severity", "code"]).agg(reports=("report", "size"), flagged_units=("unit", "nunique"))
           .reset_index().rename(columns={"reports": "count"}))
    return out.sort_values(["severity", "count"], ascending=[True, False], kind="stable").reset_index(drop=True)


@table("directives")
def directives(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = _levels(ask(state, "directives", params=params, level=params.get("level") or None))
    return df.assign(_directive=df["directive"])


@table("most_cited")
def most_cited(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return directives(state, params).head(10)[["directive", "doc_type", "issuer", "level", "units", "reports",
                                               "_directive"]]


@table("least_cited")
def least_cited(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = directives(state, params)
    return df.sort_values(["units", "reports", "directive"], kind="stable").head(10)[
        ["directive", "doc_type", "issuer", "level", "units", "reports", "_directive"]]


@table("units")
def units(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return ask(state, "units", params=params).drop(columns=["names"])


@table("missing")
def missing(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The roster's units that have not reported for the period chosen (when the question layer has `missing`)."""
    if not hasattr(questions, "missing") or not params.get("period"):
        return pd.DataFrame(columns=["unit", "province"])
    return _link_files(state, ask(state, "missing", params=params))


@table("cites")
def cites(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    """The reports citing a directive, each with the sentences that cite it."""
    df = _link_files(state, ask(state, "cites", params=params, directive=params["key"]))
    total = len(df)
    if params.get("page"):                      # the page shows PAGE_ROWS at a time; a CSV has them all
        page = max(1, int(params["page"])) if params["page"].isdigit() else 1
        df = df.iloc[(page - 1) * PAGE_ROWS: page * PAGE_ROWS].reset_index(drop=True)
    if df.empty:
        return df.assign(sentence=pd.Series(dtype=object))
    spans = data.citation_spans(state.engine, set(df["directive"]), {int(i) for i in df["_report_id"].dropna()})
    by_doc: dict[int, list[dict[str, Any]]] = {}
    for s in spans:
        by_doc.setdefault(s["document_id"], []).append(s)
    sentences = []
    for doc_id in df["_report_id"]:
        found = by_doc.get(doc_id, [])
        text = _text(state, doc_id) if found else None
        said = [text.sentence(s["span_start"], s["span_end"]) for s in found] if text else []
        sentences.append(" … ".join(dict.fromkeys(x for x in said if x)))
    df = _levels(df).assign(sentence=sentences)
    df = df[["unit", "province", "report", "report_date", "page", "sentence", "stated_date", "mentions",
             "period", "_report_id"]]
    df.attrs["total"] = total
    return df


def _text(state: Any, doc_id: int) -> Any:
    found = data.file_of(state.engine, int(doc_id))
    return state.texts.text(found[0], found[1]) if found else None


@table("not_citing")
def not_citing(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    df = ask(state, "coverage", params["key"], params=params, province=params.get("province") or None)
    return df[~df["cites"]][["unit", "province", "reports", "latest"]].reset_index(drop=True)


@table("matrix")
def matrix(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    try:
        min_units = max(1, int(params.get("min_units") or 1))
    except ValueError:
        min_units = 1
    return ask(state, "matrix", params=params, min_units=min_units)


@table("levels")
def levels(state: Any, params: Mapping[str, str]) -> pd.DataFrame:
    return ask(state, "levels", params=params)


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a user downloads it: no link columns, Vietnamese headers."""
    df = df[[c for c in df.columns if not str(c).startswith("_")]]
    return df.rename(columns={c: column(c) for c in df.columns})
