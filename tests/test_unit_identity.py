"""A body of a province absorbed in 2025 is its own unit (patterns/provinces.toml `[former]`).

Kiên Giang merged into An Giang; before the merger each had its Sở Y tế and its provincial general
hospital. Their reports are listed under An Giang, today's province, but they are not An Giang's
bodies: the old province stays in their name. A unit with a place of its own (a district's health
centre) is one unit across the merger, keyed by today's province alone.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from vanban.extract.catalogue import load
from vanban.extract.record import extract_file
from vanban.identity.keys import identify
from vanban.identity.units import document_unit, former_province, own_name, unit_ref

REPORTS = ROOT / "tests" / "unit_identity"


@pytest.mark.parametrize(("name", "province", "key"), [
    ("Bệnh viện Đa khoa tỉnh Kiên Giang", None, "An Giang|bệnh viện đa khoa tỉnh kiên giang"),
    ("Bệnh viện Phổi", "Bình Định", "Gia Lai|bệnh viện phổi tỉnh bình định"),      # every province had one
    ("Bệnh viện Sản - Nhi", "Kiên Giang", "An Giang|bệnh viện sản - nhi tỉnh kiên giang"),
    ("BỆNH VIỆN ĐA KHOA TỈNH KIÊN GIANG", "Kiên Giang", "An Giang|bệnh viện đa khoa tỉnh kiên giang"),
    ("BVĐK tỉnh", "Kiên Giang", "An Giang|bệnh viện đa khoa tỉnh kiên giang"),   # "tỉnh" bare: its own
    ("Sở Y tế", "Kiên Giang", "An Giang|sở y tế tỉnh kiên giang"),       # "UBND TỈNH KIÊN GIANG / SỞ Y TẾ"
    ("SYT Kiên Giang", None, "An Giang|sở y tế tỉnh kiên giang"),
    ("UBND tỉnh Hoà Bình", None, "Phú Thọ|ủy ban nhân dân tỉnh hòa bình"),   # old spelling of the mark
    ("Sở Y tế tỉnh Bắc Cạn", None, "Thái Nguyên|sở y tế tỉnh bắc kạn"),     # a spelling listed under today's
    ("Sở Y tế", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh|sở y tế tỉnh bà rịa - vũng tàu"),
    ("Sở Y tế tỉnh Bà Rịa-Vũng Tàu", None, "Hồ Chí Minh|sở y tế tỉnh bà rịa - vũng tàu"),
])
def test_a_body_of_an_absorbed_province_keeps_it_in_its_name(name: str, province: str | None, key: str) -> None:
    ref = unit_ref(name, province)
    assert ref is not None and ref.key == key
    assert ref.province == key.split("|")[0]              # listed under today's province


@pytest.mark.parametrize(("name", "province", "key"), [
    ("Bệnh viện Đa khoa tỉnh An Giang", None, "An Giang|bệnh viện đa khoa"),     # the absorbing province's own
    ("Sở Y tế", "An Giang", "An Giang|sở y tế"),
    ("Trung tâm Y tế huyện Bố Trạch", "Quảng Bình", "Quảng Trị|trung tâm y tế khu vực bố trạch"),  # a place
    ("Trung tâm Y tế huyện Phú Quốc, tỉnh Kiên Giang", None, "An Giang|trung tâm y tế khu vực phú quốc"),
    ("Trạm Y tế xã Hoàn Lão", "Quảng Bình", "Quảng Trị|trạm y tế hoàn lão"),
    ("UBND thành phố Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh|ủy ban nhân dân thành phố vũng tàu"),
    ("Sở Y tế", "Thừa Thiên Huế", "Huế|sở y tế"),       # renamed whole, not merged: the same Sở
    ("Sở Y tế tỉnh Thừa Thiên Huế", None, "Huế|sở y tế"),
    ("Sở Y tế tỉnh Bắc Ninh", None, "Bắc Ninh|sở y tế"),
    ("Bệnh viện Đa khoa Bồng Sơn", "Bình Định", "Gia Lai|bệnh viện đa khoa bồng sơn"),    # a name of its own
    ("Bệnh viện Đa khoa Bồng Sơn", "Gia Lai", "Gia Lai|bệnh viện đa khoa bồng sơn"),
    ("Phòng khám Đa khoa Tư nhân Đại Thịnh", "Kiên Giang", "An Giang|phòng khám đa khoa tư nhân đại thịnh"),
])
def test_the_same_unit_across_the_merger(name: str, province: str | None, key: str) -> None:
    ref = unit_ref(name, province)
    assert ref is not None and ref.key == key


def test_two_general_hospitals_are_two_units() -> None:
    """The tester's pair: the old rules gave both `An Giang|bệnh viện đa khoa`."""
    kien_giang, an_giang = unit_ref("BỆNH VIỆN ĐA KHOA TỈNH KIÊN GIANG"), unit_ref("BỆNH VIỆN ĐA KHOA TỈNH AN GIANG")
    assert kien_giang and an_giang and kien_giang.key != an_giang.key
    assert kien_giang.province == an_giang.province == "An Giang"
    assert kien_giang.name == "Bệnh viện Đa khoa tỉnh Kiên Giang" and an_giang.name == "Bệnh viện Đa khoa"


