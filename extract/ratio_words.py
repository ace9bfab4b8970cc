"""Ratios written in words: "81 trên 87", "81 trên tổng số 87", "81 trong tổng số 87"; and a count's whole
written so ("81 hồ sơ trên 87 hồ sơ").

A report writes "81 trên 87 hồ sơ" as often as "81/87 hồ sơ", and a percentage beside it is the same
share of it ("Có 81 trên tổng số 87 đơn vị gửi báo cáo (đạt 95,4%)"); the tool's own flag messages word a
ratio so. Read here, as a ratio figure, only between two bare numbers: "trên" before one number is an
approximation ("trên 90 cuộc", patterns/metrics.toml [approx]) or a threshold ("đạt trên 90%"), and after
a number that counts something ("12 camera trên 5 tầng") it is a place. The words: [ratios.words].
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from typing import Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.metric_model import Metric
from vanban.extract.spans import Span, SpanSet
from vanban.extract.text_index import first_letters, followed_by, matches_at, numbers_before


@cache
def _conf() -> dict[str, Any]:
    return load("metrics")["ratios"]["words"]


@cache
def _pattern() -> regex.Pattern[str]:
    n = numbers.NUMBER
    links = alternation(_conf()["links"], flags_i=True)
    return regex.compile(rf"(?<![\d.,/\p{{L}}])(?P<a>{n})[ \t]+(?:{links})[ \t]+(?P<b>{n})"
                         rf"(?![\d\p{{L}}/%]|[.,]\d|[ \t]*%)", regex.I)


@cache
def _link() -> regex.Pattern[str]:
    """One of the links alone between two figures."""
    return regex.compile(rf"[ \t]+(?:{alternation(_conf()['links'], flags_i=True)})[ \t]+", regex.I)


@cache
def _rank_before() -> regex.Pattern[str]:
    """A rank's word right before the first number ("đứng thứ 5 trên 63 tỉnh"): a place, no share."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_conf()['not_before'], flags_i=True)})[ \t]*$", regex.I)


def word_ratios(text: str, fence: SpanSet, taken: Iterable[Span] = ()) -> list[Metric]:
    """The ratios "x trên y" of `text`: x no more than y, neither number fenced off (a date, a code)
    nor inside another figure (`taken`: sums of money), x no year and no rank."""
    links = tuple(_conf()["links"])
    starts = followed_by(text, numbers_before(text, first_letters(links)), links)
    taken = list(taken)
    out = []
    for m in matches_at(_pattern(), text, starts):
        a, b = numbers.parse(m.group("a")), numbers.parse(m.group("b"))
        if a is None or b is None or b <= 0 or a > b or fence.hit(m.span("a")) or fence.hit(m.span("b")):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if isinstance(a, int) and 1900 <= a <= 2100 and len(m.group("a")) == 4:
            continue                                     # "năm 2024 trên 5.000 hồ sơ": a year, then "more than"
        if _rank_before().search(text, max(0, m.start() - 20), m.start()):
            continue
        out.append(Metric("ratio", round(a / b, 4), m.group(), m.span(), numerator=a, denominator=b))
    return out


def of_the_whole(text: str, part: Metric, whole: Metric) -> bool:
    """`whole` is the whole of `part`, the two counted alike: "81 hồ sơ trên tổng số 87 hồ sơ", "81 hồ sơ
    trên 87 hồ sơ" (counts of one unit, a link alone between them, no more in the part)."""
    return (part.kind == whole.kind == "count" and part.value <= whole.value
            and (part.unit or "").casefold() == (whole.unit or "").casefold()
            and bool(_link().fullmatch(text, part.span[1], whole.span[0])))


def wholes_are_exact(text: str, counts: list[Metric]) -> None:
    """A count that is the whole of the count before it ("81 hồ sơ trên 87 hồ sơ": `of_the_whole`) is
    87, not "more than 87": its "trên" says out of what, no approximation ([approx])."""
    for part, whole in pairwise(counts):
        if whole.approx and of_the_whole(text, part, whole):
            whole.approx = None
