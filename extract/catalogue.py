"""The pattern catalogue: data files in `vanban.patterns`, loaded once and compiled once."""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import regex


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `patterns/<name>.toml`."""
    with resources.files("vanban.patterns").joinpath(f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def alternation(words: list[str], *, flags_i: bool = False) -> str:
    """A regex alternation of literal words, longest first so that the longest one wins."""
    return _alternation(tuple(words), flags_i)


@lru_cache(maxsize=1024)
def _alternation(words: tuple[str, ...], flags_i: bool) -> str:
    """Built once per word list: callers rebuild theirs for every line they look at."""
    body = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?i:{body})" if flags_i else f"(?:{body})"


@cache
def doc_types() -> list[dict[str, Any]]:
    return load("doc_types")["type"]


@cache
def type_by_word() -> dict[str, str]:
    """Every way text writes a type before a number (case-folded) -> the type's name."""
    out: dict[str, str] = {}
    for t in doc_types():
        for w in [t["name"], *t.get("words", [])]:
            out[w.casefold()] = t["name"]
    return out


@cache
def type_by_abbr() -> dict[str, str]:
    """Abbreviation in a symbol (exact case) -> the type's name."""
    out: dict[str, str] = {}
    for t in doc_types():
        for a in t.get("abbr", []):
            out.setdefault(a, t["name"])
    return out


@cache
def partial_types() -> frozenset[str]:
    return frozenset(t["name"] for t in doc_types() if t.get("partial"))


@cache
def issuer_codes() -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in load("issuers")["code"] if "code" in c}


@cache
def issuer_code_patterns() -> list[tuple[regex.Pattern[str], dict[str, Any]]]:
    return [(regex.compile(c["pattern"]), c) for c in load("issuers")["code"] if "pattern" in c]


def issuer_code(code: str) -> dict[str, Any] | None:
    """The catalogue entry of an issuer code (`SYT`, `QH15`), if it is known."""
    found = issuer_codes().get(code)
    if found:
        return found
    for pat, entry in issuer_code_patterns():
        if pat.fullmatch(code):
            return entry
    return None


@cache
def heading_number() -> str:
    """The number that opens a heading (`IV`, `2.6`, `a`), from patterns/sections.toml."""
    return load("sections")["numbering"]["number"]
