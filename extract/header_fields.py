"""Where a header writes its number and its date: the `Số:` line and the place-and-date line.

Found once for a text (`number_and_date`): the header reads its fields from them, and
`field_regions` (for uncertain.py) the places on the printed form a hand fills in.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from vanban.extract import dates
from vanban.extract.catalogue import type_by_word
from vanban.extract.symbols import LOWER_CODE

# "Số:" as printed, or as OCR misreads it on a scan ("Só", "Sô", "S6:" with its colon); the number, or what a hand wrote
# there that OCR could not read ("42ÿ®", "2.⁄4"): that is a doubtful field, never a blank one.
_NUMBER_LINE = regex.compile(
    r"(?:^|(?<=[\n\t])|(?<=\p{Lu}[ ]+(?=S[ốỐ]\s*:)))"     # a ministry's line may carry it: "BỘ Y TẾ Số: 12/..."
    # "SỐ:" in capitals (a header set all in capitals) only with its colon: "SỐ LIỆU" opens a heading; the
    # label of a bilingual header ("Số/No:") is the same label; OCR's lower-case "số:" (a capital S read small)
    # only with its colon, at a line's start: a body's "số" goes on from the line before
    r"[ ]*(?:(?:S[ốóôòồổ]|só)(?:\s*/\s*N[oO]\.?)?\s*(?:[:.]|/(?=\s*\d))?|SỐ(?:\s*/\s*N[oO]\.?)?\s*:|S6\s*:|số\s*:"
    r"|(?P<tw>\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2})\s+số\s*:)"
    # a column read line by line: "Số:<tab>Hà Nội, ngày ..." with the number on the line below
    r"(?:[ ]*\t[^\n]*\n(?=[ ]*\d{1,5}[a-z]?[ ]*[/-]))?"
    # the junk of a hand OCR misread may hold a slash or a space ("2/42 /KH-SYT", "2 929 /SYT-NVY"):
    # what follows it must then be the symbol, a capital after the slash
    r"\s*(?:(?P<num>\d{1,5}[a-z]?)|(?P<junk>[^\s/]{1,10}?)|(?P<junk>(?=[^\n\t\f\r]{0,9}\d)[^\s/][^\n\t\f\r]{0,9}?(?=\s*/)))?"
    # "1281/-UBND": a letter's unit code left out before the dash (some UBND letters print it so); a symbol
    # typed in lower case ("124/kh-syt", citations.md §2.3) when its first part is a known code
    r"\s*\.?\s*(?P<rest>(?:[/-]|//|/\s*-(?=\s*\p{Lu}))\s*(?:(?:19|20)\d\d\s*/\s*)?"
    rf"(?:\p{{Lu}}|(?={LOWER_CODE})\p{{Ll}})\S*)"
)
# "1281/-UBND": the group before the dash left out (as some UBND letters print it); a dash joins two
# groups, so with one it joins nothing and the symbol is the group written ("UBND"), keyed as a
# citation of it is ("1281/UBND")
_LEFT_OUT = regex.compile(r"/\s*-\s*(?=\p{Lu})")


def mend_left_out(written: str) -> str:
    """A header's number and symbol with a dash that joins no group dropped: `1281/-UBND` is `1281/UBND`."""
    return _LEFT_OUT.sub("/", written, count=1)


TOP = 1500      # "Luật số: 64/2025/QH15" is the header only near the top; further on it is a citation
# What the blank line of a printed form leaves where nothing was written, as OCR reads it: dashes, underscores,
# dots, an ellipsis ("ngày - tháng 11", "ngày _ tháng", "ngày . tháng"). A hand's scrawl reads as letters or
# digits, or as symbols no ruled line makes ("2y AE", "‡", "®"): that is a doubtful field, this a blank one.
BLANK_MARKS = regex.compile(r"[-‐‑‒–—―_.…·~,'`\s]*")
_BLANK_DAY = r"[-‐‑‒–—―_.…·~,'`]{1,6}"
# a day, or a hand's scrawl OCR misread: one short run, or two ("2y AE") holding no word (no two small letters)
_SCRAWL = r"(?!\S*\p{Ll}\p{Ll})\S{1,3}"
# (OCR may read the gap between the two runs as a tab: "đ\t_"); a blank line's marks alone are no scrawl
_DAY = (rf"(?:(?P<d>\d{{1,2}})|(?P<blank>{_BLANK_DAY}(?:[ \t]{_BLANK_DAY})?)"
        rf"|(?P<dj>[^\s\d]\S{{0,5}}?|\S{{1,6}}?|{_SCRAWL}[ \t]{_SCRAWL}))?")


def blank_marks(read: str) -> bool:
    """`read` (what stands in a field of the form) is only what a blank line leaves: nothing was written."""
    return BLANK_MARKS.fullmatch(read) is not None
