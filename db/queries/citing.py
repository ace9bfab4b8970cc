"""Questions about what the reports cite: who cites what, units × directives, who does not.

Every count is of reports, not files: a report's PDF and DOCX cite the same directives and are
counted once (a report cites a directive when any of its renditions does).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import String, and_, case, cast, distinct, func, select

from vanban.db.crosscheck import CONFLICT
from vanban.db.models import Citation, Directive, Flag, Unit
from vanban.db.queries.base import (
    Scope,
    Store,
    connect,
    directive_ids,
    frame,
    normalise_key,
    provinces,
    renditions_of,
    reports,
    scope,
    sort,
    unit_ids,
    with_report_columns,
)
from vanban.extract.dates import end_of_month
from vanban.identity.levels import LEVELS
from vanban.identity.verified import verified_dates


def _per_document() -> Any:
    """Per document and directive: mentions, first page and paragraph, stated date, own."""
    return (select(Citation.document_id, Citation.directive_id, func.count(Citation.id).label("n"),
                   func.min(Citation.page).label("page"), func.min(Citation.paragraph).label("paragraph"),
                   func.min(Citation.stated_date).label("stated_date"),
                   func.max(case((Citation.own.is_(True), 1), else_=0)).label("own"))
            .where(Citation.directive_id.is_not(None))
            .group_by(Citation.document_id, Citation.directive_id).subquery("per_doc"))


def cites(directive: str | None = None, unit: str | None = None, *, period: str | None = None,
          since: str | None = None, until: str | None = None, db: Store = None) -> pd.DataFrame:
    """Who cites what, when, in which report: one row per report and directive it cites."""
    rep = reports(scope(period, since, until))
    rend, pd_ = renditions_of(rep), _per_document()
    stmt = (
        select(Unit.name.label("unit"), Unit.province, Directive.canonical.label("directive"), Directive.level,
               Directive.issuer.label("directive_issuer"), func.max(pd_.c.own).label("own"),
               func.min(pd_.c.stated_date).label("stated_date"), func.max(pd_.c.n).label("mentions"),
               func.min(pd_.c.page).label("page"), func.min(pd_.c.paragraph).label("paragraph"),
               rep.c.report_id, rep.c.doc_type, rep.c.number, rep.c.symbol, rep.c.year, rep.c.date, rep.c.date_partial,
               rep.c.period, rep.c.file)
        .select_from(pd_)
        .join(rend, rend.c.document_id == pd_.c.document_id)
        .join(rep, rep.c.report_id == rend.c.report_id)
        .join(Directive, Directive.id == pd_.c.directive_id)
        .outerjoin(Unit, Unit.id == rep.c.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, Directive.id, Directive.canonical, Directive.level,
                  Directive.issuer, rep.c.report_id, rep.c.doc_type, rep.c.number, rep.c.symbol, rep.c.year, rep.c.date,
                  rep.c.date_partial, rep.c.period, rep.c.file)
    )
    with connect(db) as conn:
        if directive:
            stmt = stmt.where(Directive.id.in_(directive_ids(conn, directive)))
        if unit:
            stmt = stmt.where(rep.c.unit_id.in_(unit_ids(conn, unit)))
        df = frame(conn, stmt)
    df["own"] = df["own"].astype(bool)
    df["page"], df["paragraph"] = df["page"].astype("Int64"), df["paragraph"].astype("Int64")
    df = sort(with_report_columns(df), ["province", "unit", "directive", "file"])
    return df[["unit", "province", "directive", "level", "directive_issuer", "own", "stated_date", "mentions",
               "page", "paragraph", "report", "report_date", "period", "file", "report_id"]]


def _label(df: pd.DataFrame) -> pd.Series:
    """A directive's column name: its key, with its province or issuer where the key is not unique."""
    clash = df.groupby("directive")["directive_id"].transform("nunique") > 1
    where = df["directive_province"].fillna(df["directive_issuer"]).fillna("?")
    return df["directive"].where(~clash, df["directive"] + " · " + where)


def _citing(sc: Scope) -> Any:
    """(unit, directive, report) for every report in scope citing a directive."""
    rep = reports(sc)
    rend = renditions_of(rep)
    return (select(rep.c.unit_id, Citation.directive_id, rep.c.report_id)
            .join(rend, rend.c.document_id == Citation.document_id)
            .join(rep, rep.c.report_id == rend.c.report_id)
            .where(Citation.directive_id.is_not(None)).distinct().subquery("citing"))


