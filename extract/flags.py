"""Flags: what a document leaves out, leaves blank, or states in figures that do not add up.

Each check reads what the extractors found (header, citations, figures, tables, sections) and
never the raw file, so a flag always points at something the record also shows. Thresholds,
severities and messages are data (patterns/flags.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import clause_of, sentence_of
from vanban.extract.flag_model import Flag, Span, data, latest_date, make_flag, vn_date
from vanban.extract.header_fields import impossible_date, in_annex_note
from vanban.extract.indicators import names_itself
from vanban.extract.metrics import Metric
from vanban.extract.part_lists import Breakdown
from vanban.extract.period_flags import period_mismatch
from vanban.extract.sections import Section, missing_areas
from vanban.extract.share_base import agrees
from vanban.extract.table_checks import table_ratio_flags, table_sum_flags
from vanban.extract.tables import TableView, table_tasks, units

_BLANK_NUMBER = regex.compile(r"(?m)^[ \t]*Số\s*:?[ \t]*/[ \t]*\p{Lu}[\p{L}\d&-]*")
# A header the reader did not take apart is still a header: a line opening with "Số:", or with "ngày"
# after at most a place name and a comma ("Hà Nội, ngày      tháng", "Hà Nội, ngày 12/8/2025")
_HEADER_LINE = regex.compile(r"(?m)^[ \t]*(?:Số[ \t]*:|(?:\p{Lu}[\p{L} .-]{0,40},[ \t]*)?ngày(?!\p{L}))")
_HEADER_REACH = 2000            # characters: the first page's top
# a day left blank, or holding what a form or OCR leaves in a blank: dots, an ellipsis, underscores, dashes
_BLANK = r"(?i:ngày[ \t.…_-]*tháng[ \t.…_-]*(?:\d{1,2}[ \t]+)?năm)[ \t]+\d{4}"
_BLANK_DATE = regex.compile(_BLANK)
# where a header's date stands when the header did not take its line apart: a line's start, after a tab
# (the header's two columns) or after the place; never inside a sentence ("(Kèm theo Công văn số /SYT-TCCB
# ngày tháng năm 2017 ...)" in an annex refers to its letter)
_HEADER_DATE = regex.compile(rf"(?m)(?:^|(?<=\t))[ \t]*(?:\p{{Lu}}[\p{{L}} .-]{{0,40}}[,.][ \t]*)?(?P<d>{_BLANK})")


_NGAY = regex.compile(r"(?i)ngày")
_FIRST_LINE = regex.compile(r"\S[^\n]*")


def _sentence(text: str, figures: list[Any]) -> Span:
    """The sentence (or sentences) the compared figures stand in."""
    lo = min(m.span[0] for m in figures)
    hi = max(m.span[1] for m in figures)
    return sentence_of(text, (lo, hi))


_flag = make_flag


# ---------------------------------------------------------------- checks

def missing_section(sections: list[Section], header: dict[str, Any], text: str,
                    tables: list[TableView] | tuple[TableView, ...] = ()) -> list[Flag]:
    labels = load("sections").get("area_labels", {})
    return [_flag("missing_section", f"missing_section_{m.severity}", severity=m.severity, area=m.area,
                  outline=m.outline,
                  area_label=labels.get(m.area, m.area))
            for m in missing_areas(sections, header, text, table_tasks(tables))]


def ratio_mismatch(metrics: list[Metric], text: str = "") -> list[Flag]:
    """A percentage that its own ratio, or its own part and total, contradicts, at the precision the
    text writes it with (`80%` is 79-81%, `93,1%` is 93,0-93,2%)."""
    out = []
    for m in metrics:
        if m.kind != "percent" or not m.basis or not m.basis["denominator"]:
            continue
        exact = 100 * m.basis["numerator"] / m.basis["denominator"]
        places = numbers.decimals(m.raw.rstrip("% "))
        if agrees(m, exact) or (m.value > exact and m.basis["source"] == "received"):
            continue                    # of what was received: a share of what was dealt with may be more
        compared = [m, *(m.basis_of or [])]
        lo = min(m.span[0], m.basis["span"][0])
        hi = max(m.span[1], m.basis["span"][1])
        span = _sentence(text, compared) if text else (lo, hi)
        out.append(_flag("ratio_mismatch", span=(min(span[0], lo), max(span[1], hi)), figures=compared,
                         stated=m.raw, numerator=numbers.format_vn(m.basis["numerator"]),
                         denominator=numbers.format_vn(m.basis["denominator"]),
                         computed=numbers.format_vn(exact, max(places, 2)) + "%"))
    return out


def _agrees(total: Metric, parts_sum: float, complete: bool) -> bool:
    """Parts agree with their total: equal for a whole, no more for a part (`trong đó`); an
    approximate total (`hơn 500`, `gần 500`, `khoảng 500`) as its word says."""
    about = load("metrics")["approx"]["about"]
    value = total.value
    if total.approx == "hơn":
        return parts_sum > value or (not complete)
    if total.approx == "gần":
        return parts_sum <= value
    if total.approx == "khoảng":
        return abs(parts_sum - value) <= about * value or (not complete and parts_sum < value)
    return parts_sum == value or (not complete and parts_sum < value)


def _parts_flags(breakdowns: list[Breakdown], text: str = "") -> list[Flag]:
    """Parts adding up to more than their total; overlapping ones ("nữ 80, đảng viên 50") one by one."""
    out = []
    for b in breakdowns:
        if any(p.approx for p in b.parts):
            continue                       # approximate parts add up to nothing exact
        if not b.split:
            out += _parts_flags([Breakdown(b.total, [p], complete=False) for p in b.parts], text)
            continue
        total = sum(p.value for p in b.parts)
        if _agrees(b.total, total, b.complete):
            continue
        compared = [b.total, *b.parts]
        span = _sentence(text, compared) if text else (b.total.span[0], b.parts[-1].span[1])
        if len(b.parts) == 1:            # "50 hồ sơ, trong đó 60 hồ sơ trực tuyến"
            out.append(_flag("sum_mismatch", "sum_mismatch_part", span=span, figures=compared,
                             total=b.total.raw, part=b.parts[0].raw))
            continue
        out.append(_flag("sum_mismatch", "sum_mismatch_parts", span=span, figures=compared,
                         total=b.total.raw, parts=" + ".join(p.raw for p in b.parts), sum=_written(total)))
    return out


def _written(value: float) -> str:
    """A sum vanban worked out, as Vietnamese writes it (`1.207`, `17,5`): the message's other figures are."""
    if float(value).is_integer():
        return numbers.format_vn(int(value))
    return numbers.format_vn(value, 2).rstrip("0")


