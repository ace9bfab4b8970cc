"""Figures: Vietnamese numbers, percentages and ratios against the gold, counts and money that never
take a date, a document number, a heading number, an article, a level or a period."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, STEMS, gold
from vanban.extract import numbers
from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.metrics import find_metrics
from vanban.extract.read import read
from vanban.extract.record import extract_file
from vanban.extract.relations import breakdowns

FORMATS = ("txt", "docx", "pdf")


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], dict]:
    return {(stem, fmt): extract_file(CORPUS / fmt / f"{stem}.{fmt}") for stem in STEMS for fmt in FORMATS}


def figures(text: str) -> list:
    return find_metrics(text, citations=find_citations(text))


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize(("raw", "value"), [
    ("81.657", 81657), ("87.709", 87709), ("93,1", 93.1), ("99,80", 99.8), ("09", 9), ("27462", 27462),
    ("1.234.567", 1234567), ("1.234,5", 1234.5), ("0,75", 0.75), ("0.70", 0.7), ("100", 100),
])
def test_vietnamese_numbers(raw: str, value: float) -> None:
    assert numbers.parse(raw) == value


@pytest.mark.parametrize("raw", ["", "abc", "1.2.3", "12,", ",5", "1.23.456"])
def test_not_numbers(raw: str) -> None:
    assert numbers.parse(raw) is None


def test_whole_numbers_stay_exact_and_decimals_are_counted() -> None:
    assert isinstance(numbers.parse("28.778"), int)
    assert (numbers.decimals("29,63"), numbers.decimals("80"), numbers.decimals("99,80")) == (2, 0, 2)
    assert numbers.leading_zero("09") and not numbers.leading_zero("9") and not numbers.leading_zero("0")
    assert numbers.format_vn(31.5826, 2) == "31,58" and numbers.format_vn(111262) == "111.262"


# ---------------------------------------------------------------- against the gold

def _pr(got: list, want: list) -> tuple[float, float]:
    g, w = Counter(got), Counter(want)
    tp = sum((g & w).values())
    return (tp / sum(g.values()) if g else 1.0), (tp / sum(w.values()) if w else 1.0)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_percents_match_gold(records: dict, stem: str, fmt: str) -> None:
    got = [float(m["value"]) for m in records[(stem, fmt)]["metrics"] if m["kind"] == "percent"]
    want = [float(v) for v in gold(stem)["percents"]]
    assert _pr(got, want) == (1.0, 1.0), (got, want)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_ratios_match_gold(records: dict, stem: str, fmt: str) -> None:
    got = [(m["numerator"], m["denominator"]) for m in records[(stem, fmt)]["metrics"] if m["kind"] == "ratio"]
    want = [(r["numerator"], r["denominator"]) for r in gold(stem)["ratios"]]
    assert _pr(got, want) == (1.0, 1.0), (got, want)
    raws = {m["raw"] for m in records[(stem, fmt)]["metrics"] if m["kind"] == "ratio"}
    assert raws == {r["raw"] for r in gold(stem)["ratios"]}


def test_plain_text_percents_come_in_text_order(records: dict) -> None:
    for stem in STEMS:
        got = [float(m["value"]) for m in records[(stem, "txt")]["metrics"] if m["kind"] == "percent"]
        assert got == [float(v) for v in gold(stem)["percents"]]


def test_spans_and_pages_point_at_the_figure() -> None:
    rec = extract_file(CORPUS / "pdf" / "000_a9042f12ea01ae86.pdf", with_text=True)
    assert len(rec["metrics"]) >= 3                     # the three percentages of the gold at least
    for m in rec["metrics"]:
        s, e = m["span"]
        assert rec["text"][s:e] == m["raw"]
        assert 1 <= m["page"] <= rec["source"]["pages"]
        assert m["raw"].split()[0].rstrip("%") in m["context"] or m["raw"] in m["context"]


# ---------------------------------------------------------------- counts, money, indicators in the samples

def test_counts_and_money_of_the_samples(records: dict) -> None:
    def counts(stem: str) -> set[tuple[int, str]]:
        return {(m["value"], m["unit"]) for m in records[(stem, "txt")]["metrics"] if m["kind"] == "count"}

    assert {(9, "viên chức"), (26, "Trạm Y tế"), (2, "phòng"), (3, "khoa chuyên môn")} <= counts(STEMS[0])
    assert {(375, "hồ sơ"), (27462, "lượt"), (408, "văn bản"), (18, "ý kiến"), (126, "Trạm y tế")} <= counts(STEMS[1])
    assert {(91117, "lượt"), (28778, "lượt"), (10, "lãnh đạo"), (20, "CBVC"), (9, "người")} <= counts(STEMS[2])
    money = [(m["value"], m["raw"]) for m in records[(STEMS[2], "txt")]["metrics"] if m["kind"] == "money"]
    assert money == [(111_262_000_000, "111.262 triệu đồng"), (40_962_000_000, "40.962 triệu đồng")]


def test_no_count_is_a_year_a_row_number_or_a_heading_number(records: dict) -> None:
    assert len(records) == len(STEMS) * len(FORMATS)
    assert any(m["kind"] in ("count", "money") for rec in records.values() for m in rec["metrics"])
    assert any(m["kind"] == "count" and m["unit"].casefold() == "trạm y tế"
               for rec in records.values() for m in rec["metrics"])           # the rule below has cases
    for (stem, fmt), rec in records.items():
        for m in rec["metrics"]:
            if m["kind"] in ("count", "money"):
                assert not (1900 <= m["value"] <= 2100 and m["unit"] in ("năm",)), (stem, fmt, m)
                assert not m["raw"].startswith(("4.1", "4.2", "4.3")), m
        # the staffing table's row numbers ("7 Trạm Y tế Thượng Trạch") are not counts
        stations = [m for m in rec["metrics"] if m["kind"] == "count" and m["unit"].casefold() == "trạm y tế"]
        assert all(m["value"] in (26, 126) for m in stations), (stem, fmt, stations)


def test_indicators_make_figures_comparable(records: dict) -> None:
    def label(stem: str, raw: str) -> str | None:
        return next(m["indicator"] for m in records[(stem, "pdf")]["metrics"] if m["raw"] == raw)

    assert label(STEMS[0], "93,1%") == "khám chữa bệnh bằng căn cước gắn chip"
    assert label(STEMS[0], "80%") == "viên chức có trình độ cao đẳng trở lên"
    assert label(STEMS[0], "99,80%") == "hồ sơ sức khỏe điện tử"
    assert label(STEMS[2], "96,44%") == "tỷ lệ hài lòng"
    assert label(STEMS[2], "29,63%") == label(STEMS[2], "36,82%") == "thanh toán không dùng tiền mặt"
    assert label(STEMS[2], "111.262 triệu đồng") != "thanh toán không dùng tiền mặt"   # the total, not the part


def test_a_total_does_not_take_the_indicator_of_its_part(records: dict) -> None:
    """002: "Tổng số lượt giao dịch KCB ...: 91.117 lượt (không dùng tiền mặt: 28.778 lượt ...)": the
    words after the total, past its part, name the part; 001: a share of staff is no share of documents."""
    for fmt in FORMATS:
        keys = {m["raw"]: m["indicator_key"] for m in records[(STEMS[2], fmt)]["metrics"] if m["kind"] == "count"}
        assert keys["28.778 lượt"] == "khong_dung_tien_mat" and keys["91.117 lượt"] is None, fmt
        staff = [m for m in records[(STEMS[1], fmt)]["metrics"] if "chứng thư số" in m["context"]
                 and m["kind"] == "percent"]
        assert staff and all(m["indicator_key"] != "ky_so" for m in staff), fmt


@pytest.mark.parametrize(("text", "want"), [
    ("tiếp nhận 1.200 hồ sơ, trong đó giải quyết đúng hạn 1.120 hồ sơ, trễ hạn 80 hồ sơ",
     {"1.200 hồ sơ": "tiep_nhan_ho_so", "1.120 hồ sơ": "dung_han", "80 hồ sơ": "tre_han"}),
    ("giải quyết đúng hạn 1.120 hồ sơ, 80 hồ sơ quá hạn", {"1.120 hồ sơ": "dung_han", "80 hồ sơ": "tre_han"}),
    ("Có 1.200 hồ sơ, trong đó đúng hạn 1.120 hồ sơ.", {"1.200 hồ sơ": None, "1.120 hồ sơ": "dung_han"}),
    ("Tổng số lượt khám: 91.117 lượt; thanh toán không dùng tiền mặt 28.778 lượt.",
     {"91.117 lượt": None, "28.778 lượt": "khong_dung_tien_mat"}),
    ("100% cán bộ cơ quan đã được cấp chứng thư số; 100% văn bản đi được ký số.",
     {"100%": None}),
    ("Thực hiện 30 phóng sự trên đài, Tuyên truyền trên hệ thống thông tin: 27462 lượt",
     {"30 phóng sự": "tuyen_truyen", "27462 lượt": "tuyen_truyen"}),
    ("Tỷ lệ hồ sơ đúng hạn năm 2025 đạt 98%, năm 2024 đạt 95%.", {"98%": "dung_han", "95%": "dung_han"}),
    ("Tổng số lượt khám 91.117 lượt, không dùng tiền mặt là 28.778 lượt.",
     {"91.117 lượt": None, "28.778 lượt": "khong_dung_tien_mat"}),
    ("Không có hồ sơ trễ hạn, 100% hồ sơ giải quyết đúng hạn.", {"100%": "dung_han"}),
    ("Tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ sơ đúng hạn, 50 hồ sơ.",     # the 50 says nothing of its own
     {"1.250 hồ sơ": "tiep_nhan_ho_so", "1.200 hồ sơ": "dung_han", "50 hồ sơ": None}),
    ("Tổ chức 03 hội nghị truyền thông tại các xã: Chu Phan, Tự Lập với 300 lượt người tham dự.",
     {"300 lượt người": "tuyen_truyen"}),
])
def test_a_figure_takes_the_label_of_its_own_quantity(text: str, want: dict) -> None:
    got = {}
    for m in figures(text):
        got.setdefault(m.raw, m.indicator_key)      # the first figure of a raw text
    assert {raw: got[raw] for raw in want} == want
    if "ký số" in text:
        assert [m.indicator_key for m in figures(text) if m.raw == "100%"] == [None, "ky_so"]


def test_each_percent_knows_the_figures_it_is_a_share_of(records: dict) -> None:
    bases = {m["raw"]: m.get("basis") for m in records[(STEMS[0], "docx")]["metrics"] if m["kind"] == "percent"}
    assert (bases["93,1%"]["numerator"], bases["93,1%"]["denominator"]) == (81657, 87709)
    assert (bases["80%"]["numerator"], bases["80%"]["denominator"]) == (205, 257)
    assert bases["99,80%"] is None
    bases = {m["raw"]: m.get("basis") for m in records[(STEMS[2], "docx")]["metrics"] if m["kind"] == "percent"}
    assert (bases["29,63%"]["numerator"], bases["29,63%"]["denominator"]) == (28778, 91117)
    assert (bases["36,82%"]["numerator"], bases["36,82%"]["denominator"]) == (40962 * 10**6, 111262 * 10**6)


def test_breakdowns_of_the_samples() -> None:
    doc = read(CORPUS / "txt" / f"{STEMS[2]}.txt")
    ms = figures(doc.text)
    found: dict[str, list[float]] = {}
    for b in breakdowns(doc.text, ms, doc.paragraphs):     # a part that cuts across the others: its own
        found.setdefault(b.total.raw, []).extend(p.value for p in b.parts)
    assert found["10 lãnh đạo"] == [3, 7]
    assert sorted(found["20 CBVC"]) == [5, 5, 10]
    assert found["09 người"] == [3, 5, 1]
    assert found["09 Quầy thu ngân"] == [2, 4, 1, 1, 1]
    assert "91.117 lượt" not in found          # a share in brackets, not a breakdown
    doc = read(CORPUS / "docx" / f"{STEMS[0]}.docx")
    found = {b.total.raw: [p.value for p in b.parts] for b in breakdowns(doc.text, figures(doc.text), doc.paragraphs)}
    assert found == {"09 viên chức": [4, 3, 1, 1]}   # the bullet list after "...; cụ thể:"


@pytest.mark.parametrize("text", [
    "Tháng 6/2025, đơn vị đã cử viên chức.", "trong quý 1/2022 đã tiếp nhận", "hoàn thành trước 30/11 hằng năm",
    "Luật Phòng, chống HIV/AIDS", "Trường hợp tỷ lệ b/a < 0.70", "Tỷ lệ đạt được*0,75/100", "Nghị định 60/2021/NĐ-CP",
    "phục vụ 24/7", "Quyết định số 1692/QĐ-UBND ngày 29/12/2021", "giai đoạn 2026 - 2031",
])
def test_not_ratios(text: str) -> None:
    assert [m.raw for m in figures(text) if m.kind == "ratio"] == []


# ---------------------------------------------------------------- generated sentences

UNITS = [w for ws in load("metrics")["count_units"].values() for w in ws]
FENCES = {
    "date": st.builds(lambda d, m, y: f"ngày {d:02d}/{m}/{y}", st.integers(1, 28), st.integers(1, 12),
                      st.integers(1990, 2030)),
    "worded date": st.builds(lambda d, m, y: f"ngày {d:02d} tháng {m} năm {y}", st.integers(1, 28),
                             st.integers(1, 12), st.integers(1990, 2030)),
    "month": st.builds(lambda m, y: f"tháng {m}/{y}", st.integers(1, 12), st.integers(1990, 2030)),
    "document": st.builds(lambda n, t: f"{t} số {n}/{t[:1]}H-SYT", st.integers(1, 9999),
                          st.sampled_from(["Kế hoạch", "Quyết định", "Báo cáo"])),
    "legal": st.builds(lambda n, y: f"Nghị định số {n}/{y}/NĐ-CP", st.integers(1, 300), st.integers(1990, 2030)),
    "party": st.builds(lambda n: f"Nghị quyết số {n}-NQ/TW", st.integers(1, 300)),
    "article": st.builds(lambda w, n: f"{w} {n}", st.sampled_from(["điều", "Điều", "khoản", "mục", "chương"]),
                         st.integers(1, 99)),
    "level": st.builds(lambda w, n: f"{w} {n}", st.sampled_from(["hạng", "cấp độ", "mức độ", "cấp", "bậc"]),
                       st.integers(1, 9)),
    "period": st.builds(lambda w, n: f"{w} {n}", st.sampled_from(["Quý", "quý", "năm", "giai đoạn", "tháng"]),
                        st.integers(1, 2030)),
    "range": st.builds(lambda a, b: f"giai đoạn {a}-{a + b}", st.integers(1990, 2030), st.integers(1, 10)),
    "project": st.builds(lambda w, n: f"{w} {n:02d}", st.sampled_from(["Đề án", "quy trình", "Kết luận"]),
                         st.integers(1, 99)),
    "time": st.builds(lambda h, m: f"lúc {h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
}
FILLER = st.sampled_from(["Đơn vị đã triển khai", "theo quy định", "trong kỳ báo cáo", "của Sở Y tế",
                          "và thực hiện", "đối với"])


@pytest.mark.parametrize(("text", "want"), [
    ("Tổng thu đạt 1 tỷ 200 triệu đồng.", [(1_200_000_000, "1 tỷ 200 triệu đồng")]),
    ("phạt 2 triệu 500 nghìn đồng, thu 3 triệu 200 đồng", [(2_500_000, "2 triệu 500 nghìn đồng"),
                                                            (3_000_200, "3 triệu 200 đồng")]),
    ("kinh phí 1,5 tỷ đồng và 200 triệu đồng", [(1_500_000_000, "1,5 tỷ đồng"), (200_000_000, "200 triệu đồng")]),
])
def test_an_amount_written_in_parts_is_one_sum(text: str, want: list) -> None:
    """'1 tỷ 200 triệu đồng' is one sum of 1 200 000 000, not 1 tỷ and then 200 triệu."""
    assert [(m.value, m.raw) for m in find_metrics(text) if m.kind == "money"] == want


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]], list[int]]:
    """A sentence of fences (each tempting: a counting noun right after it), one or two true counts,
    maybe a sum of money, and maybe a numbered heading in front; with what it really counts."""
    parts: list[str] = []
    counts: list[tuple[int, str]] = []
    money: list[int] = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(FILLER))
        fence = draw(st.sampled_from(sorted(FENCES)))
        parts.append(draw(FENCES[fence]) + " " + draw(st.sampled_from(UNITS)))
    for _ in range(draw(st.integers(1, 2))):
        n = draw(st.integers(1, 99999))
        unit = draw(st.sampled_from(UNITS))
        written = f"{n:02d}" if n < 10 and draw(st.booleans()) else f"{n:,}".replace(",", ".")
        parts.insert(draw(st.integers(0, len(parts))), f"{draw(FILLER)} {written} {unit} {draw(FILLER)}")
        counts.append((n, unit))
    if draw(st.booleans()):
        whole, frac = draw(st.integers(1, 999_999)), draw(st.integers(0, 99))
        scale, factor = draw(st.sampled_from([("triệu ", 10**6), ("tỷ ", 10**9), ("", 1)]))
        written = f"{whole:,}".replace(",", ".") + (f",{frac:02d}" if frac and scale else "")
        parts.append(f"tổng kinh phí {written} {scale}đồng")
        money.append(round((whole + (frac / 100 if frac and scale else 0)) * factor))
    text = " ".join(parts) + "."
    if draw(st.booleans()):
        text = draw(st.sampled_from(["4.1. ", "2.3. ", "II. ", "1. ", "a) "])) + text
    return text, counts, money


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_counts_and_money_never_take_a_date_a_number_a_heading_or_an_article(case: tuple) -> None:
    text, counts, money = case
    found = figures(text)
    got_counts = sorted((m.value, m.unit.casefold()) for m in found if m.kind == "count")
    assert got_counts == sorted((n, u.casefold()) for n, u in counts), text
    assert sorted(m.value for m in found if m.kind == "money") == sorted(money), text
    assert [m for m in found if m.kind in ("percent", "ratio")] == [], text


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 99), st.sampled_from(["%", " %"]))
def test_percent_values_round_trip(whole: int, frac: int, sign: str) -> None:
    written = f"{whole:,}".replace(",", ".") + (f",{frac}" if frac else "")
    found = figures(f"Tỷ lệ hồ sơ đúng hạn đạt {written}{sign} theo kế hoạch.")
    assert [(m.kind, m.value) for m in found] == [("percent", float(f"{whole}.{frac}") if frac else whole)]


# ---------------------------------------------------------------- what a figure's own words exclude

EXCLUDED = [(ind["key"], text, raw) for ind in load("indicators")["indicator"] if ind.get("exclusions")
            for text, raw in ind.get("counterexamples", [])]


def test_every_indicator_with_exclusions_shows_them_failing_somewhere() -> None:
    assert {k for k, _, _ in EXCLUDED} >= {"giai_ngan", "dung_han", "tong_thu", "tiep_nhan_ho_so"}


@pytest.mark.parametrize(("key", "text", "raw"), EXCLUDED)
def test_a_figures_own_words_exclude_an_indicator(key: str, text: str, raw: str) -> None:
    [m] = [m for m in find_metrics(text, citations=find_citations(text)) if m.raw == raw]
    assert m.indicator_key != key, (text, m.indicator_key)


@pytest.mark.parametrize(("text", "raw", "key"), [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%, còn 207 hồ sơ quá hạn.", "207 hồ sơ", "tre_han"),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%, còn 207 hồ sơ quá hạn.", "95%", "dung_han"),
    ("Tỷ lệ giải ngân kế hoạch vốn giao đạt 85%.", "85%", "giai_ngan"),     # a rate of disbursement still is one
    ("Kế hoạch vốn năm 2017 giao 15,541 tỷ, giải ngân 12,3 tỷ.", "12,3 tỷ", "giai_ngan"),
    # long/13: its plan is what it is compared with, past "đạt"
    ("Tổng giải ngân vốn đến 30/11/2017 là 564,939 tỷ đồng đạt 79% kế hoạch vốn", "564,939 tỷ đồng", "giai_ngan"),
    ("Tiếp nhận và giải quyết 1.250 hồ sơ thủ tục hành chính.", "1.250 hồ sơ", "tiep_nhan_ho_so"),
    # "quá hạn" counts after the number only, and not when negated
    ("Đã giải quyết đúng hạn, không để chậm trễ 1.200 hồ sơ.", "1.200 hồ sơ", "dung_han"),
    ("Giải quyết đúng hạn 1.200 hồ sơ không quá hạn.", "1.200 hồ sơ", "dung_han"),
    ("Có 3 hồ sơ không quá hạn.", "3 hồ sơ", None),                        # negated: not late
    # a late word leading the figure's own comma-clause is its own, before it as after it
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%, chậm 2%.", "2%", None),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%, chậm 2%.", "98%", "dung_han"),
    # the words after a figure up to a separator right before the next one (',', ';', a lone và/còn) are its own
    ("Đã giải quyết 1.200 hồ sơ đúng hạn; 50 hồ sơ.", "50 hồ sơ", None),
    ("Đã giải quyết 1.200 hồ sơ đúng hạn và 50 hồ sơ.", "50 hồ sơ", None),
    ("Đã giải quyết 1.200 hồ sơ đúng hạn, còn 50 hồ sơ.", "50 hồ sơ", None),
    ("Đã giải quyết 1.200 hồ sơ đúng hạn và 50 hồ sơ.", "1.200 hồ sơ", "dung_han"),
    ("Tỷ lệ đúng hạn năm 2025 đạt 98%; năm 2024 đạt 95%.", "95%", "dung_han"),   # the 98% lends no words
])
def test_an_exclusion_leaves_the_figure_beside_it_alone(text: str, raw: str, key: str | None) -> None:
    [m] = [m for m in find_metrics(text, citations=find_citations(text)) if m.raw == raw]
    assert m.indicator_key == key


@pytest.mark.parametrize(("name", "raw", "key"), [
    ("01.txt", "09 hồ sơ", "tiep_nhan_ho_so"),       # "tiếp nhận 09 hồ sơ thi tuyển": a recruitment
    ("13.txt", "48.640.000đ", "tong_thu"),           # "phạt tiền với tổng số tiền là: 48.640.000đ": a fine
])
def test_real_figures_keep_out_of_an_indicator_their_words_exclude(name: str, raw: str, key: str) -> None:
    from tests.conftest import LONG, need

    found = [m for m in extract_file(need(LONG / "txt" / name))["metrics"] if m["raw"] == raw]
    assert found and all(m["indicator_key"] != key for m in found)
