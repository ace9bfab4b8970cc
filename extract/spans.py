"""Spans of text (start, end) and the one question the extractors ask of many: does this fall on one?

Citations ask it of the spans other citations took; figures of the spans fenced off as dates,
codes and tables. Sorted starts and a bisection answer it in log time per question.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Span = tuple[int, int]


class SpanSet:
    """Sorted spans, asked whether an offset or a span falls on one of them."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def covers(self, pos: int) -> bool:
        """Whether `pos` lies inside the last span that starts at or before it (spans that do not overlap)."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def hit(self, span: Span) -> bool:
        """Whether `span` overlaps any of the spans (they may overlap one another)."""
        lo = bisect_right(self.starts, span[0] - self.max_len - 1)
        hi = bisect_right(self.starts, span[1] - 1)
        return any(s < span[1] and span[0] < e for s, e in self.spans[lo:hi])