_MONTH = r"(?:(?P<m>\d{1,2})|(?P<mj>\S{1,4}?))?"
# "tháng" and "năm" as OCR misreads them by a mark or a letter ("thắng 8", "tháng/Ohăm 2017"): the words of
# the printed form, so any reading of them still frames the month and the year; a header set all in
# capitals prints them so ("NGÀY 05 THÁNG 3 NĂM 2025"), and a typist may capitalise "Ngày" after the place
_NGAY = r"(?:[Nn]gày|NGÀY)"
_THANG = r"(?:th[áắấàảạaă]ng|TH[ÁẮẤÀẢẠAĂ]NG)"
_NAM = r"(?:(?:n|\S{1,2}?)[ăâa]m|(?:N|\S{1,2}?)[ĂÂA]M)"
# the date written in figures after "ngày" on the same line: "Quảng Trị, ngày 15/10/2025"
_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)"
# the year, or what OCR made of it on the same line ("2O17", "20", "‡"): read where it can be, else doubtful
_YEAR = r"(?:\s*(?P<y>\d{4})(?!\d)|[ ]*(?P<yj>[^\s,;]{1,6}))?"
_WORDED = rf"{_DAY}\s*(?:[/.]\s*)?{_THANG}\s*{_MONTH}\s*(?:[/.]\s*)?{_NAM}{_YEAR}"
_DATE = rf"{_NGAY}\s*(?:{_NUMERIC}|{_WORDED})"
_PLACE_WORD = r"(?:\p{Lu}\p{Ll}[\p{Ll}'-]*|\p{Lu}{2,6})"
_PLACE = (rf"(?P<place>(?:(?:TP|Tp|Thành phố|thành phố|THÀNH PHỐ)\.?\s*)?{_PLACE_WORD}"
          rf"(?:[ ]+(?:{_PLACE_WORD}|\p{{Ll}}+)){{0,4}})")
# OCR often reads the comma after the place as a full stop: "Kiên Giang. ngày ..."
_PLACE_DATE = regex.compile(rf"(?<![\p{{L}}\d/-]){_PLACE}\s*[,.]\s*{_DATE}")
# a typist may leave the comma out ("Hà Tĩnh ngày 05 tháng 3 năm 2025"): then only a line of its own (or
# the header's column after a tab), the place and the date and nothing else, is the header's, never a
# sentence's "... của Sở Y tế ngày 12/3/2025"
_PLACE_DATE_LINE = regex.compile(rf"(?:^|(?<=[\n\t]))[ ]*{_PLACE}[ ]+{_DATE}[ ]*\.?[ ]*(?=$|[\n\t])")
_THANG_RE = regex.compile(_THANG)
_NGAY_RE = regex.compile(_NGAY)
_BARE_DATE = regex.compile(rf"(?:^|[\n\t])\s*{_DATE}")
HEADER_WINDOW = 1200

_WORDS = regex.compile(r"\p{Ll}\p{Ll}")     # a hand's digits misread hold no word: "xã đạt 15/TC" is a sentence


# What every `Số:` line holds, its `Số` (`Só`, `só`, `S6:` ...) or the `số:` after a type word; between
# where the line starts and it stand only letters and spaces, the run back from the last other character.
_ANCHOR = regex.compile(r"S[ốóôòồổ]|só|SỐ|S6(?=\s*:)|số(?=\s*:)")
_BEFORE_RUN = regex.compile(r"(?r)[^\s\p{L}]")
_LINE_BREAK = regex.compile(r"[\n\t]")


def _number_lines(text: str) -> Iterator[regex.Match[str]]:
    """The matches of `_NUMBER_LINE`, in the order and with the spans its `finditer` gives, tried only
    where one can start: a `Số:` line starts at the text's start, after a line break or tab, or at
    its `Số`, within the run of letters and spaces before an anchor word (a scan of the whole text
    cost ~0.8 ms for a report without one). The first match at or after `pos` is the first place,
    in order, where the pattern matches."""
    pos = tried = 0                  # finditer's next start; the places before `tried` were tried
    for anchor in _ANCHOR.finditer(text):
        at = anchor.start()
        before = _BEFORE_RUN.search(text, 0, at)
        lo = max(pos, tried, before.end() if before else 0)
        if lo > at:
            continue
        starts = [0] if lo == 0 else []
        starts += [b.end() for b in _LINE_BREAK.finditer(text, max(lo - 1, 0), at)]
        for start in [*starts, at] if not starts or starts[-1] != at else starts:
            m = _NUMBER_LINE.match(text, start)
            if m:
                yield m
                pos = m.end()        # past this anchor: a match holds its own, at or after its start
                break
        tried = at + 1


# "(Kèm theo Quyết định số: /QĐ-UBND ngày ... )", "Ban hành kèm theo ...": an annex, or a regulation,
# naming the document it goes with by its type and "số" (as header_block.ANNEXED reads it), from the
# words before the reference on its line (or the line above, where the margin broke the note); no
# bracket, full stop or tab (the header's other column) between. A subject line "V/v gửi danh sách kèm
# theo" beside the place and date is no note.
_ANNEX_NOTE = regex.compile(r"(?i)kèm[ \n]+theo(?:[ \n]+\p{L}+(?: \p{L}+){0,3}(?:[ \n]+số(?![\p{L}])[^().;\n\t]{0,80}"
                            r"(?:\n[^().;\n\t]{0,80})?)?)?[ \n]*$")