def matrix(level: str | None = None, min_units: int = 1, *, period: str | None = None, since: str | None = None,
           until: str | None = None, db: Store = None) -> pd.DataFrame:
    """Units × directives: how many reports of each unit cite each directive."""
    c = _citing(scope(period, since, until))
    stmt = (
        select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province,
               Directive.id.label("directive_id"), Directive.canonical.label("directive"),
               Directive.province.label("directive_province"), Directive.issuer.label("directive_issuer"),
               func.count(distinct(c.c.report_id)).label("reports"))
        .select_from(c).join(Directive, Directive.id == c.c.directive_id).join(Unit, Unit.id == c.c.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, Directive.id, Directive.canonical, Directive.province,
                  Directive.issuer)
    )
    if level:
        stmt = stmt.where(Directive.level == level)
    with connect(db) as conn:
        df = frame(conn, stmt)
    if df.empty:
        return pd.DataFrame(columns=["unit", "province"])
    spread = df.groupby("directive_id")["unit_id"].nunique()
    df = df[df["directive_id"].isin(spread[spread >= min_units].index)].copy()
    if df.empty:
        return pd.DataFrame(columns=["unit", "province"])
    df["label"] = _label(df)
    order = (df.groupby("label")["unit_id"].nunique().reset_index()
             .sort_values(["unit_id", "label"], ascending=[False, True])["label"].tolist())
    wide = df.pivot_table(index="unit_id", columns="label", values="reports", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=order).fillna(0).astype(int)
    wide.columns.name = None
    names = df.drop_duplicates("unit_id").set_index("unit_id")[["unit", "province"]]
    return sort(names.join(wide), ["province", "unit"])


def coverage(key: str, province: str | None = None, *, period: str | None = None, since: str | None = None,
             until: str | None = None, db: Store = None) -> pd.DataFrame:
    """Units that cite a directive and the units of the store that do not: all of them for a
    directive of the centre (it binds every unit), those of its province and of the citing units'
    provinces for a local one, those of `province` when given.

    A unit that does not cite it and whose reports are all dated before the directive was issued
    (its stored issue date: the verified one, else the date most reports state) could not have
    cited it: `before_issue`, listed last, neither citing nor silent. With no known date, none is.
    A key two provinces' bodies both used (each Sở's 450/KH-SYT) dates each unit by its own province's."""
    sc = scope(period, since, until)
    c, rep = _citing(sc), reports(sc)
    rend = renditions_of(rep)
    with connect(db) as conn:
        ids = directive_ids(conn, key)
        citing = frame(conn, select(c.c.unit_id, func.count(distinct(c.c.report_id)).label("citing_reports"))
                       .where(c.c.directive_id.in_(ids), c.c.unit_id.is_not(None)).group_by(c.c.unit_id))
        stated = frame(conn, select(rep.c.unit_id, func.min(Citation.stated_date).label("stated_date"))
                       .join(rend, rep.c.report_id == rend.c.report_id)
                       .join(Citation, Citation.document_id == rend.c.document_id)
                       .where(Citation.directive_id.in_(ids)).group_by(rep.c.unit_id))
        citing_units = [int(u) for u in citing["unit_id"]]
        dated = conn.execute(select(Directive.province, Directive.issue_date).where(Directive.id.in_(ids))).all()
        bodies = sorted({f"{i or d}, {p}" if p else (i or d) for i, d, p in conn.execute(
            select(Directive.issuer, Directive.doc_type, Directive.province).where(Directive.id.in_(ids)))})
        issued = _issue_date([d for _, d in dated]) if ids else verified_dates().get(normalise_key(key))
        by_province = {p: _issue_date([d for q, d in dated if q == p]) for p, _ in dated if p}   # two Sở's plans
        local = {p for p in conn.execute(select(Directive.province).where(Directive.id.in_(ids))).scalars() if p}
        if province:
            wanted: set[str] | None = provinces(conn, province)
        elif local:
            wanted = local | set(conn.execute(select(Unit.province).where(Unit.id.in_(citing_units))).scalars())
        else:
            wanted = None               # a directive of the centre: every unit owes it
        stmt = (select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province,
                       func.count(distinct(rep.c.report_id)).label("reports"),
                       # as dated: a day left blank gives its month ('2026-06'); an undated report
                       # none (the end of its period, '2025-12-31', is no date it was sent)
                       func.max(func.coalesce(cast(rep.c.date, String), rep.c.date_partial)).label("latest"),
                func.sum(case((and_(rep.c.date.is_(None), rep.c.date_partial.is_(None)), 1), else_=0))
                .label("undated"))
                .join(rep, rep.c.unit_id == Unit.id).group_by(Unit.id, Unit.name, Unit.province))
        if province:                    # asked about one province: its units alone, citing or not
            stmt = stmt.where(Unit.province.in_(wanted))
        elif wanted is not None:
            stmt = stmt.where(Unit.province.in_(wanted) | Unit.id.in_(citing_units))
        units = frame(conn, stmt)
    df = units.merge(citing, on="unit_id", how="left").merge(stated, on="unit_id", how="left")
    df["cites"] = df["citing_reports"].notna()
    df["citing_reports"] = df["citing_reports"].fillna(0).astype(int)
    ends = df["latest"].map(last_day, na_action="ignore")
    own_date = df["province"].map(lambda p: by_province.get(p, issued))      # its own province's directive's
    earlier = [e is not None and e == e and d is not None and e < d for e, d in zip(ends, own_date, strict=True)]
    df["before_issue"] = (~df["cites"] & (df["undated"].fillna(0) == 0) & pd.Series(earlier, index=df.index)
                          ).astype(bool)
    df = sort(df, ["cites", "before_issue", "province", "unit"], [False, True, True, True])
    df = df[["unit", "province", "cites", "before_issue", "citing_reports", "reports", "stated_date", "latest"]]
    df.attrs["issue_date"] = issued
    if len(bodies) > 1 and not province:        # two Sở's plans of one number: said, not merged silently
        df.attrs["several"] = {"key": key, "count": len(bodies), "which": "; ".join(bodies)}
    return df


