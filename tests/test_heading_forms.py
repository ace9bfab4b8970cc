"""Headings numbered in every common style (`I-`, `I/`, `1-`, `1/`, `Phần I.`, `Phần thứ nhất`, `A.`) are
headings, at sensible levels, so a complete report is never flagged as missing its sections; what only
looks like one (a number the margin broke off a sentence, a date, a fraction, a list item) is not; a title
stops before the first heading however it is numbered; a plan's "nhiệm vụ trọng tâm" is its tasks."""

from __future__ import annotations

import pytest

from tests.conftest import LONG, WILD, need
from vanban.extract.model import PageInfo
from vanban.extract.normalise import normalise_text
from vanban.extract.read import read
from vanban.extract.record import build_record, extract_file
from vanban.extract.sections import find_sections

HEAD = ("SỞ Y TẾ KIÊN GIANG\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 124/BC-BV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 20 tháng 9 năm 2025\nBÁO CÁO\n"
        "Kết quả công tác cải cách hành chính Quý III năm 2025\n")
TITLE = "Kết quả công tác cải cách hành chính Quý III năm 2025"
SENTENCE = "Bệnh viện đã triển khai đầy đủ các nội dung theo kế hoạch đề ra.\n"
TAIL = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nGIÁM ĐỐC\n"

# (roman, arabic) marks: each style a report is written in
STYLES = {
    "dot": ("{}. ", "{}. "), "dash": ("{}- ", "{}- "), "slash": ("{}/ ", "{}/ "),
    "spaced dash": ("{} - ", "{} - "), "spaced slash": ("{} / ", "{} / "), "bracket": ("{}) ", "{}) "),
}
ROMAN = ["I", "II", "III", "IV", "V"]


def _results(arabic: str) -> str:
    areas = ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
             "Cải cách chế độ công vụ", "Cải cách tài chính công",
             "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"]
    return "".join(f"{arabic.format(i)}{a}\n{SENTENCE}" for i, a in enumerate(areas, start=1))


def _report(roman: str, arabic: str) -> str:
    """A complete CCHC report (spec/sections.md: every required area) with its headings in one style."""
    r = [roman.format(n) for n in ROMAN]
    return (HEAD + f"{r[0]}Công tác chỉ đạo, điều hành và tuyên truyền cải cách hành chính\n{SENTENCE}"
            f"{r[1]}Kết quả thực hiện các nhiệm vụ cải cách hành chính\n{_results(arabic)}"
            f"{r[2]}Đánh giá chung\n{SENTENCE}{r[3]}Phương hướng, nhiệm vụ quý IV năm 2025\n{SENTENCE}"
            f"{r[4]}Kiến nghị, đề xuất\n{SENTENCE}" + TAIL)


def _in_parts(first: str, second: str) -> str:
    """The same report in two parts, each heading set as `first` / `second` (a part's heading may stand on
    the line under its number), the Roman numbers starting again in each part."""
    return (HEAD + f"{first}\n"
            f"I- Công tác chỉ đạo, điều hành và tuyên truyền cải cách hành chính\n{SENTENCE}"
            f"II- Kết quả thực hiện các nhiệm vụ cải cách hành chính\n{_results('{}. ')}"
            f"III- Đánh giá chung\n{SENTENCE}"
            f"{second}\n"
            f"I- Nhiệm vụ trọng tâm quý IV năm 2025\n{SENTENCE}II- Kiến nghị, đề xuất\n{SENTENCE}" + TAIL)


def _missing(record: dict) -> list[tuple[str, str]]:
    return [((f.get("params") or {}).get("area"), f["severity"]) for f in record["flags"]
            if f["code"] == "missing_section"]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_complete_report_is_complete_however_its_headings_are_numbered(style: str) -> None:
    record = build_record(normalise_text(_report(*STYLES[style])))
    numbers = [(s["number"], s["level"]) for s in record["sections"]]
    assert numbers == [("I", 1), ("II", 1), *[(str(i), 2) for i in range(1, 7)], ("III", 1), ("IV", 1), ("V", 1)]
    assert _missing(record) == []
    assert record["document"]["title"] == TITLE          # the title stops before "I- Công tác ..."


