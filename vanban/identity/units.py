"""One key per real unit, however its reports name it (rules: patterns/units.toml).

`TTYT khu vực Bố Trạch`, `Trung tâm Y tế khu vực Bố Trạch` and the pre-2025
`Trung tâm Y tế huyện Bố Trạch` (of Quảng Bình, now part of Quảng Trị) all get the key
`Quảng Trị|trung tâm y tế khu vực bố trạch`. The province is part of the key, so the "Sở Y tế"
of two provinces stay two units.

A body of a province absorbed in 2025 is not the absorbing province's body of the same name: the
general hospital of Kiên Giang keeps its old province in its name (`An Giang|bệnh viện đa khoa tỉnh
kiên giang`), beside An Giang's own (`An Giang|bệnh viện đa khoa`); a name with a place of its own
(Bố Trạch) needs no such help (patterns/provinces.toml `[former]`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import regex

from vanban.extract.catalogue import load
from vanban.extract.provinces import current_province, find_province, province_of

AFTER_EVERY_MERGER = "9999-12-31"   # identity maps an absorbed province to today's unit, whatever the date


@dataclass(frozen=True)
class UnitRef:
    """A unit's name after the rules and its province today.

    `former` is the absorbed province the text placed it in (Quảng Bình for a 2024 report of Bố
    Trạch): not part of its identity, but the province whose bodies were above it then, so that a
    plan of "the Sở" it cites is Quảng Bình's Sở's, not Quảng Trị's.
    """

    name: str
    province: str | None
    former: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return f"{self.province or ''}|{self.name.casefold()}"

    @property
    def home(self) -> str | None:
        """The province of its day: the former one when it had one, else today's."""
        return self.former or self.province


@dataclass(frozen=True)
class _Rules:
    abbreviations: regex.Pattern[str]
    expansions: dict[str, str]
    province_tail: regex.Pattern[str]
    renames: list[tuple[regex.Pattern[str], str]]
    aliases: dict[tuple[str, str], str]
    name_levels: list[tuple[str, str]]


@cache
def _spelling() -> list[tuple[regex.Pattern[str], str]]:
    out = []
    for old, new in load("units")["spelling"]:
        for o, n in ((old, new), (old[0].upper() + old[1:], new[0].upper() + new[1:])):
            # "quý", "Quỳ Hợp": after q the u belongs to the consonant, the mark stays on y
            out.append((regex.compile(rf"(?<![qQ]){regex.escape(o)}(?!\p{{L}})"), n))
    return out


@cache
def _rules() -> _Rules:
    data = load("units")
    expansions = {a["short"]: a["long"] for a in data["abbreviation"]}
    shorts = sorted(expansions, key=len, reverse=True)
    abbreviations = regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(regex.escape(s) for s in shorts)
                                  + r")(?![\p{L}\d])")
    spellings = _province_spellings()
    words = "|".join(regex.escape(w) for w in sorted(data["province_words"], key=len, reverse=True))
    # "Bà Rịa - Vũng Tàu" is also written "Bà Rịa-Vũng Tàu" (as extract/provinces.py reads it)
    names = "|".join(regex.escape(s).replace(r"\ \-\ ", r"\s*-\s*")
                     for s in sorted(spellings, key=len, reverse=True))
    province_tail = regex.compile(rf"(?:[\s,–-]+(?:{words})\s*|[\s,–-]+)(?P<p>{names})\s*$", regex.IGNORECASE)
    renames = [(regex.compile(r["pattern"]), r["replace"]) for r in data.get("rename", [])]
    aliases: dict[tuple[str, str], str] = {}
    rules = _Rules(abbreviations, expansions, province_tail, renames, aliases,
                   [(p, lvl["level"]) for lvl in data.get("name_level", []) for p in lvl["prefix"]])
    for alias in data.get("alias", []):
        province = province_today(alias.get("province"))
        for other in alias["names"]:
            aliases[(province or "", _apply(rules, other).casefold())] = alias["name"]
    return rules


def _province_spellings() -> set[str]:
    spellings: set[str] = set()
    for unit in load("provinces")["unit"]:
        spellings.update([unit["name"], *unit.get("aliases", []), *unit["absorbed"]])
    return spellings


