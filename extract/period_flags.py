"""A periodic report dated before its period's data could be in (`period_mismatch`).

A unit reports on its period in that period's last month: the Sở collects its units' reports some
days before its own goes up (Bộ Nội vụ's 581/BNV-CCHC: data to the 14th, reports by the 20th; a
hospital's Quý III report is written on 8, 10 or 12 September), so a report dated before the last
month opens is early, its period or its date likely mistyped. A report that states the day its data
run to is held to that day instead.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.flag_model import Flag, Span, data, latest_date, make_flag, vn_date


@cache
def _data_range() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A report's statement of its data's days, and the words that make its end an estimate
    (patterns/periods.toml [data_range])."""
    conf = load("periods")["data_range"]
    return regex.compile(conf["pattern"]), regex.compile(alternation(conf["estimate"], flags_i=True))


def stated_data_end(text: str, start: str, end: str) -> tuple[dt.date, bool, Span] | None:
    """The last day of the data the report says it counts ("Số liệu tính từ ngày 15/12/2024 đến ngày
    31/5/2025"), the first such statement whose last day falls in the period [start, end]; with
    whether it is an estimate ("số liệu ước tính đến …") and where it stands. A statement ending
    outside the period speaks of other data (last year's, for comparison)."""
    pattern, estimate = _data_range()
    lo, hi = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    for m in pattern.finditer(text):
        try:
            day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if lo <= day <= hi:
            return day, bool(estimate.search(m.group("gap"))), m.span()
    return None


def period_mismatch(header: dict[str, Any], text: str = "") -> list[Flag]:
    """A periodic report dated before its period's last month, or before the data end it states itself
    (data counted to 31/5 are in by a report dated 10/6; data it says are estimated to a day are no
    claim that they are in)."""
    conf = data()["period_mismatch"]
    period = header.get("period") or {}
    latest = latest_date(header)
    if header.get("doc_type") not in conf["doc_types"] or not latest or not period.get("end"):
        return []
    dated = dt.date.fromisoformat(latest)
    label = period.get("label") or period["end"]
    stated = stated_data_end(text, period.get("start") or period["end"], period["end"]) if text else None
    if stated:
        day, estimated, span = stated
        if estimated or dated >= day:
            return []
        return [make_flag("period_mismatch", span=span, date=vn_date(latest), period=label,
                          cutoff=vn_date(day.isoformat()))]
    end = dt.date.fromisoformat(period["end"])
    opens = end.replace(day=1)              # the first day of the period's last month
    if dated >= opens:
        return []
    return [make_flag("period_mismatch", "period_mismatch_early", date=vn_date(latest), period=label,
                      cutoff=vn_date(opens.isoformat()))]
