"""Restore the case of a name a header prints in capitals: `SỞ Y TẾ TỈNH LÀO CAI` -> `Sở Y tế tỉnh Lào Cai`.

Vietnamese writes an organisation's name with a capital on the first syllable of its kind and
of each word of its field (`Phòng Đào tạo Đại học`), lower-case administrative words (`tỉnh`,
`khu vực`), and a capital on every syllable of a place name (`Bố Trạch`). Fixed spellings from
the catalogue come first; words of a field are grouped with underthesea's word segmentation.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.catalogue import load
from vanban.extract.text_index import FOLDS_APART

_WORD = regex.compile(r"[\p{L}\d.&]+")
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@cache
def _transparent() -> frozenset[str]:
    return frozenset(load("organisations")["name_qualifier_transparent"])


@cache
def _names_follow() -> frozenset[str]:
    return frozenset(load("organisations")["names_follow"])


@cache
def _rules() -> tuple[list[tuple[regex.Pattern[str], str, str | None]], frozenset[str], frozenset[str]]:
    data = load("organisations")
    provinces = [n for u in load("provinces")["unit"] for n in [u["name"], *u["absorbed"], *u.get("aliases", [])]]
    fixed = sorted([*data["fixed"], *data["known_names"], *provinces, *data["name_qualifiers"], "Việt Nam"],
                   key=len, reverse=True)
    lower = sorted(data["lower_words"], key=len, reverse=True)
    rules = [(regex.compile(rf"(?<![\p{{L}}]){regex.escape(w)}(?![\p{{L}}])", regex.IGNORECASE), w, _lowered(w))
             for w in [*fixed, *lower]]
    places = frozenset(w for w in data["lower_words"] if w not in ("số", "và", "của", "trực thuộc", "thuộc"))
    return rules, frozenset(data["abbreviations"]), places


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    """UBND, ĐH, TTYT: Vietnamese syllables have a vowel, abbreviations mostly do not."""
    return word in abbreviations or any(c.isdigit() for c in word) or not (set(word.lower()) & _VOWELS)


def _field_case(words: list[str]) -> list[str]:
    """`ĐÀO TẠO ĐẠI HỌC` -> `Đào tạo Đại học`: a capital on the first syllable of each word."""
    if len(words) < 2:                       # one syllable is one word: no need to load the segmenter
        return [w[:1].upper() + w[1:].lower() for w in words]
    try:
        from underthesea import word_tokenize

        compounds = word_tokenize(" ".join(w.lower() for w in words))
    except ImportError:                      # pragma: no cover - underthesea is a dependency
        compounds = [w.lower() for w in words]
    out: list[str] = []
    for compound in compounds:
        syllables = compound.split()
        out += [syllables[0][:1].upper() + syllables[0][1:], *syllables[1:]]
    return out if len(out) == len(words) else [w[:1].upper() + w[1:].lower() for w in words]


def _lowered(text: str) -> str | None:
    """`text` in lower case where that keeps its length and no character of it folds, without case, to
    a letter it does not lower to (`FOLDS_APART`); else None."""
    low = text.lower()
    return None if len(low) != len(text) or any(c in text for c in FOLDS_APART) else low


def restore_case(name: str, *, quick: bool = True) -> str:
    """A name written in capitals in its usual case: the catalogue's spellings (`Sở Y tế`, provinces),
    then the rest word by word. A spelling is looked for (a `regex` scan without case, a few hundred of
    them) only where its lower case stands in the name's (`quick`; False scans for every one)."""
    rules, abbreviations, place_words = _rules()
    spans: list[tuple[int, int, str, str]] = []     # start, end, text, kind (fixed|place-word|word)
    taken = [False] * len(name)
    low = _lowered(name) if quick else None
    for pattern, spelling, lower_spelling in rules:
        if low is not None and lower_spelling is not None and lower_spelling not in low:
            continue                # no match without case where the lower cases differ (`_lowered`)
        for m in pattern.finditer(name):
            if not any(taken[m.start():m.end()]):
                kind = "unit" if spelling in place_words else "fixed"
                spans.append((m.start(), m.end(), spelling, kind))
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    for m in _WORD.finditer(name):
        if not any(taken[m.start():m.end()]):
            spans.append((m.start(), m.end(), m.group(), "word"))
    spans.sort()
    out = list(name)
    i = 0
    while i < len(spans):
        if spans[i][3] != "word":
            i += 1
            continue
        j = i
        while j < len(spans) and spans[j][3] == "word":
            j += 1
        run = spans[i:j]
        # after `tỉnh`, `khu vực`... a place (Bố Trạch), after `Bệnh viện Đa khoa`, `PKĐK`... a proper
        # name (Đại Thịnh): every syllable capitalised
        k = i - 1
        while k > 0 and spans[k][2] in _transparent():      # "Bệnh viện Đa khoa Tư nhân Đại Thịnh"
            k -= 1
        named = i > 0 and (spans[k][3] == "unit" or spans[k][2] in _names_follow())
        named = named or run[0][2] in _names_follow()
        plain = [s[2] for s in run if not _is_abbreviation(s[2], abbreviations)]
        cased = [w[:1].upper() + w[1:].lower() for w in plain] if named else _field_case(plain)
        it = iter(cased)
        for start, end, word, _ in run:
            new = word if _is_abbreviation(word, abbreviations) else next(it)
            out[start:end] = list(new)
        i = j
    for start, end, spelling, _ in spans:
        if _ != "word":
            out[start:end] = list(spelling)
    result = "".join(out)
    return result[:1].upper() + result[1:]
