"""Where a finding stands: a page where the format knows pages (PDF, scans, a DOCX where Word
recorded page breaks), else `page: null` and the paragraph number — never a made-up page 1."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement

from vanban.extract.record import extract_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FIRST = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể CCHC."
SECOND = "Thực hiện Kế hoạch số 450/KH-SYT ngày 20/01/2025 của Sở Y tế tỉnh Quảng Trị về CCHC năm 2025."


def _word_file(path: Path, *, rendered: bool) -> Path:
    """Two citations on two pages: an explicit page break (python-docx), or Word's rendered one."""
    d = docx.Document()
    d.add_paragraph("SỞ Y TẾ TỈNH QUẢNG TRỊ")
    d.add_paragraph(FIRST)
    if rendered:
        run = d.add_paragraph().add_run()
        run._r.append(OxmlElement("w:lastRenderedPageBreak"))
        run.add_text(SECOND)
    else:
        d.add_page_break()
        d.add_paragraph(SECOND)
    d.save(path)
    return path


def test_docx_with_page_breaks_gives_real_pages(tmp_path: Path) -> None:
    for rendered in (False, True):
        rec = extract_file(_word_file(tmp_path / f"breaks_{rendered}.docx", rendered=rendered))
        pages = {c["canonical"]: c["page"] for c in rec["citations"] if c["kind"] == "full"}
        assert pages == {"76/NQ-CP": 1, "450/KH-SYT": 2}, rendered
        assert all("paragraph" not in c for c in rec["citations"])


def test_docx_without_page_breaks_gives_paragraphs() -> None:
    rec = extract_file(CORPUS / "docx" / "002_10029ef880a30beb.docx")
    assert rec["citations"] and all(c["page"] is None and c["paragraph"] >= 1 for c in rec["citations"])
    spanned = [f for f in rec["flags"] if f.get("span")]
    assert spanned and all(f["page"] is None and f["paragraph"] and f["quote"] for f in spanned)
    assert all(m["page"] is None for m in rec["metrics"])
    ratio = next(f for f in rec["flags"] if f["code"] == "ratio_mismatch")
    assert ratio["message_key"] == "ratio_mismatch" and ratio["params"]["stated"] == "29,63%"


def test_pdf_keeps_its_pages() -> None:
    rec = extract_file(CORPUS / "pdf" / "001_c8d032cd6b35c309.pdf")
    assert all(isinstance(c["page"], int) and "paragraph" not in c for c in rec["citations"])
    assert max(c["page"] for c in rec["citations"]) > 1


def test_text_file_knows_pages_only_by_its_form_feeds(tmp_path: Path) -> None:
    """A .txt file has pages only where a form feed breaks it; without one, findings say their paragraph."""
    plain = extract_file(CORPUS / "txt" / "001_c8d032cd6b35c309.txt")
    assert plain["citations"] and all(c["page"] is None and c["paragraph"] >= 1 for c in plain["citations"])
    assert plain["metrics"] and all(m["page"] is None and m["paragraph"] >= 1 for m in plain["metrics"])
    paged = tmp_path / "paged.txt"
    paged.write_text(f"SỞ Y TẾ TỈNH QUẢNG TRỊ\n{FIRST}\n\f{SECOND}\n", encoding="utf-8")
    rec = extract_file(paged)
    assert {c["canonical"]: c["page"] for c in rec["citations"] if c["kind"] == "full"} == \
        {"76/NQ-CP": 1, "450/KH-SYT": 2}
    assert all("paragraph" not in c for c in rec["citations"])
