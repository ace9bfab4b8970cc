"""Where a pattern can start in a text, so that it is tried only there: the runs of digits (found
once a text), the places of a few words (`str.find`) or of a word list (the standard library's
`re`), and the lower-cased copy of the text those are looked for in.

`regex` costs tens of nanoseconds a character for each pattern it scans a text with, and a report
is scanned by a dozen patterns that all start with a digit no digit precedes (dates, codes,
percentages, counts, document numbers). Such a pattern can only match at the start of a run of
digits, and only where the characters after the run can continue it (a percentage needs a `%`
after its number): `matches_at` tries it at those starts alone, in text order and without overlap,
which is exactly what `finditer` finds. What each pattern needs after its digits is said by its
caller; tests/test_anchored_patterns.py checks every one against `finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import regex

from vanban.extract.catalogue import trie_body

_DIGITS = regex.compile(r"(\d+)")
_REACH = 16          # spaces looked past in a slice; a longer gap is stripped whole


class Run(NamedTuple):
    """A run of digits and the characters that follow it ('' at the end of the text). "No space"
    is Python's: its spaces include every `\\s` of `regex`, so a pattern's `\\s*` never goes past
    the character named here (it may stop before it, and fail)."""

    start: int
    length: int
    next: str            # the character right after the digits
    after: str           # the first one that is no space
    after_letter: str    # the same past one [a-z] right after the digits (`12a/KH`), else `after`
    after_number: str    # the first no space after the digits and the dots and commas that follow


def _visible(chunk: str, then: str) -> str:
    """The first character of `chunk` that is no space, else `then` (what follows the chunk)."""
    c = chunk[:1]
    if c and not c.isspace():
        return c
    head = chunk[:_REACH].lstrip()
    if head:
        return head[0]
    rest = chunk.lstrip() if len(chunk) > _REACH else ""
    return rest[:1] or then


@lru_cache(maxsize=16)
def runs(text: str) -> tuple[Run, ...]:
    """Every maximal run of digits in `text`, in order: one split of the text, then the characters
    after each run read from the piece that follows it (kept for the text's other finders)."""
    parts = _DIGITS.split(text)           # text between runs, a run, text between runs, ...
    out: list[Run] = []
    tail = ""                             # after_number of the run after this one
    pos = len(text) - len(parts[-1])
    for i in range(len(parts) - 2, 0, -2):     # backwards: a number's end is a later run's
        digits, gap = parts[i], parts[i + 1]
        then = parts[i + 2][:1] if i + 2 < len(parts) else ""   # the next run's first digit
        pos -= len(digits)
        first = gap[:1]
        after = first if first and not first.isspace() else _visible(gap, then)
        letter = _visible(gap[1:], then) if "a" <= first <= "z" else after
        if first != "." and first != ",":
            number_next = after
        elif then and not gap.strip(".,"):
            number_next = tail                # `81.657`: the number goes on in the next run
        else:
            number_next = _visible(gap.lstrip(".,"), then)
        out.append(Run(pos, len(digits), gap[:1], after, letter, number_next))
        tail = number_next
        pos -= len(parts[i - 1])
    out.reverse()
    return tuple(out)


def matches_at(pattern: regex.Pattern[str], text: str, starts: Iterable[int]) -> list[regex.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match starts at one of `starts` (ascending):
    the run starts, or the places of words, where the caller's test says a match can begin."""
    out: list[regex.Match[str]] = []
    last = 0
    match = pattern.match
    for start in starts:
        if start >= last and (m := match(text, start)):
            out.append(m)
            last = m.end()
    return out


def places(text: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of `words` stands in `text`, ascending (`str.find`, for a few words)."""
    out = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            out.append(at)
            at = text.find(word, at + 1)
    return sorted(out)


@lru_cache(maxsize=64)
def _finder(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(trie_body(words, fold=False) or "(?!)")


def word_places(text: str, words: tuple[str, ...], stretches: Iterable[tuple[int, int]]) -> list[int]:
    """Every offset inside the (ascending, disjoint) `stretches` where one of `words` stands as
    written, overlaps included: the standard library's `re` scans a word list several times faster
    than `regex`, which then need only be tried there."""
    finder = _finder(words)
    out: list[int] = []
    for lo, hi in stretches:
        m = finder.search(text, lo, hi)
        while m:
            out.append(m.start())
            m = finder.search(text, m.start() + 1, hi)
    return out


def first_letters(words: Iterable[str]) -> frozenset[str]:
    """The case-folded first characters of `words`, for `numbers_before`."""
    return frozenset(w[:1].casefold() for w in words)


def numbers_before(text: str, firsts: frozenset[str]) -> list[int]:
    """Starts of the runs whose number (its digits, dots and commas), past spaces, is followed by a
    character whose case fold starts with one of `firsts`: where a pattern `<number>\\s*<word>`
    can match, the word in any case (`regex` matches a character without case where its simple
    fold is the word's; the full fold's first character is then the word's: `İ` -> `i̇`)."""
    return [r.start for r in runs(text) if r.after_number.casefold()[:1] in firsts]


def lower_one_for_one(text: str) -> str:
    """`text` in lower case, one character for one so that offsets hold (a character whose lower
    case is longer, `İ`, stays as it is)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=16)
def _lower(text: str) -> tuple[str, bool]:
    low = text.lower()
    return (low, True) if len(low) == len(text) else (lower_one_for_one(text), False)


def lowered(text: str) -> str:
    """`lower_one_for_one(text)`, one copy shared by the finders of a text."""
    return _lower(text)[0]


def lowers_one_for_one(text: str) -> bool:
    """Whether `lowered(text)` is `text.lower()`: no character's lower case is longer."""
    return _lower(text)[1]


# Characters that `regex` matches without case to a letter they do not lower to: `İ` (to i; it
# lowers to two characters), the dotless `ı` (to I), the long `ſ` (to s). tests/test_anchored_patterns.py
# checks that no other character does so for the indicator words.
FOLDS_APART = ("İ", "ı", "ſ")


@lru_cache(maxsize=16)
def _folds_apart(text: str) -> bool:
    return not lowers_one_for_one(text) or any(c in text for c in FOLDS_APART)


def folded_places(text: str, words: tuple[str, ...], lo: int, hi: int) -> list[int] | None:
    """Every offset in [lo, hi) where one of `words` stands without case and ends by `hi`, overlaps
    included: the only places where `(?i:words)` can match in text[lo:hi], whatever it asks around
    them. Found in the lower-cased copy with `re` (about a fourth of what `regex` costs scanning
    without case); None where a character of the text or of a word folds to a letter it does not lower
    to (the caller scans with `regex`)."""
    lower_words = _lower_words(words)
    if lower_words is None or _folds_apart(text):
        return None
    finder, low = _folded_finder(words), lowered(text)
    out = []
    m = finder.search(low, lo, hi)
    while m:
        out.append(m.start())
        m = finder.search(low, m.start() + 1, hi)
    return out


@lru_cache(maxsize=64)
def _folded_finder(words: tuple[str, ...]) -> re.Pattern[str]:
    """`_finder` of the lower-cased words, in a cache of its own (the finders of citations fill the other)."""
    return _finder.__wrapped__(_lower_words(words))


@lru_cache(maxsize=64)
def _lower_words(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """`words` in lower case; None when one has a character that does not fold like it lowers."""
    low = tuple(w.lower() for w in words)
    if any(len(a) != len(b) or any(c in a for c in FOLDS_APART) for a, b in zip(low, words, strict=True)):
        return None
    return low


_NUMBER_TAIL = re.compile(r"[\d.,]*\s*")


def followed_by(text: str, starts: list[int], words: tuple[str, ...]) -> list[int]:
    """The `starts` (of runs) whose number, its dots and commas and the spaces after it passed, goes on
    with one of `words` in any case: where `<number>\\s*(?i:<word>)` can match (no word may start with
    a digit, a dot or a comma). `starts` as they are where the text folds apart (`folded_places`)."""
    heads = _heads(words)
    if heads is None or _folds_apart(text):
        return starts
    low, tail, out = lowered(text), _NUMBER_TAIL.match, []
    for at in starts:
        end = tail(low, at).end()
        if low.startswith(heads.get(low[end:end + 2], ()), end) or low[end:end + 1] in heads:
            out.append(at)
    return out


@lru_cache(maxsize=16)
def _heads(words: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    """The lower-cased words by their first two characters, a word of one character by itself (None
    as `_lower_words`): the few that a number's next characters can begin."""
    lower_words = _lower_words(words)
    if lower_words is None:
        return None
    out: dict[str, tuple[str, ...]] = {}
    for w in lower_words:
        out[w[:2]] = (*out.get(w[:2], ()), w)
    return out
