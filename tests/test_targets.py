"""Figures that are aims, not results (extract/targets.py, patterns/metrics.toml [targets]): the
questions set a figure beside other units' results, so a target must say so, and a result must not."""

from __future__ import annotations

from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record

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
