"""Header forms met in documents read after the gold was made: the `Số:` line in capitals or bilingual, a
unit code left out of the symbol, the authority's line under a title, a type word broken over two lines,
a damaged motto beside the issuer (spec/output.md `document`, citations.md §1, domain.md §1)."""

from __future__ import annotations

import pytest

from vanban.extract.header import Header, find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
TTYT = "SỞ Y TẾ TỈNH NINH BÌNH\nTRUNG TÂM Y TẾ HUYỆN KIM SƠN\n" + MOTTO
REPORT = ("Kim Sơn, ngày 12 tháng 3 năm 2024\nBÁO CÁO\nKết quả công tác cải cách hành chính quý I năm 2024\n"
          "Thực hiện Kế hoạch số 12/KH-SYT ngày 10/01/2024 của Sở Y tế, Trung tâm báo cáo như sau:\n"
          "I. KẾT QUẢ ĐẠT ĐƯỢC\n")


def header(text: str) -> Header:
    return find_header(normalise_text(text).text)


def cited(text: str) -> list[str | None]:
    return [c["canonical"] for c in build_record(normalise_text(text))["citations"]]


@pytest.mark.parametrize(("line", "number", "symbol"), [
    ("SỐ: 46/BC-TTYT", "46", "BC-TTYT"),           # a header set all in capitals
    ("SỐ : 46/BC-TTYT", "46", "BC-TTYT"),
    ("Số/No: 50/BC-TTYT", "50", "BC-TTYT"),        # a bilingual header
    ("Số/No.: 50/BC-TTYT", "50", "BC-TTYT"),
    ("SỐ/NO: 50/BC-TTYT", "50", "BC-TTYT"),
])
def test_the_number_line_in_capitals_or_bilingual_is_the_documents_own(line: str, number: str, symbol: str) -> None:
    text = f"{TTYT}{line}\n{REPORT}"
    h = header(text)
    assert (h.number, h.number_blank, h.symbol, h.issuer) == (number, False, symbol, "Trung tâm Y tế huyện Kim Sơn")
    assert cited(text) == ["12/KH-SYT"]                  # its own number is no citation (citations.md §1)
    beside = f"{TTYT}{line}\t{REPORT}"                   # the place and date beside it, after a tab
    assert (header(beside).number, header(beside).symbol) == (number, symbol)


def test_a_bilingual_header_keeps_its_issuer_and_number() -> None:
    """The English motto under the Vietnamese one is the motto too: the issuer block above it is read."""
    text = (TTYT + "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness\nSố/No: 50/BC-TTYT\n" + REPORT)
    h = header(text)
    assert (h.number, h.symbol, h.issuer, h.parent_issuer) == ("50", "BC-TTYT", "Trung tâm Y tế huyện Kim Sơn",
                                                               "Sở Y tế tỉnh Ninh Bình")
    assert cited(text) == ["12/KH-SYT"]


def test_the_number_in_capitals_on_the_issuers_line() -> None:
    h = header("TRUNG TÂM Y TẾ HUYỆN KIM SƠN SỐ: 46/BC-TTYT\n" + MOTTO + REPORT)
    assert (h.number, h.symbol, h.issuer) == ("46", "BC-TTYT", "Trung tâm Y tế huyện Kim Sơn")


def test_a_bilingual_number_left_blank_is_blank() -> None:
    h = header(f"{TTYT}Số/No:    /BC-TTYT\n{REPORT}")
    assert (h.number, h.number_blank, h.symbol) == (None, True, "BC-TTYT")
    h = header(f"{TTYT}Số/No:\n{REPORT}")
    assert (h.number, h.number_blank) == (None, True)


def test_a_heading_in_capitals_that_opens_with_so_is_no_number_line() -> None:
    h = header(f"{TTYT}{REPORT}SỐ LIỆU - TỔNG HỢP\nSỐ 12/KH-SYT ĐÃ TRIỂN KHAI\n")
    assert (h.number, h.number_blank, h.symbol, h.uncertain) == (None, False, None, {})


