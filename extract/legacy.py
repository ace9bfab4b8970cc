"""Legacy 8-bit Vietnamese encodings (TCVN3/ABC and VNI): detect them and convert to Unicode.

Before Unicode, Vietnamese was typed in fonts that draw Vietnamese letters at Latin-1 positions.
TCVN3 (ABC; fonts .VnTime, .VnArial...) writes one character per letter; VNI-Windows (VNI-Times...)
writes an ASCII base letter followed by a mark character. Read back as text they are Latin-1
garbage ("c¶i c¸ch hµnh chÝnh", "Soá"). The tables are data: patterns/legacy_encodings.toml.

Encoding names: "tcvn3"; "tcvn3h" for text in an ABC capitals font (.VnTimeH), whose lowercase
positions show capitals, so the text is converted and then upper-cased; and "vni".

`translate` maps every legacy character. `convert` works word by word, because a reader may hand
over text that is partly Unicode already (runs converted one by one, a legacy-font run typed in
Unicode, a mixed document): a word is converted when it holds a character only the legacy encoding
writes (¸ µ ñ ö...), kept when it holds a Vietnamese letter the encoding cannot write (ư ộ...), else
whichever reading is a Vietnamese syllable wins; a word that reads well both ways ("các" / "cỏc")
follows its nearest decided neighbour on the line.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.char_runs import CharRuns

ENCODINGS = ("tcvn3", "tcvn3h", "vni")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")      # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = frozenset("\u0301\u0323")                     # the only tones a c/ch/p/t rhyme takes
_MIN_LEGACY_WORDS = 3       # fewer legacy words than this is a stray symbol, not an encoding
_MIN_LEGACY_SHARE = 0.10    # legacy text proves itself on 70-80 % of its words; OCR noise
                            # ('näm', 'cña' in a layer made without Vietnamese) on 1-2 %
_SAMPLE = 200_000           # characters of a text that detection looks at


def _data() -> dict[str, Any]:
    return load("legacy_encodings")


@cache
def _viet_letters() -> frozenset[str]:
    """Every letter Vietnamese writes, both cases: ASCII, đ, and the vowels with their marks."""
    out = set("abcdefghijklmnopqrstuvwxyzđ")
    for base in "aăâeêioôơuưy":
        for tone in ("", *_TONES):
            out.add(unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + tone))
    return frozenset(out | {c.upper() for c in out})


@dataclass(frozen=True)
class _Codec:
    """One legacy encoding, built from the data file."""

    name: str
    table: dict[str, str]          # legacy sequence (one or two characters) -> Unicode
    sequence: regex.Pattern[str]   # any legacy sequence, longest first
    word: regex.Pattern[str]       # a word as this encoding writes it
    keys: frozenset[str]           # characters that occur in legacy sequences
    legacy_only: frozenset[str]    # of those, the ones no Vietnamese word writes
    aliases: frozenset[str]        # stand-ins for legacy characters, converted inside words only


def _vni_table(data: dict[str, Any]) -> dict[str, str]:
    """VNI singles and base+mark pairs; a mark of the other case reads as the base's case."""
    table = dict(data["single"])
    for group in data["pairs"].values():
        for seq, letter in group.items():
            table[seq] = letter
            table.setdefault(seq[0] + seq[1].swapcase(), letter)
    return table


def _word_class(keys: frozenset[str]) -> str:
    """A word's characters: letters, marks and the symbols a legacy encoding writes letters with."""
    symbols = "".join(regex.escape(c) for c in sorted(keys) if not c.isalpha())
    return rf"[\p{{L}}\p{{M}}{symbols}]"


@cache
def _codec(name: str) -> _Codec:
    data = _data()
    if name == "vni":
        table, aliases = _vni_table(data["vni"]), {}
    elif name == "tcvn3":
        chars = data["tcvn3"]["chars"]
        aliases = {a: chars[t] for a, t in data["tcvn3"]["aliases"].items() if t in chars}
        table = {**chars, **aliases}
    else:
        raise ValueError(f"unknown legacy encoding {name!r}; known: {', '.join(ENCODINGS)}")
    keys = frozenset("".join(table))
    return _Codec(name=name, table=table, sequence=regex.compile(alternation(list(table))),
                  word=regex.compile(f"{_word_class(keys)}+"), keys=keys,
                  legacy_only=keys - _viet_letters(), aliases=frozenset(aliases))


