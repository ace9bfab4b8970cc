"""DOCX with python-docx: body paragraphs and tables in document order.

Header and signature blocks are usually borderless tables, so their cells are read as lines of
text; real data tables are also kept as tables. A merged cell is read once from its `<w:tc>`
(python-docx's `Row.cells` repeats it once per grid column it spans).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from vanban.extract import legacy, textcheck
from vanban.extract.model import RawDocument, RawLine, RawTable, ReadError

_W_P, _W_TBL, _W_R, _W_T, _W_TAB = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t"), qn("w:tab")
_W_BR, _W_CR, _W_TR, _W_TC = qn("w:br"), qn("w:cr"), qn("w:tr"), qn("w:tc")
_W_DRAWING, _W_PICT = qn("w:drawing"), qn("w:pict")
_W_SOFT_HYPHEN, _W_NB_HYPHEN = qn("w:softHyphen"), qn("w:noBreakHyphen")
_MIN_LETTERS = 40
_LAYOUT_MARKERS = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "Nơi nhận", "ĐẢNG CỘNG SẢN", "Độc lập")


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == _W_T:
            parts.append(child.text or "")
        elif child.tag == _W_TAB:
            parts.append("\t")
        elif child.tag in (_W_BR, _W_CR):
            parts.append("\n")
        elif child.tag == _W_SOFT_HYPHEN:
            parts.append("\u00ad")       # invisible in Unicode text; the letter "ư" in TCVN3
        elif child.tag == _W_NB_HYPHEN:
            parts.append("-")
    text = "".join(parts)
    enc = _run_encoding(run) if text else None
    return legacy.convert(text, enc) if enc else text


def _run_encoding(run: etree._Element) -> str | None:
    """The legacy encoding a run's own font implies (`.VnTime` -> TCVN3, `VNI-Times` -> VNI)."""
    fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    if fonts is None:
        return None
    return legacy.encoding_of_font(fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or "")


def _run_encodings(body: etree._Element) -> set[str]:
    """Legacy encodings of the runs that hold text (converted one by one in `_run_text`)."""
    found = set()
    for run in body.iter(_W_R):
        enc = _run_encoding(run)
        if enc and "".join(t.text or "" for t in run.iter(_W_T)).strip():
            found.add("tcvn3" if enc == "tcvn3h" else enc)
    return found


def paragraph_text(p: etree._Element) -> str:
    """Text of a `<w:p>`, runs inside hyperlinks and insertions included, deletions left out."""
    return "".join(_run_text(r) for r in p.iter(_W_R) if r.getparent().tag != qn("w:del"))


def _cell_text(tc: etree._Element) -> str:
    lines = [paragraph_text(p) for p in tc.iter(_W_P)]
    return "\n".join(line for line in lines if line.strip())


def table_grid(tbl: etree._Element) -> list[list[str | None]]:
    """Rows of a table on its column grid: a merged cell's text once, None where it spans."""
    rows: list[list[str | None]] = []
    for tr in tbl.iterchildren(_W_TR):
        row: list[str | None] = []
        for tc in tr.iterchildren(_W_TC):
            pr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val"), "1") or 1)
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            text = None if vmerge == "continue" else _cell_text(tc)
            row.append(text)
            row.extend([None] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def _header_rows(tbl: etree._Element) -> int:
    n = 0
    for tr in tbl.iterchildren(_W_TR):
        pr = tr.find(qn("w:trPr"))
        if pr is None or pr.find(qn("w:tblHeader")) is None:
            break
        n += 1
    return max(n, 1)


def _is_layout(grid: list[list[str | None]]) -> bool:
    """A header or signature block laid out as a borderless table, not a table of data."""
    text = " ".join(c for row in grid for c in row if c)
    return len(grid) <= 2 or any(m in text for m in _LAYOUT_MARKERS)


def read_docx(path: str, data: bytes) -> RawDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as err:
        raise ReadError(path, f"damaged Word .docx file ({err})") from None
    except etree.XMLSyntaxError as err:
        raise ReadError(path, f"damaged Word .docx file (bad XML: {err})") from None
    lines: list[RawLine] = []
    tables: list[RawTable] = []
    group = 0
    for el in document.element.body.iterchildren():
        if el.tag == _W_P:
            for part in paragraph_text(el).split("\n"):
                lines.append(RawLine(part, kind="para"))
        elif el.tag == _W_TBL:
            grid = table_grid(el)
            if _is_layout(grid):
                for row in grid:
                    for cell in row:
                        group += 1
                        for part in (cell or "").split("\n"):
                            lines.append(RawLine(part, kind="cell", group=group))
            else:
                tables.append(RawTable(rows=[[c if c is None else c.replace("\n", " ") for c in r]
                                             for r in grid], header_rows=_header_rows(el)))
                for row in tables[-1].rows:
                    lines.append(RawLine("\t".join(c or "" for c in row), kind="row",
                                         table=len(tables) - 1))
    raw = RawDocument(lines=lines, pages=_page_count(document), tables=tables)
    text = "\n".join(line.text for line in lines)
    if textcheck.count_letters(text) < _MIN_LETTERS:
        images = sum(1 for _ in document.element.body.iter(_W_DRAWING, _W_PICT))
        if images:
            raise ReadError(path, f"holds only images ({images} picture{'s' * (images > 1)}, "
                                  "likely scanned pages) and no text: needs OCR")
    fixed, enc = legacy.fix(text)
    if enc:
        raw.notes.append(f"converted from the legacy {enc.upper()} encoding")
        for line, new in zip(lines, fixed.split("\n"), strict=True):
            line.text = new
        for t in tables:
            t.rows = [[c if c is None else legacy.convert(c, enc) for c in row] for row in t.rows]
        raw.encoding = enc
    else:
        by_font = _run_encodings(document.element.body)
        if by_font:
            raw.encoding = sorted(by_font)[0]
            raw.notes.append(f"converted runs in legacy {'/'.join(sorted(by_font)).upper()} fonts")
    return raw


def _page_count(document: docx.document.Document) -> int:
    """Pages as Word last counted them (docProps/app.xml), else 1: DOCX has no fixed pages."""
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            root = etree.fromstring(part.blob)
            for el in root.iter():
                if el.tag.endswith("}Pages") and (el.text or "").isdigit():
                    return max(int(el.text), 1)
    return 1
