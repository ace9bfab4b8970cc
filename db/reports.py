"""Reports, not files: group the current documents into what each unit sent once.

A unit's signed PDF and the DOCX it came from, or a DOCX with a blank number and the scan of the
signed paper with the number written in, are renditions of one report (spec/output.md "Reports
and periods"): same unit, type, period and symbol, compatible numbers (equal, or one blank or
uncertain), dates at most 31 days apart (or one blank), and texts that agree.

Texts agree when nothing in them disagrees and something in them agrees (`compatible`): a unit
sends many letters with a blank "Số:      /TTYT-HCTH" in one month, so a blank number, an
unread one, an unknown date or no citation is never a reason to join two documents, only no
reason to keep them apart. What joins them is the same number filled in, titles (subjects,
"V/v …") that are the same text up to OCR noise, or most of the smaller's citations in the
larger. What keeps them apart is a different number, two different full dates (unless the same
filled-in number vouches for a re-dated copy), titles that differ, or citations that do not
overlap.

The reference rendition is the signed one where known (a number filled in, a scan of the paper,
then a PDF); the content rendition is the fullest (most directives cited; on a tie a text layer,
exact, before OCR), whose findings are the report's: a scan of the signed first page alone must not
make the report lack sections, nor its OCR misreadings its figures.

Recomputed from the stored rows at the end of every ingest, like the cross-report checks, so
that the order in which renditions arrive does not matter. A group keeps the report id most of
its documents had, so that `vanban show 12` names the same report after the next ingest.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

import regex
from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from vanban.db.models import Citation, Document, Rendition, Report, SourceFile

MAX_DAYS_APART = 31
AGREEMENT = 0.5              # share of the smaller's cited directives the larger must cite too
TITLE_AGREEMENT = 0.8        # similarity of two titles (folded) that are one text read twice
MIN_TITLE = 8                # characters of a folded title below which it says nothing
WORDS_SHARED = 4             # titles that agree share at least 1 in this many words (OCR with a tenth
                             # of the characters wrong, spaces lost or added, nearly always keeps more)
_FORMAT_RANK = {"pdf": 0, "docx": 1, "doc": 2, "txt": 3}


@dataclass(slots=True)
class Doc:
    """What grouping needs of one current document (slots: one per stored document is held)."""

    id: int
    unit_id: int | None
    doc_type: str | None
    number: str | None
    uncertain_number: bool
    symbol: str | None
    date: dt.date | None
    date_partial: str | None
    period: tuple[dt.date | None, dt.date | None]
    period_label: str | None
    format: str
    ocr: bool
    cites: Collection[int] = field(default_factory=frozenset)   # the directives it cites
    year: int | None = None             # of a legal-style number (`30/2018/QĐ-UBND`)
    title: str | None = None            # its title (a letter's subject, "V/v …") folded: `title_key`
    # number, symbol and day as `compatible` compares them, worked out once: a bucket compares each
    # document with many others, and normalising them on each comparison was most of the regrouping
    key_number: str | None = field(init=False)
    key_symbol: str | None = field(init=False)
    day: dt.date | None = field(init=False)
    words: frozenset[str] = field(init=False)       # of the title: a cheap test before the character one

    def __post_init__(self) -> None:
        self.key_number, self.key_symbol, self.day = _number(self.number), _symbol(self.symbol), _day(self)
        self.words = frozenset(self.title.split()) if self.title else frozenset()

    def reference_rank(self) -> tuple[Any, ...]:
        """The signed one first: a number filled in, then a scan of the paper, a PDF, a DOCX, a text."""
        return (self.number is None, not self.ocr, _FORMAT_RANK.get(self.format, 9), self.id)


def _number(value: str | None) -> str | None:
    return value.strip().lstrip("0").casefold() or "0" if value and value.strip() else None


def _symbol(value: str | None) -> str | None:
    return "".join(value.split()).casefold() if value else None


def _day(d: Doc) -> dt.date | None:
    if d.date:
        return d.date
    if d.date_partial and len(d.date_partial) == 7:
        return dt.date.fromisoformat(d.date_partial + "-15")   # the middle of the month written
    return None


def title_key(title: str | None) -> str | None:
    """A title as two renditions are compared on: its letters and digits without diacritics or case
    (OCR loses and confuses the marks first: "chông" for "chống"), one space apart; None when too
    short to tell documents apart."""
    if not title:
        return None
    bare = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    key = " ".join(regex.findall(r"[a-z0-9]+", bare))
    return key if len(key) >= MIN_TITLE else None


def titles_agree(a: str | None, b: str | None) -> bool | None:
    """Whether two folded titles are one text (None: one is unknown). Similar as sequences of
    characters, so that OCR noise (a letter misread, a stray mark, a word split) does not part a
    scan from its DOCX while a different subject of the same unit ("phòng chống dịch sốt xuất huyết"
    against "cải cách hành chính") does."""
    if a is None or b is None:
        return None
    if a == b:
        return True
    match = _matcher(a)
    match.set_seq1(b)
    return match.real_quick_ratio() >= TITLE_AGREEMENT and match.quick_ratio() >= TITLE_AGREEMENT \
        and match.ratio() >= TITLE_AGREEMENT


@lru_cache(maxsize=64)
def _matcher(title: str) -> SequenceMatcher:
    """A matcher holding one title as its second sequence: regrouping compares one document's
    title with many others, and indexing the second sequence is most of a comparison."""
    return SequenceMatcher(None, "", title, autojunk=False)


def _cites_agree(a: Collection[int], b: Collection[int]) -> bool | None:
    """Most of the smaller's citations in the larger (True), few of them (False); None when the
    smaller cites nothing: a first page alone cites little, so that is no evidence either way."""
    small, large = sorted((a, b), key=len)
    if not small:
        return None
    return len(set(small).intersection(large)) / len(small) >= AGREEMENT


def compatible(a: Doc, b: Doc) -> bool:
    """Whether two documents can be renditions of one report: the spec's rule, where nothing may
    disagree and something must agree (a blank number is neither: see the module's docstring)."""
    if a.unit_id is None or a.unit_id != b.unit_id or a.doc_type != b.doc_type or a.period != b.period:
        return False
    sa, sb = a.key_symbol, b.key_symbol
    if sa != sb and not ((sa is None and a.uncertain_number) or (sb is None and b.uncertain_number)):
        return False                      # a number OCR could not read takes its symbol with it
    na, nb = a.key_number, b.key_number
    if na and nb and na != nb:
        return False
    same_number = bool(na) and na == nb
    da, db = a.day, b.day
    if da and db and abs((da - db).days) > MAX_DAYS_APART:
        return False
    if a.date and b.date and a.date != b.date and not same_number:
        return False                      # two days written in full: two letters, unless one number
    wa, wb = a.words, b.words
    if wa and wb and WORDS_SHARED * len(wa & wb) < min(len(wa), len(wb)):
        return False                      # titles with hardly a word in common (what `titles_agree` says, faster)
    cites = _cites_agree(a.cites, b.cites) if a.cites and b.cites else None
    if cites is False:
        return False
    if same_number or cites:
        return titles_agree(a.title, b.title) is not False
    return bool(titles_agree(a.title, b.title))      # the titles alone can agree


_STREAM = 1000                          # rows fetched (and renditions written) at a time


_BUCKET = (Document.unit_id, Document.doc_type, Document.period_start, Document.period_end)


def _bucket(d: Doc) -> tuple[Any, ...]:
    """Renditions of one report share unit, type and period; a document of no known unit stands alone."""
    return (d.unit_id, d.doc_type, d.period) if d.unit_id is not None else ("alone", d.id)


def _documents(session: Session) -> Iterator[Doc]:
    """The current documents, ordered so that each bucket's come together, each with the directives
    it cites: one statement (a document's citations on rows of their own), streamed, so that memory
    holds a bucket, not the store, and no other statement's snapshot can disagree with it."""
    current = select(SourceFile.document_id).where(SourceFile.current.is_(True))
    shared: dict[int, int] = {}         # one int object per directive, not one per citation
    words: dict[str, str] = {}          # one string object per type, symbol, label ...
    rows = session.execute(
        select(Document.id, Document.unit_id, Document.doc_type, Document.number,
               # not the whole header (memory), nor JSON to decode on every row: the raw text, or NULL
               Document.header[("uncertain", "number")].as_string().label("uncertain"),
               Document.symbol, Document.year, Document.date, Document.date_partial, Document.period_start,
               Document.period_end, Document.period_label, Document.format, Document.ocr,
               Document.title, Citation.directive_id)
        .outerjoin(Citation, (Citation.document_id == Document.id) & Citation.directive_id.is_not(None))
        .where(Document.id.in_(current))
        .order_by(*_BUCKET, Document.id, Citation.directive_id).execution_options(yield_per=_STREAM))
    for _, group in groupby(rows, key=attrgetter("id")):
        cites: list[int] = []
        for row in group:
            d = row.directive_id
            if d is not None and (not cites or cites[-1] != d):       # sorted: a repeat is the last one
                cites.append(shared.setdefault(d, d))
        uncertain = row.uncertain is not None       # header["uncertain"] holds a raw text per field
        text = [None if v is None else words.setdefault(v, v)
                for v in (row.doc_type, row.symbol, row.date_partial, row.period_label, row.format)]
        yield Doc(row.id, row.unit_id, text[0], row.number, uncertain, text[1], row.date, text[2],
                  (row.period_start, row.period_end), text[3], text[4], bool(row.ocr), tuple(cites), row.year,
                  title_key(row.title))


def _buckets(docs: Iterable[Doc]) -> Iterator[list[Doc]]:
    for _, members in groupby(docs, key=_bucket):
        yield list(members)


def _clusters(members: list[Doc]) -> list[list[Doc]]:
    """One bucket's documents in groups of renditions that are all compatible, reference first: each
    joins the first group it agrees with throughout.

    `compatible` asks for something shared with every member: the filled-in number, most of the
    smaller's cited directives, or a quarter of the title's words; and two filled-in numbers that
    differ part them. So only the groups whose first document passes that are tried: those of the same
    number, and those sharing enough directives or words (indexes, the shares counted in C) among the
    groups whose first has no number — and, for a document with none, among the numbered ones too.
    A unit's hundreds of reports of one period, all citing the same plans, are not each compared with
    every other."""
    clusters: list[list[Doc]] = []
    by_number: dict[str, list[int]] = defaultdict(list)    # a filled-in number: the groups
    blank, numbered = _Index(), _Index()                  # groups by their first's directives and words
    for d in sorted(members, key=Doc.reference_rank):
        if d.key_number:
            tried = set(by_number.get(d.key_number, ())) | blank.sharing(d, clusters)
        else:
            tried = blank.sharing(d, clusters) | numbered.sharing(d, clusters)
        home = next((i for i in sorted(tried) if all(compatible(d, o) for o in clusters[i])), None)
        if home is None:
            if d.key_number:
                by_number[d.key_number].append(len(clusters))
            (numbered if d.key_number else blank).add(d, len(clusters))
            clusters.append([d])
        else:
            clusters[home].append(d)
    return clusters


class _Index:
    """Groups by the directives and title words of their first document."""

    def __init__(self) -> None:
        self.cites: dict[int, list[int]] = defaultdict(list)
        self.words: dict[str, list[int]] = defaultdict(list)

    def add(self, first: Doc, group: int) -> None:
        for k in first.cites:
            self.cites[k].append(group)
        for w in first.words:
            self.words[w].append(group)

    def sharing(self, d: Doc, clusters: list[list[Doc]]) -> set[int]:
        """The groups whose first shares enough directives or title words with `d` to be compatible."""
        out: set[int] = set()
        for index, found, rule in ((self.cites, d.cites, _cites_enough), (self.words, d.words, _words_enough)):
            if found:
                shared: Counter[int] = Counter()
                for k in found:
                    shared.update(index.get(k, ()))
                out.update(i for i, n in shared.items() if rule(n, found, clusters[i][0]))
        return out


def _cites_enough(shared: int, cites: Collection[int], first: Doc) -> bool:
    """Whether `shared` directives make the citations agree (`_cites_agree`) with a group's first."""
    return shared / min(len(cites), len(first.cites)) >= AGREEMENT


def _words_enough(shared: int, words: Collection[str], first: Doc) -> bool:
    """Whether `shared` title words pass `compatible`'s test of words with a group's first."""
    return WORDS_SHARED * shared >= min(len(words), len(first.words))


def _fields(members: list[Doc]) -> dict[str, Any]:
    """The report's header: its reference's, with a number or date only another rendition gives."""
    ref = members[0]
    number = next((d.number for d in members if d.number), None)
    keyed = ref if ref.symbol else next((d for d in members if d.symbol), ref)     # the year goes with its symbol
    symbol, year = keyed.symbol, keyed.year
    date = next((d.date for d in members if d.date), None)
    partial = None if date else next((d.date_partial for d in members if d.date_partial), None)
    return {"unit_id": ref.unit_id, "reference_id": ref.id, "doc_type": ref.doc_type, "number": number,
            "symbol": symbol, "year": year, "date": date, "date_partial": partial, "period_label": ref.period_label,
            "period_start": ref.period[0], "period_end": ref.period[1], "renditions": len(members)}


def refresh(session: Session) -> int:
    """Regroup every current document into reports; the number of reports.

    A bucket at a time (documents streamed in bucket order): the old report of each document is
    known from the start, the reports and their renditions are written as the buckets go, about
    `_STREAM` groups at a time, and the reports no group kept are deleted at the end."""
    if session.get_bind().dialect.name == "postgresql":     # two ingests ending at once regroup in turn
        session.execute(text("LOCK TABLE reports, renditions IN SHARE ROW EXCLUSIVE MODE"))
    before = dict(session.execute(select(Rendition.document_id, Rendition.report_id)).all())
    session.execute(delete(Rendition))
    taken: set[int] = set()
    groups: list[Group] = []
    written = 0
    for bucket in _buckets(_documents(session)):
        for members in sorted(_clusters(bucket), key=lambda g: min(d.id for d in g)):   # the old order
            votes = Counter(before[d.id] for d in members if d.id in before and before[d.id] not in taken)
            report_id = min(votes, key=lambda r: (-votes[r], r)) if votes else None
            if report_id is not None:
                taken.add(report_id)
            groups.append((report_id, _fields(members), members))
        if len(groups) >= _STREAM:
            written += _save(session, groups)
            groups = []
    written += _save(session, groups)
    session.execute(delete(Report).where(Report.id.not_in(select(Rendition.report_id))))
    return written


Group = tuple["int | None", dict[str, Any], list[Doc]]     # the report it keeps (None: a new one), its fields


def _save(session: Session, groups: list[Group]) -> int:
    """Write groups of renditions: the reports kept updated in one statement, the new ones inserted
    in another (their ids in order), then all their renditions (a statement per report cost
    most of the regrouping). The number of reports written."""
    if not groups:
        return 0
    table = Report.__table__
    kept = [{"report": report_id, **values} for report_id, values, _ in groups if report_id is not None]
    if kept:
        session.execute(update(table).where(table.c.id == bindparam("report")), kept)
    new = [values for report_id, values, _ in groups if report_id is None]
    ids = iter(session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), new)
               .scalars().all() if new else ())
    links: list[dict[str, Any]] = []
    for report_id, _, members in groups:
        rid = report_id if report_id is not None else next(ids)
        # the most directives; on a tie a text layer (exact) before OCR, then the reference first
        fullest = max(members, key=lambda d: (len(d.cites), not d.ocr))
        links += [{"document_id": d.id, "report_id": rid, "reference": i == 0, "content": d is fullest}
                  for i, d in enumerate(members)]
    session.execute(insert(Rendition.__table__), links)
    return len(groups)


