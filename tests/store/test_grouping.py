"""Which files are one report: renditions join only when their texts agree (spec/output.md "Reports
and periods"), so that no document vanishes from the listings and counts inside another; a directive
dated two ways by as many reports flags both; a roster names a district centre with or without its
level ("huyện", "khu vực").

The documents are real text written here as units write them (a blank "Số:      /BC-TTYT", a day
left blank), and three scanned decisions of ../shared/corpus/wild.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import WILD, need
from vanban.db import queries
from vanban.extract.ocr import unavailable
from vanban.pipeline.ingest import ingest_folder

HEAD = """SỞ Y TẾ TỈNH QUẢNG TRỊ                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ KHU VỰC {unit}                   Độc lập - Tự do - Hạnh phúc

Số: {number}/{symbol}                        {place}, ngày {day} tháng 10 năm 2025
"""
SIGN = "\n" + " " * 50 + "GIÁM ĐỐC\n" + " " * 50 + "Nguyễn Văn An\n"

CCHC = """
BÁO CÁO
{title}

Thực hiện Kế hoạch số 450/KH-SYT ngày 10/01/2025 của Sở Y tế tỉnh Quảng Trị về công tác cải cách
hành chính năm 2025 và Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình
tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030, Trung tâm Y tế khu vực Bố Trạch báo cáo
kết quả công tác cải cách hành chính Quý III năm 2025 như sau:

I. Kết quả thực hiện
1. Công tác chỉ đạo, điều hành
Trung tâm đã ban hành kế hoạch và tổ chức thực hiện đầy đủ các nhiệm vụ được giao.
2. Cải cách thủ tục hành chính
Trong quý, đơn vị tiếp nhận 120 hồ sơ, giải quyết đúng hạn 118 hồ sơ.
"""

DENGUE = """
BÁO CÁO
Tình hình phòng chống dịch sốt xuất huyết Quý III năm 2025

Thực hiện chỉ đạo của Sở Y tế, Trung tâm Y tế khu vực Bố Trạch báo cáo tình hình phòng chống dịch
sốt xuất huyết Quý III năm 2025 như sau:

I. Tình hình dịch
Trong quý ghi nhận 35 ca mắc sốt xuất huyết, không có ca tử vong.
"""

LETTER = """V/v {subject}

Kính gửi: Các Trạm Y tế trực thuộc.

Trung tâm Y tế khu vực Bố Trạch đề nghị các Trạm Y tế thực hiện nội dung trên và báo cáo về Trung
tâm đúng thời hạn.
"""

BLANK = "     "


def _write(folder: Path, name: str, head: dict[str, str], body: str) -> Path:
    fields = {"unit": "BỐ TRẠCH", "place": "Bố Trạch", "number": BLANK, "day": BLANK, **head}
    path = folder / name
    path.write_text(HEAD.format(**fields) + body + SIGN, encoding="utf-8")
    return path


def _reports(store: str) -> list[set[str]]:
    """Each report's files, by name."""
    reps = queries.reports(db=store)
    out = []
    for report_id in reps["report_id"]:
        files = queries.report(str(report_id), db=store).renditions["file"]
        out.append({Path(p).name for p in files})
    return out


def test_two_reports_with_blank_numbers_for_one_quarter_stay_two(store: str, tmp_path: Path) -> None:
    """Same centre, same Quý III, both "Số:      /BC-TTYT" and a blank day: the CCHC report citing
    450/KH-SYT and 76/NQ-CP and the dengue report citing nothing are two reports. The signed copy of
    the CCHC report (number written in, title misread as OCR does) is still the CCHC report's."""
    title = "Kết quả công tác cải cách hành chính Quý III năm 2025"
    _write(tmp_path, "cchc.txt", {"symbol": "BC-TTYT"}, CCHC.format(title=title))
    _write(tmp_path, "cchc-ban-ky.txt", {"symbol": "BC-TTYT", "number": "215", "day": "03"},
           CCHC.format(title="Kết qủa cõng tác cải cách hành chinh Quý IlI nãm 2O25"))
    _write(tmp_path, "sot-xuat-huyet.txt", {"symbol": "BC-TTYT"}, DENGUE)
    summary = ingest_folder(tmp_path, store, workers=0)
    assert (summary.ingested, summary.failed) == (3, 0), summary.errors
    grouped = _reports(store)
    assert sorted(grouped, key=len) == [{"sot-xuat-huyet.txt"}, {"cchc.txt", "cchc-ban-ky.txt"}]
    q3 = queries.reports(period="Quý III năm 2025", db=store)
    assert len(q3) == 2 and sorted(q3["renditions"]) == [1, 2], "the dengue report is listed and counted"


def test_letters_with_blank_numbers_are_each_their_own(store: str, tmp_path: Path) -> None:
    """Công văn "Số:      /TTYT-HCTH" of one centre on other subjects, 14 days apart or on one day, are
    separate letters; the same letter sent twice (a second file of the same text) is one."""
    letter = {"symbol": "TTYT-HCTH"}
    training = LETTER.format(subject="cử cán bộ tham gia tập huấn phần mềm quản lý hồ sơ bệnh án điện tử")
    _write(tmp_path, "tap-huan.txt", {**letter, "day": "06"}, training)
    _write(tmp_path, "tap-huan-lan-2.txt", {**letter, "day": "06"}, training + "\n")
    _write(tmp_path, "tiem-chung.txt", {**letter, "day": "20"},
           LETTER.format(subject="báo cáo số liệu tiêm chủng mở rộng tháng 10 năm 2025"))
    _write(tmp_path, "hien-mau.txt", {**letter, "day": "06"},
           LETTER.format(subject="tổ chức ngày hội hiến máu tình nguyện năm 2025"))
    summary = ingest_folder(tmp_path, store, workers=0)
    assert (summary.ingested, summary.failed) == (4, 0), summary.errors
    assert sorted(_reports(store), key=sorted) == [{"hien-mau.txt"}, {"tap-huan.txt", "tap-huan-lan-2.txt"},
                                                   {"tiem-chung.txt"}]


KG_DECISIONS = ["kg-syt-qd-cong-nhan-thi-dua-tap-the-2017-scan.pdf",
                "kg-syt-qd-doan-kiem-tra-chat-luong-bv-2017-scan.pdf",
                "kg-syt-qd-doan-kiem-tra-tuyen-huyen-2017-scan.pdf"]


@pytest.mark.skipif(unavailable() is not None, reason="OCR is not installed here")
def test_three_scanned_decisions_of_one_department_are_three_reports(tmp_path: Path) -> None:
    """Three decisions of Sở Y tế Kiên Giang (5065, 4366, 4394/QĐ-SYT, numbers OCR could not read,
    days unread in November and December) on three subjects: three reports, not one of three files.
    SQLite alone: the grouping is the same code on both stores (the tests above run both), and OCR
    is the slow part."""
    folder = tmp_path / "kg"
    folder.mkdir()
    for name in KG_DECISIONS:
        shutil.copy(need(WILD / name), folder / name)
    store = f"sqlite:///{tmp_path / 'store.db'}"
    summary = ingest_folder(folder, store, workers=0)
    assert (summary.ingested, summary.failed) == (3, 0), summary.errors
    reps = queries.reports(db=store)
    assert len(reps) == 3 and set(reps["renditions"]) == {1}, reps[["report", "renditions", "file"]]
    assert {Path(f).name for f in reps["file"]} == set(KG_DECISIONS)
