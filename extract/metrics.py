"""Figures in running text: percentages, ratios, counts with what they count, sums of money.

A number is only a figure when something says what it measures: a `%`, a `/` between two
numbers, a counting noun after it (`09 viên chức`) or a currency (`111.262 triệu đồng`). Before
that, every place a number stands for something else is fenced off: dates, periods, document
numbers (the citations found earlier), heading and row numbers, and a number after an article or
a level word (`điều 10`, `cấp độ 2`). The word lists are data (patterns/metrics.toml,
patterns/indicators.toml); this module only applies them.

Besides the figures, two relations between them are read here, for flags.py to judge:
`shares` (a percentage and the ratio or part/total it states) and `breakdowns` (a total and the
parts it is split into).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.dates import DATE_RE

Span = tuple[int, int]

# Places a number stands for something other than a quantity.
_MONTH_YEAR = regex.compile(r"(?<![\d/.])\d{1,2}\s*/\s*(?:19|20)\d\d(?![\d/])")
_DAY_MONTH_BLANK = regex.compile(r"(?i)ngày\s+\d{0,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")
_YEAR_RANGE = regex.compile(r"(?<!\d)(?:19|20)\d\d\s*-\s*(?:19|20)\d\d(?!\d)")
_CLOCK = regex.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_CODE = regex.compile(r"(?<![\d\p{L}])\d+[a-z]?(?:\s*/\s*(?:19|20)\d\d)?\s*"
                      r"(?:/\s*\p{Lu}[\p{L}\d&-]*|-\s*\p{Lu}{1,6}\s*/\s*\p{Lu}+)")
_STANDARD = regex.compile(r"(?i)\b(?:ISO|TCVN|IEC)\s*[\d.:-]+(?:\s*:\s*\d{4})?")
_HEADING = regex.compile(r"^[ \t]*(?:[IVXL]{1,5}|\d{1,2}(?:\s*\.\s*\d{1,2}){0,3}|[a-zđ])\s*[.)](?=\s|$)",
                         regex.M)
_ROW_NUMBER = regex.compile(r"^[ \t]*[1-9]\d{0,2}(?=\s+\p{Lu}|\t|$)", regex.M)

_CLAUSE_END = regex.compile(r"[;\t\n]|(?<!\d)[.!?…](?=\s|$)|(?<=\d)\.(?=\s+\p{Lu})|\s-\s(?=\p{Lu})")
_SENTENCE_END = regex.compile(r"[\n\t]|[.!?…](?=\s+[\p{Lu}\d(+-]|\s*$)")
_CONTEXT_MAX = 300


@dataclass
class Metric:
    """One figure. `value` is the number it states (a ratio's is numerator/denominator)."""

    kind: str                       # percent | ratio | count | money
    value: float | int
    raw: str
    span: Span
    page: int | None = None
    context: str = ""
    indicator: str | None = None
    indicator_key: str | None = None
    unit: str | None = None
    unit_kind: str | None = None
    numerator: float | int | None = None
    denominator: float | int | None = None
    low: float | int | None = None  # "từ 250 đến 400 người": the lower end of a range
    in_table: bool = False
    basis: dict[str, Any] | None = None   # for a percent: the figures it is a share of

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value, "raw": self.raw,
                               "span": list(self.span), "page": self.page, "context": self.context,
                               "indicator": self.indicator, "indicator_key": self.indicator_key}
        if self.kind == "ratio":
            out["numerator"], out["denominator"] = self.numerator, self.denominator
        if self.kind in ("count", "money"):
            out["unit"] = self.unit
        if self.kind == "count":
            out["unit_kind"] = self.unit_kind
        if self.low is not None:
            out["low"] = self.low
        if self.basis is not None:
            out["basis"] = self.basis
        if self.in_table:
            out["in_table"] = True
        return out


@dataclass
class Share:
    """A percentage and the figures it claims to be the share of."""

    percent: Metric
    numerator: float | int
    denominator: float | int
    source: str                     # "ratio" (written x/y) or "counts" (a part and its total)
    span: Span


