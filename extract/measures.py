"""Whether figures measure the same thing, so that adding or dividing them means something.

Parts of a total add up to it (or at most to it) only when they split it along one dimension.
"120 người, trong đó nữ 80 người, đảng viên 50 người" sorts people by two attributes that cut
across each other (a woman may be a Party member); "1.500 hồ sơ, trong đó 1.480 hồ sơ đã giải
quyết, 1.470 hồ sơ giải quyết đúng hạn" has its second part inside its first. Such parts overlap:
each is some of the total, but their sum is nothing (flags.py then only checks each part against
the total). The dimensions and their values are data (patterns/metrics.toml [breakdown.dimensions]).

A percentage is the share a fraction states only when both measure one indicator: "đúng hạn đạt
98,5%, còn 19/1.253 hồ sơ trễ hạn" gives the complement's fraction; and a change ("tăng 2% so với
cùng kỳ (1.100/1.150 hồ sơ)") is never the share of a fraction ([shares.change]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract.catalogue import alternation, load

if TYPE_CHECKING:
    from vanban.extract.metric_model import Metric


@cache
def _conf() -> dict[str, Any]:
    return load("metrics")["breakdown"]["dimensions"]


@cache
def _dimension_of() -> dict[str, str]:
    """A dimension's value (folded) -> the dimension."""
    return {v.casefold(): dim for dim, values in _conf()["values"].items() for v in values}


@cache
def _values() -> regex.Pattern[str]:
    """Every dimension's values in one alternation: the longest wins ("không dùng tiền mặt" over
    "tiền mặt", "phó giám đốc" over "giám đốc"), so a value names one dimension."""
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{alternation(list(_dimension_of()), flags_i=True)})(?![\p{{L}}\d])",
                         regex.I)


