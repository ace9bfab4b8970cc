"""Which written ratio a percentage is the share of: the ratio of its own clause, not the nearest one.

A report writes a percentage beside the figures it was worked out from, and often the next figure's
ratio right after it: "Hoàn thành 18/22 nhiệm vụ (81,8%), còn 4/22 nhiệm vụ (18,2%) đang triển khai",
"Có 14/16 khoa được kiểm tra, đạt 87,5%, trong đó 2/16 khoa kiểm tra trực tuyến". Checking 81,8%
against 4/22 (the nearer one) tells the user a true figure is wrong. So:

- a percentage in a bracket belongs to the figure right before the bracket: a ratio there is its base,
  anything after the bracket is not ("18/22 nhiệm vụ (81,8%)"; "1.198 hồ sơ (96,2%)" is a count's);
- a ratio in a bracket right after a percentage explains it ("đạt 93,1% (81.657/87.709)");
- a percentage after a share word ("đạt", "chiếm", "bằng": [shares] share_words) is the share of what
  precedes it in its clause: a ratio after it is its base only when no figure precedes it there, or in
  a bracket its own words open ("chiếm tỉ lệ 35,5% so với số dự thi tuyển (70/197)");
- never across what opens another figure: a sentence end, a ";", a word of [shares.own_clause]
  (`còn`, `trong đó` ...), another percentage or ratio between;
- of two ratios it may belong to, one that agrees with it wins: a flag never rests on the other; else
  the one before it ("81/87 hồ sơ, tỷ lệ 95,4%, 2/87 hồ sơ trễ hạn" is checked against 81/87).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import sentence_of
from vanban.extract.measures import is_change, same_measure

if TYPE_CHECKING:
    from vanban.extract.metric_model import Metric

_OPEN_BRACKET = regex.compile(r"\s*\([^()]*")      # "đạt 95% (tương ứng 1.234/1.253 hồ sơ)": in its bracket
# a bracket opened further in the percentage's own words, no comma before it, the ratio in it: "chiếm tỉ lệ
# 35,5% so với số dự thi tuyển (70/197)" names its base there
_EXPLAINED = regex.compile(r"[^,;()]*\([^()]*")
# how a candidate ranks (lower first): a bracket ties them, a share word binds back, a ratio before it (the
# usual order: "81/87 hồ sơ, tỷ lệ 93,1%") comes before one after it, then the nearer
_BRACKET, _BOUND, _BEFORE, _AFTER = 0, 1, 2, 3


@cache
def _shares() -> dict[str, Any]:
    return load("metrics")["shares"]


@cache
def _threshold() -> regex.Pattern[str]:
    """A threshold word right before a percentage ([shares] threshold_words): a condition, no share."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_shares()['threshold_words'], flags_i=True)})\s*$")


