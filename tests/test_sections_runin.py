"""A heading that runs straight into its text ("5. Cải cách tài chính công: triển khai Nghị định …") is a
heading whatever the length of the text, judged from the words before the colon; a numbered sentence that
names an area later stays a sentence. In a report, next period's tasks cover no required area; in a plan
they are its content. An OCR-read "5, Cải cách …" is a heading only on a page read by OCR.

Files in tests/section_cases/runin_*, ocr_comma.txt and forward_tasks.txt are the reviewer's documents
(unseen3: docs/06, docs/04, var/runin_bold.docx, the scan of docs/09 as OCR read it, min/nocps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LONG, need
from vanban.extract.heading_marks import ocr_marker_of
from vanban.extract.model import PageInfo
from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record, extract_file
from vanban.extract.run_in import names_area_first
from vanban.extract.sections import _data, counted_areas, find_sections

CASES = Path(__file__).parent / "section_cases"
REFORM = ["the_che", "tthc", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong", "chinh_phu_so"]
HEAD = ("SỞ Y TẾ TỈNH NINH BÌNH\nBỆNH VIỆN Y DƯỢC CỔ TRUYỀN\nSố: 356/BC-BVYDCT\n"
        "Ninh Bình, ngày 15 tháng 9 năm 2025\nBÁO CÁO\nCông tác cải cách hành chính 9 tháng đầu năm 2025\n")
TAIL = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nGIÁM ĐỐC\n"


def _missing(record: dict) -> list[tuple[str, str]]:
    return sorted(((f.get("params") or {}).get("area"), f["severity"]) for f in record["flags"]
                  if f["code"] == "missing_section")


def _areas(record: dict) -> dict[str, list[str]]:
    return {s["number"]: s["areas"] for s in record["sections"] if s["level"] == 2}


# ---------------------------------------------------------------- run-in headings

@pytest.mark.parametrize("name", ["runin_long.txt", "runin_bold.docx"])
def test_run_in_headings_are_found_however_long_their_text(name: str) -> None:
    """Items 1–6 under "II. KẾT QUẢ THỰC HIỆN", four of them over 120 characters: each is its area's heading
    (before, the long ones read as statements and took their short neighbours with them: 6 false errors)."""
    rec = extract_file(CASES / name)
    six = {n: a for n, a in _areas(rec).items() if n in "123456"}
    assert [a[0] for _, a in sorted(six.items())] == REFORM
    headings = [s["heading"] for s in rec["sections"]]
    assert "Cải cách tài chính công" in headings                  # the heading, not its text
    assert not [a for a, sev in _missing(rec) if sev == "error"]


def test_a_long_run_in_item_in_a_plan_is_one_of_its_tasks() -> None:
    """docs/04: "5. Cải cách tài chính công: thực hiện tự chủ …; kinh phí …" (over 120 characters) is the
    plan's task of that area (it was a warning "nên có Cải cách tài chính công")."""
    rec = extract_file(CASES / "runin_plan.txt")
    tasks = [s for s in rec["sections"] if s["number"] == "5" and s["level"] == 2]
    assert [(s["heading"], s["areas"]) for s in tasks] == [("Cải cách tài chính công", ["tai_chinh_cong"])]
    assert _missing(rec) == []


@pytest.mark.parametrize("head", _data()["heading"]["run_in_examples"])
def test_words_before_the_colon_that_make_a_heading(head: str) -> None:
    assert names_area_first(head)


@pytest.mark.parametrize("head", _data()["heading"]["run_in_counterexamples"])
def test_words_before_the_colon_that_make_no_heading(head: str) -> None:
    assert not names_area_first(head)


