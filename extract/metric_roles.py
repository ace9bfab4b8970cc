"""What a percentage stands for in its sentence: a condition of a scoring scale, or an end of a range.

A plan's annex of scoring rules ("Dưới 95%: 0 điểm") and a coefficient table ("Hoàn thành 90% -
dưới 100% công việc : 0,9") are full of percentages that no unit reported: they stay percentages in
the record (what is written with `%`), but only reported figures name an indicator, so that comparing
units compares what they reported. "từ 10% đến 50%" is one figure, a range (output.md), in place of
its two ends: read as percentages, each would be a figure nobody reported. The word
lists are data (patterns/metrics.toml [thresholds], [percent_ranges]).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.metric_model import Metric
from vanban.extract.text_index import lowered

if TYPE_CHECKING:
    from vanban.extract.spans import SpanSet

_REACH = 300                    # a clause is read this far at most
_SENTENCE_BREAK = regex.compile(r"\.\s")


@cache
def _data() -> dict[str, Any]:
    return load("metrics")


@cache
def _boundary(commas: bool = True) -> regex.Pattern[str]:
    """Where a clause ends: a line end, `;`, a sentence end, a bullet before a capital; and, unless a
    condition runs on past them (`commas` False), a `,` (not a decimal one) or a bracket (what it
    holds is said of the figure: "đạt 98% (10 điểm)")."""
    return regex.compile(r"[\n;]|\.(?:\s|$)|\s[-–+]\s+(?=\p{Lu})" + (r"|[(]|,(?!\d)" if commas else ""))


@cache
def _score() -> regex.Pattern[str]:
    """The score a condition earns, in its clause: `N điểm`, `tối đa điểm`, `điểm thực hiện`, or a
    colon and a bare number ending the clause (`: 0,9`). `điểm` ends the phrase: a lower-case word
    going on makes it another noun ("30 điểm tiêm chủng", "1,5 điểm phần trăm"), save a `tails` word."""
    t = _data()["thresholds"]
    words, lead = alternation(t["score_words"], flags_i=True), alternation(t["score_lead"], flags_i=True)
    after = rf"(?:\s+(?:{alternation(t['score_tails'], flags_i=True)})(?!\p{{L}})|(?!\s*(?-i:\p{{Ll}})|\s*%))"
    return regex.compile(rf"(?:(?<![\p{{L}}\d]){numbers.NUMBER}\s*|(?<![\p{{L}}])(?:{lead})\s+|^\s*){words}"
                         rf"(?!\p{{L}}){after}|:\s*(?:(?:{lead})\s+)?{numbers.NUMBER}\s*$", regex.I)


@cache
def _clause_start() -> regex.Pattern[str]:
    """The last place a clause can begin before a figure: a line, `;`, `:`, a sentence, a bullet (not a
    bracket: "khỏi (tỷ lệ 85%)" is said of what comes before it)."""
    return regex.compile(r"(?r)[\n;:]|\.\s|\s[-–+•]\s")


def _opens(text: str, start: int) -> bool:
    """A condition opens its clause: the percentage comes after at most two words ("Đạt 100%", "Hoàn
    thành 90%", "- 100%"), or right after a bound word ("dưới 95%", "từ 10%"). A figure late in a
    long clause ("Số ca điều trị khỏi (tỷ lệ 85%): 120") is a result, whatever follows it."""
    if _bound_before().search(text, max(0, start - 20), start):
        return True
    m = _clause_start().search(text, max(0, start - _REACH), start)
    head = text[m.end() if m else max(0, start - _REACH):start]
    return len(head.split()) <= 2 and not any(c.isdigit() for c in head)


@cache
def _condition() -> regex.Pattern[str]:
    """A clause opened by a condition (`Nếu …`), running up to the figure."""
    words = alternation(_data()["thresholds"]["conditions"], flags_i=True)
    return regex.compile(rf"(?:^|[\n;.]\s*|\s[-–+]\s+)(?:{words})(?!\p{{L}})[^\n;]*$", regex.I)


def _clause_after(text: str, end: int) -> str:
    """The rest of the clause from `end`; past commas when the clause is a condition (`Nếu …, chấm …`)."""
    window = text[end:end + _REACH]
    m = _boundary().search(window)
    if m and m.group() == "," and _condition().search(text, max(0, end - _REACH), end):
        m = _boundary(commas=False).search(window)
    return window[:m.start()] if m else window


@cache
def _score_next() -> regex.Pattern[str]:
    """A sentence that only gives the score of the one before: `Điểm đánh giá: 1 điểm`."""
    words = alternation(_data()["thresholds"]["score_words"], flags_i=True)
    return regex.compile(rf"[^\n]*?\.\s+(?:{words})(?!\p{{L}})[^\n.;]{{0,30}}?:\s*{numbers.NUMBER}\s*(?:{words})",
                         regex.I)


def _find_all(text: str, what: str) -> list[int]:
    out, at = [], text.find(what)
    while at >= 0:
        out.append(at)
        at = text.find(what, at + 1)
    return out


@lru_cache(maxsize=4)
def _score_places(text: str) -> tuple[list[int], list[int]]:
    """Where a score can be said in `text`: its colons, and its score words (in the lower-cased copy).
    A score needs one or the other near the figure; most figures have neither, and are results
    known without a regex."""
    low = lowered(text)
    return _find_all(text, ":"), sorted(p for w in _data()["thresholds"]["score_words"] for p in _find_all(low, w))


def _first(places: list[int], lo: int) -> int:
    i = bisect_left(places, lo)
    return places[i] if i < len(places) else 1 << 62


@cache
def _sentence_end() -> regex.Pattern[str]:
    return regex.compile(r"[\n;]|\.(?:\s|$)")


def is_threshold(text: str, start: int, end: int) -> bool:
    """Whether the percentage at `start`-`end` opens a condition followed in its clause by the score it
    earns (or its sentence by one that gives that score)."""
    colons, words = _score_places(text)
    far = end + _REACH + 80
    near = min(_first(words, end), _first(colons, end))
    if near >= far or text.find("\n", end, near) >= 0 or text.find(";", end, near) >= 0:
        return False                # no score within reach, or a line or a clause ends before it
    clause = _clause_after(text, end)
    stop = end + len(clause)
    if (min(_first(words, end), _first(colons, end)) < stop) and _score().search(clause):
        return _opens(text, start)
    if _first(words, stop) >= far:
        return False
    sentence_end = _sentence_end().search(text, end, end + _REACH)
    return bool(sentence_end) and sentence_end.group().startswith(".") and _opens(text, start) and \
        _score_next().match(text, sentence_end.start(), sentence_end.start() + 80) is not None


@cache
def _joined() -> regex.Pattern[str]:
    """What lies between the two ends of a range, `%` ends: ` đến `, ` - dưới `."""
    r = _data()["percent_ranges"]
    return regex.compile(rf"[ \t]*(?:{alternation(r['joiners'], flags_i=True)})[ \t]*"     # on one line
                         rf"(?:(?:{alternation(r['bounds'], flags_i=True)})[ \t]+)?", regex.I)


@cache
def _bare_low() -> regex.Pattern[str]:
    """A low end written without `%` right before the high end: `80 - `, `70 đến dưới `."""
    return regex.compile(rf"(?<![\p{{L}}\d.,/])(?P<num>{numbers.NUMBER}){_joined().pattern}$", regex.I)


def _range_of(text: str, low: Metric | None, high: Metric, fence: SpanSet) -> tuple[int, float] | None:
    """(start, low value) of the range that `high` ends: after the percentage `low`, or a bare number."""
    if low is not None and _joined().fullmatch(text, low.span[1], high.span[0]):
        return low.span[0], low.value
    from vanban.extract.metrics import blocked_before  # "Quý 3 - 90%": a level word owns the number

    m = _bare_low().search(text, max(0, high.span[0] - 40), high.span[0])
    if m is None or fence.hit(m.span("num")) or blocked_before(text, m.start()) or _labelled(text, m.start()):
        return None
    value = numbers.parse(m.group("num"))
    return None if value is None else (m.start(), value)


@cache
def _label_words() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_data()['percent_ranges']['not_after'], flags_i=True)})"
                         r"[ \t]*$|^[ \t]*[-–+•]?[ \t]*$", regex.I)


def _labelled(text: str, start: int) -> bool:
    """A bare number that names a step or a place ("Lần 2 - 90%", "Khoa 3 - 90%"), or opens its line
    ("1 - 95% …", a numbered list), is no range's low end."""
    line = text.rfind("\n", 0, start) + 1
    return _label_words().search(text, max(line, start - 20), start) is not None


@cache
def _bound_before() -> regex.Pattern[str]:
    """A bound word right before a percentage ("dưới", "từ", "đến dưới"; [shares] threshold_words)."""
    words = alternation([*_data()["shares"]["threshold_words"], *_data()["percent_ranges"]["joiners"]], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?:[ \t]+(?:{words}))?[ \t]*$", regex.I)


def _goes_on_scale(text: str, before: Metric, m: Metric) -> bool:
    """`m` opens the next step of the scale `before` is a step of, on the same line ("… Từ 80% đến dưới
    90% điểm thực hiện: … Từ 50% đến dưới", its score cut off by a table's column); past a sentence
    end only when a score ends the step before ("… Điểm đánh giá: 1 điểm; Từ 80% …")."""
    between = text[before.span[1]:m.span[0]]
    after_sentence = _SENTENCE_BREAK.split(between)[-1]     # a new sentence goes on the scale only after a score
    return "\n" not in between and (after_sentence == between or _score().search(after_sentence) is not None) \
        and _bound_before().search(text, max(0, m.span[0] - 20), m.span[0]) is not None


def mark(text: str, found: list[Metric], fence: SpanSet) -> list[Metric]:
    """`found` (in text order) with thresholds marked and each percentage range one figure in place of
    its ends. Call after indicators are read: a threshold gives its indicator up, a range takes its ends'."""
    out: list[Metric] = []
    prev: Metric | None = None
    ended: set[int] = set()                 # percentages that ended a range: never the next one's low end
    for m in found:
        out.append(m)
        if m.kind != "percent":
            continue
        low = prev if prev is not None and prev.kind == "percent" and id(prev) not in ended else None
        prev = m
        if is_threshold(text, *m.span) or (low is not None and low.threshold and _goes_on_scale(text, low, m)):
            m.threshold = True
            m.indicator = m.indicator_key = None
            if low is not None and _joined().fullmatch(text, low.span[1], m.span[0]):
                low.threshold = True
                low.indicator = low.indicator_key = None
            continue
        span = _range_of(text, low, m, fence)
        if span is None or span[1] >= m.value or (low is not None and low.threshold):
            continue
        start, value = span
        rng = Metric("range", m.value, text[start:m.span[1]], (start, m.span[1]), page=m.page, context=m.context,
                     unit="%", low=value, in_table=m.in_table)
        ends = [e for e in (low, m) if e is not None and e.span[0] >= start]
        named = next((e for e in reversed(ends) if e.indicator), None)     # read as percentages: theirs
        if named is not None:
            rng.indicator, rng.indicator_key = named.indicator, named.indicator_key
        dropped = {id(e) for e in ends}
        out = [f for f in out if id(f) not in dropped]
        ended.add(id(m))
        out.append(rng)
    return sorted(out, key=lambda f: f.span)          # text order: a range before its high end
