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
# The marks Vietnamese puts on a vowel: tones, then circumflex, breve and horn.
_VIET_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
MIN_LETTERS = 200      # fewer letters are too few to judge
# Vietnamese prose puts a mark on 27-30 % of its letters, and about 20 % are letters beyond
# Latin-1 (ơ ư đ ă, ạ…ỹ). OCR layers made without Vietnamese reach 0-5 % and 0 %: they keep a few
# French-looking letters (à é ô) but can never produce ơ or ạ.
_MIN_VIET_SHARE = 0.08
_MIN_BEYOND_LATIN1_SHARE = 0.03


@dataclass(frozen=True)
class TextCheck:
    verdict: Verdict
    letters: int
    viet_share: float
    beyond_latin1_share: float = 0.0

    @property
    def usable(self) -> bool:
        return self.verdict == "ok"


def is_vietnamese_letter(ch: str) -> bool:
    """A letter carrying a Vietnamese diacritic (tone or vowel mark) or đ; not ñ, ü, ç."""
    if ch in _VIET_ONLY:
        return True
    if not ch.isalpha() or ch.isascii():
        return False
    base = unicodedata.normalize("NFD", ch)
    return len(base) > 1 and base[0] in "aeiouyAEIOUY" and all(m in _VIET_MARKS for m in base[1:])


def is_beyond_latin1(ch: str) -> bool:
    """A Vietnamese letter that Latin-1 (and so an OCR engine without Vietnamese) cannot write."""
    return ord(ch) > 0xFF and is_vietnamese_letter(ch)


def count_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def check(text: str) -> TextCheck:
    """Classify `text` (already NFC): usable Vietnamese, empty, a legacy encoding, or not Vietnamese."""
    letters = viet = beyond = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if is_vietnamese_letter(ch):
                viet += 1
                beyond += ord(ch) > 0xFF
    if letters == 0:
        return TextCheck("empty", 0, 0.0)
    share, beyond_share = viet / letters, beyond / letters
    enc = legacy.detect(text)
    if enc:
        return TextCheck(enc, letters, share, beyond_share)
    if letters >= MIN_LETTERS and (share < _MIN_VIET_SHARE or beyond_share < _MIN_BEYOND_LATIN1_SHARE):
        return TextCheck("no_vietnamese", letters, share, beyond_share)
    return TextCheck("ok", letters, share, beyond_share)