@dataclass
class Breakdown:
    """A total and the parts the text splits it into."""

    total: Metric
    parts: list[Metric] = field(default_factory=list)
    complete: bool = True           # False for "trong đó": the parts may cover only some of it


# ---------------------------------------------------------------- patterns (data -> regex)

@cache
def _data() -> dict[str, Any]:
    return load("metrics")


@cache
def _unit_kinds() -> dict[str, str]:
    """Counting noun (case-folded) -> its group in patterns/metrics.toml."""
    return {w.casefold(): group for group, words in _data()["count_units"].items() for w in words}


def _word_end() -> str:
    return r"(?![\p{L}\d])"


@cache
def _count_re() -> regex.Pattern[str]:
    units = alternation([w for ws in _data()["count_units"].values() for w in ws], flags_i=True)
    n = numbers.NUMBER
    return regex.compile(
        rf"(?<![\d.,/\p{{L}}])(?P<num>{n})(?:\s*(?:đến|tới|-)\s*(?P<hi>{n}))?"
        rf"[ \t]+(?P<unit>{units}){_word_end()}")


@cache
def _money_re() -> regex.Pattern[str]:
    m = _data()["money"]
    scales = alternation(list(m["scales"]), flags_i=True)
    cur = alternation(m["currency"], flags_i=False)
    return regex.compile(
        rf"(?<![\d.,/\p{{L}}])(?P<num>{numbers.NUMBER})\s*(?:(?P<scale>{scales})\s+)?(?P<cur>{cur}){_word_end()}")


@cache
def _percent_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\d.,/\p{{L}}])(?P<num>{numbers.NUMBER})\s?%")


@cache
def _ratio_re() -> regex.Pattern[str]:
    n = numbers.NUMBER
    return regex.compile(rf"(?<![\d.,/\p{{L}}])(?P<a>{n})\s*/\s*(?P<b>{n})(?![\d\p{{L}}/]|[.,]\d|\s*/\s*\d)")


