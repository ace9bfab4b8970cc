"""Provinces named in a unit's name or place, mapped through the 2025 reorganisation."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from vanban.extract.catalogue import load


@cache
def _index() -> tuple[regex.Pattern[str], dict[str, tuple[str, bool]], str]:
    """A pattern of every province spelling, and spelling -> (unit today, absorbed?)."""
    data = load("provinces")
    names: dict[str, tuple[str, bool]] = {}
    for unit in data["unit"]:
        for alias in [unit["name"], *unit.get("aliases", [])]:
            names[alias.casefold()] = (unit["name"], False)
        for old in unit["absorbed"]:
            names[old.casefold()] = (old, True)
    # "Bà Rịa - Vũng Tàu" and others may be written with or without spaces around the dash.
    alts = sorted(names, key=len, reverse=True)
    body = "|".join(regex.escape(a).replace(r"\ \-\ ", r"\s*-\s*") for a in alts)
    pattern = regex.compile(rf"(?<![\p{{L}}])(?:{body})(?![\p{{L}}])", regex.IGNORECASE)
    return pattern, names, data["merger_date"]


@cache
def _absorbed_by() -> dict[str, str]:
    return {old: unit["name"] for unit in load("provinces")["unit"] for old in unit["absorbed"]}


_DASH = regex.compile(r"\s*-\s*")


def find_province(text: str) -> str | None:
    """The first province (old or new name, as the text has it) named in `text`."""
    pattern, names, _ = _index()
    m = pattern.search(text)
    if not m:
        return None
    key = _DASH.sub(" - ", m.group()).casefold()
    return names.get(key, names.get(m.group().casefold(), (None, False)))[0]


def current_province(name: str, when: str | None) -> str:
    """`name` as of `when` (ISO date): an absorbed province becomes its new unit from 2025-07-01."""
    _, _, merger = _index()
    if when and when >= merger:
        return _absorbed_by().get(name, name)
    return name


def province_of(texts: Iterable[str | None], when: str | None) -> str | None:
    """The province of a document from its unit names and place, in order of trust."""
    for text in texts:
        if text:
            found = find_province(text)
            if found:
                return current_province(found, when)
    return None
