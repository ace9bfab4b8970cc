"""The document's own metadata (spec/output.md `document`): who wrote it, when, for which period.

An administrative document opens with a header block (issuing body, `Số: 124/BC-SYT`,
`Bắc Ninh, ngày 14 tháng 3 năm 2022`), then its type and title, and closes with `Nơi nhận`
and the signature. PDF text may put the header block after the first page's body, and many
reports leave the header out or its number blank, so each field has a fallback in the body.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

import regex

from vanban.extract import dates
from vanban.extract.casing import restore_case
from vanban.extract.catalogue import alternation, issuer_code, known_code, load, type_by_abbr, type_by_word
from vanban.extract.citations import Citation, find_citations
from vanban.extract.header_block import ANNEXED, header_units, type_line
from vanban.extract.header_fields import HEADER_WINDOW, TOP, bare_number_line, mend_left_out, number_and_date
from vanban.extract.header_title import find_subject, subject_title, type_and_title, type_line_at
from vanban.extract.mark_variants import as_the_body_writes
from vanban.extract.normalise import is_caps
from vanban.extract.organisations import is_central, read_org
from vanban.extract.period import Period, letter_period, report_period
from vanban.extract.provinces import find_province, province_of
from vanban.extract.signature import find_recipients, find_signer
from vanban.extract.symbols import find_symbols, key_of

# patterns compiled once: `regex.sub(r"...", ...)` looks its pattern up in a cache, in Python, at every call
_NUMBER_GAP = regex.compile(r"^(\d+[a-z]?)\s*([/-])\s*")
_CLOSING = regex.compile(r"Trên đây là[^\n]*")
_CUA = regex.compile(r"\bcủa\s+")
_LOWER_HEAD = regex.compile(r"(?<=\bcủa\s+)(trung tâm|bệnh viện|sở|phòng|trạm|ủy ban|ban)\b")
_SYMBOL_SEP = regex.compile(r"[-/]")

_FILLER = regex.compile(r"[.…_\s-]*")       # what a form leaves in a blank: dots, an ellipsis, underscores
_OCR_DIGITS = str.maketrans("Il|iOo", "111100")   # the usual OCR confusions inside a written number
_PERIOD_TYPES = frozenset({"Báo cáo", "Kế hoạch", "Chương trình", "Đề án", "Phương án"})


@dataclass
class Header:
    doc_type: str | None = None
    number: str | None = None
    number_blank: bool = False
    symbol: str | None = None
    year: int | None = None         # the year inside a legal-style number (`30/2018/QĐ-UBND` gives 2018)
    date: str | None = None
    date_partial: str | None = None
    place: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    province: str | None = None
    title: str | None = None
    period: dict | None = None
    signer: dict | None = None
    recipients: list[str] = field(default_factory=list)
    uncertain: dict[str, str] = field(default_factory=dict)   # field -> what OCR read where a hand wrote it

    def __post_init__(self) -> None:
        # where the header found its `Số:` line ("number") and its place-and-date line ("date"): a flag on
        # them points there, and nothing else in the text is the document's own date; not a field, not output
        self.lines: dict[str, tuple[int, int]] = {}

    def to_dict(self) -> dict:
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}
        out["canonical"] = self.canonical
        if not self.uncertain:
            del out["uncertain"]
        return out

    @property
    def canonical(self) -> str | None:
        """The document's own number-and-symbol, as a citation of it would be keyed."""
        return key_of(self.number, self.symbol, self.year)


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a field (new dicts and lists, anything else deep-copied)
    without its generic walk: 4× faster on a header."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, str | int | float) else deepcopy(value)


@cache
def _sub_units() -> str:
    """Units below a department (patterns/organisations.toml `sub_unit_heads`), as an alternation."""
    return alternation(load("organisations")["sub_unit_heads"])


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for para in text.split("\n"):
        out.append((pos, para))
        pos += len(para) + 1
    return out


