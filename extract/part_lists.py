"""A list of parts after a total: where it ends, whether it names the whole of its total, and the
breakdowns it gives (relations.py and labelled_parts.py find the lists; flags.py adds them up).

Parts add up to their total only when they split it along one dimension (measures.py). A list with
one part that cuts across the others ("nam 20 người, nữ 25 người, đảng viên 10 người") still splits
along one dimension without it: those parts are added up, and the one left out is checked alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.measures import split_along_one, split_off
from vanban.extract.metric_model import Metric


@cache
def _data() -> dict[str, Any]:
    return load("metrics")


@dataclass
class Breakdown:
    """A total and the parts the text splits it into."""

    total: Metric
    parts: list[Metric] = field(default_factory=list)
    complete: bool = True           # False for "trong đó": the parts may cover only some of it
    split: bool = True              # False when parts overlap (measures.py): each is some, their sum nothing


@cache
def _partitions() -> list[regex.Pattern[str]]:
    """Per partition ([breakdown] partitions), a pattern that finds its words."""
    return [regex.compile(rf"(?<![\p{{L}}])(?:{alternation(words, flags_i=True)})(?![\p{{L}}])", regex.I)
            for words in _data()["breakdown"]["partitions"]]


def names_partition(text: str, lo: int, hi: int, parts: list[Metric]) -> bool:
    """Each part is named by one word of a partition, all before their parts (from the part before,
    or `lo`) or all after them (up to the next part, or `hi`), and the parts name every word of it
    once: they are the whole of their total even after `trong đó` ("nam 200 người, nữ 230 người").
    Labels stand before the parts when the first part has words before it, as measures.part_labels
    reads them: "đảng viên 10 người, nam 20 người" names no partition with its words after."""
    before = [((parts[k - 1].span[1] if k else lo), p.span[0]) for k, p in enumerate(parts)]
    after = [(p.span[1], (parts[k + 1].span[0] if k + 1 < len(parts) else hi)) for k, p in enumerate(parts)]
    fillers = {w.casefold() for w in _data()["breakdown"]["dimensions"]["fillers"]}
    headed = any(w not in fillers for w in regex.findall(r"\p{L}+", text[lo:parts[0].span[0]].casefold()))
    for pattern, words in zip(_partitions(), _data()["breakdown"]["partitions"], strict=True):
        if len(parts) != len(words):
            continue
        # "20 nam và 25 nữ": a part counted by the partition's word, with nothing after it that narrows it
        # ("25 nam dân tộc thiểu số" is some of the men)
        own = [{(p.unit or "").casefold()} & {w.casefold() for w in words} if _LIST_GOES_ON.fullmatch(text, a, b)
               else set() for p, (a, b) in zip(parts, after, strict=True)]
        for stretches in ((before,) if headed else (before, after)):
            named = [{w.group().casefold() for w in pattern.finditer(text, a, b)} | o
                     for (a, b), o in zip(stretches, own, strict=True)]
            if all(len(n) == 1 for n in named) and set().union(*named) == {w.casefold() for w in words}:
                return True
    return False


@cache
def _rest_names() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The last part's name when it is the rest of the total ([breakdown] catch_all): alone between the
    part before and it, or alone after it to the list's end."""
    conf = _data()["breakdown"]
    rest = alternation(conf["catch_all"], flags_i=True)
    heads = alternation(conf["catch_all_heads"], flags_i=True)
    return (regex.compile(rf"[\s,;]*(?:[-+•*]\s+)?(?:và\s+)?(?:{heads}\s+)?{rest}\s*:?\s*", regex.I),
            regex.compile(rf"(?:\s+{rest})?\s*[.;]?\s*", regex.I))


def ends_with_rest(text: str, hi: int, parts: list[Metric]) -> bool:
    """The parts end with the rest of their total ("bác sĩ 30 người, điều dưỡng 60 người, khác 20 người",
    "... và 20 người khác"), the last one ending the list: they leave nothing out even after `trong đó`.
    Not with a bracket among them (a part of a part would be counted twice), nor when words go on after
    the rest ("khác 20 người có trình độ đại học" may be some of the others)."""
    if len(parts) < 2 or "(" in text[parts[0].span[0]:parts[-1].span[1]]:
        return False
    before, after = _rest_names()
    tail = after.fullmatch(text, parts[-1].span[1], hi)            # the last part ends the list
    if tail is None:
        return False
    return bool(tail.group().strip(" \t.;") or before.fullmatch(text, parts[-2].span[1], parts[-1].span[0]))


@cache
def _gap_opener() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


@cache
def _sex_word() -> regex.Pattern[str]:
    """A partition's word as it names people, in lower case ("Việt Nam" names nobody)."""
    words = sorted({w for ws in _data()["breakdown"]["partitions"] for w in ws}, key=len, reverse=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{'|'.join(map(regex.escape, words))})(?![\p{{L}}])")


_PART_END = regex.compile(r"[,;(]")


