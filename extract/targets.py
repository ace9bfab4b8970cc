"""Which figures are targets rather than results ([targets] in patterns/metrics.toml).

A plan's "100% văn bản đi được ký số" and a report's "Phấn đấu năm 2026 … đạt 100%" are aims: set
beside another unit's result they read as an achievement. A figure is a target when its sentence
says so before it, or when it stands in a section on the next period's direction.
Only the figures with an indicator are judged: they are the ones the questions compare.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import clause_of
from vanban.extract.sections import Section


@cache
def _words() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(load('metrics')['targets']['words'], flags_i=True)})"
                         r"(?![\p{L}])", regex.I)


@cache
def _results() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(load('metrics')['targets']['result_words'], flags_i=True)})"
                         r"(?![\p{L}])", regex.I)


def _target_stretches(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """From each heading of a target area of its own (not one it inherits), whose words say nothing of
    results ("Kết quả thực hiện 6 tháng cuối năm" reports), to the next heading at its level or above."""
    areas = set(load("metrics")["targets"]["areas"])
    out = []
    for i, s in enumerate(sections):
        if areas & set(s.own_areas) and not _results().search(s.heading):
            end = next((t.span[0] for t in sections[i + 1:] if t.level <= s.level), len(text))
            out.append((s.span[0], end))
    return out


def mark_targets(text: str, metrics: list[dict[str, Any]], sections: list[Section]) -> None:
    """Set `target: true` on the record's figures with an indicator that are aims, not results: in a
    target section, or after a target word in their clause ("Phấn đấu … đạt 100%"; not "đạt 96%, vượt
    mục tiêu đề ra", where the aim is what the result is measured against)."""
    compared = [m for m in metrics if m.get("indicator_key")]
    if not compared:
        return
    stretches = _target_stretches(text, sections)
    for m in compared:
        at = m["span"][0]
        if any(a <= at < b for a, b in stretches) or _words().search(text, clause_of(text, tuple(m["span"]))[0], at):
            m["target"] = True
