"""What a figure measures stops at its clause: a semicolon ends it (the next clause names its own figure),
and the words of the figure listed before it are that figure's, even when they begin in its noun."""

from __future__ import annotations

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics


def _keys(text: str) -> dict[str, str | None]:
    found = find_metrics(text, citations=find_citations(text))
    assert found
    return {m.raw: m.indicator_key for m in found}


@pytest.mark.parametrize(("text", "raw", "key"), [
    # a semicolon ends the clause, either way, for a figure of another kind
    ("Đã ban hành 05 kế hoạch; tỷ lệ hồ sơ đúng hạn đạt 98,5%.", "05 kế hoạch", None),
    ("Đã ban hành 05 kế hoạch; tỷ lệ hồ sơ đúng hạn đạt 98,5%.", "98,5%", "dung_han"),
    ("Tỷ lệ hồ sơ đúng hạn đạt 98,5%; ban hành 05 kế hoạch.", "05 kế hoạch", None),
    # ... but a figure listed after one of its kind goes on from it
    ("Tỷ lệ đúng hạn năm 2025 đạt 98%; năm 2024 đạt 95%.", "95%", "dung_han"),
    # "hồ sơ trực tuyến" begins in the 300's noun: the 300's words, not the 207's
    ("Tiếp nhận 400 hồ sơ, trong đó 300 hồ sơ trực tuyến và 207 hồ sơ trực tiếp.", "207 hồ sơ", None),
    ("Tiếp nhận hơn 500 hồ sơ, trong đó 300 hồ sơ trực tuyến và 207 hồ sơ trực tiếp.", "207 hồ sơ", None),
])
def test_a_figure_takes_no_words_of_another_clause_or_figure(text: str, raw: str, key: str | None) -> None:
    assert _keys(text)[raw] == key
