"""What a figure measures and the words around it: its clause, its sentence, its context, and the
catalogue indicator (patterns/indicators.toml) nearest to it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from vanban.extract.catalogue import alternation, load
from vanban.extract.clauses import CLAUSE_END, clause_of, sentence_of
from vanban.extract.own_words import a_part_of, denied_keys, excluded, is_change, negation_guard, own_words
from vanban.extract.spans import Span
from vanban.extract.text_index import folded_places, lowered

if TYPE_CHECKING:
    from vanban.extract.metrics import Metric

@cache
def _indicators() -> list[tuple[dict[str, Any], regex.Pattern[str], regex.Pattern[str] | None]]:
    out = []
    for ind in load("indicators")["indicator"]:
        # a word right after a denial names no such figure ("không hài lòng", `negations`), nor one
        # narrowed to something else by the words after it ("trình độ đại học Luật", `narrowed_by`)
        narrowed = (rf"(?!\s+{alternation(ind['narrowed_by'], flags_i=True)}(?![\p{{L}}]))"
                    if ind.get("narrowed_by") else "")
        # ... nor one that another action right before it makes that action's ("gửi dữ liệu đúng hạn")
        other = (rf"(?<!(?<![\p{{L}}])(?:{alternation(ind['narrowed_before'], flags_i=True)})\s+)"
                 if ind.get("narrowed_before") else "")
        any_of = regex.compile(rf"(?<![\p{{L}}]){other}{negation_guard()}{alternation(ind['words'], flags_i=True)}"
                               rf"(?![\p{{L}}\d]){narrowed}")
        all_of = (regex.compile("|".join(regex.escape(w) for w in ind["all"]), regex.I)
                  if ind.get("all") else None)
        out.append((ind, any_of, all_of))
    return out


@cache
def _by_key() -> dict[str, regex.Pattern[str]]:
    return {ind["key"]: any_of for ind, any_of, _ in _indicators()}


def names_itself(text: str, m: Metric, key: str, others: Sequence[Span]) -> bool:
    """Whether a word of indicator `key` names the figure itself: in its clause, with no other figure of
    its kind between them. A label lent along a list ("Tỷ lệ hài lòng đạt 98%, công suất sử dụng giường
    bệnh đạt 115%") says what the figure likely measures, but a flag that blames the figure must not rest
    on it."""
    cs, ce = clause_of(text, m.span)
    i = bisect_left(others, (m.span[0], m.span[0]))
    lo = max(cs, others[i - 1][1] if i and others[i - 1][1] <= m.span[0] else cs)
    j = bisect_right(others, (m.span[1], m.span[1]))
    hi = min(ce, others[j][0] if j < len(others) and others[j][0] >= m.span[1] else ce)
    any_of = _by_key().get(key)
    return any_of is not None and any(any_of.search(text, a, b) for a, b in ((lo, m.span[0]), (m.span[1], hi)) if b > a)


_GENERIC_RATE = regex.compile(
    r"(?i)(?<![\p{L}])tỷ lệ\s+(?P<what>(?:[\p{L}]+\s+){0,7}?[\p{L}]+)"
    r"(?=\s+(?:đạt|là|chiếm|bằng|trung bình|chung)\b|\s*[:(,]|\s+\d)")



_LEAD = regex.compile(r"[-+•*\s]*(?P<lead>[^:\n]{3,100}):")   # "- Công khai TTHC, ...: <details>"
_INDICATOR_REACH = 150   # beyond its clause, a figure takes words from this far in its sentence


@cache
def _indicator_words() -> tuple[str, ...]:
    return tuple(w for ind in load("indicators")["indicator"] for w in ind["words"])


@cache
def _any_indicator() -> regex.Pattern[str]:
    """Every indicator's words in one pattern (same bounds): where it finds nothing, none of them does."""
    return regex.compile(rf"(?<![\p{{L}}]){alternation(list(_indicator_words()), flags_i=True)}(?![\p{{L}}\d])")


@lru_cache(maxsize=64)
def _applicable(kind: str, counted: str | None) -> list[tuple[int, dict[str, Any], regex.Pattern[str],
                                                              regex.Pattern[str] | None]]:
    """The indicators (with their catalogue order) that a figure of this kind can measure, given the
    group of what it counts (a count's unit; the noun after a percentage, None when none stands there)."""
    out = []
    for order, (ind, any_of, all_of) in enumerate(_indicators()):
        if kind not in ind.get("kinds", ["percent", "ratio", "count", "money"]):
            continue
        if ind.get("unit_kinds") and (kind == "count" or counted is not None) and counted not in ind["unit_kinds"]:
            continue
        out.append((order, ind, any_of, all_of))
    return out


@cache
def _noun_after() -> tuple[regex.Pattern[str], dict[str, str]]:
    """A counting noun right after a percentage or a ratio ("100% cán bộ"), and noun -> its group."""
    groups = load("metrics")["count_units"]
    nouns = [w for ws in groups.values() for w in ws]
    return (regex.compile(rf"[ \t]+(?P<noun>{alternation(nouns, flags_i=True)})(?![\p{{L}}\d])"),
            {w.casefold(): g for g, ws in groups.items() for w in ws})


def _counted(text: str, m: Metric) -> str | None:
    """The group of what a figure counts: a count's unit, or the noun a percentage is a share of."""
    if m.kind == "count":
        return m.unit_kind
    return _noun_group(text, m.span[1]) if m.kind in ("percent", "ratio") else None


@lru_cache(maxsize=64)
def _noun_group(text: str, end: int) -> str | None:
    """The group of the counting noun right after `end`: asked of a figure by every window it reads."""
    pattern, groups = _noun_after()
    noun = pattern.match(text, end)
    return groups.get(" ".join(noun.group("noun").split()).casefold()) if noun else None


@cache
def _owners() -> dict[str, frozenset[int]]:
    """Each indicator word, case-folded -> the indicators (catalogue order) with a word it starts
    with: where `_any_indicator` matches that word, only they can match (a shorter word of theirs)."""
    inds = load("indicators")["indicator"]
    folded = [[w.casefold() for w in ind["words"]] for ind in inds]
    return {word: frozenset(order for order, own in enumerate(folded) if any(word.startswith(w) for w in own))
            for words in folded for word in words}


def _indicator_hits(text: str, lo: int, hi: int) -> Iterable[regex.Match[str]]:
    """`_any_indicator().finditer(text, lo, hi, overlapped=True)`, the pattern tried only where one of
    its words stands without case (`folded_places`): a match at each place, as the scan finds there."""
    places = folded_places(text, _indicator_words(), lo, hi)
    if places is None:
        return _any_indicator().finditer(text, lo, hi, overlapped=True)
    match = _any_indicator().match
    return [m for m in (match(text, at, hi) for at in places) if m]


def _word_hits(ind: dict[str, Any], any_of: regex.Pattern[str], text: str, lo: int, hi: int) -> Iterable[Any]:
    """`any_of.finditer(text, lo, hi)`, tried only where one of the indicator's words stands (as above)."""
    places = folded_places(text, tuple(ind["words"]), lo, hi)
    if places is None:
        return any_of.finditer(text, lo, hi)
    out: list[regex.Match[str]] = []
    for at in places:
        if (not out or at >= out[-1].end()) and (m := any_of.match(text, at, hi)):
            out.append(m)
    return out


def _possible(text: str, lo: int, hi: int) -> frozenset[int] | None:
    """The indicators that can match in text[lo:hi], from every place one of their words matches
    there (None: all of them, where a match is no catalogue word case-folded)."""
    owners = _owners()
    out: frozenset[int] = frozenset()
    for hit in _indicator_hits(text, lo, hi):
        own = owners.get(hit.group().casefold())
        if own is None:
            return None
        out |= own
    return out


def _taken_by_other(text: str, m: Metric, hit: Span, others: Sequence[Span]) -> bool:
    """Words after a figure name another figure of its kind when that one stands between them, or
    comes after them in their clause nearer than this one ("1.200 hồ sơ, trong đó đúng hạn 1.120 hồ sơ"), or
    joined to it ("91.117 lượt, không dùng tiền mặt là 28.778 lượt")."""
    if hit[0] < m.span[1]:
        return False
    i = bisect_left(others, (m.span[1], m.span[1]))
    if i == len(others):
        return False
    nxt = others[i][0]
    if nxt < hit[0]:
        return True
    if "," in text[hit[1]:nxt] and "," not in text[m.span[1]:hit[0]]:
        return False             # "100% văn bản đi được ký số, 95% cán bộ …": its own words, up to the comma
    if _label_link().fullmatch(text, hit[1], nxt):
        return True
    return nxt - hit[1] < hit[0] - m.span[1] and not CLAUSE_END.search(text, hit[1], nxt)


@cache
def _label_link() -> regex.Pattern[str]:
    """What may stand between a label and the figure it names (patterns/indicators.toml label_links)."""
    links = alternation(load("indicators")["label_links"], flags_i=True)
    return regex.compile(rf"[\s:]*(?:(?:{links})(?![\p{{L}}])[\s:]*)?")


def _nearest(m: Metric, windows: list[Span], text: str, others: Sequence[Span] = (),
             clause: Span | None = None, ruled: dict[str, bool] | None = None) -> tuple[dict[str, Any], int] | None:
    """The catalogue indicator nearest to `m` inside the windows, closest first, and where its word ends;
    none that the figure's own words in its `clause` exclude (`excluded`) or deny: `ruled`, key -> ruled
    out, which this fills in as it judges exclusions (they hold for the figure in any window); nor a total
    (`whole`) from a word before it that names the figure its parts are listed after (`a_part_of`)."""
    ruled = {} if ruled is None else ruled
    best: tuple[int, int, dict[str, Any], int] | None = None
    counted = _counted(text, m)
    for lo, hi in windows:
        possible = _possible(text, lo, hi) if hi > lo else frozenset()
        if not possible and possible is not None:
            continue                     # no indicator's word in the window: none of them can hit
        for order, ind, any_of, all_of in _applicable(m.kind, counted):
            if possible is not None and order not in possible:
                continue
            if all_of is not None and not all_of.search(text, lo, hi):
                continue
            if (out := ruled.get(ind["key"])) is None and "exclusions" in ind:
                out = ruled[ind["key"]] = excluded(text, ind, m, clause, others)
            if out:
                continue
            for hit in _word_hits(ind, any_of, text, lo, hi):
                if _taken_by_other(text, m, hit.span(), others):
                    continue
                if ind.get("whole") and hit.end() <= m.span[0] and a_part_of(text, m, hit.end(), others):
                    continue
                dist = m.span[0] - hit.end() if hit.end() <= m.span[0] else max(hit.start() - m.span[1], 0)
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, ind, hit.end())
    return (best[2], best[3]) if best else None