@cache
def _rest() -> regex.Pattern[str]:
    words = alternation(load("metrics")["breakdown"]["catch_all"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}(?![\p{{L}}])", regex.I)


@dataclass
class Label:
    """What names one part: the dimensions' values it names, its other words, and whether it is the
    rest of the total ("khác", "còn lại": of whatever the other parts split)."""

    values: dict[str, frozenset[str]]
    words: frozenset[str]
    rest: bool
    cumulative: bool = False        # "đại học trở lên": a value and all above it


def read_label(label: str) -> Label:
    """The values and words of a part's label (its own counting noun included when it has one)."""
    values: dict[str, set[str]] = {}
    for m in _values().finditer(label):
        value = m.group().casefold()
        values.setdefault(_dimension_of()[value], set()).add(value)
    fillers = {w.casefold() for w in _conf()["fillers"]}
    words = frozenset(w for w in regex.findall(r"[\p{L}\d]+", label.casefold()) if w not in fillers)
    folded = f" {' '.join(label.casefold().split())} "
    cumulative = any(f" {w.casefold()} " in folded for w in _conf()["cumulative"])
    return Label({d: frozenset(v) for d, v in values.items()}, words, bool(_rest().search(label)), cumulative)


def overlap(a: Label, b: Label) -> bool:
    """Two parts overlap: no dimension sets them apart, and either, beside the values they share
    ("viên chức quản lý" / "viên chức chuyên môn"), they name values of different dimensions
    (attributes that cut across), or the words of one hold all the words of the other ("đã giải
    quyết" in "giải quyết đúng hạn", "trực tuyến" in "trực tuyến toàn trình")."""
    if a.rest or b.rest:
        return False
    common = a.values.keys() & b.values.keys()
    if common and (a.cumulative or b.cumulative):
        return True                        # "đại học trở lên" holds "sau đại học"
    if any(a.values[d].isdisjoint(b.values[d]) for d in common):
        return False                       # "nam" / "nữ", "giám đốc" / "phó giám đốc": a split
    if a.values.keys() - common and b.values.keys() - common:
        return True                        # "nữ" / "đảng viên"
    return bool(a.words and b.words) and (a.words <= b.words or b.words <= a.words)


def split_along_one(labels: list[str]) -> bool:
    """The parts named by `labels` split their total along one dimension: no two of them overlap."""
    read = [read_label(s) for s in labels]
    return not any(overlap(a, b) for i, a in enumerate(read) for b in read[i + 1:])


_LABEL_CUT = regex.compile(r"[,;]|\.\s|\n[ \t]*[-+•*][ \t]")     # a part's stretch ends; a wrapped line goes on


def part_labels(text: str, lo: int, hi: int, total: Metric, parts: list[Metric]) -> list[str]:
    """Each part's label in the list `lo`-`hi`: the words before its number when the first part has
    some ("nữ 80 người, đảng viên 50 người"), else those after it ("30 người có trình độ sau đại học,
    100 người là đảng viên"), within its own stretch of the list (a comma, a semicolon, a sentence or a
    bullet ends it); with the part's counting noun when the total counts in another ("30 bác sĩ")."""
    fillers = {w.casefold() for w in _conf()["fillers"]}
    head = [w for w in regex.findall(r"\p{L}+", text[lo:parts[0].span[0]].casefold()) if w not in fillers]
    out = []
    for k, p in enumerate(parts):
        if head:
            stretch = text[(parts[k - 1].span[1] if k else lo):p.span[0]]
            label = _LABEL_CUT.split(stretch)[-1]
        else:
            stretch = text[p.span[1]:(parts[k + 1].span[0] if k + 1 < len(parts) else hi)]
            label = _LABEL_CUT.split(stretch)[0]
        own = (p.unit or "") if (p.unit or "").casefold() != (total.unit or "").casefold() else ""
        out.append(" ".join(f"{own} {label}".split()).strip(" :-+•"))
    return out


def split_off(labels: list[str]) -> int | None:
    """The one part whose label cuts across the others ("nam", "nữ", "đảng viên": the Party members
    are men and women): leaving it out, and no other, the rest split one dimension. None when no
    single part does, or more than one would: "nữ", "đảng viên" (either); "nam 200, nữ 230, nữ dân
    tộc thiểu số 20" (the 230 may be the other women, or all of them)."""
    read = [read_label(s) for s in labels]
    crossing = [(i, j) for i in range(len(read)) for j in range(i + 1, len(read)) if overlap(read[i], read[j])]
    fits = [k for k in range(len(read)) if all(k in pair for pair in crossing)]
    return fits[0] if len(fits) == 1 and crossing else None


# ---------------------------------------------------------------- a percentage and a fraction

@cache
def _change() -> regex.Pattern[str]:
    """A word of change right before a percentage ([shares.change]): "tăng 2%", "giảm khoảng 1,2%"."""
    conf = load("metrics")["shares"]["change"]
    words, soft = alternation(conf["words"], flags_i=True), alternation(conf["between"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?:\s+(?:{soft}))?\s*$", regex.I)


def is_change(text: str, percent: Metric) -> bool:
    """The percentage says by how much something rose or fell ("tăng 2% so với cùng kỳ"), not what
    share of a whole it is: no fraction or part and total beside it is its base."""
    return _change().search(text, max(0, percent.span[0] - 30), percent.span[0]) is not None


@cache
def _apart_words() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A complement word opening what follows a percentage ("còn", "còn lại"), and a negation."""
    conf = load("metrics")["shares"]["apart"]
    return (regex.compile(rf"^[\s,;:–-]*(?:{alternation(conf['complement'], flags_i=True)})(?![\p{{L}}])", regex.I),
            regex.compile(rf"(?<![\p{{L}}])(?:{alternation(conf['negations'], flags_i=True)})(?![\p{{L}}])", regex.I))


_CLAUSE_START = regex.compile(r"(?r)[;\n]|\.\s")
_CLAUSE_END = regex.compile(r"[,;()\n]|\.(?:\s|$)")


def _own_words(text: str, percent: Metric, fraction: Metric) -> tuple[str, str]:
    """The words that name what the percentage and the fraction measure: a fraction after the
    percentage, the percentage's clause up to it and the words from it to the fraction's clause end;
    a fraction before it, the words after the fraction up to a comma, and the rest up to it."""
    if fraction.span[0] >= percent.span[1]:
        start = _CLAUSE_START.search(text, max(0, percent.span[0] - 150), percent.span[0])
        end = _CLAUSE_END.search(text, fraction.span[1], fraction.span[1] + 80)
        return (text[start.end() if start else max(0, percent.span[0] - 150):percent.span[0]],
                text[percent.span[1]:fraction.span[0]] + " " + text[fraction.span[1]:end.start() if end else None])
    gap = text[fraction.span[1]:percent.span[0]]
    cut = regex.search(r"[,;]", gap)
    return (gap[cut.start():], gap[:cut.start()]) if cut else ("", gap)


def measure_apart(text: str, percent: Metric, fraction: Metric) -> bool:
    """The words of the percentage and of the fraction name different things: the fraction is what
    remains ("đạt 98,5%, còn 19/1.253 hồ sơ"), one of them is negated and the other not ("ký số đạt
    98,5%, 19/1.253 văn bản chưa ký số"), or they name different values of one dimension ("hồ sơ
    trực tuyến đạt 80%, hồ sơ trực tiếp 300/1.500")."""
    complement, negation = _apart_words()
    own_p, own_f = _own_words(text, percent, fraction)
    if fraction.span[0] >= percent.span[1] and complement.match(text, percent.span[1], fraction.span[0]):
        return True
    if bool(negation.search(_values().sub(" ", own_p))) != bool(negation.search(_values().sub(" ", own_f))):
        return True                        # a negation not inside a value ("không dùng tiền mặt" is one)
    a, b = read_label(own_p).values, read_label(own_f).values
    return any(a[d].isdisjoint(b[d]) for d in a.keys() & b.keys())


def same_measure(text: str, percent: Metric, fraction: Metric, bracketed: bool) -> bool:
    """The fraction may be the percentage's base: they measure one indicator (`same_indicator`), and,
    unless the fraction explains the percentage in a bracket right after it, their own words do not
    set them apart (`measure_apart`)."""
    return same_indicator(percent, fraction, bracketed) and (bracketed or not measure_apart(text, percent, fraction))


def same_indicator(percent: Metric, fraction: Metric, bracketed: bool) -> bool:
    """The percentage and the fraction measure one indicator: both name it, or the fraction names
    none; a percentage naming none takes the fraction's only from a bracket right after it ("đạt
    98,5% (1.234/1.253 hồ sơ đúng hạn)"). "Đúng hạn đạt 98,5%, còn 19/1.253 hồ sơ trễ hạn": two."""
    if fraction.indicator_key is None or percent.indicator_key == fraction.indicator_key:
        return True
    return percent.indicator_key is None and bracketed


# ---------------------------------------------------------------- a total the prose names

@cache
def _named_base() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The words that name a part's whole after its share ("trên tổng số"), and those that make a
    count what was received before the part ("Tiếp nhận"): patterns/metrics.toml [shares.prose]."""
    conf = load("metrics")["shares"]["prose"]
    return (regex.compile(rf"\s*(?:{alternation(conf['base_after'], flags_i=True)})\s*:?\s*", regex.I),
            regex.compile(rf"(?<![\p{{L}}])(?:{alternation(conf['received'], flags_i=True)})\s*:?\s*$", regex.I))


def _whole_of(total: Metric, part: Metric) -> bool:
    return (total.kind == part.kind and not total.approx and total.value > part.value
            and (total.unit or "").casefold() == (part.unit or "").casefold())


def stated_total(text: str, ordered: list[Metric], i: int, j: int) -> tuple[Metric, str] | None:
    """The whole that the prose names for the part `ordered[j]` whose share `ordered[i]` follows it:
    the count right after the share, "trên tổng số 97.124 lượt" ("counts"); or the count right
    before the part, in its sentence and clause, of what was received ("Tiếp nhận 1.253 hồ sơ, giải
    quyết đúng hạn 1.234 hồ sơ, đạt tỷ lệ 90%"): "received", a share of what was dealt with (some of
    what was received) is at least the part's share of it, so only a lower percentage contradicts it."""
    after, received = _named_base()
    p, part = ordered[i], ordered[j]
    if i + 1 < len(ordered) and _whole_of(ordered[i + 1], part) \
            and after.fullmatch(text, p.span[1], ordered[i + 1].span[0]):
        return ordered[i + 1], "counts"
    if j and _whole_of(ordered[j - 1], part) and received.search(text, max(0, ordered[j - 1].span[0] - 30),
                                                                   ordered[j - 1].span[0]):
        between = text[ordered[j - 1].span[1]:part.span[0]]
        if not regex.search(r"[;\n]|\.\s|\(", between):
            return ordered[j - 1], "received"
    return None
