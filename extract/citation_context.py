"""What stands around a cited number (spec/citations.md §3): the type word before it, the issue date
and issuer after it, a clause before it that says it was issued that day, a form word that makes
the number a form's and no document's.

Kept apart from the finders in `citations`: these read one place of the text and say what it is.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract import catalogue, dates
from vanban.extract.casing import restore_case
from vanban.extract.catalogue import alternation, load
from vanban.extract.organisations import read_coded, read_org, starts_org
from vanban.extract.text_index import lower_one_for_one

_SO_BEFORE = regex.compile(r"(?:^|(?<=\s))(?:số|Số|SỐ)\s*:?\s*$")
_NOT_BETWEEN = regex.compile(r"[.;:()\n\d]")
_NEW_CLAUSE = regex.compile(r"[ \t]+(?!V/v|CỦA(?![\p{L}])|DO(?![\p{L}]))\p{Lu}")   # ", ngày 10/3/2025 Sở Y tế ban hành"
_OF = regex.compile(r"\s*,?\s*(?:của|do|CỦA|DO)\s+")
# a name typed in capitals, up to what is not one (`THỦ TƯỚNG CHÍNH PHỦ`)
_CAPITALS = regex.compile(r"\p{Lu}[\p{Lu}\d&]*(?:\s+\p{Lu}[\p{Lu}\d&]*)*(?![\p{Ll}])")
_LOWER_NEXT = regex.compile(r"[ \t]+\p{Ll}")
_CLAUSE_END = regex.compile(r"[.;\n]")
_SENTENCE_END = regex.compile(r"[.;](?=\s)|\n")     # a dot inside a symbol (QĐ.BQL) or a number goes on
_VERB_REACH = 160       # how far back an issuing verb may stand from the mention it governs
_VERB_OBJECT_WORDS = 12


@cache
def _day_words() -> str:
    """What stands between a mention and its issue date: "ngày", "được ban hành ngày", "vào ngày"
    (citation_rules.toml [issue_date]); NGÀY in a heading typed in capitals is read as in lower case."""
    rules = load("citation_rules")["issue_date"]
    verbs, by = alternation(rules["after_mention"]), alternation(rules["after_mention_by"])
    # "được UBND tỉnh ban hành ngày": the body between, a name that opens with a capital
    body = r"được[ \t]+(?-i:\p{Lu})[^\n,.;:()]{0,60}?[ \t]+"
    return rf"\s*(?P<comma>,)?\s*\(?\s*(?:(?P<verb>{verbs}|{body}{by})\s+)?(?P<on>vào\s+)?ngày\s*:?\s*"


@cache
def _date_after() -> regex.Pattern[str]:
    return regex.compile(rf"{_day_words()}{dates.DATE}", regex.IGNORECASE)


@cache
def _day_without_year() -> regex.Pattern[str]:
    """"ngày 17/9", "ngày 17 tháng 9": the date is stated but has no year (no ISO date); what follows
    it ("của Sở Y tế") is still read."""
    return regex.compile(
        rf"{_day_words()}\d{{1,2}}\s*(?:[/.-]\s*\d{{1,2}}|\s+tháng\s+\d{{1,2}})(?![\d/.-]*\d|\s*,?\s*năm)",
        regex.IGNORECASE)


@cache
def _clause_day() -> regex.Pattern[str]:
    """A day that opens a clause: after punctuation, at a list item's mark, after a word that joins a
    second clause ("đồng thời ngày ..."); a capital "Ngày" opens one wherever it stands."""
    joins = alternation(load("citation_rules")["issue_date"]["clause_joins"])
    return regex.compile(rf"(?:(?:^|(?<=[.;:,\n\t]\s*)|(?<=^[-+•]\s*)|(?<=(?<![\p{{L}}]){joins}[ \t]+))[Nn]gày"
                         rf"|Ngày)\s+{dates.DATE}")


# ---------------------------------------------------------------- type words


@cache
def lower_type_words() -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in catalogue.type_words()}))


@cache
def type_words_lower() -> regex.Pattern[str]:
    """Type words (generic ones included) in lower case, matched on a lower-cased copy of the text:
    `regex` scans a plain alternation several times faster than a case-insensitive one."""
    return regex.compile(rf"(?<![\p{{L}}]){alternation(list(lower_type_words()))}(?![\p{{L}}])")


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(w for w in catalogue.type_words() if len(w) <= 3)


def type_words_in(text: str, low: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, word as written) of the type words in text[lo:hi]; full words in any case,
    abbreviations (`QĐ`, `KH`) only in their own."""
    out = []
    for m in type_words_lower().finditer(low, lo, hi):
        word = text[m.start():m.end()]
        if len(word) > 3 or word in abbreviations():
            out.append((m.start(), m.end(), word))
    return out