def _number_and_symbol(m: regex.Match[str], text: str) -> tuple[str | None, bool, str | None, int | None]:
    """(number, number_blank, symbol without the year, year) of a header `Số:` line."""
    num = m.group("num")
    if not num and m.group("junk") and not _FILLER.fullmatch(m.group("junk")):
        num = _read_digits(m.group("junk"))
    rest = mend_left_out(text[m.start("rest"):m.start("rest") + 60])
    sym, year = _symbol_of(num, rest[1:] if rest.startswith("//") else rest)   # OCR's "4Z//QĐ-SYT"
    return num, num is None, sym, year


def _symbol_of(num: str | None, rest: str) -> tuple[str | None, int | None]:
    """The symbol (without the year) and the year that follow a number: `/2018/QĐ-UBND`."""
    probe = _NUMBER_GAP.sub(r"\1\2", f"{num or '1'}{rest}")
    # its line up to the next column, and the next line's, where a part the margin cut off stands
    # ("124/KH⏎SYT": find_symbols joins it only when it is a known code the symbol lacks)
    found = find_symbols("\n".join(line.split("\t")[0] for line in probe.split("\n")[:2]))
    if not found or found[0].start != 0:
        return None, None
    sym = found[0].canonical[len(found[0].number) + 1:]
    if found[0].year:
        sym = sym[len(str(found[0].year)) + 1:]
    return sym, found[0].year


_TYPE_GROUP = regex.compile(r"\s*/\s*(?P<type>\p{Lu}{1,3})-"
                            r"(?P<codes>\p{Lu}[\p{Lu}\d&]*(?:-\p{Lu}[\p{Lu}\d&]*)*)(?![\p{L}\d])")


def _type_letter_lost(rest: str, doc_type: str) -> str | None:
    """The symbol of a `Số:` line whose type abbreviation lost its first letter to OCR (`4252 /C-SYT`
    under `BÁO CÁO`; the B stands against a handwritten number): the type line names the type, the
    symbol opens with its abbreviation (Nghị định 30/2020), and every code after it is a known one."""
    m = _TYPE_GROUP.match(rest)
    if not m or known_code(m.group("type")) or not all(known_code(c) for c in m.group("codes").split("-")):
        return None
    abbrs = [a for a, name in type_by_abbr().items() if name == doc_type and a[1:] == m.group("type")]
    return f"{abbrs[0]}-{m.group('codes')}" if len(abbrs) == 1 else None


def _annexed(h: Header, text: str) -> bool:
    """No `Số:` line: a regulation attached to a decision is numbered and dated by it. Its note is no
    header: a number or a day it leaves blank is the decision's form, filled in on the decision itself
    (unread here, or another file), so no field is blank for it and no blank flag points there."""
    m = ANNEXED.search(text, 0, TOP)
    if not m or (m.group("tw") or "").lower() not in type_by_word():
        return False
    h.number = m.group("num")
    h.symbol, h.year = _symbol_of(h.number, m.group("rest"))
    if m.group("y") and m.group("m") and m.group("d"):
        h.date = dates.make(m.group("y"), m.group("m"), m.group("d"))
    return True


def _read_digits(written: str) -> str | None:
    """A number OCR read with its usual confusions (`I1` is 11, `2O` is 20), else None."""
    fixed = written.translate(_OCR_DIGITS)
    return fixed if fixed.isdigit() and len(fixed) <= 5 else None


def _read_year(written: str | None) -> str | None:
    """A year OCR read with its usual confusions (`2O17`), else None: `20` or `‡` is no year."""
    year = _read_digits(written or "")
    return year if year and len(year) == 4 and year[:2] in ("19", "20") else None


def _unreadable(m: regex.Match[str], group: str) -> str | None:
    """What stands in a field of the form that is neither blank nor a number: a hand OCR misread."""
    junk = m.groupdict().get(group)
    if not junk or _FILLER.fullmatch(junk) or _read_digits(junk):
        return None
    return junk


def _place_name(place: str | None) -> str | None:
    """A place as written, or a province's own spelling when that is what it names (`Hà nội`)."""
    if not place:
        return None
    found = find_province(place)
    return found if found and found.casefold() == place.casefold() else place


