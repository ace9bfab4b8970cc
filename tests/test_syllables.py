"""The syllable grammar and the OCR corrector, on the grammar's own examples and real text."""

from __future__ import annotations

import time
import unicodedata

import pytest
import regex

from tests.conftest import CORPUS
from vanban.extract.catalogue import load
from vanban.extract.spelling import correct_line, correct_word
from vanban.extract.syllables import is_syllable, syllables

GRAMMAR = load("syllables")
EXAMPLES = [(part, w) for part, v in GRAMMAR.items() if isinstance(v, dict) for w in v.get("examples", [])]
COUNTER = [(part, w) for part, v in GRAMMAR.items() if isinstance(v, dict) for w in v.get("counterexamples", [])]


@pytest.mark.parametrize(("part", "word"), EXAMPLES)
def test_examples_are_syllables(part: str, word: str) -> None:
    assert is_syllable(word), f"[{part}] {word}"


@pytest.mark.parametrize(("part", "word"), COUNTER)
def test_counterexamples_are_not(part: str, word: str) -> None:
    assert not is_syllable(word), f"[{part}] {word}"


def test_closed_set_size_and_both_tone_styles() -> None:
    assert 12_000 < len(syllables()) < 30_000
    for new, old in [("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("hoá", "hóa")]:
        assert is_syllable(new) and is_syllable(old)
    assert is_syllable("NGƯỜI") and is_syllable("Được")
    assert is_syllable(unicodedata.normalize("NFD", "người"))


def test_corpus_words_are_syllables() -> None:
    """Every lowercase or capitalised word of the five reports; what fails must be foreign."""
    total, failures = 0, []
    for path in sorted((CORPUS / "txt").glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        for w in regex.findall(r"\p{L}+", text):
            if w.islower() or (w[0].isupper() and w[1:].islower()):
                total += 1
                if not is_syllable(w):
                    failures.append(w)
    rate = 1 - len(failures) / total
    assert total > 15_000
    assert rate >= 0.995, sorted(set(failures))
    # the non-syllables are foreign words, list letters and one typo of the source (ngệ)
    assert {w for w in failures if not w.isascii()} <= {"ngệ"}, sorted(set(failures))


@pytest.mark.parametrize(("read", "context", "fixed"), [
    ("hoạeh", ("kế", ""), "hoạch"),          # c read as e
    ("tbực", ("", "hiện"), "thực"),          # h read as b
    ("rnột", ("", "số"), "một"),             # m read as rn
    ("huyẹn", ("", ""), "huyện"),            # circumflex lost
    ("đuợc", ("", ""), "được"),              # horn lost on u
    ("nguòi", ("", "dân"), "người"),         # two marks lost: the dictionary word wins
    ("chửc", ("tổ", ""), "chức"),            # hỏi on a stop coda: tie broken by "tổ chức"
    ("Nguyen", ("", ""), "Nguyên"),          # case kept
    ("QUYÊT", ("", "ĐỊNH"), "QUYẾT"),        # a heading in capitals with a Vietnamese mark
])
def test_corrections(read: str, context: tuple[str, str], fixed: str) -> None:
    assert correct_word(read, *context) == fixed


@pytest.mark.parametrize("word", [
    "tố",        # a syllable (tổ misread as tố): the set cannot see it, so it is left
    "dược", "Hà", "Nội", "Trị",              # syllables, proper names included
    "KH-SYT", "CCHC", "UBND", "KH",          # codes
    "1492/KH-SYT", "2025", "09", "3a",       # numbers
    "report", "online", "website", "the", "Covid", "fanpage",   # foreign words
    "b", "c",                                # list letters
])
def test_left_alone(word: str) -> None:
    assert correct_word(word) is None


def test_correct_line_keeps_spacing_and_punctuation() -> None:
    line = "Thực hiện Kế hoạeh số 1492/KH-SYT,\tnguòi dân (tbực hiện)."
    assert correct_line(line) == "Thực hiện Kế hoạch số 1492/KH-SYT,\tngười dân (thực hiện)."


def test_page_is_fast() -> None:
    """A page of ~400 words, a tenth of them misread, in well under a tenth of a second."""
    text = (CORPUS / "txt" / "000_a9042f12ea01ae86.txt").read_text(encoding="utf-8")
    words = text.split()[:400]
    noisy = [w.replace("ư", "u").replace("ộ", "ọ") if i % 10 == 0 else w for i, w in enumerate(words)]
    correct_line(" ".join(noisy[:10]))       # build the set and the index once
    start = time.perf_counter()
    correct_line(" ".join(noisy))
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(("line", "fixed"), [
    # real Tesseract output on published scans (../shared/corpus/wild): a tone or circumflex lost
    # leaves a well-formed syllable, which only the neighbouring word can show to be wrong
    ("quyên hạn và cơ cấu tô\nchức của Sở Y tê tỉnh", "quyền hạn và cơ cấu tổ\nchức của Sở Y tế tỉnh"),
    ("GIÁM ĐÓC SỞ Y TÉ TỈNH KIÊN GIANG", "GIÁM ĐỐC SỞ Y TẾ TỈNH KIÊN GIANG"),
    ("Đây mạnh chuyên đổi số trên Hệ thông thông tin", "Đẩy mạnh chuyển đổi số trên Hệ thống thông tin"),
])
def test_context_restores_a_lost_mark(line: str, fixed: str) -> None:
    assert correct_line(line, context=True) == fixed
    assert correct_line(line) != fixed          # off by default: these are syllables


@pytest.mark.parametrize("line", [
    "Ông Lê Bá Cường, Phó Giám đốc",             # names: Lê is no Lễ
    "CN. Phan Thuỷ Tiên",
    "mô hình chính quyền địa phương hai cấp",    # hai is no hại, though "hại" makes words
    "nhân dân tỉnh Kiên Giang",                  # tỉnh is no tình ("dân tình"): no mark swapped
    "trong công tác của đơn vị",
    "I.MỤC TIÊU, YÊU CẦU",
])
def test_context_leaves_right_words(line: str) -> None:
    assert correct_line(line, context=True) == line