def _gives_way(text: str, m: Metric, word_end: int, others: Sequence[Span]) -> bool:
    """A word before a figure gives way to one after it in its clause when another figure of its kind
    stands between ("đúng hạn 1.120 hồ sơ, 80 hồ sơ quá hạn"), or a comma does and the figure leads
    its own noun, which the words after it go on to describe ("Không có hồ sơ trễ hạn, 100% hồ sơ
    giải quyết đúng hạn")."""
    i = bisect_left(others, (word_end, word_end))
    if i < len(others) and others[i][1] <= m.span[0]:
        return True
    return "," in text[word_end:m.span[0]] and m.kind in ("percent", "ratio") and _counted(text, m) is not None


_FENCE_SEP = regex.compile(r"(?:[,;]\s*(?:(?:và|còn)\s+)?|(?<![\p{L}])(?:và|còn)\s+)$", regex.I)


def _fence(text: str, m: Metric, lo: int, others: Sequence[Span]) -> int:
    """Where the words before a figure start: past another figure of its kind in its sentence (from
    `lo`) whose own words follow it up to a separator right before this one, figures listed one after
    the other: a comma, a semicolon, a lone "và" or "còn" ("giải quyết 1.200 hồ sơ đúng hạn, 50 hồ sơ",
    "...đúng hạn; 50 hồ sơ", "...đúng hạn và 50 hồ sơ": "đúng hạn", and all before it, are the 1.200's).
    The words may begin in the figure's own noun ("300 hồ sơ trực tuyến và 207 hồ sơ trực tiếp": "hồ
    sơ trực tuyến" is the 300's). A figure with no words after it lends none ("Tỷ lệ đúng hạn năm 2025
    đạt 98%, năm 2024 đạt 95%": both are on-time rates), nor does one whose words go on past the separator ("03 hội nghị
    truyền thông tại các xã A, B với 300 lượt người": the 300 attended them)."""
    i = bisect_left(others, (m.span[0], m.span[0])) - 1
    if i < 0 or others[i][1] <= lo or others[i][1] > m.span[0]:
        return lo
    sep = _FENCE_SEP.search(text, others[i][1], m.span[0])
    if sep is None or "\n" in text[others[i][1]:sep.start()] or "\t" in text[others[i][1]:sep.start()] \
            or not any(h.end() > others[i][1] for h in _indicator_hits(text, others[i][0], sep.start())):
        return lo
    return sep.end()


