"""Repair what OCR gets wrong in a way the catalogue can settle: never invent, only restore.

Tesseract drops or swaps the marks of a letter (`QUYÉT ĐỊNH`, `Kê hoạch`, `SỞ Y TẺ`) and reads
`Đ` as the Icelandic `Ð`. A phrase of the catalogue (a document type, an organisation's head
words, the motto, the header's fixed words) written with every letter right but a mark wrong
is put back to the catalogue's spelling; anything else is left as read. Only phrases of two or
more syllables are repaired: one syllable without its marks is too often another word.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from vanban.extract.catalogue import alternation, doc_types, known_code, load, type_by_abbr

_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "⁄": "/"})      # U+2044, a fraction slash


def fold(text: str) -> str:
    """Lower case without marks, one character for one (NFC Vietnamese letters are one code point)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 0x7F else ch
        out.append("d" if ch in "đĐ" else base.lower() if len(base) == 1 else ch.lower())
    return "".join(out)


@cache
def phrases() -> dict[str, str]:
    """Folded phrase -> its spelling, for every catalogue phrase of two or more syllables."""
    words: list[str] = []
    for t in doc_types():
        words += [t["name"], *t.get("words", [])]
    orgs = load("organisations")
    layout = load("layout")
    words += orgs["heads"] + orgs["unit_heads"] + layout["mottos"] + layout["ocr_phrases"]
    words += [w.rstrip(" :") for w in layout["openers"]]
    for unit in load("provinces")["unit"]:
        words += [unit["name"], *unit.get("aliases", [])]
        words += [f"{kind} {unit['name']}" for kind in ("tỉnh", "thành phố", "Thành phố")]
    out: dict[str, str] = {}
    for w in words:
        w = unicodedata.normalize("NFC", w)
        if len(w.split()) >= 2 and not w.isupper() and len(fold(w)) == len(w):
            out.setdefault(fold(w), w)
    return out


