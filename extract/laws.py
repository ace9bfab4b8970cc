"""Laws, codes and ordinances cited by name (`Luật Bảo hiểm xã hội năm 2024`): where a name ends.

A name has no number to anchor it, so its end is read word by word: punctuation, a word that
starts the rest of the sentence (patterns/citation_rules.toml `named.stops`), or "năm <year>".
An opener in lower case ("luật Bảo hiểm y tế") opens a name only before a capitalised word, not before a
code in capitals ("các luật QC"); a name typed in capitals ("LUẬT PHÒNG, CHỐNG MA TÚY NĂM 2021") is read
on its lower case, where the stops are.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.organisations import starts_org
from vanban.extract.spans import Span, SpanSet
from vanban.extract.text_index import lowered, matches_at, places

_SO_NUMBER = regex.compile(r"\s*số\s*:?\s*\d")
_COLON_DIGIT = regex.compile(r"\s*:?\s*\d")
_PAREN_ABBR = regex.compile(r"\s*\([\p{Lu}\d/&-]{2,15}\)")
_AND_LAW = regex.compile(r"[ \t]+và[ \t]+Luật(?![\p{L}])")   # "sửa đổi ... Luật A và Luật B": one amending law
_AFTER_YEAR = regex.compile(r"\s+(?:19|20)\d\d(?!\d)")


@cache
def _named_pattern() -> regex.Pattern[str]:
    rules = load("citation_rules")["named"]
    return regex.compile(rf"(?<![\p{{L}}]){alternation(rules['openers'])}\s+(?=[\p{{L}}])")


_NAME_WORD = regex.compile(r"[^\s,;.:!?…()“”\"]+")


def find_laws(text: str, taken: list[Span]) -> list[tuple[int, int, str]]:
    """(start, end, type) of the laws, codes and ordinances cited by name outside the `taken` spans:
    `Luật Bảo hiểm xã hội năm 2024`, `Bộ luật Lao động`, `Pháp lệnh ...`."""
    rules = load("citation_rules")["named"]
    stops, inner_and, not_first = _law_rules()
    covered = SpanSet(taken)
    out: list[tuple[int, int, str]] = []
    openers = load("citation_rules")["named"]["openers"]      # a name starts where one stands, as written
    for m in matches_at(_named_pattern(), text, places(text, openers)):
        if covered.covers(m.start()) or (out and out[-1][1] > m.start()):
            continue                         # the amended law inside an amending law's name
        first = _NAME_WORD.match(text, m.end())
        if not first or first.group().casefold() in not_first or first.group()[0].isdigit():
            continue
        opener = m.group().strip()
        if _not_after().search(text, max(0, m.start() - 12), m.start()):
            continue                         # "pháp luật": a common noun
        if opener.islower() and not _opens_name(first.group()):
            continue                         # "luật mới", "các luật QC": no name follows
        if (opener.islower() or opener.isupper()) and "\n" in text[m.start():first.start()]:
            continue                         # "... PHỔ BIẾN LUẬT⏎II. ...": a line ends, no name follows
        caps = opener.isupper()
        if caps and not first.group().isupper():
            continue
        read = lowered(text) if caps else text       # "LUẬT PHÒNG, CHỐNG ..." read as in lower case
        end = _law_name_end(read, m.end(), stops, inner_and, rules)
        if caps:
            end = _capitals_end(text, m.end(), end)
        if _SO_NUMBER.match(read, end):
            continue                         # "Luật ... số 15/2023/QH15" is a full citation
        out.append((m.start(), end, _law_type(opener)))
    return out


def _opens_name(word: str) -> bool:
    """A word a lower-case opener's name may start with: a capitalised word ("luật Bảo hiểm y tế"), not
    one in capitals that is a code or an abbreviation ("vi phạm các luật QC": a device's QC rules)."""
    letters = [c for c in word if c.isalpha()]
    return word[0].isupper() and not (len(letters) >= 2 and all(c.isupper() for c in letters))


@cache
def _not_after() -> regex.Pattern[str]:
    """A word before an opener that makes the opener part of a common noun ("pháp luật")."""
    words = load("citation_rules")["named"]["not_after"]
    return regex.compile(rf"(?<![\p{{L}}]){alternation(words, flags_i=True)}[ \t]+$")


_LOWER_LETTER = regex.compile(r"\p{Ll}")
_NAME_TAIL = regex.compile(r"[\s,;.:]+$")


def _capitals_end(text: str, pos: int, end: int) -> int:
    """A name typed in capitals ends at the last word in capitals before `end`: the sentence may go
    on in lower case ("LUẬT DƯỢC được ...")."""
    low = _LOWER_LETTER.search(text, pos, end)
    if low is None:
        return end
    cut = low.start()
    while cut > pos and not text[cut - 1].isspace():
        cut -= 1                             # back to the start of the word that has a lower-case letter
    tail = _NAME_TAIL.search(text, pos, cut)
    return tail.start() if tail else cut


@cache
def _law_rules() -> tuple[regex.Pattern[str], regex.Pattern[str], frozenset[str]]:
    rules = load("citation_rules")["named"]
    stops = regex.compile(rf"[ \t]+{alternation(rules['stops'])}(?![\p{{L}}])")
    inner_and = regex.compile(rf"[ \t]+và[ \t]+{alternation(rules['and_continues'], flags_i=True)}(?![\p{{L}}])")
    return stops, inner_and, frozenset(w.casefold() for w in rules["not_first_words"])


def _law_name_end(text: str, pos: int, stops: regex.Pattern[str], inner_and: regex.Pattern[str],
                  rules: dict) -> int:
    """Where a law's name that starts at `pos` ends: at punctuation, a word that starts the rest
    of the sentence, or just after "năm <year>"."""
    comma_words = _comma_words()
    end = i = pos
    for _ in range(rules["max_words"]):
        while text[i:i + 1] in (" ", "\t"):
            i += 1
        word = _NAME_WORD.match(text, i)
        if word is None:
            if text.startswith(",", i) and (
                    comma_words.match(text, i + 1) or _comma_goes_on(text, i, pos, stops)):
                i += 1                       # "Luật Phòng, chống ...", "Luật Bảo vệ, chăm sóc sức khỏe ..."
                continue
            paren = _PAREN_ABBR.match(text, end)
            return paren.end() if paren else end
        amending_and = "sửa đổi" in text[pos:end].lower() and _AND_LAW.match(text, end)
        if end > pos and not inner_and.match(text, end) and not amending_and and (
                stops.match(text, end) or (text.startswith(" của ", end) and starts_org(text, end + 5))):
            return end
        w = word.group()
        if w == "số" and _COLON_DIGIT.match(text, word.end(), word.end() + 4):
            return end                       # "Luật Công nghệ cao số 21/2008/QH12": a full citation
        if w == "năm":
            year = _AFTER_YEAR.match(text, word.end())
            return year.end() if year else end
        if w[0].isdigit():
            return end
        end = i = word.end()
    return end


@cache
def _comma_words() -> regex.Pattern[str]:
    """The words after which a comma stays inside a name, in either case: a title may capitalise
    every word of the name ("Luật Khoa học, Công nghệ và Đổi mới sáng tạo")."""
    words = load("citation_rules")["named"]["comma_continues"]
    return regex.compile(rf"[ \t]*{alternation(words, flags_i=True)}(?![\p{{L}}])")


_LOWER_WORD = regex.compile(r"[ \t]*\p{Ll}+(?![\p{L}\d])")


def _comma_goes_on(text: str, comma: int, start: int, stops: regex.Pattern[str]) -> bool:
    """A comma early in a law's name, before a lower-case word that starts nothing else, joins two
    verbs of one name (`Bảo vệ, chăm sóc`, `Khiếu nại, tố cáo`); a list goes on in capitals."""
    return (len(text[start:comma].split()) <= 3 and bool(_LOWER_WORD.match(text, comma + 1))
            and not stops.match(text, comma + 1))


def _law_type(opener: str) -> str:
    for kind in ("Pháp lệnh", "Hiến pháp"):
        if opener.casefold().startswith(kind.casefold()):
            return kind
    return "Luật"
