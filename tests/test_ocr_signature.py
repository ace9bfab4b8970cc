"""The signature block read again where the page's OCR lost the signer (a stamp over the signature, the
name in bold under it): titles matched through OCR's slips, names read as a signature prints them, the
second pass on real scans, and a signer read with little confidence kept out of the record."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.conftest import CORPUS, WILD, need
from vanban.extract import ocr as ocr_engine
from vanban.extract import ocr_signature
from vanban.extract.catalogue import load
from vanban.extract.model import Document, RawDocument, RawLine
from vanban.extract.normalise import normalise
from vanban.extract.ocr import OcrPage
from vanban.extract.ocr_cache import FolderCache, Ocr
from vanban.extract.ocr_signature import is_name_line, title_at_end, title_of
from vanban.extract.read_pdf import scan_dpi
from vanban.extract.uncertain import NAME_DOUBT, mark_uncertain

_NO_OCR = pytest.mark.skipif(ocr_engine.unavailable() is not None,
                             reason=f"OCR is not installed here: {ocr_engine.unavailable()}")


@pytest.mark.parametrize(("read", "title"), load("people")["title_misreads"])
def test_a_title_misread_by_ocr_is_the_catalogues(read: str, title: str) -> None:
    assert title in load("people")["titles"]
    assert title_of(read) == title


@pytest.mark.parametrize("read", load("people")["title_misread_counterexamples"])
def test_what_is_no_title_or_could_be_two_is_none(read: str) -> None:
    assert title_of(read) is None


def test_a_title_ending_a_segment_keeps_apart_what_ocr_left_before_it() -> None:
    assert title_at_end("V*Y. GIÁM ĐÓC'") == ("GIÁM ĐỐC", "V*Y.")     # a handwritten KT. unread
    assert title_at_end("'GIÁM ĐỐC ° ` ˆ") == ("GIÁM ĐỐC", "")          # specks, a mark read alone
    assert title_at_end("- Như trên;") is None


@pytest.mark.parametrize(("line", "name"), [
    ("Lê Hoàng Anh", True), ("Nguyễn Trúc Giang", True), ("NGUYỄN VĂN AN", True), ("Hà Văn Phúc", True),
    ("Lưu VT", False),             # a recipient: "VT" is no syllable
    ("Tế Hoàng Anh", False),       # "Lê" read as "Tế": no family name
    ("Như trên", False), ("Nguyễn", False), ("Kiên Giang", False), ("Sở Y Tế", False),
])
def test_a_name_line_is_a_family_name_and_capitalised_syllables(line: str, name: bool) -> None:
    assert is_name_line(line) is name


# -- real scans ----------------------------------------------------------------------------------

@cache
def _page(path: str, index: int) -> tuple[Ocr, object, OcrPage, int]:
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        dpi = scan_dpi(page, 300)
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    ocr = Ocr()
    return ocr, image, ocr.page(image, dpi=dpi), dpi


@_NO_OCR
def test_a_name_under_a_stamp_is_read_again_from_the_signatures_region(tmp_path: Path) -> None:
    """kg-syt-cv-2192, page 2: the page's reading has `Nơi nhận:  GIÁM ĐÓC` and no name (the stamp, the
    pen's stroke and the bold name went as one picture); the region read alone gives `Lê Hoàng Anh`,
    put in after the title, a block of its own."""
    path = str(need(WILD / "kg-syt-cv-2192-syt-tccb-2017-xet-tuyen-vien-chuc-scan.pdf"))
    _, image, page, dpi = _page(path, 1)
    assert not any(is_name_line(ln.text) for ln in page.lines)
    assert ocr_signature.region(page) is not None
    ocr = Ocr(cache=FolderCache(tmp_path))
    again = ocr_signature.reread(ocr, image, page, dpi)
    assert 1 <= len(list(tmp_path.rglob("*.json.gz"))) <= 2     # the region only, once or twice
    assert ocr.read_count == 0                                   # a region is no page
    added = [ln for ln in again.lines if ln not in page.lines]
    names = [ln for ln in added if is_name_line(ln.text)]
    assert [ln.text for ln in names] == ["Lê Hoàng Anh"]
    assert min(w.conf for w in names[0].words) >= NAME_DOUBT
    texts = [ln.text for ln in again.lines]
    title = next(i for i, t in enumerate(texts) if "GIÁM" in t)
    assert title < texts.index("Lê Hoàng Anh")
    assert len({ln.block for ln in added} | {ln.block for ln in page.lines}) == \
        len({ln.block for ln in page.lines}) + len(added)


@_NO_OCR
def test_a_page_whose_signer_was_read_is_not_read_again() -> None:
    """corpus/scan 001, page 7: `GIÁM ĐỐC` and `Tô Thị Mai Hoa` were read: no second pass, no cost."""
    ocr, image, page, dpi = _page(str(CORPUS / "scan" / "001_c8d032cd6b35c309.pdf"), 6)
    assert any(is_name_line(ln.text.split("\t")[-1]) for ln in page.lines)
    assert ocr_signature.region(page) is None
    read = ocr.read_count
    assert ocr_signature.reread(ocr, image, page, dpi) is page and ocr.read_count == read


@_NO_OCR
def test_an_unsigned_copy_is_not_read_again(tmp_path: Path) -> None:
    """corpus/scan 003, page 6: `Nơi nhận` and no signature at all (nothing printed right of it): the
    region is blank, no second reading."""
    _, image, page, dpi = _page(str(CORPUS / "scan" / "003_54f63113053d84ec.pdf"), 5)
    assert ocr_signature.region(page) is not None
    assert ocr_signature.reread(Ocr(cache=FolderCache(tmp_path)), image, page, dpi) is page
    assert not list(tmp_path.rglob("*.json.gz"))


@_NO_OCR
def test_a_page_without_a_recipients_label_is_not_read_again() -> None:
    page = _page(str(CORPUS / "scan" / "001_c8d032cd6b35c309.pdf"), 0)[2]
    assert page.lines and ocr_signature.region(page) is None


# -- a signer read with little confidence --------------------------------------------------------

def _doc(lines: list[tuple[str, list[tuple[str, float]] | None]]) -> Document:
    raw = RawDocument(lines=[RawLine(text, 1, weak=weak) for text, weak in lines], pages=1)
    return normalise(raw, path="scan.pdf", fmt="pdf", data=b"scan")


def test_a_name_read_with_little_confidence_is_no_signer_but_an_uncertain_reading() -> None:
    doc = _doc([("Nơi nhận:\tGIÁM ĐỐC", None), ("- Lưu: VT.", None),
                ("Nguyễn Trúc Giang", [("Giang", 0.13)])])
    header = {"signer": {"name": "Nguyễn Trúc Giang", "title": "Giám đốc"}}
    flags = mark_uncertain(doc, header)
    assert header["signer"] is None
    assert header["uncertain"]["signer"] == {"read": "Nguyễn Trúc Giang", "confidence": 0.13}
    assert [(f.code, f.message_key) for f in flags] == [("uncertain_field", "uncertain_signer")]
    assert flags[0].params["field"] == "signer" and flags[0].page == 1


def test_a_name_read_fairly_stands() -> None:
    """0.57 on one word of a name that is a family name and syllables (corpus/scan 001's signer)."""
    doc = _doc([("Nơi nhận:\tGIÁM ĐỐC", None), ("Tô Thị Mai Hoa", [("Hoa", 0.574)])])
    header = {"signer": {"name": "Tô Thị Mai Hoa", "title": "Giám đốc"}}
    assert mark_uncertain(doc, header) == [] and header["signer"]["name"] == "Tô Thị Mai Hoa"


def test_a_title_whose_prefix_ocr_could_not_read_is_null_and_said_so() -> None:
    """`V*Y. GIÁM ĐÓC`: a handwritten `KT.` unread; the deputy signs under it, so `Giám đốc` would be a
    guess. The name stands, the title is null, the line as read is in `uncertain`."""
    from vanban.extract.header import find_header

    text = "Nơi nhận:\tV*Y. GIÁM ĐÓC'\n- Như trên;\n- Lưu: VT.\nHà Văn Phúc"
    doc = _doc([(line, None) for line in text.split("\n")])
    header = find_header(doc.text).to_dict()
    assert header["signer"] == {"name": "Hà Văn Phúc", "title": None}
    flags = mark_uncertain(doc, header)
    assert header["uncertain"]["signer_title"] == {"read": "V*Y. GIÁM ĐÓC'", "confidence": None}
    assert [f.message_key for f in flags] == ["uncertain_signer_unrated"]


@_NO_OCR
def test_a_title_whose_prefix_was_unread_is_sought_in_the_region(tmp_path: Path) -> None:
    """kg-syt-cv-05, page 1: `V*Y. GIÁM ĐÓC'` (a handwritten `KT.`) and the name were read, the deputy's
    own `PHÓ GIÁM ĐỐC` line was not: the region read again gives it back, and only it (the name is not
    put twice); the signer is then the Phó Giám đốc, no guess."""
    from vanban.extract.signature import find_signer

    path = str(need(WILD / "kg-syt-cv-05-syt-nvy-2018-giam-qua-tai-scan.pdf"))
    _, image, page, dpi = _page(path, 0)
    assert ocr_signature.region(page) is not None
    again = ocr_signature.reread(Ocr(cache=FolderCache(tmp_path)), image, page, dpi)
    added = [ln.text for ln in again.lines if ln not in page.lines]
    assert added == ["PHÓ GIÁM ĐỐC"]
    text = "\n".join(ln.text for ln in again.lines)
    assert find_signer(text) == {"name": "Hà Văn Phúc", "title": "Phó Giám đốc"}
