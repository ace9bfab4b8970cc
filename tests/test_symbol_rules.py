"""Symbols and mentions beyond the samples (citations.md §2): each rule with sentences it must catch
and sentences it must leave alone."""

from __future__ import annotations

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.symbols import find_symbols


def keys(text: str) -> list[str]:
    return [c.canonical for c in find_citations(text) if c.kind == "full"]


def partials(text: str) -> list[tuple[str | None, str | None]]:
    return [(c.doc_type, c.number) for c in find_citations(text) if c.kind == "partial"]


@pytest.mark.parametrize(("text", "want"), [
    ("Quyết định này thay thế các quyết định số 101/QĐ.BQL-TC ngày 21/7/2005 và 41/QĐ.BQL-TC ngày 30/3/2006",
     ["101/QĐ.BQL-TC", "41/QĐ.BQL-TC"]),
    ("Quyết định số 12/QĐ.UB ngày 3/7/2004 của UBND tỉnh", ["12/QĐ.UB"]),
    ("Số : 7/QĐ. BQL-VP", ["7/QĐ.BQL-VP"]),                 # a space after the dot, a hyphen group after
])
def test_a_dot_inside_a_symbol_is_part_of_it(text: str, want: list[str]) -> None:
    assert [s.canonical for s in find_symbols(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    ("theo Quyết định số 12/QĐ. Ban hành kèm theo", ["12/QĐ"]),       # the dot ends the sentence
    ("Công văn số 1377/SYT-VP. Sở Y tế đề nghị", ["1377/SYT-VP"]),
])
def test_a_dot_that_ends_a_sentence_is_not_part_of_a_symbol(text: str, want: list[str]) -> None:
    assert [s.canonical for s in find_symbols(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    ("nhằm thực hiện các Nghị định 87,88,31/CP và Chỉ thị 814/TTg", ["87/CP", "88/CP", "31/CP", "814/TTg"]),
    ("theo Quyết định số 12 và 13/QĐ-UBND ngày 1/2/2020", ["12/QĐ-UBND", "13/QĐ-UBND"]),
    ("các Thông tư 15, 16/2018/TT-BYT", ["15/2018/TT-BYT", "16/2018/TT-BYT"]),
])
def test_numbers_before_one_symbol_share_it(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Quyết định số 112, 113, 114/QĐ-SYT ngày 20/01/2026 của Sở Y tế",
     [("112/QĐ-SYT", "2026-01-20", "Sở Y tế"), ("113/QĐ-SYT", "2026-01-20", "Sở Y tế"),
      ("114/QĐ-SYT", "2026-01-20", "Sở Y tế")]),
    # a year of its own is another document's: the date after the symbol is the last one's
    ("Nghị định số 43/2006, 16/2015 và 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ",
     [("43/2006/NĐ-CP", None, None), ("16/2015/NĐ-CP", None, None), ("60/2021/NĐ-CP", "2021-06-21", "Chính phủ")]),
])
def test_numbers_sharing_a_symbol_share_its_date_and_issuer(text: str, want: list) -> None:
    assert [(c.canonical, c.date, c.issuer) for c in find_citations(text) if c.kind == "full"] == want


@pytest.mark.parametrize(("text", "want"), [
    ("tỷ lệ 3,5/KH-UBND chưa rõ", []),                 # a decimal before a symbol is no list
    ("có 12, 13/KH-UBND được gửi", ["13/KH-UBND"]),     # no type word before the list: only the symbol's own
])
def test_numbers_without_a_type_word_do_not_share_a_symbol(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Chỉ thị số 27/CTTg ngày 15/7/2024 của Thủ tướng Chính phủ", "27/CT-TTg"),
    ("Thông tư liên tịch số 51/2015/TTLTBYTBNV", "51/2015/TTLT-BYT-BNV"),
    ("Nghị quyết 76/NQCP", "76/NQ-CP"),
    # typed wholly in lower case: upper-cased (rule 3), then repaired (rule 5)
    ("Thực hiện Nghị quyết số 76/nqcp ngày 15/7/2021 của Chính phủ", "76/NQ-CP"),
    ("Kế hoạch số 45/khsyt của Sở Y tế", "45/KH-SYT"),
    ("Thông tư liên tịch số 51/2015/ttltbytbnv", "51/2015/TTLT-BYT-BNV"),
])
def test_dropped_hyphens_repaired_in_every_part(text: str, want: str) -> None:
    assert keys(text) == [want]


@pytest.mark.parametrize("text", ["Công văn số 12/ABCXYZ", "Kế hoạch số 5/KHQWE"])
def test_unknown_parts_keep_the_symbol_as_written(text: str) -> None:
    assert keys(text) == [text.split()[-1]]


