"""What opens a heading of a report's body: `Phần I`, `A.`, `I.` / `I-` / `I/`, `1.` / `1-`, `1.1.`, `a)`.

The forms are data (patterns/sections.toml `[[marker]]`): the section finder reads a heading's
number and style from them, and a document's title stops at a line one of them opens (a title
never runs on into the body's first heading, however it is numbered).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from vanban.extract.catalogue import load


@dataclass(frozen=True)
class Marker:
    pattern: regex.Pattern[str]
    style: str
    rank: float               # the place of the style in an outline: a part above a Roman numeral
    below: bool = False       # the heading's words may stand on the next line ("Phần thứ nhất" / "ĐÁNH GIÁ ...")
    nested_rank: float | None = None   # its place when it first comes under a heading ranked below `rank`


@cache
def markers() -> tuple[Marker, ...]:
    """The heading forms in the order they are tried (the first that matches wins)."""
    return tuple(Marker(regex.compile(m["pattern"]), m["style"], m["rank"], m.get("heading_below", False),
                        m.get("nested_rank")) for m in load("sections")["marker"])


def ranks(used: list[Marker]) -> dict[str, float]:
    """The rank of each style in a document whose headings use `used` (in the order they come): a style
    with a `nested_rank` ("A.", "B.") ranks there when a heading of a style ranked between the two comes
    before its first ("III." then "A.": the letters divide the Roman section, not the document)."""
    out: dict[str, float] = {}
    seen: list[float] = []
    for m in used:
        if m.style not in out:
            nested = m.nested_rank is not None and any(m.rank < r < m.nested_rank for r in seen)
            out[m.style] = m.nested_rank if nested and m.nested_rank is not None else m.rank
        seen.append(m.rank)
    return out


@cache
def any_marker() -> regex.Pattern[str]:
    """The markers as one alternation: it matches where one of them does."""
    return regex.compile("|".join(f"(?:{m['pattern']})" for m in load("sections")["marker"]))


def opens_heading(line: str) -> bool:
    """A heading's number opens the line (in any of the forms a body's headings are written in)."""
    return any_marker().match(line) is not None


def marker_of(para: str) -> tuple[Marker, regex.Match[str]] | None:
    """The form that opens `para` and its match, or None."""
    if not any_marker().match(para):
        return None                    # most paragraphs: one match instead of one per marker
    for marker in markers():
        m = marker.pattern.match(para)
        if m:
            return marker, m
    return None


@cache
def _ocr_slip() -> tuple[Marker, regex.Pattern[str]]:
    rules = load("sections")["heading"]
    style = next(m for m in markers() if m.style == rules["ocr_number_style"])
    return style, regex.compile(rules["ocr_number"])


def ocr_marker_of(para: str) -> tuple[Marker, regex.Match[str]] | None:
    """A number OCR read with a comma for its dot ("5, Cải cách tài chính công"), as the marker it stands
    for: only for a line read by OCR, and only a heading if its words name an area as they open (the
    section finder's test), since typed text never writes a heading so."""
    marker, pattern = _ocr_slip()
    m = pattern.match(para)
    return (marker, m) if m else None


_DOT_RUN = regex.compile(r"\s*\.\s*")


def number_text(num: str) -> str:
    """A heading's number as the outline names it: `2.6 . ` is `2.6`, `PHẦN  I` is `PHẦN I`."""
    return _DOT_RUN.sub(".", " ".join(num.split())).rstrip(".")
