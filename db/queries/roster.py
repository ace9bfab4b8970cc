"""A roster file as an office keeps it: the units that owe reports, read from a CSV or an XLSX.

Offices make these lists in Excel, so a roster is read the way Excel writes one: a title and an
empty row above the header ("DANH SÁCH ĐƠN VỊ PHẢI BÁO CÁO … NĂM 2025"), a numbering column (STT),
groups headed "I. Các sở, ngành", and CSV separated by `;` (Excel under a Vietnamese locale), with
a BOM or in Windows-1258. The header row is the one naming the unit column (patterns/roster.toml);
without one the file is refused, saying so, rather than read as garbage. Lines that name one unit
(the rules of `vanban.identity.units`) count once and are said, each with its line.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex
from sqlalchemy import delete, insert

from vanban.db import schema
from vanban.db.engine import make_engine
from vanban.db.queries.base import BadQuery, Store, fold, province_named
from vanban.db.service_tables import RosterUnit
from vanban.identity.units import clean, unit_ref
from vanban.patterns import strings

HEADER_ROWS = 30                 # the header is looked for in the first rows only: a title is a few lines
_DELIMITERS = (",", ";", "\t")
_WHOLE_LINE = "\x1f"             # a one-column CSV: a comma inside a name ("…, tỉnh Kiên Giang") stays
_VIET_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


@dataclass(frozen=True)
class Expected:
    """A unit that owes a report: its key and name by the identity rules, and as the roster wrote it."""

    key: str
    name: str
    province: str | None
    written: str | None = None

    @property
    def shown(self) -> str:
        """The name a user is shown for a unit the store has not seen: the one they typed."""
        return self.written or self.name


@dataclass(frozen=True)
class Roster:
    """The units of a roster file, how many lines named them, and what a user should be told."""

    units: list[Expected]
    lines: int
    notes: list[str] = field(default_factory=list)

    @property
    def merged(self) -> int:
        return self.lines - len(self.units)


@dataclass(frozen=True)
class _Columns:
    name: int
    province: int | None
    number: int | None
    heading: str


@cache
def _words() -> dict[str, list[str]]:
    from vanban.extract.catalogue import load

    data = load("roster")
    return {kind: [_cell_key(w) for w in data[kind]["words"]] for kind in ("name", "province", "number")}


@cache
def _group() -> regex.Pattern[str]:
    from vanban.extract.catalogue import load

    return regex.compile(load("roster")["number"]["group"])


def group_heading(number: str) -> bool:
    """Whether a value of the numbering column heads a group of units ("I", "A.") rather than numbers one."""
    return bool(number) and bool(_group().match(number.strip()))


def _cell_key(cell: str) -> str:
    """A header cell as compared with the words: folded, its footnote marks and punctuation around it
    left out ("(1) Tên đơn vị:", "TÊN ĐƠN VỊ (*)")."""
    text = regex.sub(r"^\s*\(\d+\)\s*|\s*\(\*+\)\s*$", "", cell)
    return fold(text).strip(" .:*()[]-–")


def header_kind(cell: str) -> str | None:
    """`name`, `province` or `number` for a cell that heads such a column, else None."""
    key = _cell_key(cell)
    if not key:
        return None
    return next((kind for kind, words in _words().items() if key in words), None)


def _columns(row: list[str]) -> _Columns | None:
    """The columns a header row names, or None when no cell names the unit column."""
    keys = [_cell_key(c) for c in row]
    names = _words()["name"]
    found = [(names.index(k), i) for i, k in enumerate(keys) if k in names]
    if not found:
        return None
    name = min(found)[1]
    others = {kind: next((i for i, k in enumerate(keys) if i != name and k in _words()[kind]), None)
              for kind in ("province", "number")}
    return _Columns(name, others["province"], others["number"], clean(row[name]))


# ---------------------------------------------------------------- reading the file

def _vietnamese(text: str) -> bool:
    """Whether every letter outside ASCII is a Vietnamese one: text read in the wrong code page is not."""
    for c in set(text):
        if c.isascii() or not c.isalpha() or c in "đĐ":
            continue
        parts = unicodedata.normalize("NFD", c)
        if not (parts[0].isascii() and set(parts[1:]) <= _VIET_MARKS):
            return False
    return True


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel's "CSV UTF-8" puts first), UTF-16 (Excel's "Unicode text"),
    else Windows-1258 (Excel's CSV on a Vietnamese Windows), its separate tone marks joined."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return unicodedata.normalize("NFC", raw.decode("utf-16"))
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    if not text or not _vietnamese(text):
        raise BadQuery(strings.message("roster_encoding", path=path))
    return text


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    out = []
    for row in reader:
        out.append((reader.line_num, [c.strip() for c in row]))
    return out


def _header_at(rows: list[tuple[int, list[str]]]) -> int | None:
    return next((i for i, (_, row) in enumerate(rows[:HEADER_ROWS]) if _columns(row) is not None), None)


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV split by the separator that splits its header row into the most cells."""
    text = _decode(path, path.read_bytes())
    best: tuple[int, list[tuple[int, list[str]]]] | None = None
    for delimiter in _DELIMITERS:
        try:
            rows = _csv_rows(text, delimiter)
        except csv.Error as err:
            raise BadQuery(strings.message("roster_unreadable", path=path, reason=str(err))) from None
        at = _header_at(rows)
        if at is not None and (best is None or len(rows[at][1]) > best[0]):
            best = (len(rows[at][1]), rows)
    if best is not None and best[0] == 1:
        return _csv_rows(text, _WHOLE_LINE)
    return best[1] if best else _csv_rows(text, _WHOLE_LINE)       # no header: `read` says so


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of the first sheet that has a header row (as Excel numbers them)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise BadQuery(strings.message("roster_unreadable", path=path, reason=first)) from None
    try:
        sheets = [[(n, [_cell(v) for v in row]) for n, row in enumerate(sheet.iter_rows(values_only=True), 1)]
                  for sheet in book.worksheets]
    finally:
        book.close()
    return next((rows for rows in sheets if _header_at(rows) is not None), sheets[0] if sheets else [])


