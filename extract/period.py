"""The period a report covers: `Quý III năm 2025`, `9 tháng đầu năm 2025`, `06 tháng cuối năm 2025`,
`tháng 8 năm 2018`, `năm 2026`, `giai đoạn 2026 - 2030`, with its first and last day."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

import regex

from vanban.extract.area_words import areas_of
from vanban.extract.catalogue import alternation, load
from vanban.extract.dates import DATE_RE, end_of_month, from_match
from vanban.extract.heading_marks import opens_heading
from vanban.extract.line_fold import is_caps


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
_REPORTED_THEN_PLANNED = period_pattern("reported_then_planned")
_CLAUSE_END = regex.compile(r"[.;:\n]")
_YEARLESS = period_pattern("yearless")
_LINE = regex.compile(r"[^\n]+")


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
    label = m.group()[:2] + {"í": "ý", "Í": "Ý"}.get(m.group()[2], m.group()[2]) + m.group()[3:]   # Quí: Quý
    return Period(label, f"{y}-{3 * n - 2:02d}-01", end_of_month(y, 3 * n))


_MONTH_WORDS: dict[str, int] = load("periods")["months"]["number_words"]


def _months(m: regex.Match[str]) -> Period | None:
    n, y = _MONTH_WORDS.get(m.group("n").lower()) or int(m.group("n")), int(m.group("y"))
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


def _dated(first: str, year: int) -> Period | None:
    """`Quý III`, `6 tháng đầu năm`, `tháng 9` in `year`, read by the pattern of its form."""
    label = f"{first} {year}" if first.lower().endswith("năm") else f"{first} năm {year}"
    for pattern, build in ((_QUARTER, _quarter), (_MONTHS, _months), (_MONTH, _month)):
        if m := pattern.fullmatch(label):
            return build(m)
    return None


def _planned(text: str, at: int) -> Period | None:
    """The period with a year that the plan words at `at` go on to, before any other number."""
    end = _CLAUSE_END.search(text, at)
    clause = text[at:end.start() if end else len(text)]
    found = [(m.start(), build(m)) for pattern, build in ((_QUARTER, _quarter), (_MONTHS, _months),
                                                          (_MONTH, _month), (_YEAR, _year))
             if (m := pattern.search(clause))]
    found = [(pos, p) for pos, p in found if p and not regex.search(r"\d", clause[:pos])]
    return min(found, key=lambda f: f[0])[1] if found else None


def _reported_then_planned(text: str, dated: str | None) -> Period | None:
    """`Quý III và phương hướng nhiệm vụ Quý IV năm 2025` reports on Quý III năm 2025: the year written at
    the end is both periods', the year before when the first would not end before the plan's period
    does (`Quý IV và phương hướng Quý I năm 2026`, `6 tháng cuối năm và phương hướng năm 2026`; but
    `Quý III và nhiệm vụ những tháng cuối năm 2025` is 2025's); none written, the document's year, the
    year before when the period would start after the document (`dated`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`)."""
    m = _REPORTED_THEN_PLANNED.search(text)
    if m is None:
        return None
    first = regex.sub(r"\s+", " ", m.group("first"))
    planned = _planned(text, m.end())
    if planned is not None:
        year = int(planned.start[:4])
        found = _dated(first, year)
        if found and found.end >= planned.end:       # a report ends before the time its plan is for ends
            found = _dated(first, year - 1)
        return found
    return _in_year_of(first, dated) if dated else None


def find_period(text: str, dated: str | None = None) -> Period | None:
    """The most specific period named in `text` (a title, or the opening of the body); a year that
    ends a date (`ngày 15 tháng 8 năm 2024`, a cited directive's or the header's) names none. A report
    on one period and a plan for the next is the first's (`_reported_then_planned`; `dated`, the
    document's date, gives its year when the text writes none)."""
    first = _REPORTED_THEN_PLANNED.search(text)
    written = [m.start() for p in (_QUARTER, _MONTHS, _MONTH) if (m := p.search(text))]
    if first is not None and not any(at < first.start() for at in written):   # not a sentence after the title
        found = _reported_then_planned(text, dated)
        if found:
            return found
    for pattern, build in ((_QUARTER, _quarter), (_MONTHS, _months), (_MONTH, _month),
                           (_MONTHS_THEN_YEAR, _months_then_year)):
        for m in pattern.finditer(text):
            found = build(m)
            if found:
                return found
    return _first_year_or_span(text)


def _in_year_of(first: str, dated: str) -> Period | None:
    """`Quý III` in the year of `dated` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), the year before when it would
    start after the document (a report on Quý IV dated in January)."""
    found = _dated(first, int(dated[:4]))
    if found and found.start[:len(dated)] > dated:
        found = _dated(first, int(dated[:4]) - 1)
    return found


def _without_forward(text: str, doc_type: str | None) -> str:
    """`text` with the lines that plan what comes next blanked from their first period on: a period
    after words naming phuong_huong ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2025") is not the report's;
    a main division's words ("IV. NHIỆM VỤ QUÝ IV") only on a heading's line, not a sentence's ("Kế hoạch
    số 12/KH-UBND về CCHC năm 2025")."""
    if doc_type in load("periods")["forward"]["own_types"]:
        return text
    out = text
    for line in _LINE.finditer(text):
        at = [m.start() for p in (_QUARTER, _MONTHS, _MONTH, _YEAR, _YEARS, _YEARLESS) if (m := p.search(line.group()))]
        heading = opens_heading(line.group()) or is_caps(line.group())     # a main division's words count
        if at and "phuong_huong" in areas_of(line.group()[:min(at)], doc_type, heading):
            cut = line.start() + min(at)
            out = out[:cut] + " " * (line.end() - cut) + out[line.end():]
    return out


def report_period(title: str, opening: str, dated: str | None = None, doc_type: str | None = None) -> Period | None:
    """The period of a document from its title, else from the opening of its body (`find_period`). A
    title's period without a year ("… Quý III") takes the year of the document's date (`dated`), else
    the nearest year the opening states; a period the body gives what comes next is never the report's."""
    if found := find_period(title, dated):
        return found
    opening = _without_forward(opening, doc_type)
    if m := _YEARLESS.search(title):
        first = regex.sub(r"\s+", " ", m.group("first"))
        if dated:
            return _in_year_of(first, dated)
        stated = find_period(opening)
        if stated and (found := _dated(first, int(stated.start[:4]))):
            return found
    return find_period(opening, dated)


@cache
def _report_letter() -> regex.Pattern[str]:
    words = alternation(load("periods")["letters"]["report_words"], flags_i=True)
    return regex.compile(rf"^\s*(?i:V/v|về\s+việc)?[\s:.]*{words}(?![\p{{L}}])")


def letter_period(subject: str, dated: str | None = None) -> Period | None:
    """The period of a letter that is a report ("V/v báo cáo công tác CCHC quý III năm 2025"): its
    subject's, never its body's; a letter on anything else ("V/v đề nghị báo cáo …") has none."""
    if not _report_letter().match(subject):
        return None
    return report_period(subject, "", dated, "Công văn")


_MONTH_YEAR = regex.compile(r"(?i)(?:tháng\s*)?(?<![\d/])(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>(?:19|20)\d\d)(?!\d)")


def deadline(text: str | None) -> str | None:
    """The last day a deadline allows, ISO: a date, else the end of a month or a quarter.

    "Trước 30/10/2026" -> 2026-10-30, "Tháng 6/2026" -> 2026-06-30, "Quý III/2026" -> 2026-09-30;
    "Thường xuyên" and rules without a date give None.
    """
    if not text:
        return None
    m = DATE_RE.search(text)
    if m:
        return from_match(m)
    q = _QUARTER.search(text)
    if q:
        n = _ROMAN.get(q.group("q").upper()) or int(q.group("q"))
        return end_of_month(int(q.group("y")), 3 * n)
    my = _MONTH_YEAR.search(text)
    if my and 1 <= int(my.group("m")) <= 12:
        return end_of_month(int(my.group("y")), int(my.group("m")))
    return None
