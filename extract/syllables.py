"""Vietnamese syllables as a closed set, and the nearest syllable as a correction of an OCR word.

Vietnamese writes one syllable a word, and the written syllables are a closed set built from
`patterns/syllables.toml` (onset + rhyme + tone, ~20k forms counting both tone placements,
hoà/hòa). A word of an OCR'd page outside that set is an OCR error, unless it is a code, a number
or a foreign word, which are left alone. Its correction is the syllable nearest under an OCR-aware
edit distance (a diacritic costs less than a letter, `rn`/`m` less than two letters), and only
when it is unambiguous: one best candidate, with a margin over the next, or failing that the
only one that makes a dictionary word with a neighbour (underthesea's Viet74K word list).

Speed: candidates come from an index of diacritic-free skeletons and their one-letter deletions
(symmetric delete), never from a scan of the set; a page of ~400 words takes a few ms.
"""

from __future__ import annotations

import importlib.util
import itertools
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from vanban.extract.catalogue import load

_TONE_OF = {"\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}        # breve ă, circumflex â ê ô, horn ơ ư
_STROKE = "\u0336"                                 # our mark for đ, which Unicode does not decompose
_VOWELS = set("aăâeêioôơuưy")

PRIOR_RATIO = 5       # in a tie without context, a syllable in 5x more dictionary words wins
MAX_COST = 1.3        # farther than this from every syllable: not a misread syllable, leave it
NOT_IN_DICTIONARY = 0.35  # added to a syllable no dictionary word uses (nguồi) ...
RARE = 0.2               # ... or only one or two do
MARGIN = 0.25         # the best candidate must beat the second by this much, else context decides
DIACRITIC = 0.3      # a tone or vowel mark added, dropped or changed
_CONFUSED = 0.45      # letters Tesseract mistakes for one another (c/e, rn/m, ...)
_LETTER = 1.0
# One glyph read as another: single letters both ways, and multi-letter shapes.
_PAIRS = ["ce", "co", "ae", "ao", "il", "lt", "it", "hb", "nu", "nh", "ij", "ft", "vy", "ay", "uv",
          "oe", "bd", "dđ", "gq"]
_SHAPES = [("rn", "m"), ("ri", "n"), ("cl", "d"), ("in", "m"), ("ni", "m"), ("ii", "u"), ("li", "h"),
           ("vv", "w"), ("nn", "m"), ("tr", "u")]



def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# -- the closed set -------------------------------------------------------------------------------

def _tone_index(rhyme: str, tones: dict) -> list[int]:
    """Where a rhyme carries its tone: one index, or two where both styles are used (oa, oe, uy)."""
    vowels = [i for i, ch in enumerate(rhyme) if ch in _VOWELS]
    modified = [i for i in vowels if rhyme[i] in tones["modified"]]
    if modified:
        return [modified[-1]]
    if vowels[-1] != len(rhyme) - 1:                 # a coda follows the vowels
        return [vowels[-1]]
    if len(vowels) == 3:
        return [vowels[1]]
    if len(vowels) == 2:
        pair = rhyme[vowels[0]] + rhyme[vowels[1]]
        return [vowels[1], vowels[0]] if pair in tones["both_styles"] else [vowels[0]]
    return [vowels[0]]


def _toned(rhyme: str, tones: dict) -> list[str]:
    """Every written form of a rhyme with each tone it may take."""
    stop = any(rhyme.endswith(c) for c in tones["stop_codas"]) and rhyme[-1] not in _VOWELS
    names = tones["stop_tones"] if stop else ["", *tones["marks"]]
    out = []
    for name in names:
        if not name:
            out.append(rhyme)
            continue
        for i in _tone_index(rhyme, tones):
            out.append(nfc(rhyme[: i + 1] + tones["marks"][name] + rhyme[i + 1:]))
    return out


def _rhymes_of(onset: str, g: dict) -> list[str]:
    """The untoned rhymes an onset combines with, spelled as written after it."""
    sp, rh = g["spelling"], g["rhymes"]
    if onset == "qu":
        return [r[1:] for r in rh["medial"]] + rh["qu_plain"]
    rhymes = [r for r in rh["plain"] if r != "y" or onset in rh["y_onsets"]]
    if onset not in sp["no_medial"]:
        rhymes += rh["medial"]
    rhymes = [r for r in rhymes if (r not in rh["need_onset"] or onset) and (r not in rh["no_onset"] or not onset)]
    front = sp["front_vowels"]
    if onset in sp["front_only"]:
        rhymes = [r for r in rhymes if r[0] in front and not (r[0] == "y" and onset != "k")]
    elif onset in sp["back_only"]:
        rhymes = [r for r in rhymes if r[0] not in front]
    return rhymes


@cache
def syllables() -> frozenset[str]:
    """Every written Vietnamese syllable, lowercase NFC, in both tone-placement styles."""
    g = load("syllables")
    out: set[str] = set()
    for onset in g["onsets"]["all"]:
        for rhyme in _rhymes_of(onset, g):
            for form in _toned(rhyme, g["tones"]):
                if onset == "gi" and form[:1] in "iìíỉĩị":
                    out.add("g" + form)                  # gi + ìn -> gìn, gi + iếng -> giếng
                else:
                    out.add(onset + form)
    return frozenset(out)


@cache
def legit_words() -> frozenset[str]:
    return frozenset(load("syllables")["legit"]["words"])


@cache
def kept_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load("syllables")["context"]["keep"])


