"""Relations between figures, for flags.py to judge: `shares` (a percentage and the base it
states) and `breakdowns` (a total and the parts it is split into)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.measures import is_change, splits, stated_total
from vanban.extract.share_base import ratio_bases
from vanban.extract.spans import Span

if TYPE_CHECKING:
    from vanban.extract.metrics import Metric


@cache
def _data() -> dict[str, Any]:
    return load("metrics")


@dataclass
class Share:
    """A percentage and the figures it claims to be the share of."""

    percent: Metric
    numerator: float | int
    denominator: float | int
    source: str                     # "ratio" (x/y), "counts" (part, total), "received" (of what came in: a floor)
    span: Span
    figures: list[Metric] = field(default_factory=list)   # the ratio, or the part and the total


@dataclass
class Breakdown:
    """A total and the parts the text splits it into."""

    total: Metric
    parts: list[Metric] = field(default_factory=list)
    complete: bool = True           # False for "trong đó": the parts may cover only some of it
    split: bool = True              # False when parts overlap (measures.py): each is some, their sum nothing

# compiled once (a call of `regex.search(r"...")` looks its pattern up in a cache, in Python)
_SENTENCE_BREAK = regex.compile(r"\n|[.!?](?=\s+[\p{Lu}\d])")   # "đạt 99%. 26/26 trạm": two sentences
_SOME_ONLY = regex.compile(r"(?i)trong đó|\bnhư\b|…|\.\.\.|v\.v|chủ yếu")
_AND_END = regex.compile(r"(?<![\p{L}])(?:và)\s*$")
_BULLET = regex.compile(r"[-+•*]\s")


def _same_sentence(text: str, a: Span, b: Span) -> bool:
    lo, hi = min(a[0], b[0]), max(a[1], b[1])
    return not _SENTENCE_BREAK.search(text, lo, hi)


@cache
def _share_words() -> regex.Pattern[str]:
    words = alternation(_data()["shares"]["share_words"], flags_i=True)
    return regex.compile(rf"^[\s,:]*(?:(?:tỷ lệ\s+)?{words})?[\s:]*(?:tỷ lệ\s*)?[\s:]*$", regex.I)


@cache
def _total_words() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){alternation(_data()['shares']['total_words'], flags_i=True)}"
                         rf"(?![\p{{L}}])")


def shares(text: str, metrics: list[Metric]) -> list[Share]:
    """Percentages whose base the text also states.

    Either the written ratio of the percentage's own clause (share_base.py: "đạt 93,1%
    (81.657/87.709)", "205/257 viên chức ..., chiếm tỷ lệ 80%", never the next clause's "còn 4/22"),
    each ratio the base of one percentage. Or a part right before the percentage ("28.778 lượt đạt
    29,63%") whose total, in the same unit, comes earlier in the sentence and is marked as the total:
    a bracket opened after it holds the part, or it is named "tổng" ("Tổng số lượt giao dịch: 91.117
    lượt (...").
    """
    ordered = sorted(metrics, key=lambda m: m.span)
    out = [Share(p, r.numerator, r.denominator, "ratio", r.span, [r]) for p, r in ratio_bases(text, ordered)]
    by_percent = {id(share.percent) for share in out}
    for i, p in enumerate(ordered):
        if p.kind != "percent" or id(p) in by_percent or is_change(text, p):
            continue
        pair = _part_and_total(text, ordered, i)
        if pair is not None:
            part, total, source = pair
            span = (min(total.span[0], part.span[0]), max(total.span[1], p.span[1]))
            out.append(Share(p, part.value, total.value, source, span, [part, total]))
    return sorted(out, key=lambda s: s.percent.span)


@cache
def _base_link() -> regex.Pattern[str]:
    """What names the whole right after a part ([shares.prose] base_after: "trên tổng số")."""
    return regex.compile(rf"\s*(?:{alternation(_data()['shares']['prose']['base_after'], flags_i=True)})\s*", regex.I)


def _whole_named_after(text: str, part: Metric, whole: Metric) -> bool:
    """`whole` follows `part` as its whole: "81 hồ sơ trên tổng số 87 hồ sơ", one unit, more, exact."""
    return (part.kind == whole.kind == "count" and not part.approx and not whole.approx
            and (part.unit or "").casefold() == (whole.unit or "").casefold() and whole.value > part.value
            and bool(_base_link().fullmatch(text, part.span[1], whole.span[0])))


def _part_and_total(text: str, ordered: list[Metric], i: int) -> tuple[Metric, Metric, str] | None:
    p = ordered[i]
    j = i - 1
    if j < 0 or ordered[j].kind not in ("count", "money"):
        return None
    part = ordered[j]
    if p.span[0] - part.span[1] > 25 or not _share_words().match(text[part.span[1]:p.span[0]]):
        return None
    if j and _whole_named_after(text, ordered[j - 1], part):   # "81 hồ sơ trên tổng số 87 hồ sơ, đạt 93,1%"
        return ordered[j - 1], part, "counts"
    if named_whole := stated_total(text, ordered, i, j):     # "trên tổng số 97.124 lượt", "Tiếp nhận ..."
        return part, *named_whole
    for k in range(j - 1, -1, -1):
        total = ordered[k]
        if total.kind in ("percent", "ratio") or not _same_sentence(text, total.span, p.span):
            return None
        if total.kind != part.kind or total.unit != part.unit or not total.value > part.value:
            continue
        between = text[total.span[1]:part.span[0]]
        opened = between.count("(") > between.count(")")
        named = bool(_total_words().search(text[max(0, total.span[0] - 60):total.span[0]]))
        return (part, total, "counts") if opened or named else None
    return None


@cache
def _openers() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"[^.;:\n()]{{0,60}}?[\s:,]*(?P<w>{words})(?![\p{{L}}])\s*:?", regex.I)


@cache
def _list_opener() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"] + ["như sau"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}]){words}\s*:\s*$", regex.I)


def same_kind(total: Metric, part: Metric) -> bool:
    """A part may be added into a total: counted in the same unit (beds with beds), or both people
    counted by role (`10 lãnh đạo` = `03 Giám đốc` + `07 Phó Giám đốc`); never beds with staff."""
    if (part.unit or "").casefold() == (total.unit or "").casefold():
        return True
    roles = _data()["breakdown"]["role_kinds"]
    visits = {w.casefold() for w in _data()["breakdown"]["not_roles"]}
    return (part.unit_kind == total.unit_kind and part.unit_kind in roles
            and not {(part.unit or "").casefold(), (total.unit or "").casefold()} & visits)


@cache
def _complete_opening() -> regex.Pattern[str]:
    return regex.compile(rf"\s*{alternation(_complete_openers(), flags_i=True)}(?![\p{{L}}])")


def _bracket_complete(text: str, lo: int, hi: int, parts: list[Metric]) -> bool:
    """A bracketed list is the whole of its total when it says so (`gồm`) or closes its enumeration
    with `và`; `trong đó`, `như`, an ellipsis or a bare list of some (subsets) is not."""
    inner = text[lo:hi]
    if _SOME_ONLY.search(inner):
        return False
    if _complete_opening().match(inner):
        return True
    return bool(_AND_END.search(text[parts[-2].span[1]:parts[-1].span[0]]))


@cache
def _partitions() -> list[regex.Pattern[str]]:
    """Per partition ([breakdown] partitions), a pattern that finds its words."""
    return [regex.compile(rf"(?<![\p{{L}}])(?:{alternation(words, flags_i=True)})(?![\p{{L}}])", regex.I)
            for words in _data()["breakdown"]["partitions"]]


def names_partition(text: str, lo: int, hi: int, parts: list[Metric]) -> bool:
    """Each part is named by one word of a partition, all before their parts (from the part before,
    or `lo`) or all after them (up to the next part, or `hi`), and the parts name every word of it
    once: they are the whole of their total even after `trong đó` ("nam 200 người, nữ 230 người")."""
    before = [((parts[k - 1].span[1] if k else lo), p.span[0]) for k, p in enumerate(parts)]
    after = [(p.span[1], (parts[k + 1].span[0] if k + 1 < len(parts) else hi)) for k, p in enumerate(parts)]
    for pattern, words in zip(_partitions(), _data()["breakdown"]["partitions"], strict=True):
        if len(parts) != len(words):
            continue
        # "20 nam và 25 nữ": a part counted by the partition's word, with nothing after it that narrows it
        # ("25 nam dân tộc thiểu số" is some of the men)
        own = [{(p.unit or "").casefold()} & {w.casefold() for w in words} if _LIST_GOES_ON.fullmatch(text, a, b)
               else set() for p, (a, b) in zip(parts, after, strict=True)]
        for stretches in (before, after):
            named = [{w.group().casefold() for w in pattern.finditer(text, a, b)} | o
                     for (a, b), o in zip(stretches, own, strict=True)]
            if all(len(n) == 1 for n in named) and set().union(*named) == {w.casefold() for w in words}:
                return True
    return False


@cache
def _rest_names() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The last part's name when it is the rest of the total ([breakdown] catch_all): alone between the
    part before and it, or alone after it to the list's end."""
    conf = _data()["breakdown"]
    rest = alternation(conf["catch_all"], flags_i=True)
    heads = alternation(conf["catch_all_heads"], flags_i=True)
    return (regex.compile(rf"[\s,;]*(?:và\s+)?(?:{heads}\s+)?{rest}\s*:?\s*", regex.I),
            regex.compile(rf"(?:\s+{rest})?\s*[.;]?\s*", regex.I))


def ends_with_rest(text: str, hi: int, parts: list[Metric]) -> bool:
    """The parts end with the rest of their total ("bác sĩ 30 người, điều dưỡng 60 người, khác 20 người",
    "... và 20 người khác"), the last one ending the list: they leave nothing out even after `trong đó`.
    Not with a bracket among them (a part of a part would be counted twice), nor when words go on after
    the rest ("khác 20 người có trình độ đại học" may be some of the others)."""
    if len(parts) < 2 or "(" in text[parts[0].span[0]:parts[-1].span[1]]:
        return False
    before, after = _rest_names()
    tail = after.fullmatch(text, parts[-1].span[1], hi)            # the last part ends the list
    if tail is None:
        return False
    return bool(tail.group().strip(" \t.;") or before.fullmatch(text, parts[-2].span[1], parts[-1].span[0]))


@cache
def _gap_opener() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


@cache
def _sex_word() -> regex.Pattern[str]:
    """A partition's word as it names people, in lower case ("Việt Nam" names nobody)."""
    words = sorted({w for ws in _data()["breakdown"]["partitions"] for w in ws}, key=len, reverse=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{'|'.join(map(regex.escape, words))})(?![\p{{L}}])")


_PART_END = regex.compile(r"[,;(]")


@cache
def _rest_after() -> regex.Pattern[str]:
    """A catch-all word right after a part ("20 người khác"): that part is the rest of the total."""
    return regex.compile(rf"\s+{alternation(_data()['breakdown']['catch_all'], flags_i=True)}(?![\p{{L}}])", regex.I)


def _stop_at(text: str, pos: int, hi: int) -> int:
    """The end of the part ending at `pos`: the next comma, semicolon or bracket, or `hi`."""
    found = _PART_END.search(text, pos, hi)
    return found.start() if found else hi


def list_end(text: str, lo: int, hi: int, parts: list[Metric]) -> tuple[list[Metric], int, str]:
    """The parts of a list are exactly its items from the opener to the list's end; what follows is
    a subset of the total, never a part. The list ends (returned: its parts, its end, and what ended
    it, "" if nothing before `hi`):
    - at a new opener between two parts ("gồm 20 nam và 25 nữ; trong đó đảng viên 10 người"): "opener";
    - at a semicolon when its first two parts were not separated by one ("bác sĩ 30 người, điều dưỡng
      70 người, khác 20 người; có 15 người là đảng viên"): ";".
    Cut so, the parts before are whole only when they say so themselves (a partition, the rest): the
    "trong đó" may narrow the last part, the list "a, b; c" go on after it, so an opener's "gồm" is
    not enough ("gồm: nội khoa 120 giường; ngoại khoa 100 giường; trong đó hồi sức 20 giường;
    truyền nhiễm 30 giường"). The list also ends, and is whole unless words go on after its last part:
    - after a part that names the rest of the total ("khác 20 người", "20 người khác"): "rest";
    - after parts that name each word of a partition once ("20 nam và 25 nữ, 10 người là đảng viên"),
      unless the list names a partition's word again ("nữ dân tộc thiểu số 20 người": unclear): "rest".
    """
    if len(parts) < 2:
        return parts, hi, ""
    first_gap_semicolon = ";" in text[parts[0].span[1]:parts[1].span[0]]
    before, _ = _rest_names()
    rest_after = _rest_after()
    for k in range(1, len(parts)):
        gap = (parts[k - 1].span[1], parts[k].span[0])
        opener = _gap_opener().search(text, *gap)
        if opener:
            return parts[:k], opener.start(), "opener"
        if ";" in text[gap[0]:gap[1]] and not first_gap_semicolon:
            return parts[:k], text.index(";", gap[0], gap[1]), ";"
        if k + 1 < len(parts) and (before.fullmatch(text, *gap) or rest_after.match(text, parts[k].span[1])):
            return parts[:k + 1], _stop_at(text, parts[k].span[1], hi), "rest"
    for words in _data()["breakdown"]["partitions"]:
        n = len(words)
        if n < len(parts) and len(_sex_word().findall(text, lo, hi)) == n \
                and names_partition(text, lo, parts[n].span[0], parts[:n]):
            return parts[:n], _stop_at(text, parts[n - 1].span[1], hi), "rest"
    return parts, hi, ""


def _complete_openers() -> list[str]:
    partial = {w.casefold() for w in _data()["breakdown"].get("partial", [])}
    return [w for w in _data()["breakdown"]["openers"] if w.casefold() not in partial]


@cache
def _new_clause() -> regex.Pattern[str]:
    """A semicolon, then a verb that opens another statement ([breakdown] clause_verbs), then no other
    semicolon before the count."""
    verbs = alternation(_data()["breakdown"]["clause_verbs"], flags_i=True)
    return regex.compile(rf";\s*[-+•]?\s*(?:{verbs})(?![\p{{L}}\d])[^;]*$")


_LIST_GOES_ON = regex.compile(r"[\s,;.]*(?:và\s*)?")    # between two parts of a list, or after its last
_PAREN_AFTER = regex.compile(r"[^.;:\n()\d]{0,40}\(")    # a bracket opening right after a total
_SENTENCE_STOP = regex.compile(r"\n|\.(?=\s|$)")


def breakdowns(text: str, metrics: list[Metric], paragraphs: list[Span] | None = None) -> list[Breakdown]:
    """Totals the text splits into parts, so that the parts can be added up.

    Only where the text states a partition: parts in a bracket right after the total ("10 lãnh đạo
    trung tâm (03 Giám đốc TT và 07 Phó Giám đốc TT)"); parts after an opener word up to the end of
    the sentence ("09 Quầy thu ngân: Trong đó: 02 máy ...; 04 máy ..."); parts one per bullet line
    after a paragraph that holds one count and ends "cụ thể:" / "gồm:" / "như sau:". Every part is a
    count of the same kind as the total (`same_kind`); a list of counts of other kinds, or of
    subsets, is no breakdown.
    """
    figures = sorted(metrics, key=lambda m: m.span)
    counts = [m for m in figures if m.kind == "count"]
    partial = {w.casefold() for w in _data()["breakdown"].get("partial", [])}
    out: list[Breakdown] = []
    for t in counts:
        paren = _PAREN_AFTER.match(text, t.span[1])
        if paren:
            lo = paren.end()
            hi = text.find(")", lo)
            inner = [m for m in figures if lo <= m.span[0] and m.span[1] <= hi] if hi > 0 else []
            if hi > 0 and "\n" not in text[lo:hi] and len(inner) >= 2:
                inner, hi, cut = list_end(text, lo, hi, inner)
                if len(inner) >= 2 and all(m.kind == "count" and same_kind(t, m) for m in inner):
                    named = names_partition(text, lo, hi, inner) or ends_with_rest(text, hi, inner)
                    out.append(Breakdown(t, inner, named or (not cut and _bracket_complete(text, lo, hi, inner)),
                                         splits(text, lo, hi, t, inner)))
            continue
        opener = _openers().match(text, t.span[1])
        if opener:
            lo = opener.end()
            stop = _SENTENCE_STOP.search(text, lo)
            hi = stop.start() if stop else len(text)
            inner = []
            for m in (m for m in figures if lo <= m.span[0] and m.span[1] <= hi):
                if m.kind == "count" and _openers().match(text, m.span[1]):
                    break                  # "...; cấp huyện là 1096 văn bản trong đó ...": a new total
                if _new_clause().search(text, inner[-1].span[1] if inner else lo, m.span[0]):
                    break                  # "... 03 sinh viên; cử 188 cán bộ ...": another statement
                if text.count("(", lo, m.span[0]) > text.count(")", lo, m.span[0]):
                    continue               # inside a bracket: "bác sĩ 30 người (5 người ...)", a detail
                inner.append(m)
            inner, hi, cut = list_end(text, lo, hi, inner)     # one part can only be wrong by passing its total
            if (len(inner) >= 2 or (inner and inner[0].value > t.value)) and all(
                    m.kind == "count" and same_kind(t, m) for m in inner):
                named = names_partition(text, lo, hi, inner) or ends_with_rest(text, hi, inner)
                complete = named or (opener.group("w").casefold() not in partial and not cut)
                out.append(Breakdown(t, inner, complete, splits(text, lo, hi, t, inner)))
    for ps, pe in paragraphs or []:
        if not text[ps:pe].rstrip().endswith(":") or not _list_opener().search(text[ps:pe]):
            continue                       # the opener ends its paragraph with a colon: none, no scan
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) == 1 and not any(b.total is inside[0] for b in out):
            parts = _bullet_parts(text, inside[0], counts, paragraphs or [], pe)
            if parts:
                out.append(Breakdown(inside[0], parts, True, splits(text, pe, parts[-1].span[1], inside[0], parts)))
    return out


def _bullet_parts(text: str, total: Metric, counts: list[Metric], paragraphs: list[Span],
                  end: int) -> list[Metric]:
    """One count per bullet paragraph after `end`, all in the total's unit; [] if any is not."""
    starts = [p[0] for p in paragraphs]
    k = bisect_right(starts, end)
    parts: list[Metric] = []
    while k < len(paragraphs):
        ps, pe = paragraphs[k]
        if not _BULLET.match(text, ps, pe):
            break
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) != 1 or (inside[0].unit or "").casefold() != (total.unit or "").casefold():
            return []
        parts.append(inside[0])
        k += 1
    return parts if len(parts) >= 2 else []
