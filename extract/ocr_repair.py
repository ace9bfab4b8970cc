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

from vanban.extract.catalogue import doc_types, load

_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


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


def repair_line(text: str) -> str:
    """`text` with look-alike letters fixed and catalogue phrases' marks restored."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
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
