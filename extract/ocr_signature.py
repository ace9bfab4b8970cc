"""A second OCR pass over a signature block whose signer's name the page's reading lost.

On a signed and stamped paper the stamp sits over the signature and half over the title, and the
name is printed in bold under them: Tesseract's page segmentation takes the stamp, the pen's stroke
and the name for one picture and drops the lot (the Kiên Giang scans: `Nơi nhận:  GIÁM ĐÓC` and no
name). Read alone, as sparse text (`--psm 11`, then as one block, `--psm 6`), the region under the
title gives the name back with a typed word's confidence. Only the names and the titles of that
reading are kept (never the stamp's letters), each as a line of its own where it stands on the page.

The pass runs only where it is needed: a page with a recipients label (`Nơi nhận`) and no name in
the signature's region; about 0.2-0.5 s for the region, against 1-3 s for the page.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import regex

from vanban.extract.catalogue import load
from vanban.extract.ocr import OcrLine, OcrPage, Word
from vanban.extract.ocr_repair import fold

if TYPE_CHECKING:
    from PIL.Image import Image

    from vanban.extract.ocr_cache import Ocr

# the region, in fractions of the page: the signature's column, from a little above its title (or
# the label beside it) to where the name under a stamp ends
_LEFT, _ABOVE, _BELOW, _TITLES_ABOVE = 0.40, 0.03, 0.30, 0.25
# dark pixels left of a name: a bold word lost there fills 0.47 of its space, the pen's stroke across it 0.11
_INK = 0.20
_BLANK = 0.002          # fewer dark pixels: no signature there (unsigned copies 0.0004-0.0008; signed 0.0032-0.08)
_PSMS = (11, 6)          # sparse text finds the name under a stamp best; one block the rest (bench: see docstring)

_LABEL = regex.compile(r"^[\W_]{0,3}\w{0,2}oi\s+nhan\b")          # folded "Nơi nhận", its N often misread
_WORD = regex.compile(r"\p{Lu}\p{Ll}+")
_CAPS_WORD = regex.compile(r"\p{Lu}+")
_QUOTES = regex.compile(r"^[“”\"'`‘’]+|[“”\"'`‘’]+$")      # a quote glued to a word: a speck (“Phạm)
_TAIL = regex.compile(r"[^\p{Lu}\p{Ll}]+$")
_EDGE = regex.compile(r"^[^\p{Lu}\p{Ll}]+|[^\p{Lu}\p{Ll}]+$")     # specks, and marks read alone (ˆ)


@cache
def _surnames() -> frozenset[str]:
    return frozenset(s for s in load("people")["surnames"] if " " not in s and "'" not in s)


@cache
def _titles() -> dict[str, str | None]:
    """Folded title -> its spelling (people.toml `titles`); None where two fold alike (THỨ/THỦ TRƯỞNG)."""
    out: dict[str, str | None] = {}
    for t in load("people")["titles"]:
        out[fold(t)] = None if fold(t) in out else t
    return out


@cache
def _fuzzy() -> list[tuple[str, regex.Pattern[str]]]:
    """Each folded title with one OCR slip allowed (`giaam doc`, `ho giam doc` for `phó`)."""
    return [(t, regex.compile(rf"(?:{regex.escape(t)}){{e<=1}}")) for t in _titles()]


def _has_vowel(word: str) -> bool:
    return any(c in "aeiouy" for c in fold(word))


def is_name_line(text: str) -> bool:
    """A line that is a person's name as a signature prints it: 2 to 5 words, each capitalised (or
    all in capitals), each a syllable with a vowel, the first a family name of people.toml."""
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].capitalize() not in _surnames():
        return False
    shape = _CAPS_WORD if text.isupper() else _WORD
    return all(shape.fullmatch(w) and _has_vowel(w) for w in words) and not (text.isupper() and title_of(text))


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(p.rstrip("./").lower() for p in load("people")["authority_prefixes"])


def title_of(text: str, *, prefixed: bool = True) -> str | None:
    """The catalogue title (people.toml `titles`) that a line in capitals is, after an authority
    prefix, with its marks or one letter misread (`GIẢÁM ĐÓC`, `HÓ GIÁM ĐỐC`); None when it is no
    title or could be two."""
    words = [w for w in (_EDGE.sub("", w) for w in text.split()) if w]
    if not words or not " ".join(words).isupper():
        return None
    folded = fold(" ".join(words))
    head, _, rest = folded.partition(" ")
    if prefixed and head in _prefixes() and rest:
        folded = rest
    if folded in _titles():
        return _titles()[folded]
    near = [t for t, pattern in _fuzzy() if pattern.fullmatch(folded)]
    return _titles()[near[0]] if len(near) == 1 else None     # one slip from two titles: neither


def _height(line: OcrLine) -> int:
    return max(w.box[3] for w in line.words) - _top(line)


def _top(line: OcrLine | list[Word]) -> int:
    words = line.words if isinstance(line, OcrLine) else line
    return min(w.box[1] for w in words)


def title_at_end(text: str) -> tuple[str, str] | None:
    """(the title, what stands before it) where a title in capitals ends a segment, specks after it
    left off and whatever OCR left before it kept apart (`V*Y. GIÁM ĐÓC'`: a `KT.` unread)."""
    words = text.split()
    while words and not _EDGE.sub("", words[-1]):
        words.pop()
    for n in range(min(4, len(words)), 0, -1):
        title = title_of(" ".join(words[-n:]), prefixed=False)
        if title:
            return title, " ".join(words[:-n])
    return None


def _clear(before: str) -> bool:
    """Nothing, a speck or an authority prefix before a title: its office is read."""
    word = _EDGE.sub("", before).lower()
    return not word or word in _prefixes()


def region(page: OcrPage) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) where the signature stands, when the page has a recipients label
    and the page's reading found there no name, or a name without a title above it (or with one whose
    prefix it could not read); else None."""
    w, h = page.width, page.height
    label = next((ln for ln in page.lines if ln.words and ln.words[0].box[0] < _LEFT * w
                  and _LABEL.match(fold(ln.text[:16]))), None)
    if label is None:
        return None
    at = _top(label)
    left, top = int(_LEFT * w), at
    titles = []
    for ln in page.lines:
        if at - _TITLES_ABOVE * h <= _top(ln) <= at + _BELOW * h:
            for part in _segments(ln):
                read = title_at_end(" ".join(x.text for x in part))
                if read:
                    if _clear(read[1]):         # `V*Y. GIÁM ĐÓC`: whose title it is, the pass may read
                        titles.append(_top(part))
                    if _top(part) <= at + _ABOVE * h:
                        top, left = min(top, _top(part)), min(left, part[0].box[0])
    if left < int(_LEFT * w):           # a title left of the usual column (two signers): a margin before it
        left -= int(0.1 * w)
    box = (max(0, left), max(0, top - int(_ABOVE * h)), w, min(h, top + int(_BELOW * h)))
    names = _names_in(page.lines, box)
    return None if names and any(y < _top(names[0]) for y in titles) else box


