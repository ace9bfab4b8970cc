"""Figures that are aims, not results (extract/targets.py, patterns/metrics.toml [targets]): the
questions set a figure beside other units' results, so a target must say so, and a result must not."""

from __future__ import annotations

from pathlib import Path

from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record, extract_file

REPORT = """SỞ Y TẾ TỈNH QUẢNG TRỊ
TRUNG TÂM Y TẾ KHU VỰC BỐ TRẠCH
Số: 45/BC-TTYT\tBố Trạch, ngày 05 tháng 01 năm 2026
BÁO CÁO
Kết quả công tác cải cách hành chính năm 2025
I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH
Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.
Tỷ lệ văn bản đi được ký số đạt 96%, vượt mục tiêu đề ra.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026
Tỷ lệ văn bản đi được ký số đạt 100%.
III. KIẾN NGHỊ
Phấn đấu năm 2026 tỷ lệ người bệnh hài lòng đạt 95%.
"""


def test_a_target_is_said_so_and_a_result_is_not() -> None:
    rec = build_record(normalise_text(REPORT))
    said = [(m["raw"], m["indicator_key"], bool(m.get("target"))) for m in rec["metrics"] if m.get("indicator_key")]
    assert said == [("98,5%", "dung_han", False),           # under a heading of results, aims named in it
                    ("96%", "ky_so", False),                # measured against the aim: a result
                    ("100%", "ky_so", True),                # the next year's direction
                    ("95%", "hai_long", True)], said        # "phấn đấu" before it in its clause


CASES = Path(__file__).parent / "target_cases"


def _said(path: Path) -> list[tuple[str, str, bool]]:
    rec = extract_file(path)
    return [(m["raw"], m["indicator_key"], bool(m.get("target"))) for m in rec["metrics"] if m.get("indicator_key")]


def test_an_aim_goes_on_over_semicolons_and_yeu_cau_asks() -> None:
    """In a results section: "phấn đấu tỷ lệ hài lòng đạt 95%; 100% hồ sơ được giải quyết đúng hạn" sets
    two aims, "Yêu cầu 100% văn bản đi được ký số" a third; the results before them stay results."""
    said = _said(CASES / "report_aims_in_results.txt")
    assert said[:5] == [("2.400 hồ sơ", "tiep_nhan_ho_so", False), ("2.376 hồ sơ", "dung_han", False),
                        ("99%", "dung_han", False), ("86,5 tỷ đồng", "tong_thu", False),
                        ("58%", "khong_dung_tien_mat", False)], said
    assert said[5:8] == [("95%", "hai_long", True), ("100%", "dung_han", True), ("100%", "ky_so", True)], said
    assert all(t for _, _, t in said[8:]) and len(said) == 11       # section IV: next year's aims


def test_a_letter_asking_for_a_figure_sets_an_aim() -> None:
    assert _said(CASES / "letter_asks.txt") == [("100%", "dung_han", True)]


def test_an_aim_goes_no_further_than_its_sentence_nor_into_what_is_done() -> None:
    rec = build_record(normalise_text(REPORT.replace(
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.",
        "Phấn đấu tỷ lệ người bệnh hài lòng đạt 95%. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%; "
        "đến nay 100% văn bản đi được ký số; theo yêu cầu của Sở, 99% văn bản đi được ký số.")))
    said = [(m["raw"], bool(m.get("target"))) for m in rec["metrics"] if m.get("indicator_key")]
    assert said[:4] == [("95%", True), ("98,5%", False), ("100%", False), ("99%", False)], said
