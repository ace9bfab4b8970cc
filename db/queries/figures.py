"""Figures compared across units: what each unit reports for one indicator of the catalogue
(patterns/indicators.toml: cashless payments, visits by chip ID card, satisfaction ...).

A report's figures are read from its fullest rendition (the content one), so a DOCX and its signed
PDF do not give every figure twice. A ratio ("46/58") is shown as the percentage it makes (79,31), so
that one column of values reads alike for every unit, whichever way it wrote its share.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pandas as pd
import regex
from sqlalchemy import Connection, Select, distinct, false, func, or_, select

from vanban.db.models import Metric, Unit
from vanban.db.queries.base import (
    BadQuery,
    NotFound,
    Store,
    connect,
    fold,
    frame,
    provinces,
    renditions_of,
    reports,
    scope,
    sort,
    unit_ids,
    with_report_columns,
)
from vanban.extract.catalogue import load
from vanban.extract.figure_kinds import KINDS
from vanban.patterns import strings

_ROWS = ["unit", "province", "report", "report_date", "period", "indicator_key", "indicator", "figure_kind",
         "target", "value", "low", "high", "numerator", "denominator", "measure", "raw", "page", "paragraph", "context",
         "file", "report_id"]
_SUMMARY = ["indicator_key", "indicator", "units", "reports", "figures"]


@cache
def catalogue() -> dict[str, str]:
    """Indicator key -> its label, in the catalogue's order."""
    return {ind["key"]: ind["label"] for ind in load("indicators")["indicator"]}


def indicator_label(key: str) -> str:
    """An indicator's label (`khong_dung_tien_mat` -> `thanh toán không dùng tiền mặt`)."""
    return catalogue().get(key, key)


@cache
def _names() -> dict[str, list[str]]:
    """Indicator key -> its key, label and words as typed without diacritics (read and folded once)."""
    return {ind["key"]: [fold(n) for n in (ind["key"].replace("_", " "), ind["label"], *ind["words"])]
            for ind in load("indicators")["indicator"]}


def indicator_keys(name: str) -> list[str]:
    """The indicators a typed name stands for: a key (`ky_so`), or words of a label or of what a
    report writes (`ky so`, `không dùng tiền mặt`), with or without diacritics."""
    typed = fold(name).replace("_", " ")
    found = [key for key, folded in _names().items() if typed in folded] if typed else []   # a whole name
    if typed and not found:                                                  # else whole words of one ("ky so")
        words = regex.compile(rf"(?<!\w){regex.escape(typed)}(?!\w)")
        found = [key for key, folded in _names().items() if any(words.search(n) for n in folded)]
    if not found:
        raise NotFound(strings.message("no_indicator", name=name, known=", ".join(catalogue())))
    return found


def figures(indicator: str | None = None, unit: str | None = None, *, province: str | None = None,
            kind: str | None = None, period: str | None = None, since: str | None = None,
            until: str | None = None, plans: bool = False, db: Store = None) -> pd.DataFrame:
    """Every figure a unit reports for `indicator`, one row each, to compare across units; without
    `indicator`, the indicators the reports give figures for, with how many units give them. A plan's
    figures are the targets it sets, not results: left out unless `plans`; a report's own target
    ("Phấn đấu năm 2026 đạt 100%") is kept and said so (`target`), but a unit that only sets a target
    does not report the indicator: the summary counts results alone, targets too with `plans`."""
    keys = None if indicator is None else indicator_keys(indicator)
    if indicator is None:
        return _summary(unit, province=province, kind=kind, period=period, since=since, until=until, plans=plans,
                        db=db)
    return figure_rows(keys, unit, province=province, kind=kind, period=period, since=since, until=until,
                       plans=plans, db=db)


PLAN = "Kế hoạch"


def _scoped(columns: Callable[[Any], list[Any]], keys: list[str] | None, kind: str | None, period: str | None,
            since: str | None, until: str | None, plans: bool = False,
            results: bool = False) -> tuple[Select[Any], Any]:
    """SELECT `columns` (given `rep`, the reports in scope) over the figures of the reports' content
    renditions that name an indicator, of `keys` and `kind` (and of plans only with `plans`; with
    `results`, none that a report marks a target); and `rep`, for more conditions."""
    if kind is not None and kind not in KINDS:
        raise BadQuery(strings.message("bad_figure_kind", kind=kind, known=", ".join(KINDS)))
    rep = reports(scope(period, since, until))
    rend = renditions_of(rep)
    stmt = (select(*columns(rep))
            .join(rend, rend.c.document_id == Metric.document_id)
            .join(rep, rep.c.report_id == rend.c.report_id)
            .outerjoin(Unit, Unit.id == rep.c.unit_id)
            .where(rend.c.content.is_(True), Metric.indicator_key.is_not(None)))
    if keys is not None:
        stmt = stmt.where(Metric.indicator_key.in_(keys))
    if kind is not None:
        stmt = stmt.where(Metric.kind == kind)
    if not plans:
        stmt = stmt.where(func.coalesce(rep.c.doc_type, "") != PLAN)
    if results:
        stmt = stmt.where(or_(Metric.extra.is_(None), func.coalesce(Metric.extra["target"].as_boolean(), false())
                              .is_not(True)))
    return stmt, rep


