"""Figures in running text: percentages, ratios, counts with what they count, sums of money.

A number is only a figure when something says what it measures: a `%`, a `/` between two
numbers, a counting noun after it (`09 viên chức`) or a currency (`111.262 triệu đồng`). Before
that, every place a number stands for something else is fenced off: dates, periods, document
numbers (the citations found earlier), heading and row numbers, and a number after an article or
a level word (`điều 10`, `cấp độ 2`). The word lists are data (patterns/metrics.toml,
patterns/indicators.toml); this module only applies them.

What a figure measures is read in indicators.py; the relations between figures (`shares`,
`breakdowns`) in relations.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import regex

from vanban.extract import metric_roles, numbers, text_index
from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import context_of
from vanban.extract.indicators import indicator_of
from vanban.extract.metric_fences import fenced_spans, glued_item, table_regions
from vanban.extract.metric_model import Metric as Metric
from vanban.extract.metric_pairs import announced_pair, pair_counts
from vanban.extract.name_numbers import is_name_number
from vanban.extract.ratio_words import wholes_are_exact, word_ratios
from vanban.extract.relations import shares
from vanban.extract.spans import Span, SpanSet
from vanban.extract.text_index import first_letters, lowered, lowers_one_for_one, matches_at, numbers_before

# ---------------------------------------------------------------- patterns (data -> regex)
_WORD_END = r"(?![\p{L}\d])"

@cache
def _data() -> dict[str, Any]:
    return load("metrics")


@cache
def _unit_kinds() -> dict[str, str]:
    """Counting noun (case-folded) -> its group in patterns/metrics.toml; people counted by sex are people."""
    kinds = {w.casefold(): group for group, words in _data()["count_units"].items() for w in words}
    return {**{w.casefold(): "people" for w in _data()["sex_counts"]["words"]}, **kinds}


@cache
def _count_re() -> regex.Pattern[str]:
    """A count written in digits: `12 cán bộ`, `3 đến 5 lớp`, `1,2 nghìn người`."""
    units = alternation([w for ws in _data()["count_units"].values() for w in ws], flags_i=True)
    n = numbers.NUMBER
    scales = alternation(list(_data()["magnitudes"]["words"]), flags_i=True)
    return regex.compile(
        rf"(?<![\d.,/\p{{L}}])(?P<num>{n})(?:\s*(?:đến|tới|-)\s*(?P<hi>{n}))?(?:[ \t]+(?P<scale>{scales}))?"
        rf"[ \t]+(?P<unit>{units}){_WORD_END}")


@cache
def _count_word_re() -> regex.Pattern[str]:
    """A count written in words: `hai cuộc kiểm tra`, `mười hai lớp`."""
    units = alternation([w for ws in _data()["count_units"].values() for w in ws], flags_i=True)
    words = alternation(list(_data()["number_words"]["words"]), flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?P<word>{words})[ \t]+(?P<unit>{units}){_WORD_END}")


@cache
def _sex_count_re() -> regex.Pattern[str]:
    """People counted by sex, the word after the number: `20 nam`, `25 nữ` ([sex_counts]); in lower
    case (`12 Nam Kỳ Khởi Nghĩa` is an address) and not before a number (`5 nam 2024`: OCR's năm)."""
    words = alternation(_data()["sex_counts"]["words"])
    return regex.compile(rf"(?<![\d.,/\p{{L}}])(?P<num>{numbers.NUMBER})[ \t]+(?P<unit>{words}){_WORD_END}(?!\s*\d)"
                         r"(?:(?P<hi>(?!))(?P<scale>(?!)))?")      # no range, no magnitude: as `_count_re`'s groups


@cache
def _number_word_starts() -> tuple[str, ...]:
    return tuple({w.split()[0].lower() for w in _data()["number_words"]["words"]})


@cache
def _next_words() -> dict[str, tuple[str, ...]]:
    """What a count in digits goes on with after its number: a range (`đến`, `tới`, `-`), a magnitude
    or its counting noun; a sum of money: a scale, a currency or a bare `tỷ`."""
    units = [w for ws in _data()["count_units"].values() for w in ws]
    m = _data()["money"]
    return {"count": (*units, *_data()["magnitudes"]["words"], "đến", "tới", "-"),
            "money": (*m["scales"], *m["currency"], *m["foreign"], *m["bare_money_scales"], "đến", "tới", "-", "–")}


def _count_matches(text: str) -> list[regex.Match[str]]:
    """Counts in digits and in words, in text order. A count in words is tried only where one of
    the number words stands (found with `str.find`): scanning the whole text for them with the
    regex cost more than all the counts in digits."""
    found = figure_matches("count", text)
    found += matches_at(_sex_count_re(), text, numbers_before(text, first_letters(_data()["sex_counts"]["words"])))
    low = lowered(text)
    if not lowers_one_for_one(text):
        found += _count_word_re().finditer(text, overlapped=False)
    else:
        word_re = _count_word_re()
        for word in _number_word_starts():
            at = low.find(word)
            while at >= 0:
                # a space follows a number word's first word: `ba` in `ban` is not tried (~8 µs a try)
                if not (at and low[at - 1].isalpha()) and low[at + len(word):at + len(word) + 1].isspace() \
                        and (m := word_re.match(text, at)):
                    found.append(m)
                at = low.find(word, at + 1)
    found.sort(key=lambda m: m.start())
    out: list[regex.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


_MONEY_JOINER = "(?:đến|tới|[-–])"


@cache
def _money_re() -> regex.Pattern[str]:
    m = _data()["money"]
    scales = alternation(list(m["scales"]), flags_i=True)
    cur = f"{alternation(m['currency'], flags_i=False)}|{alternation(list(m['foreign']), flags_i=True)}"
    bare = alternation(m["bare_money_scales"], flags_i=False)
    units = alternation([w for ws in _data()["count_units"].values() for w in ws], flags_i=True)
    chain = rf"(?:{scales})[ \t]+{numbers.NUMBER}[ \t]*"      # "1 tỷ 200 triệu đồng": the amount goes on
    # "từ 1,5 đến 2 tỷ đồng", "500 triệu - 1 tỷ đồng": a range's low end, in the high end's scale unless
    # it has its own
    low = rf"(?P<lo>{numbers.NUMBER})(?:[ \t]+(?P<loscale>{scales}))?[ \t]*{_MONEY_JOINER}[ \t]*"
    return regex.compile(
        rf"(?<![\d.,/\p{{L}}])(?:{low})?(?P<num>{numbers.NUMBER})\s*(?P<chain>(?:{chain})+)?"
        rf"(?:(?:(?P<scale>{scales})\s+)?(?P<cur>{cur}){_WORD_END}"
        rf"|(?P<bare>{bare}){_WORD_END}(?!\s+{units}{_WORD_END}))")


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
    return regex.compile(rf"\s+(?:{units}){_WORD_END}")


# ---------------------------------------------------------------- finders

@cache
def figure_patterns() -> dict[str, tuple[regex.Pattern[str], frozenset[str]]]:
    """Each figure in digits: its pattern, and what its number is followed by (past spaces)."""
    return {"percent": (_percent_re(), frozenset("%")), "ratio": (_ratio_re(), frozenset("/")),
            "money": (_money_re(), first_letters(_next_words()["money"])),
            "count": (_count_re(), first_letters(_next_words()["count"]))}


def figure_matches(kind: str, text: str) -> list[regex.Match[str]]:
    """`finditer` of a figure's pattern, tried only at the numbers followed by what it needs next: a
    count or a sum of money, by one of its words (a first letter tells them from few numbers)."""
    pattern, following = figure_patterns()[kind]
    starts = numbers_before(text, following)
    if kind in _next_words():
        starts = text_index.followed_by(text, starts, _next_words()[kind])
    return matches_at(pattern, text, starts)


def _percents(text: str, fence: SpanSet) -> list[Metric]:
    out = []
    for m in figure_matches("percent", text):
        if fence.hit(m.span("num")):
            continue
        start = m.start() + glued_item(text, m.start())       # "3.100% số bệnh nhân": item 3, 100%
        value = numbers.parse(text[start:m.end("num")])
        if value is not None:
            out.append(Metric("percent", value, text[start:m.end()], (start, m.end())))
    return out


def _no_measure(text: str, start: int, a: float, b: float) -> bool:
    """An operand of a formula ("Tỷ lệ đạt được*1/100"), or a map's scale ("bản đồ tỷ lệ 1/25.000")."""
    before = text[max(0, start - 2):start].rstrip()
    return (bool(before) and before[-1] in _data()["ratios"]["formula_before"]) or (
        a == 1 and b >= 100 and _scale_before().search(text, max(0, start - 60), start) is not None)


def _ratios(text: str, fence: SpanSet) -> list[Metric]:
    out = []
    for m in figure_matches("ratio", text):
        if fence.hit(m.span()):
            continue
        a, b = numbers.parse(m.group("a")), numbers.parse(m.group("b"))
        if a is None or b is None or b == 0 or _no_measure(text, m.start(), a, b):
            continue
        whole = "." not in m.group("a") + m.group("b") and "," not in m.group("a") + m.group("b")
        if whole and 1900 <= b <= 2100 and len(m.group("b")) == 4:
            continue                                     # month/year, number/year
        if header := announced_pair(text, m.start()):   # "trong tháng/lũy kế: 120/1.450": two counts
            out += pair_counts(text, header, m, a, b)
            continue
        if a > b or (whole and a <= 31 and b <= 12 and not _count_unit_after().match(text, m.end())):
            continue                                     # day/month: "trước 30/11", "24/7"
        out.append(Metric("ratio", round(a / b, 4), m.group(), m.span(), numerator=a, denominator=b))
    return out


@cache
def _scale_before() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_data()['ratios']['scale_words'], flags_i=True)})"
                         r"(?![\p{L}])[^.;\n]*$", regex.I)


