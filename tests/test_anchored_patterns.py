"""The patterns tried only at the runs of digits, line starts or words that can begin them
(text_index.py) find what `finditer` over the whole text finds: on the corpus, on random text
made of what the patterns look at, and on the cases each filter could get wrong."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from vanban.extract import (
    citation_context,
    citations,
    clauses,
    indicators,
    laws,
    line_fold,
    metric_fences,
    metrics,
    sections,
    symbols,
)
from vanban.extract.catalogue import load
from vanban.extract.dates import DATE_RE
from vanban.extract.heading_marks import any_marker
from vanban.extract.text_index import FOLDS_APART, lowered, lowers_one_for_one, matches_at, places, runs

ROOT = Path(__file__).resolve().parents[1]
HAND = ["12 ./KH", "12./ KH", "12a/KH", "12a /QĐ-UBND", "5 - NQ/TW", "20NQ/TW", "1.234.567 %", "1.234.567,5%",
        "93,1 %", "3,5/KH", "12.5.6/7", "81.657/87.709", "ngày /10/2025", "NGÀY 5/10", "Ngày  15 / 10 / 25",
        "İSO 9001", "Iſo 9001:2015", "tcvn 5687", "IEC-61000", "01 tháng 7 năm 2025", "17/9/2025", "1997 - 2025",
        "8:30", "08:30:15", "2 triệu đồng", "1,2 tỷ", "3 Tỷ VNĐ", "3 đến 5 lớp", "12 -15 người", "3  \t người",
        "1 nghìn người", "2025/QĐ", "12" + " " * 40 + "/KH", "7.\n/TT", "I. Mục", "\n  2.3 ) x", "\n1 Bệnh viện",
        "12\x1c/ab", "１２/KH", "٣ người", "5\u00a0%"]
ALPHABET = list("0123456789") * 3 + list("  \t\n.,/-:%()aáđKQĐHTYNgàyt") + [
    " người", " triệu", " đồng", " tỷ", " VNĐ", "ngày ", " tháng ", " năm ", "ISO ", "KH", "QĐ-UBND", "/2025/",
    " đến ", "NQ/TW", "CT", "\x1c", "٣", " Kế hoạch ", " kế ", "Quyết định ",
    "QĐ ", "hành động ", "Luật ", "Bộ luật ", "Pháp lệnh ", "Hiến pháp", "luật"]


def _texts() -> list[str]:
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "txt").glob("*.txt"))]
    rng = random.Random(7)
    made = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    return corpus + HAND + made


TEXTS = _texts()


def _spans(found: list[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def _same(anchored: Callable[[str], list[tuple[int, int]]], whole: Callable[[str], list[tuple[int, int]]]) -> None:
    for text in TEXTS:
        assert anchored(text) == whole(text), text


@pytest.mark.parametrize("kind", ["percent", "ratio", "money", "count"])
def test_figures_in_digits(kind: str) -> None:
    pattern = metrics.figure_patterns()[kind][0]
    _same(lambda t: _spans(metrics.figure_matches(kind, t)), lambda t: _spans(list(pattern.finditer(t))))


def test_number_fences() -> None:
    pats = (DATE_RE, metric_fences._MONTH_YEAR, metric_fences._YEAR_RANGE, metric_fences._CLOCK, metric_fences._CODE)
    _same(metric_fences.number_fences, lambda t: [m.span() for p in pats for m in p.finditer(t)])


def test_blank_days_and_standards() -> None:
    _same(metric_fences._blank_days, lambda t: _spans(list(metric_fences._DAY_MONTH_BLANK.finditer(t))))
    _same(metric_fences._standards, lambda t: _spans(list(metric_fences._STANDARD.finditer(t))))


def test_line_starts() -> None:
    for first, after_break in metric_fences._LINE_STARTS:
        _same(lambda t, f=first, a=after_break: metric_fences._line_start_spans(f, a, t),
              lambda t, f=first: _spans(list(f.finditer(t))))


def test_symbols_and_lone_numbers() -> None:
    for i, pattern in enumerate((symbols._FULL, symbols._LOWER_FULL)):
        _same(lambda t, i=i, p=pattern: _spans(matches_at(p, t, symbols._symbol_starts(t)[i])),
              lambda t, p=pattern: _spans(list(p.finditer(t))))
    alone = citations._NUMBER_ALONE
    _same(lambda t: _spans(matches_at(alone, t, [r.start for r in runs(t) if r.length <= 4])),
          lambda t: _spans(list(alone.finditer(t))))
    # read from the characters around each run, the pattern asked only where they are not ASCII
    _same(citations._numbers_alone, lambda t: [m.start() for m in alone.finditer(t)])


def test_line_ends_and_openings_cleared_without_a_scan() -> None:
    """line_fold's and sections' cheap tests before a pattern say no only where the pattern does."""
    lines = [line for t in TEXTS for line in t.split("\n")] + ["", "A", "12/KH-SYT&", "Điện Biên", "a b", "1377/SYT\n"]
    ended = [line for line in lines if line_fold._SYMBOL_END.search(line)]
    named = [line for line in lines if line_fold._NAME_LINE.match(line)]
    opened = [line for line in lines if any_marker().match(line)]
    assert ended and named and opened
    assert all(line_fold._symbol_ends(line) == bool(line_fold._SYMBOL_END.search(line)) for line in lines)
    assert all(line_fold._may_be_name(line) for line in named)
    assert all(sections._may_open(line[:2]) for line in opened)
    assert not sections._may_open("Th") and not line_fold._symbol_ends("số 12/KH.")


def test_laws_by_name() -> None:
    pattern, openers = laws._named_pattern(), load("citation_rules")["named"]["openers"]
    _same(lambda t: _spans(matches_at(pattern, t, places(t, openers))), lambda t: _spans(list(pattern.finditer(t))))


def test_type_words_before_numbers() -> None:
    """The windows before numbers tried where `re` finds a type word find what scanning each finds."""
    def scanned(text: str) -> list[tuple[int, int, str]]:
        seen: dict[int, tuple[int, int, str]] = {}
        for n in citations._NUMBER_ALONE.finditer(text):
            for found in citation_context.type_words_in(text, lowered(text), max(0, n.start() - 45), n.start()):
                seen.setdefault(found[0], found)
        return [seen[k] for k in sorted(seen)]
    extra = ["kế hoạch số 12 và KH 5", "Quyết định quyết định 7", "QĐ-UBND 12", "Nghị quyết liên tịch 3",
             "văn bản kế hoạch hành động 4", "Kế hoạchhành động 9"]
    _same(citations._type_word_matches, scanned)
    for text in extra:
        assert citations._type_word_matches(text) == scanned(text), text


def test_clause_ends() -> None:
    rng = random.Random(3)
    made = ["".join(rng.choice(" \t\n.-!?…;5aA") for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in TEXTS + made + ["a - B", "a\t- B", "5. Bên", "x -\tB", "a - - B", "a - B - C"]:
        assert clauses._clause_ends(text) == _spans(list(clauses.CLAUSE_END.finditer(text))), text


def _visible(text: str, at: int) -> str:
    while at < len(text) and text[at].isspace():
        at += 1
    return text[at:at + 1]


def test_runs_read_the_characters_after_each_number() -> None:
    for text in TEXTS:
        expected = []
        for m in regex.finditer(r"\d+", text):
            s, e = m.span()
            end = e
            while end < len(text) and (text[end] in ".," or text[end].isdecimal()):
                end += 1
            letter = _visible(text, e + 1) if "a" <= text[e:e + 1] <= "z" else _visible(text, e)
            expected.append((s, e - s, text[e:e + 1], _visible(text, e), letter, _visible(text, end)))
        assert [tuple(r) for r in runs(text)] == expected, text


def _every_character() -> str:
    return "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)


def test_what_the_filters_assume_of_unicode() -> None:
    """Python's spaces hold every `\\s`; a character `regex` matches without case to a word's first
    letter folds to a string that starts with it; a digit run starts every number pattern."""
    every = _every_character()
    assert all(m.group().isspace() for m in regex.finditer(r"\s", every))
    data = load("metrics")
    words = [w for ws in data["count_units"].values() for w in ws] + list(data["magnitudes"]["words"]) + \
        list(data["money"]["scales"]) + data["money"]["currency"] + data["money"]["bare_money_scales"] + ["đến", "tới"]
    for first in {w[0] for w in words}:
        for m in regex.finditer(f"(?i){regex.escape(first)}", every):
            assert m.group().casefold()[:1] == first.casefold(), (first, m.group())
    for letter in "ngàyisotcvnetỷlệ":
        odd = {m.group() for m in regex.finditer(f"(?i){letter}", every)} - {letter, letter.upper()}
        assert odd <= {"İ", "ſ"}, (letter, odd)        # İ lowers to two characters; ſ is looked for


def test_lowered_keeps_offsets() -> None:
    assert lowered("Ngày İSO") == "ngày İso" and not lowers_one_for_one("Ngày İSO")
    assert lowered("QĐ 12") == "qđ 12" and lowers_one_for_one("QĐ 12")


def test_folds_apart_are_the_only_odd_folds() -> None:
    """No character but FOLDS_APART matches a letter of the indicator or figure words without case
    and lowers to something else: `folded_places` and `followed_by` may look in the lower-cased text."""
    words = [w for ind in load("indicators")["indicator"] for w in ind["words"]]
    words += [w for ws in metrics._next_words().values() for w in ws]
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    odd = set()
    for letter in {c for w in words for c in w}:
        for m in regex.finditer(rf"(?i:{regex.escape(letter)})", everything):
            lower = m.group().lower() if len(m.group().lower()) == 1 else m.group()
            if lower != letter.lower():
                odd.add(m.group())
    assert odd <= set(FOLDS_APART)


def test_indicator_hits_as_the_scan() -> None:
    pattern = indicators._any_indicator()
    for text in [*TEXTS[:20], "CCCD gắn chip; không quá hạn 5 hồ sơ, KHÔNG DÙNG TIỀN MẶT", "ıſ hài lòng"]:
        for lo in range(0, len(text), 97):
            for hi in (lo + 40, lo + 151, len(text)):
                want = [m.span() for m in pattern.finditer(text, lo, hi, overlapped=True)]
                assert [m.span() for m in indicators._indicator_hits(text, lo, hi)] == want
                for ind, any_of, _ in indicators._indicators():
                    want = [m.span() for m in any_of.finditer(text, lo, hi)]
                    assert [m.span() for m in indicators._word_hits(ind, any_of, text, lo, hi)] == want
