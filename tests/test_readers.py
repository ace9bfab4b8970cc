"""Every reader on real corpus files, into one document model."""

from __future__ import annotations

import codecs
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import CORPUS, WILD, need
from vanban.extract.citations import find_citations
from vanban.extract.model import ReadError
from vanban.extract.ocr import unavailable as ocr_unavailable
from vanban.extract.ocr_cache import Ocr
from vanban.extract.read import read


def test_txt_is_normalised_to_nfc() -> None:
    raw = (CORPUS / "txt" / "000_a9042f12ea01ae86.txt").read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw)          # the sample holds decomposed accents
    doc = read(CORPUS / "txt" / "000_a9042f12ea01ae86.txt")
    assert unicodedata.is_normalized("NFC", doc.text)
    assert "Nguyễn Quốc Tuấn" in doc.text


def test_control_characters_are_dropped_and_nothing_else_moves(tmp_path: Path) -> None:
    """NUL and other control bytes (a damaged file, a text layer) are no text: dropped, so that a store
    can keep the document (PostgreSQL refuses NUL) and the words they split are found again."""
    clean = (CORPUS / "txt" / "001_c8d032cd6b35c309.txt").read_text(encoding="utf-8")
    words = [w for w in dict.fromkeys(clean.split()) if len(w) > 4][:40]
    assert len(words) == 40
    damaged = clean
    for i, w in enumerate(words):
        damaged = damaged.replace(w, w[:2] + ("\x00", "\x01", "\x1f", "\x7f")[i % 4] + w[2:], 1)
    (tmp_path / "damaged.txt").write_text(damaged, encoding="utf-8")
    doc, ref = read(tmp_path / "damaged.txt"), read(CORPUS / "txt" / "001_c8d032cd6b35c309.txt")
    assert not any(c in doc.text for c in "\x00\x01\x1f\x7f")
    assert doc.text == ref.text
    assert [c.canonical for c in find_citations(doc.text)] == [c.canonical for c in find_citations(ref.text)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_txt_encodings(tmp_path: Path, encoding: str) -> None:
    text = (CORPUS / "txt" / "001_c8d032cd6b35c309.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))   # no BOM at all
    p = tmp_path / "report.txt"
    p.write_bytes(data)
    doc = read(p)
    assert "Số: 124 /BC-SYT" in doc.text
    assert {c.canonical for c in find_citations(doc.text)} >= {"4266/KH-SYT", "105-QĐ/TW"}


def test_txt_undecodable_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "report.txt"
    p.write_bytes("Báo cáo công tác, số liệu quý III".encode("latin-1", errors="replace"))
    with pytest.raises(ReadError, match=r"not UTF-8 or UTF-16 text .*save it as UTF-8"):
        read(p)


def test_docx_reads_layout_tables_and_data_tables_in_order() -> None:
    doc = read(CORPUS / "docx" / "000_a9042f12ea01ae86.docx")
    assert doc.text.startswith("Số:\t/BC-TTYT\nQuảng Trị, ngày")        # the header block is a table
    assert doc.text.rstrip().endswith("Nguyễn Quốc Tuấn")                 # so is the signature block
    [staffing] = doc.tables
    assert staffing.rows[0][:3] == ["Số TT", "Tên khoa, phòng, trạm y tế", "Lãnh đạo, Quản lý"]
    assert staffing.rows[0][3] is None                                     # the merged cell is read once
    assert staffing.rows[-1] == ["32", "Trạm Y tế Nông Trường Việt Trung", "1", "1"]
    start, end = staffing.span
    assert "Trạm Y tế Thượng Trạch" in doc.text[start:end]


def test_pdf_pages_and_line_end_hyphen() -> None:
    doc = read(CORPUS / "pdf" / "002_10029ef880a30beb.pdf")
    assert doc.pages == 11
    assert doc.text.startswith("SỞ Y TẾ TỈNH LÀO CAI")
    c = next(c for c in find_citations(doc.text) if c.canonical == "27/KH-SYT")   # "27/KH‐⏎SYT" in the file
    assert doc.page_at(c.span[0]) == 1
    last = next(c for c in find_citations(doc.text) if c.canonical == "3418/SYT-NVY")
    assert doc.page_at(last.span[0]) > 1


def test_pdf_table_across_a_page_break_is_one_table() -> None:
    doc = read(CORPUS / "pdf" / "000_a9042f12ea01ae86.pdf")
    [staffing] = doc.tables
    numbers = [r[0] for r in staffing.rows[staffing.header_rows:]]
    assert numbers == [str(i) for i in range(1, 33)]                     # rows 1–27 on one page, 28–32 on the next


def test_image_only_pdf_without_ocr_needs_ocr() -> None:
    off = Ocr(enabled=False)
    with pytest.raises(ReadError, match=r"image-only PDF .*needs OCR"):
        read(CORPUS / "scan" / "003_54f63113053d84ec.pdf", ocr=off)
    with pytest.raises(ReadError, match="image-only PDF"):
        read(need(WILD / "kg-syt-qd-doan-kiem-tra-tuyen-huyen-2017-scan.pdf"), ocr=off)


def test_ocr_layer_without_vietnamese_is_not_mined() -> None:
    with pytest.raises(ReadError, match=r"not Vietnamese.*needs OCR"):
        read(need(WILD / "hn-ttytdp-cv-3324-ytdp-sr-2018-scan-badocr.pdf"), ocr=Ocr(enabled=False))


def test_pdf_with_pages_drawn_as_paths_reads_the_rest() -> None:
    doc = read(need(WILD / "laichau-ubnd-qd-1629-2025-cong-bo-tthc-print-to-pdf.pdf"), ocr=Ocr(enabled=False))
    assert doc.ocr_pages == [1, 2]
    assert any("not read (glyphs drawn as paths)" in n for n in doc.notes)
    assert "38/2020/QĐ-TTg" in {c.canonical for c in find_citations(doc.text)}


@pytest.mark.skipif(ocr_unavailable() is not None, reason="OCR is not installed here")
def test_pdf_with_pages_drawn_as_paths_reads_them_by_ocr() -> None:
    doc = read(need(WILD / "laichau-ubnd-qd-1629-2025-cong-bo-tthc-print-to-pdf.pdf"))
    assert [p.method for p in doc.page_list] == ["ocr", "ocr", "text", "text", "text", "text"]
    assert doc.page_list[0].reason == "glyphs drawn as paths" and not doc.ocr_pages
    assert "1629" in doc.text[:300]


def test_vni_font_in_a_unicode_pdf_is_no_legacy_text() -> None:
    doc = read(need(WILD / "brvt-ngaigiao-ubnd-qd-142-2024-vni-times-font.pdf"))
    assert doc.encoding is None
    assert "Ủy ban nhân dân" in doc.text or "ỦY BAN NHÂN DÂN" in doc.text


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@needs_soffice
def test_doc_through_libreoffice() -> None:
    doc = read(need(WILD / "cdgdvn-cv-172-cdn-tgnc-2013.doc"))
    assert doc.format == "doc"
    assert "Số: 172/CĐN-TGNC" in doc.text


@needs_soffice
def test_doc_holding_only_scanned_images_without_ocr_needs_ocr() -> None:
    with pytest.raises(ReadError, match=r"only images .*needs OCR"):
        read(need(WILD / "hn-ttyt-melinh-cv-hienmau-2018-scan-in-doc.doc"), ocr=Ocr(enabled=False))


def test_doc_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANBAN_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ReadError, match=r"needs LibreOffice for \.doc"):
        read(need(WILD / "uit-tb-03-tb-dtdh-2014.doc"))
