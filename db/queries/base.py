"""What every question shares: the connection, reports as the unit of counting, the period a
question is asked for, and names matched the way users type them (no diacritics, any case)."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
import regex
from sqlalchemy import Connection, Engine, Select, and_, func, select

from vanban.db import schema
from vanban.db.engine import StoreError, make_engine
from vanban.db.models import Directive, Rendition, Report, SourceFile, Unit, UnitName
from vanban.db.upload_names import named
from vanban.identity.directives import key_form
from vanban.identity.units import clean, unit_ref
from vanban.identity.verified import verified_dates
from vanban.patterns import strings

Store = str | Engine | None


class NotFound(StoreError):
    """The directive, unit or report asked about is not in the store."""


class BadQuery(StoreError):
    """A question asked with a value vanban cannot read (a period, a date, a roster file)."""


@contextmanager
def connect(db: Store) -> Iterator[Connection]:
    engine = make_engine(db)
    try:
        schema.require(engine)
        with engine.connect() as conn:
            yield conn
    finally:
        if engine is not db:
            engine.dispose()


def sort(df: pd.DataFrame, by: list[str], ascending: list[bool] | bool = True) -> pd.DataFrame:
    """Rows in code-point order, the same on every store whatever its collation."""
    return df.sort_values(by, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


def frame(conn: Connection, stmt: Select[Any]) -> pd.DataFrame:
    """The rows of `stmt`; an upload in a `file` column by the name it was sent under, not where it is kept."""
    result = conn.execute(stmt)
    return named(conn, pd.DataFrame(result.all(), columns=list(result.keys())))


def fold(text: str | None) -> str:
    """A name as compared with what a user types: no diacritics, no case (`Bố Trạch` ~ `bo trach`)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return regex.sub(r"\s+", " ", text).strip().casefold()


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Scope:
    """Which reports a question reads: those for one period, or whose period ends in a range."""

    period: tuple[dt.date, dt.date] | None = None
    label: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def where(self) -> list[Any]:
        out: list[Any] = []
        if self.period:
            out += [Report.period_start == self.period[0], Report.period_end == self.period[1]]
        if self.since:
            out.append(Report.period_end >= self.since)
        if self.until:
            out.append(Report.period_end <= self.until)
        return out


@functools.cache
def _period_words() -> dict[str, str]:
    """A period word typed without diacritics -> as reports write it (`quy` -> `quý`, `dau` -> `đầu`),
    from the examples of patterns/periods.toml; a bare form two words share is left as typed."""
    from vanban.extract.catalogue import load

    spelled: dict[str, set[str]] = {}
    for entry in load("periods").values():
        for example in entry.get("examples", []) if isinstance(entry, dict) else []:
            for word in regex.findall(r"\p{L}+", example.lower()):
                spelled.setdefault(fold(word), set()).add(word)
    return {bare: next(iter(words)) for bare, words in spelled.items() if len(words) == 1 and bare not in words}


def _as_typed(label: str) -> str:
    """A period label as compared with what was typed: folded, "Quí" (the older spelling) as "Quý"."""
    return regex.sub(r"\bqui\b", "quy", fold(label))


def parse_period(text: str) -> tuple[str, dt.date, dt.date]:
    """`Quý III năm 2025` -> (label, 2025-07-01, 2025-09-30), read as the extractor reads periods;
    typed without diacritics (`quy 3/2025`, `6 thang dau nam 2025`) as well."""
    from vanban.extract.period import find_period

    typed = unicodedata.normalize("NFC", text)
    found = find_period(typed)
    if found is not None and _as_typed(found.label) != _as_typed(typed):
        found = None             # "Quý 5 năm 2025" names no quarter: not the year 2025 it ends with
    if found is None:
        words = _period_words()
        spelled = regex.sub(r"\p{L}+", lambda m: words.get(m[0].lower(), m[0]), typed).strip()
        found = find_period(spelled)
        if found is not None and _as_typed(found.label) != _as_typed(spelled):   # "Ha Nam 2025": a province
            found = None
    if found is None:
        raise BadQuery(strings.message("bad_period", text=text))
    return found.label, dt.date.fromisoformat(found.start), dt.date.fromisoformat(found.end)