def in_annex_note(text: str, pos: int) -> bool:
    """`pos` stands in a note that refers to the document from an annex ("Kèm theo Quyết định số ..."): what
    is written there (a number, a date, or their blanks) is never the header's own `Số:` or date line."""
    return _ANNEX_NOTE.search(text, max(0, pos - 170), pos) is not None


def _number_line(text: str) -> regex.Match[str] | None:
    """The header's `Số: 124/BC-SYT` (also `Nghị quyết số: 653/2019/UBTVQH14` at the top)."""
    for m in _number_lines(text):
        if m.group("tw") and (m.start() > TOP or m.group("tw").lower() not in type_by_word()):
            continue
        if in_annex_note(text, m.start()):
            continue
        if m.group("junk") and _WORDS.search(m.group("junk")):
            continue
        return m
    return None


def _place_date(text: str, near: int | None) -> regex.Match[str] | None:
    """The `<place>, ngày ... tháng ... năm ...` line near the number line (or near the top),
    else a bare `Ngày ... tháng ... năm ...` line in the header; never one in an annex's note."""
    lo = max(0, (near or 0) - 400)
    hi = min(len(text), (near or 0) + HEADER_WINDOW)
    placed = [m for pattern in (_PLACE_DATE, _PLACE_DATE_LINE) if (m := _first(pattern, text, lo, hi))]
    found = min(placed, key=lambda m: m.start()) if placed else _first(_BARE_DATE, text, lo, hi)
    if found:
        return found
    return _place_date(text, None) if near else None


def _first(pattern: regex.Pattern[str], text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """The first match of `pattern` between `lo` and `hi` that stands in no annex's note."""
    return next((m for m in pattern.finditer(text, lo, hi) if not in_annex_note(text, m.start())), None)


def impossible_date(text: str) -> bool:
    """The header's date is written whole in figures but names no real day (`ngày 31 tháng 02 năm 2025`,
    `tháng 13`, a year cut short: `năm 25`): a wrong date, not a day left blank, and said so (flags.py
    `blank_date_impossible`)."""
    _, pd = number_and_date(text)
    if pd is None:
        return False
    year = pd.group("y") or pd.group("yj") or ""
    if not (pd.group("d") and pd.group("m") and year.isdigit()):
        return False
    return dates.make(year, pd.group("m"), pd.group("d")) is None


# A `Số:` with nothing after it on its line, or only the header's right column after a tab ("Số:\tHà Nội,
# ngày ..."): the number, if any, stands on the next line (a column read line by line, OCR's blocks).
_BARE_NUMBER = regex.compile(
    r"(?m)^[ ]*(?:(?:S[ốóôòồổ]|só|S6)(?:[ ]*/[ ]*N[oO]\.?)?[ ]*[:.]?|SỐ(?:[ ]*/[ ]*N[oO]\.?)?[ ]*:)[ ]*(?:\t[^\n]*)?$")


def bare_number_line(text: str) -> regex.Match[str] | None:
    """A header's `Số:` line that holds no number (`number_and_date` found no `Số:` line with one, on
    it or on the line below): a number left blank, symbol and all. Only in the header, at the top."""
    num, _ = number_and_date(text)
    return None if num else _BARE_NUMBER.search(text, 0, TOP)


@lru_cache(maxsize=2)
def number_and_date(text: str) -> tuple[regex.Match[str] | None, regex.Match[str] | None]:
    """The `Số:` line and the place-and-date line near it, found once for a text: the header reads
    them, and `field_regions` again for the same text (uncertain.py); a text with no `Số:` line is
    scanned whole (~1 ms a report)."""
    num = _number_line(text)
    return num, _place_date(text, num.start() if num else None)


def field_regions(text: str) -> dict[str, tuple[int, int]]:
    """Where the header writes its number (between `Số:` and the symbol) and the day of its date
    (between `ngày` and `tháng`): the places a hand fills in on the printed form."""
    out: dict[str, tuple[int, int]] = {}
    num, pd = number_and_date(text)
    if num:
        colon = text.find(":", num.start(), num.start("rest"))
        lo = colon + 1 if colon >= 0 else num.start("num") if num.group("num") else num.start("rest")
        below = text.rfind("\n", lo, num.start("rest"))     # the number on the line below its `Số:`
        out["number"] = (lo if below < 0 else below + 1, num.start("rest"))
    if pd:
        day = _NGAY_RE.search(text, pd.start(), pd.end())
        written = "d" if pd.group("d") else "dj" if pd.group("dj") else None
        lo = pd.start(written) if written else (day.end() if day else pd.start())
        month = _THANG_RE.search(text, lo, pd.end())      # "thắng": OCR's word for it
        out["date"] = (lo, month.start() if month else pd.end("d") if pd.group("d") else lo)
    return out