def indicator_of(text: str, m: Metric, others: Sequence[Span] = ()) -> tuple[str | None, str | None]:
    """What the figure measures, from the catalogue: words before it in its clause first, then
    after it (up to a bracket, which holds a part of it rather than its name), then its sentence.
    `others`: the spans of the text's other figures of its kind, in order: words that are theirs
    (`_taken_by_other`) are not its; a word before it past one of them gives way to one after it in
    its clause ("đúng hạn 1.120 hồ sơ, 80 hồ sơ quá hạn"). A change ("giảm 1,2% so với cùng kỳ")
    measures none; an indicator denied in its own words ("không hài lòng 3%") is not its."""
    cs, ce = clause_of(text, m.span)
    own = own_words(text, m, (cs, ce), others)
    if is_change(text, m, own):
        return None, None
    ruled = dict.fromkeys(denied_keys(text, own, ce), True)
    ss, se = sentence_of(text, m.span)
    bracket = text.find("(", m.span[1], ce)
    after_end = bracket if bracket >= 0 else ce
    if opens := _opens_another().search(text, m.span[1], after_end):   # ", trong đó 2/16 khoa kiểm tra trực
        after_end = opens.start()                                        # tuyến": the words of another figure
    reach_lo, reach_hi = max(ss, m.span[0] - _INDICATOR_REACH), min(se, m.span[1] + _INDICATOR_REACH)
    para = text.rfind("\n", 0, m.span[0]) + 1
    lead = _LEAD.match(text, para)
    if m.kind in ("percent", "ratio", "count", "money") and (named := _self_named(text, m, own)) is not None:
        found = _nearest(m, [(named, m.span[0])], text, others, (cs, ce), ruled) \
            or _nearest(m, [(m.span[1], after_end)], text, others, (cs, ce), ruled)
        if found:
            return found[0]["label"], found[0]["key"]
        return _unnamed(text, named, m, ruled, own)
    fence = _fence(text, m, min(cs, reach_lo), others)   # past a figure whose words are its own: none before
    before = _nearest(m, [(max(cs, fence), m.span[0])], text, others, (cs, ce), ruled)
    if before:
        if _gives_way(text, m, before[1], others):
            before = _nearest(m, [(m.span[1], after_end)], text, others, (cs, ce), ruled) or before
        return before[0]["label"], before[0]["key"]
    sentence = [(_semicolon_back(text, max(reach_lo, fence), cs, others), cs)]
    if text[ce:ce + 1] != ";":       # the words past a semicolon are the next clause's ("Đã ban hành 05 kế
        sentence.append((ce, reach_hi))      # hoạch; tỷ lệ hồ sơ đúng hạn đạt 98,5%")
    for windows in ([(m.span[1], after_end)], sentence, [lead.span("lead")] if lead else []):
        found = _nearest(m, windows, text, others, (cs, ce), ruled)
        if found:
            return found[0]["label"], found[0]["key"]
    return _unnamed(text, own[0][0] if any(ruled.values()) else cs, m, ruled, own)


