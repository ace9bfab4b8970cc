"""Normalise what a reader saw into one text: NFC, one kind of dash, wrapped lines folded.

PDF and plain text break every line at the page margin, often inside a citation
(`1377/SYT-⏎VP`) or between "số" and its number. Lines are folded back into paragraphs here so
that every later step sees whole sentences; the page of every line is kept, so any offset into
the normalised text still maps to its page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from functools import cache

import regex

from vanban.extract.catalogue import load
from vanban.extract.line_fold import fold
from vanban.extract.line_fold import is_caps as is_caps
from vanban.extract.model import Document, RawDocument, RawLine, Table

# `is_caps` (line_fold) is read by the extractors from here, as before `fold` moved out
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_TRANSLATE = {ord(c): "-" for c in DASHES}
_TRANSLATE.update({ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                   "\u2009\u200a\u202f\u205f\u3000\u000b"})
_TRANSLATE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe"})
_TRANSLATE.update({ord("\u2026"): "…"})
# Control characters a damaged file or a text layer carries (NUL above all): never text, and a store
# refuses NUL (PostgreSQL's text and jsonb). Tab, line and page breaks are not among them.
_TRANSLATE.update({c: None for c in [*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f]})

_PIPES = "|¦│"                                   # a table cell's border from a web or PDF conversion
_PIPE = regex.compile(rf"[ \t]*[{_PIPES}][ \t]*")
_WIDE_GAP = regex.compile(r"(?: {3,}|\t)[\t ]*")
_SPACES = regex.compile(r" {2,}")
_TAB = regex.compile(r"\s*\t\s*")
_PAGE_NUMBER = regex.compile(r"^(?:-\s*)?(?:Trang\s*)?\d{1,3}(?:\s*-)?(?:\s*/\s*\d{1,3})?$")


_SAME_LENGTH = {k: v for k, v in _TRANSLATE.items() if v is not None and len(v) == 1}


def unify_chars(text: str) -> str:
    """Dashes and odd spaces unified one character for one, so offsets into `text` still hold."""
    return text.translate(_SAME_LENGTH)


# A set of code points needs nothing of `regex`, and the standard `re` scans a text for one ~5x faster.
_ODD_CHARS = re.compile("[" + re.escape("".join(map(chr, _TRANSLATE))) + "]")
_SEP = "\uffff"   # joins a page's lines for one pass of each step: no step below crosses or changes it
_COMBINING_ACCENT = re.compile("[\u0300-\u036f]")


def _unify(text: str) -> str:
    """NFC, dashes and odd spaces unified. Replaced where found: `str.translate` looks up every
    character of the text, ~10x slower when odd characters are few, as they are."""
    return _ODD_CHARS.sub(_odd_char, _nfc(text))


def _nfc(text: str) -> str:
    """NFC. A text with a combining accent (a PDF layer's few decomposed letters) is normalised line by
    line (`_SEP`: NFC never composes across it): the lines without one get the quick check only."""
    if _SEP not in text or not _COMBINING_ACCENT.search(text):
        return unicodedata.normalize("NFC", text)
    return _SEP.join([unicodedata.normalize("NFC", line) for line in text.split(_SEP)])


def _odd_char(m: re.Match[str]) -> str:
    return _TRANSLATE[ord(m.group())] or ""


def _gaps(text: str) -> str:
    if any(c in text for c in _PIPES):       # most texts have none, and the scan cost as much as the next two
        text = _PIPE.sub("\t", text)
    if "\t" not in text and "  " not in text:   # no gap to find: two plain substring scans, ~100x cheaper
        return text
    text = _WIDE_GAP.sub("\t", text)
    return _SPACES.sub(" ", text)


def _finish(text: str, motto: bool = True) -> str:
    """`motto=False`: the line holds no first word of a motto (the caller looked for them)."""
    text = text.strip(" \t")
    if len(text) > 30:
        if motto and _motto_start().search(text):    # most lines cannot hold the motto
            text = _motto().sub(lambda m: f"\t{m.group(1)}\t", text).strip("\t ")
        if "\t" in text:
            text = _TAB.sub("\t", text)
    return text


def clean_line(text: str) -> str:
    """One line: NFC, dashes and odd spaces unified, wide gaps kept as a tab, runs of spaces cut,
    and the national motto set apart when a two-column header was read as one line."""
    return _finish(_gaps(_unify(text)))


def clean_lines(texts: list[str]) -> list[str]:
    """`clean_line` of each line, with the character and gap steps run once over all of them
    joined (per-call overhead dominated when each line was cleaned on its own)."""
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:
        return [clean_line(t) for t in texts]
    if not texts:
        return []
    joined = _gaps(_unify(joined))
    lines = joined.split(_SEP)
    mottos = set()                 # the few lines where a motto's first word stands
    line, last = 0, 0
    for at in _motto_word_places(joined):
        line += joined.count(_SEP, last, at)
        last = at
        mottos.add(line)
    out = [t.strip(" \t") for t in lines]    # all `_finish` does to a line without a motto or a tab
    rest = mottos.union(i for i, t in enumerate(out) if "\t" in t) if "\t" in joined else mottos
    for i in rest:
        out[i] = _finish(lines[i], i in mottos)
    return out


def strip_motto(text: str, *, keep_lines: bool = False) -> str:
    """`text` without the national motto, however its words were broken over lines."""
    if keep_lines:
        return _motto().sub("\n", text)
    return " ".join(_motto().sub(" ", text).split())


@cache
def _motto_words() -> list[str]:
    """The first word of each motto: a line without one holds no motto."""
    return sorted({regex.split(r"[\s-]", m, maxsplit=1)[0] for m in load("layout")["mottos"]})


@cache
def _motto_start() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _motto_words())))


def _motto_word_places(text: str) -> list[int]:
    """Where a motto's first word stands in `text`, in order: `str.find` per word, several times
    cheaper than one alternation scanning every character (lines joined by `_SEP` still get the
    same set of lines as `_motto_start().finditer`: no word holds `_SEP`)."""
    places = []
    for word in _motto_words():
        at = text.find(word)
        while at >= 0:
            places.append(at)
            at = text.find(word, at + max(len(word), 1))
    return sorted(places)


@cache
def _motto() -> regex.Pattern[str]:
    phrases = [regex.escape(m).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
               for m in load("layout")["mottos"]]
    return regex.compile(rf"\s*({'|'.join(phrases)})\s*")


def clean_cell(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(clean_line(text).split())


def clean_tables(tables: list[list[list[str | None]]]) -> list[list[list[str | None]]]:
    """`clean_cell` of every cell of every table, cleaned in one `clean_lines` batch (a table-heavy
    document has thousands of cells; cleaned one by one they cost more than its running text)."""
    cleaned = iter(clean_lines([c for rows in tables for row in rows for c in row if c is not None]))
    return [[[None if c is None else " ".join(next(cleaned).split()) for c in row] for row in rows]
            for rows in tables]



def _line_widths(lines: list[tuple[str, RawLine]]) -> dict[int, int]:
    """The length of a full line of running text on each page (90th percentile; whole document
    when a page has too few lines to tell); each line is (its cleaned text, the reader's line)."""
    by_page: dict[int, list[int]] = {}
    for text, line in lines:
        if line.kind == "text":
            by_page.setdefault(line.page, []).append(len(text))
    every = sorted(n for ns in by_page.values() for n in ns)
    overall = every[int(0.9 * (len(every) - 1))] if every else 0
    return {p: (sorted(ns)[int(0.9 * (len(ns) - 1))] if len(ns) >= 12 else overall)
            for p, ns in by_page.items()}


def _drop_page_numbers(lines: list[tuple[str, RawLine]]) -> list[tuple[str, RawLine]]:
    """Page numbers standing alone at the top or bottom of a page."""
    ends: dict[int, list[int]] = {}                  # page -> [its first line, its last line]
    for i, (_, line) in enumerate(lines):
        if (end := ends.get(line.page)) is None:
            ends[line.page] = [i, i]
        else:
            end[1] = i
    drop = {i for end in ends.values() for i in end
            if lines[i][1].kind == "text" and _PAGE_NUMBER.match(lines[i][0])}
    return [line for i, line in enumerate(lines) if i not in drop] if drop else lines


def normalise(raw: RawDocument, *, path: str, fmt: str, data: bytes) -> Document:
    # each line as (its cleaned text, the reader's line for the rest): no line object is copied
    lines = [(text, x) for text, x in zip(clean_lines([x.text for x in raw.lines]), raw.lines, strict=True)
             if text]
    lines = _drop_page_numbers(lines)
    widths = _line_widths(lines)

    parts: list[str] = []
    line_starts: list[int] = []
    line_pages: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    weak_spans: list[tuple[int, int, float]] = []
    table_spans: dict[int, list[int]] = {}
    pos = 0
    para_start = 0
    prev_text, prev_kind, prev_group, prev_page = "", None, None, 0     # the line before's (kind None: none yet)
    for text, line in lines:
        kind, group, page = line.kind, line.group, line.page
        glue = None
        if kind == "text" and prev_kind == "text":
            # OCR lines carry their block: a column or a paragraph never folds into the next
            if group is None or group == prev_group:
                glue = fold(prev_text, text, widths.get(prev_page, 0))
        elif prev_kind is not None and kind == "cell" and group is not None and prev_group == group:
            glue = fold(prev_text, text)
        if glue is None and prev_kind is not None:
            paragraphs.append((para_start, pos))
            parts.append("\n")
            pos += 1
            para_start = pos
        elif glue:
            parts.append(glue)
            pos += len(glue)
        line_starts.append(pos)
        line_pages.append(page)
        parts.append(text)
        if line.weak:
            weak_spans.extend(_locate(text, line.weak, pos))
        if line.table is not None:
            table_spans.setdefault(line.table, [pos, pos])[1] = pos + len(text)
        pos += len(text)
        prev_text, prev_kind, prev_group, prev_page = text, kind, group, page
    if prev_kind is not None:
        paragraphs.append((para_start, pos))

    tables = []
    for i, (t, rows) in enumerate(zip(raw.tables, clean_tables([t.rows for t in raw.tables]), strict=True)):
        span = table_spans.get(i)
        tables.append(Table(index=i, page=t.page or (line_pages[_first_line_at(line_starts, span[0])]
                                                     if span else None),
                            rows=rows,
                            header_rows=t.header_rows, span=tuple(span) if span else None))
    return Document(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    text="".join(parts), pages=raw.pages, line_starts=line_starts, line_pages=line_pages,
                    paragraphs=paragraphs, tables=tables, notes=list(raw.notes),
                    ocr_pages=list(raw.ocr_pages), encoding=raw.encoding,
                    page_list=list(raw.page_list), weak_spans=weak_spans, pages_known=raw.pages_known)


def _locate(text: str, words: list[tuple[str, float]], offset: int) -> list[tuple[int, int, float]]:
    """Spans of the given words (in order) inside a cleaned line that starts at `offset`."""
    out, cursor = [], 0
    for word, conf in words:
        w = clean_line(word)
        at = text.find(w, cursor) if w else -1
        if at >= 0:
            out.append((offset + at, offset + at + len(w), conf))
            cursor = at + len(w)
    return out


def normalise_text(text: str, *, path: str = "<text>") -> Document:
    """A document from plain text already in memory (wrapped lines folded as for a .txt file)."""
    pages = text.split("\f")
    lines = [RawLine(line, page=i + 1) for i, page in enumerate(pages) for line in page.splitlines()]
    return normalise(RawDocument(lines=lines, pages=len(pages), pages_known=len(pages) > 1), path=path, fmt="txt",
                     data=text.encode("utf-8"))


def _first_line_at(starts: list[int], offset: int) -> int:
    return max(bisect_right(starts, offset) - 1, 0)