def _segments(line: OcrLine) -> list[list[Word]]:
    """A line's columns: its words split where a wide gap stands."""
    out: list[list[Word]] = []
    for word, tab in zip(line.words, line.tab_before, strict=True):
        if tab or not out:
            out.append([])
        out[-1].append(word)
    return out


def _names_in(lines: list[OcrLine], box: tuple[int, int, int, int]) -> list[list[Word]]:
    x0, y0, _, y1 = box
    found = []
    for ln in lines:
        for part in _segments(ln):
            inside = [w for w in part if w.box[0] >= x0 and y0 <= w.box[1] <= y1]
            if inside and is_name_line(_EDGE.sub("", " ".join(w.text for w in inside))):
                found.append(inside)
    return found


def reread(ocr: Ocr, image: Image, page: OcrPage, dpi: int | None = None) -> OcrPage:
    """`page` with the signer's title and name read again from the signature's region, where the
    page's reading found no name there (or no title whose office it could read); the page as it was
    otherwise."""
    box = region(page)
    if box is None:
        return page
    crop = image.crop(box)
    hist = crop.convert("L").histogram()
    if sum(hist[:128]) < _BLANK * crop.width * crop.height:
        return page                     # nothing printed there: an unsigned copy, no stamp to read under
    # the page's reading has the name: a title is sought; else a name (a title alone is nobody's)
    wanted = title_of if _names_in(page.lines, box) else (lambda text: is_name_line(_TAIL.sub("", text)))
    for psm in _PSMS:
        again = replace(ocr, settings=replace(ocr.settings, psm=psm, orient=False))   # its counters: pages only
        found = _kept(again.page(crop, dpi=dpi), box, crop)
        if any(wanted(ln.text) for ln in found):
            return _inserted(page, found, box)
    return page