@cache
def _rest_after() -> regex.Pattern[str]:
    """A catch-all word right after a part ("20 người khác"): that part is the rest of the total."""
    return regex.compile(rf"\s+{alternation(_data()['breakdown']['catch_all'], flags_i=True)}(?![\p{{L}}])", regex.I)


def _stop_at(text: str, pos: int, hi: int) -> int:
    """The end of the part ending at `pos`: the next comma, semicolon or bracket, or `hi`."""
    found = _PART_END.search(text, pos, hi)
    return found.start() if found else hi


def list_end(text: str, lo: int, hi: int, parts: list[Metric]) -> tuple[list[Metric], int, str]:
    """The parts of a list are exactly its items from the opener to the list's end; what follows is
    a subset of the total, never a part. The list ends (returned: its parts, its end, and what ended
    it, "" if nothing before `hi`):
    - at a new opener between two parts ("gồm 20 nam và 25 nữ; trong đó đảng viên 10 người"): "opener";
    - at a semicolon when its first two parts were not separated by one ("bác sĩ 30 người, điều dưỡng
      70 người, khác 20 người; có 15 người là đảng viên"): ";".
    Cut so, the parts before are whole only when they say so themselves (a partition, the rest): the
    "trong đó" may narrow the last part, the list "a, b; c" go on after it, so an opener's "gồm" is
    not enough ("gồm: nội khoa 120 giường; ngoại khoa 100 giường; trong đó hồi sức 20 giường;
    truyền nhiễm 30 giường"). The list also ends, and is whole unless words go on after its last part:
    - after a part that names the rest of the total ("khác 20 người", "20 người khác"): "rest";
    - after parts that name each word of a partition once ("20 nam và 25 nữ, 10 người là đảng viên"),
      unless the list names a partition's word again ("nữ dân tộc thiểu số 20 người": unclear): "rest".
    """
    if len(parts) < 2:
        return parts, hi, ""
    first_gap_semicolon = ";" in text[parts[0].span[1]:parts[1].span[0]]
    before, _ = _rest_names()
    rest_after = _rest_after()
    for k in range(1, len(parts)):
        gap = (parts[k - 1].span[1], parts[k].span[0])
        opener = _gap_opener().search(text, *gap)
        if opener:
            return parts[:k], opener.start(), "opener"
        if ";" in text[gap[0]:gap[1]] and not first_gap_semicolon:
            return parts[:k], text.index(";", gap[0], gap[1]), ";"
        if k + 1 < len(parts) and (before.fullmatch(text, *gap) or rest_after.match(text, parts[k].span[1])):
            return parts[:k + 1], _stop_at(text, parts[k].span[1], hi), "rest"
    for words in _data()["breakdown"]["partitions"]:
        n = len(words)
        if n < len(parts) and len(_sex_word().findall(text, lo, hi)) == n \
                and names_partition(text, lo, parts[n].span[0], parts[:n]):
            return parts[:n], _stop_at(text, parts[n - 1].span[1], hi), "rest"
    return parts, hi, ""


_SENTENCE_START = regex.compile(r"(?r)\n|[.!?](?=\s)")


def alone_in_sentence(text: str, total: Metric, counts: list[Metric]) -> bool:
    """No other count stands before `total` in its sentence: a list opening the next sentence ("...
    1.250 hồ sơ. Trong đó: ...") is its parts only then ("Tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ
    sơ. Trong đó: ..." may split either)."""
    start = _SENTENCE_START.search(text, 0, total.span[0])
    lo = start.end() if start else 0
    return not any(lo <= c.span[0] and c.span[1] <= total.span[0] for c in counts)


_LIST_GOES_ON = regex.compile(r"[\s,;.]*(?:và\s*)?")    # between two parts of a list, or after its last


def listed(total: Metric, parts: list[Metric], labels: list[str], complete: bool,
           whole: Callable[[list[Metric]], bool] = lambda kept: False,
           counted: list[Metric] | None = None) -> list[Breakdown]:
    """The breakdowns of `total` into `parts` named by `labels`: one, whose parts are added up when
    they split one dimension (else each is checked alone); or, when leaving out one part (and only
    that one) makes the rest split one dimension, the rest added up (whole when they say so
    themselves: `whole`) and the part left out checked alone. Not when all the parts add up to the
    total, those of the list and those its end cut off (`counted`): the writer counted them apart
    ("450 người, trong đó nam 200, nữ 230, dân tộc thiểu số 20" may be Kinh men and women and the
    others), and the parts left would fall short for no fault; each is then checked alone."""
    if counted and len(counted) > len(parts) and sum(p.value for p in counted) == total.value:
        return [Breakdown(total, parts, False, False)]
    if len(parts) < 2 or split_along_one(labels):
        return [Breakdown(total, parts, complete, True)]
    k = split_off(labels)
    if k is None or len(parts) < 3 or sum(p.value for p in parts) == total.value:
        return [Breakdown(total, parts, complete, False)]
    kept = parts[:k] + parts[k + 1:]
    return [Breakdown(total, kept, whole(kept), True), Breakdown(total, [parts[k]], False, True)]
