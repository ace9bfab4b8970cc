"""A total split into parts written "label: number", each part's unit left to the total: "88 công
chức, viên chức trúng tuyển, ..., trong đó: thạc sĩ: 05; chuyên khoa cấp II: 07; chuyên khoa cấp I: 100".

The numbers of such a list are no figures on their own (nothing after them says what they count),
so relations.py, which adds up counts, never sees them; yet a list whose parts add up to more than
its total is a report contradicting itself. The list is read only where it is unmistakable: after a
count and an opener word ([breakdown] openers) in its sentence, no other count between, one "label:
number" after another, separated by ";" or ",", up to the end of the sentence. Its parts may be
only some of the total (a list of degrees leaves out the rest), so the breakdown is never taken as
whole: only parts adding up to more than the total are flagged, and only when their labels split it
along one dimension (measures.py: "nữ: 80; đảng viên: 50" overlap). A part's percentage in brackets
is its share of the total, checked as any stated share is.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.measures import split_along_one
from vanban.extract.metrics import Metric
from vanban.extract.relations import Breakdown
from vanban.extract.text_index import lowered, places

# a label of words (no digit, no colon), a colon, a whole number, then the end of the item
_ITEM = regex.compile(r"[\s,;]*(?P<label>\p{L}[\p{L}\s/–-]{0,60}?)\s*:\s*(?P<num>\d{1,3}(?:\.\d{3})*)"
                      r"(?![\d\p{L}%/]|[.,]\d)(?:\s*\((?P<pct>\d{1,3}(?:,\d+)?\s?%)\))?")
_ITEM_END = regex.compile(r"\s*(?:[;,)]|\.(?=\s|$)|$)")
_TIME_LABEL = regex.compile(r"(?i)(?<![\p{L}])(?:năm|tháng|quý|ngày|lần|số|khóa|giai đoạn)\s*$")


@cache
def _opener() -> regex.Pattern[str]:
    words = alternation(load("metrics")["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"(?:[^.;:\n]|\.(?=\S)){{0,160}}?[\s,]*(?<![\p{{L}}])(?:{words})(?![\p{{L}}])\s*:?"
                         r"|[^.;:\n()\d]{0,40}\(", regex.I)      # or a bracket right after the total


def _opener_places(text: str) -> list[int]:
    """Where an opener word or a bracket stands, ascending: a count far from all of them opens no list."""
    low = lowered(text)
    return places(low, [w.casefold() for w in load("metrics")["breakdown"]["openers"]] + ["("])


def labelled_breakdowns(text: str, metrics: list[Metric]) -> list[Breakdown]:
    """Counts followed by an opener and a list of "label: number" parts (two or more) in their unit."""
    out = []
    taken = sorted(m.span for m in metrics)
    counts = [m for m in metrics if m.kind == "count"]
    near = _opener_places(text)
    for t in (m for m in counts if not m.approx):
        i = bisect_left(near, t.span[1])
        if i == len(near) or near[i] > t.span[1] + 200:
            continue                                  # no opener word or bracket in reach: the regex would fail
        opener = _opener().match(text, t.span[1])
        if opener is None or any(t.span[1] <= m.span[0] < opener.end() for m in counts):
            continue                                  # another count before the opener: the list is its
        parts, pos, shares, labels = [], opener.end(), [], []
        while (item := _ITEM.match(text, pos)) and _ITEM_END.match(text, item.end()):
            if _TIME_LABEL.search(item.group("label")) or any(a < item.end("num") and b > item.start("num")
                                                              for a, b in taken):
                parts = []
                break                                 # a year, a number of something, another figure
            value = numbers.parse(item.group("num"))
            if value is None:
                break
            parts.append(Metric("count", value, item.group("num"), item.span("num"), unit=t.unit,
                                unit_kind=t.unit_kind))
            labels.append(item.group("label"))
            if item.group("pct"):
                shares.append((parts[-1], item.span("pct")))
            pos = item.end()
            if text.startswith(".", pos) or text.startswith(")", pos):
                break
        if len(parts) >= 2:
            out.append(Breakdown(t, parts, complete=False, split=split_along_one(labels)))
            _state_shares(t, shares, metrics)
    return out


def _state_shares(total: Metric, shares: list[tuple[Metric, tuple[int, int]]], metrics: list[Metric]) -> None:
    """A part's percentage in brackets ("Hoàn thành tốt: 25 (43,1%)") is its share of the total: the
    percentage's base, for the ratio check (flags.ratio_mismatch), unless it has one already."""
    by_span = {m.span: m for m in metrics if m.kind == "percent"}
    for part, span in shares:
        p = by_span.get(span)
        if p is not None and p.basis is None and total.value:
            p.basis = {"numerator": part.value, "denominator": total.value, "source": "counts",
                       "span": [total.span[0], p.span[1]]}
            p.basis_of = [part, total]
