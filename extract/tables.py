"""Tables as the store wants them: one header, data rows, and rows normalised by kind.

Readers give a grid (merged cells None where they span). Here the grid is read the way a person
reads it: the header is every row above the first numbered row, merged into one label per
column ("Lãnh đạo, Quản lý - Cấp trưởng"); a row that a PDF page break cut in two is put back
together; then the table is recognised by its header words (patterns/tables.toml) as a staffing
table (departments or stations with counts of heads and deputies, or of staff by grade) or a task
table (criterion, lead unit, partners, deadline, output), and its rows become records the store
can query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import regex

from vanban.extract.catalogue import load
from vanban.extract.model import Document, Table
from vanban.extract.period import deadline

Cell = str | None
_INT = regex.compile(r"^\d{1,6}$")
_ROMAN_ROW = regex.compile(r"[IVXL]{1,5}\.?")        # a row number in a task table
_ROW = regex.compile(r"\d{1,3}\.?")
_CELL_REACH = 200              # characters from one cell of a PDF table's last row to the next


@dataclass
class TableView:
    """A table read for the record: `header` has one label per column, `rows` the data rows."""

    index: int
    page: int | None
    kind: str                                   # staffing | tasks | other
    header: list[str]
    header_rows: int
    rows: list[list[Cell]]
    records: list[dict[str, Any] | None] = field(default_factory=list)   # records[i] reads rows[i]
    columns: dict[str, int] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    # its number cells read as figures (table_figures.py), for its checks (table_checks.py); not in the record
    figures: dict[tuple[int, int], Any] = field(default_factory=dict)     # (row, column) -> Metric
    row_spans: list[tuple[int, int] | None] = field(default_factory=list)  # row_spans[i]: where rows[i] stands

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "page": self.page, "kind": self.kind, "header": self.header,
                "header_rows": self.header_rows, "rows": self.rows, "records": self.records,
                "columns": {role: self.header[i] for role, i in self.columns.items()},
                "span": list(self.span) if self.span else None}


@cache
def _data() -> dict[str, Any]:
    return load("tables")


@cache
def _marker() -> regex.Pattern[str]:
    return regex.compile(_data()["row_marker"])


def _fold(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def _has(text: str, words: list[str]) -> str | None:
    """The first of `words` found in `text` as whole words (case-folded)."""
    t = _fold(text)
    for w in words:
        if _whole_word(w).search(t):
            return w
    return None


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> regex.Pattern[str]:
    """A catalogue word as a whole word, compiled once (tables ask for the same few hundred)."""
    return regex.compile(rf"(?<![\p{{L}}]){regex.escape(word.casefold())}(?![\p{{L}}])")


def clean_cell(cell: Cell) -> Cell:
    """Cell text on one line. pdfium writes a hyphen that ended a line as U+0002."""
    if cell is None:
        return None
    return " ".join(cell.replace("\x02", "-").split())


def is_marker(cell: Cell) -> bool:
    return bool(cell) and bool(_marker().match(cell.strip()))


def header_depth(rows: list[list[Cell]], given: int = 1) -> int:
    """Rows above the first numbered data row (at most four); `given` when none is numbered."""
    for i, row in enumerate(rows[:5]):
        first = next((c for c in row if c is not None), None)
        if i and is_marker(first):
            return i
    return max(1, min(given, len(rows)))


def combined_header(rows: list[list[Cell]]) -> list[str]:
    """One label per column from a multi-row header with merged cells.

    A None cell takes the cell above it (a vertical merge) unless the cell above was itself
    spread from its left and this row has text to its left (a horizontal merge), and in the top
    row it takes the cell on its left. Labels of a column are joined top-down, repeats dropped.
    """
    width = max((len(r) for r in rows), default=0)
    filled: list[list[str]] = []
    from_left: list[list[bool]] = []
    for r, row in enumerate(rows):
        row = list(row) + [None] * (width - len(row))
        vals: list[str] = []
        lefts: list[bool] = []
        for c, cell in enumerate(row):
            if cell is not None:
                vals.append(cell)
                lefts.append(False)
            elif r == 0 or (from_left[r - 1][c] and c > 0 and row[c - 1] is not None):
                vals.append(vals[c - 1] if c > 0 else "")
                lefts.append(c > 0)
            else:
                vals.append(filled[r - 1][c])
                lefts.append(from_left[r - 1][c])
        filled.append(vals)
        from_left.append(lefts)
    out = []
    for c in range(width):
        parts: list[str] = []
        for r in range(len(rows)):
            v = filled[r][c].strip()
            if v and v not in parts:
                parts.append(v)
        out.append(" - ".join(parts))
    return out


def _continues(row: list[Cell]) -> bool:
    """A row a page break cut off: no row number, and its first text goes on in lower case (or
    with a number, when another of its cells goes on in lower case)."""
    if row and row[0]:
        return False
    texts = [c for c in row if c]
    if not texts:
        return False
    lower = [t[0].islower() for t in texts]
    return lower[0] or (texts[0][0].isdigit() and any(lower))


def join_continued(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Glue each cut-off row back onto the row above it, cell by cell."""
    out: list[list[Cell]] = []
    for row in rows:
        if out and _continues(row):
            prev = out[-1]
            out[-1] = [(" ".join(x for x in (a, b) if x) or a) if b else a
                       for a, b in zip(prev, row + [None] * (len(prev) - len(row)), strict=False)]
            continue
        out.append(list(row))
    return out


