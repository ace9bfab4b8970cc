"""Counts and money beyond the samples (output.md, second round): magnitude words, ranges,
approximations, numbers written in words; and the numbers that are never figures."""

from __future__ import annotations

import pytest

from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics


def figures(text: str) -> list[dict]:
    return [m.to_dict() for m in find_metrics(text, citations=find_citations(text))
            if m.kind in ("count", "money", "range")]


@pytest.mark.parametrize(("text", "kind", "value", "unit"), [
    ("Hệ thống đã tiếp nhận 2,37 triệu lượt truy cập trong năm.", "count", 2_370_000, "lượt"),
    ("Toàn tỉnh giải quyết 3,6 ngàn hồ sơ trực tuyến.", "count", 3_600, "hồ sơ"),
    ("Tập huấn cho 1,2 nghìn người dân.", "count", 1_200, "người dân"),
    ("Tổng kinh phí thực hiện là 1,5 tỷ đồng.", "money", 1_500_000_000, "đồng"),
    ("Dự toán 111.262 triệu đồng.", "money", 111_262_000_000, "đồng"),
    ("Đơn vị đã tổ chức hai cuộc kiểm tra công vụ.", "count", 2, "cuộc kiểm tra"),
    ("Thành lập mười hai đoàn công tác.", "count", 12, "đoàn"),
    ("Phạt tiền với tổng số tiền là: 48.640.000đ", "money", 48_640_000, "đồng"),
    ("Nguồn xổ số kiến thiết giải ngân 318,439 tỷ (đạt 93%).", "money", 318_439_000_000, "đồng"),
    ("Công tác kỷ luật: kỷ luật 09 trường hợp.", "count", 9, "trường hợp"),
    ("Đánh giá, phân loại 58 người.", "count", 58, "người"),
])
def test_counts_and_money_with_their_scale(text: str, kind: str, value: int, unit: str) -> None:
    [m] = figures(text)
    assert (m["kind"], m["value"], m["unit"]) == (kind, value, unit)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("Mỗi lớp từ 250 đến 400 người tham dự.", 250, 400, "người"),
    ("Mỗi xã bố trí 3 - 5 cộng tác viên.", 3, 5, "cộng tác viên"),
])
def test_ranges(text: str, low: int, high: int, unit: str) -> None:
    [m] = figures(text)
    assert (m["kind"], m["low"], m["high"], m["unit"]) == ("range", low, high, unit)
    assert m["value"] is None, "a range has no one value: its upper end is not the figure"


def test_a_range_of_a_real_report_keeps_both_ends() -> None:
    """corpus/txt/002 (Lào Cai): "thường xuyên đạt từ 250 đến 400 người" was a figure of 400."""
    from tests.conftest import CORPUS
    from vanban.extract.record import extract_file

    rec = extract_file(CORPUS / "txt" / "002_10029ef880a30beb.txt")
    [m] = [m for m in rec["metrics"] if m["kind"] == "range"]
    assert (m["raw"], m["low"], m["high"], m["value"], m["unit"]) == ("250 đến 400 người", 250, 400, None, "người")


@pytest.mark.parametrize(("text", "approx", "value"), [
    ("Năm 2024 tiếp nhận hơn 500 hồ sơ.", "hơn", 500),
    ("Có gần 1.000 lượt người dân tham gia.", "gần", 1000),
    ("Khảo sát khoảng 20 cơ sở khám chữa bệnh.", "khoảng", 20),
    ("Đã tổ chức trên 90 cuộc tuyên truyền.", "hơn", 90),
])
def test_approximate_figures(text: str, approx: str, value: int) -> None:
    [m] = figures(text)
    assert (m["approx"], m["value"]) == (approx, value)


@pytest.mark.parametrize("text", [
    "Trên địa bàn có 12 xã.",               # "trên địa bàn" makes nothing approximate
    "Có 12 xã hoàn thành.",
])
def test_exact_figures_stay_exact(text: str) -> None:
    assert all("approx" not in m for m in figures(text))


@pytest.mark.parametrize("text", [
    "Ngày 12.3.2024 đơn vị họp.",                         # a dotted date
    "Cung cấp dịch vụ công mức độ 3,4 cho người dân.",    # service levels
    "Theo Quyết định số 1234/QĐ-UBND ngày 5/3/2024 của UBND tỉnh.",   # a document number
    "Hai bên thống nhất nội dung.",                       # a number word with no counting noun
    "Năm 2025 đơn vị triển khai.",                        # năm is a year here
    "Mức 2,5 người là không hợp lý.",                     # a count is a whole number
    "theo quy định 30 ngày làm việc",                     # days are a period, not a count
    "Viên chức hạng 4 được xếp loại 2.",                   # a level, a grade
    "Dân số cả nước đạt 1,2 tỷ.",                          # no money spoken of
])
def test_traps_stay_non_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(("text", "counts"), [
    # a name's number: "số N" ending a unit's name, before an administrative or organisation noun
    ("Bệnh viện Đa khoa số 2 tỉnh Lào Cai báo cáo kết quả như sau.", []),
    ("Trường THCS số 1 xã Bảo Thắng tham gia tập huấn.", []),
    ("Tổ dân phố số 5 phường Cốc Lếu đã triển khai.", []),
    ("Trạm Y tế số 3 xã Gia Phú có 5 cán bộ.", [(5, "cán bộ")]),
    # a number of things, with or without "số"
    ("Toàn quốc có tổng số 12 tỉnh tham gia thí điểm.", [(12, "tỉnh")]),
    ("Tổng số 12 tỉnh tham gia thí điểm.", [(12, "tỉnh")]),
    ("Đã có 2 tỉnh triển khai.", [(2, "tỉnh")]),
    ("Trong số 5 xã được kiểm tra, 3 xã đạt.", [(5, "xã"), (3, "xã")]),
    ("Lào Cai có số 2 tỉnh lân cận tham gia.", [(2, "tỉnh")]),
    ("Bệnh viện có tổng số 25 người.", [(25, "người")]),
    ("Bệnh viện số 2 có 25 người.", [(25, "người")]),
])
def test_a_names_number_is_no_count(text: str, counts: list[tuple[int, str]]) -> None:
    assert [(m["value"], m["unit"]) for m in figures(text) if m["kind"] == "count"] == counts


