"""OCR's slips in a run of Roman heading numbers (`L.` for `I.`, `II.` twice for `II.`, `III.`), mended
from the run they stand in: the reading broke them, not the author."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import regex

from vanban.extract.ocr_repair import ROMAN

_ROMAN = regex.compile(r"[IVXL]{1,6}")


class Heading(Protocol):
    number: str
    level: int
    parent: int | None


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10}


def _roman_value(number: str) -> int | None:
    if not number or not ROMAN.fullmatch(number):
        return None
    values = [_ROMAN_DIGITS[c] for c in number]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


def _roman(value: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out, value = out + r, value - v
    return out


def mend_roman_runs(secs: Sequence[Heading]) -> None:
    """In a document read by OCR, a top heading's Roman number that is no number or goes back in the
    run of its siblings, and is one slip from the number the run wants there (`L` for `I`, `II` after
    `II` for `III`), is that number: the reading, not the author, broke it. A jump forward is a
    heading OCR lost and stays; a typed document keeps its numbers as written."""
    romans = [s for s in secs if _ROMAN.fullmatch(s.number)]
    top = min((s.level for s in romans), default=0)
    runs: dict[int | None, list[Heading]] = {}        # under each part ("Phần I", "A."), a run of its own
    for s in romans:
        if s.level == top:
            runs.setdefault(s.parent, []).append(s)
    for tops in runs.values():
        _mend_run(tops)


def _mend_run(tops: list[Heading]) -> None:
    for k, s in enumerate(tops):
        want = (_roman_value(tops[k - 1].number) or 0) + 1 if k else 1
        read = _roman_value(s.number)
        if read is not None and read >= want:
            continue                # in order, or a jump: a heading OCR lost, not a slip
        last = k + 1 == len(tops)
        meant = _roman(want)
        slip = s.number.replace("L", "I") == meant or (          # `L` for `I`, an `I` lost or gained
            abs(len(s.number) - len(meant)) == 1 and s.number.replace("I", "") == meant.replace("I", ""))
        if slip and (last or _roman_value(tops[k + 1].number) == want + 1):
            s.number = meant
