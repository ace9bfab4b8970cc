"""A scanned letter (công văn) as Tesseract read it, with a blank form annexed on its second page
(kg-syt-cv-1979-syt-tccb-2017, Sở Y tế Kiên Giang): its own number, type, title and date come from
its first page's header, never from the annex or from a number OCR split; no Tesseract run here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS, STEMS
from vanban.extract.citations import find_citations
from vanban.extract.header import find_header
from vanban.extract.normalise import normalise_text
from vanban.extract.record import extract_file

# page 1 and the top of page 2, as OCR read them (its cache of the real scan)
LETTER = (
    "UBND TỈNH KIÊN, GIANG:\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ Y TẾ\tnó HC Độc Tập - Tự do-~ - Hạnh phúc\n"
    "só:4#12 /SYT-TCCB : Kiên Giang. ngày 2y AE tháng 10 năm 2017 'V/v báo cáo số lượng -\n"
    "Hộ sinh tại các cơ sở y tế\n"
    "Kính gửi: Các đơn vị trực thuộc tuyến tỉnh, tuyến huyện.\n"
    "Thực hiện Công văn số 531 1/BYT-BM-TE ngày 20/9/2017 của Bộ Y tế về việc báo cáo tình hình và lập kế "
    "hoạch đào tạo đối với viên chức hộ sinh,\n"
    "Để có số liệu báo cáo về Bộ Y tế, Sở Y tế để nghị các đơn vị thống kê số lượng viên chức Hộ sinh hiện đang "
    "làm việc tại các đơn vị và gửi báo cáo về Phòng TCCB - Sở Y tế để tổng hợp gửi Bộ Y tế. Thời gian chậm "
    "nhất đến hết ngày 25/10/2017.\n"
    "Sở Y tế đề nghị các đơn vị quan tâm thực hiện./. 2 -\n"
    "Nơi nhận:\tR\t„ˆ 2 vu\n"
    "“ ~ Như trên;\n"
    "- Lưu: VT, TCCB, qtram.\n"
    "Nguyễn Văn Hải\n"
    "Đơn vị:\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "BÁO CÁO THỰC TRẠNG TÌNH HÌNH HỘ SINH\n"
    "(Kèm theo Công văn số\t/SYT-TCCB ngày\ttháng\tnăm 2017 của Sở Y tổ)\n"
    "Hộ sinh hạng IV\n"
    "Hộ sinh chưa\n"
    "Cơ sở y tế các tuyến\tđược xếp hạng ,\t(sơ cần)\n"
    "Tổng cộng\t.\tGhi chú - -\n"
)


def _text(text: str) -> str:
    return normalise_text(text).text


def test_the_own_number_line_as_ocr_spelled_it_is_no_citation() -> None:
    """`só:4#12 /SYT-TCCB`: the header reads the line (an uncertain number, its symbol); the `12`
    OCR left before the symbol is the letter's own number, not a document it cites."""
    text = _text(LETTER)
    h = find_header(text)
    assert (h.number, h.symbol, h.uncertain) == (None, "SYT-TCCB", {"number": "4#12", "date": "ngày 2y AE"})
    assert all("SYT-TCCB" not in (c.canonical or "") for c in find_citations(text))
    for line in ("Sô: 4#12 /SYT-TCCB", "S6: 4#12 /SYT-TCCB", "S6:1979/SYT-TCCB", "Số:2 929 /SYT-TCCB",
                 "Só4Z//SYT-TCCB"):
        assert [c.canonical for c in find_citations(_text(f"SỞ Y TẾ\n{line}\nV/v báo cáo\nNội dung."))] == [], line


def test_a_number_ocr_split_after_so_is_joined() -> None:
    """`Công văn số 531 1/BYT-BM-TE`: one number stands after "số", so the digits a space before the
    symbol's number are its head (citations.md §2.2), never a partial "Công văn 531" and a full 1/BYT-BM-TE."""
    [c] = find_citations(_text(LETTER.split("Kính gửi")[1]))
    assert (c.kind, c.canonical, c.number, c.date, c.issuer) == ("full", "5311/BYT-BM-TE", "5311", "2017-09-20",
                                                                 "Bộ Y tế")
    assert c.raw.startswith("Công văn số 531 1/BYT-BM-TE")
    # no "số" before, a list, or more than five digits: nothing is joined
    for text, keys in (("trong năm 2017 12/KH-SYT", ["12/KH-SYT"]), ("Nghị định số 87, 31/CP", ["87/CP", "31/CP"]),
                       ("Công văn số 5311 12/BYT-BM-TE", ["12/BYT-BM-TE"])):
        assert [c.canonical for c in find_citations(_text(text)) if c.kind == "full"] == keys, text


def test_a_letter_is_typed_and_titled_by_its_first_page_not_its_annexed_form() -> None:
    """The `V/v` subject under the number makes a công văn (Nghị định 30/2020); the `BÁO CÁO` heading
    of the form annexed below it is the annex's."""
    h = find_header(_text(LETTER))
    assert (h.doc_type, h.period) == ("Công văn", None)
    assert h.title.startswith("V/v báo cáo số lượng"), h.title
    # a type line with its `V/v` title under it is still that type
    h = find_header(_text("SỞ Y TẾ\nSố: 12/QĐ-SYT\tKiên Giang, ngày 20 tháng 11 năm 2017\nQUYẾT ĐỊNH\n"
                          "V/v thành lập Đoàn kiểm tra\nCăn cứ Luật Tổ chức chính quyền địa phương;"))
    assert (h.doc_type, h.title) == ("Quyết định", "V/v thành lập Đoàn kiểm tra")


def test_an_annex_reference_with_a_blank_day_is_not_the_letters_blank_date(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    rec = extract_file(path)
    assert [f["code"] for f in rec["flags"] if f["code"] in ("blank_date", "missing_header")] == []
    assert rec["document"]["doc_type"] == "Công văn"


@pytest.mark.parametrize("blank", ["-", "...", "…", "___"])
def test_a_day_ocr_read_as_a_filler_is_flagged_on_the_header_line(tmp_path: Path, blank: str) -> None:
    """`Quảng Trị, ngày - tháng 9 năm 2025` (scan 000's first line): the flag points at that line."""
    text = (CORPUS / "txt" / f"{STEMS[0]}.txt").read_text(encoding="utf-8")
    old = "Quảng Trị, ngày      tháng 9 năm 2025"
    assert text.count(old) == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, f"Quảng Trị, ngày {blank} tháng 9 năm 2025"), encoding="utf-8")
    rec = extract_file(path, with_text=True)
    [flag] = [f for f in rec["flags"] if f["code"] == "blank_date"]
    assert flag["span"] is not None and flag["page"] is None and flag["paragraph"] >= 1    # a .txt knows no pages
    assert " ".join(rec["text"][flag["span"][0]:flag["span"][1]].split()) == f"ngày {blank} tháng 9 năm 2025"