def parse_day(text: str, *, last: bool) -> dt.date:
    """A day for --since/--until: 2025-07-01, 01/07/2025, 07/2025, 2025-07, 2025, or a period."""
    t = text.strip()
    try:
        if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
            return dt.date.fromisoformat(t)
        if m := regex.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := regex.fullmatch(r"(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))", t):
            y, mo = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
            start = dt.date(y, mo, 1)
            return (dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.timedelta(days=1)) if last else start
        if regex.fullmatch(r"\d{4}", t):
            return dt.date(int(t), 12, 31) if last else dt.date(int(t), 1, 1)
    except ValueError:
        raise BadQuery(strings.message("bad_date", text=text)) from None
    try:
        _, start, end = parse_period(t)
    except BadQuery:
        raise BadQuery(strings.message("bad_date", text=text)) from None
    return end if last else start


def scope(period: str | None = None, since: str | None = None, until: str | None = None) -> Scope:
    """The reports a question is asked about, from the options as typed."""
    label, bounds = None, None
    if period:
        label, start, end = parse_period(period)
        bounds = (start, end)
    return Scope(bounds, label, parse_day(since, last=False) if since else None,
                 parse_day(until, last=True) if until else None)


# ---------------------------------------------------------------- reports

def reports(sc: Scope | None = None) -> Any:
    """The reports a question counts, with their reference file, as a subquery `rep`."""
    ref_file = (select(SourceFile.document_id.label("document_id"), func.min(SourceFile.path).label("file"))
                .where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None))
                .group_by(SourceFile.document_id).subquery("ref_file"))
    stmt = (select(Report.id.label("report_id"), Report.unit_id, Report.reference_id, Report.doc_type,
                   Report.number, Report.symbol, Report.year, Report.date, Report.date_partial,
                   Report.period_label.label("period"), Report.period_start, Report.period_end,
                   Report.renditions, ref_file.c.file)
            .outerjoin(ref_file, ref_file.c.document_id == Report.reference_id))
    if sc is not None:
        where = sc.where()
        if where:
            stmt = stmt.where(and_(*where))
    return stmt.subquery("rep")


def renditions_of(rep: Any) -> Any:
    """Document -> report of the reports in `rep` (join a document's rows through it)."""
    return (select(Rendition.document_id, Rendition.report_id, Rendition.reference, Rendition.content)
            .join(rep, rep.c.report_id == Rendition.report_id).subquery("rend"))


REPORT_PARTS = ["doc_type", "number", "symbol", "year", "date", "date_partial"]


def _value(v: Any) -> Any:
    return None if v is None or (not isinstance(v, str | list | dict) and pd.isna(v)) else v


def report_key(number: Any, symbol: Any, year: Any = None) -> str:
    """The number as the report's readers cite it (`124/BC-SYT`, `30/2018/QĐ-UBND`, `57-NQ/TW`);
    `…/KH-YTST` when the number was left blank, the number alone when there is no symbol."""
    from vanban.extract.symbols import key_of

    number, symbol, year = _value(number), _value(symbol), _value(year)
    if not symbol:
        return number or ""
    return key_of(number or "…", symbol, int(year) if year else None) or ""


def report_label(row: Any) -> str:
    """`Báo cáo 124/BC-SYT`, `Quyết định 30/2018/QĐ-UBND`, `Kế hoạch …/KH-YTST` (number left blank),
    `Kế hoạch` (no symbol)."""
    doc_type = _value(row.get("doc_type"))
    code = report_key(row.get("number"), row.get("symbol"), row.get("year"))
    return " ".join(x for x in (doc_type or "", code) if x) or "(?)"


_QUARTER = regex.compile(r"\b(quý\s+)(iv|i{1,3})\b")


def period_label(label: Any) -> Any:
    """A period's label in one case form, sentence case (`Năm 2024`, `Quý III năm 2025`, `6 tháng đầu
    năm 2025`), however the report printed it: a title in capitals gave `NĂM 2004` beside another
    report's `năm 2025`, and the CLI, the workbook and the web pages show it alike. Only what is shown
    changes: a period filters by its first and last day, which either spelling names the same way."""
    if not isinstance(label, str):
        return label
    text = _QUARTER.sub(lambda m: m[1] + m[2].upper(), " ".join(label.split()).lower())
    return text[:1].upper() + text[1:]