def _unit_from_body(text: str) -> str | None:
    """The unit that wrote a document without a header block: from the closing sentence
    ("Trên đây là báo cáo ... của <unit>") or the opening one ("<unit> báo cáo ...")."""
    for m in reversed(list(_CLOSING.finditer(text))):
        sentence = m.group()
        for c in reversed(list(_CUA.finditer(sentence))):
            found = read_org(_capitalise_first(sentence), c.end())
            if found:
                return restore_unit(found[0])
    m = regex.search(rf"(?:^|\n|, )(?P<u>(?:Sở|{_sub_units()})[^\n,;.]{{3,80}}?)\s+"
                     r"(?:báo cáo|xây dựng Kế hoạch|xây dựng kế hoạch|ban hành)", text[:3000])
    if m:
        found = read_org(m.group("u"), 0)
        return restore_unit(found[0]) if found else None
    return None


def _capitalise_first(sentence: str) -> str:
    """`của trung tâm Y tế ...`: a unit's name written in lower case still opens with its head word."""
    return _LOWER_HEAD.sub(lambda m: m.group()[0].upper() + m.group()[1:], sentence)


def restore_unit(name: str) -> str:
    name = " ".join(name.split())
    return restore_case(name) if is_caps(name) else name[0].upper() + name[1:]


@cache
def _sub_unit_start() -> regex.Pattern[str]:
    return regex.compile(rf"{_sub_units()}(?![\p{{L}}])")


@cache
def _parent_head() -> regex.Pattern[str]:
    return regex.compile(rf"{alternation(load('organisations')['parent_heads'])}(?![\p{{L}}])")


def _parent_from_body(text: str, issuer: str | None, citations: list[Citation] | None) -> str | None:
    if issuer:
        m = regex.search(rf"{regex.escape(issuer)}\s+(?:trực thuộc|thuộc)\s+", text, regex.IGNORECASE)
        if m:
            found = read_org(text, m.end())
            if found:
                return found[0]
    if not issuer or not _sub_unit_start().match(issuer):
        return None
    # A health centre or hospital implements the plans of the department above it.
    if citations is None:
        citations = find_citations(text)
    for c in citations[:6]:
        if (c.issuer and c.kind == "full" and not c.issuer.startswith(issuer)
                and _parent_head().match(c.issuer)):
            return c.issuer
    return None


def _whole_type_line(paras: list[tuple[int, str]], i: int) -> bool:
    """Paragraph `i` is a type line and nothing else (`BÁO CÁO`; `QUYẾT` / `ĐỊNH` over a break)."""
    m, _ = type_line_at(paras, i)
    return m is not None and type_line().fullmatch(m.string.strip()) is not None


