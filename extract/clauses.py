"""Where a figure stands in its text: its clause, its sentence, and the words around it that a reader
needs to see it by (indicators.py reads what it measures from them; flags.py quotes the sentence)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex

from vanban.extract.spans import Span

CLAUSE_END = regex.compile(r"[;\t\n]|(?<!\d)[.!?…](?=\s|$)|(?<=\d)\.(?=\s+\p{Lu})|\s-\s(?=\p{Lu})")
_SENTENCE_END = regex.compile(r"[\n\t]|[.!?…](?=\s+[\p{Lu}\d(+-]|\s*$)")
# The same matches, each alternative opening with its character (`regex` scans ~4× faster so) and a
# clause's ` - ` found at its dash: `_clause_ends` puts the span back on the space before it.
_CLAUSE_END_AT = regex.compile(r"[;\t\n]|[.!?…](?<!\d[.!?…])(?=\s|$)|\.(?<=\d\.)(?=\s+\p{Lu})|-(?<=\s-)(?=\s\p{Lu})")
_CONTEXT_MAX = 300


def _bounds(text: str, pos: int, end: int, pattern: regex.Pattern[str]) -> Span:
    """The stretch of text around [pos, end) between two matches of `pattern`: the end of the last
    match (scanning from 2,000 characters before) that ends by `pos`, and the start of the next one
    from `end`. Taken from the text's matches found once (a report has hundreds of figures); where a
    match straddles the point a scan would start from, that scan is run as it was."""
    starts, ends = _matches(text, pattern)
    lo = max(0, pos - 2000)
    i = bisect_left(starts, lo)
    if i and ends[i - 1] > lo:
        start = 0
        for m in pattern.finditer(text, lo):
            if m.end() > pos:
                break
            start = m.end()
    else:
        j = bisect_right(ends, pos) - 1
        start = ends[j] if j >= i else 0
    k = bisect_left(starts, end)
    if k and ends[k - 1] > end:
        m = pattern.search(text, end)
        return start, (m.start() if m else len(text))
    return start, (starts[k] if k < len(starts) else len(text))


@lru_cache(maxsize=8)
def _matches(text: str, pattern: regex.Pattern[str]) -> tuple[list[int], list[int]]:
    """Starts and ends of the matches of `pattern` over the whole text (none is empty)."""
    found = _clause_ends(text) if pattern is CLAUSE_END else [m.span() for m in pattern.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def _clause_ends(text: str) -> list[Span]:
    """`CLAUSE_END.finditer(text)` from `_CLAUSE_END_AT`: a dash's span starts on the space before it,
    unless that space is a tab or a line break, which is a clause end of its own and comes first."""
    out: list[Span] = []
    last = 0
    for m in _CLAUSE_END_AT.finditer(text):
        at = m.start()
        if text[at] == "-":
            if at - 1 >= last and text[at - 1] not in "\t\n":
                out.append((at - 1, at + 2))
                last = at + 2
        elif at >= last:
            out.append((at, at + 1))
            last = at + 1
    return out


def clause_of(text: str, span: Span) -> Span:
    """The clause a figure sits in: cut at `;`, sentence ends, tabs and line ends."""
    s, e = _bounds(text, span[0], span[1], CLAUSE_END)
    while s < span[0] and text[s] in " (":
        s += 1
    return s, e


def sentence_of(text: str, span: Span) -> Span:
    return _bounds(text, span[0], span[1], _SENTENCE_END)


def context_of(text: str, span: Span) -> str:
    """The words around a figure, as a reader needs them: its clause, or its sentence when that is short."""
    s, e = clause_of(text, span)
    if e - s < 40:                       # "93,1% (81.657/87.709)": a bare clause says little
        s, e = sentence_of(text, span)
    if e - s > _CONTEXT_MAX:
        half = _CONTEXT_MAX // 2
        s, e = max(s, span[0] - half), min(e, span[1] + half)
    return " ".join(text[s:e].split()).strip(" ,;:(")
