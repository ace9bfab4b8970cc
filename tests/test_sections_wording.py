"""An area is recognised by its meaning, not an exact heading (spec/sections.md): a report that has its
evaluation as "III. NHẬN XÉT, ĐÁNH GIÁ" and its next steps as "IV. KẾ HOẠCH CÔNG TÁC QUÝ IV" is not
missing them (a false missing_section error, the worst defect). Words that general name an area only as
a main division's heading; below one, and in a plan, they mean what they always did.

Files in tests/section_cases/wording_* are the small reports a reviewer wrote (spec4, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.extract.normalise import normalise_text
from vanban.extract.record import extract_file
from vanban.extract.sections import areas_of, find_sections
from vanban.extract.tone_fold import fold_tones

CASES = Path(__file__).parent / "section_cases"

# file -> {heading number: the area its own words name}
WORDING = {
    "s03": {"2.5": "tai_chinh_cong", "IV": "phuong_huong"},
    "s04": {"III": "danh_gia"},
    "s06": {"I": "chi_dao_dieu_hanh", "1": "the_che", "2": "tthc",
            "3": "to_chuc_bo_may", "4": "cong_vu", "5": "tai_chinh_cong", "6": "chinh_phu_so",
            "III": "danh_gia", "IV": "phuong_huong"},
    "s07": {"3": "to_chuc_bo_may", "4": "cong_vu", "5": "tai_chinh_cong", "III": "danh_gia",
            "IV": "phuong_huong", "V": "kien_nghi"},
    "s08": {"III": "danh_gia", "IV": "phuong_huong"},
    "k02": {"III": "to_chuc_thuc_hien"},
    "k03": {"III": "to_chuc_thuc_hien"},
    "k05": {"III": "to_chuc_thuc_hien"},
    "k06": {"III": "to_chuc_thuc_hien"},
}


@pytest.mark.parametrize("name", sorted(WORDING))
def test_a_section_under_other_wording_is_found(name: str) -> None:
    rec = extract_file(CASES / f"wording_{name}.txt")
    by_number = {s["number"]: s for s in rec["sections"]}
    assert by_number, "the report's headings are read"
    for number, area in WORDING[name].items():
        assert area in by_number[number]["areas"], (number, by_number[number]["heading"])
    if name.startswith("k"):
        assert "chi_dao_dieu_hanh" not in by_number["III"]["areas"]      # a plan's execution, not a report's
    missing = [f["params"]["area"] for f in rec["flags"] if f["code"] == "missing_section"]
    for area in WORDING[name].values():
        assert area not in missing


def _areas(text: str, doc_type: str) -> dict[str, list[str]]:
    return {s.number: s.areas for s in find_sections(normalise_text(text), doc_type)}


def test_general_words_name_an_area_only_at_a_main_division() -> None:
    """"Công tác đánh giá, phân loại" under the results is staff work; "Kết quả thực hiện các nhiệm vụ"
    is the results, not the next period's tasks; a plan's "II. NHIỆM VỤ" is its tasks."""
    report = ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nBan hành kế hoạch.\nII. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ\n"
              "1. Công tác đánh giá, phân loại viên chức\nĐã thực hiện.\n2. Kế hoạch đào tạo\nCử đi học.\n"
              "3. Đề nghị khen thưởng\nHai cá nhân.\nIII. ĐÁNH GIÁ\nTốt.\nIV. NHIỆM VỤ QUÝ IV NĂM 2025\nTiếp tục.\n")
    areas = _areas(report, "Báo cáo")
    assert areas, "the headings are read"
    assert areas["II"] == []
    assert areas["1"] == ["cong_vu"]                # staff work: the rating of civil servants, not danh_gia
    assert areas["2"] == areas["3"] == []           # no phuong_huong, no kien_nghi below a main division
    assert areas["III"] == ["danh_gia"] and areas["IV"] == ["phuong_huong"]
    plan = "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. NHIỆM VỤ\nCải cách.\nIII. TỔ CHỨC TRIỂN KHAI THỰC HIỆN\nCác khoa.\n"
    areas = _areas(plan, "Kế hoạch")
    assert areas["II"] == ["nhiem_vu"] and areas["III"] == ["to_chuc_thuc_hien"]
    # a report's "Tình hình tổ chức triển khai thực hiện CCHC" stays its direction of the work
    assert areas_of("TÌNH HÌNH TỔ CHỨC TRIỂN KHAI THỰC HIỆN CCHC", "Báo cáo", True) == ["chi_dao_dieu_hanh"]


def test_an_office_under_the_execution_is_no_area() -> None:
    """"Phòng Tài chính - Kế toán", "Phòng Tổ chức cán bộ" under "Tổ chức thực hiện" are who does it."""
    plan = ("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. NHIỆM VỤ CỤ THỂ\nCải cách.\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Phòng Tài chính - Kế toán\nBố trí kinh phí.\n2. Phòng Tổ chức cán bộ\nTheo dõi.\n")
    areas = _areas(plan, "Kế hoạch")
    assert areas["1"] == areas["2"] == ["to_chuc_thuc_hien"]


@pytest.mark.parametrize(("old", "new"), [("hóa", "hoá"), ("Hòa", "Hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"),
                                          ("HÓA", "HOÁ")])
def test_either_tone_placement_is_one_word(old: str, new: str) -> None:
    assert fold_tones(old) == fold_tones(new) == new
    assert fold_tones("hoàn thành của quý") == "hoàn thành của quý"     # one placement only: left alone
    for spelled in ("Hiện đại hoá nền hành chính", "Hiện đại hóa nền hành chính", "HIỆN ĐẠI HOÁ HÀNH CHÍNH"):
        assert areas_of(spelled) == ["chinh_phu_so"]


def test_main_divisions_in_bare_capitals_are_read() -> None:
    """The standard outline as bare lines in capitals, no numbers (s09): those lines are its main
    divisions; the lines in lower case under them are not read (the line folder glues some of them to
    the sentence below: "Cải cách thủ tục hành chính Tiếp nhận 230 hồ sơ.")."""
    rec = extract_file(CASES / "wording_s09.txt")
    secs = rec["sections"]
    assert [s["areas"] for s in secs] == [["chi_dao_dieu_hanh"], ["danh_gia"], ["phuong_huong"]]
    assert all(s["number"] == "" and s["level"] == 1 for s in secs)
    missing = [f["params"]["area"] for f in rec["flags"] if f["code"] == "missing_section"]
    assert missing, "the areas written in lower case are still missing"
    assert not {"chi_dao_dieu_hanh", "danh_gia", "phuong_huong"} & set(missing)


def test_a_stray_line_in_capitals_is_no_outline() -> None:
    """A title in capitals, two lines in capitals naming areas: not an outline; nor is any line in
    capitals of a document that numbers its headings."""
    title = ("BÁO CÁO\nTÌNH HÌNH TRIỂN KHAI KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025\nĐơn vị báo cáo như sau.\n"
             "ĐÁNH GIÁ CHUNG\nTốt.\nPHƯƠNG HƯỚNG NHIỆM VỤ\nTiếp tục.\n")
    assert find_sections(normalise_text(title), "Báo cáo") == []
    numbered = "I. KẾT QUẢ\nTốt.\nĐÁNH GIÁ CHUNG\nTốt.\nPHƯƠNG HƯỚNG NHIỆM VỤ\nTiếp tục.\nKIẾN NGHỊ\nKhông.\n"
    assert [s.number for s in find_sections(normalise_text(numbered), "Báo cáo")] == ["I"]