@pytest.mark.parametrize("text", ["giá bán 5/kg gạo", "đạt 3/ubnd", "10/người", "Công văn số 12/abcxyz",
                                  "tỷ lệ 1/nghìn dân"])
def test_lower_case_without_hyphens_is_a_symbol_only_when_its_parts_are(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize(("text", "want"), [
    ("bao gồm cả hợp đồng theo nghị định 68 hoàn thành nhiệm vụ", [("Nghị định", "68")]),
    ("căn cứ quyết định 41 của UBND tỉnh", [("Quyết định", "41")]),
    ("Nghị quyết 128 của Chính phủ", [("Nghị quyết", "128")]),
])
def test_partials_with_a_lower_case_type_word(text: str, want: list) -> None:
    assert partials(text) == want


@pytest.mark.parametrize("text", [
    "các chương trình 3 tháng đã hoàn thành",       # lower case, nothing that cites
    "mục tiêu Dự án 2 (Chương trình 135) thuộc Chương trình mục tiêu quốc gia",   # a numbered component
    "xây dựng kế hoạch 2025 của đơn vị",
])
def test_no_partial_from_a_count_a_year_or_a_component(text: str) -> None:
    assert ("Dự án", "2") not in partials(text) and ("Kế hoạch", "2025") not in partials(text) \
        and ("Chương trình", "3") not in partials(text)


@pytest.mark.parametrize(("text", "issuer"), [
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII về một số vấn đề",
     "Ban Chấp hành Trung ương khóa XII"),
    ("Chương trình số 53-CTr/TU ngày 21/02/2018 của Ban Chấp hành Đảng bộ tỉnh khoá XV thực hiện",
     "Ban Chấp hành Đảng bộ tỉnh khoá XV"),
])
def test_an_issuer_runs_on_with_its_term(text: str, issuer: str) -> None:
    assert find_citations(text)[0].issuer == issuer


@pytest.mark.parametrize(("text", "issuer"), [
    ("Kế hoạch số 5/KH-UBND của UBND tỉnh khóa học 2020", "UBND tỉnh"),     # "khóa học" is no term
    ("Kế hoạch số 6/KH-UBND của UBND tỉnh về khóa XII", "UBND tỉnh"),
])
def test_an_issuer_stops_before_other_words(text: str, issuer: str) -> None:
    assert find_citations(text)[0].issuer == issuer


def test_a_named_law_followed_by_a_date() -> None:
    found = [c for c in find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
             if c.kind == "named"]
    assert [c.raw.split(" ngày")[0] for c in found] == ["Luật Tổ chức chính quyền địa phương"]


@pytest.mark.parametrize("text", ["theo quy định 30 ngày làm việc", "theo quyết định 5 người được cử đi"])
def test_a_lower_case_common_noun_before_a_count_cites_nothing(text: str) -> None:
    assert partials(text) == []


# ------------------------------------------------------------------ a joint symbol wrapped over lines


@pytest.mark.parametrize(("text", "key", "date"), [
    # a table cell's lines: the hyphen alone on a line, or opening the next one (citations.md §2.2)
    ("Thông tư liên tịch số 15/2015/TTLT\n-\nBTNMT\n-BNV\n-BTC ngày 04/4/2015.", "15/2015/TTLT-BTNMT-BNV-BTC",
     "2015-04-04"),
    ("Thông tư liên tịch số 09/2016/TTLT-BTP\n-\nBTNMT ngày 23/6/2016 của Bộ Tư pháp", "09/2016/TTLT-BTP-BTNMT",
     "2016-06-23"),
    ("Thông tư liên tịch số 22/2016/TTLT-BNNPTNT-\nBTNMT ngày 30/6/2016", "22/2016/TTLT-BNNPTNT-BTNMT", "2016-06-30"),
    ("Thông tư liên tịch 04/2009/TTLT - BXD - BCA ngày 10/4/2009", "04/2009/TTLT-BXD-BCA", "2009-04-10"),
])
def test_a_joint_symbol_goes_on_over_line_breaks(text: str, key: str, date: str) -> None:
    found = [c for c in find_citations(text) if c.kind == "full"]
    assert [(c.canonical, c.date) for c in found] == [(key, date)]


@pytest.mark.parametrize(("text", "key"), [
    ("theo Kế hoạch số 12/KH-SYT\n- UBND tỉnh chỉ đạo", "12/KH-SYT"),     # a list item: hyphen and a space
    ("Công văn số 5/SYT-VP\n-\nKế hoạch năm", "5/SYT-VP"),                # not a code: the symbol ends
    ("Quyết định số 7/QĐ-UBND\n-BXYZ", "7/QĐ-UBND"),                      # an unknown group after a break
])
def test_a_line_after_a_symbol_continues_it_only_with_a_known_code(text: str, key: str) -> None:
    assert keys(text) == [key]