def _rows(result: OcrPage) -> list[list[Word]]:
    """The region's words as rows: sparse text reads `Lê` and `Hoàng Anh` of one name as two lines,
    and a piece of a name alone may be a name too (`Hoàng Anh`): pieces side by side are one row."""
    pieces = sorted((part for ln in result.lines for part in _segments(ln)
                     if any(_EDGE.sub("", w.text) for w in part)), key=lambda p: p[0].box[0])   # no specks
    rows: list[list[Word]] = []
    for part in pieces:
        top, bottom, left = _top(part), max(w.box[3] for w in part), part[0].box[0]
        beside = [(left - row[-1].box[2], i) for i, row in enumerate(rows)
                  if min(bottom, max(w.box[3] for w in row)) - max(top, _top(row))
                  > 0.5 * min(bottom - top, max(w.box[3] for w in row) - _top(row))
                  and 0 <= left - row[-1].box[2] < 1.5 * (bottom - top)]
        if beside:
            rows[min(beside)[1]].extend(part)
        else:
            rows.append(list(part))
    return sorted(rows, key=_top)


def _ink_before(crop: Image, word: Word) -> float:
    """The share of dark pixels in the space of a short word left of `word`, on its row: a name's first
    word lost under the pen's stroke or the stamp's rim (`Hoàng Anh` read, `Lê` not) leaves ink there."""
    x0, y0, _, y1 = word.box
    h = y1 - y0
    strip = crop.crop((max(0, x0 - int(1.5 * h)), y0 + h // 5, max(0, x0 - 3), y1 - h // 5))
    if strip.width < 2 or strip.height < 2:
        return 0.0
    hist = strip.convert("L").histogram()
    return sum(hist[:128]) / (strip.width * strip.height)


def _kept(result: OcrPage, box: tuple[int, int, int, int], crop: Image) -> list[OcrLine]:
    """The region's title and name lines in page coordinates, specks at their ends left off; a name
    with ink where a word before it would stand is not kept (its first word may be lost)."""
    dx, dy = box[0], box[1]
    out = []
    for row in _rows(result):
        if is_name_line(_TAIL.sub("", " ".join(w.text for w in row))) and _ink_before(crop, row[0]) > _INK:
            continue
        words = [replace(w, box=(w.box[0] + dx, w.box[1] + dy, w.box[2] + dx, w.box[3] + dy)) for w in row]
        words = _trimmed(words)
        text = " ".join(w.text for w in words)
        title = title_of(text) if words else None
        if title and len(title.split()) == len(words):       # its words as the catalogue spells them
            words = [replace(w, text=t) for w, t in zip(words, title.split(), strict=True)]
        if words and (title or is_name_line(_TAIL.sub("", text))):
            out.append(OcrLine(words=words, block=0, tab_before=[False] * len(words)))
    return out


def _trimmed(words: list[Word]) -> list[Word]:
    """A row without the specks at its ends that stand apart from it (a stamp's dot), its words without
    the quotes OCR glues to them (`“Phạm Thanh Hải`). A sign right
    against a name (`& Hoàng Anh`: the `Lê` under the stamp's rim) is a word OCR lost, not a speck:
    it stays, and the row is no name."""
    def apart(speck: Word, word: Word) -> bool:
        gap = max(word.box[0] - speck.box[2], speck.box[0] - word.box[2])
        return gap > word.box[3] - word.box[1]

    words = [replace(w, text=_QUOTES.sub("", w.text)) if _QUOTES.sub("", w.text) else w for w in words]
    while len(words) > 1 and not _EDGE.sub("", words[0].text) and apart(words[0], words[1]):
        words.pop(0)
    while len(words) > 1 and not _EDGE.sub("", words[-1].text) and apart(words[-1], words[-2]):
        words.pop()
    return words if any(_EDGE.sub("", w.text) for w in words) else []


def _inserted(page: OcrPage, found: list[OcrLine], box: tuple[int, int, int, int]) -> OcrPage:
    """The page's lines with `found` put where they stand (after the last line that starts above
    each), each a block of its own so that it never folds into its neighbour; where the page's
    reading has a name, only the titles; a title it has read at that height, not again."""
    lines = list(page.lines)
    if _names_in(lines, box):           # the name was read: only a title it lacked is added
        found = [ln for ln in found if not is_name_line(_TAIL.sub("", ln.text))]
    read = [(_top(part), t[0]) for ln in lines for part in _segments(ln)
            if (t := title_at_end(" ".join(w.text for w in part)))]
    found = [ln for ln in found
             if not any(abs(y - _top(ln)) < _height(ln) and title == title_of(ln.text) for y, title in read)]
    block = max((ln.block for ln in lines), default=0)
    for ln in sorted(found, key=_top):
        block += 1
        after = max((i for i, other in enumerate(lines) if other.words and _top(other) <= _top(ln)), default=-1)
        lines.insert(after + 1, replace(ln, block=block))
    return replace(page, lines=lines)
