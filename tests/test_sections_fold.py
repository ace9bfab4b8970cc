"""A heading is its own line: the sentence under it is not folded onto it (so a required area it names
is not taken for the heading's), a heading wrapped by the margin still is, and the signer's title under
the last heading is not read as that heading's end (a false missing_section, the worst defect).

Files in tests/section_cases are small reports as a reviewer wrote them (txt, and the same report
printed to PDF); the rest are variants of the corpus's plan or lines taken from the corpora."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.conftest import CORPUS, STEMS
from vanban.extract.catalogue import load
from vanban.extract.line_fold import fold, heading_goes_on, opens_signature
from vanban.extract.record import extract_file

CASES = Path(__file__).parent / "section_cases"
PLAN = STEMS[3]          # a Kế hoạch CCHC whose last heading is "III. TỔ CHỨC THỰC HIỆN"


def _missing(rec: dict, severity: str) -> list[str]:
    return [f["params"]["area"] for f in rec["flags"] if f["code"] == "missing_section" and f["severity"] == severity]


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_a_one_line_sentence_under_a_heading_is_not_part_of_it(fmt: str) -> None:
    """"5. Cải cách tài chính công" / "Chuyển đổi số trong thanh toán viện phí.": the sentence named
    chinh_phu_so, so the missing heading went unflagged (DOCX, one paragraph a line, was right)."""
    rec = extract_file(CASES / f"heading_then_sentence.{fmt}")
    secs = rec["sections"]
    assert len(secs) == 9
    by_number = {s["number"]: s for s in secs}
    assert by_number["5"]["heading"] == "Cải cách tài chính công"
    assert by_number["5"]["areas"] == ["tai_chinh_cong"]
    assert by_number["3"]["heading"] == "Cải cách tổ chức bộ máy"      # not "… bộ máy Nội dung"
    for s in secs:
        assert "Nội dung" not in s["heading"] and "viện phí" not in s["heading"]
    assert _missing(rec, "error") == ["chinh_phu_so"]


def _plan_ending(tmp_path: Path, signature: str) -> dict:
    """The corpus's plan with "III. TỔ CHỨC THỰC HIỆN" right before the signature block."""
    text = unicodedata.normalize("NFC", (CORPUS / "txt" / f"{PLAN}.txt").read_text(encoding="utf-8"))
    head = "III. TỔ CHỨC THỰC HIỆN"
    assert text.count(head) == 1
    path = tmp_path / f"{PLAN}.txt"
    path.write_text(text[:text.index(head) + len(head)] + "\n" + signature + "\n", encoding="utf-8")
    return extract_file(path)


@pytest.mark.parametrize("signature", ["KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nHà Thị Lan", "GIÁM ĐỐC\n\nHà Thị Lan",
                                       "Q. GIÁM ĐỐC\n\nHà Thị Lan", "TM. BAN GIÁM ĐỐC\nGIÁM ĐỐC\n\nHà Thị Lan",
                                       "TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG TỔ CHỨC\n\nHà Thị Lan"])
def test_the_last_heading_right_before_the_signature_is_kept(tmp_path: Path, signature: str) -> None:
    rec = _plan_ending(tmp_path, signature)
    last = rec["sections"][-1]
    assert (last["number"], last["heading"], last["areas"]) == ("III", "TỔ CHỨC THỰC HIỆN", ["to_chuc_thuc_hien"])
    assert _missing(rec, "error") == []


def test_the_reviewers_plan_right_before_the_signature() -> None:
    rec = extract_file(CASES / "plan_heading_then_signature.txt")
    assert [s["number"] for s in rec["sections"]] == ["I", "1", "II", "III"]
    assert _missing(rec, "error") == []
    assert rec["document"]["signer"] == {"name": "Hà Thị Lan", "title": "Phó Giám đốc"}


# ---------------------------------------------------------------- line pairs, with the page's line width

