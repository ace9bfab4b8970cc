"""Every `examples` entry of every catalogue in patterns/ run against the pattern or rule it
illustrates, and every `counterexamples` entry against it too (as eyecite checks reporters-db):
a catalogue's examples are claims about the code, so they are tested, and a new examples key
without a check here fails `test_every_examples_key_is_checked`."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

from vanban.extract.casing import restore_case
from vanban.extract.catalogue import load
from vanban.extract.citations import find_citations
from vanban.extract.header_block import is_motto
from vanban.extract.header_title import goes_on
from vanban.extract.laws import find_laws
from vanban.extract.metrics import find_metrics
from vanban.extract.normalise import normalise_text
from vanban.extract.ocr_repair import repair_line
from vanban.extract.organisations import is_central, read_org
from vanban.extract.period import letter_period
from vanban.extract.record import build_record
from vanban.extract.relations import breakdowns
from vanban.extract.sections import areas_of
from vanban.extract.signature import is_person_name, opens_next_part, without_degree
from vanban.extract.syllables import is_syllable
from vanban.extract.symbols import find_symbols
from vanban.extract.table_figures import header_unit
from vanban.identity.known_partials import known_directive
from vanban.identity.units import drop_bare_province

PATTERNS = Path(__file__).resolve().parents[1] / "patterns"


def _figures(text: str, kinds: tuple[str, ...] = ("count", "money", "range")) -> list[Any]:
    return [m for m in find_metrics(text, citations=find_citations(text)) if m.kind in kinds]


def _share_flagged(text: str) -> bool:
    """The text's record flags a share over 100% (patterns/flags.toml [share_over_whole])."""
    rec = build_record(normalise_text(text))
    return any(f["message_key"] == "sum_mismatch_share" for f in rec["flags"])


def _partitioned(text: str) -> bool:
    """The text's one breakdown is the whole of its total (patterns/metrics.toml [breakdown] partitions)."""
    found = _figures(text)
    [b] = breakdowns(text, found)
    return b.complete


def _ratio_flagged(text: str) -> bool:
    rec = build_record(normalise_text(text))
    return any(f["code"] == "ratio_mismatch" for f in rec["flags"])


def _split(text: str) -> bool:
    """The text's one breakdown splits its total along one dimension (patterns/metrics.toml
    [breakdown.dimensions]): its parts do not overlap."""
    [b] = breakdowns(text, _figures(text))
    return b.split


def _takes(text: str, raw: str, key: str) -> bool:
    """The figure written `raw` in `text` takes the indicator `key` (it must be found)."""
    [m] = [m for m in find_metrics(text, citations=find_citations(text)) if m.raw == raw]
    return m.indicator_key == key


def is_target(text: str) -> bool:
    """The last figure with an indicator of `text` is marked an aim (patterns/metrics.toml [targets])."""
    figures = [m for m in build_record(normalise_text(text))["metrics"] if m.get("indicator_key")]
    return bool(figures) and bool(figures[-1].get("target"))


def _names_itself(pair: list[str]) -> bool:
    """The figure written `pair[1]` names itself: no label lent by the first figure of the text."""
    found = _figures(pair[0], ("percent", "ratio", "count", "money"))
    [m] = [m for m in found if m.raw == pair[1]]
    return found[0] is not m and found[0].indicator is not None and m.indicator != found[0].indicator


def _key_of(item: list[str]) -> str | None:
    """The indicator key that the figure written `item[1]` in `item[0]` takes (it must be found)."""
    [m] = [m for m in find_metrics(item[0], citations=find_citations(item[0])) if m.raw == item[1]]
    return m.indicator_key


def _matches(pattern: str, flags: int = 0, *, full: bool = False) -> Callable[[str], bool]:
    compiled = regex.compile(pattern, flags)
    return (lambda s: bool(compiled.fullmatch(s))) if full else (lambda s: bool(compiled.search(s)))


def _org(example: str | list[str]) -> bool:
    """A name read whole, or `[text after "của", the name read from it]`."""
    text, want = (example, example) if isinstance(example, str) else example
    text, want = text.removeprefix("của "), want.removeprefix("của ")
    found = read_org(text, 0)
    return bool(found) and found[0] == want


def _sub_unit(example: str) -> bool:
    heads = load("organisations")["sub_unit_heads"]
    return any(regex.match(rf"{regex.escape(h)}(?![\p{{L}}])", example) for h in heads)


def _stamp(example: str) -> bool:
    return any(regex.search(p, example, regex.I) for p in load("layout")["signature_stamp"])


