"""The cross-unit questions, each a function that returns a pandas DataFrame.

They read only current documents: a file's newest version (older versions stay stored but are
not counted twice). Every function takes the store as a URL, a path, an Engine or None
(`--db`, then VANBAN_DB, then ./vanban.db), exactly like the CLI verbs built on them.

    from vanban.db import queries
    queries.coverage("76/NQ-CP", db="sqlite:///vanban.db")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, case, distinct, func, select

from vanban.db import schema
from vanban.db.crosscheck import CONFLICT
from vanban.db.engine import StoreError, make_engine
from vanban.db.models import Citation, Directive, Document, Flag, IngestError, IngestRun, SourceFile, Unit, UnitName
from vanban.identity.units import clean, province_today, unit_ref

Store = str | Engine | None


class NotFound(StoreError):
    """The directive or unit asked about is not in the store."""


@contextmanager
def _connect(db: Store) -> Iterator[Connection]:
    engine = make_engine(db)
    try:
        schema.require(engine)
        with engine.connect() as conn:
            yield conn
    finally:
        if engine is not db:
            engine.dispose()


def _sorted(df: pd.DataFrame, by: list[str], ascending: list[bool] | bool = True) -> pd.DataFrame:
    """Rows in code-point order, the same on every store whatever its collation."""
    return df.sort_values(by, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


def _frame(conn: Connection, stmt: Select[Any]) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _current() -> Any:
    """Documents with a current file, and that file (the first path if several hold the same content)."""
    return (select(SourceFile.document_id.label("document_id"), func.min(SourceFile.path).label("file"))
            .where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None))
            .group_by(SourceFile.document_id).subquery("cur"))


def _value(v: Any) -> Any:
    return None if v is None or (not isinstance(v, str | list | dict) and pd.isna(v)) else v


def _report(row: pd.Series) -> str:
    """`Báo cáo 124/BC-SYT`, `Kế hoạch …/KH-YTST` (number left blank), `Kế hoạch` (no symbol)."""
    doc_type, number, symbol = (_value(row.get(k)) for k in ("doc_type", "number", "symbol"))
    code = f"{number or '…'}/{symbol}" if symbol else (number or "")
    return " ".join(x for x in (doc_type or "", code) if x) or "(no header)"


def _report_columns(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df.drop(columns=["doc_type", "number", "symbol", "date", "date_partial"], errors="ignore") \
                 .assign(report=pd.Series(dtype=object), report_date=pd.Series(dtype=object))
    df = df.copy()
    df["report"] = df.apply(_report, axis=1)
    df["report_date"] = [d.isoformat() if _value(d) is not None else _value(p)
                         for d, p in zip(df["date"], df["date_partial"], strict=True)]
    return df.drop(columns=["doc_type", "number", "symbol", "date", "date_partial"])


def normalise_key(key: str) -> str:
    """A directive key as a user types it (`76/NQCP`, `178- KL/TW`) in canonical form."""
    from vanban.extract.symbols import canonical

    return canonical(key) or clean(key).replace(" ", "")


def _directive_ids(conn: Connection, key: str) -> list[int]:
    wanted = normalise_key(key)
    ids = list(conn.execute(select(Directive.id).where(Directive.canonical == wanted)).scalars())
    if not ids:
        folded = wanted.casefold()
        ids = [i for i, c in conn.execute(select(Directive.id, Directive.canonical)) if c.casefold() == folded]
    if not ids:
        raise NotFound(f"{key}: no directive with this key in the store")
    return ids


def _unit_ids(conn: Connection, name: str) -> list[int]:
    """Units a name stands for: by key when the name says its province, else by name, else by part."""
    ref = unit_ref(name)
    units = conn.execute(select(Unit.id, Unit.key, Unit.name)).all()
    names = conn.execute(select(UnitName.unit_id, UnitName.name)).all()
    if ref is not None:
        exact = [i for i, key, _ in units if key == ref.key]
        if exact and ref.province:
            return exact
        by_name = [i for i, _, n in units if n.casefold() == ref.name.casefold()]
        if by_name:
            return by_name
    part = clean(name).casefold()
    found = {i for i, _, n in units if part in n.casefold()} | {i for i, n in names if part in n.casefold()}
    if not found:
        raise NotFound(f"{name}: no unit with this name in the store")
    return sorted(found)


def cites(directive: str | None = None, unit: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """Who cites what, when, in which report: one row per report and directive it cites."""
    cur = _current()
    stmt = (
        select(Unit.name.label("unit"), Unit.province, Directive.canonical.label("directive"),
               Directive.level, Directive.issuer.label("directive_issuer"),
               func.max(case((Citation.own.is_(True), 1), else_=0)).label("own"),
               func.min(Citation.stated_date).label("stated_date"), func.count(Citation.id).label("mentions"),
               func.min(Citation.page).label("page"), Document.doc_type, Document.number, Document.symbol,
               Document.date, Document.date_partial, Document.period_label.label("period"), cur.c.file)
        .join(Directive, Directive.id == Citation.directive_id)
        .join(Document, Document.id == Citation.document_id)
        .join(cur, cur.c.document_id == Document.id)
        .outerjoin(Unit, Unit.id == Document.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, Directive.id, Directive.canonical, Directive.level,
                  Directive.issuer, Document.id, Document.doc_type, Document.number, Document.symbol,
                  Document.date, Document.date_partial, Document.period_label, cur.c.file)
    )
    with _connect(db) as conn:
        if directive:
            stmt = stmt.where(Directive.id.in_(_directive_ids(conn, directive)))
        if unit:
            stmt = stmt.where(Document.unit_id.in_(_unit_ids(conn, unit)))
        df = _frame(conn, stmt)
    df["own"] = df["own"].astype(bool)
    df = _sorted(_report_columns(df), ["province", "unit", "directive", "file"])
    return df[["unit", "province", "directive", "level", "directive_issuer", "own", "stated_date", "mentions",
               "page", "report", "report_date", "period", "file"]]


def _label(df: pd.DataFrame) -> pd.Series:
    """A directive's column name: its key, with its province or issuer where the key is not unique."""
    clash = df.groupby("directive")["directive_id"].transform("nunique") > 1
    where = df["directive_province"].fillna(df["directive_issuer"]).fillna("?")
    return df["directive"].where(~clash, df["directive"] + " · " + where)