def test_numbered_sentences_that_name_an_area_later_stay_sentences() -> None:
    """A numbered list of long sentences with a colon: the words before it open with no area, or lead into a
    list ("…, cụ thể:"), so no item becomes a heading and none covers an area."""
    body = ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nNội dung.\nII. KẾT QUẢ THỰC HIỆN\n"
            "1. Trong 9 tháng đầu năm, Bệnh viện đã tiếp nhận và giải quyết hồ sơ theo cơ chế một cửa: tổng số "
            "1.245 hồ sơ, trong đó 1.198 hồ sơ trực tuyến và 47 hồ sơ trực tiếp.\n"
            "2. Bệnh viện đã triển khai các nội dung chuyển đổi số, cụ thể: bệnh án điện tử tại 100% khoa lâm "
            "sàng, thanh toán không dùng tiền mặt đạt 85% và kết nối liên thông dữ liệu.\n"
            "3. Tổng số viên chức của Bệnh viện đến ngày 30/9/2025 theo báo cáo của các khoa phòng về công vụ: "
            "215 người, trong đó 58 bác sĩ, 21 dược sĩ, 104 điều dưỡng, kỹ thuật viên.\n"
            "III. ĐÁNH GIÁ CHUNG\nTốt.\n")
    secs = find_sections(normalise_text(HEAD + body + TAIL), "Báo cáo")
    assert [s.number for s in secs] == ["I", "II", "III"]
    assert {a for s in secs for a in s.areas} == {"chi_dao_dieu_hanh", "danh_gia"}


def test_an_office_and_its_assignment_is_no_task_of_its_area() -> None:
    """docs/04 without its "6. Chuyển đổi số": "1. Phòng Công nghệ thông tin: …" under "III. TỔ CHỨC THỰC
    HIỆN" says who does what, so the plan still lacks a chinh_phu_so task."""
    text = (CASES / "runin_plan.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("6. Chuyển đổi số"))
    text = text.replace("1. Phòng Tổ chức - Hành chính chủ trì", "1. Phòng Công nghệ thông tin: chủ trì triển "
                        "khai bệnh án điện tử, bảo đảm hạ tầng mạng và an toàn thông tin; Phòng Tổ chức - Hành "
                        "chính chủ trì")
    rec = build_record(normalise_text(text))
    assert ("chinh_phu_so", "warning") in _missing(rec)
    assert not any(s["heading"].startswith("Phòng Công nghệ") for s in rec["sections"])


def test_a_heading_glued_to_a_sentence_with_a_colon_is_not_cut_there() -> None:
    """The colon must stand on the item's own line: a heading line the folder left above a sentence with a
    colon keeps its own words, not the sentence's."""
    doc = normalise_text(HEAD + "II. KẾT QUẢ\n1. Cải cách thể chế\nBệnh viện ban hành các quy chế: quy chế "
                         "chi tiêu nội bộ, quy chế dân chủ và quy chế làm việc của Ban Giám đốc.\n" + TAIL)
    secs = find_sections(doc, "Báo cáo")
    assert [(s.number, s.heading) for s in secs] == [("II", "KẾT QUẢ"), ("1", "Cải cách thể chế")]


# ---------------------------------------------------------------- next period's tasks

def test_next_periods_tasks_cover_no_area_of_a_report() -> None:
    """min/nocps: no "6. Chính phủ số" among the results, only "2. Hoàn thành bệnh án điện tử …" under
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ": the report misses chinh_phu_so (the task keeps its area for display)."""
    rec = extract_file(CASES / "forward_tasks.txt")
    assert ("chinh_phu_so", "error") in _missing(rec)
    assert [s["areas"] for s in rec["sections"] if s["heading"].startswith("Hoàn thành bệnh án")] == [["chinh_phu_so"]]
    assert [a for a, sev in _missing(rec) if sev == "error"] == ["chinh_phu_so"]


def test_a_report_with_the_area_among_its_results_is_complete() -> None:
    """The same report with its results' "6. Chuyển đổi số" is missing nothing: only the tasks are set aside."""
    text = (CASES / "forward_tasks.txt").read_text(encoding="utf-8").replace(
        "III. ĐÁNH GIÁ CHUNG", "6. Chuyển đổi số\nTriển khai bệnh án điện tử tại 08/11 khoa.\nIII. ĐÁNH GIÁ CHUNG")
    rec = build_record(normalise_text(text))
    assert [a for a, sev in _missing(rec) if sev == "error"] == []


def _counts_under(division: str) -> bool:
    """Whether "1. Chuyển đổi số" under the report's division "II. <division>" covers chinh_phu_so."""
    doc = normalise_text(HEAD + f"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nNội dung.\nII. {division}\n"
                         "1. Chuyển đổi số\nTriển khai bệnh án điện tử tại 08/11 khoa.\n" + TAIL)
    secs = find_sections(doc, "Báo cáo")
    assert [s.areas for s in secs if s.number == "1"] == [["chinh_phu_so"]]
    report = next(o for o in _data()["outline"] if o["doc_type"] == "Báo cáo")
    return "chinh_phu_so" in counted_areas(secs, report)


@pytest.mark.parametrize("division", _data()["outlines"]["result_words_examples"])
def test_a_division_that_reports_results_counts_whatever_it_looks_ahead_to(division: str) -> None:
    assert _counts_under(division)


@pytest.mark.parametrize("division", _data()["outlines"]["result_words_counterexamples"])
def test_a_division_that_only_looks_ahead_counts_nothing_below_it(division: str) -> None:
    assert not _counts_under(division)


def test_a_plans_tasks_are_its_content() -> None:
    """In a plan (no `not_under` in its outline) the reform areas among the tasks are what it must have."""
    outline = next(o for o in _data()["outline"] if o["doc_type"] == "Kế hoạch")
    assert not outline.get("not_under")
    rec = extract_file(CASES / "runin_plan.txt")
    assert _missing(rec) == []


# ---------------------------------------------------------------- OCR's comma for a dot

def _ocr(text: str) -> list[tuple[str, str]]:
    doc = normalise_text(text)
    doc.page_list = [PageInfo(page=1, method="ocr", confidence=0.9)]
    return [(s.number, s.heading) for s in find_sections(doc, "Báo cáo")]


def test_an_ocr_comma_for_the_dot_is_a_heading_on_a_scan() -> None:
    """The scan of docs/09 reads "5, Cải cách tài chính công: thu sự nghiệp …": the heading it is on a page
    read by OCR; the same typed is text (a typist writes no such heading)."""
    text = (CASES / "ocr_comma.txt").read_text(encoding="utf-8")
    assert ("5", "Cải cách tài chính công") in _ocr(text)
    typed = [(s.number, s.heading) for s in find_sections(normalise_text(text), "Báo cáo")]
    assert typed and ("5", "Cải cách tài chính công") not in typed


def test_body_lines_with_a_number_and_a_comma_stay_text_on_a_scan() -> None:
    body = ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nNội dung.\nII. KẾT QUẢ THỰC HIỆN\n1. Cải cách thể chế\n"
            "Đã ban hành các Quyết định số\n12, 15 và 20 về quy chế nội bộ.\n"
            "5, Bệnh viện đã tổ chức tập huấn cho 120 viên chức về thủ tục hành chính.\n"
            "2,Nghị định số 60/2021/NĐ-CP được triển khai.\n")
    numbers = [n for n, _ in _ocr(HEAD + body + TAIL)]
    assert numbers == ["I", "II", "1"]