def _marker(example: str) -> bool:
    return any(regex.match(m, example) for m in load("layout")["markers"])


def _repaired(pair: Any) -> bool:
    if isinstance(pair, list):
        return repair_line(pair[0]) == pair[1]
    return repair_line(pair) == pair          # a counterexample is left as it is


def _type_of(example: str, name: str) -> bool:
    """The type the example names; an example that is a bare symbol (`202/2025/QH15`) is one."""
    if example[:1].isdigit():
        return bool(find_symbols(example))
    return any(c.doc_type == name for c in find_citations(example))


def _checks(key: str, entry: dict[str, Any]) -> Iterator[tuple[Callable[[Any], bool], list[Any], bool]]:
    """(check, items, expected) for one table of a catalogue; `key` is `file.path`."""
    ex, cx = entry.get("examples", []), entry.get("counterexamples", [])
    if key.startswith("syllables."):
        yield is_syllable, ex, True
        yield is_syllable, cx, False
    elif "pattern" in entry and key.startswith(("periods.", "sections.marker", "issuers.code", "units.rename")):
        if key.startswith("units.rename"):
            ex = [e.split(" -> ")[0] for e in ex]
        yield _matches(entry["pattern"]), ex, True
        yield _matches(entry["pattern"]), cx, False
    elif key.startswith("units.bare_province"):       # "name|the report's province"
        yield (lambda s: drop_bare_province(*s.split("|")) != s.split("|")[0]), ex, True
        yield (lambda s: drop_bare_province(*s.split("|")) != s.split("|")[0]), cx, False
    elif key == "issuers.drafting_units":     # "written -> canonical": the dropped hyphen mended
        yield (lambda s: [c.canonical for c in find_symbols(s.split(" -> ")[0])] == [s.split(" -> ")[1]]), ex, True
    elif key.startswith("issuers.code"):
        yield (lambda s: any(entry["code"] in s_.canonical.replace("/", "-").split("-") for s_ in find_symbols(s))), \
            ex, True
    elif key == "sections.numbering":
        yield _matches(entry["number"], full=True), ex, True
        yield _matches(entry["number"], full=True), cx, False
    elif key.startswith("sections.area"):
        kind, main = (entry.get("doc_types") or [None])[0], entry.get("main", False)
        yield (lambda s: entry["key"] in areas_of(s, kind, main)), ex, True
        yield (lambda s: entry["key"] in areas_of(s, kind, main)), cx, False
        if main:               # words of a main division name no area under another heading
            yield (lambda s: entry["key"] in areas_of(s, kind)), ex, False
    elif key == "directives.partial":            # [mention, the key it names or ""]
        yield (lambda pair: [known_directive(c.to_dict()) or "" for c in find_citations(f"Thực hiện {pair[0]}.")]
               == [pair[1]]), ex, True
    elif key.startswith("directives.directive"):
        yield (lambda s: any(c.kind == "full" and c.canonical == entry["canonical"] and c.date == entry["date"]
                             for c in find_citations(s))), ex, True
    elif key.startswith("doc_types.type"):
        yield (lambda s: _type_of(s, entry["name"])), ex, True
    elif key.startswith("indicators.indicator"):
        yield (lambda s: regex.search(alt(entry["words"]), s, regex.I) is not None), ex, True
        yield (lambda pair: _takes(pair[0], pair[1], entry["key"])), cx, False
    elif key in ("metrics.magnitudes", "metrics.number_words"):
        yield (lambda s: bool(_figures(s))), ex, True
        yield (lambda s: all(m.value < 10 for m in _figures(s))), cx, True
    elif key == "flags.share_over_whole":
        yield _share_flagged, ex, True
        yield _share_flagged, cx, False
    elif key == "metrics.targets":
        yield is_target, ex, True
        yield is_target, cx, False
    elif key == "metrics.breakdown.dimensions":       # examples overlap, counterexamples split one dimension
        yield (lambda s: not _split(s)), ex, True
        yield (lambda s: not _split(s)), cx, False
    elif key in ("metrics.shares.change", "metrics.shares.apart"):   # no share of a fraction measuring another
        yield (lambda s: not _figures(s, ("percent",))[-1].basis), ex, True
        yield (lambda s: not _figures(s, ("percent",))[0].basis), cx, False
    elif key in ("metrics.shares.prose", "metrics.shares.own_clause"):   # against the whole the prose names,
        yield _ratio_flagged, ex, True                                    # or the ratio of its own clause
        yield _ratio_flagged, cx, False
    elif key == "metrics.ratios.words":              # "81 trên 87": a ratio; "trên 90 cuộc": none
        yield (lambda s: bool(_figures(s, ("ratio",)))), ex, True
        yield (lambda s: not _figures(s, ("ratio",))), entry.get("not_examples", []), True
    elif key == "metrics.approx":
        yield (lambda s: any(m.approx for m in _figures(s))), ex, True
        yield (lambda s: not any(m.approx for m in _figures(s + " 12 hồ sơ"))), cx, True
    elif key == "metrics.money":
        yield (lambda s: bool(_figures(s, ("money",)))), ex, True
    elif key == "metrics.not_counts":
        yield (lambda s: not _figures(s, ("count",))), ex, True
        yield (lambda s: bool(_figures(s, ("count",)))), entry.get("but_not_examples", []), True
    elif key == "metrics.sex_counts":
        yield (lambda s: any(m.unit in entry["words"] and m.unit_kind == "people" for m in _figures(s, ("count",)))), \
            ex, True
        yield (lambda s: not _figures(s, ("count",))), cx, True
    elif key == "metrics.name_numbers":
        yield (lambda s: not _figures(s, ("count",))), ex, True
        yield (lambda s: bool(_figures(s, ("count",)))), cx, True
    elif key == "metrics.ratios.two_counts":         # two counts of the header's noun, no fraction
        yield (lambda it: len(units := [m.unit for m in _figures(it[0], ("count",))]) % 2 == 0
               and set(units) == {it[1]} and not _figures(it[0], ("ratio",))), ex, True
        yield (lambda s: bool(_figures(s, ("ratio",)))), cx, True
    elif key == "metrics.ratios":
        yield (lambda s: bool(_figures(s, ("ratio",)))), ex, True
        yield (lambda s: not _figures(s, ("ratio",))), entry.get("not_examples", []), True
    elif key == "metrics.thresholds":
        yield (lambda s: any(m.threshold for m in _figures(s, ("percent",)))), ex, True
        yield (lambda s: not _figures(s, ("percent",))[-1].threshold), cx, True     # the last one: a result
    elif key == "metrics.percent_ranges":
        yield (lambda s: any(m.kind == "range" and m.unit == "%" for m in _figures(s))), ex, True
        yield (lambda s: not any(m.kind == "range" for m in _figures(s))), cx, True
    elif key == "citation_rules.party":
        yield (lambda s: bool(find_symbols(s)) and find_symbols(s)[0].party), ex, True
    elif key == "citation_rules.named":
        yield (lambda s: bool(find_laws(s, []))), ex, True
        yield (lambda s: bool(find_laws(s, []))), cx, False
    elif key == "citation_rules.issue_date":
        yield (lambda s: bool([c for c in find_citations(s) if c.kind == "full"][-1].date)), ex, True
        yield (lambda s: bool([c for c in find_citations(s) if c.kind == "full"][-1].date)), cx, False
    elif key == "periods.letters":          # a letter that reports has its subject's period; another none
        yield (lambda s: letter_period(s, "2025-12-20") is not None), ex, True
        yield (lambda s: letter_period(s, "2025-12-20") is not None), cx, False
    elif key == "doc_types.generic":
        yield (lambda s: bool(find_citations(s))), ex, True
    elif key == "doc_types.letter":
        yield (lambda s: bool(find_symbols(f"Công văn số {s}"))), ex, True
    elif key == "tables.figures":              # [header, cell, ...]: the header gives the cell a unit or not
        yield (lambda item: header_unit(item[0]) is not None), ex, True
        yield (lambda item: header_unit(item[0]) is not None), cx, False