def test_own_name_examples() -> None:
    """patterns/provinces.toml `[former] own_name_examples`: a proper name after the kind of body, or none."""
    examples = load("provinces")["former"]["own_name_examples"]
    assert examples and {want for _, want in examples} == {True, False}
    for name, want in examples:
        assert own_name(name) is want, name


def test_a_named_hospital_reports_as_one_unit_across_the_merger() -> None:
    """Its 2024 report (Bình Định) and its 2025 one (Gia Lai) are one unit; the two provinces'
    lung hospitals stay two, and each report's plan of "the Sở" stays its own Sở's."""
    found = {}
    for path in sorted((ROOT / "tests" / "own_name_units").glob("*.txt")):
        ident = identify(extract_file(path))
        assert ident.unit is not None, path.name
        found[path.stem] = (ident.unit.key, {m[0].canonical: m[0].scope for m in ident.mentions if m})
    assert len(found) == 4
    assert found["bvdk-bong-son-2024"][0] == found["bvdk-bong-son-2025"][0] == "Gia Lai|bệnh viện đa khoa bồng sơn"
    assert found["bv-phoi-binh-dinh-2024"][0] != found["bv-phoi-gia-lai-2024"][0]
    assert found["bvdk-bong-son-2024"][1]["310/KH-SYT"] == "Bình Định"
    assert found["bvdk-bong-son-2025"][1]["95/KH-SYT"] == "Gia Lai"


def test_former_provinces() -> None:
    assert former_province("Kiên Giang") == "Kiên Giang" and former_province("kiên giang") == "Kiên Giang"
    assert former_province("Hoà Bình") == "Hòa Bình" and former_province("Bắc Cạn") == "Bắc Kạn"
    assert former_province("An Giang") is None and former_province("Thừa Thiên Huế") is None
    assert former_province(None) is None


def _identities() -> dict[str, tuple[str, dict[str, str]]]:
    """file -> (unit key, {directive: scope}) for the reports beside this test."""
    out = {}
    for path in sorted(REPORTS.glob("*.txt")):
        ident = identify(extract_file(path))
        assert ident.unit is not None, path
        out[path.stem] = (ident.unit.key, {m[0].canonical: m[0].scope for m in ident.mentions if m})
    return out


def test_reports_of_both_provinces_before_and_after_the_merger() -> None:
    found = _identities()
    assert len(found) == 8
    assert found["bvdk-kien-giang-2024"][0] == found["bvdk-kien-giang-2025"][0] != found["bvdk-an-giang-2024"][0]
    assert found["syt-an-giang-2024"][0] == found["syt-an-giang-2025"][0] == "An Giang|sở y tế"
    assert found["syt-kien-giang-2024"][0] == "An Giang|sở y tế tỉnh kiên giang"
    assert found["ttyt-phu-quoc-2024"][0] == found["ttyt-phu-quoc-2025"][0]


def test_a_local_directive_is_scoped_by_the_sở_of_its_day() -> None:
    """Each Sở numbered its own plans: `1200/KH-SYT` of Kiên Giang's Sở and of An Giang's are two,
    whether the citing report says which Sở ("của Sở Y tế tỉnh Kiên Giang") or only "của Sở Y tế"
    (the Sở of the citing unit's province at the time)."""
    scopes = {stem: s["1200/KH-SYT"] for stem, (_, s) in _identities().items()}
    assert scopes, "the reports cite the Sở's plan"
    for stem in ("bvdk-kien-giang-2024", "bvdk-kien-giang-2025", "syt-kien-giang-2024", "ttyt-phu-quoc-2024"):
        assert scopes[stem] == "Kiên Giang", stem
    for stem in ("bvdk-an-giang-2024", "syt-an-giang-2024", "syt-an-giang-2025", "ttyt-phu-quoc-2025"):
        assert scopes[stem] == "An Giang", stem
    for _, directives in _identities().values():
        assert directives["76/NQ-CP"] == ""            # the centre's: one nationally


def test_a_header_of_after_the_merger_that_still_names_the_old_province() -> None:
    """Dated after 2025-07-01 the extractor gives today's province; a header that still says "Sở Y tế tỉnh
    Kiên Giang" above a CDC names the old province's CDC, as its earlier reports did."""
    after = {"issuer": "Trung tâm Kiểm soát bệnh tật", "parent_issuer": "Sở Y tế tỉnh Kiên Giang",
             "province": "An Giang", "date": "2025-08-01"}
    before = {**after, "province": "Kiên Giang", "date": "2024-08-01"}
    assert document_unit(after) == document_unit(before)
    assert document_unit(after).key == "An Giang|trung tâm kiểm soát bệnh tật tỉnh kiên giang"
    merged = {**after, "parent_issuer": "Sở Y tế tỉnh An Giang"}            # the merged Sở's CDC
    assert document_unit(merged).key == "An Giang|trung tâm kiểm soát bệnh tật"