def matrix(level: str | None = None, min_units: int = 1, *, db: Store = None) -> pd.DataFrame:
    """Units × directives: how many reports of each unit cite each directive."""
    cur = _current()
    stmt = (
        select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province,
               Directive.id.label("directive_id"), Directive.canonical.label("directive"),
               Directive.province.label("directive_province"), Directive.issuer.label("directive_issuer"),
               func.count(distinct(Citation.document_id)).label("reports"))
        .join(Directive, Directive.id == Citation.directive_id)
        .join(Document, Document.id == Citation.document_id)
        .join(cur, cur.c.document_id == Document.id)
        .join(Unit, Unit.id == Document.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, Directive.id, Directive.canonical, Directive.province,
                  Directive.issuer)
    )
    if level:
        stmt = stmt.where(Directive.level == level)
    with _connect(db) as conn:
        df = _frame(conn, stmt)
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
    return _sorted(names.join(wide), ["province", "unit"])


def coverage(key: str, province: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """Units that cite a directive and, in the same provinces, the units of the store that do not."""
    cur = _current()
    with _connect(db) as conn:
        ids = _directive_ids(conn, key)
        citing = _frame(conn, (
            select(Document.unit_id, func.count(distinct(Document.id)).label("citing_reports"),
                   func.min(Citation.stated_date).label("stated_date"))
            .join(Citation, Citation.document_id == Document.id)
            .join(cur, cur.c.document_id == Document.id)
            .where(Citation.directive_id.in_(ids)).group_by(Document.unit_id)))
        if province:
            provinces = {province_today(province) or province}
        else:
            scoped = conn.execute(select(Directive.province).where(Directive.id.in_(ids))).scalars()
            provinces = {p for p in scoped if p}
            provinces |= set(conn.execute(select(Unit.province).where(
                Unit.id.in_([int(u) for u in citing["unit_id"].dropna()]))).scalars())
        units = _frame(conn, (
            select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province,
                   func.count(distinct(Document.id)).label("reports"),
                   func.max(func.coalesce(Document.date, Document.period_end)).label("latest"))
            .join(Document, Document.unit_id == Unit.id).join(cur, cur.c.document_id == Document.id)
            .where((Unit.province.in_(provinces)) | Unit.id.in_([int(u) for u in citing["unit_id"].dropna()]))
            .group_by(Unit.id, Unit.name, Unit.province)))
    df = units.merge(citing, on="unit_id", how="left")
    df["cites"] = df["citing_reports"].notna()
    df["citing_reports"] = df["citing_reports"].fillna(0).astype(int)
    df = _sorted(df, ["cites", "province", "unit"], [False, True, True])
    return df[["unit", "province", "cites", "citing_reports", "reports", "stated_date", "latest"]]