def _misread_title(s: str) -> str | None:
    from vanban.extract.ocr_signature import title_of

    return title_of(s)


def _degree_dropped(line: str) -> bool:
    """A signer's line that opens with a degree (patterns/people.toml degree_prefixes): what is left is a name."""
    rest = without_degree(line)
    return rest != line and is_person_name(rest)


def alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


# examples stored beside their rule's other keys (`<name>_examples`) in a catalogue's top level
FLAT: dict[str, list[tuple[str, Callable[[Any], bool], bool]]] = {
    "citation_rules": [("lower_partial_examples", lambda s: any(c.kind == "partial" for c in find_citations(s)), True),
                       ("lower_partial_counterexamples",
                        lambda s: any(c.kind == "partial" for c in find_citations(s)), False),
                       ("form_examples", lambda s: any(c.kind == "full" for c in find_citations(s)), False),
                       ("form_counterexamples", lambda s: any(c.kind == "full" for c in find_citations(s)), True)],
    "layout": [("part_heading_examples", lambda s: _matches(load("layout")["part_heading"])(s), True),
               ("part_heading_counterexamples", lambda s: _matches(load("layout")["part_heading"])(s), False),
               ("next_part_examples", opens_next_part, True), ("next_part_counterexamples", opens_next_part, False),
               ("marker_examples", _marker, True), ("marker_counterexamples", _marker, False),
               ("signature_stamp_examples", _stamp, True),
               ("signature_stamp_counterexamples", _stamp, False), ("ocr_phrase_examples", _repaired, True),
               ("ocr_phrase_counterexamples", _repaired, True),
               ("ocr_code_examples", _repaired, True), ("ocr_code_counterexamples", _repaired, True),
               ("title_line_examples", lambda ex: goes_on(ex[0], ex[1]) is ex[2], True),
               ("motto_slip_examples", is_motto, True), ("motto_slip_counterexamples", is_motto, False)],
    "organisations": [("head_examples", _org, True), ("verb_stop_examples", _org, True),
                      ("place_name_examples", _org, True), ("ministry_examples", _org, True),
                      ("title_examples", _org, True), ("stop_examples", _org, True),
                      ("name_phrase_examples", _org, True), ("numbered_head_examples", _org, True),
                      ("names_follow_examples", lambda pair: restore_case(pair[0]) == pair[1], True),
                      ("sub_unit_examples", _sub_unit, True), ("sub_unit_counterexamples", _sub_unit, False),
                      ("national_examples", is_central, True), ("national_counterexamples", is_central, False)],
    "indicators": [("self_naming_examples", _names_itself, True),
                   ("negation_examples", lambda it: _key_of(it) != it[2], True),
                   ("negation_counterexamples", lambda it: _key_of(it) == it[2], True),
                   ("change_examples", lambda it: _key_of(it) is None, True),
                   ("change_counterexamples", lambda it: _key_of(it) == it[2], True),
                   ("part_opener_examples", lambda it: _key_of(it) != it[2], True),
                   ("part_opener_counterexamples", lambda it: _key_of(it) == it[2], True)],
    "people": [("degree_examples", lambda s: _degree_dropped(s), True),
               ("degree_counterexamples", lambda s: _degree_dropped(s), False),
               ("title_misread_counterexamples", lambda s: _misread_title(s) is not None, False)],
    "tables": [("row_marker_examples", lambda s: _matches(load("tables")["row_marker"])(s), True)],
}


