"""One spelling for the two tone placements Vietnamese allows on oa, oe, uy: "hoá"/"hóa", "khoẻ"/"khỏe", "thuỷ"/"thủy".

Offices write either (the older style puts the mark on the first vowel); words compared by meaning (a
heading's area words) must not tell them apart. The pairs are data: patterns/syllables.toml
`[tones] both_styles`, the syllables both styles are written in.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from vanban.extract.catalogue import load


@cache
def _pattern() -> regex.Pattern[str]:
    tones = load("syllables")["tones"]
    marks = "".join(tones["marks"].values())
    pairs = "|".join(f"{p[0]}(?P<t{i}>[{marks}]){p[1]}" for i, p in enumerate(tones["both_styles"]))
    # the pair ends the syllable: with a coda after it ("hoàn", "khoét") there is one placement only
    return regex.compile(rf"(?:{pairs})(?![\p{{L}}\p{{M}}])", regex.I)


def _move(m: regex.Match[str]) -> str:
    mark = next(g for g in m.groups() if g)
    letters = m.group().replace(mark, "")
    return letters + mark


def fold_tones(text: str) -> str:
    """`text` (NFC) with the tone of a final oa, oe, uy on its second vowel: "hóa" -> "hoá"."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _pattern().sub(_move, nfd))