def test_a_unit_code_left_out_before_the_dash() -> None:
    """`Số: 1281/-UBND`, as some UBND letters print it: the number is written; the dash joins no group to
    `UBND`, so the symbol is `UBND` and the letter is keyed `1281/UBND`, as a citation of it is read."""
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN KIM SƠN\n" + MOTTO + "Số: 1281/-UBND\tKim Sơn, ngày 12 tháng 3 năm 2024\n"
            "V/v triển khai công tác cải cách hành chính năm 2024\nKính gửi: Các cơ quan, đơn vị.\n"
            "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh Ninh Bình.\n"
            "Đề nghị các đơn vị thực hiện nghiêm Công văn 1281 nêu trên và Công văn 1190 của UBND huyện.\n")
    h = header(text)
    assert (h.number, h.number_blank, h.symbol, h.canonical, h.doc_type) == ("1281", False, "UBND", "1281/UBND",
                                                                             "Công văn")
    assert cited(text) == ["12/KH-UBND", None]
    # "Công văn 1281" names the letter itself (citations.md §1); "Công văn 1190" is another
    partials = [c["number"] for c in build_record(normalise_text(text))["citations"] if c["kind"] == "partial"]
    assert partials == ["1190"]
    blank = header(text.replace("1281/-UBND", "   /-UBND"))
    assert (blank.number, blank.number_blank, blank.symbol) == (None, True, "UBND")


