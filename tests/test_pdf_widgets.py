"""What a signing system writes into form fields (widget annotations) is read where it stands.

The real files are in the shared corpus; a PDF written here by hand (a page with "Số: /BC-SYT …
ngày tháng năm 2025" and filled fields on top of it, as a signing system leaves it) tests the same
on a clean clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WILD, need, vni_encode
from vanban.api import extract
from vanban.extract.read import read

Text = tuple[float, float, str]           # x, y (PDF points, from the bottom left) and the text


def _codes(texts: list[str]) -> dict[str, int]:
    """A one-byte code for each character beyond ASCII: Helvetica draws some glyph there, and the
    font's ToUnicode map says which character it is, as a subset font's map does."""
    extra = sorted({c for t in texts for c in t if ord(c) > 0x7E})
    assert len(extra) <= 0x100 - 0xA1, "too many distinct characters for one simple font"
    return {c: 0xA1 + i for i, c in enumerate(extra)}


def _show(items: list[Text], codes: dict[str, int], size: int = 12) -> bytes:
    """Content-stream operators drawing each text at its place."""
    out = []
    for x, y, text in items:
        hexed = bytes(codes.get(c, ord(c)) for c in text).hex().upper()
        out.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{hexed}> Tj ET")
    return "\n".join(out).encode()


def _to_unicode(codes: dict[str, int]) -> bytes:
    chars = "".join(f"<{code:02X}> <{ord(c):04X}>\n" for c, code in codes.items())
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfrange <20> <7E> <0020> endbfrange\n"
            + f"{len(codes)} beginbfchar\n".encode() + chars.encode() + b"endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")


def _stream(head: str, data: bytes) -> bytes:
    return f"<< {head} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def form_pdf(page: list[Text], fields: list[tuple[tuple[float, float, float, float], list[Text]]]) -> bytes:
    """A one-page PDF, written object by object: `page` is its text layer; each field is a filled
    text field (a widget annotation) with its rectangle and what its appearance draws, in the
    field's own coordinates (origin at the rectangle's lower left)."""
    codes = _codes([t for *_, t in page] + [t for _, items in fields for *_, t in items])
    n_fixed = 6
    widget_ids = [n_fixed + 1 + 2 * k for k in range(len(fields))]
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{' '.join(f'{i} 0 R' for i in widget_ids)}] >> >>"
        .encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
         f"/Contents 5 0 R /Annots [{' '.join(f'{i} 0 R' for i in widget_ids)}] >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        _stream("", _show(page, codes)),
        _stream("", _to_unicode(codes)),
    ]
    for k, ((x0, y0, x1, y1), items) in enumerate(fields):
        value = "".join(t for *_, t in items)
        objects.append(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (field{k}) /V ({value}) /F 4 "
                       f"/Rect [{x0} {y0} {x1} {y1}] /AP << /N {widget_ids[k] + 1} 0 R >> >>".encode())
        objects.append(_stream(f"/Type /XObject /Subtype /Form /BBox [0 0 {x1 - x0} {y1 - y0}] "
                               "/Resources << /Font << /F1 4 0 R >> >>", _show(items, codes)))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# The header of a report as a signing system leaves it: the number, the day and the month are
# fields on top of the typed line; one field draws the day and, far to its right, the month.
HEADER = [(60, 790, "SỞ Y TẾ TỈNH QUẢNG TRỊ"), (330, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          (60, 760, "Số:"), (118, 760, "/BC-SYT"),
          (300, 760, "Quảng Trị, ngày"), (424, 760, "tháng"), (470, 760, "năm 2025"),
          (250, 720, "BÁO CÁO"), (60, 700, "Kết quả công tác cải cách hành chính quý I năm 2025")]
FIELDS = [((82, 755, 114, 772), [(2, 5, "42")]),
          ((400, 755, 468, 772), [(2, 5, "15"), (57, 5, "3")])]


def test_filled_fields_are_read_in_their_place_on_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-ky-so.pdf"
    path.write_bytes(form_pdf(HEADER, FIELDS))
    doc = read(path)
    assert "Số: 42 /BC-SYT" in doc.text
    assert "Quảng Trị, ngày 15 tháng 3 năm 2025" in doc.text
    record = extract(path).to_dict()["document"]
    assert (record["number"], record["symbol"], record["date"]) == ("42", "BC-SYT", "2025-03-15")
    assert not record["number_blank"]
    assert not {"blank_number", "blank_date"} & {f["code"] for f in extract(path).to_dict()["flags"]}


def test_empty_fields_leave_the_blanks_flagged(tmp_path: Path) -> None:
    """The same page whose fields were never filled: the blanks are real, and flagged."""
    path = tmp_path / "bao-cao-chua-ky.pdf"
    path.write_bytes(form_pdf(HEADER, [(rect, []) for rect, _ in FIELDS]))
    assert "Số: /BC-SYT" in read(path).text
    codes = {f["code"] for f in extract(path).to_dict()["flags"]}
    assert {"blank_number", "blank_date"} <= codes



def test_a_field_in_a_legacy_font_is_converted_with_the_page(tmp_path: Path) -> None:
    """A VNI document whose place is a field written in the same encoding: converted like the page."""
    page = [(x, y, vni_encode("ngày") if t == "Quảng Trị, ngày" else vni_encode(t)) for x, y, t in HEADER]
    page += [(60, 680, vni_encode("Thực hiện kế hoạch cải cách hành chính của tỉnh, các đơn vị"))]
    fields = [*FIELDS, ((240, 755, 298, 772), [(2, 5, vni_encode("Đông Hà,"))])]
    path = tmp_path / "bao-cao-vni.pdf"
    path.write_bytes(form_pdf(page, fields))
    doc = read(path)
    assert doc.encoding == "vni"
    assert "Đông Hà, ngày 15 tháng 3 năm 2025" in doc.text
    assert "Số: 42 /BC-SYT" in doc.text


@pytest.mark.parametrize(("name", "number", "symbol", "date"), [
    ("thanhhoa-bimson-ubnd-kh-3070-2024.pdf", "3070", "KH-UBND", "2024-09-09"),
    ("byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf", "2093", "QĐ-BYT", "2025-06-24"),
    ("brvt-ngaigiao-ubnd-qd-142-2024-vni-times-font.pdf", "142", "QĐ-UBND", "2024-03-29"),
])
def test_signed_documents_of_the_wild_keep_number_and_day(name: str, number: str, symbol: str, date: str) -> None:
    record = extract(need(WILD / name)).to_dict()
    doc = record["document"]
    assert (doc["number"], doc["symbol"], doc["date"]) == (number, symbol, date)
    assert not doc["number_blank"]
    assert not {"blank_number", "blank_date"} & {f["code"] for f in record["flags"]}


def test_the_annex_repeats_the_signed_number_in_its_line() -> None:
    """Page 3 of the BYT decision: the annex's "Ban hành kèm theo Quyết định số … ngày …" line."""
    doc = read(need(WILD / "byt-qd-2093-qd-byt-2025-cong-bo-tthc.pdf"))
    assert "Quyết định số 2093 /QĐ-BYT, ngày 24 tháng 6 năm 2025" in doc.text


def test_a_stamp_laid_over_the_header_is_a_line_of_its_own(tmp_path: Path) -> None:
    """A signature stamp drawn over the words of a line fills no blank of it: the line stays whole."""
    stamp = ((380, 786, 560, 800), [(2, 4, "Ký bởi: Sở Y tế tỉnh Quảng Trị")])
    path = tmp_path / "bao-cao-dong-dau.pdf"
    path.write_bytes(form_pdf(HEADER, [*FIELDS, stamp]))
    lines = read(path).text.split("\n")
    assert "Ký bởi: Sở Y tế tỉnh Quảng Trị" in lines
    assert any(line.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for line in lines)
    assert any(line.startswith("Số: 42 /BC-SYT") for line in lines)
