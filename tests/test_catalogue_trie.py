"""The prefix-tree alternation (catalogue.trie_body) matches what the plain longest-first alternation
matched: the same spans, with the same backtracking, on random words and texts, and on every word
list of the catalogues over the corpus."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from vanban.extract.catalogue import alternation, plain_alternation, trie_body

ROOT = Path(__file__).resolve().parents[1]
# contexts that make the engine backtrack into the alternation (a shorter word after a longer one)
CONTEXTS = [r"{w}", r"(?<![\p{{L}}]){w}(?![\p{{L}}])", r"{w}(?=[ \t]+b)", r"(?:{w})+c", r"a?{w}\s*{w}",
            r"(?P<x>{w})(?:[ ]+(?P<y>{w}))?(?![\p{{L}}])"]


def _pair(words: list[str], fold: bool) -> tuple[str, str]:
    flag = "(?i:{})" if fold else "(?:{})"
    body = trie_body(words, fold)
    assert body is not None
    return flag.format(plain_alternation(words)), flag.format(body)


def _same(plain: str, trie: str, texts: list[str]) -> None:
    for context in CONTEXTS:
        a, b = regex.compile(context.format(w=plain)), regex.compile(context.format(w=trie))
        for text in texts:
            assert [m.regs for m in a.finditer(text)] == [m.regs for m in b.finditer(text)], (context, text)
            assert [m.span() for m in a.finditer(text, overlapped=True)] == \
                [m.span() for m in b.finditer(text, overlapped=True)], (context, text)


@pytest.mark.parametrize("fold", [False, True])
def test_random_words_match_the_same(fold: bool) -> None:
    rng = random.Random(8)
    letters = "abAB đĐ."
    for _ in range(300):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 8))]
        texts = ["".join(rng.choice(letters + "c") for _ in range(40)) for _ in range(5)]
        _same(*_pair(words, fold), texts)


def test_a_prefix_word_after_its_longer_word() -> None:
    """`kế` is tried only where `kế hoạch` fails, as in the alternation sorted longest first."""
    pattern = regex.compile(rf"{alternation(['kế', 'kế hoạch', 'kế hoạch số'])}(?= \d)")
    assert [m.group() for m in pattern.finditer("kế hoạch 5, kế 6, kế hoạch số 7")] == \
        ["kế hoạch", "kế", "kế hoạch số"]


def test_a_character_folding_to_two_keeps_the_plain_alternation() -> None:
    assert trie_body(["Straße"], fold=True) is None
    assert regex.fullmatch(alternation(["Straße"], flags_i=True), "STRASSE") is None
    assert regex.fullmatch(alternation(["Straße"], flags_i=True), "straße")


def _word_lists(node: object) -> Iterator[list[str]]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _word_lists(value)
        if node and all(isinstance(v, (int, float, str)) for v in node.values()):
            yield list(node)          # a table of word -> value (scales, number words)
    elif isinstance(node, list):
        if node and all(isinstance(v, str) for v in node):
            yield node
        else:
            for value in node:
                yield from _word_lists(value)


@pytest.mark.parametrize("fold", [False, True])
def test_catalogue_word_lists_match_the_same_on_the_corpus(fold: bool) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "txt").glob("*.txt"))]
    for path in sorted((ROOT / "patterns").glob("*.toml")):
        for words in _word_lists(tomllib.loads(path.read_text(encoding="utf-8"))):
            if trie_body(words, fold) is None:
                continue
            plain, trie = _pair(words, fold)
            for bounded in (r"(?<![\p{{L}}]){w}(?![\p{{L}}])", r"{w}"):
                a, b = regex.compile(bounded.format(w=plain)), regex.compile(bounded.format(w=trie))
                for text in texts:
                    assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], \
                        (path.name, words[:3])
