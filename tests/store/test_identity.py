"""Identity rules: one key per real unit, one directive per (canonical, scope), levels from the catalogue."""

from __future__ import annotations

import pytest

from tests.conftest import WILD, need
from vanban.extract.citations import find_citations
from vanban.extract.record import extract_file
from vanban.extract.symbols import parse_key as parse
from vanban.identity.directives import key_form, own_codes, resolve
from vanban.identity.keys import identify
from vanban.identity.units import document_unit, name_level, respell, unit_ref

from .helpers import CORPUS

BO_TRACH = "Quảng Trị|trung tâm y tế khu vực bố trạch"


@pytest.mark.parametrize(("name", "province"), [
    ("Trung tâm Y tế khu vực Bố Trạch", "Quảng Trị"),
    ("TTYT khu vực Bố Trạch", "Quảng Trị"),
    ("TTYT KV Bố Trạch", "Quảng Trị"),
    ("Trung tâm Y tế huyện Bố Trạch", "Quảng Bình"),             # before the 2025 merger
    ("Trung tâm Y tế huyện Bố Trạch, tỉnh Quảng Bình", None),
    ("TRUNG TÂM Y TẾ KHU VỰC BỐ TRẠCH", "Quảng Trị"),             # a header in capitals
])
def test_the_names_of_one_health_centre_are_one_unit(name: str, province: str | None) -> None:
    ref = unit_ref(name, province)
    assert ref is not None and ref.key == BO_TRACH
    assert ref.name == "Trung tâm Y tế khu vực Bố Trạch"


def test_same_name_in_two_provinces_is_two_units() -> None:
    bac_ninh, quang_tri = unit_ref("Sở Y tế", "Bắc Ninh"), unit_ref("Sở Y tế tỉnh Quảng Trị")
    assert bac_ninh and quang_tri and bac_ninh.key != quang_tri.key
    assert unit_ref("Sở Y tế Quảng Trị") == quang_tri == unit_ref("SYT tỉnh Quảng Trị")


def test_province_and_place_names() -> None:
    # old spelling, merged province: Hòa Bình's UBND, listed under Phú Thọ, is not Phú Thọ's own
    assert unit_ref("UBND tỉnh Hoà Bình").key == "Phú Thọ|ủy ban nhân dân tỉnh hòa bình"
    assert unit_ref("Bệnh viện Đa khoa số 2 tỉnh Lào Cai") == unit_ref("BVĐK số 2", "Lào Cai")
    assert unit_ref("Bệnh viện Đa khoa tỉnh Lào Cai") != unit_ref("Bệnh viện Đa khoa số 2", "Lào Cai")
    # a province name that is the place of a regional centre stays in its name
    assert unit_ref("Trung tâm Y tế khu vực Hà Tĩnh").name == "Trung tâm Y tế khu vực Hà Tĩnh"
    # an explicit alias of patterns/units.toml
    assert unit_ref("Trung tâm Y tế Sơn Trà", "Đà Nẵng") == unit_ref("Trung tâm Y tế khu vực Sơn Trà", "Đà Nẵng")
    assert name_level("Sở Y tế") == "department" and name_level("Bệnh viện Đa khoa số 2") == "unit"


def test_tone_marks_are_placed_one_way() -> None:
    assert respell("Hoà Bình, Thuỷ Nguyên, Khánh Hoà") == "Hòa Bình, Thủy Nguyên, Khánh Hòa"
    assert respell("Quỳ Hợp, quý I, hoàn thành") == "Quỳ Hợp, quý I, hoàn thành"     # not open "oa"/"uy" syllables
    assert unit_ref("Trung tâm Y tế huyện Thuỷ Nguyên", "Hải Phòng") == \
        unit_ref("TTYT khu vực Thủy Nguyên", "Hải Phòng")


def test_symbols_are_taken_apart() -> None:
    sym = parse("60/2021/NĐ-CP")
    assert (sym.number, sym.year, sym.type_abbr, sym.codes) == ("60", 2021, "NĐ", ("CP",))
    assert parse("57-NQ/TW").codes == ("TW",) and parse("1377/SYT-VP").codes == ("SYT", "VP")
    assert parse("64/2025/QH15").codes == ("QH15",)


def _levels(stem: str) -> dict[str, tuple[str, bool, str]]:
    rec = extract_file(CORPUS / "txt" / f"{stem}.txt")
    unit = document_unit(rec["document"])
    own = own_codes(rec["document"], rec["citations"], unit)
    out = {}
    for c in rec["citations"]:
        r = resolve(c, unit, own) if c["kind"] == "full" else None
        if r:
            out[r[0].canonical] = (r[0].level, r[1], r[0].scope)
    return out


