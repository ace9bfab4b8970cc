"""Citations: the rules of spec/citations.md on real sentences, and properties over generated ones."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vanban
from tests.conftest import WILD, need
from vanban.extract.catalogue import load
from vanban.extract.citations import canonical, find_citations
from vanban.extract.normalise import DASHES, normalise_text


def cites(text: str) -> list:
    return find_citations(normalise_text(text).text)


def full(text: str) -> list:
    return [c for c in cites(text) if c.kind == "full"]


# ------------------------------------------------------------------ the rules, one by one


@pytest.mark.parametrize(("text", "key"), [
    ("Kế hoạch số 1492/KH-SYT ngày 17/9/2025", "1492/KH-SYT"),
    ("Nghị định số 60/2021/NĐ-CP", "60/2021/NĐ-CP"),
    ("Nghị quyết số 57-NQ/TW", "57-NQ/TW"),
    ("Công văn số 1377/SYT-\nVP ngày 12/9/2025", "1377/SYT-VP"),
    ("Kết luận số 178- KL/TW", "178-KL/TW"),
    ("Thông tư 32/2023/TT - BYT", "32/2023/TT-BYT"),
    ("Công văn số 27/UBND – KGVX", "27/UBND-KGVX"),
    ("Nghị quyết số 76/NQCP ngày 15/7/2021", "76/NQ-CP"),          # dropped hyphen repaired
    ("Tờ trình số 3291/TTr-BNV", "3291/TTr-BNV"),                  # official mixed case kept
    ("Quyết định số 06/QĐ-TTg", "06/QĐ-TTg"),
    ("Kế hoạch số 04/KH-SYT", "04/KH-SYT"),                        # leading zero kept
    ("Văn bản số 2231/SNV-CCHC&PC", "2231/SNV-CCHC&PC"),
    ("Thông tư liên tịch số 163/2013/TTLT-BTC-BNV", "163/2013/TTLT-BTC-BNV"),
    ("Luật số 64/2025/QH15", "64/2025/QH15"),
    ("Công văn 8011-CV/BTCTW", "8011-CV/BTCTW"),
    ("Nghị quyết 30c/NQ-CP", "30c/NQ-CP"),
    ("kế hoạch số 1492/kh-syt", "1492/KH-SYT"),                    # a symbol typed wholly in lower case
])
def test_canonical_forms(text: str, key: str) -> None:
    assert [c.canonical for c in full(text)] == [key]


@pytest.mark.parametrize(("text", "doc_type"), [
    ("Kế hoạch số 1492/KH-SYT", "Kế hoạch"),
    ("QĐ 4210/QĐ-BYT ngày 20/09/2017", "Quyết định"),              # abbreviation as the word before
    ("theo 1377/SYT-VP", "Công văn"),                              # symbol without a type: a công văn
    ("căn cứ 60/2021/NĐ-CP", "Nghị định"),                         # type from the symbol
    ("Quy định số 105-QĐ/TW", "Quy định"),                         # the word wins over the symbol
    ("Kế hoạch hành động số 206- KH/TU", "Kế hoạch"),
    ("kế hoạch cải cách hành chính số 4266/KH-SYT", "Kế hoạch"),  # words between type and "số"
    ("Văn bản số 581/BNV-CCHC", "Công văn"),                       # a generic word: the symbol decides
])
def test_doc_type(text: str, doc_type: str) -> None:
    assert full(text)[0].doc_type == doc_type


def test_date_and_issuer_follow_the_mention() -> None:
    [c] = full("Thực hiện Kế hoạch số 1492/KH-SYT ngày 17/9/2025 của Sở Y tế tỉnh\nQuảng Trị về việc kiểm tra")
    assert (c.date, c.issuer) == ("2025-09-17", "Sở Y tế tỉnh Quảng Trị")
    assert c.raw == "Kế hoạch số 1492/KH-SYT ngày 17/9/2025 của Sở Y tế tỉnh Quảng Trị"


def test_worded_date() -> None:
    [c] = full("Thông tư 05/2014/TT-BTP ngày 07 tháng 02 năm 2014 của Bộ Tư pháp theo quy định")
    assert (c.date, c.issuer, c.year) == ("2014-02-07", "Bộ Tư pháp", 2014)


def test_list_gives_date_and_issuer_to_the_last_item_only() -> None:
    found = full("theo Nghị định số 130/2005/NĐ-CP, Nghị định số 43/2006/NĐ-CP, Nghị định số 16/2015/NĐ-CP "
                 "ngày 14/02/2015 của Chính phủ quy định cơ chế tự chủ")
    assert [(c.canonical, c.date, c.issuer) for c in found] == [
        ("130/2005/NĐ-CP", None, None), ("43/2006/NĐ-CP", None, None),
        ("16/2015/NĐ-CP", "2015-02-14", "Chính phủ")]


def test_issue_date_stated_before_the_mention() -> None:
    [c] = full("Ngày 01/7/2025, UBND tỉnh Quảng Trị ban hành Quyết định số 273/QĐ-UBND về việc thành lập")
    assert (c.date, c.issuer) == ("2025-07-01", None)


def test_an_event_date_is_not_the_issue_date() -> None:
    [c] = full("Ngày 07/3/2025 Hội đồng chuyên môn đã làm việc tại Bệnh viện theo Quyết định số 58/QĐ-BVT.")
    assert c.date is None


def test_pre_date_goes_to_the_first_document_issued_only() -> None:
    found = full("Ngày 16/12/2024 UBND tỉnh ban hành Quyết định số 3377/QĐ-UBND về việc sửa đổi Quyết định "
                 "số 3104/QĐ-UBND ngày 30/10/2012 của UBND tỉnh Lào Cai")
    assert [(c.canonical, c.date) for c in found] == [("3377/QĐ-UBND", "2024-12-16"), ("3104/QĐ-UBND", "2012-10-30")]


def test_two_bodies_are_one_issuer_but_a_subject_is_not() -> None:
    [c] = full("Kết luận số 178-KL/TW ngày 17/7/2025 của Bộ Chính trị, Ban Bí thư về tiếp tục")
    assert c.issuer == "Bộ Chính trị, Ban Bí thư"
    [c] = full("Thực hiện kế hoạch số 4266/KH-SYT ngày 30/12/2021 của Sở Y tế tỉnh Bắc Ninh, Sở Y tế báo cáo")
    assert c.issuer == "Sở Y tế tỉnh Bắc Ninh"
    [c] = full("Thông tư số 12/2022/TT-BTTTT ngày 12/08/2022 của Bộ Thông tin và Truyền thông quy định")
    assert c.issuer == "Bộ Thông tin và Truyền thông"


@pytest.mark.parametrize(("text", "issuer"), [
    # an office holder's title before the body, or alone
    ("Kế hoạch số 12/KH-SYT ngày 1/2/2025 của Giám đốc Sở Y tế về việc", "Giám đốc Sở Y tế"),
    ("Quyết định số 71/QĐ-TTYT của Giám đốc Trung tâm Y tế về việc", "Giám đốc Trung tâm Y tế"),
    ("Thông tư số 01/2006/TT-NHNN của Thống đốc Ngân hàng Nhà nước về", "Thống đốc Ngân hàng Nhà nước"),
    ("Quyết định số 595/QĐ-BHXH của Tổng Giám đốc BHXH Việt Nam ban hành", "Tổng Giám đốc BHXH Việt Nam"),
    ("Kết luận số 12-KL/TU của Thường trực Tỉnh ủy về", "Thường trực Tỉnh ủy"),
    ("Hướng dẫn số 12-HD/BTCTU của Trưởng ban Ban Tổ chức Tỉnh ủy về", "Trưởng ban Ban Tổ chức Tỉnh ủy"),
    ("Kế hoạch số 02 của Trung ương về", "Trung ương"),
    # a vowel typed twice, as in a real text
    ("Quyết định số 15/2004/QĐ-TTg của Thủ tưướng Chính phủ về việc", "Thủ tưướng Chính phủ"),
    # a comma or a number inside the name
    ("Thông tư số 01/2020/TT-VPCP của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ về",
     "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
    ("Kế hoạch số 12/KH-BCĐ của Ban Chỉ đạo phòng, chống dịch bệnh tỉnh về",
     "Ban Chỉ đạo phòng, chống dịch bệnh tỉnh"),
    ("Kế hoạch số 12-KH/BCĐ của Ban Chỉ đạo 35 Tỉnh ủy về", "Ban Chỉ đạo 35 Tỉnh ủy"),
    # the name ends before what the sentence goes on to say
    ("Chỉ thị 29/2003/CT-TTg của Thủ tướng Chính phủ lại chưa được chấp hành", "Thủ tướng Chính phủ"),
    ("Kế hoạch số 1492/KH-SYT của Sở Y tế chưa được triển khai", "Sở Y tế"),
    ("Kế hoạch số 59/KH-UBND của UBND tỉnh nhưng đến nay", "UBND tỉnh"),
])
def test_issuer_as_the_text_names_it(text: str, issuer: str) -> None:
    [c] = cites(text)
    assert c.issuer == issuer


def test_partial_and_named() -> None:
    found = cites("Tuyên truyền Nghị quyết 128 của Chính phủ; thực hiện Đề án 06 và Luật Bảo hiểm xã hội "
                  "năm 2024, Luật Phòng, chống tham nhũng và các văn bản; quy trình 25; Kế hoạch 2025.")
    assert [(c.kind, c.doc_type, c.number, c.issuer) for c in found if c.kind == "partial"] == [
        ("partial", "Nghị quyết", "128", "Chính phủ"), ("partial", "Đề án", "06", None)]
    assert [c.raw for c in found if c.kind == "named"] == ["Luật Bảo hiểm xã hội năm 2024",
                                                           "Luật Phòng, chống tham nhũng"]


def test_amended_law_inside_an_amending_law_is_one_citation() -> None:
    named = [c.raw for c in cites("tuyên truyền về Luật Sửa đổi, bổ sung một số điều của Luật Phòng, chống "
                                  "nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS), "
                                  "Luật phòng chống tác hại của thuốc lá") if c.kind == "named"]
    assert named == ["Luật Sửa đổi, bổ sung một số điều của Luật Phòng, chống nhiễm vi rút gây ra hội chứng "
                     "suy giảm miễn dịch mắc phải ở người (HIV/AIDS)", "Luật phòng chống tác hại của thuốc lá"]


@pytest.mark.parametrize("text", [
    "Số: 124 /BC-SYT",                                       # the document's own number
    "Số:         /BC-TTYT",                                  # a blank number
    "Số: ó.⁄4/YTDP-SR",                                      # its own number, specks glued by OCR
    "(Đính kèm Kế hoạch số: /KH-YTST ngày /6/2026 của Trung tâm)",
    "Tiêu chuẩn TCVN ISO 9001:2015 và HIS, VNeID, HIV/AIDS",
    "đạt 93,1% (81.657/87.709); 205/257 viên chức; b/a < 0.70; *1/100",
    "Tháng 6/2025, quý 1/2022, ngày 17/9/2025, giai đoạn 2021-2030, COVID-19",
    "4.1. Các phòng chức năng; 2.6 . Xây dựng; điều 10, khoản 2",
])
def test_not_citations(text: str) -> None:
    assert full(text) == []


# ------------------------------------------------------------------ properties over generated citations

_TYPES = sorted({a for t in load("doc_types")["type"] for a in t.get("abbr", []) if len(a) >= 2 and a.isupper()})
_ISSUERS = sorted(c["code"] for c in load("issuers")["code"] if "code" in c and c["code"] not in _TYPES)
_PARTY_TYPES = ["NQ", "CT", "KL", "QĐ", "HD", "CV", "KH"]

numbers = st.integers(min_value=1, max_value=9999).map(str) | st.integers(1, 9).map(lambda n: f"0{n}")
admin = st.tuples(numbers, st.sampled_from(_TYPES), st.sampled_from(_ISSUERS)).map(lambda t: f"{t[0]}/{t[1]}-{t[2]}")
legal = st.tuples(numbers, st.integers(1990, 2030), st.sampled_from(["NĐ", "TT", "QĐ", "NQ"]),
                  st.sampled_from(["CP", "BYT", "BTC", "TTg", "UBND"])).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}-{t[3]}")
party = st.tuples(numbers, st.sampled_from(_PARTY_TYPES), st.sampled_from(["TW", "TU", "BTCTW", "VPTW"])).map(
    lambda t: f"{t[0]}-{t[1]}/{t[2]}")
citation = admin | legal | party

breaks = st.sampled_from([" ", "\n", " \n", "\n ", "  "])
dashes = st.sampled_from(["-", *DASHES])


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A citation and the same citation as a PDF or a typist may write it."""
    key = draw(citation)
    out = []
    hyphens = 0
    for i, ch in enumerate(key):
        if ch == "-":
            hyphens += 1
            dash = draw(dashes)
            # a line may break before or after any hyphen; spaces stand around the first one only
            before = draw(st.sampled_from(["", "\n"] + ([" "] if hyphens == 1 else [])))
            after = draw(st.sampled_from(["", "\n"] + ([" "] if hyphens == 1 else [])))
            out.append(f"{before}{dash}{after}")
        elif ch == "/":
            out.append(f"{draw(st.sampled_from(['', ' ', chr(10)]))}/{draw(st.sampled_from(['', ' ', chr(10)]))}")
        else:
            out.append(ch)
        del i
    return key, "".join(out)