def joined(session: Session, run_id: int) -> list[str]:
    """The files this run stored whose document joined a report already there (one that has a rendition
    stored by an earlier run): the signed PDF of a DOCX sent before, say. Call after `refresh`."""
    mine = select(Document.id).where(Document.run_id == run_id)
    older = (select(Rendition.report_id).join(Document, Document.id == Rendition.document_id)
             .where(Document.run_id != run_id))
    return list(session.execute(
        select(SourceFile.path).join(Rendition, Rendition.document_id == SourceFile.document_id)
        .where(SourceFile.run_id == run_id, SourceFile.current.is_(True), SourceFile.document_id.in_(mine),
               Rendition.report_id.in_(older)).order_by(SourceFile.path)).scalars())


def stale(session: Session) -> int:
    """How many documents the reports disagree with: current ones in none, or ones no longer current
    still in one. 0 after every close (`refresh`); more once an ingest stored documents and ended
    without its close (killed, or its close aborted), until the next close."""
    current = select(SourceFile.document_id).where(SourceFile.current.is_(True), SourceFile.document_id.is_not(None))
    grouped = select(Rendition.document_id)
    ungrouped = select(func.count()).select_from(Document).where(Document.id.in_(current), Document.id.not_in(grouped))
    outdated = select(func.count()).select_from(Rendition).where(Rendition.document_id.not_in(current))
    return session.execute(ungrouped).scalar_one() + session.execute(outdated).scalar_one()