@cache
def mid_breaks() -> frozenset[str]:
    """Words that, between a type word and its number, start another phrase (`báo cáo theo Mẫu số`)."""
    return frozenset(load("citation_rules")["partial_mid_breaks"])


def type_before(text: str, start: int, floor: int, agrees: str | None = None) -> tuple[str | None, int, bool] | None:
    """The type word before a number at `start`: (type, where the word starts, generic?).

    The word stands right before the number ("Thông tư 32/2023/...", "QĐ 4210/..."), or a few
    words before "số" ("kế hoạch cải cách hành chính số 4266/..."); after a type word in lower case
    (a verb as often as a noun) none of them starts another phrase ("báo cáo theo ... số 01"). Of
    several type words there, the nearest that the symbol's type (`agrees`) confirms wins ("Thông
    báo kết luận số 46/TB-VPCP" is a Thông báo), else the nearest.
    """
    window_start = max(floor, start - 120)
    before = text[window_start:start]
    m = _SO_BEFORE.search(before)
    limit = len(before) if m is None else m.start()
    nearest = None
    for cand_start, cand_end, word in reversed(type_words_in(before, lower_one_for_one(before), 0, limit)):
        between = before[cand_end:limit]
        if m is None and between.strip():
            break
        if m is not None and (len(between.split()) > 10 or _NOT_BETWEEN.search(between)):
            break
        if m is not None and word.islower() and mid_breaks().intersection(between.split()):
            continue          # "lập báo cáo theo ... số": a verb; a name may hold them ("Luật Phòng, chống ... của")
        generic = word.casefold() in catalogue.generic_type_words()
        found = (catalogue.type_of_word(word), window_start + cand_start, generic)
        if agrees is None or found[0] == agrees:
            return found
        nearest = nearest or found
    if nearest is not None:
        return nearest
    if m is not None:
        return None, window_start + m.start(), False
    return None


@cache
def _form_before() -> regex.Pattern[str]:
    words = load("citation_rules")["form_words"]
    return regex.compile(rf"(?<![\p{{L}}]){alternation(words, flags_i=True)}[ \t]*(?:(?i:số)[ \t]*)?:?[ \t]*$")


def names_form(text: str, start: int, floor: int) -> bool:
    """`Mẫu số 01/PLI`, `Biểu số 03/TK-CCHC`: a form word right before the number names a form or an
    annex of another document, not a document."""
    return bool(_form_before().search(text, max(floor, start - 24), start))


# ---------------------------------------------------------------- date and issuer after


def date_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """The issue date stated right after `pos`: (ISO date or None, where it ends, stated?). A date
    without a year ("ngày 17/9") is stated with no ISO date; its end is where the issuer is read.
    A date "vào ngày" is when something was done to the document: its issue date only when that was
    issuing it ("ban hành Kế hoạch số ... vào ngày"), else an event ("nhận Công văn số ... vào ngày")."""
    m = _date_after().match(text, pos)
    iso = dates.from_match(m) if m else None
    if not iso:
        m = _day_without_year().match(text, pos)
        if not m:
            return None, pos, False
    if m.group("comma") and _NEW_CLAUSE.match(text, m.end()):
        return None, pos, False       # "..., ngày 10/3/2025 Sở Y tế ban hành ...": the next clause's date
    if m.group("on") and not m.group("verb") and not _issued_by_verb_before(text, pos):
        return None, pos, False       # "nhận Công văn số 48/SYT-VP vào ngày 27/3/2025": a receipt
    end = m.end()
    if text[m.start():m.end()].lstrip(" ,").startswith("(") and text[end:end + 1] == ")":
        end += 1
    return iso, end, True