def test_directive_levels_and_scopes_in_the_corpus() -> None:
    bo_trach = _levels("000_a9042f12ea01ae86")
    assert bo_trach["76/NQ-CP"] == ("government", False, "")
    assert bo_trach["57-NQ/TW"] == ("party_centre", False, "")
    assert bo_trach["32/2023/TT-BYT"] == ("ministry", False, "")
    assert bo_trach["450/KH-SYT"] == ("department", False, "Quảng Trị")   # the Sở's plan, scoped to its province
    assert bo_trach["273/QĐ-UBND"][:2] == ("province", False)
    assert bo_trach["07/KH-TTYT"] == ("unit", True, BO_TRACH)            # the centre's own plan
    hospital = _levels("002_10029ef880a30beb")
    own = "Lào Cai|bệnh viện đa khoa số 2"
    assert hospital["109/KH-BVT"] == ("unit", True, own)                  # "của Bệnh viện Đa khoa số 2 tỉnh Lào Cai"
    assert hospital["58/QĐ-BVT"] == ("unit", True, own)                   # same code, no issuer stated
    assert hospital["42/KH-BVT"][:2] == ("unit", False)                   # the provincial hospital's plan
    assert hospital["42/KH-BVT"][2] != own
    department = _levels("001_c8d032cd6b35c309")
    assert department["4266/KH-SYT"] == ("department", True, "Bắc Ninh")  # the Sở citing its own plan


def test_a_district_or_commune_governments_decision_is_its_own() -> None:
    """'658/QĐ-UBND của UBND thị trấn Ngãi Giao' is the town's decision: another directive than the
    province's 658/QĐ-UBND, and not of the province's level."""
    assert name_level("Ủy ban nhân dân thị trấn Ngãi Giao") == "local"
    assert name_level("Ủy ban nhân dân") == "province"
    for name in ("UBND Quận 3", "UBND Phường 1", "Ủy ban nhân dân Thị xã Phú Mỹ", "UBND thành phố Vũng Tàu"):
        assert name_level(unit_ref(name, "Hồ Chí Minh").name) == "local", name
    assert name_level(unit_ref("UBND thành phố Cần Thơ").name) == "province"       # a centrally-run city
    unit = unit_ref("Trung tâm Y tế huyện Châu Đức", "Bà Rịa - Vũng Tàu")
    town, _ = resolve({"canonical": "658/QĐ-UBND", "issuer": "UBND thị trấn Ngãi Giao"}, unit, set())
    district, _ = resolve({"canonical": "658/QĐ-UBND", "issuer": "UBND huyện Châu Đức"}, unit, set())
    province, _ = resolve({"canonical": "658/QĐ-UBND", "issuer": "UBND tỉnh Bà Rịa-Vũng Tàu"}, unit, set())
    bare, _ = resolve({"canonical": "658/QĐ-UBND", "issuer": None}, unit, set())
    assert (town.level, district.level, province.level, bare.level) == ("local", "local", "province", "province")
    assert len({town.scope, district.scope, province.scope}) == 3 and bare.scope == province.scope
    assert town.issuer == "Ủy ban nhân dân thị trấn Ngãi Giao" and town.province == province.province


def test_a_party_symbols_type_is_the_one_the_text_writes() -> None:
    """'Quy định số 08-QĐ/TW': the Party writes QĐ for Quy định too, so the text's type word wins;
    a state symbol's abbreviation is strict ('Kế hoạch số 12/QĐ-UBND' is a Quyết định). Either way a
    /TW symbol is the Party centre's, whoever the 'của …' names."""
    unit = unit_ref("Trung tâm Y tế huyện Bát Xát", "Lào Cai")
    rule, _ = resolve({"canonical": "08-QĐ/TW", "doc_type": "Quy định",
                       "issuer": "Ban Thường vụ Tỉnh ủy Lào Cai"}, unit, set())
    decision, _ = resolve({"canonical": "31-QĐ/TW", "doc_type": "Quyết định", "issuer": None}, unit, set())
    state, _ = resolve({"canonical": "12/QĐ-UBND", "doc_type": "Kế hoạch", "issuer": None}, unit, set())
    assert (rule.doc_type, decision.doc_type, state.doc_type) == ("Quy định", "Quyết định", "Quyết định")
    assert rule.scope == "" and rule.province is None, "a central directive, not Lào Cai's"


def test_a_party_document_written_the_states_way_is_one_directive() -> None:
    """'Nghị quyết số 27/NQ-TW' (a text copying the state's form) is the Party's 27-NQ/TW: one key.
    A symbol with a year, or of a state body, keeps its form."""
    unit = unit_ref("Trung tâm Y tế huyện Bát Xát", "Lào Cai")
    state_way, _ = resolve({"canonical": "27/NQ-TW", "doc_type": "Nghị quyết"}, unit, set())
    party_way, _ = resolve({"canonical": "27-NQ/TW", "doc_type": "Nghị quyết"}, unit, set())
    assert state_way == party_way and state_way.canonical == "27-NQ/TW"
    assert key_form("57/NQ-TW") == "57-NQ/TW"
    assert (key_form("45/2019/NQ-TW"), key_form("76/NQ-CP"), key_form("450/KH-SYT")) == \
        ("45/2019/NQ-TW", "76/NQ-CP", "450/KH-SYT")