def flags(code: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """Flagged reports with the reason: the extractor's flags and the store's own."""
    cur = _current()
    stmt = (
        select(Unit.name.label("unit"), Unit.province, Flag.code, Flag.severity, Flag.origin, Flag.message,
               Directive.canonical.label("directive"), Document.doc_type, Document.number, Document.symbol,
               Document.date, Document.date_partial, cur.c.file)
        .join(Document, Document.id == Flag.document_id)
        .join(cur, cur.c.document_id == Document.id)
        .outerjoin(Unit, Unit.id == Document.unit_id)
        .outerjoin(Directive, Directive.id == Flag.directive_id)
        .order_by(Flag.id)
    )
    if code:
        stmt = stmt.where(Flag.code == code)
    with _connect(db) as conn:
        df = _sorted(_report_columns(_frame(conn, stmt)), ["province", "unit", "file", "code", "message"])
    return df[["unit", "province", "report", "report_date", "code", "severity", "origin", "message",
               "directive", "file"]]


def units(*, db: Store = None) -> pd.DataFrame:
    """The units in the store, the names they go by, and how much they report and cite."""
    cur = _current()
    with _connect(db) as conn:
        base = _frame(conn, select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province, Unit.kind))
        names = _frame(conn, select(UnitName.unit_id, UnitName.name))
        reports = _frame(conn, select(Document.unit_id, func.count(distinct(Document.id)).label("reports"))
                         .join(cur, cur.c.document_id == Document.id).group_by(Document.unit_id))
        cited = _frame(conn, (
            select(Document.unit_id, func.count(distinct(Citation.directive_id)).label("directives"),
                   func.count(Citation.id).label("mentions"))
            .join(Citation, Citation.document_id == Document.id).join(cur, cur.c.document_id == Document.id)
            .where(Citation.directive_id.is_not(None)).group_by(Document.unit_id)))
    aliases = names.groupby("unit_id")["name"].agg(lambda s: "; ".join(sorted(set(s)))).rename("names")
    df = base.merge(aliases, on="unit_id", how="left").merge(reports, on="unit_id", how="left") \
             .merge(cited, on="unit_id", how="left")
    for col in ("reports", "directives", "mentions"):
        df[col] = df[col].fillna(0).astype(int)
    df = _sorted(df[df["reports"] > 0], ["province", "unit"])
    return df[["unit", "province", "kind", "names", "reports", "directives", "mentions"]].reset_index(drop=True)


