"""Symbols mended as citations.md §2 says, in the body and in the header's `Số:` line alike: white
space inside a symbol (§2.2), a part typed in lower case (§2.3), hyphens dropped in any part (§2.5),
numbers sharing one symbol (§2.7); each rule with the texts it must leave alone."""

from __future__ import annotations

import pytest

from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.symbols import find_symbols

_HEADER = ("UBND TỈNH CÀ MAU\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: {number}\nCà Mau, ngày 10 tháng 10 năm 2025\nKẾ HOẠCH\nCải cách hành chính năm 2026\n")


def keys(text: str) -> list[str]:
    """The full citations' keys of a text as the pipeline reads it (lines folded first)."""
    found = [c.canonical for c in find_citations(normalise_text(text).text) if c.kind == "full"]
    assert found, text
    return found


def own_key(number_line: str) -> str | None:
    return find_header(normalise_text(_HEADER.format(number=number_line)).text).canonical


# ------------------------------------------------------------------ §2.2: a part cut off by white space


@pytest.mark.parametrize(("text", "want"), [
    ("Thông tư số 07/2021/TT-BNV; Nghị định số 60/2021/NĐ CP; Quyết định số 4210/QĐ BYT; Nghị quyết số 76/NQ - CP.",
     ["07/2021/TT-BNV", "60/2021/NĐ-CP", "4210/QĐ-BYT", "76/NQ-CP"]),
    ("Kế hoạch 1492/KHSYT của Sở Y tế, Công văn 6503/BNVCCHC của Bộ Nội vụ, Nghị quyết 76/NQ\nCP của Chính phủ",
     ["1492/KH-SYT", "6503/BNV-CCHC", "76/NQ-CP"]),
    ("Thông tư liên tịch số 51/2015/TTLTBYT-\nBNV, Quyết định số 06/QĐ\nTTg.", ["51/2015/TTLT-BYT-BNV", "06/QĐ-TTg"]),
    ("Theo Công văn số 610/SYT VP của Sở Y tế", ["610/SYT-VP"]),     # a drafting unit after its issuer
    ("Quyết định số 06/QĐ-TT\ng của Thủ tướng.", ["06/QĐ-TTg"]),     # a mixed-case code's last letter
])
def test_a_known_code_cut_off_by_a_space_or_a_line_break_is_joined(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Thực hiện Quyết định số 12/QĐ của UBND huyện", "12/QĐ"),                 # a word, not a code
    ("Thực hiện Kế hoạch số 45/KH ngày 12/3/2025 của Sở Y tế", "45/KH"),
    ("Thực hiện Quyết định số 12/QĐ-UBND\nUBND tỉnh Gia Lai ban hành", "12/QĐ-UBND"),   # the symbol was whole
    ("theo Kế hoạch số 12/KH\nTU BỔ CƠ SỞ VẬT CHẤT", "12/KH"),           # a heading's word, in capitals
    ("Báo cáo số 15/BC SYTX tháng 3", "15/BC"),                          # no code: a letter follows
    ("Thông tư số 12/2020/TT gồm 5 chương", "12/2020/TT"),             # a word, not a code's last letter
])
def test_what_is_no_code_of_the_symbol_is_left_after_it(text: str, want: str) -> None:
    assert keys(text) == [want]


# ------------------------------------------------------------------ §2.3: a part typed in lower case