def _count_units_by_kind() -> dict[str, str]:
    return {u.casefold(): e["key"] for e in load("tables")["unit_kind"] for u in e["count_units"]}


def _table_count_flags(text: str, metrics: list[Metric], tables: list[TableView]) -> list[Flag]:
    """A stated number of stations, departments or offices that the staffing table contradicts."""
    staffing = [t for t in tables if t.kind == "staffing" and units(t)]
    if not staffing:
        return []
    words = data()["sum_mismatch"]["structure_words"]
    structure = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{'|'.join(regex.escape(w) for w in words)})(?![\p{{L}}])")
    by_unit = _count_units_by_kind()
    out = []
    for m in metrics:
        kind = by_unit.get((m.unit or "").casefold()) if m.kind == "count" else None
        if kind is None or m.in_table:
            continue
        s, e = clause_of(text, m.span)
        if not structure.search(text, s, e):
            continue
        listed = [sum(r.get("unit_kind") == kind for r in units(t)) for t in staffing]
        listed = [n for n in listed if n]
        if listed and m.value not in listed:
            out.append(_flag("sum_mismatch", "sum_mismatch_table", span=(s, e), count=m.raw, figures=[m],
                             rows=listed[0], kind=kind))
    return out


def _total_row_flags(tables: list[TableView]) -> list[Flag]:
    """The grand total row of a staffing table (its last row) against the sum of its units."""
    out = []
    for t in tables:
        rows = [r for r in t.records if r]
        if not rows or not rows[-1].get("is_total") or sum(bool(r.get("is_total")) for r in rows) > 1:
            continue                       # no total row, or subtotals whose scope is unclear
        for total in rows[-1:]:
            for column, stated in (total.get("counts") or {}).items():
                if stated is None:
                    continue
                got = sum((r.get("counts") or {}).get(column) or 0 for r in units(t))
                if got != stated:
                    out.append(_flag("sum_mismatch", "sum_mismatch_total_row", span=t.span, stated=stated,
                                     column=column, sum=_written(got)))
    return out