def blocked_before(text: str, start: int) -> bool:
    """A word before the number that makes it a level, an article or a name; not when that word
    ends a longer word that is none of these (`kỷ luật 09 trường hợp`, `phân loại 58 người`)."""
    m = _not_count_before().search(text, max(0, start - 30), start)
    return bool(m) and not _other_word().search(text, max(0, start - 30), start)


@cache
def _money_words() -> regex.Pattern[str]:
    """A word of money in the clause before a bare `tỷ` (no `;`, `.` or line end between)."""
    words = alternation(_data()["money"]["money_words"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}(?![\p{{L}}])[^.;\n]*$")


@cache
def _other_word() -> regex.Pattern[str]:
    words = alternation(_data()["not_counts"]["but_not"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}\s*$")


def _money(text: str, fence: SpanSet, tables: SpanSet) -> list[Metric]:
    scales = {k.casefold(): v for k, v in _data()["money"]["scales"].items()}
    foreign = {k.casefold(): v for k, v in _data()["money"]["foreign"].items()}
    out = []
    for m in figure_matches("money", text):
        start = m.start("num")
        if fence.hit(m.span("num")) or tables.hit(m.span()) or blocked_before(text, start):
            continue
        value = numbers.parse(m.group("num"))
        if value is None:
            continue
        if m.group("bare") and not _money_words().search(text[max(0, m.start() - 80):m.start()]):
            continue                                     # "dân số đạt 1,2 tỷ": no money spoken of
        scale = scales.get((m.group("scale") or m.group("bare") or "").casefold(), 1)
        amount = numbers.chained(m.group("chain"), value, scale, scales) if m.group("chain") else value * scale
        if amount is None:
            continue
        amount = _whole(amount, scale)
        unit = foreign.get(" ".join((m.group("cur") or "").split()).casefold(), "đồng")   # "6,2 tỷ USD" is USD
        low = _money_low(text, m, scale, scales, fence) if m.group("lo") else None
        if low is not None and low < amount:
            start = m.start()
        else:
            low = None
        out.append(Metric("money" if low is None else "range", amount, text[start:m.end()], (start, m.end()),
                          unit=unit, low=low, approx=_approx(text, start)))
    return out


def _whole(amount: float, scale: float) -> float | int:
    return round(amount) if float(amount).is_integer() or scale > 1 else amount


def _money_low(text: str, m: regex.Match[str], scale: float, scales: dict[str, float], fence: SpanSet) -> float | None:
    """The low end of a range of money ("từ 1,5 đến 2 tỷ đồng"): in its own scale, else in the high end's
    first ("1,5" is 1,5 tỷ); None when a date, a code or a level word owns its number."""
    value = numbers.parse(m.group("lo"))
    if value is None or fence.hit(m.span("lo")) or blocked_before(text, m.start()):
        return None
    first = m.group("chain").split()[0] if m.group("chain") else None
    low_scale = scales.get((m.group("loscale") or first or "").casefold(), scale)
    return _whole(value * low_scale, low_scale)


def _approx(text: str, start: int) -> str | None:
    """hơn | gần | khoảng when a word right before a figure makes it approximate."""
    m = _approx_re().search(text[max(0, start - 12):start])
    return _data()["approx"]["words"].get(m.group(1).lower()) if m else None


@cache
def _approx_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])({alternation(list(_data()['approx']['words']), flags_i=True)})[ \t]+$")