def _to_int(cell: Cell) -> int | None:
    s = (cell or "").strip().rstrip(".")
    if s in ("-", "–", "x", "0"):
        return 0
    return int(s) if _INT.match(s) else None


def _numeric_columns(data: list[list[Cell]], skip: set[int]) -> list[int]:
    share = _data()["staffing"]["numeric_share"]
    out = []
    width = max((len(r) for r in data), default=0)
    for c in range(width):
        if c in skip:
            continue
        cells = [r[c] for r in data if c < len(r) and r[c] not in (None, "")]
        if cells and sum(_to_int(x) is not None for x in cells) >= share * len(cells):
            out.append(c)
    return out


@cache
def _unit_starts() -> list[tuple[str, list[str]]]:
    """Each kind with its first words, the kind with the longest first, each kind's longest first:
    sorted once, not for every row."""
    return [(entry["key"], sorted(entry["starts"], key=len, reverse=True))
            for entry in sorted(_data()["unit_kind"], key=lambda e: -max(len(s) for s in e["starts"]))]


def unit_kind(name: str) -> str | None:
    """station / clinic / department / office / centre, from the first words of a unit's name."""
    for key, starts in _unit_starts():
        for start in starts:
            if name.startswith(start) and (len(name) == len(start) or not name[len(start)].isalpha()):
                return key
    return None


@cache
def _total_start() -> regex.Pattern[str]:
    words = "|".join(regex.escape(w.casefold()) for w in _data()["total_rows"])
    return regex.compile(rf"(?:{words})(?![\p{{L}}])")


@cache
def _not_total_starts() -> tuple[str, ...]:
    return tuple(w.casefold() for w in _data()["not_total_rows"])


def is_total(name: str) -> bool:
    """A row that sums the others: its name starts with a total word ("Tổng cộng", "Cộng")."""
    folded = _fold(name)
    if folded.startswith(_not_total_starts()):
        return False
    return bool(_total_start().match(folded))


def _staffing(view: TableView, data: list[list[Cell]]) -> bool:
    s = _data()["staffing"]
    header_text = " ".join(view.header)
    marker_col = {0} if data and sum(is_marker(r[0]) for r in data if r) >= len(data) / 2 else set()
    name_col = None
    for w in s["name_column"]:
        name_col = next((i for i, h in enumerate(view.header)
                         if i not in marker_col and _has(h, [w]) and not _has(h, s["not_name_column"])), None)
        if name_col is not None:
            break
    if name_col is None:
        return False
    numeric = _numeric_columns(data, marker_col | {name_col})
    if not numeric or not _has(header_text, s["staff_words"]):
        return False
    view.kind = "staffing"
    view.columns = {"department": name_col}
    for c in numeric:
        h = view.header[c]
        role = ("deputies" if _has(h, s["deputies"]) else "heads" if _has(h, s["heads"])
                else "total" if _has(h, s["total_column"]) else None)
        if role and role not in view.columns:
            view.columns[role] = c
    for row in data:
        name = (row[name_col] or "").strip()
        if not name:
            view.records.append(None)
            continue
        total_row = is_total(name)
        rec: dict[str, Any] = {"number": (row[0] or "").strip() if marker_col else None,
                               "department": name, "unit_kind": None if total_row else unit_kind(name),
                               "is_total": total_row}
        for role in ("heads", "deputies", "total"):
            if role in view.columns:
                rec[role] = _to_int(row[view.columns[role]])
        rec["counts"] = {view.header[c]: _to_int(row[c]) for c in numeric}
        view.records.append(rec)
    return True


def units(view: TableView) -> list[dict[str, Any]]:
    """The records of a staffing table that name a unit (not its total rows)."""
    return [r for r in view.records if r and not r.get("is_total")]


