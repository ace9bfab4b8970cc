"""A unit's name as its body spells it where the header's reading lost a mark (extract/mark_variants.py):
Bệnh viện Từ Dũ's scanned notice reads its header "BỆNH VIỆN TỪ DU", its body "Bệnh viện Từ Dũ" again and
again; the unit is what every question groups by."""

from __future__ import annotations

import pytest

from tests.conftest import WILD, need
from vanban.extract.mark_variants import as_the_body_writes
from vanban.extract.normalise import normalise_text
from vanban.extract.record import build_record, extract_file

NOTICE = """SỞ Y TẾ THÀNH PHỐ HỒ CHÍ MINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BỆNH VIỆN TỪ DU\tĐộc lập - Tự do - Hạnh phúc
Số: 12/TB-BVTD\tThành phố Hồ Chí Minh, ngày 5 tháng 1 năm 2026
THÔNG BÁO
Mời chào giá
Bệnh viện Từ Dũ có nhu cầu tiếp nhận báo giá. Bệnh viện Từ Dũ kính mời các đơn vị quan tâm.
"""


def test_the_header_s_reading_gives_way_to_the_body_s_spelling() -> None:
    assert build_record(normalise_text(NOTICE))["document"]["issuer"] == "Bệnh viện Từ Dũ"


@pytest.mark.parametrize(("name", "text", "kept"), [
    ("Sở Y tế", "SỞ Y TẾ\nSở Y tế báo cáo. Sở Y tế đề nghị.", "Sở Y tế"),          # the same: nothing to do
    ("Bệnh viện Từ Du", "Bệnh viện Từ Dũ mời.", "Bệnh viện Từ Du"),                # once is no majority
    ("Sở Y tế", "Sơ Y tê; Sơ Y tê; Sở Y tế; Sở Y tế; Sở Y tế", "Sở Y tế"),          # the name itself outnumbers
    ("Bệnh viện đa khoa", "Bệnh viện Đa khoa; Bệnh viện Đa khoa", "Bệnh viện đa khoa"),   # case is no mark
])
def test_the_name_stays_unless_the_body_outvotes_it(name: str, text: str, kept: str) -> None:
    assert as_the_body_writes(name, text) == kept


def test_the_scanned_notice() -> None:
    path = need(WILD / "hcm-bv-tudu-tb-moi-chao-gia-2026-scan.pdf")
    assert extract_file(path)["document"]["issuer"] == "Bệnh viện Từ Dũ"