def _issue_date(dates: list[dt.date | None]) -> dt.date | None:
    """The date before which a report cannot cite the directive(s) of a key: the earliest, when all are
    known (a key that names two directives, one undated, has none)."""
    return min(dates) if dates and all(d is not None for d in dates) else None


def last_day(stated: str | dt.date) -> dt.date | None:
    """The last day a report dated `2017-12-19`, `2025-09` (day left blank) or `2007` can have been written."""
    if isinstance(stated, dt.date):
        return stated
    parts = [int(p) for p in str(stated).split("-") if p.isdigit()]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date.fromisoformat(end_of_month(*parts))
        return dt.date(*parts[:3]) if len(parts) >= 3 else None
    except ValueError:
        return None


def directives(level: str | None = None, *, period: str | None = None, since: str | None = None,
               until: str | None = None, db: Store = None) -> pd.DataFrame:
    """The cited directives with their type, issuer, level and date, and who cites them."""
    rep = reports(scope(period, since, until))
    rend = renditions_of(rep)
    conflict = select(Flag.directive_id).where(Flag.code == CONFLICT).distinct()
    stmt = (
        select(Directive.canonical.label("directive"), Directive.province, Directive.doc_type,
               Directive.number, Directive.year, Directive.issuer, Directive.issue_date, Directive.level,
               func.count(distinct(rep.c.unit_id)).label("units"),
               func.count(distinct(rep.c.report_id)).label("reports"),
               func.sum(case((rend.c.content.is_(True), 1), else_=0)).label("mentions"),
               Directive.id.in_(conflict).label("date_conflict"))
        .join(Citation, Citation.directive_id == Directive.id)
        .join(rend, rend.c.document_id == Citation.document_id)
        .join(rep, rep.c.report_id == rend.c.report_id)
        .group_by(Directive.id, Directive.canonical, Directive.province, Directive.doc_type, Directive.number,
                  Directive.year, Directive.issuer, Directive.issue_date, Directive.level)
    )
    if level:
        stmt = stmt.where(Directive.level == level)
    with connect(db) as conn:
        df = frame(conn, stmt)
    df["date_conflict"] = df["date_conflict"].astype(bool)
    df["year"] = df["year"].astype("Int64")
    df["mentions"] = df["mentions"].astype(int)
    return sort(df, ["units", "directive", "province", "issuer"], [False, True, True, True])


# Level columns of `levels`: the level codes, renamed where they would clash with `unit`/`province`.
LEVEL_COLUMNS = {lv: {"province": "provincial", "unit": "other_unit"}.get(lv, lv) for lv in LEVELS} | {"own": "own"}
_ORDER = [*LEVELS[:-1], "own", LEVELS[-1]]


def levels(*, period: str | None = None, since: str | None = None, until: str | None = None,
           db: Store = None) -> pd.DataFrame:
    """Units × levels: how many distinct directives of each level a unit cites; its own are their own column."""
    rep = reports(scope(period, since, until))
    rend = renditions_of(rep)
    relative = case((Citation.own.is_(True), "own"), else_=Directive.level).label("level")
    stmt = (
        select(Unit.name.label("unit"), Unit.province, relative,
               func.count(distinct(Citation.directive_id)).label("directives"))
        .join(Directive, Directive.id == Citation.directive_id)
        .join(rend, rend.c.document_id == Citation.document_id)
        .join(rep, rep.c.report_id == rend.c.report_id)
        .join(Unit, Unit.id == rep.c.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, relative)
    )
    with connect(db) as conn:
        df = frame(conn, stmt)
    if df.empty:
        return pd.DataFrame(columns=["unit", "province"])
    df["province"] = df["province"].fillna("")
    wide = df.pivot_table(index=["unit", "province"], columns="level", values="directives", aggfunc="sum",
                          fill_value=0)
    wide = wide.reindex(columns=[lv for lv in _ORDER if lv in wide.columns]).astype(int)
    wide = wide.rename(columns=LEVEL_COLUMNS).reset_index()
    wide.columns.name = None
    return sort(wide, ["province", "unit"])