@cache
def _matcher() -> regex.Pattern[str]:
    body = "|".join(regex.escape(p) for p in sorted(phrases(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])")


def _same_case(spelling: str, written: str) -> str:
    return "".join(s.upper() if w.isupper() else s.lower() if w.islower() else s
                   for s, w in zip(spelling, written, strict=True))


# A number and symbol as OCR may misread it: `7l/QĐĐ-TTYT`, `2O/KH-SYT`, `QHl5` (a small l for a 1).
_SYMBOL = regex.compile(r"(?<![\p{L}\d])(?P<num>[\dOoIl]{1,5})"
                        r"(?P<sym>(?:/[\dOoIl]{4})?/[\p{Lu}\d&.][\p{Lu}\d&.l]*(?:[-/](?:[\p{Lu}\d&.][\p{Lu}\d&.l]*)?)*)"
                        r"(?P<speck>_+)?")
_NUMBER_LOOKALIKES = str.maketrans("OoIl", "0011")


@cache
def _code_lookalikes() -> dict[str, str]:
    """Character -> the characters OCR takes it for, or for which it is taken, inside a symbol
    (patterns/layout.toml `ocr_code_lookalikes`, either way round)."""
    out: dict[str, str] = {}
    for a, b in load("layout")["ocr_code_lookalikes"]:
        out[a] = out.get(a, "") + b
        out[b] = out.get(b, "") + a
    return out


def _lookalike_variants(group: str) -> set[str]:
    """`group` with one character read the other way, at one place or wherever it stands."""
    out = set()
    for i, ch in enumerate(group):
        for other in _code_lookalikes().get(ch, ""):
            out.add(group[:i] + other + group[i + 1:])
            out.add(group.replace(ch, other))
    return out


def _group(group: str) -> str:
    """A symbol's part as the catalogue knows it (a type's abbreviation, an issuer's or a drafting
    unit's code), when exactly one OCR slip separates them (a doubled letter `QĐĐ`, a Q read as O
    `OLCL`, a T as 1 `T1`) and only one known code is that near; else as read. Only OCR'd lines
    come here (pages.py), so a code a typist wrote is never changed, and one known as read stays."""
    if not group or known_code(group) or group.isdigit():
        return group
    if len(group) == 4 and any(ch.isdigit() for ch in group) and regex.fullmatch(r"[\dOoIl]{4}", group):
        return group.translate(_NUMBER_LOOKALIKES)          # a year: `2O2O`
    if len(group) < 2:
        return group
    variants = {group[:i] + group[i + 1:] for i in range(1, len(group)) if group[i] == group[i - 1]}
    variants |= _lookalike_variants(group)
    known = [v for v in variants if v and known_code(v)]
    return known[0] if len(known) == 1 else group


def _symbol(m: regex.Match[str]) -> str:
    """One number-and-symbol put right; an underscore glued to its end is a speck (`SYT-NVY_`)."""
    num = m.group("num")
    if not num.isdigit():
        fixed = num.translate(_NUMBER_LOOKALIKES)
        num = fixed if any(ch.isdigit() for ch in num) else num
    parts = regex.split(r"([-/])", m.group("sym"))
    return num + "".join(p if p in "-/" else _group(p) for p in parts)


# A number glued to its symbol, the slash lost (`Quyết định số 175QĐ-SYT`): a type's abbreviation and a
# known code after it make it a symbol; the hyphen after the type keeps a word or a unit (`15KH`) out.
_LOST_SLASH = regex.compile(r"(?<![\p{L}\d/.,])(?P<num>\d{1,5})(?P<type>\p{Lu}[\p{Lu}\p{Ll}]{0,4})"
                            r"(?=-(?P<code>\p{Lu}[\p{Lu}\d&]*)(?![\p{L}\d]))")


def _slash(m: regex.Match[str]) -> str:
    typed = m.group("type") in type_by_abbr() and known_code(m.group("code"))
    return f"{m.group('num')}/{m.group('type')}" if typed else m.group()


def repair_symbols(text: str) -> str:
    """Document numbers and symbols with OCR's usual slips undone where the catalogue settles it."""
    return _SYMBOL.sub(_symbol, _LOST_SLASH.sub(_slash, text))


# A Roman heading number as OCR misreads it: `HI.` for `III.` (two strokes read as one H), `Il.` or
# `1I.` for `II.`. Only a number that mixes true Roman letters with look-alikes, before a capital:
# `1. Công tác` stays an Arabic heading, `H. Nam` a name.
_ROMAN_SLIP = regex.compile(r"^\s*(?P<num>[IVXHl1|]{2,5})\s*[.)]\s+\p{Lu}")
ROMAN = regex.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")     # I to XXXIX: a heading number
_ROMAN_LOOKALIKES = str.maketrans({"H": "II", "l": "I", "1": "I", "|": "I"})
# "L MỤC ĐÍCH, YÊU CẦU": an "I." whose dot was lost and whose stroke read as L or l, before a
# heading in capitals (two words at least, no lower case on the line). A "|" is as often the edge of
# a frame or a table, and a body's name, a motto or a signer's title in capitals is no heading.
_LONE_STROKE = regex.compile(r"^(?P<lead>\s*)[Ll][ \t]+(?=\p{Lu}+[ \t,]+\p{Lu}[^\p{Ll}]*$)")


@cache
def _not_headings() -> regex.Pattern[str]:
    """Capitals that open no section: a body's head word, a motto, a signer's title, `Nơi nhận`."""
    words = load("organisations")["unit_heads"] + load("layout")["mottos"] + load("people")["titles"]
    words += ["Nơi nhận", "UBND", "HĐND"]
    return regex.compile(alternation([w.upper() for w in words]) + r"(?![\p{L}])")


def repair_heading_number(text: str) -> str:
    """A line's leading Roman number with OCR's slips undone, when what they leave is a Roman number."""
    lone = _LONE_STROKE.match(text)
    if lone and not _not_headings().match(text, lone.end()):
        return f"{lone.group('lead')}I. {text[lone.end():]}"
    m = _ROMAN_SLIP.match(text)
    if m is None:
        return text
    num = m.group("num")
    if not (set(num) & set("IVX") and set(num) & set("Hl1|")):
        return text
    fixed = num.translate(_ROMAN_LOOKALIKES)
    return text[:m.start("num")] + fixed + text[m.end("num"):] if ROMAN.fullmatch(fixed) else text


# "số" read with a wrong mark right before its number or its colon (`sô 2243`, `Kế hoạch só 2190`, `Só:`):
# no other word is spelt so there.
_SO = regex.compile(r"(?<![\p{L}])([sS])([ôóỏơÔÓỎƠ]|(?<=s)Ố)(?=\s*[:\d])")
# a number of a date with a look-alike of a digit in it (`ngày 2l`, `tháng §`, `năm 2O17`): `§` is
# Tesseract's reading of an 8 the scan blurred
_DATE_NUMBER = regex.compile(r"(?i)(?<=(?:ngày|tháng|năm)[ \t]{1,3})(?=[\dOoIl§]*\d|§)[\dOoIl§]{1,4}(?![\p{L}\d])")
_DATE_LOOKALIKES = str.maketrans("OoIl§", "00118")


def _so(m: regex.Match[str]) -> str:
    return m.group(1) + ("Ố" if m.group(1).isupper() and m.group(2).isupper() else "ố")


def repair_numbers(text: str) -> str:
    """`số` before a number, and a date's numbers, with OCR's look-alikes undone."""
    if "§" in text:
        text = regex.sub(r"§(?=\d)|(?<=\d)§", "8", text)
    text = _SO.sub(_so, text)
    return _DATE_NUMBER.sub(lambda m: m.group().translate(_DATE_LOOKALIKES), text)


@cache
def _specked_places() -> regex.Pattern[str]:
    """A province's name (provinces.toml) with a speck OCR put between its syllables (`KIÊN, GIANG`),
    on folded text: the speck and the spaces around it are one group to drop."""
    units = load("provinces")["unit"]
    names = {fold(n) for u in units for n in (u["name"], *u.get("absorbed", [])) if len(n.split()) >= 2}
    body = "|".join(r"\s*[,.'’`]\s*".join(regex.escape(w) for w in n.split())
                    for n in sorted(names, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])")


def _unspeck_places(text: str) -> str:
    """`UBND TỈNH KIÊN, GIANG` is `UBND TỈNH KIÊN GIANG`: a province's name in the capitals of a header
    never holds a comma or a dot between its syllables (`KIÊN` alone is no place)."""
    if not any(ch in text for ch in ",.'’`"):
        return text
    folded = fold(text)
    if len(folded) != len(text):
        return text
    out, last = [], 0
    for m in _specked_places().finditer(folded):
        if not text[m.start():m.end()].isupper():
            continue                    # in running text a comma may part two places (`Hà, Nam Định`)
        words = text[m.start():m.end()].replace(",", " ").replace(".", " ").split()
        words = [w.strip("'’`") for w in words]
        out += [text[last:m.start()], " ".join(w for w in words if w)]
        last = m.end()
    return "".join(out) + text[last:] if out else text


def repair_line(text: str) -> str:
    """`text` with look-alike letters fixed, symbols, `số` and the numbers of dates, Roman heading numbers
    and catalogue phrases' marks restored, a province's name without a speck inside it."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _unspeck_places(repair_heading_number(repair_symbols(repair_numbers(text))))
    folded = fold(text)
    if len(folded) != len(text):
        return text
    parts, last = [], 0
    for m in _matcher().finditer(folded):
        written = text[m.start():m.end()]
        spelling = _same_case(phrases()[m.group()], written)
        if spelling != written:
            parts += [text[last:m.start()], spelling]
            last = m.end()
    return "".join(parts) + text[last:] if parts else text


_WORD = regex.compile(r"\S+")


@cache
def _reach() -> int:
    """The most words of a phrase that may stand on either side of a line break."""
    return max(len(p.split()) for p in phrases()) - 1


def _across(first: str, second: str) -> tuple[str, str]:
    """`first` and `second` with a catalogue phrase that runs from the end of the one into the start of
    the other restored, as `repair_line` restores one inside a line."""
    words = list(_WORD.finditer(first))[-_reach():]
    heads = list(_WORD.finditer(second))[:_reach()]
    if not words or not heads:
        return first, second
    cut, end = words[0].start(), words[-1].end()
    tail, head = first[cut:end], second[:heads[-1].end()]
    joined = f"{tail} {head}"
    folded = fold(joined)
    if len(folded) != len(joined):
        return first, second
    out = list(joined)
    for m in _matcher().finditer(folded):
        if m.start() < len(tail) < m.end():          # the phrase holds the line break
            out[m.start():m.end()] = _same_case(phrases()[m.group()], joined[m.start():m.end()])
    mended = "".join(out)
    if mended == joined:
        return first, second
    return first[:cut] + mended[:len(tail)] + first[end:], mended[len(tail) + 1:] + second[len(head):]


def repair_breaks(lines: list[str], blocks: list[int]) -> list[str]:
    """OCR's lines (each already through `repair_line`) with the catalogue phrases that a line break cuts
    restored (`… theo Thông` / `tự liên tịch số 51/2015/TT-BYT-BNV`: "Thông tư liên tịch"): each line
    is read alone, so a phrase split over two is out of its reach. Only two lines of one Tesseract
    block run on; a block is a column or a paragraph of its own."""
    out = list(lines)
    for i in range(1, len(out)):
        if blocks[i] == blocks[i - 1]:
            out[i - 1], out[i] = _across(out[i - 1], out[i])
    return out