@pytest.mark.parametrize(("issuer", "number", "title"), [
    # Nghị quyết 76/NQ-CP of Chính phủ, 15/7/2021
    ("CHÍNH PHỦ", "Số: 76/NQ-CP\tHà Nội, ngày 15 tháng 7 năm 2021",
     "BAN HÀNH CHƯƠNG TRÌNH TỔNG THỂ CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC GIAI ĐOẠN 2021 - 2030"),
    # Nghị quyết 190/2025/QH15 of Quốc hội, 19/02/2025
    ("QUỐC HỘI", "Nghị quyết số: 190/2025/QH15\tHà Nội, ngày 19 tháng 02 năm 2025",
     "QUY ĐỊNH VỀ XỬ LÝ MỘT SỐ VẤN ĐỀ LIÊN QUAN ĐẾN SẮP XẾP TỔ CHỨC BỘ MÁY NHÀ NƯỚC"),
])
def test_the_issuers_line_under_the_title_is_no_part_of_it(issuer: str, number: str, title: str) -> None:
    """The enacting authority under a title (Nghị định 30/2020, Phụ lục I) is the body of the issuer
    block, whichever it is: never the title's last line."""
    text = (f"{issuer}\n-------\n{MOTTO}---------------\n{number}\nNGHỊ QUYẾT\n{title}\n{issuer}\n"
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")
    h = header(text)
    assert (h.doc_type, h.title, h.issuer) == ("Nghị quyết", title, issuer.capitalize())
    # a title that goes on over two lines keeps its lines
    cut = title.rfind(" ", 0, 45)
    broken = text.replace(f"{title}\n", f"{title[:cut]}\n{title[cut + 1:]}\n")
    assert header(broken).title == title


@pytest.mark.parametrize(("broken", "doc_type"), [("QUYẾT\nĐỊNH", "Quyết định"), ("KẾ\nHOẠCH", "Kế hoạch"),
                                                  ("NGHỊ\nQUYẾT", "Nghị quyết")])
def test_a_type_word_broken_over_two_lines_is_read_over_the_break(broken: str, doc_type: str) -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n" + MOTTO + "Số: 120/QĐ-UBND\nNinh Bình, ngày 05 tháng 3 năm 2020\n"
            f"{broken}\nVề việc ban hành Kế hoạch cải cách hành chính năm 2020\nỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    h = header(text)
    assert (h.doc_type, h.title) == (doc_type, "Về việc ban hành Kế hoạch cải cách hành chính năm 2020")
    # no number and no date: the broken type line is still where the issuer block ends
    bare = header(text.replace("Số: 120/QĐ-UBND\nNinh Bình, ngày 05 tháng 3 năm 2020\n", ""))
    assert (bare.doc_type, bare.issuer) == (doc_type, "Ủy ban nhân dân tỉnh Ninh Bình")


def test_the_articles_broken_type_word_opens_no_title() -> None:
    h = header("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 120/QĐ-UBND\nCăn cứ Luật.\nQUYẾT\nĐỊNH:\nĐiều 1. Ban hành.\n")
    assert (h.doc_type, h.title) == ("Quyết định", None)


@pytest.mark.parametrize("motto", ["CỘNG HỊA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÕA XÃ HỘI CHỦ NGHỈA VIỆT NAM"])
@pytest.mark.parametrize("how", ["\n", "\t", " "])
def test_a_damaged_motto_is_no_part_of_the_issuer(motto: str, how: str) -> None:
    """The motto OCR or a lost glyph damaged by a letter or two, on its own line, beside the issuer
    after a tab, or run onto its line."""
    text = (f"CHÍNH PHỦ{how}{motto}\nĐộc lập - Tự do - Hạnh phúc\nSố: 30/2020/NĐ-CP\n"
            "Hà Nội, ngày 05 tháng 3 năm 2020\nNGHỊ ĐỊNH\nVề công tác văn thư\nCăn cứ Luật Tổ chức Chính phủ;\n")
    h = header(text)
    assert (h.issuer, h.parent_issuer, h.number, h.title) == ("Chính phủ", None, "30", "Về công tác văn thư")


def test_a_damaged_motto_in_lower_case_keeps_the_issuer_above_it() -> None:
    text = ("UBND TỈNH NINH BÌNH\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lặp - Tự do - Hạnh phủc\n"
            "Số: 124/BC-SYT\nNinh Bình, ngày 14 tháng 3 năm 2022\nBÁO CÁO\nKết quả công tác năm 2021\n")
    h = header(text)
    assert (h.issuer, h.parent_issuer) == ("Sở Y tế", "UBND tỉnh Ninh Bình")


@pytest.mark.parametrize("gap", ["\n", "\t"])
def test_a_commune_named_cong_hoa_keeps_its_name(gap: str) -> None:
    """`CỘNG HÒA`, the motto's first two words, is also the name of communes (xã Cộng Hòa, Nam Sách): it
    ends the issuer's line as a piece of the motto only where the motto goes on in the next line."""
    text = (f"UBND HUYỆN NAM SÁCH{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND XÃ CỘNG HÒA{gap}"
            "Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND\tCộng Hòa, ngày 3 tháng 4 năm 2024\nBÁO CÁO\n"
            "Kết quả công tác năm 2024\n")
    h = header(text)
    assert (h.issuer, h.parent_issuer) == ("UBND xã Cộng Hòa", "UBND huyện Nam Sách")
    broken = header("ỦY BAN NHÂN DÂN CỘNG HÒA\nHUYỆN NAM SÁCH XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BC-UBND\nBÁO CÁO\n")
    assert broken.issuer == "Ủy ban nhân dân huyện Nam Sách"     # the motto going on: its piece


def test_a_subject_line_ending_kem_theo_beside_the_date_is_no_annex_note() -> None:
    """"V/v gửi danh sách kèm theo" in the left column, the place and date after a tab: the date is the
    header's; an annex note names a document by its type and "số" ("Kèm theo Quyết định số …")."""
    text = ("SỞ Y TẾ TỈNH QUẢNG TRỊ\nSố: 12/SYT-VP\nV/v gửi danh sách kèm theo\tQuảng Trị, ngày 12 tháng 9 "
            "năm 2025\nKính gửi: các đơn vị trực thuộc\nSở Y tế gửi danh sách các đơn vị.")
    assert header(text).date == "2025-09-12"
    note = "UBND TỈNH LAI CHÂU\nPhụ lục\n(Kèm theo Quyết định số: /QĐ-UBND ngày tháng năm 2025 của UBND tỉnh)\n"
    rec = build_record(normalise_text(note + "Danh mục thủ tục hành chính."))
    assert rec["document"]["date"] is None and not [f for f in rec["flags"] if f["code"].startswith("blank_")]