def _in_units(conn: Connection, stmt: Select[Any], rep: Any, unit: str | None, province: str | None) -> Select[Any]:
    if unit:
        stmt = stmt.where(rep.c.unit_id.in_(unit_ids(conn, unit)))
    if province:
        stmt = stmt.where(Unit.province.in_(provinces(conn, province)))
    return stmt


def figure_rows(keys: list[str] | None = None, unit: str | None = None, *, province: str | None = None,
                kind: str | None = None, period: str | None = None, since: str | None = None,
                until: str | None = None, plans: bool = False, db: Store = None) -> pd.DataFrame:
    """One row per figure of the indicators `keys` (None: of every indicator), for `figures` and the
    workbook's sheet."""
    stmt, rep = _scoped(lambda rep: [
        Unit.name.label("unit"), Unit.province, rep.c.report_id, rep.c.doc_type, rep.c.number, rep.c.symbol, rep.c.year,
        rep.c.date, rep.c.date_partial, rep.c.period, rep.c.period_end, rep.c.file, Metric.indicator_key,
        Metric.kind.label("figure_kind"), Metric.value, Metric.low, Metric.high, Metric.numerator,
        Metric.denominator, Metric.unit.label("measure"), Metric.raw, Metric.page, Metric.paragraph,
        Metric.context, Metric.extra, Metric.ordinal], keys, kind, period, since, until, plans)
    with connect(db) as conn:
        df = frame(conn, _in_units(conn, stmt, rep, unit, province))
    df["indicator"] = df["indicator_key"].map(catalogue())
    df["target"] = (df["doc_type"] == PLAN) | df["extra"].map(lambda e: bool(e and e.get("target")))
    # "hơn 500 hồ sơ" is more than 500: the words as written, not "500 hồ sơ" beside a value of 500
    df["raw"] = [f"{e['approx']} {r}" if e and e.get("approx") and not str(r).startswith(e["approx"]) else r
                 for e, r in zip(df["extra"], df["raw"], strict=True)]
    df["page"], df["paragraph"] = df["page"].astype("Int64"), df["paragraph"].astype("Int64")
    df = shares_as_percent(df, "figure_kind", "measure")
    df = sort(with_report_columns(df), ["indicator_key", "province", "unit", "period_end", "report_id", "ordinal"])
    return df[_ROWS]


def shares_as_percent(df: pd.DataFrame, kind: str = "kind", measure: str = "unit") -> pd.DataFrame:
    """A ratio's value as the percentage it makes (46/58, stored 0.7931: 79.31), and `%` as the measure of
    ratios and percentages that name none: one column of values reads alike whichever way a unit wrote
    its share (the figures question, the workbook, the web pages, `vanban show`)."""
    ratio = df[kind] == "ratio"
    df.loc[ratio, "value"] = (df.loc[ratio, "value"] * 100).round(2)
    shares = (ratio | (df[kind] == "percent")) & df[measure].isna()
    df.loc[shares, measure] = "%"
    return df


def _summary(unit: str | None = None, *, province: str | None = None, kind: str | None = None,
             period: str | None = None, since: str | None = None, until: str | None = None, plans: bool = False,
             db: Store = None) -> pd.DataFrame:
    """Per indicator (in the catalogue's order): the units, reports and figures that give it, counted
    by the database (a store of 10,000 reports holds about a million figures); the results alone, as
    `figure_rows` lists them with `target` false, unless `plans` asks for the targets too."""
    stmt, rep = _scoped(lambda rep: [
        Metric.indicator_key, func.count(distinct(func.coalesce(rep.c.unit_id, 0))).label("units"),
        func.count(distinct(rep.c.report_id)).label("reports"), func.count().label("figures")],
        None, kind, period, since, until, plans, results=not plans)
    with connect(db) as conn:
        out = frame(conn, _in_units(conn, stmt, rep, unit, province).group_by(Metric.indicator_key))
    if out.empty:
        return pd.DataFrame(columns=_SUMMARY)
    order = {key: i for i, key in enumerate(catalogue())}
    out["indicator"] = out["indicator_key"].map(catalogue())
    out = out.sort_values("indicator_key", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return out[_SUMMARY]


__all__ = ["KINDS", "catalogue", "figure_rows", "figures", "indicator_keys", "indicator_label", "shares_as_percent"]
