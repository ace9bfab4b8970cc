"""Two counts written as one "x/y" under a header that announces two: "Số hồ sơ tiếp nhận trong
tháng/lũy kế: 120/1.450" is 120 files this month and 1.450 so far this year, not 120 of 1.450; so
is each "x/y" of a list the header opens ("số mắc trong tháng/lũy kế từ đầu năm như sau: Thương hàn
(8/46), Viêm não virus (02/25)").

The header names its two figures as "A/B" a few words before the colon the numbers follow, in their
sentence; x goes with A, y with B. Such a pair is no fraction (no ratio, no share to check against
it) unless B names the whole that A is part of ("đúng hạn/tổng số: 120/140", [ratios.two_counts]
whole_words). Each of the two is a count when the header says what it counts ("Số hồ sơ ...": the
noun after `counted_by`, a [count_units] noun); else the pair is left out. The words are data
(patterns/metrics.toml [ratios.two_counts]).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.metric_model import Metric

_REACH = 400        # characters: how far back a header's colon may stand in its paragraph
_SENTENCE_END = regex.compile(r"\.(?=\s)|\n")


@cache
def _conf() -> dict[str, Any]:
    return load("metrics")["ratios"]["two_counts"]


@cache
def _header() -> regex.Pattern[str]:
    """A header's "A/B" (words each, B not a whole), closing a bracket or followed by one ("đến/đi
    (trong quý)"), right before the colon the numbers follow."""
    whole = alternation(_conf()["whole_words"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}\d/])(?P<a>\p{{L}}+(?:[ \t]+\p{{L}}+){{0,4}})[ \t]*/[ \t]*"
                         rf"(?!(?:{whole})(?![\p{{L}}]))(?P<b>\p{{L}}+(?:[ \t]+\p{{L}}+){{0,6}})"
                         r"[ \t]*\)?(?:[ \t]*\([^()\n\d]{0,30}\))?[ \t]*:[ \t]*$", regex.I)


@cache
def _nouns() -> tuple[regex.Pattern[str], dict[str, str]]:
    """A [count_units] noun right after a word that says what is counted ("Số hồ sơ", `counted_by`)."""
    groups = load("metrics")["count_units"]
    nouns = [w for ws in groups.values() for w in ws]
    by = alternation(_conf()["counted_by"], flags_i=True)
    return (regex.compile(rf"(?<![\p{{L}}])(?:{by})[ \t]+(?P<noun>{alternation(nouns, flags_i=True)})(?![\p{{L}}\d])",
                          regex.I),
            {w.casefold(): g for g, ws in groups.items() for w in ws})


def announced_pair(text: str, start: int) -> tuple[int, int] | None:
    """Where the header's "A/B" stands when the "x/y" at `start` is two counts: the last colon before
    it in its paragraph, no sentence ending between, closes a header with such a pair; else None."""
    line = max(text.rfind("\n", 0, start) + 1, start - _REACH)
    colon = text.rfind(":", line, start)
    if colon < 0 or _SENTENCE_END.search(text, colon, start):
        return None
    m = _header().search(text, line, colon + 1)
    return m.span() if m else None


def pair_counts(text: str, header: tuple[int, int], match: regex.Match[str],
                a: float, b: float) -> list[Metric]:
    """The two counts of "x/y" (`match`, its numbers in groups `a` and `b`) under `header`: counted by
    the noun the header counts; none when it names none."""
    line = text.rfind("\n", 0, header[0]) + 1
    pattern, groups = _nouns()
    noun = pattern.search(text, line, header[1])
    if noun is None:
        return []
    unit = " ".join(noun.group("noun").split())
    kind = groups.get(unit.casefold())
    return [Metric("count", a, match.group("a"), match.span("a"), unit=unit, unit_kind=kind),
            Metric("count", b, match.group("b"), match.span("b"), unit=unit, unit_kind=kind)]
