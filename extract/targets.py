"""Which figures are targets rather than results ([targets] in patterns/metrics.toml).

A plan's "100% văn bản đi được ký số" and a report's "Phấn đấu năm 2026 … đạt 100%" are aims: set
beside another unit's result they read as an achievement. A figure is a target when its clause says
so before it (a target word, or "yêu cầu" asking for it), when an aim set earlier in its sentence goes
on to it over ";" (or over the items of a list the aim opens), or when it stands in a section on the
next period's direction. Only the figures with an indicator are judged: they are the ones the
questions compare.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import clause_of
from vanban.extract.sections import Section

_CARRY_MAX = 12                  # clauses an aim goes on over: a long list of a plan's aims
_ITEM = regex.compile(r"[-+•–*·]|\p{Ll}")     # a list item's opening: a mark, or a lower-case word


def _data() -> dict[str, Any]:
    return load("metrics")["targets"]


def _words_of(key: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_data()[key], flags_i=True)})(?![\p{{L}}])", regex.I)


@cache
def _words() -> regex.Pattern[str]:
    return _words_of("words")


@cache
def _results() -> regex.Pattern[str]:
    return _words_of("result_words")


@cache
def _not_after() -> regex.Pattern[str]:
    return _words_of("not_after")


@cache
def _asks() -> regex.Pattern[str]:
    return _words_of("ask")


@cache
def _stops() -> regex.Pattern[str]:
    return _words_of("carry_stops")


@cache
def _ask_nouns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The words that make "yêu cầu" a noun: just before it ("theo", "mục đích,") or just after it ("của")."""
    before = alternation(_data()["ask_not_after"], flags_i=True)
    after = alternation(_data()["ask_not_before"], flags_i=True)
    return (regex.compile(rf"(?<![\p{{L}}])(?:{before})[\s,]*$", regex.I),
            regex.compile(rf"^\s*(?:{after})(?![\p{{L}}])", regex.I))


def _aim_at(text: str, lo: int, hi: int) -> int | None:
    """Where the stretch [lo, hi) of a clause sets an aim for what follows (the end of its word): a
    target word not measured against ("vượt mục tiêu"), or "yêu cầu" as a verb ("Yêu cầu 100% …", not
    "theo yêu cầu"); None when it sets none."""
    for m in _words().finditer(text, lo, hi):
        if not _not_after().search(text, lo, m.start()):
            return m.end()
    noun_before, noun_after = _ask_nouns()
    for m in _asks().finditer(text, lo, hi):
        if not noun_before.search(text[lo:m.start()]) and not noun_after.match(text[m.end():hi]):
            return m.end()
    return None


def _joined_before(text: str, start: int) -> int | None:
    """Where the clause before the one starting at `start` ends, when the two are one sentence joined
    by ";" or two items of a list (a line ending in ";" or ":", then a line opening with a list mark or
    in lower case: not a heading); else None."""
    b = start
    while b > 0 and text[b - 1] in " (":
        b -= 1
    if b == 0:
        return None
    if text[b - 1] == ";":
        return b - 1
    if text[b - 1] == "\n" and _ITEM.match(text, b):
        end = len(text[:b - 1].rstrip(" \t"))
        if end and text[end - 1] in ";:":
            return end - 1 if text[end - 1] == ";" else end
    return None


def _carried_aim(text: str, start: int) -> bool:
    """An aim set in an earlier clause goes on to the clause at `start` over ";" or list items, through
    clauses that say nothing done (`carry_stops`), from an aim that says nothing done after it either
    ("Mục tiêu năm 2025 và kết quả thực hiện:" lists results)."""
    for _ in range(_CARRY_MAX):
        end = _joined_before(text, start)
        if end is None:
            return False
        lo, _hi = clause_of(text, (end, end))
        aim = _aim_at(text, lo, end)
        if aim is not None:
            return not _stops().search(text, aim, end)
        if _stops().search(text, lo, end):
            return False
        start = lo
    return False


def _target_stretches(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """From each heading of a target area of its own (not one it inherits), whose words say nothing of
    results ("Kết quả thực hiện 6 tháng cuối năm" reports), to the next heading at its level or above."""
    areas = set(_data()["areas"])
    out = []
    for i, s in enumerate(sections):
        if areas & set(s.own_areas) and not _results().search(s.heading):
            end = next((t.span[0] for t in sections[i + 1:] if t.level <= s.level), len(text))
            out.append((s.span[0], end))
    return out


def _is_aim(text: str, span: tuple[int, int]) -> bool:
    """Said to be an aim in its own clause, before it, or by an aim going on to its clause."""
    lo, hi = clause_of(text, span)
    if _aim_at(text, lo, span[0]) is not None:
        return True
    return not _stops().search(text, lo, hi) and _carried_aim(text, lo)


def mark_targets(text: str, metrics: list[dict[str, Any]], sections: list[Section]) -> None:
    """Set `target: true` on the record's figures with an indicator that are aims, not results: in a
    target section, or said to be aims in their sentence ("Phấn đấu … đạt 95%; 100% hồ sơ …"; not
    "đạt 96%, vượt mục tiêu đề ra", where the aim is what the result is measured against)."""
    compared = [m for m in metrics if m.get("indicator_key")]
    if not compared:
        return
    stretches = _target_stretches(text, sections)
    for m in compared:
        at = m["span"][0]
        if any(a <= at < b for a, b in stretches) or _is_aim(text, tuple(m["span"])):
            m["target"] = True