def _count_value(m: regex.Match[str]) -> int | None:
    """The count's number scaled by its magnitude word, or a number written in words."""
    g = m.groupdict()
    if g.get("word"):
        return _data()["number_words"]["words"].get(" ".join(g["word"].lower().split()))
    value = numbers.parse(g["num"])
    if value is None:
        return None
    scale = _data()["magnitudes"]["words"].get((m.group("scale") or "").lower(), 1)
    scaled = value * scale
    return round(scaled) if scale > 1 or isinstance(value, int) else None    # counts are whole numbers


def _counts(text: str, fence: SpanSet, tables: SpanSet, taken: list[Span]) -> list[Metric]:
    kinds = _unit_kinds()
    out = []
    for m in _count_matches(text):
        g = m.groupdict()
        num_span = m.span("num") if g.get("num") else m.span("word")
        if fence.hit(num_span) or tables.hit(m.span()) or blocked_before(text, m.start()):
            continue
        if is_name_number(text, m.start(), m.group("unit")):     # "Bệnh viện Đa khoa số 2 tỉnh Lào Cai"
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = _count_value(m)
        if value is None:
            continue
        low, kind = None, "count"
        if g.get("hi"):
            hi = numbers.parse(m.group("hi"))
            if not isinstance(hi, int) or hi <= value or fence.hit(m.span("hi")) or m.group("scale"):
                continue
            low, value, kind = value, hi, "range"
        unit = " ".join(m.group("unit").split())
        out.append(Metric(kind, value, m.group(), m.span(), unit=unit, low=low,
                          unit_kind=kinds.get(unit.casefold()), approx=_approx(text, m.start())))
    return out


