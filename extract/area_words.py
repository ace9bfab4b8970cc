"""The words that name an area of CCHC in a heading (patterns/sections.toml `[[area]]`), and how a heading's
words are compared with them: case folded, without punctuation, abbreviations written out, either tone
placement ("hoá"/"hóa"). An area is recognised by meaning, not by an exact heading (spec/sections.md).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

import regex

from vanban.extract.catalogue import load
from vanban.extract.tone_fold import fold_tones


@cache
def _data() -> dict[str, Any]:
    return load("sections")


_WORD = regex.compile(r"[\p{L}\p{N}]+")

def normalise_words(text: str) -> str:
    """Case-folded words without punctuation, abbreviations written out: how headings are compared."""
    words = _WORD.findall(fold_tones(unicodedata.normalize("NFC", text)).casefold())   # "hóa" is "hoá"
    abbr = _data()["heading"]["abbreviations"]
    return " ".join(map(abbr.get, words, words))         # each word, or what it abbreviates


Phrase = tuple[str, frozenset[str] | None, bool, bool]     # area, document types, main division only, opens it


@cache
def _area_phrases() -> tuple[dict[str, list[Phrase]], int]:
    """Each area phrase (as `normalise_words` writes it) -> its (area, document types, main division
    only, must open the heading), in catalogue order; and the longest phrase in words."""
    phrases: dict[str, list[Phrase]] = {}
    for entry in _data()["area"]:
        types = frozenset(entry["doc_types"]) if entry.get("doc_types") else None
        for w in entry["words"]:
            if phrase := normalise_words(w):
                phrases.setdefault(phrase, []).append((entry["key"], types, entry.get("main", False),
                                                       entry.get("opens", False)))
    return phrases, max((p.count(" ") + 1 for p in phrases), default=0)


@cache
def _area_prefixes() -> frozenset[str]:
    """Every run of whole words an area phrase starts with: a heading's run of words that is none of
    them cannot be lengthened into a phrase, so the lookup stops there."""
    return frozenset(" ".join(words[:n]) for p in _area_phrases()[0] for words in [p.split(" ")]
                     for n in range(1, len(words) + 1))


def _opening(words: list[str]) -> int:
    """Where a heading's own words start, past the words that lead into them ("Các", "Một số")."""
    lead, i = set(_data()["heading"]["lead_words"]), 0
    while i < len(words) - 1 and words[i] in lead:
        i += 1
    return i


def areas_of(heading: str, doc_type: str | None = None, main: bool = False) -> list[str]:
    """Areas a heading's own words name, in the order they appear; the longer of two
    overlapping matches wins. A phrase matches whole words, so the heading's runs of words are
    looked up in the catalogue (one pattern per phrase cost ~0.1 ms a heading). `main`: the heading
    is one of the document's main divisions, where words too general below it ("III. ĐÁNH GIÁ",
    "IV. NHIỆM VỤ QUÝ IV") name an area too (an entry's `main`; `opens`: only as its first words)."""
    words = normalise_words(heading).split(" ")
    phrases, longest = _area_phrases()
    prefixes = _area_prefixes()
    first = _opening(words)
    starts = [0]
    for w in words:
        starts.append(starts[-1] + len(w) + 1)
    hits = []
    for i in range(len(words)):
        run = words[i]
        for n in range(1, min(longest, len(words) - i) + 1):
            if n > 1:
                run = f"{run} {words[i + n - 1]}"    # the run one word longer: no join again
            if run not in prefixes:
                break
            for key, types, main_only, opens in phrases.get(run, ()):
                if (types is None or doc_type in types) and (main or not main_only) and (not opens or i == first):
                    hits.append((starts[i], starts[i + n] - 1, key, types is None))
    # the longer match first; of two on the same words, the one given for this kind of document
    # ("nhiệm vụ trọng tâm" of a plan is its tasks, of any other document what comes next)
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[3]))
    kept: list[tuple[int, int, str, bool]] = []
    for h in hits:
        if all(h[1] <= k[0] or k[1] <= h[0] for k in kept):
            kept.append(h)
    out: list[str] = []
    for _, _, key, _ in sorted(kept):
        if key not in out:
            out.append(key)
    return out


