"""The issuer block of a header (Nghị định 30/2020/NĐ-CP, Phụ lục I): the parent body above the
issuing body, top left, however the two columns of the header reached the text.

Text arrives with the columns read line by line (`ỦY BAN NHÂN DÂN⏎TỈNH NINH BÌNH`), run together
on one line (`UBND TỈNH X SỞ Y TẾ`), split by table pipes (turned into tabs when lines are
cleaned), or with a line broken anywhere inside a name. A body's line opens with a head word
(`SỞ`, `BQL`, `TRUNG TÂM`); a title alone (`THỦ TƯỚNG`) goes on into the line below; pieces of
the national motto and dates are never part of a body.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.normalise import is_caps, strip_motto
from vanban.extract.ocr_repair import fold
from vanban.extract.organisations import starts_unit

_RULE = regex.compile(r"[-_=.*~o0\s]+")          # "-------", "*****" under a name
_CODE = regex.compile(r"\S*\d\S*")                # a filing code ("XV80")
# OCR's specks on a name in capitals: quotes anywhere ("SỞ Y“ TẾ"), marks before its first letter
# or after its last ("'SỞ Y TẾ -", "KIÊN GIANG:"), a letter glued by an underscore ("Ý_UBND"); a
# name has none of them
_SPECKS = regex.compile(r"[“”\"'`‘’]|^(?:[^\p{L}\d]+|\p{L}_+)+|(?<=[\p{L}\d])[\s\-:;,._~]+$")
_PLACE_WORDS = r"(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)"


@cache
def _motto_words() -> tuple[tuple[str, ...], ...]:
    """Each capitalised motto as its words (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`)."""
    return tuple(tuple(m.split()) for m in load("layout")["mottos"] if is_caps(m) and len(m.split()) > 4)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short strings (a motto's word as read and as printed)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@cache
def _slip_letters() -> int:
    return int(load("layout")["motto_slip_letters"])


@cache
def _budget(motto: tuple[str, ...]) -> int:
    """The letters a piece of a motto may have wrong: one in every `motto_slip_letters` of its letters."""
    return len(fold(" ".join(motto))) // _slip_letters()


def near_motto(read: list[str] | tuple[str, ...], motto: list[str] | tuple[str, ...]) -> bool:
    """The words `read` are the motto's words `motto`, or a piece of it damaged by a letter or two (OCR,
    a font's lost glyph: `CỘNG HỊA`): marks aside, as OCR repairs compare (ocr_repair.fold), one letter
    wrong in every `motto_slip_letters` of the piece's letters; a short piece must be exact."""
    if len(read) != len(motto):
        return False
    if all(r.upper() == m.upper() for r, m in zip(read, motto, strict=True)):
        return True
    budget = _budget(tuple(motto))
    if budget == 0:
        return False
    pairs = list(zip(read, motto, strict=True))
    # a word whose first letter differs costs an edit at least: most lines fail here, none folded whole
    if sum(_folded(r[:1]) != _folded(m[:1]) for r, m in pairs) > budget:
        return False
    wrong = [(a, b) for r, m in pairs if (a := _folded(r)) != (b := _folded(m))]
    return len(wrong) <= budget and sum(_edits(r, m) for r, m in wrong) <= budget


@lru_cache(maxsize=1 << 14)
def _folded(word: str) -> str:
    return fold(word)


@cache
def _all_mottos() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(m.split()) for m in load("layout")["mottos"])


def is_motto(line: str) -> bool:
    """A whole line that is a motto, even damaged by a letter or two (`CỘNG HỊA XÃ HỘI ...`)."""
    words = line.split()
    return any(near_motto(words, motto) for motto in _all_mottos())


def _goes_on_in(following: str, rest: tuple[str, ...]) -> bool:
    """The motto goes on (`rest`, its words not yet seen) at the end of the line `following`."""
    words = following.split()
    return any(near_motto(words[-k:], rest[:k]) for k in range(1, min(len(words), len(rest)) + 1))


def drop_motto_pieces(line: str, begun: int = 0, following: str = "") -> tuple[str, int]:
    """A caps line without a piece of a motto broken across the columns, and how many of the motto's
    words have been seen: `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ` loses `CỘNG HÒA XÃ` (3 seen); the next line
    `TỈNH NINH BÌNH HỘI` then loses `HỘI`, the word that goes on from there. Its first two words
    alone are also a commune's name (`UBND XÃ CỘNG HÒA`): the motto's only where it goes on in the
    line `following`. A piece damaged by a letter or two is still the motto's (`near_motto`); a whole
    line of it leaves nothing."""
    words = line.split()
    if is_motto(line):
        return "", 0
    for motto in _motto_words():
        if begun:
            for n in range(len(motto) - begun, 0, -1):     # the motto going on from where it broke
                if near_motto(words[-n:], motto[begun:begun + n]) and len(words) > n:
                    return " ".join(words[:-n]), 0
        for n in range(len(motto), 1, -1):                  # a prefix of the motto ending the line
            if near_motto(words[-n:], motto[:n]) and len(words) > n \
                    and (n > 2 or _goes_on_in(following, motto[n:])):
                return " ".join(words[:-n]), n
        # its tail ending the line; never its last two words alone: `VIỆT NAM` also ends the name of a
        # national body (`CÔNG ĐOÀN GIÁO DỤC VIỆT NAM`)
        for n in range(len(motto) - 1, 2, -1):
            if near_motto(words[-n:], motto[-n:]) and len(words) > n:
                return " ".join(words[:-n]), 0
    return line, 0


@cache
def _org_title() -> regex.Pattern[str]:
    """A mass organisation's heading (layout.toml `org_titles`) ending a line of the issuer block."""
    titles = [regex.escape(t).replace(r"\ ", r"\s+") for t in load("layout")["org_titles"]]
    return regex.compile(rf"(?:^|\s+)(?:{'|'.join(titles)})$")


@cache
def _second_body() -> regex.Pattern[str]:
    """Where a second body starts on the line of the first: after a place (`UBND TỈNH BẮC NINH SỞ Y TẾ`)."""
    heads = [h.upper() for h in load("organisations")["unit_heads"] if h.upper() not in ("ỦY BAN", "UỶ BAN")]
    return regex.compile(rf"(?<={_PLACE_WORDS}(?:\s+\p{{Lu}}+){{1,4}})\s+(?={alternation(heads)}\s)")


@cache
def _title_only() -> regex.Pattern[str]:
    return regex.compile(rf"{alternation(load('people')['titles'])}")


def _split_line(line: str) -> list[str]:
    """One caps line holding a parent and its unit, each a body of its own."""
    m = _second_body().search(line)
    return [line[:m.start()].strip(), line[m.end():].strip()] if m else [line]


def _motto_begun(para: str) -> tuple[tuple[str, ...], int] | None:
    """The motto and how many of its words the other columns of a line end with: a narrow right cell
    wraps `CỘNG HÒA XÃ HỘI CHỦ NGHĨA` / `VIỆT NAM`, the rest on a line of its own under the issuer."""
    words = " ".join(para.split("\t")[1:]).split()
    for motto in _motto_words():
        for n in range(min(len(motto) - 1, len(words)), 1, -1):
            if near_motto(words[-n:], motto[:n]):
                return motto, n
    return None


def _goes_on(segment: str, begun: tuple[tuple[str, ...], int] | None) -> bool:
    """The whole line is the rest of a motto the line above began in its other column."""
    if not begun or not segment:
        return False
    motto, n = begun
    words = segment.split()
    return n + len(words) <= len(motto) and near_motto(words, motto[n:n + len(words)])


def _after_motto(line: str) -> str | None:
    """A body's name that OCR ran onto the motto in the right column (`SỞ Y TẾ HÀ NỘI ⇥ CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA VIỆT NAM TRUNG TÂM Y TẾ MÊ LINH`): the left column's next line, standing below."""
    for column in line.split("\t")[1:]:
        words = column.split()
        for motto in _motto_words():
            rest = " ".join(words[len(motto):])
            if len(words) > len(motto) and near_motto(words[:len(motto)], motto) and is_caps(rest) \
                    and starts_unit(rest):
                return _SPECKS.sub("", rest).strip()
    return None


_TRAILING_RULE = regex.compile(r"\s*[-*=_]{3,}\s*$")


def header_units(paras: list[tuple[int, str]], anchor: int | None) -> list[str]:
    """The bodies named in capitals in the header block above `anchor` (the `Số:` line, else the
    type line), parent first and issuer last."""
    if anchor is None:
        return []
    idx = max(i for i, (pos, _) in enumerate(paras) if pos <= anchor)
    lines: list[str] = []
    window = paras[max(0, idx - 10):idx + 1]
    carried = [_motto_begun(para) for _, para in window]
    for w in range(len(window) - 1, -1, -1):
        pos, para = window[w]
        segment = para[: anchor - pos] if pos <= anchor < pos + len(para) + 1 else para
        spill = _after_motto(segment)
        if spill:                            # the left column's next line, read onto the motto's
            lines.append(spill)
        segment = segment.split("\t")[0].strip()
        if w and _goes_on(segment, carried[w - 1]):
            continue                # "VIỆT NAM" under "SỞ Y TẾ …<tab>CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
        if segment and not _RULE.fullmatch(segment):
            segment = _org_title().sub("", _SPECKS.sub("", segment).strip())
        if not segment or _RULE.fullmatch(segment) or _CODE.fullmatch(segment):
            continue
        if segment.startswith(("Số", "SỐ:")) or segment.startswith("Độc lập") or _is_type_line(segment) \
                or is_motto(segment):
            continue
        if not is_caps(segment):
            break
        lines.append(segment)
    block = strip_motto("\n".join(reversed(lines)), keep_lines=True)
    units: list[str] = []
    begun = 0
    rows = _mend_heads([x.strip() for x in block.split("\n")])
    for k, raw in enumerate(rows):
        following = next((r for r in rows[k + 1:] if r), "")
        line, begun = drop_motto_pieces(raw, begun, following) if raw else (raw, begun)
        line = _TRAILING_RULE.sub("", line)
        if not line or not is_caps(line):
            continue
        for piece in _split_line(line):
            joins = units and (not starts_unit(piece) or len(units[-1].split()) == 1
                               or _title_only().fullmatch(units[-1]))
            if joins:                        # "ỦY" / "BAN NHÂN DÂN"; "THỦ TƯỚNG" / "CHÍNH PHỦ"
                units[-1] = f"{units[-1]} {piece}"
            else:
                units.append(piece)
    return units[-3:]


@cache
def _head_prefixes() -> frozenset[str]:
    """The opening words of head words of more than one word (`TRUNG` of `TRUNG TÂM`)."""
    out = set()
    for head in load("organisations")["unit_heads"]:
        words = head.upper().split()
        out.update(" ".join(words[:i]) for i in range(1, len(words)))
    return frozenset(out)


def _mend_heads(lines: list[str]) -> list[str]:
    """A head word broken over two lines (`TRUNG` / `TÂM Y TẾ`) made whole again."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].upper() in _head_prefixes() and starts_unit(f"{out[-1]} {line}"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


@cache
def type_line() -> regex.Pattern[str]:
    """A document's type line in capitals (`BÁO CÁO`, `QUYẾT ĐỊNH V/v ...`)."""
    names = [t["name"] for t in load("doc_types")["type"]]
    return regex.compile(rf"^\s*(?P<type>{alternation([n.upper() for n in names])})(?![\p{{L}}])\s*(?P<rest>.*)$")


def _is_type_line(line: str) -> bool:
    return bool(type_line().fullmatch(line))


# "( Ban hành kèm theo Quyết định số …05…./2006/ QĐ-UBND, ngày …25..tháng 01 năm 2006 ...)": a
# regulation or programme attached to a decision takes its number and date from that decision.
_FILL = r"[.…_ \t]*"
ANNEXED = regex.compile(
    rf"(?:[Bb]an hành\s+)?(?:[Kk]èm theo)\s+(?P<tw>\p{{L}}+(?:\s\p{{Ll}}+){{0,2}})\s+số\s*:?{_FILL}"
    rf"(?P<num>\d{{1,5}}[a-z]?)?{_FILL}(?P<rest>/\s*(?:(?:19|20)\d\d\s*/\s*)?\p{{Lu}}[^\s,;)]*(?:\s*-\s*\p{{Lu}}[^\s,;)]*)?)"
    rf"(?:\s*,?\s*ngày{_FILL}(?P<d>\d{{1,2}})?{_FILL}(?:[/.-]|\s*tháng){_FILL}(?P<m>\d{{1,2}})?{_FILL}"
    rf"(?:[/.-]|\s*năm)\s*(?P<y>\d{{4}}))?"
)
