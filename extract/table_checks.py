"""Checks of a table's own figures: a total row against the rows above it, and a percentage column
against the two columns it is a share of, row by row.

Users act on every flag, and a false flag costs more than a miss: a check runs only where the
header says plainly what to compare (patterns/tables.toml [checks]) and every cell it needs holds a
number; staffing tables have their own total check (flags.py `_total_row_flags`). The figures are
those table_figures.py read (`view.figures`), so a flag lists the cells it compares.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import load
from vanban.extract.flag_model import Flag, data, make_flag
from vanban.extract.metric_model import Metric
from vanban.extract.table_figures import cell_number, row_label, unit_column
from vanban.extract.tables import TableView, is_marker, is_total


@cache
def _conf() -> dict[str, Any]:
    return load("tables")["checks"]


@cache
def _sub_marker() -> regex.Pattern[str]:
    return regex.compile(_conf()["sub_row_marker"])


def _fold(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


@cache
def _word(w: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}\d]){regex.escape(w.casefold())}(?![\p{{L}}\d])")


def _has_any(text: str, words: list[str]) -> bool:
    t = _fold(text)
    return any(_word(w).search(t) for w in words)


def _written(value: float) -> str:
    if float(value).is_integer():
        return numbers.format_vn(int(value))
    return numbers.format_vn(value, 2).rstrip("0").rstrip(",")


def _row_name(view: TableView, r: int) -> str:
    units = {c for (_, c) in view.figures}
    return row_label(view, view.rows[r], dict.fromkeys(units, "")) or str(r + 1)


def _cell(row: list[str | None], c: int) -> str:
    return (row[c] or "").strip() if c < len(row) else ""


def _level(row: list[str | None]) -> str:
    """A row's level by its number: digit ("1"), roman ("II"), sub ("1.1", "a", "-") or none."""
    first = _cell(row, 0).rstrip(".)")
    if not first:
        return "none"
    if first.isdigit():
        return "digit"
    if _sub_marker().match(first):
        return "sub"
    return "roman" if is_marker(first) else "none"


def _is_total_row(view: TableView, r: int) -> bool:
    """A row that sums others: a total word opens its label, a few words at most follow it ("Tổng
    cộng toàn viện", not "Tổng số hồ sơ tiếp nhận", an indicator) and no digit numbers it as an item."""
    name = _row_name(view, r)
    words = len(regex.findall(r"\p{L}+", name))
    return _level(view.rows[r]) != "digit" and is_total(name) and words <= _conf()["total_label_words"]


def _total_flags(view: TableView) -> list[Flag]:
    """Each total row against the sum of the data rows since the previous total row, in every column
    of whole numbers or money whose cells there all hold numbers. Not under subtotals, nor where rows
    of two levels hold figures (a group and its parts: which rows add up is unclear)."""
    out = []
    columns = sorted({c for (_, c) in view.figures})
    start = 0
    for t in range(len(view.rows)):
        if not _is_total_row(view, t):
            continue
        first, start = start, t + 1
        if any(_is_total_row(view, r) for r in range(t)):
            continue                       # a grand total under subtotals, or a second total
        block = [r for r in range(first, t) if any(_cell(view.rows[r], c) for c in columns)]
        levels = {_level(view.rows[r]) for r in block}
        blank = {_level(view.rows[r]) for r in range(first, t) if r not in block}
        if len(levels) != 1 or blank & levels:
            continue                       # a blank row numbered as the others is a blank item, not a heading
        for c in columns:
            flag = _column_total(view, t, block, c)
            if flag:
                out.append(flag)
    return out