@settings(max_examples=300, deadline=None)
@given(disguised(), st.sampled_from(["Thực hiện Kế hoạch số {} ngày 17/9/2025 của Sở Y tế.",
                                     "căn cứ Quyết định {} của UBND tỉnh về việc",
                                     "đơn vị đã thực hiện theo {}"]))
def test_breaks_spaces_and_dashes_keep_the_canonical_key(pair: tuple[str, str], frame: str) -> None:
    key, written = pair
    assert [c.canonical for c in full(frame.format(written))] == [key]


dates_and_numbers = st.one_of(
    st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030)).map(
        lambda d: f"ngày {d[0]}/{d[1]}/{d[2]}"),
    st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030)).map(
        lambda d: f"ngày {d[0]:02d} tháng {d[1]:02d} năm {d[2]}"),
    st.tuples(st.integers(1, 12), st.integers(1990, 2030)).map(lambda d: f"tháng {d[0]}/{d[1]}"),
    st.tuples(st.integers(1, 4), st.integers(1990, 2030)).map(lambda d: f"quý {d[0]}/{d[1]}"),
    st.lists(st.integers(1, 12), min_size=1, max_size=3).map(lambda ns: ".".join(map(str, ns)) + ". Công tác"),
    st.tuples(st.integers(1, 99999), st.integers(1, 99999)).map(lambda r: f"{r[0]:,}/{r[1]:,}".replace(",", ".")),
    st.integers(0, 10**7).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1990, 2030)).map(lambda y: f"giai đoạn {y[0]}-{y[1]}"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(dates_and_numbers, min_size=1, max_size=4))