def _unnamed(text: str, lo: int, m: Metric, ruled: dict[str, bool],
             own: tuple[Span, Span]) -> tuple[str | None, str | None]:
    """A figure no catalogue word names: a count by its unit, or by its unit and its own words beside
    it (`_by_noun`), a rate by its "tỷ lệ <what>" from `lo` (its own words when they rule an indicator
    out: the sentence's rate is the one they rule out)."""
    if m.kind == "count":
        label, key = _by_unit(m)
        if key is None:
            label, key = _by_noun(text, m, own)
        return (None, None) if key and ruled.get(key) else (label, key)
    return _generic_rate(text, lo, m) if m.kind in ("percent", "ratio") else (None, None)


@cache
def _opens_another() -> regex.Pattern[str]:
    """A comma or semicolon, then a word that opens another figure (patterns/metrics.toml [shares.own_clause])."""
    words = alternation(load("metrics")["shares"]["own_clause"]["boundaries"], flags_i=True)
    return regex.compile(rf"[,;]\s*(?:{words})(?![\p{{L}}])", regex.I)


def _semicolon_back(text: str, lo: int, cs: int, others: Sequence[Span]) -> int:
    """Where the words before a figure's clause start: past the last semicolon before it, unless the
    clause there holds a figure of its kind, which it goes on from ("Tỷ lệ đúng hạn năm 2025 đạt 98%;
    năm 2024 đạt 95%"); a rate's words are no count's ("Tỷ lệ đúng hạn đạt 98,5%; ban hành 05 kế hoạch")."""
    semi = text.rfind(";", lo, cs)
    if semi < 0:
        return lo
    i = bisect_left(others, (lo, lo))
    return lo if i < len(others) and others[i][1] <= semi else semi + 1


