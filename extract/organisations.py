"""Organisation names in running text: the issuer after "của", the unit that writes a report."""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from vanban.extract.catalogue import alternation, issuer_code, load

_TOKEN = regex.compile(r"[^\s,;.:!?()\[\]“”\"'…]+")
_MAX_WORDS = 16
_NUMBER_IN_NAME = regex.compile(r"(?:số|thứ|khoa|Khoa)\s*$")
# "Ban Chấp hành Trung ương khóa XII": the term of a body is part of its name
_TERM = regex.compile(r"(?:khóa|khoá|Khóa|Khoá)[ \t]+(?:[IVXLC]{1,6}|\d{1,2})(?![\p{L}\d])")
_TOPIC = regex.compile(r"(?:về|V/v|quy định|hướng dẫn|ban hành|ngày|năm|và|khóa|khoá|nhiệm kỳ)(?![\p{L}])")


# an issuer code standing for its body ("của SYT"): capitals, maybe a lower-case letter ("TTg"), digits
_CODE = regex.compile(r"\p{Lu}[\p{Lu}\p{Ll}\d&]{1,11}(?![\p{L}\d/-])")
_LOWER_START = regex.compile(r"[ \t]+\p{Ll}|[ \t]*$")
_PLACE_NAME = regex.compile(r"(?:[ \t]+\p{Lu}\p{Ll}*(?![\p{L}\d]))+")

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _typed_twice(words: list[str]) -> list[str]:
    """Each word with one of its vowels typed twice, bare then marked or marked twice ("Thủ tưướng"):
    a slip of the keyboard met in real texts, which must not hide the body that issued a document."""
    out = []
    for word in words:
        for k, ch in enumerate(word):
            if unicodedata.normalize("NFD", ch)[0].lower() not in "aeiouy":
                continue
            bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONES))
            out += [word[:k] + extra + word[k:] for extra in {bare, ch}]
    return out


@cache
def _title() -> regex.Pattern[str]:
    """An office holder's title (organisations.toml `titles`), as one whole match."""
    titles = load("organisations")["titles"]
    return regex.compile(alternation(titles + _typed_twice(titles), flags_i=True) + r"(?![\p{L}\d])")


@cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    data = load("organisations")
    words = data["heads"] + data["titles"]
    heads = regex.compile(r"(?=\p{Lu})" + alternation(words + _typed_twice(words), flags_i=True) + r"(?![\p{L}\d])")
    verbs = [v for w in data["verb_stops"] for v in (w, w[:1].upper() + w[1:]) if v not in _name_verbs()]
    stops = regex.compile(alternation(data["stops"] + verbs) + r"(?![\p{L}\d])")
    return heads, stops


@cache
def _name_verbs() -> frozenset[str]:
    """One-word verbs written with a capital ("Giao", "Tách"): a verb after a name, or a syllable of it."""
    data = load("organisations")
    return frozenset(w[:1].upper() + w[1:] for w in data["verb_stops"] if " " not in w) - set(data["stops"])


@cache
def _place() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A level word that a place name follows ("thị trấn"), at a word's end / before a word."""
    levels = alternation(load("organisations")["place_levels"])
    return (regex.compile(rf"(?<![\p{{L}}]){levels}[ \t]+$"),
            regex.compile(rf"[ \t]+{levels}(?![\p{{L}}])"))


def _name_syllable(text: str, j: int, word_end: int) -> bool:
    """A capitalised one-word verb at `j` is a syllable of a place name, not what the document does:
    right after a level word ("xã Giao Thủy": a place has a name), or before what follows an issuer
    ("Ngãi Giao ban hành": a verb would have an object; organisations.toml `after_name`)."""
    return bool(_place()[0].search(text, max(0, j - 12), j)) or _ends_issuer(text, word_end, _after_name())


@cache
def _phrases() -> regex.Pattern[str]:
    """Fixed phrases of a name that hold a comma ("phòng, chống")."""
    return regex.compile(alternation(load("organisations")["name_phrases"], flags_i=True) + r"(?![\p{L}\d])")