@pytest.mark.parametrize("line", _data()["heading"]["ocr_number_examples"])
def test_ocr_number_examples(line: str) -> None:
    found = ocr_marker_of(line)
    assert found is not None and names_area_first(line[found[1].end():])


@pytest.mark.parametrize("line", _data()["heading"]["ocr_number_counterexamples"])
def test_ocr_number_counterexamples(line: str) -> None:
    found = ocr_marker_of(line)
    assert found is None or not names_area_first(line[found[1].end():])


# ---------------------------------------------------------------- a sub-heading's own area

def test_a_sub_heading_that_names_its_own_area_has_it() -> None:
    """long/01: under "I. Kết quả công tác Tổ chức cán bộ" (to_chuc_bo_may), "2. Công tác đào tạo" and its
    items are the civil service's (cong_vu); "3. Công tác tổ chức, biên chế" keeps the parent's area."""
    path = LONG / "txt" / "01.txt"
    need(path)
    rec = extract_file(path)
    first = []
    for s in rec["sections"]:
        if s["level"] == 1 and first:
            break
        first.append(s)
    by_heading = {s["heading"]: s["areas"] for s in first}
    assert by_heading["Công tác đào tạo"] == ["cong_vu"]
    assert by_heading["Đào tạo sau đại học"] == ["cong_vu"]
    assert by_heading["Thăng hạng chức danh nghề nghiệp"] == ["cong_vu"]
    assert by_heading["Công tác tổ chức, biên chế"] == ["to_chuc_bo_may"]
