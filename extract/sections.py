"""The headings of a report's body (`Phần I`, `A.`, `I.`, `1.`, `1.1.`, `a)`) and the areas of CCHC each covers.

A heading is a numbered paragraph that names a topic; a numbered paragraph that states a task
in full sentences is not one, and neither is a row of a table or anything after the signature. A
heading may run into its text after a colon, however long the text (extract/run_in.py).
Areas come from the heading's own words (patterns/sections.toml); a heading that names none
takes its parent's, and an umbrella heading with no parent area gets none. The outline a kind of
document must follow is data too, so that `missing_areas` can say what a report leaves out (next
period's tasks in a report cover nothing of it: `counted_areas`).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from vanban.extract.area_words import areas_of, normalise_words
from vanban.extract.catalogue import load
from vanban.extract.heading_marks import Marker, any_marker, marker_of, number_text, ocr_marker_of, ranks
from vanban.extract.line_fold import heading_goes_on, opens_signature
from vanban.extract.model import Document
from vanban.extract.normalise import is_caps
from vanban.extract.plain_headings import plain_headings
from vanban.extract.roman_runs import mend_roman_runs
from vanban.extract.run_in import names_area_first, run_in_end
from vanban.extract.tone_fold import fold_tones

Span = tuple[int, int]


@dataclass
class Section:
    number: str
    heading: str
    level: int
    areas: list[str]
    span: Span
    style: tuple[float, int] = (0, 0)
    own_areas: list[str] = field(default_factory=list)
    parent: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "heading": self.heading, "level": self.level,
                "areas": self.areas, "span": list(self.span)}


@dataclass(frozen=True)
class Missing:
    area: str
    severity: str
    outline: str


# ---------------------------------------------------------------- patterns

@cache
def _data() -> dict[str, Any]:
    return load("sections")


_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}")
_COLON_SENTENCE = regex.compile(r":\s+(?=\p{Lu})")
_NEXT_SENTENCE = regex.compile(r"[.!?…]\s+\p{Lu}")


# ---------------------------------------------------------------- headings

def _body_end(doc: Document, start: int) -> int:
    words = tuple(_data()["heading"]["body_end"])
    text = doc.text
    for ps, pe in doc.paragraphs:
        if ps <= start:
            continue
        if text[ps:ps + 1] in ("-", " "):       # rare: the paragraph is copied only then
            if text[ps:pe].lstrip("- ").startswith(words):
                return ps
        elif text.startswith(words, ps, pe):
            return ps
    return len(text)


def _heading_text(doc: Document, body: Span) -> tuple[str, int]:
    """The heading part of a numbered paragraph.

    A heading line that the line folder glued to the sentence after it is cut at the line break
    where a capitalised word starts a long run of text; a paragraph of the form "Heading: Sentence
    ..." is cut at the colon; trailing punctuation goes. Returns the heading and where it ends."""
    text = doc.text
    lo, hi = body
    limit = _data()["heading"]["max_length"]
    run_in = run_in_end(doc, lo, hi)
    if run_in is not None:
        hi = run_in
    elif hi - lo > limit or _two_sentences(text[lo:hi]):
        starts = doc.line_starts         # ascending: only those inside the paragraph, not all of them
        for ls in starts[bisect_right(starts, lo):bisect_left(starts, hi)]:
            if _CAPITALISED.match(text, ls, ls + 2) and hi - ls > 60:
                head = text[lo:ls].rstrip()
                if head and head[-1] not in ",-(" and len(head) <= limit:
                    hi = ls
                    break
    colon = None if run_in is not None else _COLON_SENTENCE.search(text[lo:hi])
    if colon and hi - (lo + colon.end()) > 40:
        hi = lo + colon.start()
    raw = text[lo:hi].rstrip().rstrip(" .:;,").rstrip()
    return " ".join(raw.split()), lo + len(raw)


