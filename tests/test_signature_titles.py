"""The signer behind a degree printed before the name, and the title an authority prefix or a sub-unit
gives (domain.md §1.5: `Q.` the acting head, `KT.` a deputy, `TL.` by order; output.md `signer`)."""

from __future__ import annotations

import pytest

from vanban.extract.signature import find_signer

SIGNED = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT, TCHC.\n"


@pytest.mark.parametrize(("block", "name", "title"), [
    ("GIÁM ĐỐC\n\nBSCKII. Nguyễn Hữu Phước", "Nguyễn Hữu Phước", "Giám đốc"),
    ("GIÁM ĐỐC\nTS.BS Nguyễn Hữu Phước", "Nguyễn Hữu Phước", "Giám đốc"),
    ("GIÁM ĐỐC\nBS.CKII Trần Văn Bình", "Trần Văn Bình", "Giám đốc"),
    ("GIÁM ĐỐC\nThS. Lê Văn Cường", "Lê Văn Cường", "Giám đốc"),
    ("GIÁM ĐỐC\nPGS.TS. Lê Văn Cường", "Lê Văn Cường", "Giám đốc"),
    ("GIÁM ĐỐC\nThS.BS Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "Giám đốc"),
    ("GIÁM ĐỐC\nTS.BS NGUYỄN HỮU PHƯỚC", "Nguyễn Hữu Phước", "Giám đốc"),          # the name in capitals
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nBSCKII. Nguyễn Hữu Phước", "Nguyễn Hữu Phước", "Phó Giám đốc"),
    ("GIÁM ĐỐC TS.BS Nguyễn Hữu Phước", "Nguyễn Hữu Phước", "Giám đốc"),             # read onto one line
    ("GIÁM ĐỐC\nTsai Văn An", "Tsai Văn An", "Giám đốc"),      # letters of a degree open a name: still the name
])
def test_a_degree_before_the_name_is_neither_name_nor_title(block: str, name: str, title: str) -> None:
    assert find_signer(SIGNED + block) == {"name": name, "title": title}


def test_degrees_in_a_two_column_block() -> None:
    text = ("Nơi nhận:\tKT. GIÁM ĐỐC\n- Sở Y tế;\tPHÓ GIÁM ĐỐC\n- Lưu: VT.\n\tBS.CKI Lê Thị Mai")
    assert find_signer(text) == {"name": "Lê Thị Mai", "title": "Phó Giám đốc"}


@pytest.mark.parametrize(("block", "title"), [
    ("Q. GIÁM ĐỐC\nĐỗ Minh Tuấn", "Quyền Giám đốc"),                               # the acting head
    ("Q.GIÁM ĐỐC\nĐỗ Minh Tuấn", "Quyền Giám đốc"),
    ("TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ\nĐỗ Minh Tuấn", "Trưởng phòng Tổ chức cán bộ"),
    ("TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG KẾ HOẠCH - TÀI CHÍNH\nĐỗ Minh Tuấn", "Trưởng phòng Kế hoạch - Tài chính"),
    ("TL. GIÁM ĐỐC\nPHÓ TRƯỞNG PHÒNG TCCB\nĐỗ Minh Tuấn", "Phó Trưởng phòng TCCB"),
    ("TRƯỞNG TRẠM Y TẾ XÃ AN HẢI\nĐỗ Minh Tuấn", "Trưởng trạm Y tế xã An Hải"),
    ("TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG\nĐỗ Minh Tuấn", "Trưởng phòng"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐỗ Minh Tuấn", "Phó Giám đốc"),
    ("KT. GIÁM ĐỐC\nĐỗ Minh Tuấn", "Phó Giám đốc"),
])
def test_the_title_an_authority_prefix_or_a_sub_unit_gives(block: str, title: str) -> None:
    assert find_signer(SIGNED + block) == {"name": "Đỗ Minh Tuấn", "title": title}


@pytest.mark.parametrize(("text", "title"), [
    # Kiên Giang's CV 2242 scanned: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in red ink; OCR lost the KT. and the PHÓ
    ('Nơi nhận:\t.GIÁM ĐỐC\n- Như trên;\t"nh GIAM ĐỌC\n- Lưu: VT.\nHà Văn Phúc', "Phó Giám đốc"),
    ("Nơi nhận:\tGIÁM ĐỐC\n- Như trên;\tPHO GIAM ĐOC\n- Lưu: VT.\nHà Văn Phúc", "Phó Giám đốc"),
    ("Nơi nhận:\tGIÁM ĐỐC\n- Ban Giám đốc;\n- Lưu: VT.\nHà Văn Phúc", "Giám đốc"),     # a recipient, not a title
    ("Nơi nhận:\tGIÁM ĐỐC\n- Như trên;\n- Lưu: VT.\nHà Văn Phúc", "Giám đốc"),
])
def test_the_head_s_title_read_again_under_it_is_the_deputy_s(text: str, title: str) -> None:
    assert find_signer(text) == {"name": "Hà Văn Phúc", "title": title}
