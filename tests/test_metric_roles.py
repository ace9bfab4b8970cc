"""Percentages that are not a unit's figures: the conditions of a scoring scale (threshold) and the
two ends of a range, which is one figure of its own (extract/metric_roles.py)."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, LONG, need
from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics
from vanban.extract.record import extract_file


def _metrics(text: str) -> list[dict]:
    return [m.to_dict() for m in find_metrics(text, citations=find_citations(text))]


def test_a_plans_scoring_annex_gives_thresholds_not_figures() -> None:
    """Sample 004's annex: "Đạt 100%: đạt tối đa điểm - Từ 95% đến dưới 100%: đạt 0,25 điểm - …".
    Its percentages stay in the record (the gold counts every `%`) but compare no unit."""
    rec = extract_file(CORPUS / "txt" / "004_2a516ee14150a1bf.txt")
    percents = [m for m in rec["metrics"] if m["kind"] == "percent"]
    thresholds = [m for m in percents if m.get("threshold")]
    assert len(thresholds) >= 30
    assert all(m["indicator_key"] is None for m in thresholds)
    assert len(thresholds) < len(percents)          # "Trên 90% văn bản đi có kết nối …" is a target, kept


def test_a_coefficient_table_gives_thresholds() -> None:
    """long/02: "Hoàn thành 90% - dưới 100% công việc : 0,9" scales a bonus; nobody reported 90%."""
    path = need(LONG / "txt" / "02.txt")
    rec = extract_file(path)
    scale = [m for m in rec["metrics"] if "Hoàn thành" in m["context"] and m["kind"] == "percent"]
    assert len(scale) >= 10
    assert all(m.get("threshold") for m in scale)


def test_a_percent_range_is_one_figure_with_the_indicator() -> None:
    found = _metrics("Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 10% đến 50% tùy lĩnh vực.")
    [rng] = [m for m in found if m["kind"] == "range"]
    assert (rng["low"], rng["high"], rng["unit"], rng["value"]) == (10, 50, "%", None)
    assert rng["indicator_key"] == "dung_han"
    assert [m for m in found if m["kind"] == "percent"] == [], "the range stands in place of its ends"


def test_a_range_with_one_percent_sign() -> None:
    [rng] = [m for m in _metrics("Tỷ lệ người dân hài lòng đạt 80 - 90%.") if m["kind"] == "range"]
    assert (rng["low"], rng["high"], rng["raw"]) == (80, 90, "80 - 90%")


def test_a_reported_figure_with_a_score_after_a_comma_stays_a_figure() -> None:
    [m] = [m for m in _metrics("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%, xếp loại tốt, đạt 18 điểm.")
           if m["kind"] == "percent"]
    assert not m.get("threshold") and m["indicator_key"] == "dung_han"


def test_a_change_is_no_range_and_a_chain_gives_one() -> None:
    found = _metrics("Tỷ lệ hồ sơ giải quyết đúng hạn tăng từ 85% lên 92%.")
    assert [m["kind"] for m in found] == ["percent", "percent"]
    found = _metrics("Tỷ lệ hài lòng đạt 80% - 90% - 95% qua ba năm.")
    assert [(m["low"], m["high"]) for m in found if m["kind"] == "range"] == [(80, 90)], "95% starts no range on 90%"
    assert [m["span"] for m in found] == sorted(m["span"] for m in found), "in text order"


@pytest.mark.parametrize("text", ["Có 100% điểm tiêm chủng bảo đảm an toàn.",
                                  "Tỷ lệ hài lòng đạt 95% (tăng 1,5 điểm phần trăm so với cùng kỳ).",
                                  "Số ca điều trị khỏi (tỷ lệ 85%): 120.", "Kết quả tự chấm: đạt 98% (10 điểm)."])
def test_a_result_beside_the_word_diem_is_no_threshold(text: str) -> None:
    [m] = [m for m in _metrics(text) if m["kind"] == "percent"]
    assert not m.get("threshold")
