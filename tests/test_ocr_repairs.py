"""OCR's slips that the catalogues settle (reviewer scans4): a blank line's dash where the day stands is a
blank day, not a doubtful one; a symbol's part read with a look-alike character (`KCB-OLCL`, `T1-BNV`) is
the known code; a catalogue phrase cut by a line break (`Thông` / `tự liên tịch`) is restored across it;
a lower-case "luật" before a code in capitals names no law. Real scans where they are at hand (their
OCR is cached), else the lines as Tesseract read them."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from tests.conftest import CORPUS, WILD, need
from vanban.extract import ocr as ocr_engine
from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.flags import blank_fields
from vanban.extract.header import find_header
from vanban.extract.header_fields import blank_marks
from vanban.extract.laws import find_laws
from vanban.extract.model import Document, RawDocument, RawLine
from vanban.extract.normalise import normalise
from vanban.extract.ocr_repair import repair_breaks, repair_line
from vanban.extract.read import read
from vanban.extract.record import build_record
from vanban.extract.uncertain import mark_uncertain

needs_ocr = pytest.mark.skipif(ocr_engine.unavailable() is not None,
                               reason=f"OCR is not installed here: {ocr_engine.unavailable()}")


def _ocr_document(lines: list[tuple[str, list[tuple[str, float]] | None]]) -> Document:
    """Lines as OCR gives them (each through `repair_line`), with the words Tesseract doubted."""
    raw = RawDocument(lines=[RawLine(repair_line(t), page=1, group=1 + i // 2, weak=w)
                             for i, (t, w) in enumerate(lines)], pages=1)
    return normalise(raw, path="scan.pdf", fmt="pdf", data=b"scan")


def _header(number_line: str, date_line: str, weak: list[tuple[str, float]]) -> tuple[dict[str, Any], list, str]:
    doc = _ocr_document([("SỞ Y TẾ TỈNH LÀO CAI", None), ("BỆNH VIỆN ĐA KHOA SỐ 2", None),
                         (f"{number_line}\t{date_line}", weak), ("BÁO CÁO", None),
                         ("Công tác cải cách hành chính Quý III năm 2025", None)])
    header = find_header(doc.text, find_citations(doc.text)).to_dict()
    return header, mark_uncertain(doc, header), doc.text


@pytest.mark.parametrize("mark", ["-", "_", ".", "–", "…", "__", "- -"])
def test_a_blank_days_dash_ocr_doubted_is_a_blank_day(mark: str) -> None:
    """scan 002: `Lào Cai, ngày - tháng 11 năm 2025`, the dash read at 0%: the day was left blank."""
    header, flags, text = _header("Số: /BC-BVĐK2", f"Lào Cai, ngày {mark} tháng 11 năm 2025", [(mark, 0.0)])
    assert flags == [] and "uncertain" not in header
    assert (header["date"], header["date_partial"]) == (None, "2025-11")
    assert [f.code for f in blank_fields(text, header)] == ["blank_number", "blank_date"]


@pytest.mark.parametrize("scrawl", ["2y AE", "4#", "‡", "ll"])
def test_a_hands_scrawl_where_the_day_stands_is_still_doubtful(scrawl: str) -> None:
    header, flags, _ = _header("Số: 12/BC-BVĐK2", f"Lào Cai, ngày {scrawl} tháng 11 năm 2025", [(scrawl, 0.2)])
    assert [f.code for f in flags] == ["uncertain_field"]
    assert "date" in header["uncertain"] and header["date"] is None


@pytest.mark.parametrize("mark", ["_"])   # (a "-" would be found in the symbol first, "–" is normalised to it)
def test_a_doubted_mark_where_the_day_stands_is_the_hands_that_wrote_the_number(mark: str) -> None:
    """kg-syt-qd-doan-kiem-tra-chat-luong-bv-2017: `Số: 426Ê /QĐ-SYT`, `ngày _ tháng 11` (33%): the
    clerk wrote the number and the day (a 6) by hand; the day is doubtful, not blank."""
    header, flags, _ = _header("Số: 426Ê /QĐ-SYT", f"Kiên Giang, ngày {mark} tháng 11 năm 2017", [(mark, 0.33)])
    assert [f.code for f in flags] == ["uncertain_field", "uncertain_field"]
    assert header["uncertain"]["date"] == {"read": mark, "confidence": 0.33}
    # a mark OCR was sure of is the printed form's blank line even so
    header, flags, _ = _header("Số: 426Ê /QĐ-SYT", f"Kiên Giang, ngày {mark} tháng 11 năm 2017", [("426Ê", 0.3)])
    assert set(header["uncertain"]) == {"number"} and header["date_partial"] == "2017-11"


def test_a_blank_numbers_dash_ocr_doubted_is_a_blank_number() -> None:
    header, flags, _ = _header("Số: - /BC-BVĐK2", "Lào Cai, ngày 12 tháng 11 năm 2025", [("-", 0.0)])
    assert flags == [] and header["number_blank"] is True and header["date"] == "2025-11-12"


@pytest.mark.parametrize(("read_as", "blank"), [("-", True), ("_ _", True), ("…", True), ("", True),
                                                ("2y", False), ("4", False), ("®", False)])
def test_blank_marks(read_as: str, blank: bool) -> None:
    assert blank_marks(read_as) is blank


@cache
def _scan(path: str) -> dict[str, Any]:
    return build_record(read(path))


@needs_ocr
def test_scan_002_leaves_its_day_blank_as_its_typed_renditions_do() -> None:
    rec = _scan(str(CORPUS / "scan" / "002_10029ef880a30beb.pdf"))
    assert rec["document"].get("uncertain") is None and rec["document"]["date_partial"] == "2025-11"
    flags = [f for f in rec["flags"] if f["code"] in ("blank_date", "uncertain_field")]
    assert [(f["code"], f["quote"]) for f in flags] == [("blank_date", "ngày - tháng 11 năm 2025")]


@needs_ocr
def test_a_handwritten_day_read_as_a_mark_on_a_scan_stays_doubtful() -> None:
    rec = _scan(str(need(WILD / "kg-syt-qd-doan-kiem-tra-chat-luong-bv-2017-scan.pdf")))
    assert set(rec["document"]["uncertain"]) == {"number", "date"}
    assert not [f for f in rec["flags"] if f["code"] == "blank_date"]


# --- a symbol's part read with a look-alike character -------------------------------------------------

@pytest.mark.parametrize(("read_as", "meant"), load("layout")["ocr_code_examples"])
def test_a_part_one_lookalike_from_a_known_code_is_that_code(read_as: str, meant: str) -> None:
    assert repair_line(read_as) == meant


@pytest.mark.parametrize("text", load("layout")["ocr_code_counterexamples"]
                         + ["Số: 3/QO-X", "Công văn số 12/TCKT", "Nghị quyết số 88/2019/QH14"])
def test_a_part_known_as_read_or_near_no_code_is_left(text: str) -> None:
    assert repair_line(text) == text


@pytest.mark.parametrize(("read_as", "meant"), [
    ("Quyết định số 175QĐ-SYT ngày 02 tháng 3", "Quyết định số 175/QĐ-SYT ngày 02 tháng 3"),
    ("Báo cáo số 3BC-SYT-VP", "Báo cáo số 3/BC-SYT-VP"),
    ("mã 2019AB-SYT", "mã 2019AB-SYT"),           # no type's abbreviation
    ("số 175QĐ-ABCX", "số 175QĐ-ABCX"),           # no known code after it
    ("ngày 12.175QĐ-SYT", "ngày 12.175QĐ-SYT"),   # no number of its own
])
def test_a_number_glued_to_its_symbol_gets_its_slash_back(read_as: str, meant: str) -> None:
    assert repair_line(read_as) == meant


@needs_ocr
@pytest.mark.parametrize(("name", "key", "doc_type"), [
    ("kg-syt-qd-hoi-dong-sang-kien-2017-scan-badocr.pdf", "175/QĐ-SYT", "Quyết định"),
    ("kg-syt-cv-05-syt-nvy-2018-giam-qua-tai-scan.pdf", "1709/KCB-QLCL", "Công văn"),
    ("kg-syt-cv-2192-syt-tccb-2017-xet-tuyen-vien-chuc-scan.pdf", "15/2012/TT-BNV", "Thông tư"),
])
def test_a_scans_misread_symbol_is_cited_as_the_known_code(name: str, key: str, doc_type: str) -> None:
    rec = _scan(str(need(WILD / name)))
    full = [c for c in rec["citations"] if c["kind"] == "full"]
    assert full
    assert [c["doc_type"] for c in full if c["canonical"] == key] == [doc_type]
    assert not any(c["canonical"] in ("1709/KCB-OLCL", "15/2012/T1-BNV", "175QĐ-SYT") for c in full)


# --- a catalogue phrase cut by a line break --------------------------------------------------------------

def test_a_phrase_cut_by_a_line_break_is_restored_across_it() -> None:
    lines = ["đang triển khai thực hiện Đề án kiện toàn các đơn vị theo Thông", "tự liên tịch số 51/2015/TT-BYT-BNV.",
             "SỞ Y", "TẺ KIÊN GIANG"]
    assert repair_breaks(lines, [1, 1, 2, 2]) == [lines[0], "tư liên tịch số 51/2015/TT-BYT-BNV.",
                                                  "SỞ Y", "TẾ KIÊN GIANG"]
    # two blocks (two columns, or two paragraphs of their own) never run on
    assert repair_breaks(lines[:2], [1, 2]) == lines[:2]
    # a word that is right as read on either side is left
    assert repair_breaks(["theo Thông", "tư số 12"], [1, 1]) == ["theo Thông", "tư số 12"]


@needs_ocr
def test_a_type_cut_by_a_line_break_types_its_citation() -> None:
    """p.4: `… Đề án kiện toàn các đơn vị theo Thông` / `tự liên tịch số 51/2015/TT-BYT-BNV`: a Thông tư
    liên tịch, as on p.9, never the "Đề án" a few words before."""
    rec = _scan(str(need(WILD / "kg-syt-bc-nganh-y-te-10-thang-2017-scan.pdf")))
    cited = [c for c in rec["citations"] if c.get("canonical") == "51/2015/TT-BYT-BNV"]
    assert cited
    assert {c["doc_type"] for c in cited} == {"Thông tư liên tịch"}


# --- laws cited by name ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Quản lý kết quả QC, cảnh báo vi phạm các luật QC theo thiết bị", []),
    ("áp dụng luật BHXH hiện hành", []),
    ("theo luật Bảo hiểm y tế năm 2014", ["luật Bảo hiểm y tế năm 2014"]),
    ("theo luật Đất đai", ["luật Đất đai"]),
    ("Luật Phòng chống tham nhũng và Nghị định hướng dẫn", ["Luật Phòng chống tham nhũng"]),
])
def test_a_lower_case_luat_names_a_law_only_before_a_capitalised_word(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e, _ in find_laws(text, [])] == want


def test_ocrs_tham_nhung_read_as_nhung_is_restored_so_the_name_runs_on() -> None:
    line = repair_line("Luật Khám chữa bệnh, Luật Phòng chống tham những và Nghị định hướng dẫn")
    assert [line[s:e] for s, e, _ in find_laws(line, []) if "tham" in line[s:e]] == ["Luật Phòng chống tham nhũng"]


@needs_ocr
def test_scan_000_cites_the_anti_corruption_law_whole() -> None:
    rec = _scan(str(CORPUS / "scan" / "000_a9042f12ea01ae86.pdf"))
    named = [c["raw"] for c in rec["citations"] if c["kind"] == "named"]
    assert named
    assert "Luật Phòng chống tham nhũng" in named and "Luật Phòng chống tham" not in named


@pytest.mark.parametrize(("read_as", "meant"), [
    ("UBND TỈNH KIÊN, GIANG:", "UBND TỈNH KIÊN GIANG:"),      # kg-syt-cv-1979's header, a speck in the name
    ("ỦY BAN NHÂN DÂN TỈNH LÀO. CAI", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),
    ("UBND TỈNH KIÊN GIANG", "UBND TỈNH KIÊN GIANG"),
    ("tại Kiên. Giang", "tại Kiên. Giang"),                   # running text: left as read
    ("Hà, Nam Định", "Hà, Nam Định"),                         # a comma may part two places
    ("HÀ NỘI, HẢI PHÒNG", "HÀ NỘI, HẢI PHÒNG"),              # two names, each whole
])
def test_a_speck_inside_a_provinces_name_in_capitals_is_dropped(read_as: str, meant: str) -> None:
    from vanban.extract.ocr_repair import repair_line

    assert repair_line(read_as) == meant
