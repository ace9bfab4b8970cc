"""TCVN3 capitals fonts in a PDF's text layer: runs in `.VnTimeH` are upper case once converted."""

from __future__ import annotations

from tests.conftest import WILD, need
from vanban.extract.ocr_cache import Ocr
from vanban.extract.pdf_capitals import restore
from vanban.extract.read import read
from vanban.extract.record import build_record

NHNN = "nhnn-tt-01-2006-tcvn3-text-layer.pdf"
CP_BC = "cp-bc-kh-2004-2005-tcvn3-text-layer.pdf"


def test_runs_are_found_in_order_and_upper_cased() -> None:
    page = "ngân hàng nhà nước\nviệt nam\nSố: 01\nthông tư\nnhà nước"
    # where each run starts in the text layer, whose line ends are "\r\n"
    runs = [(0, "ng©n hµng nhµ n\u00adíc"), (20, "viÖt nam"), (38, "th«ng t\u00ad")]
    assert restore(page, runs, "tcvn3") == "NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\nSố: 01\nTHÔNG TƯ\nnhà nước"


def test_a_run_the_page_does_not_hold_is_left_out() -> None:
    assert restore("việt nam", [(0, "hµ néi"), (0, "viÖt nam")], "tcvn3") == "VIỆT NAM"


def test_a_run_is_upper_cased_where_it_stands_not_where_its_letters_first_occur() -> None:
    page = "công tác thanh tra\na. mục tiêu\nb. nhiệm vụ\n13. ổn định đời sống"
    # runs "a" and "b" start lines 2 and 3 of the layer ("\r\n" line ends), "ổ" of "ổn" line 4
    runs = [(20, "a"), (33, "b"), (50, "æ")]
    assert restore(page, runs, "tcvn3") == "công tác thanh tra\nA. mục tiêu\nB. nhiệm vụ\n13. Ổn định đời sống"


def test_nhnn_header_reads_its_issuer_and_title() -> None:
    rec = build_record(read(need(WILD / NHNN), ocr=Ocr(enabled=False)))
    head = rec["document"]
    assert head["issuer"] == "Ngân hàng Nhà nước Việt Nam"
    assert head["doc_type"] == "Thông tư"
    # the body's first sentence ("Để triển khai ...") is no part of the title
    assert head["title"] == ("Hướng dẫn một số nội dung về góp vốn thành lập Quỹ bảo lãnh tín dụng "
                             "cho các doanh nghiệp nhỏ và vừa")


def test_a_report_on_the_economy_is_no_cchc_report() -> None:
    """Its headings in capitals are now read; its title is not about CCHC, though its opening
    names CCHC among the year's aims: no CCHC outline, no missing-section errors."""
    rec = build_record(read(need(WILD / CP_BC), ocr=Ocr(enabled=False)))
    assert rec["document"]["doc_type"] == "Báo cáo"
    assert rec["document"]["title"] == ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KẾ HOẠCH NĂM 2004 VÀ KẾ HOẠCH "
                                        "PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2005")
    first, second = rec["sections"][:2]             # "Phần thứ nhất" over its first Roman section
    assert (first["number"], first["level"]) == ("Phần thứ nhất", 1)
    assert (second["number"], second["heading"], second["level"]) == ("I", "ĐÁNH GIÁ TỔNG QUÁT", 2)
    assert [f for f in rec["flags"] if f["code"] == "missing_section"] == []