def test_dates_heading_numbers_and_bare_numbers_are_never_citations(parts: list[str]) -> None:
    text = "Trong kỳ, " + ", ".join(parts) + " đơn vị đã thực hiện."
    assert full(text) == []


def test_canonical_helper() -> None:
    assert canonical("Nghị định số 130/2005/NĐ-\nCP") == "130/2005/NĐ-CP"


# ------------------------------------------------------------------ shapes met in real documents beyond the samples


@pytest.mark.parametrize(("text", "expected"), [
    # a capitalised verb after the issuer starts what the document does
    ("Quyết định số 12/QĐ-UBND ngày 1/2/2010 của Ủy ban nhân dân tỉnh Bình Phước Thành lập Trung tâm y tế",
     [("12/QĐ-UBND", "2010-02-01", "Ủy ban nhân dân tỉnh Bình Phước")]),
    # an issuer code unknown to the catalogue, after "Công văn số"
    ("Công văn số 499/BDN ngày 14/6/2024 của Ban Dân nguyện - Ủy ban Thường vụ Quốc hội",
     [("499/BDN", "2024-06-14", "Ban Dân nguyện - Ủy ban Thường vụ Quốc hội")]),
    # Party symbols: a misprinted case, a lost hyphen, a lost slash
    ("Chương trình số 06-Ctr/TU ngày 12/01/2026", [("06-CTr/TU", "2026-01-12", None)]),
    ("Nghị quyết số 20NQ/TW ngày 25/10/2017", [("20-NQ/TW", "2017-10-25", None)]),
    ("Chương trình hành động số 06-CTrTU", [("06-CTr/TU", None, None)]),
    ("Kế hoạch số 3070. /KH-UBND ngày 09/9/2024", [("3070/KH-UBND", "2024-09-09", None)]),
    # a unit code of a capital and digits
    ("Kết luận số 17/KL-BCA-A03 của Bộ Công an về kiểm tra", [("17/KL-BCA-A03", None, "Bộ Công an")]),
    # numbers inside an issuer's name
    ("Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ 6, Ban Chấp hành Trung ương khóa XII về",
     [("20-NQ/TW", "2017-10-25", "Hội nghị lần thứ 6, Ban Chấp hành Trung ương khóa XII")]),
    ("Kế hoạch số 5/KH-BCĐ của Ban Chỉ đạo 389 tỉnh về", [("5/KH-BCĐ", None, "Ban Chỉ đạo 389 tỉnh")]),
    ("Kế hoạch số 82-KH/TU của Thị ủy về", [("82-KH/TU", None, "Thị ủy")]),
    # dates: the next clause's date is not this one's; "vào ngày"; a list issued the same day
    ("theo Kế hoạch số 59/KH-UBND của UBND tỉnh, ngày 10/3/2025 Sở Y tế ban hành Kế hoạch số 88/KH-SYT",
     [("59/KH-UBND", None, "UBND tỉnh"), ("88/KH-SYT", "2025-03-10", None)]),
    ("đã ban hành Kế hoạch số 82-KH/TU, ngày 13/6/2022 để triển khai", [("82-KH/TU", "2022-06-13", None)]),
    ("Sở đã ban hành Kế hoạch số 12/KH-SYT vào ngày 10/3/2025", [("12/KH-SYT", "2025-03-10", None)]),
    ("Ngày 01/7/2025, UBND tỉnh ban hành Quyết định số 273/QĐ-UBND và Kế hoạch số 12/KH-UBND về",
     [("273/QĐ-UBND", "2025-07-01", None), ("12/KH-UBND", "2025-07-01", None)]),
    ("Ngày 20/5/2024, Trung tâm tổ chức hội nghị triển khai Kế hoạch số 88/KH-SYT", [("88/KH-SYT", None, None)]),
    # the type word on the line above the number
    ("theo Nghị quyết số\n190/2025/QH15 ngày 19/02/2025", [("190/2025/QH15", "2025-02-19", None)]),
])
def test_shapes_beyond_the_samples(text: str, expected: list) -> None:
    assert [(c.canonical, c.date, c.issuer) for c in full(text)] == expected