def test_the_lao_cai_hospitals_number_is_no_count() -> None:
    """corpus/txt/002 names its writer "Bệnh viện Đa khoa số 2 tỉnh Lào Cai" three times: no "2 tỉnh" count."""
    from tests.conftest import CORPUS
    from vanban.extract.record import extract_file

    rec = extract_file(CORPUS / "txt" / "002_10029ef880a30beb.txt")
    assert not [m for m in rec["metrics"] if m.get("unit") == "tỉnh"]
    assert any(m["kind"] == "count" for m in rec["metrics"]), "its other counts stay"


@pytest.mark.parametrize(("text", "unit"), load("metrics")["money"]["foreign_examples"])
def test_a_foreign_currency_after_the_amount_is_that_currency(text: str, unit: str) -> None:
    """patterns/metrics.toml [money] foreign: "6,2 tỷ USD" is 6 200 000 000 USD, never đồng."""
    [m] = figures(text)
    assert (m["kind"], m["unit"]) == ("money", unit)


def test_an_amount_in_usd_keeps_its_value() -> None:
    [m] = figures("Vốn ODA giải ngân ước đạt khoảng 6,2 tỷ USD.")
    assert (m["value"], m["unit"], m["approx"], m["indicator_key"]) == (6_200_000_000, "USD", "khoảng", "giai_ngan")


def test_a_list_items_number_glued_to_its_percentage_is_no_part_of_it() -> None:
    """"3.100% số bệnh nhân" between items 2 and 4 is item 3, 100% (a Word 97 plan's objectives);
    the same number in running text, or without items beside it, stays 3.100%."""
    text = ("II. Mục tiêu:\n1.Đạt chỉ tiêu số lần khám bệnh là 15.000 lượt bệnh nhân trong năm.\n"
            "2.95 % bệnh nhân đến khám được chẩn đoán đúng\n3.100% số bệnh nhân chuyển tuyến hợp lý\n"
            "4.100% nhân viên thực hiện đúng quy chế\nDoanh thu tăng 3.100% so với năm 2010.\n"
            "Ghi chú\n3.100% là mức tăng của doanh thu.")
    found = [(m.raw, m.value) for m in find_metrics(text) if m.kind == "percent"]
    assert found == [("95 %", 95), ("100%", 100), ("100%", 100), ("3.100%", 3100), ("3.100%", 3100)]


@pytest.mark.parametrize(("text", "values", "unit"), [
    ("Số hồ sơ tiếp nhận trong tháng/lũy kế: 120/1.450.", [120, 1450], "hồ sơ"),
    ("- Số hồ sơ giải quyết đúng hạn (trong tháng/lũy kế): 118/1.420 (đạt 98,3%).", [118, 1420], "hồ sơ"),
    ("Số cán bộ nữ/nam: 45/60.", [45, 60], "cán bộ"),
    ("Số hồ sơ tiếp nhận/giải quyết: 1.450/1.420.", [1450, 1420], "hồ sơ"),
])
def test_a_pair_under_a_header_of_two_counts_is_two_counts(text: str, values: list[int], unit: str) -> None:
    """"x/y" after a header "A/B:" is x of A and y of B (metric_pairs.py): no ratio, two counts."""
    found = find_metrics(text, citations=find_citations(text))
    assert not [m for m in found if m.kind == "ratio"]
    counts = [m for m in found if m.kind == "count"]
    assert [(m.value, m.unit) for m in counts] == [(v, unit) for v in values]


@pytest.mark.parametrize("text", [
    "Số hồ sơ giải quyết đúng hạn/tổng số hồ sơ: 118/1.420.",        # B is A's whole: a fraction
    "Tỷ lệ hồ sơ giải quyết đúng hạn: 118/1.420 hồ sơ.",             # no pair in the header
    "Số hồ sơ trong tháng/lũy kế đạt 120/1.450.",                    # no colon: the pair names no two figures
])
def test_a_fraction_stays_a_ratio(text: str) -> None:
    assert [m.kind for m in find_metrics(text, citations=find_citations(text))] == ["ratio"]


@pytest.mark.parametrize("text", [
    "Kết quả trong tháng/lũy kế: 12/145.",
    # long/13: each "x/y" of the list the header opens is this month's cases and the year's
    "- Các bệnh khác số mắc trong tháng/lũy kế từ đầu năm như sau: Tả (0/0), Thương hàn (8/46), Viêm não "
    "virus (02/25), Viêm màng não do NMC (0/2), Cúm A H5N1 (0/0), Sởi (0/0).",
])
def test_a_pair_naming_no_counting_noun_is_left_out(text: str) -> None:
    """Two numbers under "trong tháng/lũy kế:" with nothing saying what they count: no figure at all."""
    assert find_metrics(text) == []