# ------------------------------------------------------------------ Đ typed as D


@pytest.mark.parametrize(("text", "key"), [
    ("Quyết định số 1675/QD- UBND ngày 09/8/2017", "1675/QĐ-UBND"),
    ("Nghị định số 60/2021/ND-CP", "60/2021/NĐ-CP"),
    ("Nghị định 60/2021/NDCP", "60/2021/NĐ-CP"),                          # and a dropped hyphen
    ("Nghị quyết số 33/2022/NQ-HDND", "33/2022/NQ-HĐND"),
    ("Quyết định số 155/QD-BGDDT", "155/QĐ-BGDĐT"),
    ("Quy định số 20-QD/TW", "20-QĐ/TW"),
    ("quyết định số 12/qd-ubnd", "12/QĐ-UBND"),                            # lower case, then Đ
])
def test_d_for_dd_is_repaired_when_the_part_becomes_a_known_abbreviation(text: str, key: str) -> None:
    assert keys(text) == [key]


@pytest.mark.parametrize(("text", "key"), [
    ("Hướng dẫn số 12/HD-SYT", "12/HD-SYT"),          # HD is Hướng dẫn as written (HĐ is Hợp đồng)
    ("Dự án số 3/DA-SYT", "3/DA-SYT"),                 # DA is Dự án (ĐA is Đề án)
    ("Công văn số 6676/BYT-CDS", "6676/BYT-CDS"),      # CĐS is no known code either
    ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP"),
])
def test_a_part_known_as_written_or_unknown_either_way_keeps_its_d(text: str, key: str) -> None:
    assert keys(text) == [key]


# ------------------------------------------------------------------ numbers OCR could not read


@pytest.mark.parametrize("text", [
    "Căn cứ Kế hoạch số 3# /KH-SYT, ngày 06 tháng 11 năm 2017",
    "Căn cứ Quyết định số 12*/QĐ-SYT ngày 06/11/2017",
    "theo Công văn số 4? /SYT-VP",
    "Căn cứ Kế hoạch số 4#12/KH-SYT ngày 06/11/2017",      # nor the digits after the junk
    "Căn cứ Kế hoạch số 3 #/KH-SYT ngày 06/11/2017",       # junk after a space, then the symbol
    "Căn cứ Quyết định số #45/QĐ-SYT ngày 06/11/2017",     # junk before the number
    "Căn cứ Quyết định số # 45/QĐ-SYT ngày 06/11/2017",    # with a space
])
def test_a_number_run_into_ocr_junk_before_a_symbol_is_no_citation(text: str) -> None:
    assert [(c.kind, c.number) for c in find_citations(text)] == []


def test_a_bullet_before_a_symbol_is_no_junk() -> None:
    """A list item that opens with a bullet mark keeps its citation; only junk inside a sentence voids one."""
    assert [c.canonical for c in find_citations("Các văn bản:\n• 45/QĐ-SYT ngày 06/11/2017")] == ["45/QĐ-SYT"]


@pytest.mark.parametrize(("text", "want"), [
    ("Đề án 06? Chưa triển khai", [("Đề án", "06")]),                # a question mark with no symbol after
    ("Kế hoạch số 12 (của Sở)", [("Kế hoạch", "12")]),
])
def test_punctuation_after_a_number_without_a_symbol_keeps_it(text: str, want: list) -> None:
    assert partials(text) == want


# ------------------------------------------------------------------ a legal kind's number and year


def test_number_and_year_without_a_symbol_is_a_partial() -> None:
    [c] = find_citations("Thông tư 24/2020 ngày 10/3/2020 của Bộ Công an")
    assert (c.kind, c.doc_type, c.number, c.year, c.date, c.issuer) == \
        ("partial", "Thông tư", "24", 2020, "2020-03-10", "Bộ Công an")
    assert partials("Nghị định 60/2021, Nghị quyết 128/2021.") == [("Nghị định", "60"), ("Nghị quyết", "128")]


@pytest.mark.parametrize("text", ["Kế hoạch 3/2020 của Sở Y tế", "Báo cáo 6/2025 đã gửi"])
def test_a_number_and_year_after_a_type_without_years_is_no_partial(text: str) -> None:
    assert partials(text) == []


