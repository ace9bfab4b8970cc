"""A directive dated two ways: who is flagged (`directive_date_conflict`, db/crosscheck.py).

One report against one is a tie that says nothing about which date is right: both are flagged, each
naming the other's date. Reports are counted, not files: a report's second rendition is no second
voice. A majority flags only the minority. A central directive whose date is verified
(patterns/directives.toml) flags every other date, one against one or one unit alone. The reports
are real text as Quảng Trị centres write them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from vanban.db import queries
from vanban.pipeline.ingest import ingest_folder

REPORT = """SỞ Y TẾ TỈNH QUẢNG TRỊ                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ KHU VỰC {unit}                   Độc lập - Tự do - Hạnh phúc

Số: {number}/BC-TTYT                        {place}, ngày 02 tháng 10 năm 2025

BÁO CÁO
Kết quả công tác chuyển đổi số Quý III năm 2025

Thực hiện Công văn số 1377/SYT-VP ngày {date} của Sở Y tế tỉnh Quảng Trị về việc đẩy mạnh chuyển đổi
số trong các đơn vị y tế, Trung tâm Y tế khu vực {place} báo cáo kết quả Quý III năm 2025 như sau:

I. Kết quả thực hiện
Trung tâm đã triển khai bệnh án điện tử tại 12 khoa lâm sàng.

                                                  GIÁM ĐỐC
                                                  Nguyễn Văn An
"""
UNITS = {"bo-trach": ("BỐ TRẠCH", "Bố Trạch", "101"), "le-thuy": ("LỆ THỦY", "Lệ Thủy", "102"),
         "gio-linh": ("GIO LINH", "Gio Linh", "103")}


def _write(folder: Path, name: str, unit: str, date: str, extra: str = "") -> None:
    upper, place, number = UNITS[unit]
    text = REPORT.format(unit=upper, place=place, number=number, date=date) + extra
    (folder / name).write_text(text, encoding="utf-8")


def _flagged(store: str) -> pd.DataFrame:
    flags = queries.flags(code="directive_date_conflict", db=store)
    return flags.drop_duplicates(["report_id", "message"])


def test_one_report_against_one_flags_both_and_a_majority_the_minority(store: str, tmp_path: Path) -> None:
    _write(tmp_path, "bo-trach.txt", "bo-trach", "12/9/2025")
    _write(tmp_path, "le-thuy.txt", "le-thuy", "05/8/2025")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 2
    tie = _flagged(store)
    assert len(tie) == 2, tie[["unit", "message"]]
    said = dict(zip(tie["unit"], tie["message"], strict=True))
    bo_trach, le_thuy = said["Trung tâm Y tế khu vực Bố Trạch"], said["Trung tâm Y tế khu vực Lệ Thủy"]
    assert "12/09/2025" in bo_trach and "05/08/2025" in bo_trach.split("12/09/2025", 1)[1], bo_trach
    assert "05/08/2025" in le_thuy and "12/09/2025" in le_thuy.split("05/08/2025", 1)[1], le_thuy

    # Bố Trạch's report sent again as a second file: one report still, so still one against one
    _write(tmp_path, "bo-trach-ban-2.txt", "bo-trach", "12/9/2025", extra="\n")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 1
    assert len(queries.reports(db=store)) == 2
    assert set(_flagged(store)["unit"]) == {"Trung tâm Y tế khu vực Bố Trạch", "Trung tâm Y tế khu vực Lệ Thủy"}

    # a third report gives 12/9: two against one, the minority alone is flagged, against the majority
    _write(tmp_path, "gio-linh.txt", "gio-linh", "12/9/2025")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 1
    majority = _flagged(store)
    assert list(majority["unit"]) == ["Trung tâm Y tế khu vực Lệ Thủy"], majority[["unit", "message"]]
    [message] = majority["message"]
    assert "05/08/2025" in message and "12/09/2025" in message and " 2 " in message, message
    directive = queries.directives(db=store).set_index("directive").loc["1377/SYT-VP"]
    assert directive["issue_date"].isoformat() == "2025-09-12" and bool(directive["date_conflict"])


def test_a_verified_date_flags_only_the_wrong_mention_even_one_against_one(store: str, tmp_path: Path) -> None:
    cchc = "\nCăn cứ Nghị quyết số 76/NQ-CP ngày {} của Chính phủ ban hành Chương trình tổng thể CCHC.\n"
    _write(tmp_path, "bo-trach.txt", "bo-trach", "12/9/2025", extra=cchc.format("15/7/2021"))
    _write(tmp_path, "le-thuy.txt", "le-thuy", "12/9/2025", extra=cchc.format("17/5/2021"))
    assert ingest_folder(tmp_path, store, workers=0).ingested == 2
    flagged = _flagged(store)
    wrong = flagged[flagged["message"].str.contains("76/NQ-CP")]
    assert list(wrong["unit"]) == ["Trung tâm Y tế khu vực Lệ Thủy"], wrong[["unit", "message"]]
    [message] = wrong["message"]
    assert "17/05/2021" in message and "15/07/2021" in message, message
    directive = queries.directives(db=store).set_index("directive").loc["76/NQ-CP"]
    assert directive["issue_date"].isoformat() == "2021-07-15"

    # the unit that was right leaves: the one wrong mention is still flagged, alone
    (tmp_path / "bo-trach.txt").unlink()
    _write(tmp_path, "gio-linh.txt", "gio-linh", "12/9/2025")
    ingest_folder(tmp_path, store, workers=0)
    alone = _flagged(store)
    assert "Trung tâm Y tế khu vực Lệ Thủy" in set(alone[alone["message"].str.contains("76/NQ-CP")]["unit"])


def test_a_report_votes_for_the_date_it_states_most_not_its_slip(store: str, tmp_path: Path) -> None:
    again = ("\nII. Nhiệm vụ\nTiếp tục thực hiện Công văn số 1377/SYT-VP ngày 12/9/2025 của Sở Y tế tỉnh Quảng Trị.\n"
             "Bám sát Công văn số 1377/SYT-VP ngày 12/9/2025 của Sở Y tế tỉnh Quảng Trị trong Quý IV.\n")
    _write(tmp_path, "bo-trach.txt", "bo-trach", "05/8/2025", extra=again)    # 12/9 twice, 05/8 once: a slip
    assert ingest_folder(tmp_path, store, workers=0).ingested == 1
    directive = queries.directives(db=store).set_index("directive").loc["1377/SYT-VP"]
    assert directive["issue_date"].isoformat() == "2025-09-12"      # not the earliest of a one-to-one tie
