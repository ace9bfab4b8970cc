"""A total split into parts written "label: number", each part's unit left to the total: "88 công
chức, viên chức trúng tuyển, ..., trong đó: thạc sĩ: 05; chuyên khoa cấp II: 07; chuyên khoa cấp I: 100".

The numbers of such a list are no figures on their own (nothing after them says what they count),
so relations.py, which adds up counts, never sees them; yet a list whose parts add up to more than
its total is a report contradicting itself. The list is read only where it is unmistakable: after a
count and an opener word ([breakdown] openers) in its sentence, or opening the next sentence when
the total ends its own and stands alone in it ("1.250 hồ sơ. Trong đó: trực tuyến: 800; ..."), no
other count between, one "label: number" after another, separated by ";" or ",", or one a bullet
line ("trong đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 500"), up to the end of the sentence; in a
bracket right after the total the colon may be left out ("(bác sĩ 30, điều dưỡng 60, khác 20)").
Its parts may be only some of the total (a list of degrees leaves out the rest), so the breakdown
is taken as whole only when its parts say so themselves, as in a list of counts (part_lists: they
name each word of a partition, "nam: 20; nữ: 25", or end with the rest, "khác 20"); else only parts
adding up to more than the total are flagged. Either only when their labels split it along one
dimension (measures.py: "nữ: 80; đảng viên: 50" overlap; one part cutting across the others is left
out, part_lists.listed). A part's percentage in brackets is its share of the total, checked as any
stated share is.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import regex

from vanban.extract import numbers
from vanban.extract.catalogue import alternation, load
from vanban.extract.metrics import Metric, blocked_before
from vanban.extract.part_lists import Breakdown, alone_in_sentence, ends_with_rest, listed, names_partition
from vanban.extract.text_index import lowered, places

# a label of words (no digit, no colon), maybe on a bullet line of its own ("+ Trực tuyến: 800"), a
# colon, a whole number, then the end of the item; in a bracket the colon may be left out ("(bác sĩ 30,
# điều dưỡng 60, khác 20)")
_NUM = r"(?P<num>\d{1,3}(?:\.\d{3})*)(?![\d\p{L}%/]|[.,]\d)"
_ITEM = regex.compile(rf"[\s,;]*(?:(?<=\n)[ \t]*(?P<mark>[-+•*])[ \t]+)?(?P<label>\p{{L}}[\p{{L}}\s/–-]{{0,60}}?)"
                      rf"\s*:\s*{_NUM}(?:\s*\((?P<pct>\d{{1,3}}(?:,\d+)?\s?%)\))?")
_BARE_ITEM = regex.compile(rf"[ \t,;]*(?P<label>\p{{L}}[\p{{L}} \t/–-]{{0,60}}?)[ \t]*:?[ \t]+{_NUM}")
_ITEM_END = regex.compile(r"\s*(?:[;,)]|\.(?=\s|$)|$)|[ \t]*\n")
_LINE_MARK = regex.compile(r"[ \t]*([-+•*])[ \t]")
_TIME_LABEL = regex.compile(r"(?i)(?<![\p{L}])(?:năm|tháng|quý|ngày|lần|số|khóa|giai đoạn)\s*$")


@cache
def _opener() -> regex.Pattern[str]:
    words = alternation(load("metrics")["breakdown"]["openers"], flags_i=True)
    return regex.compile(rf"(?:(?:[^.;:\n]|\.(?=\S)){{0,160}}?[\s,]*|[^.;:\n()\d]{{0,40}}?(?P<stop>\.)\s+)"
                         rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])\s*:?"    # in the total's sentence, or the next
                         r"|[^.;:\n()\d]{0,40}(?P<bracket>\()", regex.I)      # or a bracket right after the total


def _opener_places(text: str) -> list[int]:
    """Where an opener word or a bracket stands, ascending: a count far from all of them opens no list."""
    low = lowered(text)
    return places(low, [w.casefold() for w in load("metrics")["breakdown"]["openers"]] + ["("])


def labelled_breakdowns(text: str, metrics: list[Metric]) -> list[Breakdown]:
    """Counts followed by an opener and a list of "label: number" parts (two or more) in their unit."""
    out = []
    taken = sorted(m.span for m in metrics)
    counts = [m for m in metrics if m.kind == "count"]
    near = _opener_places(text)
    for t in (m for m in counts if not m.approx):
        i = bisect_left(near, t.span[1])
        if i == len(near) or near[i] > t.span[1] + 200:
            continue                                  # no opener word or bracket in reach: the regex would fail
        opener = _opener().match(text, t.span[1])
        if opener is None or any(t.span[1] <= m.span[0] < opener.end() for m in counts):
            continue                                  # another count before the opener: the list is its
        if opener.group("stop") and not alone_in_sentence(text, t, counts):
            continue                                  # "Trong đó:" after a sentence of two counts: either's
        lo = opener.end()
        parts, shares, labels = _items(text, lo, t, taken, bool(opener.group("bracket")))
        if len(parts) >= 2 and len({w.casefold() for w in labels}) == len(labels):   # "(lớp 10, lớp 11)": names
            hi = parts[-1].span[1]

            def whole(kept: list[Metric], lo: int = lo, hi: int = hi) -> bool:
                return names_partition(text, lo, hi, kept) or ends_with_rest(text, hi, kept)
            out += listed(t, parts, labels, whole(parts), whole)
            _state_shares(t, shares, metrics)
    return out


def _items(text: str, pos: int, total: Metric, taken: list[tuple[int, int]], bracket: bool
           ) -> tuple[list[Metric], list[tuple[Metric, tuple[int, int]]], list[str]]:
    """The "label: number" items from `pos` (in a bracket, "label number" too), each a count in the
    total's unit, with their labels and their shares in brackets. None at all when an item is no part:
    its label a time, a level or a change ("năm: 2024", "Điều 5", "tăng 20"), its number another
    figure's. Items on bullet lines all carry one mark, not the total's line's ("- Tổng số ..., trong
    đó:\n+ Trực tuyến: 800;\n+ Trực tiếp: 450;\n- Đã giải quyết: 1.200": the "-" line is the total's peer)."""
    parts: list[Metric] = []
    shares: list[tuple[Metric, tuple[int, int]]] = []
    labels: list[str] = []
    own = _LINE_MARK.match(text, text.rfind("\n", 0, total.span[0]) + 1)
    first: str | None = None                          # the first item's mark
    while (item := _ITEM.match(text, pos) or (_BARE_ITEM.match(text, pos) if bracket else None)) \
            and _ITEM_END.match(text, item.end()):
        mark = item.groupdict().get("mark")
        if mark and (mark != first if parts else own is not None and own.group(1) == mark):
            break                                     # the bullets after the list: its peers, not its parts
        first = first or mark
        if _TIME_LABEL.search(item.group("label")) or blocked_before(text, item.start("num")) \
                or _changes(item.group("label")) or any(a < item.end("num") and b > item.start("num")
                                                        for a, b in taken):
            return [], [], []                         # a year, a level, a change, another figure
        value = numbers.parse(item.group("num"))
        if value is None:
            break
        parts.append(Metric("count", value, item.group("num"), item.span("num"), unit=total.unit,
                            unit_kind=total.unit_kind))
        labels.append(" ".join(item.group("label").split()))
        if item.groupdict().get("pct"):
            shares.append((parts[-1], item.span("pct")))
        pos = item.end()
        if text.startswith(".", pos) or text.startswith(")", pos):
            break
    return parts, shares, labels


@cache
def _change_words() -> regex.Pattern[str]:
    """A word of change ([shares.change] words): "tăng 20" says by how much, it is no part."""
    words = alternation(load("metrics")["shares"]["change"]["words"], flags_i=True)
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


def _changes(label: str) -> bool:
    return _change_words().search(label) is not None


def _state_shares(total: Metric, shares: list[tuple[Metric, tuple[int, int]]], metrics: list[Metric]) -> None:
    """A part's percentage in brackets ("Hoàn thành tốt: 25 (43,1%)") is its share of the total: the
    percentage's base, for the ratio check (flags.ratio_mismatch), unless it has one already."""
    by_span = {m.span: m for m in metrics if m.kind == "percent"}
    for part, span in shares:
        p = by_span.get(span)
        if p is not None and p.basis is None and total.value:
            p.basis = {"numerator": part.value, "denominator": total.value, "source": "counts",
                       "span": [total.span[0], p.span[1]]}
            p.basis_of = [part, total]
