"""A count whose noun joins the words beside it to name it (extract/indicators.py `_by_noun`): "1.200
hồ sơ trực tuyến" and "trong đó trực tuyến 1.200 hồ sơ" both count online files, the noun inside the
figure and the channel word outside it. Only where no catalogue word names the figure otherwise, and
never across a denial or for the other channel."""

from __future__ import annotations

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics


def key_of(text: str, raw: str) -> str | None:
    [m] = [m for m in find_metrics(text, citations=find_citations(text)) if m.raw == raw]
    return m.indicator_key


@pytest.mark.parametrize(("text", "raw", "key"), [
    ("Tiếp nhận 1.500 hồ sơ, trong đó trực tuyến 1.200 hồ sơ.", "1.200 hồ sơ", "dich_vu_cong_truc_tuyen"),
    ("Tiếp nhận 1.500 hồ sơ, trong đó 1.200 hồ sơ trực tuyến.", "1.200 hồ sơ", "dich_vu_cong_truc_tuyen"),
    ("Tổng số hồ sơ là 1.500 hồ sơ, trong đó:\n+ Trực tuyến: 1.200 hồ sơ;\n+ Trực tiếp: 300 hồ sơ.", "1.200 hồ sơ",
     "dich_vu_cong_truc_tuyen"),
    ("Năm 2025 có 1.200 hồ sơ trực tuyến toàn trình.", "1.200 hồ sơ", "dich_vu_cong_truc_tuyen"),
    # a catalogue word that names it already keeps it
    ("Tiếp nhận 1.200 hồ sơ trực tuyến.", "1.200 hồ sơ", "tiep_nhan_ho_so"),
])
def test_a_count_named_by_its_noun_and_the_words_beside_it(text: str, raw: str, key: str) -> None:
    assert key_of(text, raw) == key


@pytest.mark.parametrize(("text", "raw"), [
    ("Tiếp nhận 1.500 hồ sơ, trong đó trực tuyến 1.200 hồ sơ, trực tiếp 300 hồ sơ.", "300 hồ sơ"),
    ("Năm 2025 có 300 hồ sơ trực tiếp.", "300 hồ sơ"),
    ("Năm 2025 có 300 hồ sơ không trực tuyến.", "300 hồ sơ"),
    ("Năm 2025 có 300 hồ sơ chưa nộp trực tuyến.", "300 hồ sơ"),
    ("Trực tuyến, năm 2025 có 300 văn bản.", "300 văn bản"),     # another noun: no "văn bản trực tuyến"
])
def test_the_words_beside_a_count_name_nothing_else(text: str, raw: str) -> None:
    assert key_of(text, raw) is None