# ---------------------------------------------------------------- the units

def read(path: str | Path) -> Roster:
    """The units of a roster file, one per unit however many lines name it, with what to tell a user."""
    path = Path(path)
    if not path.is_file():
        raise BadQuery(strings.message("roster_missing", path=path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path)
    else:
        raise BadQuery(strings.message("roster_kind", path=path))
    if not any(any(cells) for _, cells in rows):
        raise BadQuery(strings.message("roster_empty", path=path))
    at = _header_at(rows)
    if at is None:
        raise BadQuery(strings.message("roster_no_header", path=path, rows=min(len(rows), HEADER_ROWS)))
    cols = _columns(rows[at][1])
    assert cols is not None
    return _units(path, rows[at + 1:], cols)


def _units(path: Path, rows: list[tuple[int, list[str]]], cols: _Columns) -> Roster:
    def at(cells: list[str], i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    notes: list[str] = []
    nameless: list[str] = []
    first: dict[tuple[str, str], tuple[int, Expected]] = {}
    lines = 0
    for line, cells in rows:
        written = clean(at(cells, cols.name))
        if not written or header_kind(written) == "name":
            continue                    # an empty row, or the header again on a new printed page
        number = at(cells, cols.number)
        if group_heading(number):
            notes.append(strings.message("roster_group_row", path=path, line=line, written=written, number=number))
            continue
        ref = unit_ref(written, province_named(at(cells, cols.province)) or at(cells, cols.province) or None)
        if ref is None or not regex.search(r"\p{L}", written):
            nameless.append(str(line))      # "1", "(2)": the columns' numbers under the header, a stray cell
            continue
        lines += 1
        key = (fold(ref.name), fold(ref.province or ""))
        if key in first:
            line0, kept = first[key]
            notes.append(strings.message("roster_merged", path=path, line=line, written=written, first=line0,
                                         first_written=kept.shown, unit=kept.name, province=kept.province or "—"))
            continue
        first[key] = (line, Expected(ref.key, ref.name, ref.province, written))
    if nameless:
        notes.append(strings.message("roster_no_name", path=path, lines=", ".join(nameless), column=cols.heading))
    if not first:
        raise BadQuery(strings.message("roster_empty", path=path))
    return Roster([e for _, e in first.values()], lines, notes)


def read_roster(path: str | Path) -> list[Expected]:
    """The units of a roster file (`read` says also what was merged or skipped)."""
    return read(path).units


def import_roster(path: str | Path, *, db: Store = None) -> Roster:
    """Replace the store's roster with the units of `path`; the roster read, with its notes."""
    roster = read(path)
    engine = make_engine(db, writer=True)
    try:
        schema.require(engine)
        with engine.begin() as conn:
            conn.execute(delete(RosterUnit))
            conn.execute(insert(RosterUnit), [{"unit_key": u.key, "name": u.name, "province": u.province,
                                              "written": u.written} for u in roster.units])
    finally:
        if engine is not db:
            engine.dispose()
    return roster