@cache
def _bound_back() -> regex.Pattern[str]:
    """A share word right before a percentage ("đạt 81,8%", "chiếm tỷ lệ 80%", "đạt tỷ lệ 95,4%")."""
    words = alternation(_shares()["share_words"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?:\s+t[ỷỉ]\s+lệ)?\s*:?\s*$", regex.I)


@cache
def _boundary() -> regex.Pattern[str]:
    """What opens another figure between a percentage and a ratio: `;` or a [shares.own_clause] word."""
    words = alternation(_shares()["own_clause"]["boundaries"], flags_i=True)
    return regex.compile(rf";|(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


def agrees(percent: Metric, exact: float) -> bool:
    """The percentage states the share `exact` (in per cent) at the precision it is written with (`80%`
    is 79-81%, `93,1%` is 93,0-93,2%: patterns/flags.toml [ratio_mismatch] slack)."""
    slack = load("flags")["ratio_mismatch"]["slack"]
    places = numbers.decimals(percent.raw.rstrip("% "))
    return abs(exact - float(percent.value)) < slack * 10 ** -places


@cache
def _earlier() -> regex.Pattern[str]:
    """What gives a percentage after a figure to a period or plan compared with ([shares.own_clause] earlier)."""
    words = alternation(_shares()["own_clause"]["earlier"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


def _apart(text: str, a: Metric, b: Metric) -> bool:
    """`a` and `b` (in text order) stand in different sentences, or something between opens another figure:
    a boundary, or, before a percentage `b`, a comparison ("81/87 hồ sơ, so với cùng kỳ năm 2024 (95%)")."""
    ss, se = sentence_of(text, a.span)
    if not (ss <= b.span[0] and b.span[1] <= se) or _boundary().search(text, a.span[1], b.span[0]):
        return True
    return b.kind == "percent" and bool(_earlier().search(text, a.span[1], b.span[0]))


def _bracket_owner(text: str, ordered: list[Metric], i: int) -> tuple[bool, Metric | None]:
    """Whether percentage `ordered[i]` stands in a bracket, and the figure it then belongs to: the one
    right before the bracket, in its clause (None when there is none there)."""
    p = ordered[i]
    prev = ordered[i - 1] if i else None
    lo = max(sentence_of(text, p.span)[0], prev.span[1] if prev else 0)
    opened = text.rfind("(", lo, p.span[0])
    if opened < 0 or ")" in text[opened:p.span[0]]:
        return False, None
    if prev is None or prev.span[1] > opened or _apart(text, prev, p):
        return True, None
    return True, prev


def _candidates(text: str, ordered: list[Metric], i: int, rated: list[int]) -> list[tuple[tuple[int, int], Metric]]:
    """The ratios percentage `ordered[i]` may be the share of, each with its rank (`rated`: the indices
    of the percentages and ratios in `ordered`)."""
    p = ordered[i]
    bracketed, owner = _bracket_owner(text, ordered, i)
    if bracketed:                      # "18/22 nhiệm vụ (81,8%)": the figure before the bracket, or none
        return [((_BRACKET, 0), owner)] if owner is not None and owner.kind == "ratio" else []
    at = bisect_left(rated, i)         # rated[at] is i itself
    before = ordered[rated[at - 1]] if at else None
    after = ordered[rated[at + 1]] if at + 1 < len(rated) else None
    bound = bool(_bound_back().search(text, max(0, p.span[0] - 30), p.span[0]))
    out: list[tuple[tuple[int, int], Metric]] = []
    if before is not None and before.kind == "ratio" and not _apart(text, before, p):
        out.append(((_BOUND if bound else _BEFORE, p.span[0] - before.span[1]), before))
    if after is None or after.kind != "ratio" or _apart(text, p, after):
        return out
    gap = text[p.span[1]:after.span[0]]
    if _OPEN_BRACKET.fullmatch(gap):
        return [*out, ((_BRACKET, len(gap)), after)]
    preceded = i and not _apart(text, ordered[i - 1], p)     # a share word's figure before it in its clause
    if bound and preceded and not _EXPLAINED.fullmatch(gap):
        return out
    return [*out, ((_AFTER, len(gap)), after)]


def ratio_bases(text: str, ordered: list[Metric]) -> list[tuple[Metric, Metric]]:
    """(percentage, ratio) pairs: each percentage with the ratio of its own clause (`ordered`: the
    text's figures in text order), each ratio the base of one percentage at most; a change ("tăng 2%
    so với cùng kỳ (1.100/1.150)") or a threshold ("đạt trên 90% (95/100)") has none."""
    ranked: list[tuple[tuple[int, int], int, int]] = []
    index = {id(m): k for k, m in enumerate(ordered)}
    rated = [k for k, m in enumerate(ordered) if m.kind in ("percent", "ratio")]
    for i, p in enumerate(ordered):
        if p.kind != "percent" or is_change(text, p) or _threshold().search(text, max(0, p.span[0] - 20), p.span[0]):
            continue
        found = [(rank, r) for rank, r in _candidates(text, ordered, i, rated)
                 if same_measure(text, p, r, rank[0] == _BRACKET)]
        agreeing = [(rank, r) for rank, r in found if agrees(p, 100 * (r.numerator or 0) / (r.denominator or 1))]
        ranked += [(rank, i, index[id(r)]) for rank, r in (agreeing or found)]
    out: list[tuple[Metric, Metric]] = []
    used: set[int] = set()
    for _, i, j in sorted(ranked):
        if i not in used and j not in used:
            used |= {i, j}
            out.append((ordered[i], ordered[j]))
    return out
