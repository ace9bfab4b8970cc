"""The period a report covers: `Quý III năm 2025`, `9 tháng đầu năm 2025`, `06 tháng cuối năm 2025`,
`tháng 8 năm 2018`, `năm 2026`, `giai đoạn 2026 - 2030`, with its first and last day."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

import regex

from vanban.extract.catalogue import load
from vanban.extract.dates import end_of_month


@cache
def period_pattern(name: str) -> regex.Pattern[str]:
    """One period word's pattern from patterns/periods.toml (`quarter`, `months`, `month`, `year`)."""
    return regex.compile(load("periods")[name]["pattern"])


_ROMAN: dict[str, int] = load("periods")["quarter"]["roman"]
_QUARTER = period_pattern("quarter")
_MONTHS = period_pattern("months")
_MONTHS_THEN_YEAR = period_pattern("months_then_year")
_MONTH = period_pattern("month")
_YEAR = period_pattern("year")
_YEARS = period_pattern("years")
_MAX_YEARS: int = load("periods")["years"]["max_years"]


@dataclass(frozen=True)
class Period:
    label: str
    start: str
    end: str

    def to_dict(self) -> dict:
        return asdict(self)


def _quarter(m: regex.Match[str]) -> Period | None:
    q = m.group("q").upper()
    n = _ROMAN.get(q) or int(q)
    y = int(m.group("y"))
    return Period(m.group(), f"{y}-{3 * n - 2:02d}-01", end_of_month(y, 3 * n))


def _months(m: regex.Match[str]) -> Period | None:
    n, y = int(m.group("n")), int(m.group("y"))
    if not 1 <= n <= 12:
        return None
    if (m.group("side") or "").lower() == "cuối":
        return Period(m.group(), f"{y}-{13 - n:02d}-01", f"{y}-12-31")
    return Period(m.group(), f"{y}-01-01", end_of_month(y, n))


def _months_then_year(m: regex.Match[str]) -> Period | None:
    """`10 tháng, ước thực hiện cả năm 2017` is `10 tháng năm 2017`, and so labelled."""
    found = _months(m)
    if found is None:
        return None
    side = f" {m.group('side').lower()}" if m.group("side") else ""
    return Period(f"{int(m.group('n'))} tháng{side} năm {m.group('y')}", found.start, found.end)


def _month(m: regex.Match[str]) -> Period | None:
    mo, y = int(m.group("m")), int(m.group("y"))
    if not 1 <= mo <= 12:
        return None
    return Period(m.group(), f"{y}-{mo:02d}-01", end_of_month(y, mo))


def _year(m: regex.Match[str]) -> Period:
    y = int(m.group("y"))
    return Period(m.group(), f"{y}-01-01", f"{y}-12-31")


def _years(m: regex.Match[str]) -> Period | None:
    """`giai đoạn 2026 - 2030`: a plan or a report over several years, the second after the first."""
    y, y2 = int(m.group("y")), int(m.group("y2"))
    if not y < y2 <= y + _MAX_YEARS:
        return None
    return Period(m.group(), f"{y}-01-01", f"{y2}-12-31")


def _first_year_or_span(text: str) -> Period | None:
    """A year or a span of years, whichever the text names first: `năm 2025 và giai đoạn 2026-2030`
    reports on 2025, `giai đoạn 2026 - 2030` (no single year before it) plans five years."""
    found: list[tuple[int, Period]] = []
    for pattern, build in ((_YEARS, _years), (_YEAR, _year)):
        for m in pattern.finditer(text):
            period = build(m)
            if period:
                found.append((m.start(), period))
                break
    return min(found, key=lambda f: f[0])[1] if found else None


def find_period(text: str) -> Period | None:
    """The most specific period named in `text` (a title, or the opening of the body); a year that
    ends a date (`ngày 15 tháng 8 năm 2024`, a cited directive's or the header's) names none."""
    for pattern, build in ((_QUARTER, _quarter), (_MONTHS, _months), (_MONTH, _month),
                           (_MONTHS_THEN_YEAR, _months_then_year)):
        for m in pattern.finditer(text):
            found = build(m)
            if found:
                return found
    return _first_year_or_span(text)
