"""Plain text: UTF-8 (with or without BOM) or UTF-16; anything else is a clear error. Runs of
tab-separated rows are tables."""

from __future__ import annotations

import codecs

from vanban.extract import legacy
from vanban.extract.model import RawDocument, RawLine, RawTable, ReadError
from vanban.patterns.strings import reason


def decode(data: bytes, path: str) -> str:
    """The text of `data`: UTF-8 or UTF-16, or the cp1252 reading of legacy TCVN3/VNI bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        return _strict(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", path)
    # TCVN3 and VNI files are single-byte: their cp1252 reading is converted by legacy.fix.
    as_8bit = data.decode("cp1252", errors="replace")
    if legacy.detect(as_8bit):
        return as_8bit
    pos = utf8_error.start
    raise ReadError(path, reason("not_text", byte=f"{data[pos]:02x}", offset=pos))


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(path, reason("bad_encoding", encoding=encoding.upper(), offset=err.start)) from None


MIN_CELLS = 3          # a line with two tabs or more: a row (a header's two columns have one tab)
MIN_ROWS = 3           # ... in a run of at least this many


def _tables(lines: list[RawLine]) -> list[RawTable]:
    """Runs of tab-separated rows under a header of named columns (a table copied out of Word or a
    spreadsheet) as tables: their lines become rows (never folded into the line before), a header
    repeated at a page's top is dropped, and short rows are padded to the widest."""
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        j, run = i, []
        while j < len(lines):
            if lines[j].text.count("\t") >= MIN_CELLS - 1:
                run.append(lines[j])
            elif lines[j].text.strip() or not run:      # a blank line between pages goes on with the table
                break
            j += 1
        head = [c.strip() for c in run[0].text.split("\t") if c.strip()] if run else []
        # a header of three named columns: "Kết hôn <tab>:<tab> Nghỉ 03 ngày" is a list set with tabs
        if len(run) >= MIN_ROWS and len(head) >= MIN_CELLS and all(any(ch.isalnum() for ch in c) for c in head):
            width = max(line.text.count("\t") + 1 for line in run)
            rows: list[list[str | None]] = []
            for line in run:
                cells: list[str | None] = [c.strip() for c in line.text.split("\t")]
                cells += [""] * (width - len(cells))
                if rows and cells == rows[0]:
                    continue                    # the header again, at the top of the next page
                rows.append(cells)
            tables.append(RawTable(rows=rows, page=run[0].page))      # type: ignore[arg-type]
            for line in run:
                line.kind, line.table = "row", len(tables) - 1
        i = max(j, i + 1)
    return tables


def read_txt(path: str, data: bytes) -> RawDocument:
    text, enc = legacy.fix(decode(data, path))
    pages = text.split("\f")
    lines = [RawLine(line, page=i + 1) for i, page in enumerate(pages) for line in page.splitlines()]
    # a page break (form feed) is the only page a text file knows: without one, positions are paragraphs
    raw = RawDocument(lines=lines, pages=len(pages), tables=_tables(lines), encoding=enc,
                      pages_known=len(pages) > 1)
    if enc:
        raw.notes.append(f"converted from the legacy {enc.upper()} encoding")
    return raw
