"""Relations between figures, for flags.py to judge: `shares` (a percentage and the base it
states) and `breakdowns` (a total and the parts it is split into)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.measures import is_change, part_labels, stated_total
from vanban.extract.part_lists import Breakdown, alone_in_sentence, ends_with_rest, list_end, listed, names_partition
from vanban.extract.ratio_words import of_the_whole
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


def _part_and_total(text: str, ordered: list[Metric], i: int) -> tuple[Metric, Metric, str] | None:
    p = ordered[i]
    j = i - 1
    if j < 0 or ordered[j].kind not in ("count", "money"):
        return None
    part = ordered[j]
    if p.span[0] - part.span[1] > 25 or not _share_words().match(text[part.span[1]:p.span[0]]):
        return None
    if j and not ordered[j - 1].approx and of_the_whole(text, ordered[j - 1], part):   # "81 hồ sơ trên tổng
        return ordered[j - 1], part, "counts"                                         # số 87 hồ sơ, đạt 93,1%"
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
    """An opener word after a total: in its sentence ("1.250 hồ sơ, trong đó: ..."), or opening the next
    sentence when the total ends its own ("1.250 hồ sơ. Trong đó: ...": the parts are that total's)."""
    words = alternation(_data()["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"(?:[^.;:\n()]{{0,60}}?[\s:,]*|[^.;:\n()\d]{{0,40}}?(?P<stop>\.)\s+)(?P<w>{words})"
                         rf"(?![\p{{L}}])\s*:?", regex.I)


@cache
def _list_opener() -> regex.Pattern[str]:
    words = alternation(_data()["breakdown"]["openers"] + ["như sau"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?P<w>{words})\s*:\s*$", regex.I)


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



def _complete_openers() -> list[str]:
    partial = {w.casefold() for w in _data()["breakdown"].get("partial", [])}
    return [w for w in _data()["breakdown"]["openers"] if w.casefold() not in partial]


@cache
def _new_clause() -> regex.Pattern[str]:
    """A semicolon, then a verb that opens another statement ([breakdown] clause_verbs), then no other
    semicolon before the count."""
    verbs = alternation(_data()["breakdown"]["clause_verbs"], flags_i=True)
    return regex.compile(rf";\s*[-+•]?\s*(?:{verbs})(?![\p{{L}}\d])[^;]*$")


_PAREN_AFTER = regex.compile(r"[^.;:\n()\d]{0,40}\(")    # a bracket opening right after a total
_SENTENCE_STOP = regex.compile(r"\n|\.(?=\s|$)")
_LINE_END = regex.compile(r"[ \t]*\n")


def breakdowns(text: str, metrics: list[Metric], paragraphs: list[Span] | None = None) -> list[Breakdown]:
    """Totals the text splits into parts, so that the parts can be added up.

    Only where the text states a partition: parts in a bracket right after the total ("10 lãnh đạo
    trung tâm (03 Giám đốc TT và 07 Phó Giám đốc TT)"); parts after an opener word up to the end of
    the sentence ("09 Quầy thu ngân: Trong đó: 02 máy ...; 04 máy ..."), the opener maybe opening
    the next sentence when the total ends its own and stands alone in it ("1.250 hồ sơ. Trong đó:
    ..."); parts one per bullet line after a paragraph that holds one count and ends "cụ thể:" /
    "gồm:" / "như sau:" / "trong đó:". Every part is a count of the same kind as the total
    (`same_kind`); a list of counts of other kinds, or of subsets, is no breakdown. Whether the
    parts are the whole of the total is decided alike for every form (`_listed`): bullets after
    "trong đó:" may be some of it, as the same list in the sentence may.
    """
    figures = sorted(metrics, key=lambda m: m.span)
    counts = [m for m in figures if m.kind == "count"]
    out: list[Breakdown] = []
    for t in counts:
        paren = _PAREN_AFTER.match(text, t.span[1])
        if paren:
            lo = paren.end()
            hi = text.find(")", lo)
            inner = [m for m in figures if lo <= m.span[0] and m.span[1] <= hi] if hi > 0 else []
            if hi > 0 and "\n" not in text[lo:hi] and len(inner) >= 2:
                counted, (inner, hi, cut) = inner, list_end(text, lo, hi, inner)
                if len(inner) >= 2 and all(m.kind == "count" and same_kind(t, m) for m in inner):
                    out += _listed(text, lo, hi, t, inner, not cut and _bracket_complete(text, lo, hi, inner), counted)
            continue
        opener = _openers().match(text, t.span[1])
        if opener and (not opener.group("stop") or alone_in_sentence(text, t, counts)):
            lo = opener.end()
            stop = _SENTENCE_STOP.search(text, lo)
            hi = stop.start() if stop else len(text)
            if opener.group("stop") and _LINE_END.match(text, lo):      # "1.250 hồ sơ.\nTrong đó:\n+ ...": bullets
                parts, hi = _bullet_parts(text, t, counts, paragraphs or [], lo)
                out += _listed(text, lo, hi, t, parts, _complete_word(opener.group("w"))) if parts else []
                continue
            inner = []
            for m in (m for m in figures if lo <= m.span[0] and m.span[1] <= hi):
                if m.kind == "count" and _openers().match(text, m.span[1]):
                    break                  # "...; cấp huyện là 1096 văn bản trong đó ...": a new total
                if _new_clause().search(text, inner[-1].span[1] if inner else lo, m.span[0]):
                    break                  # "... 03 sinh viên; cử 188 cán bộ ...": another statement
                if text.count("(", lo, m.span[0]) > text.count(")", lo, m.span[0]):
                    continue               # inside a bracket: "bác sĩ 30 người (5 người ...)", a detail
                inner.append(m)
            counted, (inner, hi, cut) = inner, list_end(text, lo, hi, inner)   # one part: wrong only passing its total
            if (len(inner) >= 2 or (inner and inner[0].value > t.value)) and all(
                    m.kind == "count" and same_kind(t, m) for m in inner):
                out += _listed(text, lo, hi, t, inner, _complete_word(opener.group("w")) and not cut, counted)
    for ps, pe in paragraphs or []:
        if not text[ps:pe].rstrip().endswith(":") or not (word := _list_opener().search(text, ps, pe)):
            continue                       # the opener ends its paragraph with a colon: none, no scan
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) == 1 and not any(b.total is inside[0] for b in out):
            parts, hi = _bullet_parts(text, inside[0], counts, paragraphs or [], pe)
            if parts:                      # the same rules as a list in the sentence, the bullets its list
                out += _listed(text, pe, hi, inside[0], parts, _complete_word(word.group("w")))
    return out


def _complete_word(word: str) -> bool:
    """The opener says its parts are all of the total ("gồm", "cụ thể"), not some ("trong đó")."""
    return word.casefold() not in {w.casefold() for w in _data()["breakdown"].get("partial", [])}


def _listed(text: str, lo: int, hi: int, total: Metric, parts: list[Metric], says_whole: bool,
            counted: list[Metric] | None = None) -> list[Breakdown]:
    """The breakdowns of the list `lo`-`hi` (part_lists.listed): whole when its parts name a partition or
    end with the rest, or when its opener or bracket says so (`says_whole`); `counted`: the figures of
    the list before it was cut at its end (list_end), the parts and what follows them."""
    def whole(kept: list[Metric]) -> bool:
        return names_partition(text, lo, hi, kept) or ends_with_rest(text, hi, kept)
    return listed(total, parts, part_labels(text, lo, hi, total, parts), whole(parts) or says_whole, whole,
                  [m for m in counted or [] if m.kind == "count" and same_kind(total, m)])


def _bullet_parts(text: str, total: Metric, counts: list[Metric], paragraphs: list[Span],
                  end: int) -> tuple[list[Metric], int]:
    """One count per bullet paragraph after `end`, all in the total's unit, and where the bullets end;
    [] if any is not. The bullets carry one mark, not the total's own ("- Tổng số ...:\n+ ...\n+ ...\n-
    Đã giải quyết ...": the "-" line is the total's peer, not its part)."""
    starts = [p[0] for p in paragraphs]
    k = bisect_right(starts, end)
    parts: list[Metric] = []
    hi = end
    own = _BULLET.match(text, text.rfind("\n", 0, total.span[0]) + 1)
    marks = [own.group().strip()] if own else []
    while k < len(paragraphs):
        ps, pe = paragraphs[k]
        bullet = _BULLET.match(text, ps, pe)
        if not bullet or (bullet.group().strip() != marks[-1] if parts else bullet.group().strip() in marks):
            break
        marks.append(bullet.group().strip())
        inside = [m for m in counts if ps <= m.span[0] < pe]
        if len(inside) != 1 or (inside[0].unit or "").casefold() != (total.unit or "").casefold():
            return [], end
        parts.append(inside[0])
        hi = pe
        k += 1
    return (parts, hi) if len(parts) >= 2 else ([], end)
