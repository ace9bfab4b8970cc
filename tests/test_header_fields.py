"""The `Số:` line found by trying the pattern only where one can start is the one a scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, STEMS
from vanban.extract import header_fields
from vanban.extract.read import read

_PIECES = ["Số", "số", "só", "Sổ", "Sô", "SỐ", "S6", ":", " : ", " ", "  ", "\n", "\t", "BỘ Y TẾ ", "Nghị quyết ",
           "Kế hoạch", "12", "124", "/", "//", "BC-SYT", "QĐ-UBND", "2025/", "x", ".", "-", "a", "ab", "42ÿ",
           "xã đạt 15", ",", "/No", "/NO", "No.", "/-", "-UBND", "SỐ:"]


def _scan(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in header_fields._NUMBER_LINE.finditer(text)]


def _anchored(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in header_fields._number_lines(text)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=18))
def test_every_number_line_a_scan_finds_in_its_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _anchored(text) == _scan(text)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_every_number_line_of_the_corpus(fmt: str) -> None:
    for stem in STEMS:
        text = read(CORPUS / fmt / f"{stem}.{fmt}").text
        assert _anchored(text) == _scan(text)


def test_a_type_word_before_its_number_and_a_ministry_line_that_carries_it() -> None:
    for text in ["x\nNghị quyết số: 653/2019/UBTVQH14", "BỘ Y TẾ Số: 12/BC-BYT", "BỘ Y TẾ  Số : 12/BC-BYT\nSố: 3/KH-X",
                 "Số: 42ÿ /KH-SYT", "Số 15 xã đạt 15/TC\n Số: 7/BC-UBND", "Kế hoạch số: 12/KH-UBND",
                 "\tKế hoạch\nsố : 12/KH-UBND", "SỐ: 46/BC-TTYT", "x\nSố/No: 50/BC-TTYT", "Số: 1281/-UBND"]:
        assert _anchored(text) == _scan(text), text
        assert _scan(text)
