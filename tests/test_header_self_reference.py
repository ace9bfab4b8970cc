"""A mention of the header's own number is the document itself only when it states no other date or
year (citations.md §1): numbers restart every year and units share a symbol (domain.md §1.1), so last
year's report with the same number is another document, and a citation."""

from __future__ import annotations

import pytest

from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record
from vanban.extract.self_reference import is_itself

PLAN = ("UBND TỈNH GIA LAI\nSỞ Y TẾ\nSố: 15/KH-SYT\nGia Lai, ngày 10 tháng 01 năm 2025\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2025\n")
REPORT = ("SỞ Y TẾ TỈNH AN GIANG\nTRUNG TÂM Y TẾ KHU VỰC TÂN CHÂU\nSố: 15/BC-TTYT\n"
          "Tân Châu, ngày 15 tháng 12 năm 2025\nBÁO CÁO\nKết quả công tác cải cách hành chính năm 2025\n")


def cited(text: str) -> list[tuple[str, str | None, str | None]]:
    rec = build_record(normalise_text(text))
    return [(c["kind"], c["canonical"] or c["number"], c["date"]) for c in rec["citations"]]


def test_last_years_document_with_the_same_number_is_cited() -> None:
    text = PLAN + ("I. MỤC ĐÍCH, YÊU CẦU\nTiếp nối kết quả thực hiện Kế hoạch số 15/KH-SYT ngày 12/01/2024 của Sở Y tế"
                   " về cải cách hành chính năm 2024. Kế hoạch số 15 /KH-SYT này thay thế các kế hoạch trước.\n"
                   "II. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện Kế hoạch 15/KH-SYT.\n")
    assert cited(text) == [("full", "15/KH-SYT", "2024-01-12")]       # "này" and the bare mention are itself
    report = REPORT + ("Thực hiện Kế hoạch số 15/KH-TTYT ngày 10/01/2025 của Trung tâm; Báo cáo số 15/BC-TTYT"
                       " ngày 12/12/2024 của Trung tâm (năm trước).\n")
    assert cited(report) == [("full", "15/KH-TTYT", "2025-01-10"), ("full", "15/BC-TTYT", "2024-12-12")]


@pytest.mark.parametrize(("mention", "kept"), [
    ("Các đơn vị thực hiện Kế hoạch số 15/KH-SYT ngày 10/01/2025 của Sở Y tế.", False),    # its own date
    ("Các đơn vị thực hiện Kế hoạch số 15/KH-SYT.", False),
    ("So với Kế hoạch số 15/KH-SYT năm 2024, kế hoạch này bổ sung nhiều nội dung.", True),   # another year
    ("Các đơn vị thực hiện Kế hoạch số 15/KH-SYT năm 2025.", False),
    ("Tiếp nối Kế hoạch số 15 ngày 12/01/2024 của Sở Y tế.", True),                          # a partial, too
    ("Các đơn vị thực hiện Kế hoạch số 15 của Sở Y tế.", False),
])
def test_a_mention_of_the_own_number_is_itself_unless_it_states_another_date(mention: str, kept: bool) -> None:
    found = cited(PLAN + "I. MỤC ĐÍCH, YÊU CẦU\n" + mention + "\n")
    assert bool(found) is kept, (mention, found)


def test_a_day_left_blank_agrees_with_any_day_of_its_month() -> None:
    assert is_itself("2025-12-10", "2025-12")
    assert not is_itself("2024-12-10", "2025-12")
    assert is_itself(None, "2025-12-15")
    assert is_itself("2024-12-12", None)            # a document with no date of its own: no contrary date
    mention = "Báo cáo số 15/BC-TTYT"
    assert not is_itself(None, "2025-12-15", mention + " năm 2024", len(mention))
    assert is_itself(None, "2025-12-15", mention + " năm 2025", len(mention))
