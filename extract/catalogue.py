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
    """A regex alternation of literal words where the longest one wins, as a prefix tree
    (`trie_body`: one look a character instead of one try a word)."""
    return _alternation(tuple(words), flags_i)


@lru_cache(maxsize=1024)
def _alternation(words: tuple[str, ...], flags_i: bool) -> str:
    """Built once per word list: callers rebuild theirs for every line they look at."""
    body = trie_body(words, fold=flags_i)
    if body is None:
        body = plain_alternation(words)
    return f"(?i:{body})" if flags_i else f"(?:{body})"


def plain_alternation(words: list[str] | tuple[str, ...]) -> str:
    """The words one after another, longest first: what the prefix tree must match the same as."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------- a word list as a prefix tree
# `regex` tries every branch of a plain alternation at each position it scans, so a catalogue of a
# hundred words costs a hundred tries a character; a prefix tree (`kế(?: hoạch)?|quyết định`) costs
# one look at the next character. The tree tries a longer word before the word that is its prefix,
# the order of an alternation sorted longest first (the words that can match at one place are
# prefixes of one another), so it matches the same text in the same order, backtracking included.

_END = ""        # the key that marks a word ending at a node (no character is empty)


def _key(char: str, fold: bool) -> str | None:
    """The character as the tree stores it; None when case folding would change its length
    (`ß` -> `ss`), which a tree of single characters cannot stand for."""
    if not fold:
        return char
    key = char.casefold()
    return key if len(key) == 1 else None


def trie_body(words: list[str] | tuple[str, ...], fold: bool) -> str | None:
    """The alternation of `words` as a prefix-tree regex (no enclosing group), or None when a word
    has a character the tree cannot key (the caller keeps the plain alternation)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            key = _key(char, fold)
            if key is None:
                return None
            node = node.setdefault(key, {})
        node[_END] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    """A node's branches, longest continuation first; optional where a word ends at the node."""
    branches = [regex.escape(char) + _emit(child) for char, child in node.items() if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body


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
def type_words() -> tuple[str, ...]:
    """Every word that names a type before a number, as written, the generic ones ("Văn bản") last."""
    data = load("doc_types")
    out = [w for t in data["type"] for w in [t["name"], *t.get("words", [])]]
    return tuple(out + data["generic"]["words"])


@cache
def generic_type_words() -> frozenset[str]:
    """The words that name no type ("Văn bản", "văn bản số"), case-folded."""
    return frozenset(w.casefold() for w in load("doc_types")["generic"]["words"])


def type_of_word(word: str) -> str | None:
    """The type named by a word before a number; None for generic words like "Văn bản"."""
    key = word.casefold()
    if key in generic_type_words():
        return None
    return type_by_word().get(key) or type_by_word().get(word)


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
def year_types() -> frozenset[str]:
    """The legal normative kinds whose symbol carries the year (`60/2021/NĐ-CP`): "Nghị định 60/2021"
    is one of them without its symbol."""
    return frozenset(t["name"] for t in doc_types() if t.get("year"))


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


@cache
def unit_codes() -> frozenset[str]:
    """Drafting units a letter puts after its issuer (`VP` of `1377/SYT-VP`): patterns/issuers.toml."""
    return frozenset(load("issuers")["drafting_units"]["codes"])


def known_group(group: str) -> bool:
    """A type's abbreviation or an issuer's code: what a symbol's first part may be."""
    return group in type_by_abbr() or issuer_code(group) is not None


def known_code(group: str) -> bool:
    """Any code the catalogues know: a type's abbreviation, an issuer's or a drafting unit's code
    (here, below the readers: OCR's repair of a symbol's look-alike letters asks it too)."""
    return known_group(group) or group in unit_codes()