def test_number_and_year_with_a_symbol_stays_full() -> None:
    assert [(c.kind, c.canonical) for c in find_citations("Thông tư 24/2020/TT-BCA ngày 10/3/2020")] == \
        [("full", "24/2020/TT-BCA")]


# ------------------------------------------------------------------ the document naming itself


def test_a_partial_of_the_documents_own_type_and_number_is_no_citation() -> None:
    text = ("BỘ TÀI CHÍNH\nSố: 144 /2002/QĐ/BTC\nHà Nội, ngày 22 tháng 11 năm 2002\nQUYẾT ĐỊNH\n"
            "(Biểu của QĐ 144 đính kèm ở dưới); bãi bỏ QĐ 137, Quyết định 144 của Bộ Công an và "
            "Quyết định 144 của Bộ Tài chính\n")
    # its own number stated with its own issuer is itself; with another issuer, another document
    assert partials(text) == [("Quyết định", "137"), ("Quyết định", "144")]
    assert [c.issuer for c in find_citations(text) if c.kind == "partial"] == [None, "Bộ Công an"]
    assert partials("(Biểu của QĐ 144 đính kèm ở dưới)") == [("Quyết định", "144")]    # no header: a citation


# ------------------------------------------------------------------ a numbered line after a partial


@pytest.mark.parametrize(("text", "want"), [
    ("1. Triển khai Nghị quyết 57.\n2. Triển khai Đề án 06.", [("Nghị quyết", "57"), ("Đề án", "06")]),
    ("2. Rà soát nhiệm vụ theo Nghị quyết 57 và Đề án 06.\n3. Báo cáo", [("Nghị quyết", "57"), ("Đề án", "06")]),
    ("4. Thực hiện Kết luận 126.\n5. Tổ chức sơ kết", [("Kết luận", "126")]),
    ("11. Thực hiện Quyết định 135.\n12. Các nội dung khác", [("Quyết định", "135")]),
    ("Kết quả thực hiện Nghị quyết 57. 2 đơn vị đạt yêu cầu.", [("Nghị quyết", "57")]),
])
def test_a_partial_before_a_numbered_line_or_sentence_is_kept(text: str, want: list) -> None:
    """"57.⏎2" is a sentence's end and the next item's number, not one number: a dot goes on with a
    number only when a digit touches it."""
    assert partials(text) == want


@pytest.mark.parametrize("text", ["Nghị quyết 57.2 điểm", "Đề án 06.12"])
def test_a_number_that_a_dot_and_a_digit_continue_is_no_partial(text: str) -> None:
    assert partials(text) == []


# ------------------------------------------------------------------ dotted parts and a term apart


@pytest.mark.parametrize(("text", "key", "date", "issuer"), [
    ("Quyết định số 1330/QĐ-CT.UB ngày 27/4/2004 của Chủ tịch Ủy ban nhân dân thành phố",
     "1330/QĐ-CT.UB", "2004-04-27", "Chủ tịch Ủy ban nhân dân thành phố"),
    ("theo Quyết định số 11/1998/QĐ-TC.CCVC của Bộ Tài chính", "11/1998/QĐ-TC.CCVC", None, "Bộ Tài chính"),
    ("Luật đấu thầu số 43/2013/QH 13 ngày 26/11/2013", "43/2013/QH13", "2013-11-26", None),
    ("Nghị quyết số 1023/NQ-UBTVQH 14 ngày 28/8/2020", "1023/NQ-UBTVQH14", "2020-08-28", None),
])
def test_a_dot_or_a_term_inside_a_later_part_is_part_of_the_symbol(text: str, key: str, date: str | None,
                                                                   issuer: str | None) -> None:
    [c] = [c for c in find_citations(text) if c.kind == "full"]
    assert (c.canonical, c.date, c.issuer) == (key, date, issuer)


def test_a_roman_heading_after_a_symbols_dot_is_not_part_of_it() -> None:
    assert keys("kèm theo Nghị định số 103/2016/NĐ-CP.II. Số lượng hồ sơ") == ["103/2016/NĐ-CP"]


# ------------------------------------------------------------------ a line typed in capitals


@pytest.mark.parametrize(("text", "date", "issuer"), [
    ("THEO NGHỊ QUYẾT SỐ 38/CP NGÀY 04/5/1994 CỦA CHÍNH PHỦ", "1994-05-04", "CHÍNH PHỦ"),
    ("THỰC HIỆN QUYẾT ĐỊNH SỐ 1999/QĐ-TTG NGÀY 07/12/2020 CỦA THỦ TƯỚNG CHÍNH PHỦ", "2020-12-07",
     "THỦ TƯỚNG CHÍNH PHỦ"),
    ("TRIỂN KHAI KẾ HOẠCH SỐ 119-KH/TU NGÀY 18 THÁNG 12 NĂM 2019 CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ THỰC HIỆN",
     "2019-12-18", "BAN THƯỜNG VỤ TỈNH ỦY"),
])
def test_date_and_issuer_in_capitals(text: str, date: str, issuer: str) -> None:
    """NGÀY, THÁNG, NĂM and CỦA in capitals read as in lower case; the issuer as the text writes it."""
    [c] = find_citations(text)
    assert (c.date, c.issuer) == (date, issuer)


