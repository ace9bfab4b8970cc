"""Ranges are one figure each (output.md `range`: low, high, unit): of money, in one scale or two; of
percentages, in place of their two ends; of counts. A number that only looks like a range's low end
(a year, a quarter) leaves the amount after it alone."""

from __future__ import annotations

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics


def figures(text: str) -> list[dict]:
    found = [m.to_dict() for m in find_metrics(text, citations=find_citations(text))]
    assert found, text
    return found


@pytest.mark.parametrize(("text", "low", "high", "unit", "raw"), [
    ("Tiết kiệm từ 1,5 đến 2 tỷ đồng.", 1_500_000_000, 2_000_000_000, "đồng", "1,5 đến 2 tỷ đồng"),
    ("Kinh phí dự kiến 500 triệu - 1 tỷ đồng.", 500_000_000, 1_000_000_000, "đồng", "500 triệu - 1 tỷ đồng"),
    ("Mỗi dự án được hỗ trợ từ 2 tới 5 triệu USD.", 2_000_000, 5_000_000, "USD", "2 tới 5 triệu USD"),
    ("Chi từ 1 đến 1 tỷ 200 triệu đồng.", 1_000_000_000, 1_200_000_000, "đồng", "1 đến 1 tỷ 200 triệu đồng"),
])
def test_a_range_of_money_is_one_figure(text: str, low: int, high: int, unit: str, raw: str) -> None:
    [m] = figures(text)
    assert (m["kind"], m["low"], m["high"], m["unit"], m["raw"], m["value"]) == ("range", low, high, unit, raw, None)


@pytest.mark.parametrize(("text", "value"), [
    ("Năm 2024 - 2 tỷ đồng.", 2_000_000_000),          # a year, not a low end
    ("Quý 1 - 2 tỷ đồng.", 2_000_000_000),             # a quarter's number
    ("Từ 3 đến 1 tỷ đồng.", 1_000_000_000),            # no range runs downwards
    ("Tổng kinh phí 1,5 tỷ đồng.", 1_500_000_000),
])
def test_an_amount_after_no_low_end_stays_an_amount(text: str, value: int) -> None:
    [m] = figures(text)
    assert (m["kind"], m["value"], m.get("low")) == ("money", value, None)


@pytest.mark.parametrize(("text", "low", "high", "raw"), [
    ("Giảm từ 10% đến 15% chi phí.", 10, 15, "10% đến 15%"),
    ("Tỷ lệ người dân hài lòng đạt 80 - 90%.", 80, 90, "80 - 90%"),
])
def test_a_range_of_percentages_stands_in_place_of_its_ends(text: str, low: int, high: int, raw: str) -> None:
    [m] = figures(text)
    assert (m["kind"], m["low"], m["high"], m["unit"], m["raw"]) == ("range", low, high, "%", raw)


def test_a_scale_of_thresholds_keeps_its_percentages() -> None:
    found = figures("Đạt 100%: đạt tối đa điểm - Từ 95% đến dưới 100%: đạt 0,25 điểm - Dưới 95%: 0 điểm.")
    assert [m["kind"] for m in found].count("range") == 0
    assert all(m.get("threshold") for m in found if m["kind"] == "percent")


def test_ranges_of_counts_money_and_percentages_in_one_paragraph() -> None:
    text = ("Tổ chức từ 3 đến 5 lớp tập huấn. Mỗi trạm có từ 5 - 7 viên chức. Giảm từ 10% đến 15% chi phí. "
            "Tiết kiệm từ 1,5 đến 2 tỷ đồng. Kiểm tra 3-5 trạm y tế.")
    got = [(m["kind"], m["low"], m["high"], m["unit"]) for m in figures(text)]
    assert got == [("range", 3, 5, "lớp tập huấn"), ("range", 5, 7, "viên chức"), ("range", 10, 15, "%"),
                   ("range", 1_500_000_000, 2_000_000_000, "đồng"), ("range", 3, 5, "trạm y tế")]


def test_a_span_of_days_is_no_count() -> None:
    """Time words are no counting nouns (patterns/metrics.toml [count_units]; the figure gold leaves out
    "days and other time spans"): "từ 3 đến 5 ngày làm việc" is a duration, not a range of counts."""
    found = find_metrics("Rút ngắn thời gian giải quyết từ 3 đến 5 ngày làm việc; tổ chức 3 lớp.")
    assert [(m.kind, m.raw) for m in found] == [("count", "3 lớp")]