def test_type_word_on_the_line_above() -> None:
    [c] = full("theo Nghị quyết số\n190/2025/QH15 ngày 19/02/2025")
    assert c.doc_type == "Nghị quyết"


@pytest.mark.parametrize(("text", "names"), [
    ("Căn cứ Luật Bảo vệ, chăm sóc sức khoẻ nhân dân ngày 30/6/1989", ["Luật Bảo vệ, chăm sóc sức khoẻ nhân dân"]),
    ("Căn cứ Luật Tổ chức HĐND và UBND năm 2003; Luật Đất đai, Luật Nhà ở",
     ["Luật Tổ chức HĐND và UBND năm 2003", "Luật Đất đai", "Luật Nhà ở"]),
    ("Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015", ["Luật Phí và lệ phí"]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
     ["Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"]),
    ("Luật Bảo vệ BMNN đồng thời thu hồi tài liệu", ["Luật Bảo vệ BMNN"]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
     "ngày 22 tháng 11 năm 2019;", ["Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                                    "chính quyền địa phương"]),
])
def test_law_names(text: str, names: list[str]) -> None:
    assert [c.raw for c in cites(text) if c.kind == "named"] == names


@pytest.mark.parametrize("text", [
    "II. XÂY DỰNG KẾ HOẠCH\n1. Các văn bản chỉ đạo",           # a heading, then a list number
    "thực hiện Chỉ thị\n3. Tăng cường",
    "Kế hoạch 2025 của đơn vị; quy trình 25",
])
def test_not_partial(text: str) -> None:
    assert [c for c in cites(text) if c.kind == "partial"] == []


def test_partial_followed_by_its_date() -> None:
    [c] = [c for c in cites("Nghị quyết số 47 ngày 13/12/2024 của HĐND tỉnh về") if c.kind == "partial"]
    assert (c.doc_type, c.number, c.date, c.issuer) == ("Nghị quyết", "47", "2024-12-13", "HĐND tỉnh")


def test_second_item_issued_the_same_day_after_a_description() -> None:
    found = full("Ngày 10/02/2025, Bệnh viện ban hành Quyết định số 45/QĐ-BV về thành lập Tổ chuyển đổi số và "
                 "Kế hoạch số 46/KH-BV về chuyển đổi số năm 2025.")
    assert [(c.canonical, c.date) for c in found] == [("45/QĐ-BV", "2025-02-10"), ("46/KH-BV", "2025-02-10")]
    found = full("Ngày 5/1/2025, UBND tỉnh ban hành Kế hoạch số 1/KH-UBND để thực hiện Nghị quyết số 2/NQ-CP.")
    assert [(c.canonical, c.date) for c in found] == [("1/KH-UBND", "2025-01-05"), ("2/NQ-CP", None)]


# ------------------------------------------------------------------ real files of ../shared/corpus/wild


def test_joint_symbols_wrapped_in_table_cells_keep_every_code_and_their_date() -> None:
    """A table of legal documents (btp-cv-1043-2021) wraps joint symbols over a cell's lines; each stays
    one key with its date (citations.md §2.2)."""
    doc = vanban.read(need(WILD / "btp-cv-1043-2021-phu-luc-danh-muc-table.pdf"))
    found = {(doc.page_at(c.span[0]), c.canonical, c.date) for c in find_citations(doc.text) if c.kind == "full"}
    for want in [(18, "22/2016/TTLT-BNNPTNT-BTNMT", "2016-06-30"), (20, "15/2015/TTLT-BTNMT-BNV-BTC", "2015-04-04"),
                 (21, "09/2016/TTLT-BTP-BTNMT", "2016-06-23"), (21, "88/2016/TTLT/BTC-BTNMT", "2016-06-22")]:
        assert want in found
    cut = {"22/2016/TTLT-BNNPTNT", "15/2015/TTLT-BTNMT", "09/2016/TTLT-BTP", "88/2016/TTLT/BTC"}
    assert not cut & {key for _, key, _ in found}


def test_a_type_word_used_as_a_verb_before_a_forms_number_is_no_citation() -> None:
    """byt-qd-2093-2025 says "theo quy định tại mẫu số 03 Phụ lục …" many times: "quy định tại" is a
    verb phrase and "số 03" the form's number, no partial "Quy định 03" (patterns/citation_rules.toml
    partial_mid_breaks); its partial "Nghị định số 91/2016" stays."""
    doc = vanban.read(need(WILD / "byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf"))
    assert doc.text.count("quy định tại mẫu số") >= 8
    partials = [(c.doc_type, c.number) for c in find_citations(doc.text) if c.kind == "partial"]
    assert ("Nghị định", "91") in partials
    assert [p for p in partials if p[0] == "Quy định"] == []


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="reading .doc needs LibreOffice")
def test_a_decision_mentioning_its_own_number_does_not_cite_itself() -> None:
    """Quyết định 144/2002/QĐ/BTC says "(Biểu của QĐ 144 đính kèm ở dưới)": itself, no citation (§1)."""
    doc = vanban.read(need(WILD / "btc-qd-144-2002-tcvn3.doc"))
    assert "QĐ 144 đính kèm" in doc.text
    found = find_citations(doc.text)
    assert [c for c in found if c.kind == "partial" and c.number == "144"] == []
    assert {"147/2002/QĐ-TTg", "137/2001/QĐ/BTC"} <= {c.canonical for c in found}
