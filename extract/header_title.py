"""A document's title (trích yếu): under its type line (`KẾ HOẠCH` / `Cải cách hành chính năm 2025 ...`)
or, for a letter, its subject `V/v ...` under the number (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A title is set as a few centred lines, so it reaches the text broken wherever the print or the
reader broke it: a PDF's short centred lines and OCR's blocks are never folded back into one
paragraph. Its lines are joined until the first line that is clearly not title: what opens a body
("Căn cứ", "Kính gửi", a heading however it is numbered: `I.`, `I-`, `1/`, `A.`, `Phần I`), the
enacting authority (`ỦY BAN NHÂN DÂN TỈNH ...`), a line in another case than the title's, or a line
that reads as a sentence (layout.toml `title_body_sentences`: "... như sau:", "Trong quý III năm 2025,
...", "Bệnh viện đã triển khai ...").
Short of those, a line ending in a word that needs more ("... của") always goes on into the next.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.header_block import type_line
from vanban.extract.header_fields import HEADER_WINDOW
from vanban.extract.heading_marks import opens_heading
from vanban.extract.normalise import is_caps
from vanban.extract.signature import starts_with_title

_MAX_LINES = 6             # the longest title met (long/09) runs over four lines under its type
_MAX_CHARS = 250           # no line is added to a title already this long
_HEADING = regex.compile(r"^(?:I|1)\s*\.|^[Ll]\.\s+\p{Lu}")      # "I." (OCR's "L."): the body's first heading
_PLACE_DATE = regex.compile(r"^\p{Lu}[^,.\d]{1,40}[,.]\s*ngày\b")  # "Kiên Giang, ngày ...": the header, not title
_SENTENCE = regex.compile(r"[.;:!?]$")
_LETTERS = regex.compile(r"\p{L}.*\p{L}")      # a line of figures alone ("2021 - 2025") has no case

_SUBJECT = regex.compile(r"(?:^|[\n\t])\s*(?P<t>V/v\s*:?\s*[^\n\t]+)")
# OCR may put the subject on the line of the number or the date beside it, after a speck: "năm 2017 'V/v"
# the subject written out: "Về việc ..." or "Về <a capital>" ("Về Chương trình hỗ trợ pháp lý ...")
_SUBJECT_WRITTEN = regex.compile(r"[ \t]*(?P<t>Về(?:\s+việc)?\s*:?\s+[^\n\t]+)")
_SUBJECT_INLINE = regex.compile(r"(?<![\p{L}\d/])(?P<t>V/v\s*:?\s*[^\n\t]+)")


@cache
def _openers() -> tuple[str, ...]:
    """What opens a body (layout.toml `openers`); `V/v` is a title under a type line, not a body."""
    return tuple(o for o in load("layout")["openers"] if not o.startswith("V/v"))


@cache
def _title_openers() -> tuple[str, ...]:
    return tuple(load("layout")["title_openers"])


_SUBJECT_AFTER_COMMA = regex.compile(r",\s+\p{Lu}")


def _opens_title(title: str, line: str) -> bool:
    """A first title line that starts as a body may ("Thực hiện Kế hoạch số 450/KH-SYT ... năm 2025",
    layout.toml `title_openers`): a title, unless it reads as the body's sentence (it ends as one,
    or a comma leads to its subject: ", Bệnh viện báo cáo ...")."""
    return not title and line.startswith(_title_openers()) and not _SENTENCE.search(line) \
        and not _SUBJECT_AFTER_COMMA.search(line)


@cache
def _body_sentence() -> regex.Pattern[str]:
    """How a line leading into the body ends (layout.toml `title_body_sentences` not from `^`)."""
    return regex.compile("|".join(f"(?:{p})" for p in load("layout")["title_body_sentences"] if not p.startswith("^")))


@cache
def _body_start() -> regex.Pattern[str]:
    """The sentence openings among `title_body_sentences` (those read from a line's start)."""
    return regex.compile("|".join(f"(?:{p})" for p in load("layout")["title_body_sentences"] if p.startswith("^")))


_CUT = regex.compile(r"\s+(?=\p{Lu})")
_SENTENCE_TAIL = regex.compile(r"(?:[.;:!?]|như sau)\s*$")


def cut_body(line: str) -> tuple[str, bool]:
    """`line` without the body's opening sentence run onto it, and whether there was one.

    A plain text folds a title's last line and the body's first into one paragraph when the title
    ends in no stop ("... quý III năm 2025 Trong quý III năm 2025, Bệnh viện ... như sau"): the title
    ends where a sentence opening (`title_body_sentences`) starts a run to the line's end that reads
    as the body's sentence (it ends as a sentence does, or runs on past a title's last line), and
    not after a word that needs more ("... của")."""
    for m in _CUT.finditer(line):
        rest = line[m.end():]
        if (_body_start().match(rest) and (_SENTENCE_TAIL.search(rest) or len(rest) > 80)
                and not _unfinished().search(line[:m.start()])):
            return line[:m.start()], True
    return line, False


@cache
def _part_heading() -> regex.Pattern[str]:
    return regex.compile(load("layout")["part_heading"])


@cache
def _motto() -> regex.Pattern[str]:
    """The opening words of a motto (`Độc lập - Tự do`, `CỘNG HÒA XÃ HỘI`): the header's right column."""
    starts = {" ".join(m.split()[:2]) for m in load("layout")["mottos"]}
    return regex.compile(rf"{alternation(sorted(starts), flags_i=True)}(?![\p{{L}}])")


@cache
def _unfinished() -> regex.Pattern[str]:
    """A title line that ends in a word needing more (layout.toml `title_unfinished`), a comma or a dash."""
    return regex.compile(rf"(?:(?<![\p{{L}}]){alternation(load('layout')['title_unfinished'], flags_i=True)}"
                         r"|[,\-–])\s*$")

_AUTHORITY = regex.compile(r"(?:HỘI ĐỒNG|ỦY BAN|UỶ BAN|UBND|HĐND|BAN THƯỜNG VỤ)\b")
_TRAILING_BRACKET = regex.compile(r"\s*\([^()]*\)\s*$")
_OF_ISSUER = regex.compile(r"^(?i:của)\s.*$")


def authority_line(line: str) -> bool:
    """`CHỦ TỊCH UBND THỊ TRẤN ...`, `HỘI ĐỒNG NHÂN DÂN TỈNH ...`: who enacts a decision, under its title."""
    return is_caps(line) and (starts_with_title(line) or bool(
        _AUTHORITY.match(line)))


def names_issuer(line: str, issuers: tuple[str, ...]) -> bool:
    """`line` names a body of the header's issuer block (`CHÍNH PHỦ` under the title of a Nghị định
    of Chính phủ, `ỦY BAN NHÂN DÂN TỈNH ...`): the enacting authority (Nghị định 30/2020, Phụ lục I),
    whichever body it is; its head's title before it (`BỘ TRƯỞNG BỘ Y TẾ`) is `authority_line`'s."""
    words = " ".join(line.strip(" .:;-–").split()).upper()
    return bool(words) and is_caps(line) and any(words == " ".join(u.split()).upper() for u in issuers)


def goes_on(title: str, line: str, issuers: tuple[str, ...] = ()) -> bool:
    """Whether `line` is the next line of a title that reads `title` so far; `issuers` are the bodies
    of the header's issuer block, whose line under the title is the authority's, not the title's."""
    line = line.split("\t")[0].strip()
    if not line or (line.startswith(_openers()) and not _opens_title(title, line)) or _HEADING.match(line) \
            or opens_heading(line) or _part_heading().match(line) or _PLACE_DATE.match(line) or _motto().match(line) \
            or _body_sentence().search(line):
        return False                  # "... như sau:" leads into the body, even after "... của"
    if title and _unfinished().search(title):
        return True                   # "... NĂM 2024 CỦA" / "THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC ..."
    if authority_line(line) or names_issuer(line, issuers) or _body_start().match(line):
        return False
    if not title:
        return True
    caps = is_caps(title)
    if _LETTERS.search(line) and is_caps(line) != caps:
        return False                  # a caps title ends where the body goes on in lower case
    # a finished title goes on in lower case, or with a short line that ends no sentence ("Quý I năm 2025")
    return caps or line[0].islower() or (len(line) <= 100 and not _SENTENCE.search(line))


def _join(parts: list[str], lines: list[str], *, cells: bool = False, issuers: tuple[str, ...] = ()) -> list[str]:
    """`parts` of a title followed by as many of `lines` as go on with it; with `cells`, a title in
    the left column of the header, only the first cell of each line."""
    for line in lines[:_MAX_LINES]:
        if line.startswith("("):
            continue                  # "(Ban hành kèm theo ...)": a note under the title
        title = " ".join(parts)
        line, body = cut_body(line.split("\t")[0] if cells else line)
        if len(title) > _MAX_CHARS or not goes_on(title, line, issuers):
            break
        parts.append(line.strip())
        if body:
            break                     # the body's first sentence was run onto this line
    return parts


def clean_title(title: str) -> str | None:
    title = _TRAILING_BRACKET.sub("", title)          # a parenthetical sub-title
    title = title.strip(" .:;-\t")
    return title or None


def _type_name(caps: str) -> str | None:
    for t in load("doc_types")["type"]:
        if t["name"].upper() == caps:
            return t["name"]
    return None


@cache
def _type_heads() -> frozenset[str]:
    """The opening words of type names of more than one word, in capitals (`QUYẾT` of `QUYẾT ĐỊNH`)."""
    out = set()
    for t in load("doc_types")["type"]:
        words = t["name"].upper().split()
        out.update(" ".join(words[:i]) for i in range(1, len(words)))
    return frozenset(out)


def type_line_at(paras: list[tuple[int, str]], i: int) -> tuple[regex.Match[str] | None, int]:
    """The type line at paragraph `i` and how many paragraphs it takes: a type name reaches the text
    broken over two lines where a scan or a converter broke its centred line (`QUYẾT` / `ĐỊNH`), read
    over the break when the first line is the opening of a type name and the two make one."""
    para = paras[i][1]
    m = type_line().match(para)
    head = para.strip()
    if m or i + 1 >= len(paras) or head not in _type_heads():
        return m, 1
    joined = type_line().match(f"{head} {paras[i + 1][1].strip()}")
    return (joined, 2) if joined and len(joined.group("type")) > len(head) else (None, 1)


def type_and_title(paras: list[tuple[int, str]], after: int, before: int | None = None,
                   issuers: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """The type line (`BÁO CÁO`) and the title under it, between `after` and `before`; `issuers`, the
    bodies of the header's issuer block, end the title where their line stands under it."""
    for i, (pos, _) in enumerate(paras[:80]):
        if before is not None and pos >= before:
            break
        if pos < after:
            continue
        m, taken = type_line_at(paras, i)
        if not m:
            continue
        line = m.string
        # "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG ...": an old header names the issuer after the type
        rest = _OF_ISSUER.sub("", m.group("rest").strip())
        if (rest and not is_caps(line)) or line.rstrip().endswith(":"):
            continue                         # "QUYẾT ĐỊNH:" opens the articles, not the document
        parts = _join([rest] if rest else [], [p for _, p in paras[i + taken:]], issuers=issuers)
        return _type_name(m.group("type")), clean_title(" ".join(parts)) if parts else None
    return None, None


def find_subject(text: str, lo: int, header_lines: list[tuple[int, int]]) -> regex.Match[str] | None:
    """A letter's subject `V/v ...` under its number (Nghị định 30/2020, the mark of a công văn): at a
    line's start, or on the header's `Số:` or place-and-date line where OCR joined the columns. With
    no `V/v`, a subject written out `Về việc ...` / `Về ...` on the line right under the `Số:` line
    or the place-and-date line stands where the `V/v` would (under a type line it is a title)."""
    m = _SUBJECT.search(text, lo, lo + HEADER_WINDOW)
    for start, end in header_lines:
        line_end = text.find("\n", end)
        inline = _SUBJECT_INLINE.search(text, text.rfind("\n", 0, start) + 1,
                                        len(text) if line_end < 0 else line_end)
        if inline and (m is None or inline.start() < m.start()):
            m = inline
    if m is None:
        for _, end in sorted(header_lines):
            line_end = text.find("\n", end)      # right after the line's date (a plain text folded it on), or under
            under = _SUBJECT_WRITTEN.match(text, end) or (
                _SUBJECT_WRITTEN.match(text, line_end + 1) if line_end >= 0 else None)
            if under:
                return under
    return m


def subject_title(text: str, m: regex.Match[str], issuers: tuple[str, ...] = ()) -> str | None:
    """The subject `m` with the lines it goes on into; a subject in a column (a tab after it) is its cell;
    `issuers` as for `type_and_title`."""
    end = m.end("t")
    if end < len(text) and text[end] == "\t":
        return clean_title(m.group("t"))
    lines = text[end + 1:end + 1 + 2000].split("\n") if end < len(text) else []
    return clean_title(" ".join(_join([m.group("t").strip()], lines, cells=True, issuers=issuers)))