def _issued_by_verb_before(text: str, pos: int) -> bool:
    """The mention ending at `pos` is the object of an issuing verb before it in its clause
    ("ban hành Kế hoạch số 12/KH-SYT", "ban hành Quyết định số 1/... và Kế hoạch số 2/..."): the
    verb's object opens with a type word, and only a few words lie between."""
    clause = text[max(0, pos - _VERB_REACH):pos]
    ends = list(_SENTENCE_END.finditer(clause))
    clause = clause[ends[-1].end():] if ends else clause
    verbs = list(_issuing_verbs().finditer(clause))
    if not verbs:
        return False
    obj = clause[verbs[-1].end():]
    if len(obj.split()) > _VERB_OBJECT_WORDS:
        return False
    stripped = obj.lstrip()
    found = type_words_in(stripped, lower_one_for_one(stripped), 0, len(stripped))
    return bool(found) and found[0][0] == 0


def issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer named right after `pos` ("của Sở Y tế"), as written; in a line typed in capitals
    ("CỦA THỦ TƯỚNG CHÍNH PHỦ") the name is read on its usual case and given as written."""
    m = _OF.match(text, pos)
    if not m:
        return None, pos
    at = m.end()
    caps = _CAPITALS.match(text, at) if m.group().strip(" \t\n,").isupper() else None
    if not caps or _LOWER_NEXT.match(text, caps.end()):     # "CỦA UBND tỉnh ...": a name in its usual case
        if not starts_org(text, at):
            coded = read_coded(text, at)     # "của SYT": a body named by its code alone
            return coded if coded else (None, pos)
        found = read_org(text, at)
        return (" ".join(found[0].split()), found[1]) if found else (None, pos)
    name = caps.group()
    follows = _after_issuer().search(name, 1)
    name = name[:follows.start()].rstrip() if follows else name      # "... TỈNH ỦY VỀ THỰC HIỆN ..."
    if catalogue.issuer_code(name):
        return name, at + len(name)          # "CỦA SYT": a body named by its code alone
    cased = restore_case(name)
    if len(cased) != len(name) or not starts_org(cased, 0) or not (found := read_org(cased, 0)):
        return None, pos
    return " ".join(text[at:at + found[1]].split()), at + found[1]


@cache
def _after_issuer() -> regex.Pattern[str]:
    """What follows an issuer's name ("về việc", "ngày"), in any case: where a name in capitals ends."""
    words = load("organisations")["after_name"]
    return regex.compile(rf"(?<=[ \t]){alternation(words, flags_i=True)}(?![\p{{L}}])")


@cache
def _issuing_verbs() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){alternation(load('organisations')['issuing_verbs'])}(?![\p{{L}}])")


def issued_on_before(text: str, start: int, floor: int, doc_type: str | None) -> str | None:
    """`Ngày 01/7/2025, UBND tỉnh ... ban hành Quyết định số 273/...`: a clause that opens with the
    day and says the document at `start` was issued then (citations.md §3); never an event date
    elsewhere, nor the day another document was issued ("ban hành Kế hoạch triển khai Quyết định
    số ...": the plan is the verb's object). A type word between the verb and the number is the
    document's own when it names its type ("xây dựng Kế hoạch ... năm 2022 số 4266/KH-SYT")."""
    window = text[max(floor, start - 160):start]
    best = None
    # "ngày" opens a clause after punctuation; a capital "Ngày" opens one wherever it stands.
    for m in _clause_day().finditer(window):
        best = m
    if best is None:
        return None
    between = window[best.end():]
    verbs = list(_issuing_verbs().finditer(between))
    if _CLAUSE_END.search(between) or not verbs:
        return None
    obj = between[verbs[-1].end():]
    objects = type_words_in(obj, lower_one_for_one(obj), 0, len(obj))
    if objects and catalogue.type_of_word(objects[0][2]) != doc_type:
        return None
    return dates.from_match(best)
