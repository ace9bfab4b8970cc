"""Restore the case of a name a header prints in capitals: `SỞ Y TẾ TỈNH LÀO CAI` -> `Sở Y tế tỉnh Lào Cai`."""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.catalogue import load


@cache
def _rules() -> tuple[list[tuple[regex.Pattern[str], str]], frozenset[str]]:
    data = load("organisations")
    fixed = sorted(data["fixed"], key=len, reverse=True)
    lower = sorted(data["lower_words"], key=len, reverse=True)
    rules = [(regex.compile(rf"(?<![\p{{L}}]){regex.escape(f)}(?![\p{{L}}])", regex.IGNORECASE), f) for f in fixed]
    rules += [(regex.compile(rf"(?<![\p{{L}}]){regex.escape(w)}(?![\p{{L}}])", regex.IGNORECASE), w) for w in lower]
    return rules, frozenset(data["abbreviations"])


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def restore_case(name: str) -> str:
    """Fixed spellings first, then lower-case unit words, then each other word as a proper name;
    abbreviations (UBND, HĐND) stay in capitals. The first letter is always a capital."""
    rules, abbreviations = _rules()
    taken = [False] * len(name)
    out = list(name)
    for pattern, spelling in rules:
        for m in pattern.finditer(name):
            if any(taken[m.start():m.end()]):
                continue
            out[m.start():m.end()] = list(spelling)
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
    for m in regex.finditer(r"[\p{L}\d.]+", name):
        if any(taken[m.start():m.end()]):
            continue
        word = m.group()
        out[m.start():m.end()] = list(word if word in abbreviations or any(c.isdigit() for c in word)
                                      else _title(word))
    result = "".join(out)
    return result[:1].upper() + result[1:]