def is_syllable(word: str) -> bool:
    """Whether `word` (any case, NFC or not) is a written Vietnamese syllable."""
    return nfc(word).lower() in syllables()


# -- distance --------------------------------------------------------------------------------------

Unit = tuple[str, str, str]       # base letter, vowel modifier (or other mark), tone


@lru_cache(maxsize=65536)
def syllable_units(word: str) -> tuple[Unit, ...]:
    """A word as letters, each with its modifier and tone apart, so a mark can cost less than a letter."""
    out: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", word.replace("đ", "d" + _STROKE)):
        if unicodedata.combining(ch) and out:
            slot = 2 if ch in _TONE_OF else 1
            out[-1][slot] += ch
        else:
            out.append([ch, "", ""])
    return tuple((b, m, t) for b, m, t in out)


def skeleton(word: str) -> str:
    """A word without any mark: its key in the candidate index (người -> nguoi, đã -> da)."""
    return "".join(u[0] for u in syllable_units(nfc(word).lower()))


@cache
def _confusable() -> frozenset[tuple[str, str]]:
    return frozenset({(p[0], p[1]) for p in _PAIRS} | {(p[1], p[0]) for p in _PAIRS})


def _sub(a: Unit, b: Unit) -> float:
    marks = DIACRITIC * ((a[1] != b[1]) + (a[2] != b[2]))
    if a[0] == b[0]:
        return marks
    return marks + (_CONFUSED if (a[0], b[0]) in _confusable() else _LETTER)


@lru_cache(maxsize=65536)
def distance(read: str, syllable: str) -> float:
    """OCR-aware edit distance from a word as read to a syllable (both lowercase NFC)."""
    a, b = syllable_units(read), syllable_units(syllable)
    n, m = len(a), len(b)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = i * _LETTER
    for j in range(1, m + 1):
        d[0][j] = j * _LETTER
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = min(d[i - 1][j] + _LETTER, d[i][j - 1] + _LETTER, d[i - 1][j - 1] + _sub(a[i - 1], b[j - 1]))
            for many, one in _SHAPES:            # two glyphs read for one letter, or one for two
                k = len(many)
                if i >= k and "".join(u[0] for u in a[i - k:i]) == many and b[j - 1][0] == one:
                    best = min(best, d[i - k][j - 1] + _CONFUSED + DIACRITIC * bool(b[j - 1][1] or b[j - 1][2]))
                if j >= k and "".join(u[0] for u in b[j - k:j]) == many and a[i - 1][0] == one:
                    best = min(best, d[i - 1][j - k] + _CONFUSED)
            d[i][j] = best
    return d[n][m]