def _column_total(view: TableView, t: int, block: list[int], c: int) -> Flag | None:
    head = view.header[c]
    total = view.figures.get((t, c))
    if total is None or total.kind not in ("count", "money") or _has_any(head, _conf()["not_additive"]):
        return None
    parts = [view.figures.get((r, c)) for r in block]
    if len(parts) < 2 or any(p is None or p.kind != total.kind or p.unit != total.unit for p in parts):
        return None                        # a blank cell, or one that is no number: no check
    got = sum(p.value for p in parts if p is not None)
    if abs(got - total.value) < 1e-6 * max(1, abs(total.value)):
        return None
    cells = [_cell(view.rows[r], c) for r in block]
    span = view.row_spans[t] if view.row_spans else None
    return make_flag("sum_mismatch", "sum_mismatch_table_total", span=span,
                     figures=[total, *[p for p in parts if p is not None]], table=view.index + 1,
                     row=_row_name(view, t), column=head, stated=_cell(view.rows[t], c),
                     parts=" + ".join(cells), sum=_written(_in_cells(got, total)))


def _in_cells(value: float, m: Metric) -> float:
    """A sum in the cells' own scale ("triệu đồng" cells add up in millions, not in đồng)."""
    cell = cell_number(m.raw)
    written = numbers.parse(cell[0]) if cell else None
    scale = m.value / written if written else 1
    return value / scale if scale else value


def _share_columns(view: TableView, c: int, counts: list[int]) -> tuple[int, int] | None:
    """The part and whole columns a percentage column's header names, when it names them plainly."""
    conf = _conf()
    words = _fold(regex.sub(r"\([^()]*\)", " ", view.header[c]))
    for w in sorted(conf["rate_words"], key=len, reverse=True):
        words = _word(w).sub(" ", words)
    words = " ".join(words.replace("-", " ").split())
    if not words:
        return None
    part = [k for k in counts if _word(words).search(_fold(view.header[k].replace(" - ", " ")))]   # merged headers
    whole = [k for k in counts if k not in part and _has_any(view.header[k], conf["wholes"])]
    if len(part) != 1 or len(whole) != 1:
        return None
    return part[0], whole[0]


def _share_flags(view: TableView) -> list[Flag]:
    """A percentage column that is a share of two count columns of its row, checked row by row."""
    out = []
    columns = sorted({c for (_, c) in view.figures})
    kinds = {c: {m.kind for (_, k), m in view.figures.items() if k == c} for c in columns}
    counts = [c for c in columns if kinds[c] == {"count"}]
    slack = data()["ratio_mismatch"]["slack"]
    for c in columns:
        if kinds[c] != {"percent"}:
            continue
        pair = _share_columns(view, c, counts)
        if pair is None:
            continue
        pc, wc = pair
        received = _has_any(view.header[wc], _conf()["received"])
        for r in range(len(view.rows)):
            pct, part, whole = (view.figures.get((r, k)) for k in (c, pc, wc))
            if pct is None or part is None or whole is None or not whole.value or part.value > whole.value:
                continue
            exact = 100 * part.value / whole.value
            places = numbers.decimals(pct.raw.rstrip("% "))
            if abs(exact - float(pct.value)) < slack * 10 ** -places or (pct.value > exact and received):
                continue
            span = view.row_spans[r] if view.row_spans else None
            out.append(make_flag("ratio_mismatch", "ratio_mismatch_table_row", span=span, figures=[pct, part, whole],
                                 table=view.index + 1, row=_row_name(view, r), column=view.header[c],
                                 stated=pct.raw, numerator=part.raw, denominator=whole.raw,
                                 part_column=view.header[pc], whole_column=view.header[wc],
                                 computed=numbers.format_vn(exact, max(places, 2)) + "%"))
    return out


def table_ratio_flags(tables: list[TableView]) -> list[Flag]:
    """ratio_mismatch of the tables: a percentage cell its row's part and whole contradict."""
    return [f for t in tables if t.figures for f in _share_flags(t)]


def table_sum_flags(tables: list[TableView]) -> list[Flag]:
    """sum_mismatch of the tables (not staffing tables, which flags.py checks): a total row its rows contradict."""
    return [f for t in tables if t.figures and t.kind != "staffing" and unit_column(t) is None
            for f in _total_flags(t)]       # a table of indicators, each in its unit ("ĐVT"), adds nothing up