def _cut_off_tail(heading: str, nxt: str) -> bool:
    """The next paragraph is the end of this heading that the line folder split off: a short line
    in capitals ("CHÍ", "TTHC:") after a heading line that does not end a sentence; not the signer's
    title right under the last heading ("III. TỔ CHỨC THỰC HIỆN" / "KT. GIÁM ĐỐC")."""
    return (len(nxt) <= 20 and not heading.rstrip().endswith((".", ":", ";", "!", "?"))
            and not any(c.islower() for c in nxt) and any(c.isalpha() for c in nxt)
            and not any_marker().match(nxt)
            and (not opens_signature(nxt) or heading_goes_on(heading.rstrip())))


def _two_sentences(s: str) -> bool:
    return bool(_NEXT_SENTENCE.search(s.strip().rstrip(".")))


def _statement(heading: str) -> bool:
    return len(heading) > _data()["heading"]["max_length"] or _two_sentences(heading)


def _in_any(pos: int, spans: list[Span] | tuple[Span, ...]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _heading_below(doc: Document, k: int) -> tuple[str, int] | None:
    """The words of a part's heading set under its number ("Phần thứ nhất" / "ĐÁNH GIÁ KHẢ NĂNG ..."):
    the next paragraph when it opens no heading and reads as no sentence, with the lines in capitals
    that go on with a heading in capitals; and where they end."""
    text, paras = doc.text, doc.paragraphs
    words: list[str] = []
    stop = None
    for ps, pe in paras[k + 1:k + 4]:
        line = text[ps:pe].strip()
        if not line or "\t" in line or any_marker().match(line):
            break
        if words and not (is_caps(words[0]) and is_caps(line)):
            break
        if _statement(" ".join([*words, line])) or line.endswith((".", ";", "!", "?")):
            break
        words.append(line)
        stop = ps + len(text[ps:pe].rstrip())
    if stop is None:
        return None
    return " ".join(" ".join(words).rstrip(" .:;,").split()), stop


_OPENING: dict[str, bool] = {}     # a paragraph's first two characters -> can a marker open with them?


def _may_open(opening: str) -> bool:
    """Whether a heading's marker can open a paragraph that starts with `opening` (its first two
    characters): every marker is anchored at the start, so none matches a paragraph whose opening it
    cannot begin with (`regex`'s partial match), judged once per pair; most paragraphs are cleared
    without a match of the whole alternation, or a copy of the paragraph for it."""
    may = _OPENING.get(opening)
    if may is None:
        may = _OPENING[opening] = any_marker().match(opening, partial=True) is not None
    return may


def candidates(doc: Document, tables: list[Span] | tuple[Span, ...] = ()) -> list[Section]:
    """Numbered paragraphs of the body, outside tables, with their heading text; a part ("Phần I")
    may have its heading on the next line, or none."""
    text = doc.text
    out: list[Section] = []
    used: list[Marker] = []
    first_seen = None
    end = len(text)
    paras = doc.paragraphs
    for k, (ps, pe) in enumerate(paras):
        if ps >= end:
            break
        if (tables and _in_any(ps, tables)) or text.count("\t", ps, pe) >= 2:
            continue                       # a table row
        found = marker_of(text[ps:pe]) if _may_open(text[ps:min(ps + 2, pe)]) else None
        slip = found is None and _read_by_ocr(doc, ps)
        if slip:
            found = ocr_marker_of(text[ps:pe])
        if found is None:
            continue
        marker, m = found
        number = number_text(m.group("num"))
        depth = number.count(".") + 1 if marker.style == "decimal" else 0
        if k + 1 < len(paras) and _cut_off_tail(text[ps:pe], text[paras[k + 1][0]:paras[k + 1][1]]):
            pe = paras[k + 1][1]
        heading, stop = _heading_text(doc, (ps + m.end(), pe))
        if not heading and marker.below:
            heading, stop = _heading_below(doc, k) or ("", ps + len(text[ps:pe].rstrip()))
        if slip and not names_area_first(heading):
            continue                       # "5, Bệnh viện đã ...": text, not a heading OCR misread
        if heading or marker.below:
            out.append(Section(number, heading, 0, [], (ps, stop), (0, depth)))
            used.append(marker)
            if first_seen is None:
                first_seen = ps
                end = _body_end(doc, ps)
    kept = [(s, m) for s, m in zip(out, used, strict=True) if s.span[0] < end]
    rank = ranks([m for _, m in kept])
    for s, m in kept:
        s.style = (rank[m.style], s.style[1])
    return [s for s, _ in kept]


def _read_by_ocr(doc: Document, pos: int) -> bool:
    page = doc.page_at(pos)
    return any(p.page == page and p.method == "ocr" for p in doc.page_list)


def _assign_levels(secs: list[Section]) -> None:
    styles = sorted({s.style for s in secs})
    for s in secs:
        s.level = styles.index(s.style) + 1
    stack: list[int] = []
    for i, s in enumerate(secs):
        while stack and secs[stack[-1]].level >= s.level:
            stack.pop()
        s.parent = stack[-1] if stack else None
        stack.append(i)


def _drop_statements(secs: list[Section]) -> list[Section]:
    """Remove numbered statements: on their own, or whole runs of three or more siblings where
    half or more are statements (a numbered list of tasks, not an outline)."""
    _assign_levels(secs)
    runs: dict[tuple[int | None, int], list[int]] = {}
    for i, s in enumerate(secs):
        runs.setdefault((s.parent, s.level), []).append(i)
    drop: set[int] = set()
    for members in runs.values():
        said = [i for i in members if _statement(secs[i].heading)]
        if len(members) >= 3 and 2 * len(said) >= len(members):
            drop.update(members)
        drop.update(said)
    # children of a dropped paragraph go with it
    changed = True
    while changed:
        changed = False
        for i, s in enumerate(secs):
            if i not in drop and s.parent in drop:
                drop.add(i)
                changed = True
    kept = [s for i, s in enumerate(secs) if i not in drop]
    _assign_levels(kept)
    return kept


def find_sections(doc: Document, doc_type: str | None = None,
                  tables: list[Span] | tuple[Span, ...] = ()) -> list[Section]:
    """The body's headings in order, each with its level and areas; with no numbered one, the main
    divisions written as bare lines in capitals (extract/plain_headings.py)."""
    secs = _drop_statements(candidates(doc, tables))
    if not secs:
        return [Section("", h, 1, areas, span, own_areas=list(areas))
                for h, areas, span in plain_headings(doc, doc_type, _body_end(doc, 0), tables)]
    if doc.ocr:
        mend_roman_runs(secs)
    for s in secs:
        s.own_areas = areas_of(s.heading, doc_type, _main_division(s, secs))
        if s.own_areas:
            s.areas = list(s.own_areas)
        elif s.parent is not None:
            s.areas = list(secs[s.parent].areas)
    return secs


def _main_division(s: Section, secs: list[Section]) -> bool:
    """A main division of the document: its top level, or a heading of a Roman numeral or above
    (`[heading] main_rank`) under no heading that names an area ("PHẦN II" / "I. ĐÁNH GIÁ")."""
    if s.level == 1:
        return True
    if s.style[0] > _data()["heading"]["main_rank"]:
        return False
    up = s.parent
    while up is not None:
        if secs[up].own_areas:
            return False
        up = secs[up].parent
    return True


# ---------------------------------------------------------------- required outline

def _fits(outline: dict[str, Any], header: dict[str, Any], opening: str) -> int:
    """How specifically an outline fits a document: -1 not at all, else the number of fields matched."""
    if outline.get("doc_type") and outline["doc_type"] != header.get("doc_type"):
        return -1
    score = 1
    for key in ("province", "issuer"):
        if outline.get(key):
            if (header.get(key) or "").casefold() != outline[key].casefold():
                return -1
            score += 1
    topic = outline.get("topic")
    if topic:
        hay = normalise_words(opening)
        if not any(normalise_words(t) in hay for t in topic):
            return -1
    return score


def outline_for(header: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The most specific outline that fits the document (by kind, topic, province, issuer)."""
    # the title says what the document is about; its opening only when it has none (a report on
    # the economy that names CCHC once among its aims is no CCHC report)
    opening = header.get("title") or text[:1500]
    best, best_score = None, -1
    for outline in _data().get("outline", []):
        score = _fits(outline, header, opening)
        if score > best_score:
            best, best_score = outline, score
    return best


@cache
def _annex_patterns() -> list[regex.Pattern[str]] | None:
    """Each annex phrase as a pattern over the case-folded text, a run of anything but letters and
    digits between its words: the same test as `phrase in normalise_words(text)` without writing
    the whole text out again (~2 ms a report); one pattern each, as each starts with a literal the
    search skips to (an alternation of them searched 40× slower). None when a phrase could meet an
    abbreviation (a word of it inside an abbreviation or what it stands for): that needs the
    written-out text."""
    phrases = [normalise_words(w) for w in _data()["outlines"]["annex_words"]]
    abbr = _data()["heading"]["abbreviations"]
    spelled = [*abbr, *abbr.values()]
    if not all(phrases) or any(w in a for p in phrases for w in p.split(" ") for a in spelled) \
            or any(fold_tones(w.casefold()) != w.casefold() for w in _data()["outlines"]["annex_words"]):
        return None
    between = r"[^\p{L}\p{N}]+"
    return [regex.compile(between.join(map(regex.escape, p.split(" ")))) for p in phrases]


def hands_tasks_to_annex(text: str) -> bool:
    """The document says its tasks are in an annex (so its outline's warnings do not apply)."""
    patterns = _annex_patterns()
    if patterns is not None:
        folded = unicodedata.normalize("NFC", text).casefold()
        return any(p.search(folded) for p in patterns)
    hay = normalise_words(text)
    return any(normalise_words(w) in hay for w in _data()["outlines"]["annex_words"])


def counted_areas(sections: list[Section], outline: dict[str, Any], tasks: Sequence[str] = ()) -> set[str]:
    """The areas that count towards an outline: in a report, a heading under a division that only looks
    ahead (its own areas all among the outline's `not_under`: "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ" / "2. Triển
    khai chuyển đổi số") is next period's task, not the account of this one: of its areas (kept on the
    section for display) only those looking ahead count ("Phần II. PHƯƠNG HƯỚNG" / "II- Kiến nghị, đề
    xuất"); a plan's tasks are its content (no `not_under`). A division whose words report results
    ("II. KẾT QUẢ 6 THÁNG ĐẦU NĂM VÀ NHIỆM VỤ 6 THÁNG CUỐI NĂM": `[outlines] result_words`) is no look-ahead.
    `tasks`: the texts of the tasks set out in a table (`tables.table_tasks`); of the areas they name, those of
    the outline's `task_areas` count (a plan's reform areas among its tasks), never its own divisions."""
    ahead = set(outline.get("not_under", ()))
    results = [f" {normalise_words(w)} " for w in _data()["outlines"]["result_words"]]
    forward = [bool(ahead) and bool(s.own_areas) and set(s.own_areas) <= ahead
               and not any(w in f" {normalise_words(s.heading)} " for w in results) for s in sections]
    covered: set[str] = set()
    for s in sections:
        up, under = s.parent, False
        while up is not None and 0 <= up < len(sections) and not under:
            under, up = forward[up], sections[up].parent
        covered.update(a for a in s.areas if not under or a in ahead)
    by_tasks = set(outline.get("task_areas", ()))
    for task in tasks if by_tasks else ():
        covered.update(by_tasks.intersection(areas_of(task, outline.get("doc_type"))))
    return covered


def missing_areas(sections: list[Section], header: dict[str, Any], text: str,
                  tasks: Sequence[str] = ()) -> list[Missing]:
    """Areas the document's outline asks for and neither a heading nor, where the outline says so, a task
    of its tables (`tasks`, from `tables.table_tasks`) covers, with their severity."""
    outline = outline_for(header, text)
    if outline is None:
        return []
    covered = counted_areas(sections, outline, tasks)
    out = [Missing(a, "error", outline["name"]) for a in outline.get("error", []) if a not in covered]
    if not (outline.get("unless_annex") and hands_tasks_to_annex(text)):
        out += [Missing(a, "warning", outline["name"]) for a in outline.get("warning", []) if a not in covered]
    return out