@cache
def _not_count_before() -> regex.Pattern[str]:
    words = alternation(_data()["not_counts"]["before"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}\s*-?\s*$")


@cache
def _count_unit_after() -> regex.Pattern[str]:
    units = alternation([w for ws in _data()["count_units"].values() for w in ws], flags_i=True)
    return regex.compile(rf"\s+(?:{units}){_word_end()}")


@cache
def _indicators() -> list[tuple[dict[str, Any], regex.Pattern[str], regex.Pattern[str] | None]]:
    out = []
    for ind in load("indicators")["indicator"]:
        any_of = regex.compile(rf"(?<![\p{{L}}]){alternation(ind['words'], flags_i=True)}{_word_end()}")
        all_of = (regex.compile("|".join(regex.escape(w) for w in ind["all"]), regex.I)
                  if ind.get("all") else None)
        out.append((ind, any_of, all_of))
    return out


_GENERIC_RATE = regex.compile(
    r"(?i)(?<![\p{L}])tỷ lệ\s+(?P<what>(?:[\p{L}]+\s+){0,7}?[\p{L}]+)"
    r"(?=\s+(?:đạt|là|chiếm|bằng|trung bình|chung)\b|\s*[:(,]|\s+\d)")


# ---------------------------------------------------------------- fences

def _spans(pattern: regex.Pattern[str], text: str) -> list[Span]:
    return [m.span() for m in pattern.finditer(text)]


def fenced_spans(text: str, citations: Iterable[Any] = ()) -> list[Span]:
    """Where a number is a date, a period, a code, a clock time or a heading/row number."""
    fences: list[Span] = [tuple(c.span) for c in citations]
    for pat in (DATE_RE, _MONTH_YEAR, _DAY_MONTH_BLANK, _YEAR_RANGE, _CLOCK, _CODE, _STANDARD, _HEADING,
                _ROW_NUMBER):
        fences += _spans(pat, text)
    return sorted(fences)


class _Fence:
    """Fast 'does this span touch a fenced span' over a sorted list of spans."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def hit(self, span: Span) -> bool:
        lo = bisect_right(self.starts, span[0] - self.max_len - 1)
        hi = bisect_right(self.starts, span[1] - 1)
        return any(s < span[1] and span[0] < e for s, e in self.spans[lo:hi])


# ---------------------------------------------------------------- context and indicator

def _bounds(text: str, pos: int, end: int, pattern: regex.Pattern[str]) -> Span:
    """The stretch of text around [pos, end) between two matches of `pattern`."""
    start = 0
    for m in pattern.finditer(text, max(0, pos - 2000)):
        if m.end() > pos:
            break
        start = m.end()
    m = pattern.search(text, end)
    return start, (m.start() if m else len(text))


def clause_of(text: str, span: Span) -> Span:
    """The clause a figure sits in: cut at `;`, sentence ends, tabs and line ends."""
    s, e = _bounds(text, span[0], span[1], _CLAUSE_END)
    while s < span[0] and text[s] in " (":
        s += 1
    return s, e


def sentence_of(text: str, span: Span) -> Span:
    return _bounds(text, span[0], span[1], _SENTENCE_END)


def _context(text: str, span: Span) -> str:
    s, e = clause_of(text, span)
    if e - s < 40:                       # "93,1% (81.657/87.709)": a bare clause says little
        s, e = sentence_of(text, span)
    if e - s > _CONTEXT_MAX:
        half = _CONTEXT_MAX // 2
        s, e = max(s, span[0] - half), min(e, span[1] + half)
    return " ".join(text[s:e].split()).strip(" ,;:(")


_LEAD = regex.compile(r"[-+•*\s]*(?P<lead>[^:\n]{3,100}):")   # "- Công khai TTHC, ...: <details>"
_INDICATOR_REACH = 150   # beyond its clause, a figure takes words from this far in its sentence


def _nearest(m: Metric, windows: list[Span], text: str) -> dict[str, Any] | None:
    """The catalogue indicator nearest to `m` inside the windows, closest first."""
    best: tuple[int, int, dict[str, Any]] | None = None
    for lo, hi in windows:
        if hi <= lo:
            continue
        for order, (ind, any_of, all_of) in enumerate(_indicators()):
            if m.kind not in ind.get("kinds", ["percent", "ratio", "count", "money"]):
                continue
            if m.kind == "count" and ind.get("unit_kinds") and m.unit_kind not in ind["unit_kinds"]:
                continue
            if all_of is not None and not all_of.search(text, lo, hi):
                continue
            for hit in any_of.finditer(text, lo, hi):
                dist = m.span[0] - hit.end() if hit.end() <= m.span[0] else max(hit.start() - m.span[1], 0)
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, ind)
    return best[2] if best else None


def _indicator(text: str, m: Metric) -> tuple[str | None, str | None]:
    """What the figure measures, from the catalogue: words before it in its clause first, then
    after it (up to a bracket, which holds a part of it rather than its name), then its sentence."""
    cs, ce = clause_of(text, m.span)
    ss, se = sentence_of(text, m.span)
    bracket = text.find("(", m.span[1], ce)
    after_end = bracket if bracket >= 0 else ce
    reach_lo, reach_hi = max(ss, m.span[0] - _INDICATOR_REACH), min(se, m.span[1] + _INDICATOR_REACH)
    para = text.rfind("\n", 0, m.span[0]) + 1
    lead = _LEAD.match(text, para)
    for windows in ([(cs, m.span[0])], [(m.span[1], after_end)],
                    [(reach_lo, cs), (ce, reach_hi)], [lead.span("lead")] if lead else []):
        found = _nearest(m, windows, text)
        if found:
            return found["label"], found["key"]
    if m.kind in ("percent", "ratio"):
        for g in _GENERIC_RATE.finditer(text, cs):
            if g.end() > m.span[0]:
                break
            return "tỷ lệ " + " ".join(g.group("what").casefold().split()), None
    return None, None


# ---------------------------------------------------------------- finders

def _percents(text: str, fence: _Fence) -> list[Metric]:
    out = []
    for m in _percent_re().finditer(text):
        if fence.hit(m.span("num")):
            continue
        value = numbers.parse(m.group("num"))
        if value is not None:
            out.append(Metric("percent", value, m.group(), m.span()))
    return out


def _is_formula(text: str, start: int) -> bool:
    before = text[max(0, start - 2):start].rstrip()
    return bool(before) and before[-1] in _data()["ratios"]["formula_before"]


def _ratios(text: str, fence: _Fence) -> list[Metric]:
    out = []
    for m in _ratio_re().finditer(text):
        if fence.hit(m.span()) or _is_formula(text, m.start()):
            continue
        a, b = numbers.parse(m.group("a")), numbers.parse(m.group("b"))
        if a is None or b is None or b == 0 or a > b:
            continue
        whole = "." not in m.group("a") + m.group("b") and "," not in m.group("a") + m.group("b")
        if whole and 1900 <= b <= 2100 and len(m.group("b")) == 4:
            continue                                     # month/year, number/year
        if whole and a <= 31 and b <= 12 and not _count_unit_after().match(text, m.end()):
            continue                                     # day/month: "trước 30/11", "24/7"
        out.append(Metric("ratio", round(a / b, 4), m.group(), m.span(), numerator=a, denominator=b))
    return out


def _blocked_before(text: str, start: int) -> bool:
    return bool(_not_count_before().search(text, max(0, start - 30), start))


def _money(text: str, fence: _Fence, tables: _Fence) -> list[Metric]:
    scales = {k.casefold(): v for k, v in _data()["money"]["scales"].items()}
    out = []
    for m in _money_re().finditer(text):
        if fence.hit(m.span("num")) or tables.hit(m.span()) or _blocked_before(text, m.start()):
            continue
        value = numbers.parse(m.group("num"))
        if value is None:
            continue
        scale = scales.get((m.group("scale") or "").casefold(), 1)
        amount = value * scale
        amount = round(amount) if float(amount).is_integer() or scale > 1 else amount
        out.append(Metric("money", amount, m.group(), m.span(), unit="đồng"))
    return out


def _counts(text: str, fence: _Fence, tables: _Fence, taken: list[Span]) -> list[Metric]:
    kinds = _unit_kinds()
    out = []
    for m in _count_re().finditer(text, overlapped=False):
        num_span = m.span("num")
        if fence.hit(num_span) or tables.hit(m.span()) or _blocked_before(text, m.start()):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = numbers.parse(m.group("num"))
        if value is None or isinstance(value, float):
            continue                                     # counts are whole numbers
        low = None
        if m.group("hi"):
            hi = numbers.parse(m.group("hi"))
            if not isinstance(hi, int) or hi <= value or fence.hit(m.span("hi")):
                continue
            low, value = value, hi
        unit = " ".join(m.group("unit").split())
        out.append(Metric("count", value, m.group(), m.span(), unit=unit, low=low,
                          unit_kind=kinds.get(unit.casefold())))
    return out


def table_regions(text: str) -> list[Span]:
    """Runs of table rows written as tab-separated lines (plain text, DOCX rows): three or more
    paragraphs with two or more tabs each, allowing short gaps of wrapped cell text."""
    rows = [(m.start(), m.end()) for m in regex.finditer(r"(?m)^[^\n]*\t[^\n]*\t[^\n]*$", text)]
    regions: list[list[int]] = []
    count = 0
    for s, e in rows:
        if regions and text.count("\n", regions[-1][1], s) <= 4:
            regions[-1][1] = e
            count += 1
            continue
        if regions and count < 3:
            regions.pop()
        regions.append([s, e])
        count = 1
    if regions and count < 3:
        regions.pop()
    return [(s, e) for s, e in regions]


def find_metrics(text: str, *, citations: Iterable[Any] = (), tables: Iterable[Span] = (),
                 page_at: Any = None) -> list[Metric]:
    """Every figure in `text`, in text order.

    `citations` fence off document numbers; `tables` are the spans of tables, where counts and
    money are table cells (reported with the table) rather than figures of the text.
    """
    fence = _Fence(fenced_spans(text, citations))
    table_fence = _Fence(list(tables) + table_regions(text))
    found = _percents(text, fence) + _ratios(text, fence)
    money = _money(text, fence, table_fence)
    found += money + _counts(text, fence, table_fence, [m.span for m in money])
    found.sort(key=lambda m: m.span)
    for m in found:
        m.in_table = table_fence.hit(m.span)
        m.context = _context(text, m.span)
        m.indicator, m.indicator_key = _indicator(text, m)
        if page_at is not None:
            m.page = page_at(m.span[0])
    for share in shares(text, found):
        share.percent.basis = {"numerator": share.numerator, "denominator": share.denominator,
                               "source": share.source, "span": list(share.span)}
    return found


# ---------------------------------------------------------------- relations between figures

def _same_sentence(text: str, a: Span, b: Span) -> bool:
    lo, hi = min(a[0], b[0]), max(a[1], b[1])
    return not regex.search(r"\n|[.!?](?=\s+\p{Lu})", text[lo:hi])


@cache
def _share_words() -> regex.Pattern[str]:
    words = alternation(_data()["shares"]["share_words"], flags_i=True)
    return regex.compile(rf"^[\s,:]*(?:(?:tỷ lệ\s+)?{words})?[\s:]*(?:tỷ lệ\s*)?[\s:]*$", regex.I)


@cache
def _total_words() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){alternation(_data()['shares']['total_words'], flags_i=True)}"
                         rf"(?![\p{{L}}])")


def shares(text: str, metrics: list[Metric]) -> list[Share]:
    """Percentages whose base the text also states.

    Either a written ratio next to the percentage in the same sentence, with no other
    percentage or ratio between ("đạt 93,1% (81.657/87.709)", "205/257 viên chức ..., chiếm tỷ lệ
    80%"); each ratio goes to one percentage, the closest, a ratio in brackets right after a
    percentage first. Or a part right before the percentage ("28.778 lượt đạt 29,63%") whose total,
    in the same unit, comes earlier in the sentence and is marked as the total: a bracket opened
    after it holds the part, or it is named "tổng" ("Tổng số lượt giao dịch: 91.117 lượt (...").
    """
    ordered = sorted(metrics, key=lambda m: m.span)
    rated = [m for m in ordered if m.kind in ("percent", "ratio")]
    pairs: list[tuple[int, int, int]] = []          # (score, percent index, ratio index) in `rated`
    for i, a in enumerate(rated):
        if a.kind != "percent":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(rated) or rated[j].kind != "ratio":
                continue
            r = rated[j]
            if not _same_sentence(text, a.span, r.span):
                continue
            gap_text = text[a.span[1]:r.span[0]] if j > i else text[r.span[1]:a.span[0]]
            score = len(gap_text) - (100 if j > i and regex.fullmatch(r"\s*\(\s*", gap_text) else 0)
            pairs.append((score, i, j))
    out: list[Share] = []
    used_p: set[int] = set()
    used_r: set[int] = set()
    for _, i, j in sorted(pairs):
        if i in used_p or j in used_r:
            continue
        used_p.add(i)
        used_r.add(j)
        r = rated[j]
        out.append(Share(rated[i], r.numerator, r.denominator, "ratio", r.span))
    by_percent = {id(rated[i]) for i in used_p}
    for i, p in enumerate(ordered):
        if p.kind != "percent" or id(p) in by_percent:
            continue
        pair = _part_and_total(text, ordered, i)
        if pair is not None:
            part, total = pair
            out.append(Share(p, part.value, total.value, "counts", (total.span[0], p.span[1])))
    return sorted(out, key=lambda s: s.percent.span)


def _part_and_total(text: str, ordered: list[Metric], i: int) -> tuple[Metric, Metric] | None:
    p = ordered[i]
    j = i - 1
    if j < 0 or ordered[j].kind not in ("count", "money"):
        return None
    part = ordered[j]
    if p.span[0] - part.span[1] > 25 or not _share_words().match(text[part.span[1]:p.span[0]]):
        return None
    for k in range(j - 1, -1, -1):
        total = ordered[k]
        if total.kind in ("percent", "ratio") or not _same_sentence(text, total.span, p.span):
            return None
        if total.kind != part.kind or total.unit != part.unit or not total.value > part.value:
            continue
        between = text[total.span[1]:part.span[0]]
        opened = between.count("(") > between.count(")")
        named = bool(_total_words().search(text[max(0, total.span[0] - 60):total.span[0]]))
        return (part, total) if opened or named else None
    return None


@cache
def _openers() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"[^.;:\n()]{{0,60}}?[\s:,]*(?P<w>{words})(?![\p{{L}}])\s*:?", regex.I)


@cache
def _list_opener() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"] + ["như sau"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}\s*:\s*$", regex.I)


def breakdowns(text: str, metrics: list[Metric], paragraphs: list[Span] | None = None) -> list[Breakdown]:
    """Totals the text splits into parts, so that the parts can be added up.

    Three forms: parts in a bracket right after the total ("10 lãnh đạo trung tâm (03 Giám đốc TT
    và 07 Phó Giám đốc TT)"); parts after an opener word up to the end of the sentence ("09 Quầy
    thu ngân: Trong đó: 02 máy ...; 04 máy ..."); parts one per bullet line after a paragraph that
    holds one count and ends "cụ thể:" / "gồm:" / "như sau:" (each bullet holding one count in the
    total's unit). Only counts are parts: a bracket holding a percentage or money is a share.
    """
    figures = sorted(metrics, key=lambda m: m.span)
    counts = [m for m in figures if m.kind == "count"]
    partial = {w.casefold() for w in _data()["breakdown"].get("partial", [])}
    out: list[Breakdown] = []
    for t in counts:
        paren = regex.compile(r"[^.;:\n()\d]{0,40}\(").match(text, t.span[1])
        if paren:
            lo = paren.end()
            hi = text.find(")", lo)
            inner = [m for m in figures if lo <= m.span[0] and m.span[1] <= hi] if hi > 0 else []
            if hi > 0 and "\n" not in text[lo:hi] and len(inner) >= 2 and all(m.kind == "count" for m in inner):
                out.append(Breakdown(t, inner, True))
            continue
        opener = _openers().match(text, t.span[1])
        if opener:
            lo = opener.end()
            stop = regex.compile(r"\n|\.(?=\s|$)").search(text, lo)
            hi = stop.start() if stop else len(text)
            inner = []
            for m in (m for m in figures if lo <= m.span[0] and m.span[1] <= hi):
                if m.kind == "count" and _openers().match(text, m.span[1]):
                    break                  # "...; cấp huyện là 1096 văn bản trong đó ...": a new total
                inner.append(m)
            if len(inner) >= 2 and all(m.kind == "count" for m in inner):
                out.append(Breakdown(t, inner, opener.group("w").casefold() not in partial))
    for ps, pe in paragraphs or []:
        if not _list_opener().search(text[ps:pe]):
            continue
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) == 1 and not any(b.total is inside[0] for b in out):
            parts = _bullet_parts(text, inside[0], counts, paragraphs or [], pe)
            if parts:
                out.append(Breakdown(inside[0], parts, True))
    return out


def _bullet_parts(text: str, total: Metric, counts: list[Metric], paragraphs: list[Span],
                  end: int) -> list[Metric]:
    """One count per bullet paragraph after `end`, all in the total's unit; [] if any is not."""
    starts = [p[0] for p in paragraphs]
    k = bisect_right(starts, end)
    parts: list[Metric] = []
    while k < len(paragraphs):
        ps, pe = paragraphs[k]
        if not regex.match(r"[-+•*]\s", text[ps:pe]):
            break
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) != 1 or (inside[0].unit or "").casefold() != (total.unit or "").casefold():
            return []
        parts.append(inside[0])
        k += 1
    return parts if len(parts) >= 2 else []
