"""Who has not reported: the units that owe a report for a period and have not sent one.

The units expected come from a roster (a CSV or XLSX of units, imported once into the store with
`vanban roster import`, or given with `--roster FILE`), else from the units seen in earlier
periods. Names are matched with the unit identity rules (`TTYT khu vực Bố Trạch` is the
Trung tâm Y tế khu vực Bố Trạch), then without diacritics. Only a Báo cáo for exactly the period
counts: a plan (Kế hoạch) has a period too, but is never the report a unit owes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, insert, select

from vanban.db import schema
from vanban.db.engine import make_engine
from vanban.db.models import Report, RosterUnit, Unit
from vanban.db.queries.base import (
    BadQuery,
    Store,
    connect,
    fold,
    parse_period,
    period_label,
    provinces,
    report_label,
)
from vanban.identity.units import place_name, unit_ref
from vanban.patterns import strings

REPORT_TYPES = ("Báo cáo",)
_NAME_HEADERS = ("don vi", "ten don vi", "ten", "unit", "name", "co quan")
_PROVINCE_HEADERS = ("tinh", "tinh/thanh pho", "tinh, thanh pho", "province")


@dataclass(frozen=True)
class Expected:
    key: str
    name: str
    province: str | None


def read_roster(path: str | Path) -> list[Expected]:
    """The units of a roster file: a column of names (`Đơn vị`, `Tên đơn vị`, `unit`, else the first)
    and optionally one of provinces (`Tỉnh`, `province`)."""
    path = Path(path)
    if not path.is_file():
        raise BadQuery(strings.message("roster_missing", path=path))
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        elif suffix in (".xlsx", ".xlsm"):
            table = pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
        else:
            raise BadQuery(strings.message("roster_kind", path=path))
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise BadQuery(strings.message("roster_unreadable", path=path, reason=first)) from None
    if table.empty or not len(table.columns):
        raise BadQuery(strings.message("roster_empty", path=path))
    heads = {fold(str(c)): c for c in table.columns}
    name_col = next((heads[h] for h in _NAME_HEADERS if h in heads), table.columns[0])
    prov_col = next((heads[h] for h in _PROVINCE_HEADERS if h in heads), None)
    out: dict[tuple[str, str], Expected] = {}
    for _, row in table.iterrows():
        ref = unit_ref(str(row[name_col]), str(row[prov_col]) if prov_col is not None and row[prov_col] else None)
        if ref is not None:             # one unit however it is typed: "TTYT khu vuc Bo Trach" too
            out.setdefault((fold(ref.name), fold(ref.province or "")), Expected(ref.key, ref.name, ref.province))
    if not out:
        raise BadQuery(strings.message("roster_empty", path=path))
    return list(out.values())


def import_roster(path: str | Path, *, db: Store = None) -> int:
    """Replace the store's roster with the units of `path`; how many there are."""
    units = read_roster(path)
    engine = make_engine(db, writer=True)
    try:
        schema.require(engine)
        with engine.begin() as conn:
            conn.execute(delete(RosterUnit))
            conn.execute(insert(RosterUnit), [{"unit_key": u.key, "name": u.name, "province": u.province}
                                              for u in units])
    finally:
        if engine is not db:
            engine.dispose()
    return len(units)


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
            expected = [Expected(k, n, p) for k, n, p in
                        conn.execute(select(RosterUnit.unit_key, RosterUnit.name, RosterUnit.province))]
        if not expected:                      # no roster: the units seen in earlier periods
            earlier = set(reps.loc[reps["period_end"].map(lambda d: d is not None and d < start), "unit_id"])
            expected = [Expected(r.key, r.name, r.province) for r in units.itertuples() if r.unit_id in earlier]
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
        name, prov = (unit["name"], unit["province"]) if unit is not None else (e.name, e.province)
        if wanted is not None and prov not in wanted:
            continue
        last = owed[owed["unit_id"].isin(ids)].sort_values("period_end")
        latest = last.iloc[-1] if len(last) else None
        rows.append({"unit": name, "province": prov, "in_store": unit is not None,
                     "last_report": report_label(latest) if latest is not None else None,
                     "last_period": period_label(latest["period"]) if latest is not None else None})
    df = pd.DataFrame(rows, columns=["unit", "province", "in_store", "last_report", "last_period"])
    return df.sort_values(["province", "unit"], na_position="last", kind="stable").reset_index(drop=True)