# Headings wrapped by the margin, from the corpora: still one paragraph.
WRAPPED = [
    ("28. Quyết định số 769/TTg ngày 18 tháng 9 năm 1997 của Thủ tướng",
     "Chính phủ về việc thành lập Ngân hàng Phát triển nhà đồng bằng sông Cửu Long.", 79),
    ("2. Tiếp tục tham mưu UBND tỉnh xây dựng Kế hoạch thực hiện Chương trình", "Sữa học đường.", 83),
    ("3. Tăng cường nhận thức về chuyển đổi số và lợi ích của việc ứng dụng",
     "CNTT trong quản lý và khám chữa bệnh. Tăng cường nâng cao CLBV dựa trên", 80),
    ("a) Phối hợp với các ban, ngành tại địa phương, tham mưu cho Chủ tịch",
     "Uỷ ban nhân dân tỉnh, thành phố trong việc thành lập Quỹ bảo lãnh tín dụng.", 73),
    ("1. Danh mục 29 thủ tục hành chính mới ban hành thuộc phạm vi chức năng quản lý",
     "Bộ Y tế do Cơ quan chuyên môn về y tế thuộc Uỷ ban nhân dân cấp tỉnh thực hiện", 44),
    ("5. Xây dựng và phát triển Chính phủ điện tử,", "Chính phủ số.", 40),
    ("5. Kết quả thực hiện Kế hoạch của", "Ủy ban nhân dân tỉnh.", 34),
    ("II. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP, CÁC TIÊU", "CHÍ", 50),
]

# A heading, then the text under it: two paragraphs.
HEADING_THEN_TEXT = [
    ("5. Cải cách tài chính công", "Chuyển đổi số trong thanh toán viện phí.", 34),
    ("2. Cải cách thủ tục hành chính", "Chuyển đổi số trong thanh toán viện phí.", 34),   # its first word would not fit
    ("3. Cải cách tổ chức bộ máy", "Nội dung.", 34),
    ("6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
     "Ngày 13/9/2022 Sở Y tế ban hành kế hoạch 3050/KH-SYT kế hoạch ứng", 78),
    ("3. Phòng, chống các bệnh xã hội và bệnh nguy hiểm cho cộng đồng",
     "Trong tháng phát hiện 01 BN phong, phát hiện mới 210 BN lao, 06 BN tâm thần", 83),
    ("b) Mức độ ứng dụng Trí tuệ nhân tạo (AI)", "Có ứng dụng AI phục vụ viên chức, người lao", 46),
    ("III. TỔ CHỨC THỰC HIỆN", "KT. GIÁM ĐỐC", 34),
    ("III. TỔ CHỨC THỰC HIỆN", "GIÁM ĐỐC", 34),
]


@pytest.mark.parametrize(("prev", "line", "width"), WRAPPED)
def test_a_heading_wrapped_by_the_margin_is_one_paragraph(prev: str, line: str, width: int) -> None:
    assert fold(prev, line, width) == " "


@pytest.mark.parametrize(("prev", "line", "width"), HEADING_THEN_TEXT)
def test_a_heading_then_its_text_are_two_paragraphs(prev: str, line: str, width: int) -> None:
    assert fold(prev, line, width) is None


def test_words_a_heading_goes_on_from() -> None:
    """Each word and mark of patterns/sections.toml `goes_on` keeps a heading's line open."""
    heading = load("sections")["heading"]
    assert heading["goes_on"] and heading["goes_on_marks"]
    for word in heading["goes_on"]:
        assert heading_goes_on(f"1. Kết quả thực hiện {word}"), word
        assert fold(f"1. Kết quả thực hiện {word}", "Ủy ban nhân dân tỉnh.", 30) == " ", word
    for mark in heading["goes_on_marks"]:
        assert heading_goes_on(f"1. Kết quả thực hiện{mark}"), mark
    assert not heading_goes_on("5. Cải cách tài chính công")
    assert not heading_goes_on("2. Cải cách thể chế")             # the heading's own first word aside


@pytest.mark.parametrize(("line", "want"), [
    ("KT. GIÁM ĐỐC", True), ("TM. ỦY BAN NHÂN DÂN", True), ("Q. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True),
    ("TL.GIÁM ĐỐC", True), ("KT/CHỦ TỊCH", True), ("CHÍ", False), ("TTHC:", False), ("QUẢN LÝ", False),
    ("GIÁM ĐỐCX", False),
])
def test_a_signers_title_opens_the_signature(line: str, want: bool) -> None:
    assert opens_signature(line) is want