def with_report_columns(df: pd.DataFrame) -> pd.DataFrame:
    """`report` (its label) and `report_date` (ISO, or year-month when the day is blank) for the parts;
    the period's label in sentence case."""
    df = df.copy()
    if "period" in df.columns:
        df["period"] = df["period"].map(period_label)
    if df.empty:
        df["report"], df["report_date"] = pd.Series(dtype=object), pd.Series(dtype=object)
    else:
        df["report"] = df.apply(report_label, axis=1)
        df["report_date"] = [d if _value(d) is not None else _value(p)
                             for d, p in zip(df["date"], df["date_partial"], strict=True)]
    return df.drop(columns=REPORT_PARTS)


# ---------------------------------------------------------------- names as typed

def normalise_key(key: str) -> str:
    """A directive key as a user types it (`76/NQCP`, `178- KL/TW`) in canonical form; a name a
    directive goes by (`Đề án 06`, patterns/directives.toml) as its key."""
    from vanban.extract.symbols import canonical
    from vanban.identity.known_partials import named_key

    return canonical(key) or named_key(key) or clean(key).replace(" ", "")


def directive_ids(conn: Connection, key: str) -> list[int]:
    wanted = normalise_key(key)
    ids = list(conn.execute(select(Directive.id).where(Directive.canonical.in_({wanted, key_form(wanted)})))
               .scalars())
    if not ids:
        folded = {fold(wanted), fold(clean(key).replace(" ", ""))}
        ids = [i for i, c in conn.execute(select(Directive.id, Directive.canonical)) if fold(c) in folded]
    if not ids and wanted not in verified_dates():
        raise NotFound(strings.message("no_directive", key=key))
    return ids          # none for a central directive no report cites yet: every unit is silent on it


def unit_ids(conn: Connection, name: str) -> list[int]:
    """Units a name stands for: by key when the name says its province, else by name, else by part,
    with or without diacritics."""
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
    part = fold(clean(name))
    found = {i for i, _, n in units if part in fold(n)} | {i for i, n in names if part in fold(n)}
    if not found:
        raise NotFound(strings.message("no_unit", name=name))
    return sorted(found)


@functools.cache
def _province_names() -> dict[str, str]:
    """Every spelling of a province (its name, other spellings, the provinces it absorbed in 2025),
    as typed without diacritics or case -> the province it is part of today."""
    from vanban.extract.catalogue import load

    out: dict[str, str] = {}
    for unit in load("provinces")["unit"]:
        for spelling in (unit["name"], *unit.get("aliases", []), *unit["absorbed"]):
            out[province_typed(spelling)] = unit["name"]
    return out


def province_typed(text: str | None) -> str:
    """A province's name as compared with what a user types: folded, a dash spaced one way, without
    the word for its kind before it (`tinh kien giang`, `TP. Ho Chi Minh`, `Ba Ria-Vung Tau`)."""
    text = regex.sub(r"\s*[-–]\s*", " - ", fold(text))
    return regex.sub(r"^(?:tinh|thanh pho|tp)\b\.?\s*", "", text).strip()


def province_named(text: str | None) -> str | None:
    """The province today that a typed name stands for, with or without diacritics (`kien giang` ->
    An Giang); None for a name of no province."""
    return _province_names().get(province_typed(text)) if text else None


def provinces(conn: Connection, name: str) -> set[str]:
    """The provinces of the store a typed name stands for, with or without diacritics or case (`quang tri`,
    `Quảng Bình` -> Quảng Trị, `kien giang` -> An Giang); a name of no province is an error, not an
    empty answer."""
    typed = province_typed(name)
    today = province_named(name)
    stored = {p for p in conn.execute(select(Unit.province).distinct()).scalars() if p}
    found = {p for p in stored if province_typed(p) in {typed, province_typed(today)}}
    if not found and today is None:
        raise BadQuery(strings.message("unknown_province", name=name))
    return found or {today or name}
