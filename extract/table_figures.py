"""Figures in tables: a number cell measures what its column header and its row label say.

The running text's finders leave counts and money inside a table alone (a bare `600` says nothing
by itself), so a table of results per field or a budget never reached the figures. Here each number
cell is read the way a person reads it: "Dược | 600" under "Số hồ sơ tiếp nhận" says "Dược: Số hồ
sơ tiếp nhận 600 hồ sơ". That phrase is handed to the running text's own finder (metrics.py), so
units, scales and indicators follow the same rules (patterns/metrics.toml, indicators.toml); the
figure keeps the cell's place in the text (`span`, hence page or paragraph) and `in_table`.
The unit a header gives is data (patterns/tables.toml [figures]).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import load
from vanban.extract.metrics import Metric, find_metrics
from vanban.extract.spans import Span
from vanban.extract.tables import TableView, is_marker

_CELL_NUMBER = regex.compile(rf"(?P<num>{numbers.NUMBER})[ \t]*(?P<pct>%)?")
_BRACKET = regex.compile(r"\(([^()]*)\)")
_COUNTED = regex.compile(r"(?i)(?<![\p{L}])số(?:\s+lượng)?\s*$")     # "Số kế hoạch": plans counted
_FORMULA = regex.compile(r"^[\d\s=+\-*/x×().,]*$")     # "(1)", "(5)=(4)/(3)": column numbers, not units


@cache
def _conf() -> dict[str, Any]:
    return load("tables")["figures"]


@cache
def _count_units() -> list[str]:
    """Counting nouns, longest first (so "hồ sơ trực tuyến" wins over "hồ sơ")."""
    units = [w for ws in load("metrics")["count_units"].values() for w in ws]
    return sorted(units, key=len, reverse=True)


@cache
def _word(w: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}\d]){regex.escape(w)}(?![\p{{L}}\d])", regex.I)


def _fold(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def cell_number(cell: str | None) -> tuple[str, bool] | None:
    """The number a cell holds on its own ("1.200", "92,7", "92,7%"), and whether it has a `%`."""
    m = _CELL_NUMBER.fullmatch((cell or "").strip())
    return (m.group("num"), bool(m.group("pct"))) if m else None


def _header_words(header: str) -> str:
    """A header without its brackets (units, column numbers) and its "ĐVT:" part."""
    words = _BRACKET.sub(" ", header)
    for label in _conf()["unit_labels"]:
        m = _word(label).search(words)
        if m:
            words = words[:m.start()]
    return " ".join(words.replace(" - ", " ").split()).strip(" :,-")


def header_unit(header: str, nouns: bool = True) -> str | None:
    """The words a column's numbers take after them: `%`, a unit in brackets or after "ĐVT:", else
    (with `nouns`) the first counting noun in the header; None when the header names none."""
    if any(p in header for p in _conf()["percent_marks"]):
        return "%"
    for inside in _BRACKET.findall(header):
        if _FORMULA.match(inside):
            continue
        unit = inside
        for label in _conf()["unit_labels"]:
            m = _word(label).match(_fold(unit))
            if m:
                unit = unit[m.end():].strip(" :")
        if unit and _reads_as_unit(unit):
            return unit
    for label in _conf()["unit_labels"]:
        m = _word(label).search(header)
        if m:
            unit = header[m.end():].strip(" :)")
            if unit and _reads_as_unit(unit):
                return unit
    for unit in _count_units() if nouns else ():
        m = _word(unit).search(header)
        if m and (unit.casefold() not in _conf()["plan_nouns"] or _COUNTED.search(header[:m.start()])):
            return m.group()
    return None


@cache
def _reads_as_unit(unit: str) -> bool:
    """Whether "1 <unit>" is a figure for the running text's finder (a count or a sum of money)."""
    return any(m.span[0] == 0 for m in find_metrics(f"1 {unit}") if m.kind in ("count", "money"))


def _measures(header: str) -> bool:
    return _fold(_header_words(header)) not in _conf()["not_measures"]


def _numbering(cells: list[str]) -> bool:
    """Numbers that run 1, 2, 3, ... down a column: row numbers under whatever header."""
    values = [numbers.parse(c) for c in cells]
    return len(values) >= _conf()["numbering_run"] and values == list(range(1, len(values) + 1))


def column_units(view: TableView, unit_col: int | None = None) -> dict[int, str]:
    """Column -> the unit its number cells take ("" when its header names none: a unit column may
    give each row's). Not the first column (a table's row numbers, whatever
    its header says), nor columns under one merged header with no header of their own (which is
    which is not said). A column of numbers whose header names no unit
    takes the count unit of the number column just before it ("Số hồ sơ tiếp nhận | Giải quyết
    đúng hạn"), which goes on counting the same thing. Beside a unit column (`unit_col`) only a
    header's explicit unit counts: "Kế hoạch | Thực hiện" are plan and result, not plans counted."""
    out: dict[int, str] = {}
    prev: tuple[int, str | None] | None = None       # the last number column and its unit
    for c, head in enumerate(view.header):
        cells = [r[c] for r in view.rows if c < len(r) and r[c]]
        share = load("tables")["staffing"]["numeric_share"]     # a "-" or an "x" among numbers: still numbers
        numeric = bool(cells) and sum(bool(cell_number(x)) for x in cells) >= share * len(cells)
        if not numeric or not _measures(head) or _numbering(cells) or c == 0 or view.header.count(head) > 1:
            if numeric:
                prev = None
            continue
        unit = header_unit(head, nouns=unit_col is None)
        if unit is None and unit_col is None and prev and prev[0] == c - 1 and prev[1] and prev[1] != "%" \
                and not _reads_as_money(prev[1]):
            unit = prev[1]
        out[c] = unit or ""
        prev = (c, unit)
    return out


