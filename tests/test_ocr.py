"""Scanned reports read by OCR: real scans, a garbage OCR layer, mixed and rotated pages, pictures
in Word files, the page cache, and what happens without Tesseract."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from docx.shared import Inches

from tests.conftest import CORPUS, WILD, gold, need
from vanban.extract import ocr as ocr_engine
from vanban.extract.model import Document, RawDocument, RawLine
from vanban.extract.normalise import normalise
from vanban.extract.ocr import OcrLine, Word
from vanban.extract.ocr_cache import FolderCache, Ocr
from vanban.extract.ocr_repair import repair_line
from vanban.extract.pages import doubtful_words
from vanban.extract.read import read
from vanban.extract.record import build_record
from vanban.extract.sections import find_sections
from vanban.extract.uncertain import mark_uncertain

pytestmark = pytest.mark.skipif(ocr_engine.unavailable() is not None,
                                reason=f"OCR is not installed here: {ocr_engine.unavailable()}")

SCAN = CORPUS / "scan"
STEM = "000_a9042f12ea01ae86"


@pytest.fixture(scope="module")
def shared_ocr(tmp_path_factory: pytest.TempPathFactory) -> Ocr:
    """One OCR cache for the module: a page image met twice is read once."""
    return Ocr(cache=FolderCache(tmp_path_factory.mktemp("ocr-cache")))


@cache
def _scan_doc(stem: str) -> Document:
    return read(SCAN / f"{stem}.pdf")


def _full_keys(stem: str) -> set[str]:
    return {c["canonical"] for c in gold(stem)["citations"] if c.get("kind", "full") == "full"}


def test_a_scan_is_read_page_by_page_and_mined() -> None:
    doc = _scan_doc(STEM)
    assert doc.ocr and doc.pages == len(doc.page_list) == 11
    assert {p.method for p in doc.page_list} == {"ocr"}
    assert all(p.confidence is not None and p.confidence > 0.8 for p in doc.page_list)
    record = build_record(doc)
    found = {c["canonical"] for c in record["citations"]}
    expected = _full_keys(STEM)
    assert expected, "the gold lists full citations"
    assert len(found & expected) >= 0.9 * len(expected)
    assert not found - expected - {None}
    assert record["source"]["ocr"] is True
    assert [p["page"] for p in record["source"]["page_list"]] == list(range(1, 12))
    pages = [c["page"] for c in record["citations"]]
    assert pages and all(1 <= p <= 11 for p in pages) and pages == sorted(pages)
    assert record["document"]["doc_type"] == "Báo cáo"
    assert record["sections"] and all(1 <= s["page"] <= 11 for s in record["sections"])
    assert record["metrics"] and all(1 <= m["page"] <= 11 for m in record["metrics"])


def test_a_garbage_ocr_layer_is_replaced_by_ocr() -> None:
    doc = read(need(WILD / "hn-ttytdp-cv-3324-ytdp-sr-2018-scan-badocr.pdf"))
    [page] = doc.page_list
    assert page.method == "ocr" and page.reason == "text layer not Vietnamese"
    assert "CQNG HOA" not in doc.text
    assert "Trung tâm Y tế dự phòng" in doc.text or "TRUNG TÂM Y TẾ DỰ PHÒNG" in doc.text


def test_a_mixed_pdf_reads_text_pages_as_text_and_the_scanned_page_by_ocr(tmp_path: Path,
                                                                        shared_ocr: Ocr) -> None:
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(CORPUS / "pdf" / f"{STEM}.pdf"), [0, 1])
    mixed.import_pages(pdfium.PdfDocument(SCAN / f"{STEM}.pdf"), [2])
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    doc = read(path, ocr=shared_ocr)
    assert [p.method for p in doc.page_list] == ["text", "text", "ocr"]
    assert doc.page_list[2].reason == "no text"
    third = _scan_doc(STEM).text
    ocr_part = doc.text[next(i for i, p in zip(doc.line_starts, doc.line_pages, strict=True) if p == 3):]
    assert ocr_part and ocr_part[:200] in third              # the scanned page is read as the scan is


def test_a_rotated_scan_is_turned_upright(tmp_path: Path, shared_ocr: Ocr) -> None:
    page = pdfium.PdfDocument(SCAN / "001_c8d032cd6b35c309.pdf")[0]
    image = page.render(scale=200 / 72, grayscale=True).to_pil().rotate(90, expand=True)
    path = tmp_path / "sideways.pdf"
    image.save(path, resolution=200)
    doc = read(path, ocr=shared_ocr)
    [info] = doc.page_list
    assert info.method == "ocr"
    upright = _scan_doc("001_c8d032cd6b35c309")
    first_key = build_record(upright)["citations"][0]["canonical"]
    assert first_key in {c["canonical"] for c in build_record(doc)["citations"]}


def _docx_of_pictures(path: Path, stem: str, pages: list[int]) -> Path:
    """A Word file whose body is photos of the printed pages, as units send them."""
    document = docx.Document()
    pdf = pdfium.PdfDocument(SCAN / f"{stem}.pdf")
    for i in pages:
        buf = io.BytesIO()
        pdf[i].render(scale=150 / 72, grayscale=True).to_pil().save(buf, format="JPEG", quality=85)
        buf.seek(0)
        document.add_picture(buf, width=Inches(6.5))
    document.save(path)
    return path


def test_a_docx_holding_page_pictures_is_read_picture_by_picture(tmp_path: Path, shared_ocr: Ocr) -> None:
    path = _docx_of_pictures(tmp_path / "scan.docx", "003_54f63113053d84ec", [0, 1])
    doc = read(path, ocr=shared_ocr)
    assert [p.method for p in doc.page_list] == ["ocr", "ocr"] and doc.pages == 2
    keys = {c["canonical"] for c in build_record(doc)["citations"]}
    assert {"04/KH-SYT", "76/NQ-CP"} <= keys


@pytest.mark.skipif(not any(os.access(os.path.join(d, "soffice"), os.X_OK)
                            for d in os.environ.get("PATH", "").split(os.pathsep)),
                    reason="reading .doc needs LibreOffice")
def test_a_doc_holding_page_photos_is_read_by_ocr(shared_ocr: Ocr) -> None:
    doc = read(need(WILD / "hn-ttyt-melinh-cv-hienmau-2018-scan-in-doc.doc"), ocr=shared_ocr)
    assert doc.format == "doc" and {p.method for p in doc.page_list} == {"ocr"}
    assert "3427/KH-SYT" in {c["canonical"] for c in build_record(doc)["citations"]}


def test_the_cache_answers_a_second_read_and_a_renamed_copy(tmp_path: Path) -> None:
    ocr = Ocr(cache=FolderCache(tmp_path / "cache"))
    src = SCAN / "003_54f63113053d84ec.pdf"
    first = read(src, ocr=ocr)
    assert ocr.read_count == first.pages and ocr.cache_hits == 0
    copy = tmp_path / "renamed copy.pdf"
    copy.write_bytes(src.read_bytes())
    second = read(copy, ocr=ocr)
    assert ocr.read_count == first.pages and ocr.cache_hits == first.pages
    assert second.text == first.text
    assert all(p.cached for p in second.page_list)


def test_without_tesseract_a_scan_names_the_packages_to_install() -> None:
    env = {**os.environ, "VANBAN_TESSDATA": "/nonexistent/tessdata", "VANBAN_OCR_CACHE": "/nonexistent/cache"}
    out = subprocess.run([sys.executable, "-m", "vanban", "extract", str(SCAN / f"{STEM}.pdf")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 2
    [line] = out.stderr.strip().splitlines()
    assert "cần OCR, nhưng chưa cài mô hình tiếng Việt của Tesseract" in line, "in Vietnamese by default"
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in line
    assert "Traceback" not in out.stderr


def test_a_scan_mixed_with_text_without_tesseract_keeps_the_text_pages(tmp_path: Path) -> None:
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(CORPUS / "pdf" / f"{STEM}.pdf"), [0, 1])
    mixed.import_pages(pdfium.PdfDocument(SCAN / f"{STEM}.pdf"), [2])
    mixed.save(tmp_path / "mixed.pdf")
    doc = read(tmp_path / "mixed.pdf", ocr=Ocr(enabled=False))
    assert doc.ocr_pages == [3] and not doc.ocr
    assert any("page 3 not read" in n for n in doc.notes)


def _ocr_document(lines: list[tuple[str, list[tuple[str, float]] | None]]) -> Document:
    raw = RawDocument(lines=[RawLine(t, page=1, group=1 + i // 2, weak=w) for i, (t, w) in enumerate(lines)],
                      pages=1)
    return normalise(raw, path="scan.pdf", fmt="pdf", data=b"scan")


@pytest.mark.parametrize(("number_line", "weak", "read_as"), [
    ("Số: 1458/BC-SYT", [("1458/BC-SYT", 0.41)], "1458"),     # a clean-looking number Tesseract doubted
    ("Số: 42ÿ® /BC-SYT", [("42ÿ®", 0.35)], "42ÿ®"),           # a hand OCR could not read
    ("Số: 0Ð /BC-SYT", None, "0Đ"),                           # unreadable even where Tesseract was sure
])
def test_adoubtful_words_number_is_null_and_said_so(number_line: str, weak: list | None, read_as: str) -> None:
    from vanban.extract.citations import find_citations
    from vanban.extract.header import find_header

    doc = _ocr_document([("UBND TỈNH KIÊN GIANG", None), ("SỞ Y TẾ", None),
                         (repair_line(number_line), weak), ("Kiên Giang, ngày 12 tháng 10 năm 2017", None),
                         ("BÁO CÁO", None), ("Tình hình thực hiện công tác y tế tháng 10", None)])
    header = find_header(doc.text, find_citations(doc.text)).to_dict()
    flags = mark_uncertain(doc, header)
    assert header["number"] is None and header["number_blank"] is False
    assert header["uncertain"]["number"]["read"] == read_as
    assert header["symbol"] == "BC-SYT" and header["date"] == "2017-10-12"
    assert [f.code for f in flags] == ["uncertain_field"] and flags[0].page == 1


def test_a_clear_number_is_kept() -> None:
    from vanban.extract.citations import find_citations
    from vanban.extract.header import find_header

    doc = _ocr_document([("SỞ Y TẾ", None), ("Số: 1458/BC-SYT", None),
                         ("Kiên Giang, ngày 12 tháng 10 năm 2017", [("Kiên", 0.3)])])
    header = find_header(doc.text, find_citations(doc.text)).to_dict()
    assert mark_uncertain(doc, header) == [] and header["number"] == "1458"


def _line(words: list[tuple[str, float, int]]) -> OcrLine:
    """A line of words (text, confidence, height in px) side by side."""
    out, x = [], 0
    for text, conf, height in words:
        out.append(Word(text, conf, (x, 100 - height, x + 20 * len(text), 100)))
        x += 20 * len(text) + 15
    return OcrLine(out, 1, [False] * len(out))


def test_a_number_written_by_hand_isdoubtful_words_though_tesseract_is_sure_of_it() -> None:
    # as read on a real scan: "Số: 1983 /BC-SYT" with 1983 written by hand and read "4252" at 0.70
    hand = _line([("Số:", 0.97, 36), ("4252", 0.70, 47), ("/BC-SYT", 0.9, 27), ("Kiên", 0.96, 27),
                  ("Giang,", 0.96, 35), ("ngày", 0.96, 36), ("tháng", 0.97, 36), ("10", 0.97, 28),
                  ("năm", 0.96, 26), ("2017", 0.97, 27)])
    assert [w for w, _ in doubtful_words(hand)] == ["4252"]
    # a typed day Tesseract is unsure of, as tall as the other digits: doubtful by confidence only
    typed = _line([("ngày", 0.97, 36), ("14", 0.65, 27), ("tháng", 0.97, 37), ("3", 0.97, 27),
                   ("năm", 0.97, 27), ("2022", 0.97, 27)])
    assert [w for w, _ in doubtful_words(typed)] == []


@pytest.mark.parametrize(("read_as", "meant"), [
    ("HI. TỔ CHỨC THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"),     # two strokes read as one H
    ("Il. NHIỆM VỤ, GIẢI PHÁP", "II. NHIỆM VỤ, GIẢI PHÁP"),
    ("1I. Kết quả thực hiện", "II. Kết quả thực hiện"),
    ("VH. Phương hướng", "VII. Phương hướng"),
    ("1. Công tác chỉ đạo", "1. Công tác chỉ đạo"),          # an Arabic heading stays
    ("H. Nam ký", "H. Nam ký"),                              # a name, not a number
    ("HII. Sai", "HII. Sai"),                                # no Roman number once repaired
    ("HI.tổ chức", "HI.tổ chức"),                            # no capital after it: not a heading
    ("L MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),        # the dot lost, the stroke read as L
    ("l KẾT QUẢ THỰC HIỆN", "I. KẾT QUẢ THỰC HIỆN"),
    ("| KẾT QUẢ THỰC HIỆN", "| KẾT QUẢ THỰC HIỆN"),          # a frame's edge as often as a stroke
    ("L UBND TỈNH KIÊN GIANG", "L UBND TỈNH KIÊN GIANG"),    # a body, a motto, a title: no heading
    ("L CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "L CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("l PHÓ GIÁM ĐỐC", "l PHÓ GIÁM ĐỐC"),
    ("L Mục đích", "L Mục đích"),                            # not a heading in capitals
    ("L KẾT QUẢ đạt được", "L KẾT QUẢ đạt được"),
    ("L ĐÔNG", "L ĐÔNG"),                                    # one word: a name, perhaps
    ("Số: 3/%}⁄QĐ-SYT", "Số: 3/%}/QĐ-SYT"),                  # a fraction slash read for a slash
])
def test_a_roman_heading_number_misread_by_ocr_is_put_right(read_as: str, meant: str) -> None:
    assert repair_line(read_as) == meant


@pytest.mark.parametrize(("read_as", "meant"), [
    ("Công văn sô 2243/SYT-NVY", "Công văn số 2243/SYT-NVY"),     # số with a wrong mark before its number
    ("Kế hoạch só 2190/KH-SYT", "Kế hoạch số 2190/KH-SYT"),
    ("Quyết định sỐ 1675/QĐ-UBND", "Quyết định số 1675/QĐ-UBND"),
    ("Só: 12/SYT-VP", "Số: 12/SYT-VP"),
    ("SÓ: 12/SYT-VP", "SỐ: 12/SYT-VP"),
    ("Sô NCT được chăm sóc", "Sô NCT được chăm sóc"),          # no number after it: left as read
    ("ngày 2l tháng 02 năm 2012", "ngày 21 tháng 02 năm 2012"),   # a date's digits and their look-alikes
    ("ngày 09 tháng § năm 2017", "ngày 09 tháng 8 năm 2017"),
    ("Quyết định số §1/QĐ-TTg", "Quyết định số 81/QĐ-TTg"),
    ("tháng lương thứ 13", "tháng lương thứ 13"),                # a word after tháng: no number
])
def test_a_number_and_its_so_misread_by_ocr_are_put_right(read_as: str, meant: str) -> None:
    assert repair_line(read_as) == meant


@pytest.mark.parametrize("stem", sorted(p.stem for p in SCAN.glob("*.pdf")))
def test_a_scan_raises_no_error_its_text_does_not(stem: str) -> None:
    """An error is acted on: OCR's slips (a Roman "III" read "HI", "0,25 điểm" read "0/25 điểm")
    must not make one that the same report typed does not have."""
    def errors(record: dict) -> set[tuple[str, str | None]]:
        return {(f["code"], (f.get("params") or {}).get("area")) for f in record["flags"] if f["severity"] == "error"}

    scan = build_record(_scan_doc(stem))
    assert scan["source"]["ocr"] and scan["sections"]
    assert errors(scan) <= errors(build_record(read(CORPUS / "txt" / f"{stem}.txt")))


@pytest.mark.parametrize("stem", sorted(p.stem for p in SCAN.glob("*.pdf")))
def test_a_scans_top_headings_run_in_order(stem: str) -> None:
    """`L.` for `I.`, `II.` twice for `II.`, `III.`: OCR's slips in a run of Roman numbers are mended
    from the run; a heading OCR lost leaves a gap, never a number moved back."""
    scan = [s.number for s in find_sections(_scan_doc(stem)) if s.level == 1]
    typed = [s.number for s in find_sections(read(CORPUS / "txt" / f"{stem}.txt")) if s.level == 1]
    assert scan and set(scan) <= set(typed), (scan, typed)
    assert [typed.index(n) for n in scan] == sorted({typed.index(n) for n in scan}), (scan, typed)
