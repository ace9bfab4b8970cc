"""Imported by the fork server of the worker pool: the extractor imported and run once, so that every
worker forked from it starts warm.

The first file a fresh process extracts costs several times a later one (patterns compiled and
catalogues loaded on first use); done here once, the workers share the result (copy on write)
instead of each paying it again, and a worker replaced after a crash or a timeout starts warm.
Nothing here may fail the fork server: any error only leaves the workers cold.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

import vanban.extract.read_doc  # the readers `read` imports when first asked for
import vanban.extract.read_docx  # python-docx and lxml, for the .docx files
import vanban.extract.read_pdf  # pypdfium2
import vanban.extract.record
import vanban.identity.keys
import vanban.pipeline.executors  # the worker's loop and what it sends back (no SQLAlchemy: `db.light`)

SAMPLE = """SỞ Y TẾ TỈNH QUẢNG TRỊ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ KHU VỰC LỆ THỦY              Độc lập - Tự do - Hạnh phúc
Số: 112/BC-TTYT                          Lệ Thủy, ngày 20 tháng 9 năm 2025
BÁO CÁO
Công tác Cải cách hành chính 09 tháng đầu năm 2025
Thực hiện Kế hoạch số 1492/KH-SYT ngày 17/9/2025 của Sở Y tế tỉnh Quảng Trị, Trung tâm Y tế
khu vực Lệ Thủy báo cáo như sau:
I. Kết quả triển khai thực hiện
1. Công tác chỉ đạo, điều hành: ban hành 05 kế hoạch, đạt 100% kế hoạch năm; tỷ lệ hồ sơ giải
quyết đúng hạn đạt 98,5% (197/200 hồ sơ). Tiêm chủng đầy đủ cho 1.250 trẻ em dưới 1 tuổi.
STT | Nội dung | Số lượng | Tỷ lệ
1 | Bác sĩ | 25 | 20%
2 | Điều dưỡng | 60 | 48%
II. Tồn tại, hạn chế
Một số chỉ tiêu chưa đạt theo Quyết định số 76/QĐ-UBND ngày 05/01/2025 của UBND tỉnh.
III. Phương hướng, nhiệm vụ
Tiếp tục triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.
Nơi nhận:                                   GIÁM ĐỐC
- Sở Y tế;
- Lưu: VT.                                  Nguyễn Văn An
"""


def warm() -> None:
    """Extract and identify the sample once, in this process."""
    fd, path = tempfile.mkstemp(suffix=".txt", prefix="vanban-warm-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(SAMPLE)
        vanban.identity.keys.identify(vanban.extract.record.extract_file(path))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


with contextlib.suppress(Exception):
    warm()
