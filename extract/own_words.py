"""A figure's own words, and what they say it is not, whatever the sentence around it names: an
indicator they exclude (`exclusions`), an indicator they deny ("không hài lòng", `negations`), or a
change of the indicator rather than its value ("giảm 1,2% so với cùng kỳ", `change_words`); and a
part of a total listed after it ("Tổng thu 12,5 tỷ đồng, trong đó thu BHYT 8 tỷ", `part_openers`).
Apart from indicators.py, which reads them, so that each stays short; the words are data in
patterns/indicators.toml."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.spans import Span
from vanban.extract.text_index import folded_places

if TYPE_CHECKING:
    from vanban.extract.metrics import Metric


def own_words(text: str, m: Metric, clause: Span, others: Sequence[Span]) -> tuple[Span, Span]:
    """The words that are a figure's own, which say what it is whatever the sentence speaks of: before
    it back to its clause's start, a comma or the figure of its kind before it ("khối lượng hoàn thành
    51,577 tỷ"); after it up to a comma, a number, a word that links it to what follows ("đạt 79% kế
    hoạch vốn" compares it with a plan) or its clause's end ("207 hồ sơ quá hạn", "09 hồ sơ thi tuyển").
    Right after the figure before, the words up to a lone "và" or "còn" are that one's ("300 hồ sơ trực
    tiếp và 1.200 hồ sơ trực tuyến"); after the figure, those past a lone "và" are the next item's
    ("Tổng thu 12,5 tỷ đồng và chi thường xuyên 10 tỷ đồng")."""
    i = bisect_left(others, (m.span[0], m.span[0]))
    prev = others[i - 1][1] if i and others[i - 1][1] <= m.span[0] else -1
    lo = max(clause[0], prev, text.rfind(",", clause[0], m.span[0]) + 1)
    if lo == prev and (join := _JOIN.search(text, lo, m.span[0])):     # -1: no figure of its kind before
        lo = join.end()
    stop = _own_end().search(text, m.span[1], clause[1])
    return (lo, m.span[0]), (m.span[1], stop.start() if stop else clause[1])


_JOIN = regex.compile(r"(?r)(?<![\p{L}])(?:và|còn)(?![\p{L}])", regex.I)   # (?r): the last one


@cache
def _own_end() -> regex.Pattern[str]:
    """Where a figure's own words after it end: a comma, a number, a label link (`label_links`) or a lone
    "và" ("còn" may go on to say what it is: "50 hồ sơ còn quá hạn")."""
    links = alternation(load("indicators")["label_links"], flags_i=True)
    return regex.compile(rf",|\d|(?<![\p{{L}}])(?:{links}|(?i:và))(?![\p{{L}}])")


# ---------------------------------------------------------------- denied: "không hài lòng", "chưa được ký số"

@cache
def _denial() -> str:
    """A denial (`negations`, then at most one of `negation_links`) and the space before what it denies."""
    data = load("indicators")
    links = data.get("negation_links") or []
    link = rf"(?:{alternation(links, flags_i=True)}\s+)?" if links else ""
    return rf"(?<![\p{{L}}]){alternation(data['negations'], flags_i=True)}\s+{link}"


def negation_guard() -> str:
    """A lookbehind to put before an indicator's words: they do not match right after a denial."""
    return f"(?<!{_denial()})"


@cache
def _denied() -> regex.Pattern[str]:
    """Any indicator's word right after a denial, the word in group `word`."""
    words = [w for ind in load("indicators")["indicator"] for w in ind["words"]]
    return regex.compile(rf"{_denial()}(?P<word>{alternation(words, flags_i=True)})(?![\p{{L}}\d])")


@cache
def _keys_of(word: str) -> frozenset[str]:
    """The indicators that have `word` (as matched, any case) among their words."""
    return frozenset(ind["key"] for ind in load("indicators")["indicator"]
                     if regex.fullmatch(alternation(ind["words"], flags_i=True), word))


def denied_keys(text: str, own: tuple[Span, Span], clause_end: int) -> frozenset[str]:
    """The indicators whose word stands denied among a figure's own words (`own`, from `own_words`):
    the figure measures the opposite ("Tỷ lệ hài lòng 97%, không hài lòng 3%"; "văn bản chưa ký số
    5%"), and takes none of them from the words around it. After the figure a denial's link ends no
    words ("12 văn bản chưa được ký số"): they go on to a comma, a number or the clause's end."""
    (lo, end), (start, hi) = own
    out: frozenset[str] = frozenset()
    if not _may_deny(text, lo, hi):
        return out                       # no denial word in them at all: the common case, found by `re`
    stretches = [(lo, end)]
    if hi > start and _negation().search(text, start, hi):
        stop = _COMMA_OR_NUMBER.search(text, start, clause_end)
        stretches.append((start, stop.start() if stop else clause_end))
    for a, b in stretches:
        for hit in _denied().finditer(text, a, b) if b > a else ():
            out |= _keys_of(hit.group("word"))
    return out


