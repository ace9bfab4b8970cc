"""Judge whether extracted text is usable Vietnamese before mining it.

Scanned PDFs often carry an invisible OCR layer made without Vietnamese ("SOYTEHANQI",
"CQNG HOA xA HQI"), and old files carry TCVN3 or VNI bytes that read as Latin-1 garbage
("c¶i c¸ch hµnh chÝnh"). Mining either would invent citations and miss the real ones, so the
reader asks here first and either converts (legacy encodings) or reports that OCR is needed.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
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


class _Kinds(dict[str, tuple[bool, bool, bool]]):
    """Per character, computed once: (a letter, a Vietnamese letter, one beyond Latin-1)."""

    def __missing__(self, ch: str) -> tuple[bool, bool, bool]:
        viet = ch.isalpha() and is_vietnamese_letter(ch)
        kind = self[ch] = (ch.isalpha(), viet, viet and ord(ch) > 0xFF)
        return kind


_KINDS = _Kinds()
_NUMPY_FROM = 8192     # shorter texts are counted by Counter: numpy's import (~0.1 s) is not worth it


def char_counts(text: str) -> dict[str, int]:
    """How often each distinct character occurs. A document has a few hundred distinct characters
    among 10^5, so they are judged once each; numpy counts a long text's code points ~10x faster
    than a loop in Python."""
    if len(text) < (_NUMPY_FROM if "numpy" not in sys.modules else 512):
        return Counter(text)
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(codes.max()) <= 0xFFFF:
        counts = np.bincount(codes)
        seen = np.flatnonzero(counts)
        return dict(zip(map(chr, seen.tolist()), counts[seen].tolist(), strict=True))
    seen, counts = np.unique(codes, return_counts=True)
    return dict(zip(map(chr, seen.tolist()), counts.tolist(), strict=True))


def count_letters(text: str) -> int:
    return sum(n for ch, n in char_counts(text).items() if _KINDS[ch][0])


def check(text: str, *, legacy_checked: bool = False) -> TextCheck:
    """Classify `text` (already NFC): usable Vietnamese, empty, a legacy encoding, or not Vietnamese.

    `legacy_checked`: the caller has already run `legacy.fix` on this text, so the (costly) legacy
    detection is not run again."""
    letters = viet = beyond = 0
    for ch, n in char_counts(text).items():
        is_letter, is_viet, is_beyond = _KINDS[ch]
        if is_letter:
            letters += n
            if is_viet:
                viet += n
                beyond += n * is_beyond
    if letters == 0:
        return TextCheck("empty", 0, 0.0)
    share, beyond_share = viet / letters, beyond / letters
    enc = None if legacy_checked else legacy.detect(text)
    if enc:
        return TextCheck(enc, letters, share, beyond_share)
    if letters >= MIN_LETTERS and (share < _MIN_VIET_SHARE or beyond_share < _MIN_BEYOND_LATIN1_SHARE):
        return TextCheck("no_vietnamese", letters, share, beyond_share)
    return TextCheck("ok", letters, share, beyond_share)
