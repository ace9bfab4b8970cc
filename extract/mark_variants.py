"""A name as the body spells it, where the header's line lost or changed a mark.

OCR reads a header set in capitals worse than the body (`BỆNH VIỆN TỪ DŨ` as `TỪ DU`), and the
unit's name is what every question groups by: a name the body writes, twice or more, with the same
letters and other marks is the name (the header's reading is one voice against several).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

import regex

from vanban.extract.ocr_repair import fold

_BODY_REACH = 200_000     # characters of the text looked through: the name recurs early if at all


@cache
def _variants() -> dict[str, str]:
    """Each base letter -> a character class of every letter that reads as it with some mark."""
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    marks = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    found: dict[str, set[str]] = {}
    for letter in letters:
        for mark in marks:
            for c in (letter, letter.upper()):
                composed = unicodedata.normalize("NFC", c + mark)
                if len(composed) == 1:
                    found.setdefault(fold(composed), set()).add(composed)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in found.items()}


def _pattern(name: str) -> str:
    variants = _variants()
    out = []
    for c in name:
        if c.isspace():
            out.append(r"\s+")
        else:
            out.append(variants.get(fold(c), regex.escape(c)) if c.isalpha() else regex.escape(c))
    return "".join(out)


def as_the_body_writes(name: str, text: str) -> str:
    """`name`, or the spelling of it the text uses most (at least twice, more than `name` itself)
    when that differs only in marks; a name the text itself writes twice stands."""
    if not name or text.count(name, 0, _BODY_REACH) >= 2:
        return name             # the body writes it so itself (most documents): confirmed, no search
    found = Counter(spelling for m in regex.finditer(
        rf"(?<![\p{{L}}]){_pattern(name)}(?![\p{{L}}])", text[:_BODY_REACH], regex.I)
        if not (spelling := " ".join(m.group().split())).isupper())        # the header's own capitals aside
    if not found:
        return name
    best, n = max(found.items(), key=lambda kv: (kv[1], kv[0] == name))
    return best if n >= 2 and n > found.get(name, 0) and best.lower() != name.lower() else name