# -- candidates ------------------------------------------------------------------------------------

def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


@cache
def skeleton_index() -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Skeleton -> its syllables, and one-letter deletion of a skeleton -> the skeletons."""
    by_key: dict[str, list[str]] = {}
    for s in syllables():
        by_key.setdefault(skeleton(s), []).append(s)
    deleted: dict[str, set[str]] = {}
    for key in by_key:
        for d in _deletes(key):
            deleted.setdefault(d, set()).add(key)
    return by_key, deleted


def _keys_near(key: str) -> dict[str, float]:
    """Skeletons one letter (or one OCR shape) from `key`, each with a lower bound of the cost
    of reaching any of its syllables (a confusable letter or shape costs less than a letter)."""
    by_key, deleted = skeleton_index()
    near: dict[str, float] = {}

    def add(k: str, cost: float) -> None:
        if k in by_key and cost < near.get(k, 9.0):
            near[k] = cost

    add(key, 0.0)
    for k in deleted.get(key, ()):
        add(k, _LETTER)                                  # a letter missing from the word
    for i in range(len(key)):
        d = key[:i] + key[i + 1:]
        add(d, _LETTER)                                  # a letter too many
        for k in deleted.get(d, ()):
            if len(k) == len(key) and k[:i] == key[:i] and k[i + 1:] == key[i + 1:]:
                add(k, _CONFUSED if (key[i], k[i]) in _confusable() else _LETTER)
            else:
                add(k, _LETTER)                          # one deletion each side, elsewhere
    for many, one in _SHAPES:
        if many in key:
            add(key.replace(many, one, 1), _CONFUSED)
        if one in key:
            add(key.replace(one, many, 1), _CONFUSED)
    return near


@lru_cache(maxsize=16384)
def candidates(word: str) -> tuple[tuple[float, str], ...]:
    """Syllables near a lowercase word, nearest first, with their distances (within MAX_COST).

    A syllable the dictionary never uses costs NOT_IN_DICTIONARY more (nguồi is well formed but
    no word). Keys are visited nearest first and dropped once they cannot come within MARGIN.
    """
    by_key, _ = skeleton_index()
    own = skeleton(word)
    read_units = syllable_units(word)
    freq = frequency()
    keys = sorted((bound, k) for k, bound in _keys_near(own).items())
    scored: list[tuple[float, str]] = []
    best = MAX_COST
    for lower, key in keys:
        if lower > min(best + MARGIN, MAX_COST):
            break
        for s in by_key[key]:
            # same letters: only the marks differ, no alignment to search
            cost = (sum(_sub(a, b) for a, b in zip(read_units, syllable_units(s), strict=True)) if key == own
                    else distance(word, s))
            if freq and freq.get(s, 0) < 3:
                cost += NOT_IN_DICTIONARY if not freq.get(s) else RARE
            if cost <= MAX_COST:
                scored.append((round(cost, 3), s))
                best = min(best, cost)
    scored.sort(key=lambda cs: (cs[0], -freq.get(cs[1], 0), cs[1]))
    return tuple(scored)


# -- prior: the dictionary ---------------------------------------------------------------------------

def _dictionary_path() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "corpus" / "data" / "Viet74K.txt"
        if path.is_file():
            return path
    return None


@cache
def dictionary() -> tuple[frozenset[str], Counter[str]]:
    """Two-syllable words of Viet74K, and how many words each syllable appears in (a prior)."""
    path = _dictionary_path()
    pairs: set[str] = set()
    freq: Counter[str] = Counter()
    if path is None:
        return frozenset(), freq
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = nfc(line).lower().split()
        freq.update(parts)
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(parts))
    return frozenset(pairs), freq


def frequency() -> Counter[str]:
    return dictionary()[1]