def _may_deny(text: str, lo: int, hi: int) -> bool:
    """Whether a denial word (`negations`) may stand in text[lo:hi] (`folded_places`; True when unsure)."""
    places = folded_places(text, tuple(load("indicators")["negations"]), lo, hi)
    return places is None or bool(places)


_COMMA_OR_NUMBER = regex.compile(r"[,\d]")


# ---------------------------------------------------------------- a change: "giảm 1,2% so với cùng kỳ"

@cache
def _change_before() -> regex.Pattern[str]:
    """A change word ending the figure's own words before it, a link word and a colon at most between."""
    data = load("indicators")
    links = alternation(data["change_links"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){alternation(data['change_words'], flags_i=True)}"
                         rf"(?:\s+{links})?[\s:]*$")


@cache
def _change_after() -> regex.Pattern[str]:
    """A comparison with an earlier period opening the figure's own words after it."""
    return regex.compile(rf"\s*{alternation(load('indicators')['change_after'], flags_i=True)}(?![\p{{L}}])")


_CHANGE_TAIL = 48     # longer than a change word, a link and the spaces and colon after them


def is_change(text: str, m: Metric, own: tuple[Span, Span]) -> bool:
    """Whether the figure is how much something moved ("giảm 1,2%", "2% so với cùng kỳ"), not its value:
    such a figure names no indicator (a comparison across units would set it beside the values). Only
    a percentage is a change by what follows it (`change_after_kinds`): a count or a sum before "so với
    năm 2024 (450 hồ sơ)" is the value the earlier one is compared with."""
    (lo, end), (start, hi) = own
    lo = max(lo, end - _CHANGE_TAIL)          # the words end the stretch: no need to scan it all
    if end > lo and _change_before().search(text, lo, end):
        return True
    return (hi > start and m.kind in load("indicators")["change_after_kinds"]
            and _change_after().match(text, start, hi) is not None)


# ---------------------------------------------------------------- a part of a total

@cache
def _part_opener() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){alternation(load('indicators')['part_openers'], flags_i=True)}"
                         r"(?![\p{L}])")


def a_part_of(text: str, m: Metric, word_end: int, others: Sequence[Span]) -> bool:
    """Whether a total's word ending at `word_end`, before the figure, names the figure of its kind that
    follows the word instead, the figure being one of the parts listed after that one ("Tổng thu 12,5
    tỷ đồng, trong đó thu BHYT 8 tỷ đồng, thu viện phí 3 tỷ đồng": the parts are no total)."""
    i = bisect_left(others, (word_end, word_end))
    return (i < len(others) and others[i][1] <= m.span[0]
            and _part_opener().search(text, others[i][1], m.span[0]) is not None)


# ---------------------------------------------------------------- exclusions: "khối lượng hoàn thành 51,577 tỷ"

@cache
def _exclusions(key: str) -> regex.Pattern[str] | None:
    """An indicator's `exclusions` (patterns/indicators.toml) as one pattern, None when it has none."""
    ind = next(i for i in load("indicators")["indicator"] if i["key"] == key)
    words = ind.get("exclusions")
    return regex.compile(rf"(?<![\p{{L}}])(?<!(?i:không)\s+){alternation(words, flags_i=True)}(?![\p{{L}}])") \
        if words else None


def excluded(text: str, ind: dict[str, Any], m: Metric, clause: Span | None, others: Sequence[Span]) -> bool:
    """One of the indicator's `exclusions`, not negated ("không quá hạn"), stands in the figure's own
    words, on the side `exclusion_side` says (both by default): it measures something else (a plan or
    a work volume is no disbursement, a late file no on-time one)."""
    pattern = _exclusions(ind["key"])
    if pattern is None or clause is None or m.kind not in ind.get("exclusion_kinds", [m.kind]):
        return False
    side, spans = ind.get("exclusion_side"), own_words(text, m, clause, others)
    stretches = spans if side is None else (spans[0],) if side == "before" else (spans[1],)
    if any(pattern.search(text, a, b) for a, b in stretches):
        return True
    if not ind.get("exclusion_lead"):
        return False
    lead = _exclusion_lead(ind["key"]).search(text, *spans[0])
    return lead is not None and not _negation().search(text, spans[0][0], lead.start())


@cache
def _negation() -> regex.Pattern[str]:
    """A denial word (`negations`) anywhere: before an exclusion that leads a figure's words it undoes it."""
    return regex.compile(rf"(?<![\p{{L}}]){alternation(load('indicators')['negations'], flags_i=True)}(?![\p{{L}}])")


@cache
def _exclusion_lead(key: str) -> regex.Pattern[str]:
    """An exclusion right before the figure, only a colon or a label link between (`exclusion_lead`):
    it leads the figure's own words ("đạt 98%, chậm 2%"), whichever side `exclusion_side` names."""
    ind = next(i for i in load("indicators")["indicator"] if i["key"] == key)
    links = alternation(load("indicators")["label_links"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){alternation(ind['exclusions'], flags_i=True)}[\s:]*"
                         rf"(?:(?<![\p{{L}}])(?:{links})[\s:]*)?$")