@cache
def _comparison() -> regex.Pattern[str]:
    """A word that compares a percentage with a plan, a past period or a growth ([share_over_whole])."""
    words = alternation(data()["share_over_whole"]["comparisons"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


def _share_flags(text: str, metrics: list[Metric]) -> list[Flag]:
    """A share of a whole over 100% ([share_over_whole]): its part is more than its whole. Not a
    threshold, nor a percentage its clause compares with a plan, a past period or a growth, nor one
    whose share is only lent by a figure before it (`names_itself`)."""
    conf, comparison = data()["share_over_whole"], _comparison()
    percents = sorted(m.span for m in metrics if m.kind == "percent")
    out = []
    for m in metrics:
        if m.kind != "percent" or m.value <= 100 or m.threshold or m.indicator_key not in conf["indicators"]:
            continue
        if not names_itself(text, m, m.indicator_key, percents):
            continue                    # its label was lent by a figure before it: not proof enough
        s, e = clause_of(text, m.span)
        if comparison.search(text, s, e):
            continue
        out.append(_flag("sum_mismatch", "sum_mismatch_share", span=_sentence(text, [m]), figures=[m],
                         stated=m.raw, indicator=m.indicator))
    return out


def sum_mismatch(text: str, metrics: list[Metric], breakdowns: list[Breakdown],
                 tables: list[TableView]) -> list[Flag]:
    return (_parts_flags(breakdowns, text) + _share_flags(text, metrics) + _table_count_flags(text, metrics, tables)
            + _total_row_flags(tables))


def citation_after_report(citations: list[dict[str, Any]], header: dict[str, Any]) -> list[Flag]:
    """A cited document dated after the citing document could have been written."""
    latest = latest_date(header)
    if not latest:
        return []
    own = header.get("date") or header.get("date_partial")
    out, seen = [], set()
    for c in citations:
        date = c.get("date")
        if not date or date <= latest:
            continue
        key = (c.get("canonical") or c.get("raw"), date)
        if key in seen:
            continue
        seen.add(key)
        cited = " ".join(filter(None, [c.get("doc_type"), c.get("canonical") or c.get("number")]))
        out.append(_flag("citation_after_report", span=tuple(c["span"]) if c.get("span") else None,
                         cited=cited or c.get("raw"), cited_date=vn_date(date),
                         date=vn_date(own) if len(own) == 10 else own))
    return out


def _blank_date(text: str, line: Span | None, page_at: Callable[[int], int | None] | None) -> Span | None:
    """Where the header's date leaves its day blank: in the place-and-date line the header found
    (`line`), from its `ngày`; else a blank date standing where a header's date stands, at the first
    page's top. A blank date elsewhere (an annex's reference to its letter) is not the document's."""
    if line:
        m = _BLANK_DATE.search(text, *line)
        if m:
            return m.span()
        day = _NGAY.search(text[line[0]:line[1]])
        return (line[0] + day.start() if day else line[0], line[1])
    for m in _HEADER_DATE.finditer(text, 0, _HEADER_REACH):
        if (page_at is None or page_at(m.start("d")) == page_at(0)) and not in_annex_note(text, m.start("d")):
            return m.span("d")
    return None


def blank_fields(text: str, header: dict[str, Any], lines: dict[str, Span] | None = None,
                 page_at: Callable[[int], int | None] | None = None) -> list[Flag]:
    """A number or a day the header leaves blank; `lines` are where the header found its `Số:` and
    place-and-date lines, so the flag points at them."""
    out = []
    uncertain = header.get("uncertain") or {}
    if header.get("number_blank") and "number" not in uncertain:
        m = _BLANK_NUMBER.search(text)
        span = m.span() if m else (lines or {}).get("number")     # a bare "Số:" the header found
        out.append(_flag("blank_number", span=span,
                         raw=" ".join(text[span[0]:span[1]].split()) if span else f"Số: /{header.get('symbol') or ''}"))
    if not header.get("date") and "date" not in uncertain:
        span = _blank_date(text, (lines or {}).get("date"), page_at)
        if header.get("date_partial") or span:       # a day no calendar has is written, not left blank
            out.append(_flag("blank_date", "blank_date_impossible" if impossible_date(text) else None, span=span,
                             raw=" ".join(text[span[0]:span[1]].split()) if span else header.get("date_partial")))
    return out


def missing_header(text: str, header: dict[str, Any]) -> list[Flag]:
    """Neither a number (not even a blank `Số: /…`) nor a date (not even `ngày … tháng 6`): the header
    of an administrative document (Nghị định 30/2020: number, place and date) is missing, or the
    file is a draft or an extract; no other flag says so. Not when OCR read either with doubt."""
    uncertain = header.get("uncertain") or {}
    if any(header.get(k) for k in ("number", "number_blank", "symbol", "date", "date_partial")) or \
            {"number", "date"} & set(uncertain) or _HEADER_LINE.search(text, 0, _HEADER_REACH):
        return []
    first = _FIRST_LINE.search(text)        # where a header would stand: the document's first line
    return [_flag("missing_header", span=first.span() if first else None)]


def find_flags(text: str, header: dict[str, Any], citations: list[dict[str, Any]], metrics: list[Metric],
               breakdowns: list[Breakdown], tables: list[TableView], sections: list[Section], *,
               lines: dict[str, Span] | None = None, page_at: Callable[[int], int | None] | None = None,
               ) -> list[Flag]:
    """Every flag of one document, in a stable order (by code as listed in output.md, then place);
    `lines`: where the header found its `Số:` and date lines; `page_at`: a position's page."""
    flags = (missing_section(sections, header, text, tables) + ratio_mismatch(metrics, text)
             + table_ratio_flags(tables) + sum_mismatch(text, metrics, breakdowns, tables)
             + table_sum_flags(tables) + citation_after_report(citations, header)
             + blank_fields(text, header, lines, page_at) + missing_header(text, header)
             + period_mismatch(header, text))
    return flags