@cache
def _former_rules() -> tuple[dict[str, str], regex.Pattern[str], str]:
    """Absorbed province (any spelling, folded) -> its name; a place of a unit's own; the word."""
    data = load("provinces")
    rules = data["former"]
    names = {old.casefold(): old for u in data["unit"] if not u.get("renamed") for old in u["absorbed"]}
    names.update({a.casefold(): old for a, old in rules.get("aliases", {}).items()})
    words = "|".join(regex.escape(w) for w in sorted(rules["place_words"], key=len, reverse=True))
    own_place = regex.compile(rf"(?<!\p{{L}})(?i:{words})\s+[\p{{Lu}}\d]")
    return names, own_place, rules["word"]


@cache
def _own_name_rules() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """After a general kind, after another kind, and a field's words opening what follows (whatever the case)."""
    rules = load("provinces")["former"]

    def alternatives(words: list[str]) -> str:
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))

    qualifiers = rf"(?:\s+(?i:{alternatives(rules['qualifiers'])})(?!\p{{L}}))*"
    word = rf"(?!(?i:{alternatives(rules['not_names'])})(?!\p{{L}}))\p{{Lu}}\p{{Ll}}*"
    general = regex.compile(rf"^(?i:{alternatives(rules['name_after_general'])}){qualifiers}\s+{word}(?!\p{{L}})")
    two = rf"{word}\s+{word}(?!\p{{L}})"
    other = regex.compile(rf"^(?i:{alternatives(rules['name_after'])}){qualifiers}\s+(?P<rest>{two}.*)")
    fields = regex.compile(rf"^(?i:{alternatives(rules['fields'])})(?!\p{{L}})")
    return general, other, fields


def own_name(name: str) -> bool:
    """`Bệnh viện Đa khoa Bồng Sơn`, `Bệnh viện Từ Dũ`: a proper name after the kind of body, which
    no other province's body shares (patterns/provinces.toml `[former]`); `Bệnh viện Phổi` has none."""
    general, other, fields = _own_name_rules()
    if general.search(name):
        return True
    m = other.search(name)
    return bool(m) and not fields.search(m["rest"])


def former_province(province: str | None) -> str | None:
    """`province` when it is one a 2025 merger absorbed (`Kiên Giang`, `Hoà Bình`), by its name;
    None for a province of today or one only renamed (Thừa Thiên Huế, now Huế)."""
    if not province:
        return None
    names, _, _ = _former_rules()
    found = names.get(clean(province).casefold())
    if found:
        return found
    spelled = find_province(respell(province))
    return names.get(spelled.casefold()) if spelled else None


def _qualified(name: str, written: str, former: str | None) -> str:
    """`Bệnh viện Đa khoa` of Kiên Giang -> `Bệnh viện Đa khoa tỉnh Kiên Giang`: a body of an
    absorbed province keeps it in its name, unless the name has a place of its own (`written`,
    before the renames that drop "xã"), a proper name of its own, or names the province already."""
    _, own_place, word = _former_rules()
    if (not former or own_place.search(written) or own_name(written)
            or former_province(find_province(respell(name))) == former):
        return name
    return f"{name} {word} {former}"


def of_former(name: str, former: str) -> str:
    """A provincial body's name as its former province's (`Sở Y tế` -> `Sở Y tế tỉnh Kiên Giang`)."""
    return _qualified(name, name, former_province(former))


def province_today(province: str | None) -> str | None:
    """A province (any spelling, old or new name) as the province it is part of today."""
    if not province:
        return None
    found = find_province(respell(province)) or province
    return current_province(found, AFTER_EVERY_MERGER)


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return regex.sub(r"\s+", " ", text).strip(" ,.;:-–\t\n")


def respell(text: str) -> str:
    for pattern, new in _spelling():
        text = pattern.sub(new, text)
    return text


def _apply(rules: _Rules, text: str, *, renames: bool = True) -> str:
    """Case, spelling, abbreviations and renames: the name as the key sees it (province kept)."""
    text = clean(text)
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        from vanban.extract.casing import restore_case  # a header in capitals: "SỞ Y TẾ"

        text = restore_case(text)
    text = respell(text)
    text = rules.abbreviations.sub(lambda m: rules.expansions[m.group()], text)
    for pattern, replace in rules.renames if renames else ():
        text = pattern.sub(replace, text)
    return regex.sub(r"\s+", " ", text).strip()


def split_province(name: str) -> tuple[str, str | None]:
    """`Sở Y tế tỉnh Quảng Trị` -> (`Sở Y tế`, `Quảng Trị`); names of places inside a unit stay."""
    m = _rules().province_tail.search(name)
    if not m or m.start() == 0:
        return name, None
    head = name[: m.start()].rstrip(" ,–-")
    if regex.search(r"(?i)(?:khu vực|huyện|quận|thị xã|xã|phường|thị trấn)$", head):
        return name, None              # "Trung tâm Y tế khu vực Hà Tĩnh": the place is the unit's
    return head, m.group("p")


