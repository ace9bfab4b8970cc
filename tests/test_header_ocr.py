"""Header fields of scans that OCR damaged in a way the header's own rules can settle: a symbol whose
type abbreviation lost a letter, an issuer's name run onto the motto in the other column."""

from __future__ import annotations

import pytest

from tests.conftest import WILD, need
from vanban.extract.header import _type_letter_lost, find_header
from vanban.extract.header_block import _after_motto


@pytest.mark.parametrize(("rest", "doc_type", "symbol"), [
    (" /C-SYT\tKiên Giang, ngày", "Báo cáo", "BC-SYT"),     # "Số: 1983 /BC-SYT", the B beside the hand's 3
    ("/H-SYT", "Kế hoạch", "KH-SYT"),
    ("/C-XQZW", "Báo cáo", None),             # a code nobody knows: no symbol made up
    ("/H-SYT", "Báo cáo", None),              # not the type line's abbreviation
    ("/BC-SYT", "Báo cáo", None),             # whole: find_symbols' business, not a repair
    ("/D-UBND", "Quyết định", None),          # QĐ's Đ is no D
])
def test_a_type_abbreviation_that_lost_its_first_letter_is_the_type_lines(rest: str, doc_type: str,
                                                                          symbol: str | None) -> None:
    assert _type_letter_lost(rest, doc_type) == symbol


def test_the_header_mends_the_symbol_from_the_type_line() -> None:
    text = "UBND TỈNH KIÊN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ\tĐộc lập - Tự do - Hạnh phúc\n" \
           "Số: 1983 /C-SYT\tKiên Giang, ngày 3 tháng 10 năm 2017\nBÁO CÁO\nTình hình thực hiện công tác y tế"
    h = find_header(text)
    assert (h.doc_type, h.number, h.symbol) == ("Báo cáo", "1983", "BC-SYT")


@pytest.mark.parametrize(("line", "unit"), [
    ("sã: TẺ HÀ NỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TRUNG TÂM Y TẾ MÊ LINH\tĐộc lập - Tự do - Hạnh phúc",
     "TRUNG TÂM Y TẾ MÊ LINH"),
    ("SỞ Y TẾ HÀ NỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
    ("UBND TỈNH X\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐỘC LẬP", None),     # no body's head word
])
def test_a_body_run_onto_the_motto_is_the_left_columns_next_line(line: str, unit: str | None) -> None:
    assert _after_motto(line) == unit


def test_a_scan_in_a_word_file_names_its_issuer_run_onto_the_motto() -> None:
    """hn-ttyt-melinh (a DOC holding page photos): OCR read `SỞ Y TẾ HÀ NỘI` as `sã: TẺ HÀ NỘI` and ran
    `TRUNG TÂM Y TẾ MÊ LINH` onto the motto; the issuer is still found, the parent never made up."""
    from vanban.extract import ocr as ocr_engine
    from vanban.extract.read import read

    if ocr_engine.unavailable():
        pytest.skip(f"OCR is not installed here: {ocr_engine.unavailable()}")
    doc = read(need(WILD / "hn-ttyt-melinh-bc-danso-khhgd-t8-2018-scan-in-doc.doc"))
    h = find_header(doc.text)
    assert h.issuer == "Trung tâm Y tế Mê Linh"
    assert h.parent_issuer in (None, "Sở Y tế Hà Nội")