@pytest.mark.parametrize(("first", "second"), [
    ("Phần I. KẾT QUẢ THỰC HIỆN", "Phần II. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("PHẦN I: KẾT QUẢ THỰC HIỆN", "PHẦN II: PHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("Phần I\nKẾT QUẢ THỰC HIỆN", "Phần II\nPHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("Phần thứ nhất\nKẾT QUẢ THỰC HIỆN", "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("PHẦN THỨ NHẤT\nKẾT QUẢ THỰC HIỆN", "PHẦN THỨ HAI\nPHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("A. KẾT QUẢ THỰC HIỆN", "B. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
])
def test_parts_stand_above_the_roman_numbers(first: str, second: str) -> None:
    record = build_record(normalise_text(_in_parts(first, second)))
    secs = record["sections"]
    levels = {s["number"]: s["level"] for s in secs}
    parts = [s for s in secs if s["level"] == 1]
    assert [s["heading"] for s in parts] == ["KẾT QUẢ THỰC HIỆN", "PHƯƠNG HƯỚNG, NHIỆM VỤ"]
    assert (levels["I"], levels["II"], levels["1"]) == (2, 2, 3)
    assert [s["number"] for s in secs if s["level"] == 2] == ["I", "II", "III", "I", "II"]
    assert _missing(record) == []
    assert record["document"]["title"] == TITLE


def test_capital_letters_first_met_under_a_roman_number_divide_it() -> None:
    """"III. NỘI DUNG ..." / "A. ĐẾN NĂM 2010" / "1. Cải cách thể chế": the letters divide the Roman section."""
    text = (HEAD + f"I. Đánh giá chung\n{SENTENCE}II. Mục tiêu\n{SENTENCE}III. NỘI DUNG CẢI CÁCH HÀNH CHÍNH\n"
            f"A. NỘI DUNG ĐẾN NĂM 2010\n1. Cải cách thể chế\n{SENTENCE}2. Cải cách tài chính công\n{SENTENCE}"
            f"B. NỘI DUNG NĂM 2025\n1. Cải cách thủ tục hành chính\n{SENTENCE}IV. Kiến nghị, đề xuất\n{SENTENCE}"
            + TAIL)
    secs = find_sections(normalise_text(text), "Báo cáo")
    assert [(s.number, s.level) for s in secs] == [("I", 1), ("II", 1), ("III", 1), ("A", 2), ("1", 3), ("2", 3),
                                                   ("B", 2), ("1", 3), ("IV", 1)]


def test_ocr_slips_in_roman_numbers_are_mended_within_each_part() -> None:
    """Each part numbers its Roman sections from I again: OCR's `L.` for `I.` at the head of the second
    part is mended from that part's run, not read as a number going back after "III."."""
    doc = normalise_text(_in_parts("Phần I. KẾT QUẢ THỰC HIỆN", "Phần II. PHƯƠNG HƯỚNG, NHIỆM VỤ")
                         .replace("I- Nhiệm vụ trọng tâm", "L- Nhiệm vụ trọng tâm"))
    doc.page_list = [PageInfo(page=1, method="ocr", confidence=0.9)]
    secs = find_sections(doc, "Báo cáo")
    assert [s.number for s in secs if s.level == 2] == ["I", "II", "III", "I", "II"]


# ---------------------------------------------------------------- what only looks like a heading

def _numbers(text: str) -> list[tuple[str, str]]:
    doc = normalise_text(HEAD + text + TAIL)
    return [(s.number, s.heading) for s in find_sections(doc, "Báo cáo")]


def test_a_number_broken_off_its_sentence_is_no_heading() -> None:
    """"2.337 người" on a line of its own is the end of the sentence above it (a thousands dot), not a
    heading "2" named "337 người"; the line goes back into its paragraph."""
    text = ("3. Phòng, chống các bệnh xã hội\nĐiều trị khỏi bệnh 192 BN lao, lũy kế từ đầu năm số điều trị khỏi "
            "bệnh lao là\n2.337 người.\n4. An toàn thực phẩm\nThẩm định, cấp 112 Giấy chứng nhận, kiểm tra\n"
            "1.824 cơ sở kinh doanh dịch vụ ăn uống.\n")
    assert _numbers(text) == [("3", "Phòng, chống các bệnh xã hội"), ("4", "An toàn thực phẩm")]
    doc = normalise_text(HEAD + text)
    assert "bệnh lao là 2.337 người." in doc.text


@pytest.mark.parametrize("line", [
    "1/2025 Bệnh viện tiếp nhận 25 hồ sơ.",           # a date
    "1/2 số hồ sơ được giải quyết trước hạn.",         # a fraction
    "- Phòng Hành chính quản trị thực hiện.",         # a list item
    "1 - 2 ngày làm việc kể từ ngày nhận hồ sơ.",      # a range
    "Phần lớn các khoa đã thực hiện.",                # "Phần" that opens no part
    "H. Mê Linh, TP. Hà Nội",                         # an abbreviated place
])
def test_what_only_looks_like_a_heading_is_none(line: str) -> None:
    assert _numbers(f"I. Kết quả thực hiện\n{SENTENCE}{line}\n") == [("I", "Kết quả thực hiện")]


# ---------------------------------------------------------------- a plan's tasks

PLAN = ("SỞ Y TẾ KIÊN GIANG\nSố: 15/KH-SYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKiên Giang, ngày 5 tháng 1 năm 2026\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n" + SENTENCE + "II. {tasks}\n"
        "1. Cải cách thể chế\n" + SENTENCE + "2. Cải cách thủ tục hành chính\n" + SENTENCE +
        "3. Cải cách tổ chức bộ máy\n" + SENTENCE + "4. Cải cách chế độ công vụ\n" + SENTENCE +
        "5. Cải cách tài chính công\n" + SENTENCE + "6. Xây dựng chính quyền điện tử, chính quyền số\n" + SENTENCE +
        "III. TỔ CHỨC THỰC HIỆN\n" + SENTENCE + TAIL)


@pytest.mark.parametrize("tasks", ["CÁC NHIỆM VỤ TRỌNG TÂM", "NỘI DUNG THỰC HIỆN", "NHIỆM VỤ VÀ GIẢI PHÁP",
                                   "Nhiệm vụ trọng tâm năm 2026"])
def test_a_plans_focal_tasks_are_its_tasks(tasks: str) -> None:
    record = build_record(normalise_text(PLAN.format(tasks=tasks)))
    assert record["document"]["doc_type"] == "Kế hoạch"
    assert [s["areas"] for s in record["sections"] if s["number"] == "II"] == [["nhiem_vu"]]
    assert _missing(record) == []


# ---------------------------------------------------------------- real reports

def test_a_report_in_parts_with_dashed_roman_headings() -> None:
    """long/13: "Phần I" over "TÌNH HÌNH ..." on the next line, then "I- Công tác tham mưu, chỉ đạo điều hành";
    a line "2.337 người." the margin broke off its sentence."""
    rec = extract_file(need(LONG / "txt" / "13.txt"))
    secs = [(s["number"], s["heading"], s["level"]) for s in rec["sections"]]
    assert secs[:3] == [("Phần I", "TÌNH HÌNH THỰC HIỆN CÔNG TÁC Y TẾ THÁNG 12-2017", 1),
                        ("I", "Công tác tham mưu, chỉ đạo điều hành", 2), ("II", "Kết quả thực hiện", 2)]
    assert ("Phần II", "MỘT SỐ CÔNG TÁC TRỌNG TÂM THÁNG 1-2018", 1) in secs
    assert not [s for s in secs if s[1].startswith("337")]
    assert rec["document"]["title"] == ("Tình hình thực hiện công tác y tế tháng 12-2017 và chương trình công "
                                        "tác tháng 1-2018")


def test_a_plan_in_parts_with_lettered_sections() -> None:
    """A Word 97 plan: "Phần I." over "A." and "B.", the Roman numbers under "B."."""
    doc = read(need(WILD / "hn-melinh-pkdk-daithinh-kh-2018-doc97-tcvn3-mixed.doc"))
    secs = find_sections(doc, "Kế hoạch")
    top = [(s.number, s.level) for s in secs if s.level <= 3][:6]
    assert top == [("Phần I", 1), ("A", 2), ("B", 2), ("I", 3), ("II", 3), ("III", 3)]
    assert next(s for s in secs if s.number == "III").own_areas == ["nhiem_vu"]   # "Nội dung và các giải pháp"


def test_a_part_whose_heading_stands_on_the_lines_below() -> None:
    doc = read(need(WILD / "cp-bc-kh-2004-2005-tcvn3-text-layer.pdf"))
    parts = [(s.number, s.heading) for s in find_sections(doc, "Báo cáo") if s.level == 1]
    assert parts == [("Phần thứ nhất", "ĐÁNH GIÁ KHẢ NĂNG THỰC HIỆN NGHỊ QUYẾT QUỐC HỘI VỀ NHIỆM VỤ KẾ HOẠCH NĂM 2004"),
                     ("Phần thứ hai", "ĐỊNH HƯỚNG PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2005")]


def test_a_programme_whose_lettered_parts_divide_a_roman_section() -> None:
    """Cần Thơ QĐ 256/2004: "I- ĐÁNH GIÁ ...", then "III. NỘI DUNG ..." divided into "A." and "B."."""
    doc = read(need(WILD / "cantho-ubnd-qd-256-2004-chuong-trinh-cchc-tcvn3.doc"))
    secs = find_sections(doc, "Quyết định")
    assert (secs[0].number, secs[0].level) == ("I", 1)
    assert secs[0].heading.startswith("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CẢI CÁCH HÀNH CHÍNH")
    three = next(i for i, s in enumerate(secs) if s.number == "III")
    assert [(s.number, s.level, s.parent) for s in secs[three + 1:three + 3]] == [("A", 2, three), ("1", 3, three + 1)]