def unit_column(view: TableView) -> int | None:
    """The column giving each row's unit ("ĐVT", "Đơn vị tính"), if the table has one."""
    for c, head in enumerate(view.header):
        if _fold(_BRACKET.sub(" ", head)).strip(" :") in _conf()["unit_labels"]:
            return c
    return None


def _row_unit(row: list[str | None], c: int | None) -> str:
    """A row's own unit from the unit column, when "1 <unit>" reads as a figure (or it is `%`)."""
    cell = " ".join((row[c] or "").split()) if c is not None and c < len(row) else ""
    return cell if cell in _conf()["percent_marks"] or (cell and _reads_as_unit(cell)) else ""


@cache
def _reads_as_money(unit: str) -> bool:
    return any(m.kind == "money" for m in find_metrics(f"1 {unit}"))


def row_label(view: TableView, row: list[str | None], units: dict[int, str]) -> str:
    """What a row is about: its first cell that is text (not a row number, nor a figure)."""
    c = _label_column(row, units)
    return " ".join((row[c] or "").split()) if c is not None else ""


def _label_column(row: list[str | None], units: dict[int, str]) -> int | None:
    for c, cell in enumerate(row):
        if cell and c not in units and not is_marker(cell) and not cell_number(cell):
            return c
    return None


def _names_units(view: TableView, row: list[str | None], units: dict[int, str]) -> bool:
    """Whether the row's label stands under a header of unit names ("Đơn vị", "Tên khoa, phòng")."""
    c = _label_column(row, units)
    head = _fold(view.header[c]) if c is not None and c < len(view.header) else ""
    return any(_word(w).search(head) for w in _conf()["unit_label_columns"]) and \
        not any(_word(w).search(head) for w in _conf()["not_unit_label_columns"])


def _cell_re(cell: str) -> regex.Pattern[str]:
    words = r"\s+".join(regex.escape(w) for w in cell.split())
    return regex.compile(rf"(?<![\p{{L}}\d.,]){words}(?![\p{{L}}\d]|[.,]\d)")


def locate_cells(text: str, view: TableView) -> list[dict[int, Span] | None]:
    """Where each row's cells stand in the text, searched in reading order inside the table's span;
    None for a row whose cells are not all found there (its figures would point at the wrong place)."""
    if not view.span:
        return [None] * len(view.rows)
    pos, end = view.span
    out: list[dict[int, Span] | None] = []
    for row in view.rows:
        found: dict[int, Span] = {}
        at = pos
        for c, cell in enumerate(row):
            if not cell or not cell.strip():
                continue
            m = _cell_re(cell).search(text, at, end)
            if not m:
                found = {}
                break
            found[c] = m.span()
            at = m.end()
        if found:
            out.append(found)
            pos = at
        else:
            out.append(None)
    return out


def _phrase(label: str, head: str, number: str, unit: str) -> tuple[str, int]:
    """The cell said as running text, and where its number starts in it."""
    lead = f"{label}: {head} " if label else f"{head} "
    glue = "" if unit == "%" else " "
    return f"{lead}{number}{glue}{unit}", len(lead)


def _read_cell(label: str, head: str, number: str, unit: str, unit_names: bool) -> Metric | None:
    """The figure the running text's finder reads in the cell's phrase, at the cell's number. A label
    naming a unit goes in the context only: it says whose figure it is, not what it measures."""
    phrase, at = _phrase("" if unit_names else label, _header_words(head), number, unit)
    for m in find_metrics(phrase):
        if m.span[0] == at and m.kind in ("percent", "count", "money"):
            m.context = f"{label}: {phrase}" if unit_names and label else phrase
            return m
    return None


def table_figures(text: str, views: list[TableView], metrics: list[Metric],
                  page_at: Callable[[int], int | None] | None = None) -> list[Metric]:
    """The figures of the tables' number cells not already among `metrics`, each marked `in_table`.
    A cell the text's finders read already (a `92,7%` in a cell) keeps its figure, which takes the
    table's indicator when the table gives one. Every figure is also kept on its table
    (`view.figures[(row, column)]`, `view.row_spans`) for the table's checks."""
    by_start = {m.span[0]: m for m in metrics}
    budget = _conf()["max_cells"]
    out: list[Metric] = []
    for view in views:
        if view.kind == "staffing":
            continue                       # its counts are its records, checked by flags.py
        unit_col = unit_column(view)
        units = column_units(view, unit_col)
        if not units:
            continue                       # no column counts anything (a task table): nothing to place
        places = locate_cells(text, view)
        view.row_spans = [(min(s for s, _ in p.values()), max(e for _, e in p.values())) if p else None
                          for p in places]
        for r, (row, place) in enumerate(zip(view.rows, places, strict=True)):
            if place is None:
                continue
            label = row_label(view, row, units)
            unit_names = _names_units(view, row, units)
            own = _row_unit(row, unit_col)
            for c, unit in units.items():
                got = cell_number(row[c]) if c < len(row) else None
                unit = unit or own
                if got is None or not unit or c not in place or budget <= 0:
                    continue
                budget -= 1
                number, pct = got
                m = _read_cell(label, view.header[c], number, "%" if pct else unit, unit_names)
                if m is None:
                    continue
                start, end = place[c]
                old = by_start.get(start)
                if old is not None and old.kind == m.kind:
                    old.in_table = True
                    if m.indicator_key or not old.indicator:
                        old.indicator, old.indicator_key = m.indicator, m.indicator_key
                    view.figures[(r, c)] = old
                    continue
                m.raw, m.span, m.in_table = text[start:end], (start, end), True
                m.page = page_at(start) if page_at else None
                view.figures[(r, c)] = m
                out.append(m)
    return out
