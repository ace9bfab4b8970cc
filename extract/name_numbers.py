"""A unit's name with a number in it: "Bệnh viện Đa khoa số 2 tỉnh Lào Cai" names one hospital, and
its "2 tỉnh" counts no provinces.

A number right after a bare "số" that ends a name, before an administrative or organisation noun, is
that name's number. "số" ends a name when the word before it is a name's head or last word ("Bệnh
viện", "Đa khoa", "Tổ dân phố") or a capitalised word ("THCS"), and not a word that makes "số" the
number of something ("tổng số 12 tỉnh", "Trong số 5 xã"). The words are data
(patterns/metrics.toml `[name_numbers]`, with examples that tests run).
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.catalogue import alternation, load


@cache
def _nouns() -> frozenset[str]:
    return frozenset(" ".join(w.casefold().split()) for w in load("metrics")["name_numbers"]["nouns"])


@cache
def _ends_a_name() -> regex.Pattern[str]:
    """A bare "số" right before the number, and the word before it: a quantity word, or a name's."""
    d = load("metrics")["name_numbers"]
    quantity, head = alternation(d["quantity"], flags_i=True), alternation(d["before"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:(?P<quantity>{quantity})|{head}|\p{{Lu}}[\p{{L}}\d]*)[ \t]+số[ \t]+$")


def is_name_number(text: str, start: int, unit: str) -> bool:
    """Whether the count whose number starts at `start`, counting `unit`, is a name's number instead."""
    if " ".join(unit.casefold().split()) not in _nouns():
        return False
    hit = _ends_a_name().search(text, max(0, start - 40), start)
    return hit is not None and hit.group("quantity") is None