@pytest.mark.parametrize(("written", "doc_type", "key"), [
    ("Nghị quyết số 57/NQ-TW ngày 22/12/2024 của Bộ Chính trị", "Nghị quyết", "57-NQ/TW"),
    ("Nghị quyết số 57/NQ-TƯ ngày 22/12/2024 của Bộ Chính trị", "Nghị quyết", "57-NQ/TW"),
    ("Chỉ thị số 45/CT-TW ngày 14/4/2025 của Bộ Chính trị", "Chỉ thị", "45-CT/TW"),
    ("Kết luận số 178/KL-TƯ ngày 17/7/2025", "Kết luận", "178-KL/TW"),
    ("Quy định số 08/QĐ-TW ngày 25/10/2021 của Ban Chấp hành Trung ương", "Quy định", "08-QĐ/TW"),
    ("Quyết định số 31/QĐ-TW ngày 01/10/1997", "Quyết định", "31-QĐ/TW"),
])
def test_a_party_directive_written_the_states_way_is_the_partys_in_all(written: str, doc_type: str, key: str) -> None:
    """The directive a state-style mention of a Party centre's document resolves to is the one its Party-form
    mention resolves to, row for row: the key, and the type the text writes ('Quy định số 08/QĐ-TW' is a
    Quy định, as 'Quy định số 08-QĐ/TW' is; by the abbreviation alone it was a Quyết định)."""
    unit = unit_ref("Trung tâm Y tế huyện Bát Xát", "Lào Cai")
    [cited] = [c for c in find_citations(written) if c.kind == "full"]
    state_way, _ = resolve({"canonical": cited.canonical, "doc_type": cited.doc_type}, unit, set())
    party_way, _ = resolve({"canonical": key, "doc_type": cited.doc_type}, unit, set())
    assert cited.canonical != key, "the citation keeps the form written"
    assert state_way == party_way and (state_way.canonical, state_way.doc_type) == (key, doc_type)
    assert (state_way.level, state_way.scope) == ("party_centre", "")


def test_the_government_of_a_centrally_run_city_named_bare_is_the_citys() -> None:
    """'Kế hoạch 4963/KH-UBND … của Ủy ban nhân dân Thành phố' in a Hồ Chí Minh Sở's report is
    the city's plan (provincial level, scope the city), as 'UBND thành phố Hồ Chí Minh' would be;
    'UBND thành phố Vinh' in Nghệ An stays a local government's."""
    hcm = unit_ref("Ủy ban nhân dân Thành phố", "Hồ Chí Minh")
    assert hcm == unit_ref("UBND thành phố Hồ Chí Minh") and name_level(hcm.name) == "province"
    assert name_level(unit_ref("UBND thành phố Vinh", "Nghệ An").name) == "local"
    assert name_level(unit_ref("Ủy ban nhân dân thành phố", "Nghệ An").name) == "local"
    record = extract_file(need(WILD / "hcm-syt-kh-2021-ra-soat-vbqppl-y-te-scan.pdf"))
    found = [(c, m) for c, m in zip(record["citations"], identify(record).mentions, strict=True)
             if m and c["canonical"] == "4963/KH-UBND"]
    assert found
    for citation, (spec, own) in found:
        assert citation["issuer"] == "Ủy ban nhân dân Thành phố"
        assert (spec.level, spec.scope, own) == ("province", "Hồ Chí Minh", False)
    record = extract_file(need(WILD / "hn-ubnd-ct-11-ct-ubnd-2025-chuyen-doi-so-scan.pdf"))
    found = [m for c, m in zip(record["citations"], identify(record).mentions, strict=True)
             if m and c["canonical"] == "4173/UBND-ĐMPT"]
    assert found
    for spec, own in found:                    # "của UBND Thành phố" in the city's own directive
        assert (spec.level, spec.scope, own) == ("province", "Hà Nội", True)


def test_trung_uong_written_with_its_u_is_the_party_centre() -> None:
    """'Nghị quyết số 18-NQ/TƯ' (patterns/issuers.toml: TƯ an alias of TW): the text keeps its letters,
    the store keys the directive 18-NQ/TW, of the Party centre, whichever way it was written."""
    [cited] = [c for c in find_citations("Thực hiện Nghị quyết số 18-NQ/TƯ ngày 25/10/2017 của Ban Chấp hành "
                                         "Trung ương") if c.kind == "full"]
    assert cited.canonical == "18-NQ/TƯ"
    unit = unit_ref("Trung tâm Y tế huyện Bát Xát", "Lào Cai")
    spec, _ = resolve({"canonical": cited.canonical, "doc_type": cited.doc_type}, unit, set())
    same, _ = resolve({"canonical": "18-NQ/TW", "doc_type": "Nghị quyết"}, unit, set())
    assert spec == same and (spec.canonical, spec.level, spec.scope) == ("18-NQ/TW", "party_centre", "")
    assert key_form("18-NQ/TƯ") == key_form("18/NQ-TƯ") == "18-NQ/TW"