def test_a_partial_in_capitals_and_a_capital_cua_before_a_name_in_its_usual_case() -> None:
    [c] = find_citations("THỰC HIỆN NGHỊ QUYẾT SỐ 57 NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ")
    assert (c.kind, c.number, c.date, c.issuer) == ("partial", "57", "2024-12-22", "BỘ CHÍNH TRỊ")
    [c] = find_citations("Quyết định số 12/QĐ-UBND ngày 17/9/2025 CỦA UBND tỉnh Quảng Trị")
    assert c.issuer == "UBND tỉnh Quảng Trị"


# ------------------------------------------------------------------ a date without its year


@pytest.mark.parametrize("text", ["Kế hoạch số 1504/KH-SYT ngày 17/9 của Sở Y tế",
                                  "Kế hoạch số 1504/KH-SYT ngày 17 tháng 9 của Sở Y tế"])
def test_the_issuer_after_a_date_without_a_year(text: str) -> None:
    [c] = find_citations(text)
    assert (c.date, c.issuer) == (None, "Sở Y tế")


def test_a_partial_with_a_date_without_a_year_is_no_count_of_days() -> None:
    [c] = find_citations("Thực hiện Nghị quyết 57 ngày 22/12 của Bộ Chính trị")
    assert (c.kind, c.number, c.date, c.issuer) == ("partial", "57", None, "Bộ Chính trị")


# ------------------------------------------------------------------ the type the symbol agrees with


@pytest.mark.parametrize("text", ["Thông báo kết luận số 46/TB-VPCP ngày 10/02/2025",
                                  "theo Thông báo ý kiến kết luận số 46/TB-VPCP"])
def test_of_several_type_words_the_one_the_symbol_names_wins(text: str) -> None:
    [c] = find_citations(text)
    assert c.doc_type == "Thông báo" and c.raw.startswith("Thông báo")


def test_a_type_word_inside_a_partials_phrase_is_not_another_partial() -> None:
    assert partials("theo Thông báo kết luận số 46 của Văn phòng Chính phủ") == [("Thông báo", "46")]


def test_without_the_symbols_word_the_nearest_type_word_stays() -> None:
    [c] = find_citations("Kế hoạch triển khai Quyết định số 273/QĐ-UBND")
    assert (c.doc_type, c.raw) == ("Quyết định", "Quyết định số 273/QĐ-UBND")


# ------------------------------------------------------------------ a date of another document


def test_a_day_another_document_was_issued_is_not_the_citations() -> None:
    [c] = find_citations("Ngày 15/8/2025, Sở Y tế ban hành Kế hoạch triển khai Quyết định số 273/QĐ-UBND "
                         "của UBND tỉnh")
    assert (c.canonical, c.date) == ("273/QĐ-UBND", None)


@pytest.mark.parametrize("text", [
    "Ngày 01/7/2025, UBND tỉnh Quảng Trị ban hành Quyết định số 273/QĐ-UBND về việc",
    "ngày 30/12/2021 Sở Y tế đã xây dựng Kế hoạch cải cách hành chính năm 2022 số 4266/KH-SYT với",
])
def test_the_day_the_document_itself_was_issued_stays(text: str) -> None:
    [c] = find_citations(text)
    assert c.date in ("2025-07-01", "2021-12-30")


# ------------------------------------------------------------------ forms


@pytest.mark.parametrize("text", ["HR lập báo cáo theo Mẫu số 01/PLI", "tổng hợp tại Biểu số 03/TK-CCHC",
                                  "theo Phụ lục số 2/PL-SYT", "MẪU SỐ: 05/BC-SYT"])
def test_a_forms_number_is_no_citation(text: str) -> None:
    assert find_citations(text) == []


def test_a_lower_case_type_word_before_another_phrase_gives_no_type() -> None:
    """"báo cáo theo ... số": the verb's object is not the number's document; the symbol decides."""
    [c] = find_citations("đơn vị báo cáo theo hướng dẫn tại số 1377/SYT-VP")
    assert (c.doc_type, c.raw) == ("Công văn", "số 1377/SYT-VP")