def _tables() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every table of every catalogue that carries examples, keyed `file.path`."""
    for path in sorted(PATTERNS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        stack: list[tuple[str, Any]] = [(path.stem, data)]
        while stack:
            key, node = stack.pop()
            if isinstance(node, dict):
                if "examples" in node or "counterexamples" in node:
                    yield key, node
                stack += [(f"{key}.{k}", v) for k, v in node.items() if isinstance(v, dict | list)]
            elif isinstance(node, list):
                stack += [(key, v) for v in node if isinstance(v, dict)]


CASES = [(key, i, item, check, want)
         for key, entry in _tables()
         for i, (check, items, want) in enumerate(_checks(key, entry))
         for item in items]
CASES += [(f"{name}.{field}", 0, item, check, want)
          for name, rules in FLAT.items() for field, check, want in rules for item in load(name)[field]]


@pytest.mark.parametrize(("key", "rule", "item", "check", "want"), CASES,
                         ids=[f"{c[0]}:{c[2]!s:.40}" for c in CASES])
def test_catalogue_example(key: str, rule: int, item: Any, check: Callable[[Any], bool], want: bool) -> None:
    assert check(item) is want, f"{key}: {item!r}"


@pytest.mark.parametrize(("text", "want"), [(t, True) for t in load("metrics")["breakdown"]["partition_examples"]]
                         + [(t, False) for t in load("metrics")["breakdown"]["partition_counterexamples"]])
def test_breakdown_partitions(text: str, want: bool) -> None:
    assert _partitioned(text) is want, text


def test_every_examples_key_is_checked() -> None:
    unchecked = [key for key, entry in _tables() if not list(_checks(key, entry))]
    flat = {f"{n}.{f}" for n, rules in FLAT.items() for f, _, _ in rules}
    for path in sorted(PATTERNS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        unchecked += [f"{path.stem}.{k}" for k in data if "example" in k and f"{path.stem}.{k}" not in flat]
    assert unchecked == []
