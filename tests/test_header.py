"""Header fields on header layouts met beyond the samples (each from a real document's first lines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, LONG, STEMS, WILD, need
from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.read import read
from vanban.extract.record import extract_file


def header(text: str):
    doc = normalise_text(text)
    return find_header(doc.text, find_citations(doc.text))


def test_lines_broken_anywhere_and_a_split_motto() -> None:
    h = header("ỦY BAN NHÂN\nDÂN\nTỈNH ĐẮK LẮK\n--------\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
               "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 012/CT-UBND\nĐắk Lắk, ngày\n"
               "26 tháng 11 năm 2025\nCHỈ THỊ\nVề đẩy mạnh cải cách hành chính\nThực hiện ...")
    assert (h.issuer, h.number, h.symbol, h.doc_type, h.province) == (
        "Ủy ban nhân dân tỉnh Đắk Lắk", "012", "CT-UBND", "Chỉ thị", "Đắk Lắk")


def test_a_word_alone_on_the_first_line_and_a_place_broken_in_two() -> None:
    h = header("ỦY\nBAN NHÂN DÂN\nTỈNH BẮC KẠN\n-------\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
               "Độc lập - Tự do - Hạnh phúc\nSố:\n488/KH-UBND\nBắc\nKạn, ngày 03 tháng 8 năm 2021\nKẾ HOẠCH\n"
               "Truyền thông chiến dịch tiêm vắc xin năm 2021\nThực hiện Quyết định số 3355/QĐ-BYT")
    assert (h.issuer, h.number, h.place, h.date, h.period["label"]) == (
        "Ủy ban nhân dân tỉnh Bắc Kạn", "488", "Bắc Kạn", "2021-08-03", "năm 2021")


def test_the_number_line_opens_with_the_type() -> None:
    h = header("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
               "Độc lập - Tự do - Hạnh phúc\nNghị quyết số: 653/2019/UBTVQH14\nHà Nội, ngày 12 tháng 3 năm 2019\n"
               "NGHỊ QUYẾT\nVỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH\nCăn cứ Hiến pháp")
    assert (h.doc_type, h.number, h.symbol, h.year, h.issuer, h.province) == (
        "Nghị quyết", "653", "UBTVQH14", 2019, "Ủy ban Thường vụ Quốc hội", None)   # a central body: no province
    assert h.canonical == "653/2019/UBTVQH14"


@pytest.mark.parametrize(("number_line", "canonical"), [
    ("Số: 144 /2002/QĐ/BTC", "144/2002/QĐ/BTC"),        # an old ministry symbol with its year: as cited
    ("Số 57-NQ/TW", "57-NQ/TW"),                        # a Party symbol: number, dash, symbol
    ("Số: 30/2018/QĐ-UBND", "30/2018/QĐ-UBND"),
])
def test_the_header_is_keyed_as_a_citation_of_it_would_be(number_line: str, canonical: str) -> None:
    h = header(f"BỘ TÀI CHÍNH\n{number_line}\nHà Nội, ngày 5 tháng 12 năm 2002\nQUYẾT ĐỊNH\nVề việc ban hành\n")
    assert h.canonical == canonical
    written = number_line.split(maxsplit=1)[1].lstrip(": ")
    assert {c.canonical for c in find_citations(f"theo Quyết định số {written}")} == {canonical}


def test_two_column_header_read_as_one_line_and_a_title_after_the_issuer() -> None:
    h = header("UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHỊ XÃ BỈM SƠN Độc lập - Tự do - Hạnh phúc\n"
               "Số: /KH-UBND Bỉm Sơn, ngày tháng năm 2024\nKẾ HOẠCH\nKhắc phục những tồn tại năm 2024\n"
               "Thực hiện Công văn số 1781-CV/TU ngày 27/8/2024 của Tỉnh uỷ Thanh Hoá")
    assert (h.issuer, h.number_blank, h.symbol, h.place, h.date, h.date_partial, h.province) == (
        "Uỷ ban nhân dân thị xã Bỉm Sơn", True, "KH-UBND", "Bỉm Sơn", None, "2024", "Thanh Hóa")


@pytest.mark.parametrize(("caps", "name"), [
    ("PHÒNG ĐÀO TẠO ĐẠI HỌC", "Phòng Đào tạo Đại học"),
    ("TRUNG TÂM Y TẾ KHU VỰC BỐ TRẠCH", "Trung tâm Y tế khu vực Bố Trạch"),
    ("TRUNG TÂM Y TẾ DỰ PHÒNG HÀ NỘI", "Trung tâm Y tế dự phòng Hà Nội"),
    ("BỆNH VIỆN ĐA KHOA SỐ 2", "Bệnh viện Đa khoa số 2"),
])
def test_case_restored(caps: str, name: str) -> None:
    from vanban.extract.casing import restore_case

    assert restore_case(caps) == name



def test_case_restored_alike_whether_spellings_are_looked_for_where_their_lower_case_stands() -> None:
    """`restore_case` scans for a catalogue spelling only where its lower case stands in the name's:
    every capitals line of the samples' headers and a name folding apart (`ı`) read alike either way."""
    from vanban.extract.casing import restore_case
    from vanban.extract.normalise import is_caps

    names = [line.strip() for p in sorted((CORPUS / "txt").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines()[:25] if len(line.strip()) > 3 and is_caps(line)]
    names += ["SỞ Y TẾ TıNH QUẢNG TRỊ", "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "BAN CHẤP HÀNH ĐOÀN TỈNH"]
    assert len(names) > 10
    for name in names:
        assert restore_case(name) == restore_case(name, quick=False), name

def test_old_header_names_the_issuer_after_the_type() -> None:
    h = header("BỘ TÀI CHÍNH\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n-0-\tĐộc lập-Tự do-Hạnh phúc\n"
               "Số: 144 /2002/QĐ/BTC\nHà nội, ngày 22 tháng 11 năm 2002\nQUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH\n"
               "về việc sửa đổi mức thuế suất\nBỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ Nghị định số 86/2002/NĐ-CP")
    assert (h.issuer, h.number, h.date, h.place, h.title) == (
        "Bộ Tài chính", "144", "2002-11-22", "Hà Nội", "về việc sửa đổi mức thuế suất")


@pytest.mark.parametrize("stem", STEMS)
def test_the_header_needs_no_citations_from_the_caller(stem: str) -> None:
    """`find_header(text)` finds the citations it needs itself; passing them only saves the work."""
    text = read(CORPUS / "txt" / f"{stem}.txt").text
    alone = find_header(text)
    assert alone.issuer and alone == find_header(text, find_citations(text))


def test_a_headers_dict_is_what_asdict_makes_of_it_in_new_containers() -> None:
    import dataclasses

    from vanban.extract.header import Header

    h = Header(doc_type="Báo cáo", number="12", number_blank=True, year=2025,
               period={"label": "năm 2025", "start": None},
               signer={"name": "Nguyễn Văn A", "title": "Giám đốc"}, recipients=["Sở Y tế", "Lưu: VT"],
               uncertain={"number": "4?"})
    want = dataclasses.asdict(h) | {"canonical": h.canonical}
    got = h.to_dict()
    assert got == want and list(got) == list(want)
    assert got["signer"] is not h.signer and got["recipients"] is not h.recipients and got["period"] is not h.period
    assert "uncertain" not in Header().to_dict()


# The first lines of a scanned letter as Tesseract read them (kg-syt-cv-1979-syt-tccb-2017): the comma
# after the place read as a full stop, the handwritten day as two specks.
OCR_LETTER = ("UBND TỈNH KIÊN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ\tĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 1979/SYT-TCCB\t{place_date}\nV/v báo cáo số lượng hộ sinh\nKính gửi: Các đơn vị trực thuộc.\n"
              "Sở Y tế đề nghị các đơn vị thống kê số lượng viên chức hộ sinh.\n")


def test_an_ocr_date_line_gives_its_place_and_what_it_could_read(tmp_path: Path) -> None:
    """`Kiên Giang. ngày 2y AE tháng 10 năm 2017`: the place, month and year are read (`date_partial`,
    spec/output.md), the day OCR could not read is uncertain and flagged, never guessed or called blank."""
    path = tmp_path / "letter.txt"
    path.write_text(OCR_LETTER.format(place_date="Kiên Giang. ngày 2y AE tháng 10 năm 2017"), encoding="utf-8")
    rec = extract_file(path)
    doc = rec["document"]
    assert (doc["place"], doc["date"], doc["date_partial"], doc["province"]) == (
        "Kiên Giang", None, "2017-10", "Kiên Giang")
    assert doc["uncertain"]["date"]["read"] == "ngày 2y AE"
    codes = [f["code"] for f in rec["flags"]]
    assert "uncertain_field" in codes and "blank_date" not in codes and "missing_header" not in codes


@pytest.mark.parametrize(("place_date", "date", "partial"), [
    ("Kiên Giang. ngày 20 tháng 10 năm 2017", "2017-10-20", None),      # a full stop for the comma
    ("Kiên Giang, ngày 20 tháng 10 năm 2017", "2017-10-20", None),
    ("Kiên Giang. ngày    tháng 10 năm 2017", None, "2017-10"),         # the day left blank
])
def test_a_full_stop_after_the_place_is_read_as_its_comma(place_date: str, date: str | None,
                                                           partial: str | None) -> None:
    h = header(OCR_LETTER.format(place_date=place_date))
    assert (h.place, h.date, h.date_partial, h.uncertain) == ("Kiên Giang", date, partial, {})



@pytest.mark.parametrize(("place_date", "date", "partial", "read"), [
    ("Quảng Trị, ngày 15/10/2025", "2025-10-15", None, None),               # the date in figures
    ("Kiên Giang, ngày đ\t_ tháng 12 năm 2017", None, "2017-12", "ngày đ _"),  # kg-syt-qd-cong-nhan-thi-dua
    ("Mê Linh, ngày Ô ‡ thắng 8 năm 2018.", None, "2018-08", "ngày Ô ‡"),     # hn-ttyt-melinh: "thắng"
    ("Kiên Giang, ngày 2 tháng/Ohăm 2017", None, "2017", "tháng /"),         # kg-syt-qd-ban-ql: "Ohăm"
    ("Kiên Giang, ngày Ô ‡ thắng Ọ năm 2O17", None, "2017", "ngày Ô ‡ tháng Ọ"),   # the year's O for 0
    ("Kiên Giang, ngày ‡ tháng ‡ năm ‡", None, None, "ngày ‡ tháng ‡ năm ‡"),   # nothing read: said so
])
def test_a_date_line_ocr_misread_still_gives_what_it_can(tmp_path: Path, place_date: str, date: str | None,
                                                         partial: str | None, read: str | None) -> None:
    """A place-and-date line whose month and year are read gives at least `date_partial`; what OCR made
    of the rest is uncertain and flagged (spec/output.md), never dropped in silence. The lines as
    Tesseract read them on the scans named."""
    path = tmp_path / "letter.txt"
    path.write_text(OCR_LETTER.format(place_date=place_date), encoding="utf-8")
    rec = extract_file(path)
    doc = rec["document"]
    assert (doc["date"], doc["date_partial"], doc["place"]) == (date, partial, place_date.split(",")[0])
    codes = [f["code"] for f in rec["flags"]]
    if read:
        assert doc["uncertain"]["date"]["read"] == read
        assert "uncertain_field" in codes
    else:
        assert "uncertain" not in doc and "blank_date" not in codes


def test_a_date_line_left_blank_to_its_year_is_a_blank_date(tmp_path: Path) -> None:
    """"ngày … tháng … năm 20…": the form's date left blank, its year's last figures too: a blank date."""
    path = tmp_path / "letter.txt"
    path.write_text(OCR_LETTER.format(place_date="Kiên Giang, ngày    tháng    năm 20"), encoding="utf-8")
    rec = extract_file(path)
    assert (rec["document"]["date"], rec["document"]["date_partial"], rec["document"]["place"]) == (
        None, None, "Kiên Giang")
    assert [f["quote"] for f in rec["flags"] if f["code"] == "blank_date"] == ["ngày tháng năm 20"]


def test_a_national_union_keeps_viet_nam_in_its_name() -> None:
    """`CÔNG ĐOÀN GIÁO DỤC VIỆT NAM` under `TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM` (a real letter, Word 97): the
    motto's last words also end a national body's name; such a body is of no province (Hà Nội is its seat)."""
    rec = extract_file(need(WILD / "cdgdvn-cv-172-cdn-tgnc-2013.doc"))
    doc = rec["document"]
    assert (doc["issuer"], doc["parent_issuer"], doc["province"], doc["canonical"]) == (
        "Công đoàn Giáo dục Việt Nam", "Tổng Liên đoàn Lao động Việt Nam", None, "172/CĐN-TGNC")


MASS = "{left}\nSố: 12/KH-CĐ\tĐông Hà, ngày 9 tháng 8 năm 2023\nKẾ HOẠCH\nTổ chức hội thao năm 2023\nCăn cứ Điều lệ.\n"


@pytest.mark.parametrize(("left", "issuer", "parent", "province"), [
    ("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Công đoàn Giáo dục Việt Nam", None, None),
    ("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG ĐOÀN TRƯỜNG ĐẠI HỌC Y",
     "Công đoàn Trường Đại học Y", "Công đoàn Giáo dục Việt Nam", None),
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG TRỊ\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG ĐOÀN NGÀNH Y TẾ",
     "Công đoàn ngành Y tế", "Liên đoàn Lao động tỉnh Quảng Trị", "Quảng Trị"),
    ("HỘI CHỮ THẬP ĐỎ VIỆT NAM\nHỘI CHỮ THẬP ĐỎ TỈNH QUẢNG TRỊ", "Hội Chữ thập đỏ tỉnh Quảng Trị",
     "Hội Chữ thập đỏ Việt Nam", "Quảng Trị"),
    # the Đoàn prints its name top right where the motto stands: alone, or run onto the issuer's line
    ("TỈNH ĐOÀN QUẢNG TRỊ ĐOÀN TNCS HỒ CHÍ MINH", "Tỉnh đoàn Quảng Trị", None, "Quảng Trị"),
    ("TỈNH ĐOÀN QUẢNG TRỊ\tĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN TRUNG TÂM Y TẾ", "BCH Đoàn Trung tâm Y tế",
     "Tỉnh đoàn Quảng Trị", "Quảng Trị"),
])
def test_mass_organisations_issue_as_any_body(left: str, issuer: str, parent: str | None,
                                              province: str | None) -> None:
    h = header(MASS.format(left=left))
    assert (h.issuer, h.parent_issuer, h.province) == (issuer, parent, province)


# 02 writes its subject "V/v : ..." where the gold gives the subject alone; 04's header is one run-on line
TITLED = [stem for stem in (f"{n:02d}" for n in range(1, 14)) if stem not in ("02", "04")]


@pytest.mark.parametrize("stem", TITLED)
def test_a_title_set_over_lines_is_read_whole(stem: str) -> None:
    """Each whole document's title as its gold gives it (the gold writes a title in capitals in sentence
    case): continued past a line that ends in "CỦA" (05: the next one opens with "THỦ TƯỚNG"), and ended
    where the body goes on in lower case (06)."""
    want = json.loads(need(LONG / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["document"]["title"]
    got = extract_file(LONG / "txt" / f"{stem}.txt")["document"]["title"]
    assert (got or "").casefold() == want.casefold()


def test_a_letters_subject_over_three_lines_of_a_scan(tmp_path: Path) -> None:
    """A scan's subject in the header's left column, each line its own OCR block (kg-syt-cv-2231): "... do"
    / "Trường ĐH Y Hà Nội tổ chức tại" / "Kiên Giang."; "Kính gửi" ends it."""
    from vanban.extract.ocr_cache import FolderCache, Ocr

    rec = extract_file(need(WILD / "kg-syt-cv-2231-syt-tccb-2017-dang-ky-sau-dai-hoc-scan.pdf"),
                       ocr=Ocr(cache=FolderCache(tmp_path)))
    assert rec["document"]["title"] == ("V/v đăng ký tham gia các lớp sau đại học chuyên ngành Truyền nhiễm do "
                                        "Trường ĐH Y Hà Nội tổ chức tại Kiên Giang")
    assert rec["document"]["doc_type"] == "Công văn"


def _long_12(tmp_path: Path, number_lines: str) -> dict:
    """long/12 (a decision of UBND tỉnh Ninh Bình, its `Số:` alone on a line and its number on the next)
    with its number lines laid out as `number_lines`."""
    text = need(LONG / "txt" / "12.txt").read_text(encoding="utf-8")
    old = "Số:\n161/2025/QĐ-UBND\n\nNinh Bình, ngày\n23 tháng 11 năm 2025\n"
    assert text.count(old) == 1
    path = tmp_path / "12.txt"
    path.write_text(text.replace(old, number_lines), encoding="utf-8")
    return extract_file(path, with_text=True)


@pytest.mark.parametrize("number_lines", [
    "Số:\n161/2025/QĐ-UBND\n\nNinh Bình, ngày\n23 tháng 11 năm 2025\n",           # as printed: the line below
    "Số:\tNinh Bình, ngày 23 tháng 11 năm 2025\n161/2025/QĐ-UBND\n",             # the date's column between
])
def test_a_number_on_the_line_below_its_so_is_the_number(tmp_path: Path, number_lines: str) -> None:
    rec = _long_12(tmp_path, number_lines)
    doc = rec["document"]
    assert (doc["number"], doc["number_blank"], doc["canonical"], doc["date"]) == (
        "161", False, "161/2025/QĐ-UBND", "2025-11-23")
    assert "blank_number" not in [f["code"] for f in rec["flags"]]
    assert "161/2025/QĐ-UBND" not in [c["canonical"] for c in rec["citations"]]      # its own number


@pytest.mark.parametrize("number_lines", [
    "Số:\n\nNinh Bình, ngày\n23 tháng 11 năm 2025\n",
    "Số:\tNinh Bình, ngày 23 tháng 11 năm 2025\n",
])
def test_a_so_with_no_number_on_its_line_or_below_is_a_blank_number(tmp_path: Path, number_lines: str) -> None:
    rec = _long_12(tmp_path, number_lines)
    doc = rec["document"]
    assert (doc["number"], doc["number_blank"], doc["symbol"], doc["canonical"], doc["date"]) == (
        None, True, None, None, "2025-11-23")
    [flag] = [f for f in rec["flags"] if f["code"] == "blank_number"]
    assert rec["text"][flag["span"][0]:flag["span"][1]].startswith("Số:")
    assert flag["quote"] == "Số:"          # the number's part of the line, not the date beside it
    assert "missing_header" not in [f["code"] for f in rec["flags"]]
