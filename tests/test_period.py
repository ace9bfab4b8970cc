"""The period a report covers when its title also names the plan that follows: the first period is the
report's, with the year written at the end or, none written, the document's (spec/output.md, "Reports
and periods": a unit that reported on Quý III must not be listed as owing it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.period import find_period, report_period
from vanban.extract.record import build_record, extract_file


@pytest.mark.parametrize(("title", "label", "start", "end"), [
    ("Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm và phương hướng nhiệm vụ 6 tháng cuối năm 2025",
     "6 tháng đầu năm 2025", "2025-01-01", "2025-06-30"),
    ("Báo cáo kết quả công tác cải cách hành chính Quý III và phương hướng nhiệm vụ Quý IV năm 2025",
     "Quý III năm 2025", "2025-07-01", "2025-09-30"),
    ("Báo cáo tình hình hoạt động tháng 9 và kế hoạch tháng 10 năm 2025", "tháng 9 năm 2025", "2025-09-01",
     "2025-09-30"),
    ("Báo cáo 9 tháng đầu năm và phương hướng quý IV năm 2025", "9 tháng đầu năm 2025", "2025-01-01",
     "2025-09-30"),
    ("Kết quả công tác CCHC quý I, nhiệm vụ trọng tâm quý II năm 2025", "quý I năm 2025", "2025-01-01",
     "2025-03-31"),
    # the plan's period starts the next year: the report's is the year before
    ("Báo cáo công tác Quý IV và phương hướng nhiệm vụ Quý I năm 2026", "Quý IV năm 2025", "2025-10-01",
     "2025-12-31"),
    ("Tình hình thực hiện công tác y tế tháng 12 và chương trình công tác tháng 1-2018", "tháng 12 năm 2017",
     "2017-12-01", "2017-12-31"),
    ("Báo cáo kết quả 6 tháng cuối năm và phương hướng nhiệm vụ năm 2026", "6 tháng cuối năm 2025",
     "2025-07-01", "2025-12-31"),
    # the plan for the rest of the year: the report's period is in it
    ("Kết quả công tác Quý III và nhiệm vụ trọng tâm những tháng cuối năm 2025", "Quý III năm 2025",
     "2025-07-01", "2025-09-30"),
    # both years written, or the first's alone: the first as written
    ("Báo cáo kết quả công tác năm 2025 và nhiệm vụ năm 2026", "năm 2025", "2025-01-01", "2025-12-31"),
    ("Báo cáo Quý III năm 2025 và phương hướng nhiệm vụ Quý IV năm 2025", "Quý III năm 2025", "2025-07-01",
     "2025-09-30"),
    ("Tình hình thực hiện công tác y tế tháng 12-2017 và chương trình công tác tháng 1-2018", "tháng 12-2017",
     "2017-12-01", "2017-12-31"),
    ("Báo cáo 6 tháng đầu năm và phương hướng nhiệm vụ năm 2025", "6 tháng đầu năm 2025", "2025-01-01",
     "2025-06-30"),
])
def test_a_report_and_its_plan_is_the_first_period(title: str, label: str, start: str, end: str) -> None:
    found = find_period(title)
    assert found is not None and (found.label, found.start, found.end) == (label, start, end)


@pytest.mark.parametrize(("title", "dated", "label"), [
    ("Kết quả công tác Quý III và phương hướng nhiệm vụ Quý IV", "2025-09-20", "Quý III năm 2025"),
    ("Kết quả công tác Quý IV và phương hướng nhiệm vụ Quý I", "2026-01-05", "Quý IV năm 2025"),   # sent in January
    ("Kết quả 6 tháng đầu năm và phương hướng, nhiệm vụ trọng tâm", "2025-06", "6 tháng đầu năm 2025"),
])
def test_no_year_written_is_the_documents(title: str, dated: str, label: str) -> None:
    found = find_period(title, dated)
    assert found is not None and found.label == label
    assert find_period(title) is None, "no year written and no date: no period"


def test_a_year_written_wins_over_the_documents() -> None:
    found = find_period("Kết quả công tác Quý III và phương hướng nhiệm vụ Quý IV năm 2024", "2025-09-20")
    assert found is not None and found.label == "Quý III năm 2024"


def test_the_header_gives_a_yearless_title_the_year_of_its_date() -> None:
    doc = normalise_text("SỞ Y TẾ TỈNH LÀO CAI\nBỆNH VIỆN ĐA KHOA SỐ 2\nSố: 215/BC-BVĐK2\n"
                         "Lào Cai, ngày 05 tháng 01 năm 2026\nBÁO CÁO\n"
                         "Kết quả công tác cải cách hành chính Quý IV và phương hướng nhiệm vụ Quý I\n"
                         "Thực hiện Kế hoạch số 138/KH-SYT ngày 31/12/2024 của Sở Y tế tỉnh Lào Cai.\n")
    h = find_header(doc.text, find_citations(doc.text))
    assert (h.date, h.doc_type) == ("2026-01-05", "Báo cáo")
    assert h.period == {"label": "Quý IV năm 2025", "start": "2025-10-01", "end": "2025-12-31"}


@pytest.mark.parametrize(("text", "label"), [
    ("trong 6 tháng và kế hoạch năm 2025", "năm 2025"),                          # a duration, not a period
    ("ngày 15 tháng 9 và kế hoạch tháng 10 năm 2025", "tháng 10 năm 2025"),      # a day's month
])
def test_no_report_period_before_the_plan(text: str, label: str) -> None:
    found = find_period(text, "2025-09-20")
    assert found is not None and found.label == label


@pytest.mark.parametrize(("title", "label", "start", "end"), [
    ("Báo cáo công tác cải cách hành chính Quí III năm 2025", "Quý III năm 2025", "2025-07-01", "2025-09-30"),
    ("BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÍ III NĂM 2025", "QUÝ III NĂM 2025", "2025-07-01", "2025-09-30"),
    ("Kết quả công tác CCHC Quý 3, năm 2025", "Quý 3, năm 2025", "2025-07-01", "2025-09-30"),
    ("Kết quả công tác CCHC Quý III, năm 2025", "Quý III, năm 2025", "2025-07-01", "2025-09-30"),
    ("Báo cáo sơ kết sáu tháng đầu năm 2025", "sáu tháng đầu năm 2025", "2025-01-01", "2025-06-30"),
    ("Báo cáo Quí III và phương hướng nhiệm vụ Quí IV năm 2025", "Quý III năm 2025", "2025-07-01", "2025-09-30"),
])
def test_a_period_spelled_the_other_ways_reports_use(title: str, label: str, start: str, end: str) -> None:
    """"Quí" (the older spelling), a comma before the year, the months in words: the quarter or the
    months, never the whole year the title ends with."""
    found = find_period(title)
    assert found is not None and (found.label, found.start, found.end) == (label, start, end)


def test_a_sentence_of_the_body_is_no_report_then_plan_title() -> None:
    """"Qua 6 tháng, …" in the opening words, the quarter written after it: the quarter, not 6 months."""
    found = find_period("Qua 6 tháng, triển khai thực hiện Kế hoạch của Sở. Báo cáo kết quả CCHC Quý III năm 2025",
                        "2025-10-05")
    assert found is not None and found.label == "Quý III năm 2025"
    found = find_period("Báo cáo Quý III năm 2025. Trong 6 tháng đầu năm và kế hoạch tháng 10 năm 2025 …")
    assert found is not None and found.label == "Quý III năm 2025"


# ---------------------------------------------------------------- a title's period without its year (spec4, item 3)

CASES = Path(__file__).parent / "section_cases"


@pytest.mark.parametrize(("name", "label", "start"), [
    ("wording_p31", "6 tháng đầu năm 2025", "2025-01-01"),   # not "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025"
    ("wording_p06", "Quý III năm 2025", "2025-07-01"),       # not "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2025"
    ("wording_p30", "Quý III năm 2025", "2025-07-01"),       # no year anywhere but the header's date
])
def test_a_yearless_title_takes_its_dates_year_not_the_next_periods(name: str, label: str, start: str) -> None:
    rec = extract_file(CASES / f"{name}.txt")
    period = rec["document"]["period"]
    assert period is not None and (period["label"], period["start"]) == (label, start)
    assert not [f for f in rec["flags"] if f["code"] == "period_mismatch"]


@pytest.mark.parametrize(("title", "opening", "dated", "label"), [
    ("Kết quả công tác CCHC Quý IV", "", "2026-01-05", "Quý IV năm 2025"),       # sent in January
    ("Kết quả công tác CCHC 6 tháng đầu năm", "", "2025-06", "6 tháng đầu năm 2025"),
    # no date: the nearest year the body states, not that of the heading of what comes next
    ("Kết quả công tác CCHC Quý III", "IV. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2026\nThực hiện kế hoạch năm 2025.",
     None, "Quý III năm 2025"),
    ("Kết quả công tác cải cách hành chính", "I. KẾT QUẢ QUÝ III NĂM 2025\nIV. NHIỆM VỤ QUÝ IV NĂM 2025",
     "2025-09-20", "QUÝ III NĂM 2025"),
    ("Kết quả công tác cải cách hành chính", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2025", "2025-09-20", None),
])
def test_a_report_period_is_never_the_next_ones(title: str, opening: str, dated: str | None, label: str | None) -> None:
    found = report_period(title, opening, dated, "Báo cáo")
    assert (found.label if found else None) == label


def test_a_plans_period_ahead_is_its_own() -> None:
    found = report_period("Cải cách hành chính", "I. NHIỆM VỤ NĂM 2026\nCải cách.", "2025-12-20", "Kế hoạch")
    assert found is not None and found.label == "NĂM 2026"


def test_a_sentence_opening_with_a_plan_keeps_its_year() -> None:
    """"Kế hoạch số 12/KH-UBND … năm 2025" in the body is the plan the report carries out, not its next steps."""
    found = report_period("Kết quả công tác cải cách hành chính",
                          "Kế hoạch số 12/KH-UBND của UBND tỉnh về CCHC năm 2025 đã được triển khai.", None, "Báo cáo")
    assert found is not None and found.label == "năm 2025"


@pytest.mark.parametrize(("subject", "label"), [
    ("V/v báo cáo công tác CCHC quý III năm 2025", "quý III năm 2025"),     # a unit's report sent as a letter
    ("V/v đề nghị báo cáo công tác CCHC quý III năm 2025", None),         # the Sở asking for one
    ("V/v triển khai Kế hoạch cải cách hành chính năm 2026", None),
])
def test_a_letter_that_reports_has_its_subjects_period(subject: str, label: str | None) -> None:
    text = ("SỞ Y TẾ TỈNH BẮC NINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM Y TẾ THUẬN THÀNH\n"
            f"Số: 512/TTYT-TCHC\tThuận Thành, ngày 18 tháng 9 năm 2025\n{subject}\nKính gửi: Sở Y tế\n"
            "Thực hiện Kế hoạch số 12/KH-SYT ngày 10/01/2025 của Sở Y tế năm 2025, Trung tâm báo cáo như sau.\n")
    document = build_record(normalise_text(text))["document"]
    assert document["doc_type"] == "Công văn"
    assert (document["period"] or {}).get("label") == label