def _tasks(view: TableView, data: list[list[Cell]]) -> bool:
    t = _data()["tasks"]
    cols: dict[str, int] = {}
    for role in t["roles"]:
        for w in t[role]:
            hit = next((i for i, h in enumerate(view.header) if i not in cols.values() and _has(h, [w])), None)
            if hit is not None:
                cols[role] = hit
                break
    if "task" not in cols or len(set(cols) - {"task"}) < t["min_roles"]:
        return False
    view.kind = "tasks"
    view.columns = cols
    group = parent = None

    def cell(row: list[Cell], role: str) -> str | None:
        i = cols.get(role)
        v = (row[i] or "").strip() if i is not None and i < len(row) else ""
        return v or None

    def merged(row: list[Cell], role: str) -> bool:
        """The cell is covered by the one above (None, not ""): a lead shared by two tasks."""
        i = cols.get(role)
        return i is not None and i < len(row) and row[i] is None

    for row in data:
        number = (row[0] or "").strip() if row else ""
        task = cell(row, "task")
        if not task:
            view.records.append(None)
            continue
        rest = [cell(row, r) for r in ("lead", "partners", "deadline", "output")]
        others = [c for i, c in enumerate(row) if i not in (0, cols["task"]) and c]
        if not any(rest) and not others:       # a group ("II. CẢI CÁCH THỂ CHẾ") or a task with sub-tasks
            if _ROMAN_ROW.fullmatch(number):
                group, parent = task, None
            else:
                parent = task
            view.records.append(None)
            continue
        if _ROW.fullmatch(number):
            parent = None
        above = next((r for r in reversed(view.records) if r), None)
        shared = {role: above[role] if above and merged(row, role) else cell(row, role)
                  for role in ("lead", "partners", "output")}
        due = above["deadline_text"] if above and merged(row, "deadline") else cell(row, "deadline")
        view.records.append({"number": number or None, "group": group, "parent": parent, "task": task,
                             "lead": shared["lead"], "partners": shared["partners"],
                             "deadline": deadline(due), "deadline_text": due, "output": shared["output"]})
        if _ROW.fullmatch(number):
            parent = task
    return True


def read_table(table: Table, *, cut_rows: bool = False) -> TableView:
    """The table as header + rows, with its kind and records. `cut_rows`: the table comes from
    pages (PDF, or a text copied from them), where a row can be cut by a page break."""
    rows = [[clean_cell(c) for c in r] for r in table.rows]
    depth = header_depth(rows, table.header_rows)
    head = rows[:depth]
    data = [r for r in rows[depth:] if r not in head and any(c for c in r)]
    if cut_rows:
        data = join_continued(data)
    view = TableView(index=table.index, page=table.page, kind="other", header=combined_header(head),
                     header_rows=depth, rows=data, span=table.span)
    if not _staffing(view, data):
        _tasks(view, data)
    return view


def locate(doc: Document, view: TableView, after: int = 0) -> tuple[int, int] | None:
    """Where a table's text lies in the document, for readers that do not say (PDF).

    From the first header cell, searched as whole words on the table's page from `after` (where the
    table before it starts: "TT" is no header in "TTYT", nor is the previous table's "TT" this one's),
    to the end of the paragraph holding the start of the last row's last cell."""
    if view.span:
        return view.span
    text = doc.text
    first = next((h for h in view.header if h), "").split(" - ")[0]
    cells = [c for c in (view.rows[-1] if view.rows else []) if c]
    last_row = [c for c in cells if len(c.split()) >= 3] or sorted(cells, key=len)[-1:]
    if not first or not last_row:
        return None

    def pattern(s: str, words: int) -> regex.Pattern[str]:
        return regex.compile(r"(?<![\p{L}\d])" + r"\s+".join(regex.escape(w) for w in s.split()[:words])
                             + r"(?![\p{L}\d])")

    start = None
    for m in pattern(first, 4).finditer(text, after):
        if view.page is None or doc.page_at(m.start()) >= view.page:
            start = m.start()
            break
    if start is None:
        return None
    ends = [m.end() for m in (pattern(c, 5).search(text, start) for c in last_row) if m]
    if not ends:
        return None
    end = max(ends)
    if last_row:                           # the row's cells after its last long one ("98" on lines of their own)
        for cell in cells[cells.index(last_row[-1]) + 1:]:
            m = pattern(cell, 5).search(text, end, end + _CELL_REACH)
            end = m.end() if m else end
    para_end = text.find("\n", end)
    return start, (para_end if para_end >= 0 else len(text))


def read_tables(doc: Document) -> list[TableView]:
    """Every table of the document, read; PDF tables also located in the text."""
    views = [read_table(t, cut_rows=doc.format in ("pdf", "txt")) for t in doc.tables]   # txt: copied from pages
    after = 0
    for v, t in zip(views, doc.tables, strict=True):
        v.span = locate(doc, v, after)
        after = v.span[0] + 1 if v.span and not t.span else after
    return views


def table_tasks(tables: Iterable[TableView]) -> list[str]:
    """The tasks a document sets out in a table of tasks, which are its tasks as
    much as numbered paragraphs are: each record's group row ("I | CẢI CÁCH THỂ CHẾ"), the task with
    sub-tasks it falls under, and its own text ("Cải cách thể chế: rà soát …"); once each."""
    out: dict[str, None] = {}
    for t in tables:
        if t.kind != "tasks":
            continue
        for rec in t.records:
            for key in ("group", "parent", "task"):
                if rec and rec.get(key):
                    out.setdefault(rec[key], None)
    return list(out)