def directives(level: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """The cited directives with their type, issuer, level and date, and who cites them."""
    cur = _current()
    conflict = select(Flag.directive_id).where(Flag.code == CONFLICT).distinct()
    stmt = (
        select(Directive.canonical.label("directive"), Directive.province, Directive.doc_type,
               Directive.number, Directive.year, Directive.issuer, Directive.issue_date, Directive.level,
               func.count(distinct(Document.unit_id)).label("units"),
               func.count(distinct(Citation.document_id)).label("reports"),
               func.count(Citation.id).label("mentions"),
               Directive.id.in_(conflict).label("date_conflict"))
        .join(Citation, Citation.directive_id == Directive.id)
        .join(Document, Document.id == Citation.document_id)
        .join(cur, cur.c.document_id == Document.id)
        .group_by(Directive.id, Directive.canonical, Directive.province, Directive.doc_type, Directive.number,
                  Directive.year, Directive.issuer, Directive.issue_date, Directive.level)
    )
    if level:
        stmt = stmt.where(Directive.level == level)
    with _connect(db) as conn:
        df = _frame(conn, stmt)
    df["date_conflict"] = df["date_conflict"].astype(bool)
    df["year"] = df["year"].astype("Int64")
    return _sorted(df, ["units", "directive", "province", "issuer"], [False, True, True, True])


LEVEL_LABELS = {
    "party_centre": "Party centre", "national_assembly": "National Assembly", "state_president": "State President",
    "government": "Government", "prime_minister": "Prime Minister", "ministry": "Ministry",
    "province": "Provincial government", "department": "Department", "party_local": "Local Party",
    "unit": "Other unit", "own": "The unit itself", "other": "Other",
}


def levels(*, db: Store = None) -> pd.DataFrame:
    """Units × levels: how many distinct directives of each level a unit cites; its own are their own column."""
    cur = _current()
    relative = case((Citation.own.is_(True), "own"), else_=Directive.level).label("level")
    stmt = (
        select(Unit.name.label("unit"), Unit.province, relative,
               func.count(distinct(Citation.directive_id)).label("directives"))
        .join(Directive, Directive.id == Citation.directive_id)
        .join(Document, Document.id == Citation.document_id)
        .join(cur, cur.c.document_id == Document.id)
        .join(Unit, Unit.id == Document.unit_id)
        .group_by(Unit.id, Unit.name, Unit.province, relative)
    )
    with _connect(db) as conn:
        df = _frame(conn, stmt)
    if df.empty:
        return pd.DataFrame(columns=["unit", "province"])
    df["province"] = df["province"].fillna("")
    wide = df.pivot_table(index=["unit", "province"], columns="level", values="directives", aggfunc="sum",
                          fill_value=0)
    wide = wide.reindex(columns=[lv for lv in LEVEL_LABELS if lv in wide.columns]).astype(int)
    wide = wide.rename(columns=LEVEL_LABELS).reset_index()
    wide.columns.name = None
    return _sorted(wide, ["province", "unit"])


def errors(run: int | None = None, outcome: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """The paths an ingest did not store and why: failed, or skipped by the walk.

    `run`: that run's id [default: the latest run]; 0 for every run. `outcome`: failed or
    skipped only. Names that are not UTF-8 are shown with their odd bytes as `\\xNN`.
    """
    with _connect(db) as conn:
        if run is None:
            run = conn.execute(select(func.max(IngestRun.id))).scalar_one() or 0
        elif run and conn.execute(select(IngestRun.id).where(IngestRun.id == run)).scalar_one_or_none() is None:
            raise NotFound(f"no ingest run {run} in the store")
        stmt = select(IngestError.run_id.label("run"), IngestError.outcome, IngestError.path, IngestError.reason,
                      IngestError.at).order_by(IngestError.id)
        if run:
            stmt = stmt.where(IngestError.run_id == run)
        if outcome:
            stmt = stmt.where(IngestError.outcome == outcome)
        df = _frame(conn, stmt)
    if df.empty:
        return pd.DataFrame(columns=["run", "outcome", "path", "reason", "at"])
    return _sorted(df, ["run", "outcome", "path"])
