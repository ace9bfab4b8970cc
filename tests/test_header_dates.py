"""The header's place-and-date line however a typist or a header set in capitals writes it (output.md
`date`, `place`; domain.md §1.4), and a date that names no day told apart from a day left blank."""

from __future__ import annotations

import pytest

from vanban.extract.header import find_header
from vanban.extract.header_fields import field_regions, impossible_date
from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record

TOP = "SỞ Y TẾ TỈNH HÀ TĨNH\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 11/BC-BVĐK\n"
BODY = ("BÁO CÁO\nKết quả công tác cải cách hành chính năm 2025\n"
        "Thực hiện Kế hoạch số 45/KH-SYT của Sở Y tế, Bệnh viện báo cáo như sau:\nI. KẾT QUẢ\n")


def record(text: str) -> dict:
    return build_record(normalise_text(text))


@pytest.mark.parametrize("line", [
    "Hà Tĩnh, ngày 05 tháng 3 năm 2025",
    "Hà Tĩnh, Ngày 05 tháng 3 năm 2025",          # "Ngày" capitalised after the place
    "Hà Tĩnh ngày 05 tháng 3 năm 2025",           # the comma left out
    "Hà Tĩnh ngày 05 tháng 03 năm 2025.",
    "Hà Tĩnh ngày 05/3/2025",
    "HÀ TĨNH, NGÀY 05 THÁNG 3 NĂM 2025",          # a header set all in capitals
    "HÀ TĨNH NGÀY 05 THÁNG 3 NĂM 2025",
    "Hà Tĩnh , ngày 05 tháng 3 năm 2025",
])
def test_the_place_and_date_line_however_written(line: str) -> None:
    rec = record(TOP + line + "\n" + BODY)
    doc = rec["document"]
    assert (doc["date"], doc["date_partial"], doc["place"]) == ("2025-03-05", None, "Hà Tĩnh"), line
    assert not [f for f in rec["flags"] if f["code"] in ("blank_date", "missing_header")]


def test_the_line_without_its_comma_beside_the_number_after_a_tab() -> None:
    h = find_header(normalise_text(TOP.rstrip("\n") + "\tHà Tĩnh ngày 05 tháng 3 năm 2025\n" + BODY).text)
    assert (h.date, h.place) == ("2025-03-05", "Hà Tĩnh")


def test_a_sentence_with_a_date_and_no_comma_is_no_header_date() -> None:
    """Without its comma only a line of its own is the header's: a sentence naming a body and a day is not."""
    text = TOP + BODY + "Kế hoạch của Sở Y tế ngày 05 tháng 3 năm 2025 đã được triển khai đầy đủ.\n"
    doc = record(text)["document"]
    assert (doc["date"], doc["place"]) == (None, None)


def test_the_day_of_a_date_in_capitals_is_where_a_hand_fills_it_in() -> None:
    text = normalise_text(TOP + "HÀ TĨNH, NGÀY 05 THÁNG 3 NĂM 2025\n" + BODY).text
    lo, hi = field_regions(text)["date"]
    assert text[lo:hi].strip() == "05"


@pytest.mark.parametrize(("line", "key"), [
    ("Hà Tĩnh, ngày 31 tháng 02 năm 2025", "blank_date_impossible"),   # no such day
    ("Hà Tĩnh, ngày 12 tháng 13 năm 2025", "blank_date_impossible"),
    ("Hà Tĩnh, ngày 05 tháng 3 năm 25", "blank_date_impossible"),      # a year cut short: no real date either
    ("Hà Tĩnh, ngày    tháng 02 năm 2025", "blank_date"),              # the day left blank
    ("Hà Tĩnh, ngày … tháng 02 năm 2025", "blank_date"),
])
def test_an_impossible_date_is_not_called_a_blank_day(line: str, key: str) -> None:
    rec = record(TOP + line + "\n" + BODY)
    flags = [f for f in rec["flags"] if f["code"] == "blank_date"]
    assert [f["message_key"] for f in flags] == [key], line
    assert rec["document"]["date"] is None
    assert ("blank" in flags[0]["message"]) is (key == "blank_date")      # the record speaks English
    assert impossible_date(normalise_text(TOP + line + "\n" + BODY).text) is (key != "blank_date")


def test_the_impossible_date_message_in_both_languages() -> None:
    from vanban.patterns.strings import _catalogue, _english_flags

    vi, en = _catalogue()["vi"]["flags"]["blank_date_impossible"], _english_flags()["blank_date_impossible"]
    assert "{raw}" in vi and "{raw}" in en
    assert vi != _catalogue()["vi"]["flags"]["blank_date"] and "blank" not in en