def _by_unit(m: Metric) -> tuple[str | None, str | None]:
    """"30 phóng sự": what a count counts names it, when that is a catalogue word."""
    for _, ind, any_of, _ in _applicable(m.kind, m.unit_kind) if m.unit else ():
        if any_of.fullmatch(m.unit):
            return ind["label"], ind["key"]
    return None, None


# searched from the end (`(?r)`): forwards, every start in the clause was tried against its end
_LABEL_END = regex.compile(r"(?r)(?P<w>\p{L}+(?:[ \t]+\p{L}+)*)[ \t]*:?[ \t]+$")
_WORDS = regex.compile(r"[ \t]+(?P<w>\p{L}+(?:[ \t]+\p{L}+)*)")


def _by_noun(text: str, m: Metric, own: tuple[Span, Span]) -> tuple[str | None, str | None]:
    """A count whose noun, with its own words right after it or right before its number, makes an
    indicator's word: "1.200 hồ sơ trực tuyến" and "trong đó trực tuyến 1.200 hồ sơ" both count "hồ sơ
    trực tuyến" (the noun is in the figure, so the words beside it alone name nothing)."""
    if not m.unit:
        return None, None
    (lo, _), (_, stop) = own
    after = _WORDS.match(text, m.span[1], stop)
    label = _LABEL_END.search(text, lo, m.span[0])     # the words right before it, a colon after them
    words = label.group("w").split() if label else []
    tails = [" ".join(words[k:]) for k in range(max(0, len(words) - 4), len(words))]
    said = [f"{m.unit} {w}" for w in ([after.group("w")] if after else []) + tails]
    for _, ind, any_of, _ in _applicable(m.kind, m.unit_kind) if said else ():
        if any(any_of.fullmatch(" ".join(s.split())) or (s is said[0] and after and any_of.match(s)) for s in said):
            return ind["label"], ind["key"]
    return None, None


def _generic_rate(text: str, lo: int, m: Metric) -> tuple[str | None, None]:
    """"tỷ lệ <what>" standing from `lo` before the figure, as its name when the catalogue has none."""
    at = lowered(text).find("tỷ lệ", lo, m.span[0])
    for g in _GENERIC_RATE.finditer(text, lo) if at >= 0 else ():   # no `tỷ lệ` before it: none ends there
        if g.end() > m.span[0]:
            break
        return "tỷ lệ " + " ".join(g.group("what").casefold().split()), None
    return None, None


@cache
def _self_naming() -> regex.Pattern[str]:
    return regex.compile(rf"[\s:;(-]*(?:{alternation(load('indicators')['self_naming'], flags_i=True)})(?![\p{{L}}])",
                         regex.I)


def _self_named(text: str, m: Metric, own: tuple[Span, Span]) -> int | None:
    """Where a figure's own words (`own`, from `own_words`) start when they name it: they open with a
    name ([self_naming]), or a percentage's own noun goes on to say what of it ("45% hồ sơ nộp qua bưu
    chính"); else None."""
    (lo, _), (_, stop) = own
    if lo < m.span[0] and _self_naming().match(text, lo, m.span[0]):
        return lo
    noun = _noun_after()[0].match(text, m.span[1]) if m.kind == "percent" else None
    return lo if noun is not None and _WORD.search(text, noun.end(), max(stop, noun.end())) else None


_WORD = regex.compile(r"\p{L}{2,}")
