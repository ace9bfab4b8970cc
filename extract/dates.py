"""Dates as Vietnamese documents write them: `17/9/2025`, `01-10-1997`, `ngày 01 tháng 7 năm 2025`."""

from __future__ import annotations

import datetime as dt

import regex

_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_WORDED = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s*năm\s+(?P<y2>\d{4})"
DATE = rf"(?:{_NUMERIC}|{_WORDED})"
DATE_RE = regex.compile(rf"(?<![\d/.-]){DATE}(?![\d/])")


def make(year: int | str, month: int | str, day: int | str) -> str | None:
    """ISO date, or None when the parts do not make a real date of the era these texts cite."""
    try:
        y, m, d = int(year), int(month), int(day)
        if not 1900 <= y <= 2100:
            return None
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def from_match(m: regex.Match[str]) -> str | None:
    """ISO date of a match of DATE (either form)."""
    if m.group("d"):
        return make(m.group("y"), m.group("m"), m.group("d"))
    return make(m.group("y2"), m.group("m2"), m.group("d2"))


def parse(text: str) -> str | None:
    m = DATE_RE.search(text)
    return from_match(m) if m else None


def end_of_month(year: int, month: int) -> str:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()
