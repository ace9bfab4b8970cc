"""A heading that runs straight into its text on one line: "5. Cải cách tài chính công: triển khai Nghị định
số 60/2021/NĐ-CP …" is the heading "Cải cách tài chính công" and its text, however long the text.

Whether it is one is judged from the words before the colon alone, so a long text after them never turns
a heading into a statement; and a numbered sentence that names an area only later ("Trong quý, Bệnh viện đã
tiếp nhận hồ sơ theo cơ chế một cửa: …") or leads into a list ("…, cụ thể:") stays a sentence. The same
test decides whether an OCR-read "5, Cải cách …" is a heading (patterns/sections.toml `[heading] run_in_*`).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import Any

import regex

from vanban.extract.area_words import areas_of, normalise_words
from vanban.extract.catalogue import load
from vanban.extract.model import Document


@cache
def _rules() -> dict[str, Any]:
    return load("sections")["heading"]


_COLON = regex.compile(r":(?=\s)")
_CLAUSE_END = regex.compile(r"[.;!?…]\s")     # the words before the colon are one clause


@cache
def _lead_ins() -> tuple[str, ...]:
    return tuple(f" {normalise_words(w)}" for w in _rules()["run_in_lead_ins"])


def names_area_first(head: str) -> bool:
    """Words that make a heading on their own: short, one clause, naming an area within their opening words
    (`run_in_opening_words`, as `areas_of` reads them), not leading into a list and not naming an office."""
    rules = _rules()
    words = normalise_words(head).split()
    if not words or len(head.strip()) > rules["run_in_max_length"] or _CLAUSE_END.search(head.strip()):
        return False
    if f" {' '.join(words)}".endswith(_lead_ins()):
        return False
    first = next((w for w in words if w not in ("các", "những")), "")
    if first in rules["run_in_offices"]:
        return False                    # who is to do it, not a topic
    return bool(areas_of(" ".join(words[:rules["run_in_opening_words"]])))


def run_in_end(doc: Document, lo: int, hi: int) -> int | None:
    """Where the heading of the numbered paragraph `doc.text[lo:hi]` (its text after the number) ends when it
    runs into its text: at the first colon, if that stands on the paragraph's first line (a heading line the
    line folder glued to a sentence with a colon keeps its own words) and the words before it make a
    heading; else None."""
    colon = _COLON.search(doc.text, lo, hi)
    if colon is None:
        return None
    starts = doc.line_starts
    k = bisect_right(starts, lo)
    if k < len(starts) and starts[k] < colon.start():
        return None
    return colon.start() if names_area_first(doc.text[lo:colon.start()]) else None
