"""Judge whether extracted text is usable Vietnamese before mining it.

Scanned PDFs often carry an invisible OCR layer made without Vietnamese ("SOYTEHANQI",
"CQNG HOA xA HQI"), and old files carry TCVN3 or VNI bytes that read as Latin-1 garbage
("c¶i c¸ch hµnh chÝnh"). Mining either would invent citations and miss the real ones, so the
reader asks here first and either converts (legacy encodings) or reports that OCR is needed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from vanban.extract import legacy

Verdict = Literal["ok", "empty", "no_vietnamese", "tcvn3", "vni"]

# Letters that only Vietnamese (among Latin-script languages met here) writes.
_VIET_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")
_MIN_LETTERS = 200


@dataclass(frozen=True)
class TextCheck:
    verdict: Verdict
    letters: int
    viet_share: float

    @property
    def usable(self) -> bool:
        return self.verdict == "ok"


def is_vietnamese_letter(ch: str) -> bool:
    """A letter carrying a Vietnamese diacritic (tone or vowel mark) or đ."""
    if ch in _VIET_ONLY:
        return True
    if not ch.isalpha() or ch.isascii():
        return False
    base = unicodedata.normalize("NFD", ch)
    return len(base) > 1 and base[0].isascii()


def count_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def check(text: str) -> TextCheck:
    """Classify `text` (already NFC): usable Vietnamese, empty, a legacy encoding, or not Vietnamese."""
    letters = 0
    viet = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if is_vietnamese_letter(ch):
                viet += 1
    share = viet / letters if letters else 0.0
    if letters == 0:
        return TextCheck("empty", 0, 0.0)
    enc = legacy.detect(text)
    if enc:
        return TextCheck(enc, letters, share)
    # Vietnamese prose has a diacritic on roughly every third letter; below 3 % on a page
    # of text it is an OCR layer or transliteration that lost them.
    if letters >= _MIN_LETTERS and share < 0.03:
        return TextCheck("no_vietnamese", letters, share)
    return TextCheck("ok", letters, share)