def find_header(text: str, citations: list[Citation] | None = None) -> Header:
    """The header of normalised `text`. `citations` (those of the same text) are found here when
    not given; a caller that has them already passes them to save the work."""
    h = Header()
    paras = _paragraphs(text)
    num, pd = number_and_date(text)
    number_at = num.start() if num else None
    if num:
        h.number, h.number_blank, h.symbol, h.year = _number_and_symbol(num, text)
        if (junk := _unreadable(num, "junk")) is not None and h.number is None:
            h.number_blank, h.uncertain["number"] = False, junk
    annexed = num is None and _annexed(h, text)
    if annexed:
        pd = None
    elif num is None and (bare := bare_number_line(text)):
        # "Số:" and nothing; the line is the `Số:` alone, not the place and date after a tab on it
        h.number_blank, number_at = True, bare.start()
        h.lines["number"] = (bare.start(), bare.start() + len(bare.group().split("\t")[0].rstrip()))
    if pd:
        h.place = _place_name(pd.groupdict().get("place"))
        day = pd.group("d") or _read_digits(pd.group("dj") or "")
        month = pd.group("m") or _read_digits(pd.group("mj") or "")
        year = pd.group("y") or _read_year(pd.group("yj"))
        for word, group in (("ngày", "dj"), ("tháng", "mj"), ("năm", "yj")):   # in the document's own words
            if (junk := _unreadable(pd, group)) is not None and not (group == "yj" and year):
                h.uncertain["date"] = " ".join(f"{h.uncertain.get('date', '')} {word} {junk}".split())
        if year and day and month:
            h.date = dates.make(year, month, day)
        if year and not h.date and month and 1 <= int(month) <= 12:
            h.date_partial = f"{year}-{int(month):02d}"
        elif year and not h.date and not month:
            h.date_partial = year

    if num:
        h.lines["number"] = num.span()
    if pd:
        h.lines["date"] = pd.span()
    anchor = min(x for x in (number_at, pd.start() if pd else None, len(text)) if x is not None)
    # a `V/v` subject under the number makes a letter: a type line below it is an annex's or a quoted one
    subject = find_subject(text, anchor, list(h.lines.values())) if anchor < len(text) else None
    until = subject.start() if subject else None

    type_at = next((pos for i, (pos, _) in enumerate(paras[:40]) if _whole_type_line(paras, i)), None)
    # the issuer block stands above the number line, else above the place and date, else the type line
    below = next((a for a in (number_at, pd.start() if pd else None, type_at) if a is not None), None)
    units = header_units(paras, below)
    issuers = tuple(units)      # the authority's line under a title names one of them: no title
    doc_type, title = type_and_title(paras, max(0, anchor - HEADER_WINDOW), until, issuers)
    if doc_type is None:
        doc_type, title = type_and_title(paras, 0, until, issuers)
    if doc_type is None and num is not None and num.group("tw"):
        doc_type = type_by_word().get(num.group("tw").lower())
    if doc_type is None and h.symbol:
        groups = [g for g in _SYMBOL_SEP.split(h.symbol) if not g.isdigit()]
        doc_type = type_by_abbr().get(groups[0]) if groups else None
        if doc_type is None and groups and (len(groups) > 1 or issuer_code(groups[0]) or subject):
            doc_type = "Công văn"          # a symbol of issuer and unit only: a letter (§1.2)
    if doc_type is None and subject:
        doc_type = "Công văn"              # no symbol read, but a letter's subject under the number
    h.doc_type = doc_type
    if num and h.symbol is None and doc_type:
        h.symbol = _type_letter_lost(text[num.start("rest"):num.start("rest") + 40], doc_type)
    h.title = title or (subject_title(text, subject, issuers) if subject else None)

    if units:
        h.issuer = as_the_body_writes(restore_unit(units[-1]), text)
        if len(units) > 1:
            h.parent_issuer = restore_unit(units[-2])
    if not h.issuer:
        h.issuer = _unit_from_body(text)
    if not h.parent_issuer:
        h.parent_issuer = _parent_from_body(text, h.issuer, citations)

    period: Period | None = None
    dated = h.date or h.date_partial          # the year of "Quý III và phương hướng Quý IV" when none is written
    if h.doc_type in _PERIOD_TYPES:
        period = report_period(h.title or "", text[:1500], dated, h.doc_type)
    elif h.doc_type == "Công văn" and h.title:  # a report sent as a letter: its subject's period
        period = letter_period(h.title, dated)
    if period:
        h.period = period.to_dict()
    when = h.date or (f"{h.date_partial}-01" if h.date_partial and len(h.date_partial) == 7 else None) \
        or (period.end if period else None)
    top = h.parent_issuer or h.issuer
    if is_central(top):
        h.province = province_of([h.parent_issuer, h.issuer], when)   # its own name may still name one
    else:
        h.province = province_of([h.parent_issuer, h.issuer, h.place, *units, text[:2000]], when)
    h.signer = find_signer(text)
    if h.signer and "title_read" in h.signer:        # its prefix unread: the office is open (uncertain.py)
        h.uncertain["signer_title"] = h.signer.pop("title_read")
    h.recipients = find_recipients(text)
    return h
