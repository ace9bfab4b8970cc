"""The signature block and the list of recipients (`Nơi nhận`) at the end of a document."""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.normalise import is_caps
from vanban.extract.ocr_repair import fold
from vanban.extract.ocr_signature import title_at_end as read_title_at_end

_NAME = regex.compile(r"^(?:\p{Lu}[\p{Ll}']*|\p{Lu}{2,})(?:\s+(?:\p{Lu}[\p{Ll}']*|\p{Lu}{2,})){1,5}$")
_RECIPIENTS = regex.compile(r"(?:^|\n)\s*Nơi\s+nhận\s*:?")


@cache
def _titles() -> regex.Pattern[str]:
    data = load("people")
    prefixes = alternation([p.rstrip("./") for p in data["authority_prefixes"]])
    titles = alternation(data["titles"])      # after a space, or a speck OCR left before it (".GIÁM ĐỐC")
    # what follows the title on its line in capitals: a sub-unit's name ("TRƯỞNG PHÒNG KẾ HOẠCH - TÀI CHÍNH")
    return regex.compile(rf"(?:^|(?<=[\s.,*]))(?:(?P<prefix>{prefixes})\s*[./]\s*)?(?P<title>{titles})"
                         r"(?:\s+(?P<rest>[\p{Lu}\s.-]*))?$")


@cache
def _surnames() -> frozenset[str]:
    return frozenset(s.casefold() for s in load("people")["surnames"])


def _display_title(caps: str) -> str:
    words = caps.lower().split()
    if words[0] == "phó" and len(words) > 1:
        return "Phó " + words[1].capitalize() + "".join(" " + w for w in words[2:])
    return words[0].capitalize() + "".join(" " + w for w in words[1:])


@cache
def _unit_titles() -> frozenset[str]:
    return frozenset(load("people")["unit_titles"])


@cache
def _place_words() -> regex.Pattern[str]:
    """The words after which a place's name follows (`xã`, `huyện`): each of its syllables takes a capital."""
    words = [w for w in load("organisations")["lower_words"] if w not in ("số", "và", "của", "thuộc", "trực thuộc")]
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation(words)})\s+(?P<place>.+)$")


def _unit_case(caps: str) -> str:
    """A sub-unit's name printed in capitals as a title writes it (Nghị định 30/2020: a capital on the first
    letter of its field): `TỔ CHỨC CÁN BỘ` is `Tổ chức cán bộ`, `KẾ HOẠCH - TÀI CHÍNH` is `Kế hoạch - Tài
    chính`, a place after `xã` in capitals (`Y tế xã An Hải`); an abbreviation (`TCCB`) as printed."""
    parts = []
    for part in regex.split(r"\s*-\s*", " ".join(caps.split())):
        words = [w if not _has_vowel(w) else w.lower() for w in part.split()]
        text = " ".join(words)
        place = _place_words().search(text)
        if place:
            text = text[:place.start("place")] + " ".join(w[:1].upper() + w[1:] for w in place.group("place").split())
        parts.append(text[:1].upper() + text[1:])
    return " - ".join(p for p in parts if p)