@cache
def _numbered() -> regex.Pattern[str]:
    """A head word a body's number follows ("Ban Chỉ đạo 35"), at the end of what was read."""
    heads = alternation(load("organisations")["numbered_heads"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){heads}[ \t]+$")


@cache
def _after_name() -> regex.Pattern[str]:
    return regex.compile(alternation(load("organisations")["after_name"]) + r"(?![\p{L}\d])")


@cache
def _ministries() -> regex.Pattern[str]:
    """A ministry's full name ("Bộ Tài chính"): whole, nothing but a term or a second body follows."""
    names = [c["name"] for c in load("issuers")["code"] if c.get("level") == "ministry" and c["name"].startswith("Bộ ")]
    names += [n for n in load("organisations")["known_names"] if n.startswith("Bộ ")]
    return regex.compile(alternation(names) + r"(?![\p{L}\d])")


@cache
def _known() -> regex.Pattern[str]:
    names = sorted(load("organisations")["known_names"], key=len, reverse=True)
    body = "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names)
    return regex.compile(rf"(?i:{body})(?![\p{{L}}\d])")


@cache
def _known_or_ministry() -> regex.Pattern[str]:
    """A known name, else a ministry's full name, as one alternation: what `_known().match(...) or
    _ministries().match(...)` gives, in one match at each word of a name."""
    return regex.compile(f"(?:{_known().pattern})|(?:{_ministries().pattern})")


def starts_org(text: str, pos: int) -> bool:
    heads, _ = _patterns()
    return bool(heads.match(text, pos))


@cache
def _unit_heads() -> regex.Pattern[str]:
    return regex.compile(rf"{alternation(load('organisations')['unit_heads'], flags_i=True)}(?![\p{{L}}\d])")


@cache
def _central() -> regex.Pattern[str]:
    data = load("organisations")
    national = alternation(data["national_ends"], flags_i=True)
    return regex.compile(rf"{alternation(data['central_heads'], flags_i=True)}(?![\p{{L}}\d])"
                         rf"|.*(?<![\p{{L}}]){national}$")


def is_central(name: str | None) -> bool:
    """A body of the central state or Party (Bộ Y tế, Quốc hội, Ban Bí thư), or one of the whole country
    (Công đoàn Giáo dục Việt Nam): its place, Hà Nội, is where it sits, not its province."""
    return bool(name) and bool(_central().match(name.strip()))


def starts_unit(line: str) -> bool:
    """A header line that opens a new body (`SỞ Y TẾ`, `TỔ CÔNG TÁC`), not the rest of the one above."""
    return bool(_unit_heads().match(line))


def _ends_issuer(text: str, pos: int, words: regex.Pattern[str] = _TOPIC) -> bool:
    """What may follow an issuer's name: the document's subject (`words`), a date, punctuation, the end."""
    rest = text[pos:pos + 20].lstrip(" \t")
    return not rest or rest[0] in ",;.:()\n" or bool(words.match(rest))


def read_org(text: str, pos: int, *, extra_stops: tuple[str, ...] = ()) -> tuple[str, int] | None:
    """The organisation name that starts at `pos` and the offset where it ends.

    A name opens with a head word (Sở, Bộ, UBND, Ban Thường vụ, ...) or an office holder's title
    (Giám đốc, Thống đốc, ...) and runs until a word that starts what follows it ("về việc",
    "quy định", "ngày", "chưa") or punctuation. A comma or "và" followed by another head word joins
    a second body ("Bộ Chính trị, Ban Bí thư"), or a second title after a title alone.
    """
    heads, stops = _patterns()
    m = _known_or_ministry().match(text, pos) or heads.match(text, pos)
    if not m:
        return None
    end = m.end()
    i = end
    words = 0
    whole = bool(_ministries().fullmatch(m.group()))   # only a term or a second body may follow it
    while words < _MAX_WORDS:
        j = i
        while j < len(text) and text[j] in " \t":
            j += 1
        if j >= len(text):
            break
        ch = text[j]
        if ch == "," or text.startswith("và ", j):
            k = j + (1 if ch == "," else 3)
            while k < len(text) and text[k] == " ":
                k += 1
            second = read_org(text, k, extra_stops=extra_stops) if heads.match(text, k) else None
            bare_title = end == m.end() and bool(_title().fullmatch(m.group()))
            if second and (_ends_issuer(text, second[1]) or (bare_title and _title().match(second[0]))):
                end = i = second[1]      # "Bộ Chính trị, Ban Bí thư về ...": two bodies, one issuer
            break                        # "Bộ trưởng, Chủ nhiệm ...": a title alone names no one
        term = _TERM.match(text, j)
        if term:
            i = end = term.end()
            words += 2
            continue
        if whole:
            dash = regex.match(r"[-–][ \t]+", text[j:j + 4])
            if not (dash and heads.match(text, j + dash.end())):
                break
            i, whole = j + dash.end(), False     # "Bộ Y tế - Bộ Tài chính": a second body, joint
            continue
        known = _known_or_ministry().match(text, j)
        if known:                        # "Bộ Thông tin và Truyền thông": read whole
            i = end = known.end()
            words += len(known.group().split())
            whole = bool(_ministries().fullmatch(known.group()))
            continue
        phrase = _phrases().match(text, j)
        if phrase:                       # "Ban Chỉ đạo phòng, chống dịch": the comma is the name's
            i = end = phrase.end()
            words += len(phrase.group().split())
            continue
        if stops.match(text, j) or any(text.startswith(s, j) for s in extra_stops):
            break
        tok = _TOKEN.match(text, j)
        if not tok:
            break
        word = tok.group()
        if word in _name_verbs() and not _name_syllable(text, j, tok.end()):
            break                        # "tỉnh Bình Phước Tách phòng ...": what the document does
        if word[0].isdigit() and not _NUMBER_IN_NAME.search(text, max(0, j - 12), j) \
                and not _numbered().search(text, max(0, j - 24), j) and not _place()[1].match(text, tok.end()):
            break                        # a number is part of a name after "số", "thứ", "Ban Chỉ đạo", or before "tỉnh"
        if ("/" in word or word.startswith("-")) and word != "-":
            break
        i = end = tok.end()
        words += 1
    name = text[pos:end].strip(" -")
    return (name, pos + len(name)) if name else None


def read_coded(text: str, pos: int) -> tuple[str, int] | None:
    """A body named by its issuer code (issuers.toml) at `pos`, maybe with its place ("SYT",
    "SYT tỉnh Gia Lai"), and where it ends; none when a code is only the start of something else
    ("SYT Gia Lai" with no level word, "SYT-VP")."""
    m = _CODE.match(text, pos)
    if not m or not sum(c.isupper() for c in m.group()) >= 2 or issuer_code(m.group()) is None:
        return None
    end = m.end()
    level = _place()[1].match(text, end)
    if level and (place := _PLACE_NAME.match(text, level.end())):
        end = place.end()                # "SYT tỉnh Gia Lai"
    rest = text[end:end + 2]
    if rest and rest[0] not in ",;.:()\n" and not _LOWER_START.match(rest):
        return None                      # "của SYT Gia Lai": not a code alone
    return text[pos:end], end
