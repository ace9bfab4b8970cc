"""Who has not reported: the units that owe a report for a period and have not sent one.

The units expected come from a roster (a CSV or XLSX of units, imported once into the store with
`vanban roster import`, or given with `--roster FILE`), else from the units seen reporting on a
period begun by the end of the one asked (earlier periods, or a part of it). Names are matched
with the unit identity rules (`TTYT khu vực Bố Trạch` is the Trung tâm Y tế khu vực Bố Trạch), then
without diacritics. Only a Báo cáo for exactly the period
counts: a plan (Kế hoạch) has a period too, but is never the report a unit owes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import select

from vanban.db.models import Report, RosterUnit, Unit
from vanban.db.queries.base import (
    Store,
    connect,
    fold,
    parse_period,
    period_label,
    provinces,
    report_label,
)
from vanban.db.queries.roster import Expected, import_roster, read_roster
from vanban.identity.units import place_name

REPORT_TYPES = ("Báo cáo",)
__all__ = ["Expected", "import_roster", "missing", "read_roster"]


def _match(expected: Expected, units: pd.DataFrame) -> pd.DataFrame:
    """The store's units a roster line stands for, the one it names best first: by key, else by name
    without diacritics; and with them the units named without the level of their place in the
    roster's province (`Trung tâm Y tế huyện Mê Linh` is also the store's `Trung tâm Y tế Mê Linh`,
    the name its 2018 reports gave). A roster line without a province takes a unit of another name
    only when one alone has it (a `Trung tâm Y tế huyện Châu Thành` is in many provinces)."""
    def in_province(found: pd.DataFrame) -> pd.DataFrame:
        if not expected.province:
            return found
        return found[found["province"].map(fold) == fold(expected.province)]

    named = units[units["key"] == expected.key]
    if not len(named):
        named = in_province(units[units["fold"] == fold(expected.name)]).head(1)
    place = in_province(units[units["place"] == fold(place_name(expected.name))])
    if not expected.province and len(place) > 1:
        place = place[:0]
    return pd.concat([named, place]).drop_duplicates("unit_id")


def missing(period: str, roster: str | Path | None = None, province: str | None = None, *,
            db: Store = None) -> pd.DataFrame:
    """The units that owe a Báo cáo for `period` and have not sent one, with their last report."""
    _label, start, end = parse_period(period)
    with connect(db) as conn:
        units = pd.DataFrame(conn.execute(select(Unit.id, Unit.key, Unit.name, Unit.province)).all(),
                             columns=["unit_id", "key", "name", "province"])
        units["fold"] = units["name"].map(fold)
        units["place"] = units["name"].map(lambda n: fold(place_name(n)))
        reps = pd.DataFrame(conn.execute(
            select(Report.unit_id, Report.doc_type, Report.number, Report.symbol, Report.year, Report.period_label,
                   Report.period_start, Report.period_end).where(Report.unit_id.is_not(None))).all(),
            columns=["unit_id", "doc_type", "number", "symbol", "year", "period", "period_start", "period_end"])
        if roster is not None:
            expected = read_roster(roster)
        else:
            expected = [Expected(k, n, p, w) for k, n, p, w in conn.execute(
                select(RosterUnit.unit_key, RosterUnit.name, RosterUnit.province, RosterUnit.written))]
        if not expected:    # no roster: the units seen for a period begun by the end of this one (a Quý I
            # report expects the unit's 6-month and annual reports too, whose periods hold it)
            seen = set(reps.loc[reps["period_start"].map(lambda d: d is not None and d <= end), "unit_id"])
            expected = [Expected(r.key, r.name, r.province) for r in units.itertuples() if r.unit_id in seen]
        wanted = provinces(conn, province) if province else None
    owed = reps[reps["doc_type"].isin(REPORT_TYPES)]
    sent = set(owed.loc[(owed["period_start"] == start) & (owed["period_end"] == end), "unit_id"])
    rows = []
    listed: set[int] = set()
    for e in expected:
        matched = _match(e, units)
        ids = set(matched["unit_id"])
        if ids & (sent | listed):
            continue                    # sent, or already listed under another spelling
        listed |= ids
        unit = matched.iloc[0] if len(matched) else None
        # the store's name for a unit it has seen; else the name as the roster wrote it, not its key's
        name, prov = (unit["name"], unit["province"]) if unit is not None else (e.shown, e.province)
        if wanted is not None and prov not in wanted:
            continue
        last = owed[owed["unit_id"].isin(ids)].sort_values("period_end")
        latest = last.iloc[-1] if len(last) else None
        rows.append({"unit": name, "province": prov, "in_store": unit is not None,
                     "last_report": report_label(latest) if latest is not None else None,
                     "last_period": period_label(latest["period"]) if latest is not None else None})
    df = pd.DataFrame(rows, columns=["unit", "province", "in_store", "last_report", "last_period"])
    return df.sort_values(["province", "unit"], na_position="last", kind="stable").reset_index(drop=True)
