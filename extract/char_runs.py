"""Runs of a `regex` character class, found by the standard `re` wherever that is exact.

`regex` looks up a Unicode property (`\\p{L}`) for every character it scans; over a page of text
that is ~3x slower than `re` testing a bitmap of explicit ranges. The ranges are the class's own
members as `regex` judges them, taken over the first code points (every alphabet a report here is
written in, the combining marks, punctuation and mathematical signs). A text is handed to `re`
only when none of its characters beyond those is a member either, so both find the same runs;
any other text (CJK, say) goes to `regex` as before.
"""

from __future__ import annotations

import re

import regex

_LIMIT = 0x2500      # code points judged up front: Latin to the mathematical operators


def _ranges(members: str) -> str:
    """`members` (sorted, distinct) as an `re` class body of ranges."""
    out, start, prev = [], None, -2
    for c in map(ord, members):
        if c != prev + 1:
            if start is not None:
                out.append((start, prev))
            start = c
        prev = c
    if start is not None:
        out.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


class CharRuns:
    """`findall` of `[class]+` as `regex` gives it, by `re` when the text allows."""

    def __init__(self, char_class: str) -> None:
        self.slow = regex.compile(f"{char_class}+")
        self._member = regex.compile(char_class)
        universe = "".join(map(chr, range(_LIMIT)))
        members = "".join(self._member.findall(universe))
        self.fast = re.compile(f"[{_ranges(members)}]+") if members else None
        self._beyond = re.compile(f"[^\\x00-{re.escape(chr(_LIMIT - 1))}]")
        self._judged: dict[str, bool] = {}     # a character beyond the limit: a member?

    def exact(self, text: str) -> bool:
        """Whether `re` finds the same runs in `text`: no character of it beyond the limit is a member."""
        if self.fast is None:
            return False
        judged = self._judged
        for c in set(self._beyond.findall(text)):
            member = judged.get(c)
            if member is None:
                member = judged[c] = bool(self._member.match(c))
            if member:
                return False
        return True

    def findall(self, text: str) -> list[str]:
        return (self.fast if self.exact(text) else self.slow).findall(text)
