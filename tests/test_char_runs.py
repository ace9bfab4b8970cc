"""`CharRuns` finds exactly the runs `regex` finds, whichever engine it picks."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract.char_runs import CharRuns
from vanban.extract.legacy import _detect_words

_CLASS = r"[\p{L}\p{M}¡¢£¤¥¦§¨©«¬­®¶·¸¹»¼½¾×÷−∙]"
_RUNS = CharRuns(_CLASS)
_SLOW = regex.compile(f"{_CLASS}+")


def test_detection_words_are_the_tcvn3_words() -> None:
    assert _detect_words().slow.pattern == _SLOW.pattern


def test_members_beyond_the_judged_range_send_the_text_to_regex() -> None:
    for text in ("Báo cáo 報告 số 12", "chữ 𠀀 Nôm", "Ωμέγα ꙮ"):
        assert _RUNS.findall(text) == _SLOW.findall(text)
    assert not _RUNS.exact("chữ 𠀀 Nôm")


def test_non_members_beyond_it_keep_re() -> None:
    text = "\uf0b7 Cải cách ╔═╗ hành chính \U0001f600 năm 2025"
    assert _RUNS.exact(text)
    assert _RUNS.findall(text) == _SLOW.findall(text) == ["Cải", "cách", "hành", "chính", "năm"]


def test_combining_marks_and_symbols_stay_inside_words() -> None:
    text = "ca\u0309i c¸ch h\u00b5nh chÝnh a−b ½"
    assert _RUNS.findall(text) == _SLOW.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=60))
def test_same_runs_as_regex_on_any_text(text: str) -> None:
    assert _RUNS.findall(text) == _SLOW.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2600), max_size=60))
def test_same_runs_as_regex_near_the_limit(text: str) -> None:
    assert _RUNS.findall(text) == _SLOW.findall(text)
