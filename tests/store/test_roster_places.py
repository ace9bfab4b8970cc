"""A roster names a district centre as the 2025 reform does ("Trung tâm Y tế khu vực Mê Linh") or as
before it ("... huyện Mê Linh"), while its 2018 reports said "Trung tâm Y tế Mê Linh": one unit, in
the same province; a centre of another place, or of the same place name in another province, is not.
The report is real text as the centre wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.db import queries
from vanban.extract.catalogue import load
from vanban.identity.units import place_name
from vanban.pipeline.ingest import ingest_folder

MELINH = """SỞ Y TẾ HÀ NỘI                                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRUNG TÂM Y TẾ MÊ LINH                              Độc lập - Tự do - Hạnh phúc

Số: 215/BC-TTYT                                Mê Linh, ngày 05 tháng 9 năm 2018

BÁO CÁO
Kết quả công tác dân số - kế hoạch hóa gia đình tháng 8 năm 2018

Thực hiện chỉ đạo của Sở Y tế Hà Nội, Trung tâm Y tế Mê Linh báo cáo kết quả công tác
dân số - kế hoạch hóa gia đình tháng 8 năm 2018 như sau:

I. Kết quả thực hiện
Trong tháng, toàn huyện có 312 trẻ sinh ra, trong đó 25 trẻ là con thứ ba trở lên.

                                                  GIÁM ĐỐC
                                                  Trần Văn Bình
"""


@pytest.mark.parametrize("example", load("units")["rename_for_roster"][0]["examples"])
def test_the_level_of_a_place_is_left_out_for_roster_matching(example: str) -> None:
    name, want = example.split(" -> ")
    assert place_name(name) == want


def _roster(path: Path, lines: list[tuple[str, str]]) -> Path:
    path.write_text("Đơn vị,Tỉnh\n" + "".join(f"{n},{p}\n" for n, p in lines), encoding="utf-8-sig")
    return path


def test_a_district_centre_renamed_khu_vuc_is_the_one_in_the_store(store: str, tmp_path: Path) -> None:
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "dan-so-t8.txt").write_text(MELINH, encoding="utf-8")
    assert ingest_folder(sent, store, workers=0).ingested == 1
    assert list(queries.units(db=store)["unit"]) == ["Trung tâm Y tế Mê Linh"]
    roster = _roster(tmp_path / "don-vi.csv", [
        ("Trung tâm Y tế khu vực Mê Linh", "Hà Nội"), ("Trung tâm Y tế huyện Mê Linh", "Hà Nội"),
        ("Trung tâm Y tế khu vực Sóc Sơn", "Hà Nội"), ("Trung tâm Y tế huyện Mê Linh", "Vĩnh Phúc")])
    owed = queries.missing("năm 2018", roster=roster, db=store).set_index(["unit", "province"])
    assert owed.loc[("Trung tâm Y tế Mê Linh", "Hà Nội"), "in_store"] == True  # noqa: E712
    assert owed.loc[("Trung tâm Y tế Mê Linh", "Hà Nội"), "last_report"] == "Báo cáo 215/BC-TTYT"
    assert owed.loc[("Trung tâm Y tế khu vực Sóc Sơn", "Hà Nội"), "in_store"] == False  # noqa: E712
    # Vĩnh Phúc's Mê Linh (today in Phú Thọ) is another province's: not the store's Hà Nội centre, and
    # shown as the roster wrote it, the store having no name of its own for it
    assert owed.loc[("Trung tâm Y tế huyện Mê Linh", "Phú Thọ"), "in_store"] == False  # noqa: E712
    assert len(owed) == 3, owed
    month = queries.missing("tháng 8 năm 2018", roster=roster, db=store)
    assert "Trung tâm Y tế Mê Linh" not in set(month["unit"]), "it reported for August"
    assert len(month) == 2
    # a roster without provinces: the one Mê Linh centre the store has
    bare = tmp_path / "ten.csv"
    bare.write_text("Đơn vị\nTTYT huyện Mê Linh\n", encoding="utf-8-sig")
    assert list(queries.missing("năm 2018", roster=bare, db=store)["in_store"]) == [True]