def _has_vowel(word: str) -> bool:
    """A Vietnamese syllable has a vowel; an abbreviation (`TCCB`, `KHTH`) mostly has none."""
    return any(unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" for c in word)


def _title_of(m: regex.Match[str]) -> str:
    """The signer's title as a title line prints it, its prefix read: `KT.` a deputy, `Q.` the acting head
    (people.toml); the sub-unit a unit's head heads (`TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ`) kept with the title."""
    people = load("people")
    title = _display_title(m.group("title"))
    prefix = (m.group("prefix") or "").upper()
    rest = (m.group("rest") or "").strip(" .-")
    if m.group("title") in _unit_titles() and rest:
        title = f"{title} {_unit_case(rest)}"
    if prefix == "KT" and not title.startswith("Phó "):
        title = people["deputy_of"].get(title, "Phó " + title)   # people.toml deputy_of
    elif prefix == people["acting_prefix"].rstrip("./") and not title.startswith(people["acting_word"]):
        title = f"{people['acting_word']} {title}"
    return title


@cache
def _degree() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A run of degrees before a name (people.toml degree_prefixes), at a segment's start and anywhere."""
    run = rf"(?:(?:{alternation(load('people')['degree_prefixes'], flags_i=True)})(?![\p{{L}}])(?:\s*\.\s*|\s+))+"
    return regex.compile(rf"^(?i:{run})(?=\p{{Lu}})"), regex.compile(rf"(?<![^\s])(?i:{run})(?=\p{{Lu}}\p{{Ll}})")


def without_degree(segment: str) -> str:
    """`segment` without the degrees printed before a signer's name (`BSCKII. Nguyễn Hữu Phước`, `TS.BS
    Nguyễn Hữu Phước`): the name is the person's, the degree neither name nor title."""
    m = _degree()[0].match(segment)
    return segment[m.end():] if m else segment


def _display_name(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split()) if is_caps(name) else name


def is_person_name(segment: str, *, under_title: bool = True) -> bool:
    """A Vietnamese personal name: 2 to 6 capitalised words and a family name we know; right under
    a signer's title, a name with another family name counts when underthesea's NER reads every
    word of it as a person."""
    if len(segment) > 45 or not _NAME.match(segment):
        return False
    if segment.split()[0].casefold() in _surnames():
        return True
    return under_title and not segment.isupper() and _ner_says_person(segment)


@cache
def _ner_says_person(segment: str) -> bool:
    try:
        from underthesea import ner
    except ImportError:                      # pragma: no cover - underthesea is a dependency
        return False
    tags = ner(_display_name(segment))
    return bool(tags) and all(t[-1].endswith("PER") for t in tags)


_RECIPIENTS_LABEL = regex.compile(r"^Nơi\s+nhận\s*:?\s*")
_SIGNED_NOTE = regex.compile(r"^\((?:đã|Đã)?\s*(?:ký|Ký)[^)]*\)\s*")
_BULLETS = ("-", "+", "•", "*")
_BULLET = regex.compile(r"^[-+•*]\s*")


@cache
def _title_start() -> regex.Pattern[str]:
    return regex.compile(rf"{alternation(load('people')['titles'])}(?![\p{{L}}])")


def starts_with_title(line: str) -> bool:
    """A line that opens with a signer's title: `CHỦ TỊCH UBND THỊ TRẤN ...`, `GIÁM ĐỐC SỞ Y TẾ`."""
    return bool(_title_start().match(line))


def title_at_end(segment: str) -> regex.Match[str] | None:
    """A signer's title (`GIÁM ĐỐC`, `KT. CHỦ TỊCH`) ending a segment; two-column layouts read as
    one line put it after a recipient ("- Thường trực Thị uỷ (b/c); CHỦ TỊCH")."""
    m = _titles().search(segment)
    return m if m and is_caps(m.group()) else None


def _blocks(text: str) -> list[list[str]]:
    """Paragraphs where a signature may sit, the main document's first: around each `Nơi nhận`, up
    to the header of an annex or a form that follows it; without one, before any annex."""
    paras = text.split("\n")
    first = text.find("Nơi")               # a label holds it: no line before the first one can be one
    start = text.count("\n", 0, first) if first >= 0 else len(paras)
    idx = [i for i in range(start, len(paras)) if "Nơi" in paras[i] and _RECIPIENTS.match(paras[i])]
    if not idx:
        annex = next((i for i, p in enumerate(paras) if regex.match(r"^\s*PHỤ LỤC\b", p)), len(paras))
        return [paras[max(0, annex - 20):annex]]
    out = []
    for i in idx:
        block = []
        for para in paras[max(0, i - 4):i + 25]:
            if _next_part().search(para) and block:
                break
            block.append(para)
        out.append(block)
    return out


@cache
def _next_part() -> regex.Pattern[str]:
    """What opens the next part after a signature: an annex's or a form's header, a motto."""
    return regex.compile(r"(?:^|\t)[\s.]*(?:" + "|".join(load("layout")["next_part"]) + ")")


def opens_next_part(line: str) -> bool:
    return bool(_next_part().search(line))


@cache
def _run_on_res() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A title and a name read onto one line, and the titles alone: compiled once."""
    titles = alternation(load("people")["titles"])
    return (regex.compile(rf"(?P<title>{titles})(?:[ \t]+\p{{Lu}}{{2,}})*[ \t]+"
                          r"(?P<name>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}*){1,4})(?=[ \t]+\p{Lu}{2,}|[ \t]*$)"),
            regex.compile(titles))


def _run_on(seg: str) -> tuple[str, str] | None:
    """(title, name) from a signature read onto one line: `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A CHƯƠNG ...`."""
    run_on, titles = _run_on_res()
    m = run_on.search(seg)
    if m and is_person_name(m.group("name")):
        last = list(titles.finditer(seg, pos=m.start(), endpos=m.start("name")))[-1]
        return _display_title(last.group()), m.group("name")
    return None


# a sign standing alone between the words of a name under a title: OCR's reading of the pen's stroke
_SPECK = regex.compile(r"(?<=\p{L})\s+[^\p{L}\d\s]{1,2}(?=\s+\p{L})")


_NOT_LETTER = regex.compile(r"[^\p{L}\s]")


def _bare(text: str) -> str:
    """Letters without their marks (`GIÁM ĐỐC` and OCR's `GIAM ĐỌC` are both `giam doc`): ocr_repair's fold."""
    return " ".join(_NOT_LETTER.sub("", fold(text)).split())


def _repeats_title(seg: str, head: str) -> bool:
    """A second title line under the head's own that reads as it again, its marks lost to OCR
    (`.GIÁM ĐỐC` / `"nh GIAM ĐỌC`): the deputy's `PHÓ GIÁM ĐỐC` under `KT. GIÁM ĐỐC`, its `PHÓ` and the
    `KT.` both unread. A name or a line of the body is never that short and never ends so."""
    bare, words = _bare(seg), len(head.split())
    return (len(seg) <= 30 and not seg.startswith(("-", "+")) and " ".join(seg.split()[-words:]).isupper()
            and bare != _bare(head) and bare.endswith(" " + _bare(head)))     # not "- Ban Giám đốc;"


def _wraps(title_seg: str, seg: str) -> bool:
    """`seg` ends the sub-unit of a head's title the cell wrapped: a word or two in capitals, with
    vowels (not a filing code like `TCCB`), under a title that names a sub-unit."""
    words = seg.split()
    if not 0 < len(words) <= 2 or not seg.isupper() or not all(_has_vowel(w) for w in words):
        return False
    m, joined = title_at_end(title_seg), title_at_end(f"{title_seg} {seg}")
    return bool(m and joined and m.group("title") in _unit_titles() and (joined.group("rest") or "").strip())


_UNREAD = regex.compile(r"[\p{L}\d]|\S\s*\S")


def _title_read(seg: str) -> tuple[regex.Match[str], bool] | None:
    """The title ending `seg` and whether what OCR left before it may be an unread authority prefix.

    A title as printed matches at once; one OCR misread (`GIẢÁM ĐÓC`, `HÓ GIÁM ĐỐC`, specks after it)
    is matched with the catalogue's spelling put back (ocr_signature.title_at_end). Letters or a run
    of signs before it that are no prefix (`V*Y. GIÁM ĐÓC`: a handwritten `KT.`) leave the signer's
    office open: a deputy signs for the head under `KT.`, someone else under `TL.`."""
    m = title_at_end(seg)
    read = read_title_at_end(seg) if len(seg) <= 40 and (not m or m.start()) else None
    if m and (read is None or len(read[0]) <= len(m.group("title"))):    # `HÓ GIÁM ĐỐC` is a Phó's
        before = seg[:m.start()].strip()         # `'^Ÿ GIÁM ĐỐC`; a recipient run onto it is longer
        return m, 0 < len(before) <= 6 and bool(_UNREAD.search(before))
    if read is None:
        return None
    rebuilt = f"{read[1]} {read[0]}".strip()
    m = title_at_end(rebuilt)
    return (m, bool(_UNREAD.search(rebuilt[:m.start()]))) if m else None


# a recipient's line that ends, after its own ";" or ".", with the signer's name set beside it: the
# column of recipients ran longer than the signing space ("- Các khoa, phòng; Trần Minh Đức")
_NAME_AFTER_ITEM = regex.compile(r"^(?P<item>[-+•*].*[;.])[ \t]+"
                                 r"(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4})[ \t]*$")


def name_after_item(seg: str) -> tuple[str, str] | None:
    """(the recipient, the name) of a recipient's line that ends with a person's name."""
    m = _NAME_AFTER_ITEM.match(seg)
    if m and is_person_name(m.group("name"), under_title=False):
        return m.group("item"), m.group("name")
    return None


def _signer_in(block: list[str]) -> tuple[bool, dict | None]:
    """(a title was seen, the signer) in one block; a title whose prefix OCR could not read is no
    guess: the signer's title is null, and `title_read` keeps the line as read (uncertain.py)."""
    title, doubt, title_seg = None, None, ""
    for para in block:
        for seg in (s.strip() for s in para.split("\t")):
            seg = _RECIPIENTS_LABEL.sub("", seg)
            seg = _SIGNED_NOTE.sub("", seg)      # "(đã ký) Nguyễn Thị ..."
            read = _title_read(seg)
            if title and not title.startswith("Phó ") and (not read or read[1]) and _repeats_title(seg, title):
                title, doubt, title_seg = load("people")["deputy_of"].get(title, "Phó " + title), None, ""
                continue
            if read:
                again = _title_of(read[0])
                # the same title again (its line read twice) leaves an unread prefix unread
                title, doubt = again, seg if read[1] else doubt if again == title else None
                title_seg = seg
                continue
            if title_seg and _wraps(title_seg, seg):     # "TRƯỞNG PHÒNG TỔ CHỨC CÁN" / "BỘ"
                title_seg = f"{title_seg} {seg}"
                title = _title_of(title_at_end(title_seg))     # type: ignore[arg-type]
                continue
            title_seg = ""
            beside = name_after_item(seg) if title else None
            if beside:
                seg = beside[1]
            seg = without_degree(seg)
            seg = " ".join(_SPECK.sub(" ", seg).split()) if title else seg   # a pen's stroke read as a sign
            if is_person_name(seg, under_title=title is not None) and (title or not seg.isupper()):
                if doubt:
                    return True, {"name": _display_name(seg), "title": None, "title_read": doubt}
                return True, {"name": _display_name(seg), "title": title}
            found = _run_on(seg) or _run_on(_degree()[1].sub("", seg))
            if found:
                return True, {"name": found[1], "title": found[0]}
    return title is not None, None


def find_signer(text: str) -> dict | None:
    """{"name", "title"} of the person who signs, or None when the text has no signature (or its
    signature block has a title and no name, as a draft or a copy has); with `title_read`, the
    title line as OCR read it when its prefix could not be read (the title is then null)."""
    for block in _blocks(text):
        titled, signer = _signer_in(block)
        if signer or titled:
            return signer
    return None


_LAST_NON_SPACE = regex.compile(r"(?r)\S")


def _last_recipients_label(text: str) -> regex.Match[str] | None:
    """The last `Nơi nhận` label that a scan of the whole text finds. Every label holds `Nơi`, and
    one starts at a line break in the run of spaces before it: none can start before the run ahead
    of the first `Nơi`, so the scan starts there (~0.4 ms a report saved, the label sits at the end)."""
    first = text.find("Nơi")
    if first < 0:
        return None
    before = _LAST_NON_SPACE.search(text, 0, first)
    labels = list(_RECIPIENTS.finditer(text, before.end() if before else 0))
    return labels[-1] if labels else None


def _signature_line(seg: str) -> bool:
    """A line of the signature's column that OCR put between two recipients (a title, the name): the
    list goes on after it, as past any line in capitals (a title wrapped in its cell)."""
    return bool(_title_read(seg)) or is_person_name(without_degree(seg), under_title=False)


def find_recipients(text: str) -> list[str]:
    """The lines under `Nơi nhận:`, without their dashes and final punctuation."""
    label = _last_recipients_label(text)
    if label is None:
        return []
    out: list[str] = []
    rest = text[label.end():].split("\n")
    first = rest[0].split("\t")[0].strip()
    lines = ([first] if first else []) + rest[1:]
    for line in lines:
        seg = line.split("\t")[0].strip()
        if not seg.startswith(_BULLETS):
            if out and ((not seg.isupper() and not _signature_line(seg)) or opens_next_part(line)):
                break
            continue
        title = title_at_end(seg)
        if title and title.start() > 0:
            seg = seg[:title.start()]
        beside = name_after_item(seg)
        if beside:
            seg = beside[0]
        item = _BULLET.sub("", seg).rstrip(" ;,.")
        if item:
            out.append(item)
        if item.startswith("Lưu"):          # the file copy closes the list
            break
    return out
