"""What a figure's own words say it is not (extract/own_words.py, patterns/indicators.toml): a denied
indicator ("không hài lòng 3%"), a change ("giảm 1,2% so với cùng kỳ"), the other part of the files
("hồ sơ trực tiếp 20%"), spending beside revenue, the parts of a total, a degree in one field.
`vanban figures` sets one indicator's figures side by side across units: each of these put a wrong
number beside the others (the spec4 review, item 4; a tester's note on long/11)."""

from __future__ import annotations

import pytest

from tests.conftest import LONG, need
from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics
from vanban.extract.own_words import denied_keys, is_change, own_words
from vanban.extract.record import extract_file


def keys(text: str) -> list[tuple[str, str | None]]:
    """(raw, indicator key) of every figure of `text`, in order."""
    return [(m.raw, m.indicator_key) for m in find_metrics(text, citations=find_citations(text))]


@pytest.mark.parametrize(("text", "want"), [
    # i02: the share of unsatisfied patients is no satisfaction rate
    ("Tỷ lệ người bệnh không hài lòng 3%; tỷ lệ hài lòng 97%.", [("3%", None), ("97%", "hai_long")]),
    # i08, h12: a change since the same period is no value of the indicator; the value keeps it
    ("Tỷ lệ người bệnh hài lòng với dịch vụ y tế đạt 96,44%, giảm 1,2% so với cùng kỳ.",
     [("96,44%", "hai_long"), ("1,2%", None)]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,48% (1.234/1.253 hồ sơ), tăng 2% so với cùng kỳ (1.100/1.150 hồ sơ).",
     [("98,48%", "dung_han"), ("1.234/1.253", "dung_han"), ("2%", None), ("1.100/1.150", "dung_han")]),
    # i07: documents not signed are no signed documents
    ("Tỷ lệ văn bản đi được ký số đạt 95%, văn bản chưa ký số 5%.", [("95%", "ky_so"), ("5%", None)]),
    # i03, f04: files handed in at the desk are not the online ones
    ("Tỷ lệ hồ sơ trực tuyến đạt 80%, hồ sơ trực tiếp 20%.",
     [("80%", "dich_vu_cong_truc_tuyen"), ("20%", None)]),
    ("Tổng số hồ sơ tiếp nhận là 1.500 hồ sơ; trong đó: hồ sơ trực tuyến: 1.200 hồ sơ (80%); "
     "hồ sơ trực tiếp: 300 hồ sơ (20%).",
     [("1.500 hồ sơ", "tiep_nhan_ho_so"), ("1.200 hồ sơ", "dich_vu_cong_truc_tuyen"),
      ("80%", "dich_vu_cong_truc_tuyen"), ("300 hồ sơ", None), ("20%", None)]),
    ("Tỷ lệ hồ sơ trực tuyến đạt 80% (trực tiếp 20%).", [("80%", "dich_vu_cong_truc_tuyen"), ("20%", None)]),
    # m01: spending and savings beside the revenue are no revenue
    ("Tổng thu sự nghiệp 2 tỷ 500 triệu đồng; chi thường xuyên 1.200.000.000 đồng; tiết kiệm 150 triệu đồng.",
     [("2 tỷ 500 triệu đồng", "tong_thu"), ("1.200.000.000 đồng", None), ("150 triệu đồng", None)]),
    # x03: the parts of the revenue are not each the revenue
    ("Tổng thu 12,5 tỷ đồng, trong đó thu BHYT 8 tỷ đồng, thu viện phí 3 tỷ đồng, thu khác 1,5 tỷ đồng.",
     [("12,5 tỷ đồng", "tong_thu"), ("8 tỷ đồng", None), ("3 tỷ đồng", None), ("1,5 tỷ đồng", None)]),
    ("Tổng thu 12,5 tỷ, tổng chi 10,2 tỷ.", [("12,5 tỷ", "tong_thu"), ("10,2 tỷ", "tong_chi")]),   # m07 as it was
    # the words past a lone "và" after a figure are the next item's, not its own
    ("Tổng thu 12,5 tỷ đồng và chi thường xuyên 10 tỷ đồng.", [("12,5 tỷ đồng", "tong_thu"), ("10 tỷ đồng", None)]),
    ("Tổng thu 12,5 tỷ đồng và tiền phạt 10 tỷ đồng.", [("12,5 tỷ đồng", "tong_thu"), ("10 tỷ đồng", None)]),
])
def test_each_figure_takes_what_it_measures(text: str, want: list[tuple[str, str | None]]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize(("text", "raw", "key"), [
    ("Tỷ lệ hài lòng tăng lên 98%.", "98%", "hai_long"),               # a new level is a value
    ("Tỷ lệ hài lòng tăng từ 85% lên 92%.", "92%", "hai_long"),
    ("Tỷ lệ hồ sơ quá hạn giảm còn 2%.", "2%", "tre_han"),
    ("Tỷ lệ giải ngân đạt 85% so với kế hoạch vốn giao.", "85%", "giai_ngan"),     # a plan is no earlier period
    ("Giải quyết đúng hạn 1.200 hồ sơ không quá hạn.", "1.200 hồ sơ", "dung_han"),  # a denial of the opposite
    ("Thanh toán không dùng tiền mặt đạt 31,6%.", "31,6%", "khong_dung_tien_mat"),   # "không" inside the word
    ("Số người có trình độ đại học trở lên 120 người, chiếm 80%.", "80%", "cao_dang_tro_len"),
])
def test_values_keep_their_indicator(text: str, raw: str, key: str) -> None:
    assert dict(keys(text))[raw] == key


def test_own_words_say_change_and_denial() -> None:
    """The two readings on the spans themselves: a change ends the words before the figure or opens
    those after it; a denial stands in them (after a link word too)."""
    text = "Tỷ lệ hài lòng đạt 97%, giảm 1,2% so với cùng kỳ, không hài lòng 3%; 12 văn bản chưa được ký số."
    found = {m.raw: m for m in find_metrics(text)}
    assert set(found) >= {"97%", "1,2%", "3%", "12 văn bản"}
    percents = [found[r].span for r in ("97%", "1,2%", "3%")]

    def own(raw: str) -> tuple:
        m = found[raw]
        return own_words(text, m, (0, len(text)), [s for s in percents if s != m.span])

    assert [is_change(text, found[r], own(r)) for r in ("97%", "1,2%", "3%")] == [False, True, False]
    assert denied_keys(text, own("3%"), len(text)) == {"hai_long"}
    m = found["12 văn bản"]
    clause_end = len(text)
    assert denied_keys(text, own_words(text, m, (text.index("12"), clause_end), []), clause_end) == {"ky_so"}


def test_a_degree_in_one_field_is_no_level_of_education() -> None:
    """long/11 (a plan's aims): "100% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật ... có
    trình độ đại học Luật hoặc chuyên ngành luật trở lên" is a post's requirement, not the share of
    staff with a college degree or above that units compare (`narrowed_by`)."""
    rec = extract_file(need(LONG / "txt" / "11.txt"))
    text_figures = [m for m in rec["metrics"] if m["kind"] == "percent"]
    assert text_figures, "the plan's percentages are found"
    [aim] = [m for m in text_figures if "trình độ đại học Luật" in m["context"]]
    assert aim["indicator_key"] is None
    assert not [m for m in rec["metrics"] if m["indicator_key"] == "cao_dang_tro_len"]


def test_the_college_share_of_a_real_report_stays() -> None:
    """corpus/txt/000: "205/257 viên chức đạt trình độ cao đẳng trở lên, chiếm tỷ lệ 80%" keeps it."""
    from tests.conftest import CORPUS

    rec = extract_file(CORPUS / "txt" / "000_a9042f12ea01ae86.txt")
    named = [(m["raw"], m["kind"]) for m in rec["metrics"] if m["indicator_key"] == "cao_dang_tro_len"]
    assert named == [("205/257", "ratio"), ("80%", "percent")]