@pytest.mark.parametrize(("text", "want"), [
    ("F. Kế hoạch số 124/KH-syt và Kế hoạch số 125/kh-SYT của Sở Y tế.", ["124/KH-SYT", "125/KH-SYT"]),
    ("Nghị quyết 76/nq-cp; Nghị quyết 76/nqcp", ["76/NQ-CP", "76/NQ-CP"]),
])
def test_a_part_typed_in_lower_case_is_upper_cased(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize("text", ["giá bán 5/kg gạo", "Công văn số 12/abc-SYT", "đạt 3/ubnd"])
def test_a_lower_case_part_that_is_no_code_makes_no_symbol(text: str) -> None:
    assert [s.canonical for s in find_symbols(text)] == []


# ------------------------------------------------------------------ §2.5: hyphens dropped in any part


@pytest.mark.parametrize(("text", "want"), [
    ("Thông tư liên tịch số 51/2015/TTLT-BYTBNV; Thông tư liên tịch số 163/2013/TTLTBTC-BNV; "
     "Thông tư liên tịch số 56/2005/TTLT-BNVVPCP",
     ["51/2015/TTLT-BYT-BNV", "163/2013/TTLT-BTC-BNV", "56/2005/TTLT-BNV-VPCP"]),
    ("Công văn 1377/SYTVP của Sở Y tế; Công văn 2231/SNVCCHC&PC; Công văn 3418/SYTNVY của Sở Y tế",
     ["1377/SYT-VP", "2231/SNV-CCHC&PC", "3418/SYT-NVY"]),
    ("Thực hiện Quyết định số 2468/QÐ-UBND ngày 29/12/2024 của UBND tỉnh", ["2468/QĐ-UBND"]),   # Ð (U+00D0) for Đ
])
def test_every_part_whose_pieces_are_known_codes_is_mended(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize("text", ["Quyết định số 41/QĐ-CTUB", "Tờ trình số 33/TTr-SLĐTBXH", "Công văn số 6676/BYT-CDS",
                                  "Công văn số 12/SYTDP"])
def test_a_part_that_is_no_run_of_known_codes_stays_as_written(text: str) -> None:
    assert keys(text) == [text.split()[-1]]


def test_drafting_units_are_no_issuers() -> None:
    """The units of patterns/issuers.toml mend a letter's symbol; none is an issuer's code as well."""
    units = load("issuers")["drafting_units"]["codes"]
    assert units
    issuers = {c["code"] for c in load("issuers")["code"] if "code" in c}
    assert not issuers.intersection(units)


# ------------------------------------------------------------------ §2.7: numbers sharing one symbol


@pytest.mark.parametrize(("text", "want"), [
    ("D. Nghị định số 43/2006, 16/2015 và 60/2021/NĐ-CP của Chính phủ.",
     ["43/2006/NĐ-CP", "16/2015/NĐ-CP", "60/2021/NĐ-CP"]),
    ("E. Quyết định số 312,\n315/QĐ-UBND của UBND tỉnh.", ["312/QĐ-UBND", "315/QĐ-UBND"]),
    ("L. Quyết định số 512, 515 và 518/QĐ-SYT ngày 20/5/2025 của Sở Y tế.", ["512/QĐ-SYT", "515/QĐ-SYT", "518/QĐ-SYT"]),
])
def test_numbers_before_one_symbol_share_it_across_a_line_and_with_years(text: str, want: list[str]) -> None:
    assert keys(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Quyết định số 12/2020, 15/QĐ-UBND", ["15/QĐ-UBND"]),     # a year only in a legal symbol
    ("tỷ lệ đạt 98,\n5/KH-SYT", ["5/KH-SYT"]),                  # no type word before the list
])
def test_what_is_no_list_of_numbers_does_not_share(text: str, want: list[str]) -> None:
    assert keys(text) == want


# ------------------------------------------------------------------ a number glued to "số"


def test_a_number_glued_to_so_is_read() -> None:
    text = "Thực hiện Kế hoạch số45/KH-SYT của Sở Y tế. Quyết định số1234/QĐ-UBND."
    found = [c for c in find_citations(normalise_text(text).text) if c.kind == "full"]
    assert [(c.canonical, c.doc_type, c.issuer) for c in found] == [
        ("45/KH-SYT", "Kế hoạch", "Sở Y tế"), ("1234/QĐ-UBND", "Quyết định", None)]


def test_a_number_glued_to_another_word_is_not() -> None:
    assert find_symbols("mã hiệu ABC45/KH-SYT") == []


# ------------------------------------------------------------------ the header's `Số:` line, the same rules


@pytest.mark.parametrize(("line", "want"), [
    ("124/BC SYT", "124/BC-SYT"), ("124/KH\nSYT", "124/KH-SYT"), ("124/KH-syt", "124/KH-SYT"),
    ("124/kh-syt", "124/KH-SYT"), ("124/KHSYT", "124/KH-SYT"), ("124/BCSYT-VP", "124/BC-SYT-VP"),
    ("51/2015/TTLTBYTBNV", "51/2015/TTLT-BYT-BNV"), ("124/KH–SYT", "124/KH-SYT"), ("2468/QÐ-UBND", "2468/QĐ-UBND"),
    ("1377/SYTVP", "1377/SYT-VP"),
])
def test_the_header_number_is_mended_as_a_citation_is(line: str, want: str) -> None:
    assert own_key(line) == want


@pytest.mark.parametrize(("line", "want"), [
    ("124/KH\nTU BỔ", "124/KH"),            # the next line a heading's capitals
    ("124/QĐ-SYT", "124/QĐ-SYT"),
])
def test_the_header_number_takes_no_line_that_is_not_its_part(line: str, want: str) -> None:
    assert own_key(line) == want


def test_a_code_in_the_next_column_is_not_joined() -> None:
    """A tab is a column's edge: the issuer's column of a table of documents is no part of the symbol."""
    assert [s.canonical for s in find_symbols("Quyết định\t12/QĐ\tUBND tỉnh\t05/01/2025")] == ["12/QĐ"]
