"""Questions that list what the store holds: reports, flags, units, ingest runs, unreadable files."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import distinct, func, select

from vanban.db.crosscheck import STORE_CODES
from vanban.db.models import Citation, Directive, Flag, IngestError, IngestRun, Report, SourceFile, Unit, UnitName
from vanban.db.queries.base import (
    BadQuery,
    NotFound,
    Store,
    connect,
    frame,
    period_label,
    renditions_of,
    scope,
    sort,
    unit_ids,
    with_report_columns,
)
from vanban.db.queries.base import (
    reports as report_rows,
)
from vanban.db.upload_names import named
from vanban.patterns import strings

# What the header says (or leaves blank) is the signed paper's; what the body says, the fullest text's.
HEADER_FLAGS = ("blank_number", "blank_date", "uncertain_field", "missing_header")


def reports(unit: str | None = None, *, period: str | None = None, since: str | None = None,
            until: str | None = None, db: Store = None) -> pd.DataFrame:
    """One row per report (its renditions counted once), with the directives it cites and its flags."""
    rep = report_rows(scope(period, since, until))
    rend = renditions_of(rep)
    with connect(db) as conn:
        stmt = (select(rep, Unit.name.label("unit"), Unit.province)
                .outerjoin(Unit, Unit.id == rep.c.unit_id))
        if unit:
            stmt = stmt.where(rep.c.unit_id.in_(unit_ids(conn, unit)))
        df = frame(conn, stmt)
        cited = frame(conn, select(rend.c.report_id, func.count(distinct(Citation.directive_id)).label("directives"))
                      .join(Citation, Citation.document_id == rend.c.document_id)
                      .where(Citation.directive_id.is_not(None)).group_by(rend.c.report_id))
        flagged = frame(conn, select(rend.c.report_id, func.count(Flag.id).label("flags"))
                        .join(Flag, Flag.document_id == rend.c.document_id)
                        .where(rend.c.content.is_(True)).group_by(rend.c.report_id))
    df = df.merge(cited, on="report_id", how="left").merge(flagged, on="report_id", how="left")
    for col in ("directives", "flags"):
        df[col] = df[col].fillna(0).astype(int)
    df = sort(with_report_columns(df), ["province", "unit", "period_end", "report_id"])
    return df[["report_id", "unit", "province", "report", "report_date", "period", "period_start", "period_end",
               "renditions", "directives", "flags", "file"]]


def flag_codes() -> list[str]:
    """Every code a flag can have: the extractor's (patterns/flags.toml) and the store's own."""
    from vanban.extract.catalogue import load

    return sorted({*load("flags")["severity"], "missing_section", *STORE_CODES})


def flags(code: str | None = None, unit: str | None = None, *, period: str | None = None,
          since: str | None = None, until: str | None = None, lang: str | None = None,
          db: Store = None) -> pd.DataFrame:
    """Flagged reports with the reason, where it stands and the sentence it rests on.

    A report's header flags are its reference rendition's (a DOCX's blank number is not the
    report's when the signed scan has one), its other flags its fullest rendition's (a scan of the
    first page alone lacks sections), plus the store's own; messages in `lang` (default Vietnamese).
    """
    rep = report_rows(scope(period, since, until))
    rend = renditions_of(rep)
    stmt = (
        select(Unit.name.label("unit"), Unit.province, Flag.code, Flag.severity, Flag.origin, Flag.message,
               Flag.message_key, Flag.params, Flag.page, Flag.paragraph, Flag.quote,
               Directive.canonical.label("directive"), rep.c.report_id, rep.c.doc_type,
               rep.c.number, rep.c.symbol, rep.c.year, rep.c.date, rep.c.date_partial, rep.c.period,
               func.coalesce(SourceFile.path, rep.c.file).label("file"), Flag.id)
        .join(rend, rend.c.document_id == Flag.document_id)
        # the file the flag's page and paragraph are in: the rendition it was found in, not the report's signed one
        .outerjoin(SourceFile, (SourceFile.document_id == Flag.document_id) & SourceFile.current.is_(True))
        .join(rep, rep.c.report_id == rend.c.report_id)
        .outerjoin(Unit, Unit.id == rep.c.unit_id)
        .outerjoin(Directive, Directive.id == Flag.directive_id)
        .where(Flag.code.in_(HEADER_FLAGS) & rend.c.reference.is_(True)
               | Flag.code.not_in(HEADER_FLAGS) & rend.c.content.is_(True) | (Flag.origin == "store"))
        .order_by(Flag.id)
    )
    if code:
        if code not in flag_codes():
            raise BadQuery(strings.message("unknown_flag_code", code=code, known=", ".join(flag_codes())))
        stmt = stmt.where(Flag.code == code)
    with connect(db) as conn:
        if unit:
            stmt = stmt.where(rep.c.unit_id.in_(unit_ids(conn, unit)))
        df = frame(conn, stmt)
    df = without_header_flags_answered(df.drop_duplicates(["report_id", "code", "directive", "message"]))
    df["message"] = [strings.flag_message(k, p, m, lang) for k, p, m in
                     zip(df["message_key"], df["params"], df["message"], strict=True)]
    df["page"], df["paragraph"] = df["page"].astype("Int64"), df["paragraph"].astype("Int64")
    df = sort(with_report_columns(df), ["province", "unit", "report_id", "id"])
    return df[["unit", "province", "report", "report_date", "period", "code", "severity", "origin", "message",
               "page", "paragraph", "quote", "directive", "file", "report_id"]]


def _filled(df: pd.DataFrame, column: str) -> pd.Series:
    return df[column].notna() if column in df else pd.Series(False, index=df.index)


def without_header_flags_answered(df: pd.DataFrame) -> pd.DataFrame:
    """A blank number or day is not the report's when another rendition (the signed paper) fills it in;
    nor a missing header, when another rendition has a number or a date."""
    number, date = _filled(df, "number"), _filled(df, "date")
    uncertain_number = (df["code"] == "uncertain_field") & df["params"].map(
        lambda p: isinstance(p, dict) and p.get("field") == "number")
    drop = (((df["code"] == "blank_number") | uncertain_number) & number | (df["code"] == "blank_date") & date
            | (df["code"] == "missing_header") & (number | date | _filled(df, "date_partial") | _filled(df, "symbol")))
    return df[~drop]


def units(*, period: str | None = None, since: str | None = None, until: str | None = None,
          db: Store = None) -> pd.DataFrame:
    """The units in the store, the names they go by, and how many reports they sent and directives they cite."""
    rep = report_rows(scope(period, since, until))
    rend = renditions_of(rep)
    with connect(db) as conn:
        base = frame(conn, select(Unit.id.label("unit_id"), Unit.name.label("unit"), Unit.province, Unit.kind))
        names = frame(conn, select(UnitName.unit_id, UnitName.name))
        counts = frame(conn, select(rep.c.unit_id, func.count(distinct(rep.c.report_id)).label("reports"),
                                    func.sum(rep.c.renditions).label("files")).group_by(rep.c.unit_id))
        cited = frame(conn, (
            select(rep.c.unit_id, func.count(distinct(Citation.directive_id)).label("directives"),
                   func.count(Citation.id).label("mentions"))
            .join(rend, rend.c.report_id == rep.c.report_id)
            .join(Citation, Citation.document_id == rend.c.document_id)
            .where(Citation.directive_id.is_not(None), rend.c.content.is_(True)).group_by(rep.c.unit_id)))
    aliases = names.groupby("unit_id")["name"].agg(lambda s: "; ".join(sorted(set(s)))).rename("names")
    df = base.merge(aliases, on="unit_id", how="left").merge(counts, on="unit_id", how="left") \
             .merge(cited, on="unit_id", how="left")
    for col in ("reports", "files", "directives", "mentions"):
        df[col] = df[col].fillna(0).astype(int)
    df = sort(df[df["reports"] > 0], ["province", "unit"])
    return df[["unit", "province", "kind", "names", "reports", "files", "directives", "mentions"]] \
        .reset_index(drop=True)


def runs(*, db: Store = None) -> pd.DataFrame:
    """The ingest batches: when, what folder, how, and what each did."""
    with connect(db) as conn:
        df = frame(conn, select(IngestRun.id.label("run"), IngestRun.folder, IngestRun.executor,
                                IngestRun.workers, IngestRun.status, IngestRun.started_at,
                                IngestRun.finished_at, IngestRun.files, IngestRun.ingested,
                                IngestRun.unchanged, IngestRun.failed).order_by(IngestRun.id))
    df["workers"] = df["workers"].astype("Int64")
    return df


def unreadable(*, db: Store = None) -> pd.DataFrame:
    """Files that could not be read and have no readable version: the last reason for each."""
    readable = select(SourceFile.path).where(SourceFile.current.is_(True), SourceFile.status == "ingested")
    last = (select(IngestError.path, func.max(IngestError.id).label("id"))
            .where(IngestError.path.not_in(readable)).group_by(IngestError.path).subquery("last"))
    with connect(db) as conn:
        df = named(conn, frame(conn, select(IngestError.path.label("file"), IngestError.reason, IngestError.at,
                                            IngestError.run_id.label("run"))
                               .join(last, last.c.id == IngestError.id)), "file")   # an upload by the name it was sent
    return sort(df, ["file"])


def errors(run: int | None = None, outcome: str | None = None, *, db: Store = None) -> pd.DataFrame:
    """The paths an ingest did not store and why: failed, or skipped by the walk.

    `run`: that run's id [default: the latest run]; 0 for every run. `outcome`: failed or
    skipped only. Names that are not UTF-8 are shown with their odd bytes as `\\xNN`.
    """
    with connect(db) as conn:
        if run is None:
            run = conn.execute(select(func.max(IngestRun.id))).scalar_one() or 0
        elif run and conn.execute(select(IngestRun.id).where(IngestRun.id == run)).scalar_one_or_none() is None:
            raise NotFound(strings.message("no_run", run=run))
        stmt = select(IngestError.run_id.label("run"), IngestError.outcome, IngestError.path, IngestError.reason,
                      IngestError.at).order_by(IngestError.id)
        if run:
            stmt = stmt.where(IngestError.run_id == run)
        if outcome:
            stmt = stmt.where(IngestError.outcome == outcome)
        df = named(conn, frame(conn, stmt), "path")
    if df.empty:
        return pd.DataFrame(columns=["run", "outcome", "path", "reason", "at"])
    return sort(df, ["run", "outcome", "path"])


def periods(*, db: Store = None) -> pd.DataFrame:
    """The periods the stored reports are for, newest first, with how many reports each: the choices a
    period filter offers (one label per first and last day, however the reports wrote it)."""
    stmt = (select(func.min(Report.period_label).label("period"), Report.period_start, Report.period_end,
                   func.count(Report.id).label("reports"))
            .where(Report.period_start.is_not(None), Report.period_end.is_not(None))
            .group_by(Report.period_start, Report.period_end))
    with connect(db) as conn:
        df = frame(conn, stmt)
    df["period"] = df["period"].map(period_label)
    return sort(df, ["period_end", "period_start"], [False, False])[["period", "period_start", "period_end",
                                                                       "reports"]]
