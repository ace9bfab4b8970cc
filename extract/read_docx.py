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
from vanban.extract.model import PageInfo, RawDocument, RawLine, RawTable, ReadError
from vanban.extract.ocr_cache import Ocr, OcrUnavailable
from vanban.extract.pages import read_page
from vanban.patterns.strings import reason

_W_P, _W_TBL, _W_R, _W_T, _W_TAB = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t"), qn("w:tab")
_W_BR, _W_CR, _W_TR, _W_TC = qn("w:br"), qn("w:cr"), qn("w:tr"), qn("w:tc")
_A_BLIP, _V_IMAGEDATA = qn("a:blip"), "{urn:schemas-microsoft-com:vml}imagedata"
_R_EMBED, _R_ID = qn("r:embed"), qn("r:id")
_W_SOFT_HYPHEN, _W_NB_HYPHEN = qn("w:softHyphen"), qn("w:noBreakHyphen")
_W_RENDERED, _W_TYPE, _W_BEFORE = qn("w:lastRenderedPageBreak"), qn("w:type"), qn("w:pageBreakBefore")
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


class _Pages:
    """The page each block starts on, where Word recorded page breaks.

    Word writes `w:lastRenderedPageBreak` where its last layout broke the pages (explicit breaks
    included); a file never laid out by Word (python-docx, converters) may have explicit breaks
    only (`w:br w:type="page"`, `w:pageBreakBefore`). The rendered breaks win when there are any,
    so an explicit break is not counted twice. A break inside a block moves the blocks after it.
    """

    def __init__(self, body: etree._Element) -> None:
        self.rendered = next(body.iter(_W_RENDERED), None) is not None
        self.known = self.rendered or any(
            br.get(_W_TYPE) == "page" for br in body.iter(_W_BR)) or next(body.iter(_W_BEFORE), None) is not None
        self.page = 1

    def _is_break(self, el: etree._Element) -> bool:
        if self.rendered:
            return el.tag == _W_RENDERED
        return (el.tag == _W_BR and el.get(_W_TYPE) == "page") or (
            el.tag == _W_BEFORE and el.get(qn("w:val"), "true") not in ("0", "false"))

    def block(self, el: etree._Element) -> int:
        """The page `el` (a paragraph or a table) starts on; later blocks follow its breaks."""
        if not self.known:
            return 1
        start, seen_text = self.page, False
        for node in el.iter():
            if self._is_break(node):
                self.page += 1
                if not seen_text:
                    start = self.page
            elif node.tag == _W_T and (node.text or "").strip():
                seen_text = True
        return start


def read_docx(path: str, data: bytes, *, ocr: Ocr | None = None) -> RawDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as err:
        raise ReadError(path, reason("docx_damaged", error=err)) from None
    except etree.XMLSyntaxError as err:
        raise ReadError(path, reason("docx_bad_xml", error=err)) from None
    lines: list[RawLine] = []
    tables: list[RawTable] = []
    group = 0
    pages = _Pages(document.element.body)
    for el in document.element.body.iterchildren():
        if el.tag == _W_P:
            page = pages.block(el)
            for part in paragraph_text(el).split("\n"):
                lines.append(RawLine(part, page=page, kind="para"))
        elif el.tag == _W_TBL:
            page = pages.block(el)
            grid = table_grid(el)
            if _is_layout(grid):
                for row in grid:
                    for cell in row:
                        group += 1
                        for part in (cell or "").split("\n"):
                            lines.append(RawLine(part, page=page, kind="cell", group=group))
            else:
                tables.append(RawTable(rows=[[c if c is None else c.replace("\n", " ") for c in r]
                                             for r in grid], header_rows=_header_rows(el),
                                       page=page if pages.known else None))
                for row in tables[-1].rows:
                    lines.append(RawLine("\t".join(c or "" for c in row), page=page, kind="row",
                                         table=len(tables) - 1))
    count = _page_count(document)
    raw = RawDocument(lines=lines, pages=max(count, pages.page) if pages.known else count, tables=tables,
                      pages_known=pages.known)
    text = "\n".join(line.text for line in lines)
    if textcheck.count_letters(text) < _MIN_LETTERS:
        pictures = _pictures(document)
        if pictures:
            return _read_pictures(path, pictures, ocr)
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


def _pictures(document: docx.document.Document) -> list[bytes]:
    """The images of the body in document order (DrawingML and legacy VML), each once."""
    parts = document.part.related_parts
    seen, out = set(), []
    for el in document.element.body.iter(_A_BLIP, _V_IMAGEDATA):
        rid = el.get(_R_EMBED) or el.get(_R_ID)
        part = parts.get(rid) if rid else None
        if part is not None and rid not in seen and hasattr(part, "blob"):
            seen.add(rid)
            out.append(part.blob)
    return out


def _read_pictures(path: str, pictures: list[bytes], ocr: Ocr | None) -> RawDocument:
    """A Word file whose body is photos or scans of the pages: each picture read by OCR as a page."""
    from PIL import Image, UnidentifiedImageError

    n = len(pictures)
    lines: list[RawLine] = []
    page_list: list[PageInfo] = []
    for number, blob in enumerate(pictures, start=1):
        try:
            image = Image.open(io.BytesIO(blob))
            image.load()
        except (UnidentifiedImageError, OSError, ValueError):
            page_list.append(PageInfo(number, "ocr", None, "picture in a format that cannot be decoded"))
            continue
        try:
            if ocr is None:
                raise OcrUnavailable(reason("ocr_off"))
            page_lines, info = read_page(ocr, image.convert("L"), number, "page as a picture", dpi=_scan_dpi(image))
        except OcrUnavailable as err:
            what = reason("images_only_1") if n == 1 else reason("images_only", pictures=n)
            raise ReadError(path, reason("needs_ocr", what=what, blocked=err)) from None
        lines.extend(page_lines)
        page_list.append(info)
    return RawDocument(lines=lines, pages=n, page_list=page_list,
                       notes=[f"{n} picture{'s' * (n > 1)} read by OCR as pages"])


def _scan_dpi(image: object) -> int:
    """The resolution of a scanned page: its own when recorded, else its width over A4's 8.27 in."""
    dpi = getattr(image, "info", {}).get("dpi")
    if dpi and 70 <= float(dpi[0]) <= 1200:
        return int(float(dpi[0]))
    width, height = image.size  # type: ignore[attr-defined]
    return max(70, round(min(width, height) / 8.27))
