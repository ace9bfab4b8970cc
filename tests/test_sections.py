"""Sections: every gold heading found with its areas, in all three renditions; numbered task
sentences and table rows are not headings; areas by meaning; the required outline is data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, STEMS, gold
from vanban.extract import heading_marks
from vanban.extract import sections as sections_module
from vanban.extract.read import read
from vanban.extract.record import extract_file
from vanban.extract.sections import areas_of, normalise_words

FORMATS = ("txt", "docx", "pdf")


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], dict]:
    return {(stem, fmt): extract_file(CORPUS / fmt / f"{stem}.{fmt}") for stem in STEMS for fmt in FORMATS}


def key(number: str, heading: str) -> tuple[str, str]:
    return number, normalise_words(heading)


def score(rec: dict, stem: str) -> dict[str, Any]:
    """Gold headings found (same number and words), extra headings, and areas right on the found."""
    got = {key(s["number"], s["heading"]): s for s in rec["sections"]}
    want = [(key(g["number"], g["heading"]), g["areas"]) for g in gold(stem)["sections"]]
    found = [(k, a) for k, a in want if k in got]
    wanted = {k for k, _ in want}
    return {"found": len(found), "gold": len(want), "extra": [k for k in got if k not in wanted],
            "areas_ok": sum(got[k]["areas"] == a for k, a in found),
            "wrong_areas": [(k, got[k]["areas"], a) for k, a in found if got[k]["areas"] != a]}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_every_gold_heading_found_with_its_areas(records: dict, stem: str, fmt: str) -> None:
    s = score(records[(stem, fmt)], stem)
    assert s["found"] == s["gold"], s
    assert s["extra"] == []
    assert s["wrong_areas"] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_headings_in_order_with_levels_and_spans(stem: str, fmt: str) -> None:
    rec = extract_file(CORPUS / fmt / f"{stem}.{fmt}", with_text=True)
    assert [key(s["number"], s["heading"]) for s in rec["sections"]] == \
        [key(g["number"], g["heading"]) for g in gold(stem)["sections"]]
    secs = rec["sections"]
    assert secs                                         # every sample has headings in its gold
    for s in secs:
        start, end = s["span"]
        assert rec["text"][start:end].startswith(s["number"].split(".")[0])
        assert normalise_words(s["heading"]) in normalise_words(rec["text"][start:end])
    style = {"roman": [], "arabic": [], "decimal": [], "letter": []}
    for s in secs:
        kind = ("roman" if re.fullmatch(r"[IVX]+", s["number"]) else "letter" if s["number"].isalpha()
                else "decimal" if "." in s["number"] else "arabic")
        style[kind].append(s["level"])
    used = [k for k in ("roman", "arabic", "decimal", "letter") if style[k]]
    for rank, kind in enumerate(used, start=1):
        assert set(style[kind]) == {rank}, (kind, style[kind])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_no_false_missing_section_error(records: dict, stem: str, fmt: str) -> None:
    errors = [f for f in records[(stem, fmt)]["flags"] if f["code"] == "missing_section" and f["severity"] == "error"]
    assert errors == []


def test_numbered_task_sentences_and_table_rows_are_not_headings(records: dict) -> None:
    for fmt in FORMATS:
        numbers_002 = [s["number"] for s in records[(STEMS[2], fmt)]["sections"]]
        assert numbers_002[-1] == "V"                          # the nine tasks under V. are sentences
        numbers_003 = [s["number"] for s in records[(STEMS[3], fmt)]["sections"]]
        assert numbers_003[-1] == "III"                        # so are the four assignments under III.
        headings_004 = [s["heading"] for s in records[(STEMS[4], fmt)]["sections"]]
        assert "CẢI CÁCH THỂ CHẾ" not in headings_004            # an annex table row
        headings_000 = [s["heading"] for s in records[(STEMS[0], fmt)]["sections"]]
        assert not any(h.startswith("Phòng Hành chính") for h in headings_000)


def test_a_heading_folded_with_the_next_sentence_is_cut_back() -> None:
    doc = read(CORPUS / "pdf" / f"{STEMS[1]}.pdf")
    secs = sections_module.find_sections(doc, "Báo cáo")
    six = next(s for s in secs if s.heading.startswith("Xây dựng và phát triển Chính phủ"))
    assert six.heading == "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"


# ---------------------------------------------------------------- areas by meaning

@pytest.mark.parametrize(("heading", "doc_type", "areas"), [
    # the headings spec/sections.md gives for each area
    ("Công tác chỉ đạo, điều hành cải cách hành chính", "Báo cáo", ["chi_dao_dieu_hanh"]),
    ("Tình hình tổ chức triển khai", "Báo cáo", ["chi_dao_dieu_hanh"]),
    ("Công tác tuyên truyền cải cách hành chính", "Báo cáo", ["tuyen_truyen"]),
    ("Kiểm tra công tác cải cách hành chính", "Báo cáo", ["kiem_tra"]),
    ("Cải cách thể chế (theo dõi thi hành pháp luật)", "Báo cáo", ["the_che"]),
    ("Cải cách thủ tục hành chính (TTHC); cơ chế một cửa, một cửa liên thông", "Báo cáo", ["tthc"]),
    ("Cải cách tổ chức bộ máy hành chính nhà nước; phân cấp quản lý", "Báo cáo", ["to_chuc_bo_may"]),
    ("Quy hoạch, bổ nhiệm cán bộ", "Báo cáo", ["to_chuc_bo_may"]),
    ("Cải cách chế độ công vụ", "Báo cáo", ["cong_vu"]),
    ("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "Báo cáo", ["cong_vu"]),
    ("Cải cách tài chính công", "Báo cáo", ["tai_chinh_cong"]),
    ("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "Báo cáo", ["chinh_phu_so"]),
    ("Chuyển đổi số", "Báo cáo", ["chinh_phu_so"]),
    ("Hiện đại hóa hành chính", "Báo cáo", ["chinh_phu_so"]),
    ("Bệnh viện không giấy tờ", "Báo cáo", ["chinh_phu_so"]),
    ("Đánh giá chung", "Báo cáo", ["danh_gia"]),
    ("Ưu điểm, những mặt tích cực", "Báo cáo", ["danh_gia"]),
    ("Tồn tại, hạn chế, nguyên nhân", "Báo cáo", ["danh_gia"]),
    ("Phương hướng, nhiệm vụ trọng tâm quý tới", "Báo cáo", ["phuong_huong"]),
    ("Nhiệm vụ, giải pháp", "Báo cáo", ["phuong_huong"]),
    ("Kiến nghị, đề xuất", "Báo cáo", ["kien_nghi"]),
    ("Mục đích, yêu cầu", "Kế hoạch", ["muc_tieu_yeu_cau"]),
    ("Nhiệm vụ cụ thể", "Kế hoạch", ["nhiem_vu"]),
    ("Nội dung, nhiệm vụ, giải pháp", "Kế hoạch", ["nhiem_vu"]),
    ("Nhiệm vụ và giải pháp", "Kế hoạch", ["nhiem_vu"]),
    ("Tổ chức thực hiện", "Kế hoạch", ["to_chuc_thuc_hien"]),
    # a heading may cover two; umbrella headings cover none
    ("Công tác chỉ đạo, điều hành thực hiện CCHC; Công tác tuyên truyền CCHC", "Báo cáo",
     ["chi_dao_dieu_hanh", "tuyen_truyen"]),
    ("Kết quả thực hiện", "Báo cáo", []),
    ("Cải cách hành chính", "Báo cáo", []),
])
def test_areas_by_meaning(heading: str, doc_type: str, areas: list[str]) -> None:
    assert areas_of(heading, doc_type) == areas


def test_casing_punctuation_and_abbreviations_do_not_matter() -> None:
    assert areas_of("CẢI CÁCH TTHC", "Báo cáo") == areas_of("cải cách thủ tục hành chính", "Báo cáo") == ["tthc"]
    assert areas_of("Công tác chỉ đạo điều hành", None) == areas_of("Công tác chỉ đạo, điều hành.", None)


# ---------------------------------------------------------------- the outline is data

def _with_outline(monkeypatch: pytest.MonkeyPatch, extra: dict[str, Any]) -> None:
    data = dict(sections_module.load("sections"))
    data["outline"] = [*data["outline"], extra]
    monkeypatch.setattr(sections_module, "_data", lambda: data)


def test_a_province_can_require_its_own_outline(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = read(CORPUS / "txt" / f"{STEMS[0]}.txt")
    rec = extract_file(CORPUS / "txt" / f"{STEMS[0]}.txt")
    secs = sections_module.find_sections(doc, "Báo cáo")
    before = sections_module.missing_areas(secs, rec["document"], doc.text)
    assert [(m.area, m.severity) for m in before] == [("kien_nghi", "warning")]
    _with_outline(monkeypatch, {"name": "Báo cáo CCHC (Quảng Trị)", "doc_type": "Báo cáo", "province": "Quảng Trị",
                                "topic": ["cải cách hành chính"], "error": ["kien_nghi", "kiem_tra"], "warning": []})
    after = sections_module.missing_areas(secs, rec["document"], doc.text)
    assert {(m.area, m.severity, m.outline) for m in after} == {("kien_nghi", "error", "Báo cáo CCHC (Quảng Trị)"),
                                                                ("kiem_tra", "error", "Báo cáo CCHC (Quảng Trị)")}
    other = dict(rec["document"], province="Bắc Ninh")          # another province keeps the national outline
    assert [m.area for m in sections_module.missing_areas(secs, other, doc.text)] == ["kien_nghi"]


def test_a_plan_that_hands_its_tasks_to_an_annex_gets_no_area_warnings(records: dict) -> None:
    rec = records[(STEMS[4], "docx")]
    assert [f for f in rec["flags"] if f["code"] == "missing_section"] == []
    covered = {a for s in rec["sections"] for a in s["areas"]}
    assert "tthc" not in covered                                # the tasks live in the annex table


def test_the_markers_as_one_pattern_match_where_one_of_them_does() -> None:
    """The one-match test that skips a paragraph no marker opens says what the markers one by one say."""
    paras = [m["examples"][0] for m in sections_module._data()["marker"]]
    paras += ["I.", "IV ) x", "1.1", "2.6 . Xây", "12.3.4.5 A", "123. A", "1 . a", "a)b", "A) Kiểm", "đ. x", "Ia. B",
              " 1. A", "\tI. A", "1.1.1) (", "- 1. A", "", "I- Công", "I -Công", "1/ Cải", "1/2025", "2.337 người",
              "2.95 %", "Phần I", "PHẦN THỨ HAI", "Phần thứ yếu", "A. Đặc", "H. Mê", "L- Nhiệm"]
    for fmt in FORMATS:
        doc = read(CORPUS / fmt / f"{STEMS[0]}.{fmt}")
        paras += [doc.text[s:e] for s, e in doc.paragraphs]
    for para in paras:
        one_by_one = any(m.pattern.match(para) for m in heading_marks.markers())
        assert bool(heading_marks.any_marker().match(para)) == one_by_one, para


@pytest.mark.parametrize("text", [
    "Các nhiệm vụ đính kèm phụ lục.", "các nhiệm vụ ĐÍNH KÈM PHỤ LỤC", "nhiệm vụ (kèm theo\nphụ - lục I)",
    "Xem phụ lục, kèm theo", "có  phụ\tlục", "nhiệm vụ theo phụ lục số 2", "Tocó phụ lục",  # a phrase in a word
    "theo phụ lụcx", "theo phụ", "phụ lục", "có phu luc", "có phụ lục".replace("ụ", "u\u0323"),  # decomposed mark
    "theo_phụ_lục", "theo 3 phụ lục", "CCHC có phụ lục", "TTHC theo phụ lục CCHC", ""])
def test_an_annex_phrase_found_as_in_the_written_out_words(text: str) -> None:
    """The annex phrases searched in the case-folded text say what `phrase in normalise_words(text)`
    says: across punctuation, line breaks and case, inside a longer word, beside abbreviations."""
    hay = normalise_words(text)
    spelled = any(normalise_words(w) in hay for w in sections_module._data()["outlines"]["annex_words"])
    assert sections_module._annex_patterns() is not None
    assert sections_module.hands_tasks_to_annex(text) == spelled


def test_an_annex_phrase_that_meets_an_abbreviation_is_searched_in_the_written_out_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = {**sections_module._data(), "outlines": {"annex_words": ["hành chính theo phụ lục"]}}
    monkeypatch.setattr(sections_module, "_data", lambda: data)
    sections_module._annex_patterns.cache_clear()
    try:
        assert sections_module._annex_patterns() is None
        assert sections_module.hands_tasks_to_annex("Nhiệm vụ CCHC theo phụ lục")   # 'cải cách hành chính'
        assert not sections_module.hands_tasks_to_annex("Nhiệm vụ theo phụ lục")
    finally:
        sections_module._annex_patterns.cache_clear()


def test_the_title_not_the_opening_says_a_report_is_on_cchc() -> None:
    """A report whose title is about something else and whose opening names CCHC among its aims
    is held to no CCHC outline; a report without a title is judged by its opening."""
    opening = "Mục tiêu: tạo sự chuyển biến mạnh mẽ về cải cách hành chính, tăng cường pháp chế."
    other = {"doc_type": "Báo cáo", "title": "Tình hình thực hiện nhiệm vụ kế hoạch năm 2004"}
    assert sections_module.outline_for(other, opening) is None
    untitled = {"doc_type": "Báo cáo", "title": None}
    assert sections_module.outline_for(untitled, opening)["name"] == "Báo cáo CCHC"
    cchc = {"doc_type": "Báo cáo", "title": "Kết quả công tác cải cách hành chính quý III năm 2025"}
    assert sections_module.outline_for(cchc, "")["name"] == "Báo cáo CCHC"


def test_months_then_their_year_later_in_the_clause() -> None:
    """'10 tháng, ước thực hiện cả năm 2017': a ten-month report with an estimate for the year. Read
    as 'năm 2017' it made a false period_mismatch (dated 30/11 before the year's data were in)."""
    from vanban.extract.period import find_period

    p = find_period("Tình hình hoạt động ngành y tế 10 tháng, ước thực hiện cả năm 2017 và đăng ký chỉ tiêu năm 2018")
    assert (p.label, p.start, p.end) == ("10 tháng năm 2017", "2017-01-01", "2017-10-31")
    assert find_period("Báo cáo công tác năm 2017").label == "năm 2017"
    assert find_period("Báo cáo 9 tháng đầu năm 2025").label == "9 tháng đầu năm 2025"


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | st.lists(st.sampled_from(["CCHC", "tthc", " ", "-", "Ⅻ", "²", "ǅ", "İ", "ß", "\u0301",
                                                        "Cải cách", "\n", "_", "١٢"]), max_size=8).map("".join))
def test_words_read_as_runs_of_letters_and_digits_as_when_the_rest_was_blanked(text: str) -> None:
    """normalise_words finds the runs of letters and digits: the same words as blanking every other
    character and splitting on spaces (no letter or digit is a space); either tone placement is one."""
    import unicodedata

    import regex

    from vanban.extract.tone_fold import fold_tones

    folded = fold_tones(unicodedata.normalize("NFC", text)).casefold()
    blanked = regex.sub(r"[^\p{L}\p{N}]+", " ", folded).split()
    abbr = sections_module._data()["heading"]["abbreviations"]
    assert normalise_words(text) == " ".join(abbr.get(w, w) for w in blanked)