def _quantity(m: Metric) -> str:
    """Figures of one quantity's kind for indicators.py: a count and a range of counts are named alike,
    a sum of money and a range of money too."""
    if m.kind != "range":
        return m.kind
    return "money" if m.unit in _money_units() else "count"


@cache
def _money_units() -> frozenset[str]:
    return frozenset({"đồng", *_data()["money"]["foreign"].values()})


def find_metrics(text: str, *, citations: Iterable[Any] = (), tables: Iterable[Span] = (),
                 page_at: Any = None) -> list[Metric]:
    """Every figure in `text`, in text order.

    `citations` fence off document numbers; `tables` are the spans of tables, where counts and
    money are table cells (reported with the table) rather than figures of the text.
    """
    fence = SpanSet(fenced_spans(text, citations))
    table_fence = SpanSet(list(tables) + table_regions(text))
    found = _percents(text, fence) + _ratios(text, fence)
    money = _money(text, fence, table_fence)
    worded = word_ratios(text, fence, [m.span for m in money])     # "81 trên 87 hồ sơ": no count of 87
    counts = _counts(text, fence, table_fence, [m.span for m in money + worded])
    wholes_are_exact(text, counts)                               # "81 hồ sơ trên 87 hồ sơ": 87, not "hơn 87"
    found += money + worded + counts
    found.sort(key=lambda m: m.span)
    of_kind: dict[str, list[Span]] = {}
    for m in found:
        of_kind.setdefault(_quantity(m), []).append(m.span)
    for m in found:
        m.in_table = table_fence.hit(m.span)
        m.context = context_of(text, m.span)
        own = of_kind[_quantity(m)]
        m.indicator, m.indicator_key = indicator_of(text, m, [s for s in own if s != m.span])
        if page_at is not None:
            m.page = page_at(m.span[0])
    found = metric_roles.mark(text, found, fence)
    for share in shares(text, found):
        share.percent.basis = {"numerator": share.numerator, "denominator": share.denominator,
                               "source": share.source, "span": list(share.span)}
        share.percent.basis_of = share.figures
    return found