@cache
def _bare_province_words() -> list[tuple[str, regex.Pattern[str]]]:
    out = []
    for rule in load("units").get("bare_province", []):
        words = "|".join(regex.escape(w) for w in sorted(rule["words"], key=len, reverse=True))
        out.append((rule["kind"], regex.compile(rf"(?<=\p{{L}})\s+(?:{words})$", regex.IGNORECASE)))
    return out


@cache
def _province_kinds() -> dict[str, str]:
    """Today's provinces by kind, and the absorbed ones as the kind they were (`[former] word`)."""
    data = load("provinces")
    kinds = {old: data["former"]["word"] for u in data["unit"] if not u.get("renamed") for old in u["absorbed"]}
    return kinds | {u["name"]: u["kind"] for u in data["unit"]}


def drop_bare_province(name: str, province: str) -> str:
    """`Ủy ban nhân dân Thành phố` in a Hồ Chí Minh report -> `Ủy ban nhân dân`: a province word with
    no place after it names the report's own province when that province is of its kind (patterns/
    units.toml `bare_province`): a centrally-run city's "UBND Thành phố" is the city's government,
    whereas in a province's report "thành phố" is one of its cities and stays. The province is taken
    as the report names it, not as of today: a pre-2025 Thừa Thiên Huế report's "thành phố" is Huế
    city, a local government."""
    kind = _province_kinds().get(find_province(respell(province)) or "")
    for rule_kind, pattern in _bare_province_words():
        if rule_kind == kind:
            m = pattern.search(name)
            if m:
                return name[: m.start()]
    return name


@lru_cache(maxsize=8192)
def unit_ref(name: str | None, province: str | None = None) -> UnitRef | None:
    """The unit a name stands for; `province` is the report's, used when the name has none.

    Cached: a batch names the same few bodies thousands of times, and each reading runs some
    fifty regular expressions.
    """
    if not name or not clean(name):
        return None
    rules = _rules()
    text = _apply(rules, name)
    text, named = split_province(text)
    if named is None and province:
        text = drop_bare_province(text, province)
    inside = find_province(respell(text))
    prov = province_today(named) or province_today(province) or province_today(inside)
    written, _ = split_province(_apply(rules, name, renames=False))     # "Trạm Y tế xã ...": a place
    text = _qualified(text, written, former := former_province(named or province or inside))
    text = rules.aliases.get((prov or "", text.casefold()), text)
    return UnitRef(text, prov, former)


@cache
def _roster_renames() -> list[tuple[regex.Pattern[str], str]]:
    return [(regex.compile(r["pattern"]), r["replace"]) for r in load("units").get("rename_for_roster", [])]


def place_name(name: str) -> str:
    """A unit's name (as `unit_ref` gives it) without the level of its place: `Trung tâm Y tế khu
    vực Mê Linh`, `... huyện Mê Linh` and `Trung tâm Y tế Mê Linh` are one `Trung tâm Y tế Mê Linh`.

    For matching a roster line to the store's units only (with the province agreeing): a report
    written before the 2025 reform may name a district centre without "huyện", one after it with
    "khu vực", and the store keeps each name it saw; the key stays as it is, so no two units merge."""
    for pattern, replace in _roster_renames():
        name = pattern.sub(replace, name)
    return name


def name_level(name: str | None) -> str | None:
    """The level of a body from how its name starts (`Sở ...` is a department), if known."""
    if not name:
        return None
    folded = name.casefold()
    for prefix, level in _rules().name_levels:
        if folded.startswith(prefix.casefold()):
            return level
    return None


def _when(document: dict[str, Any]) -> str | None:
    period = document.get("period") or {}
    return document.get("date") or document.get("date_partial") or period.get("end")


def document_unit(document: dict[str, Any]) -> UnitRef | None:
    """The unit that wrote a document: its header issuer (else the parent body) in its province."""
    issuer, parent = document.get("issuer"), document.get("parent_issuer")
    name = issuer or parent
    if not name:
        return None
    province = document.get("province") or province_of([issuer, parent, document.get("place")],
                                                       _when(document))
    written = province_of([parent, issuer], None)      # the header's own words, whatever the date
    if former_province(written) and province_today(written) == province_today(province):
        province = written          # a header of after the merger that still names the old province
    return unit_ref(name, province)
