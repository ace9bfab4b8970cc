"""Corrections of OCR words to Vietnamese syllables, one word at a time and with its neighbours.

The closed set of syllables, the OCR-aware distance and the dictionary prior are `syllables`';
this module decides: a word outside the set goes to its nearest syllable when the choice is clear,
and (with `context`) a well-formed syllable loses or gains one mark only where that alone makes a
dictionary word with a neighbour.
"""

from __future__ import annotations

import regex

from vanban.extract.syllables import (
    DIACRITIC,
    MARGIN,
    PRIOR_RATIO,
    Unit,
    candidates,
    dictionary,
    frequency,
    kept_words,
    legit_words,
    nfc,
    skeleton,
    skeleton_index,
    syllable_units,
    syllables,
)

_WORD = regex.compile(r"^(\p{P}*)(\p{L}+)(\p{P}*)$")
_letters = regex.compile(r"\p{L}+").findall


# -- correction --------------------------------------------------------------------------------------

def _eligible(core: str) -> bool:
    """Lowercase, Capitalised, or all-capital with a Vietnamese mark (an ASCII capital run is a code)."""
    if core.islower() or (core[0].isupper() and core[1:].islower()) or len(core) == 1:
        return True
    return core.isupper() and len(core) > 1 and not core.isascii()


def _recase(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[0].isupper():
        return word[0].upper() + word[1:]
    return word


def _choose(low: str, before: str = "", after: str = "") -> str | None:
    """The correction of a lowercase non-syllable, given its neighbours, or None when in doubt."""
    found = candidates(low)
    if not found:
        return None
    best_cost = found[0][0]
    if low.isascii() and best_cost > DIACRITIC + 1e-9:
        return None                  # an ASCII word more than one mark from a syllable: foreign
    close = [s for c, s in found if c - best_cost < MARGIN]
    if len(close) == 1:
        return close[0]
    pairs = dictionary()[0]
    fits = [s for s in close if (before and f"{before} {s}" in pairs) or (after and f"{s} {after}" in pairs)]
    if len(fits) == 1:
        return fits[0]
    freq = frequency()
    ranked = sorted(close, key=lambda s: -freq.get(s, 0))
    top, second = freq.get(ranked[0], 0), freq.get(ranked[1], 0)
    if not fits and top >= PRIOR_RATIO * max(second, 1):
        return ranked[0]
    return None


def correct_word(word: str, before: str = "", after: str = "") -> str | None:
    """The syllable an OCR word should have been, or None to leave it (a syllable, code, number,
    foreign word, or a doubt). `before`/`after`: the neighbouring words, to break ties."""
    word = nfc(word)
    if not word.isalpha() or not _eligible(word):
        return None
    low = word.lower()
    if low in syllables() or low in legit_words():
        return None
    fixed = _choose(low, before.lower(), after.lower())
    return _recase(word, fixed) if fixed else None


def _lost_mark(read: tuple[Unit, ...], syllable: tuple[Unit, ...]) -> bool:
    """`syllable` is `read` with the one mark Tesseract loses most: a tone over ê ô â
    (tô -> tổ, chuyên -> chuyển) or a circumflex under a kept tone (ĐÓC -> ĐỐC, só -> số).
    Other one-mark changes (hai -> hại, của -> cửa, chưa -> chửa) turn right words wrong as often."""
    diff = [(a, b) for a, b in zip(read, syllable, strict=True) if a != b]
    if len(diff) != 1:
        return False
    (base, mod, tone), (base2, mod2, tone2) = diff[0]
    if base != base2:
        return False
    if mod == mod2 == "\u0302" and not tone and tone2:
        return True
    return not mod and mod2 == "\u0302" and tone == tone2


def _in_context(low: str, before: str, after: str) -> str | None:
    """A syllable one mark from `low` that makes a dictionary word with a neighbour where `low`
    makes none (tô chức -> tổ chức, Y tê -> Y tế), when exactly one does."""
    pairs = dictionary()[0]
    if low in kept_words() or (before and f"{before} {low}" in pairs) or (after and f"{low} {after}" in pairs):
        return None
    read_units = syllable_units(low)
    fits = []
    for s in skeleton_index()[0].get(skeleton(low), ()):
        if s == low or not _lost_mark(read_units, syllable_units(s)):
            continue
        if (before and f"{before} {s}" in pairs) or (after and f"{s} {after}" in pairs):
            fits.append(s)
    return fits[0] if len(fits) == 1 else None


def correct_line(text: str, *, context: bool = False) -> str:
    """A line of OCR text with each misread syllable corrected; spacing and punctuation kept.

    `context`: also change a well-formed syllable by one mark where that alone makes it a
    dictionary word with a neighbour (the commonest Tesseract error, a tone mark lost on ê/ô/â,
    yields a syllable: tê, đông, câu); bench/ocr.py measures it apart.
    """
    parts = regex.split(r"(\s+)", nfc(text))
    cores = []
    for p in parts:
        m = _WORD.match(p)
        cores.append(m.group(2) if m else "")
    out = list(parts)
    for i, core in enumerate(cores):
        if not core or not _eligible(core):
            continue
        # the neighbours' nearest letters: "I.MỤC TIÊU," has MỤC before TIÊU
        before = (_letters(parts[i - 2]) or [""])[-1].lower() if i >= 2 else ""
        after = (_letters(parts[i + 2]) or [""])[0].lower() if i + 2 < len(parts) else ""
        low = core.lower()
        if low in syllables():
            name = core[0].isupper() and not core.isupper() and (
                (i >= 2 and cores[i - 2][:1].isupper()) or (i + 2 < len(cores) and cores[i + 2][:1].isupper()))
            fixed = _in_context(low, before, after) if context and not name else None
            fixed = _recase(core, fixed) if fixed else None
        else:
            fixed = correct_word(core, before, after)
        if fixed:
            m = _WORD.match(parts[i])
            out[i] = m.group(1) + fixed + m.group(3)
    return "".join(out)