def _base(encoding: str) -> tuple[_Codec, bool]:
    """The codec of `encoding` and whether its text shows as capitals (tcvn3h)."""
    if encoding == "tcvn3h":
        return _codec("tcvn3"), True
    return _codec(encoding), False


def _upper(text: str) -> str:
    """Upper case letter by letter, so that the length never changes (no 'ß' -> 'SS')."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def _map(text: str, codec: _Codec) -> str:
    return codec.sequence.sub(lambda m: codec.table[m.group()], text)


def _unpdf(text: str, codec: _Codec) -> str:
    """pdfium turns a line-end 0xAD (TCVN3 'ư', a soft hyphen to it) into U+FFFE and joins the
    lines: put the character and the line break back."""
    if codec.name != "tcvn3" or "\ufffe" not in text:
        return text
    return regex.sub(r"(?<=\p{L})\ufffe", "\u00ad\n", text)


def translate(text: str, encoding: str) -> str:
    """Every legacy character of `text` mapped to Unicode, NFC; no judgement of what is legacy."""
    codec, upper = _base(encoding)
    out = _map(_unpdf(text, codec), codec)
    return unicodedata.normalize("NFC", _upper(out) if upper else out)


def _well_cased(word: str) -> bool:
    """lower, UPPER or Title: TCVN3 read as Latin-1 mixes cases inside a word ('ViÖt')."""
    return word.islower() or word.isupper() or (word[:1].isupper() and (len(word) == 1 or word[1:].islower()))


@cache
def _syllable() -> regex.Pattern[str]:
    data = _data()["syllable"]
    return regex.compile(f"(?:{alternation(data['onsets'])})?(?:{alternation(data['rhymes'])})")


@lru_cache(maxsize=1 << 16)
def is_vietnamese_word(word: str) -> bool:
    """A well-cased Vietnamese syllable: onset, rhyme, one tone at most (sắc/nặng on c/ch/p/t)."""
    if not word or not _well_cased(word) or not all(c in _viet_letters() for c in word):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if len(tones) > 1 or not _syllable().fullmatch(bare):
        return False
    if bare.endswith(tuple(_data()["syllable"]["stops"])):
        return bool(tones) and tones[0] in _STOP_TONES
    return True


def _unicode_only(word: str, codec: _Codec) -> bool:
    """The word holds a Vietnamese letter or accent this encoding cannot write: it is Unicode."""
    return any(unicodedata.combining(c) or (c in _viet_letters() and not c.isascii() and c not in codec.keys)
               for c in word)


def _restore_u_horn(word: str) -> str:
    """Put back a TCVN3 'ư' (byte 0xAD) that a tool dropped as a soft hyphen, where the word is no
    syllable without it and is one with it ('trởng' -> 'trưởng', 'nớc' -> 'nước', 'ơng' -> 'ương')."""
    if is_vietnamese_word(word):
        return word
    for i, c in enumerate(word):
        if unicodedata.normalize("NFD", c)[0] in "oO" and "\u031b" in unicodedata.normalize("NFD", c):
            fixed = word[:i] + ("Ư" if word.isupper() else "ư") + word[i:]
            if is_vietnamese_word(fixed):
                return fixed
    return word


def _restore_caps(word: str, out: str) -> str:
    """ABC fonts have no capitals with a tone mark, so 'QUYÕT' reads 'QUYếT': when every ASCII
    letter of the word is a capital, the writer meant capitals (a .VnTimeH run or style)."""
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    if _well_cased(out) or not ascii_letters or not all(c.isupper() for c in ascii_letters):
        return out
    return _upper(out)


@lru_cache(maxsize=1 << 16)
def _convert_word(word: str, name: str) -> str:
    codec = _codec(name)
    out = unicodedata.normalize("NFC", _map(word, codec))
    return _restore_u_horn(_restore_caps(word, out)) if name == "tcvn3" else out


@lru_cache(maxsize=1 << 16)
def _judge(word: str, name: str) -> str | None:
    """'c' convert, 'k' keep, '?' reads well both ways, None when conversion changes nothing."""
    codec = _codec(name)
    if all(c in codec.aliases for c in word):
        return None                      # a lone minus sign is a minus sign
    conv = _convert_word(word, name)
    unicode = _unicode_only(word, codec)
    if conv == word:
        return "k" if unicode else None
    legacy = any(c in codec.legacy_only for c in word) or (not _well_cased(word) and _well_cased(conv))
    if legacy != unicode:
        return "c" if legacy else "k"
    as_is, converted = is_vietnamese_word(word), is_vietnamese_word(conv)
    if as_is != converted:
        return "c" if converted else "k"
    return "?"


def _settle(marks: list[str | None], lines: list[int]) -> list[str | None]:
    """Give each '?' the decision of the nearer decided word on its line. When both sides are as
    near and disagree, keep the word (do no harm); on a line without any decided word, follow the
    majority of the text (the caller's encoding when there is none)."""
    decided = [i for i, m in enumerate(marks) if m in ("c", "k")]
    majority = "k" if 2 * sum(marks[i] == "k" for i in decided) > len(decided) else "c"
    out = list(marks)
    pos = 0
    for i, m in enumerate(marks):
        if m != "?":
            continue
        while pos < len(decided) and decided[pos] < i:
            pos += 1
        near = sorted((abs(j - i), marks[j]) for j in decided[max(pos - 1, 0):pos + 1] if lines[j] == lines[i])
        if not near:
            out[i] = majority
        elif len(near) == 2 and near[0][0] == near[1][0] and near[0][1] != near[1][1]:
            out[i] = "k"
        else:
            out[i] = near[0][1]
    return out


def convert(text: str, encoding: str) -> str:
    """`text` in `encoding` ('tcvn3', 'tcvn3h', 'vni') as NFC Unicode; words already in Unicode
    are left as they are (see the module docstring)."""
    codec, upper = _base(encoding)
    text = _unpdf(text, codec)
    words = list(codec.word.finditer(text))
    if not words:
        return unicodedata.normalize("NFC", text)
    marks = [_judge(m.group(), codec.name) for m in words]
    lines, line, last = [], 0, 0
    for m in words:
        line += text.count("\n", last, m.start())
        last = m.start()
        lines.append(line)
    final = _settle(marks, lines)
    parts, end = [], 0
    for m, mark in zip(words, final, strict=True):
        parts.append(text[end:m.start()])
        parts.append(_convert_word(m.group(), codec.name) if mark == "c" else m.group())
        end = m.end()
    parts.append(text[end:])
    out = unicodedata.normalize("NFC", "".join(parts))
    is_unicode = "c" not in final and "k" in final
    return _upper(out) if upper and not is_unicode else out


@lru_cache(maxsize=1 << 16)
def _legacy_word(word: str, name: str) -> bool:
    """Proof of `name`: judged legacy, no letter only Unicode writes, and a syllable once converted."""
    codec = _codec(name)
    return (len(word) >= 2 and _judge(word, name) == "c" and not _unicode_only(word, codec)
            and is_vietnamese_word(_convert_word(word, name)))


@lru_cache(maxsize=1 << 16)
def _unicode_word(word: str) -> bool:
    """A word only Unicode can write: a Vietnamese letter beyond Latin-1, or a combining accent."""
    return any(ord(c) > 0xFF and (c in _viet_letters() or unicodedata.combining(c)) for c in word)


@cache
def _detect_words() -> CharRuns:
    """The words detection counts: as TCVN3 writes them (its symbols are letters to it)."""
    return CharRuns(_word_class(_codec("tcvn3").keys))


@lru_cache(maxsize=1 << 16)
def _evidence(word: str) -> int:
    """What a word proves, as bits: 1 TCVN3, 2 VNI, 4 only Unicode writes it."""
    return _legacy_word(word, "tcvn3") | _legacy_word(word, "vni") << 1 | _unicode_word(word) << 2


_NO_PROOF: set[str] = set()     # tokens none of whose words proves a legacy encoding (most of every text)
_NO_PROOF_MAX = 1 << 17          # emptied when it grows past this (a Vietnamese text has a few thousand)


def _may_prove(text: str) -> bool:
    """Whether a word of `text` could prove a legacy encoding (`_evidence` & 3). Only words holding
    a character beyond ASCII can (every legacy sequence holds one). Whitespace is no word character,
    so every word lies inside one whitespace-separated token, and what a token's words prove depends
    on the token alone: `str.split` and a set cut the text to its distinct tokens, those already
    judged are dropped in one set operation (in C, not a Python step per token), and only the words
    of the rest are looked for, ~4x cheaper than finding every word of the text."""
    tokens = set(text.split()) - _NO_PROOF     # `-` walks the tokens, `difference_update` the memo
    if not tokens:
        return False
    words = set(_detect_words().findall(" ".join([t for t in tokens if not t.isascii()])))
    if any(_evidence(w) & 3 for w in words):
        return True
    if len(_NO_PROOF) + len(tokens) > _NO_PROOF_MAX:
        _NO_PROOF.clear()
    _NO_PROOF.update(tokens)                   # an ASCII token too: it is skipped the same way next time
    return False


def detect(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text reads as one of them, else None.

    Counts the words that only the legacy encoding explains (a legacy-only character, and a
    Vietnamese syllable once converted). They must be a tenth of all words and at least half as
    many as the words only Unicode can write: a Unicode document with a few odd symbols or a few
    legacy runs, or an OCR layer that misread 'năm' as 'näm', stays as it is.
    """
    sample = text[:_SAMPLE]
    # without a word that proves a legacy encoding the answer is None whatever the counts (most
    # texts are Unicode): the few words that could prove one are judged before all are counted
    if not _may_prove(sample):
        return None
    words = Counter(_detect_words().findall(sample))
    tcvn3 = vni = unicode_words = 0
    for w, n in words.items():
        if evidence := _evidence(w):
            tcvn3 += n * (evidence & 1)
            vni += n * (evidence >> 1 & 1)
            unicode_words += n * (evidence >> 2)
    best, found = ("vni", vni) if vni > tcvn3 else ("tcvn3", tcvn3)
    total = sum(words.values())
    if found >= _MIN_LEGACY_WORDS and found >= _MIN_LEGACY_SHARE * total and 2 * found >= unicode_words:
        return best
    return None


def _font_core(font: str) -> str:
    """A font name without subset prefix ('ABCDEF+'), style suffix (',Bold', '-Italic') or dot."""
    name = regex.sub(r"^[A-Z]{6}\+", "", font.strip()).split(",")[0].strip()
    styles = alternation(_data()["fonts"]["style_suffixes"], flags_i=True)
    previous = None
    while previous != name:
        previous = name
        name = regex.sub(rf"[-_ ]?{styles}$", "", name).strip()
    return name.lstrip(".").strip()


def encoding_of_font(font: str) -> str | None:
    """The legacy encoding a font name implies: VNI-* is 'vni', .VnTime and kin 'tcvn3', the ABC
    capitals fonts (.VnTimeH, .VnArialH) 'tcvn3h'; None for any other font."""
    rules = _data()["fonts"]
    name = _font_core(font)
    low = name.lower()
    if not low or low.startswith(tuple(rules["not_legacy"])):
        return None
    if low.startswith(tuple(rules["vni"])):
        return "vni"
    if low.startswith(tuple(rules["tcvn3"])):
        return "tcvn3h" if name.endswith(rules["tcvn3_upper_suffix"]) else "tcvn3"
    return None


def fix(text: str) -> tuple[str, str | None]:
    """`text` converted to Unicode when it is in a legacy encoding, and that encoding's name."""
    enc = detect(text)
    return (convert(text, enc), enc) if enc else (text, None)
