"""Fuzzing the readers and the normaliser with mutated real files (hypothesis).

The corpus PDFs, DOCX and texts are truncated, bit-flipped, and (DOCX) have their zip members
shuffled, dropped or damaged; every mutant must read into a Document whose spans all lie inside
its text, or fail with ReadError, whatever it holds. A call that reaches its time limit is cut
(SIGALRM) and counted, never failed and never timed.
"""

from __future__ import annotations

import io
import random
import signal
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, WILD
from vanban.extract.model import Document, ReadError
from vanban.extract.normalise import normalise_text
from vanban.extract.ocr_cache import Ocr
from vanban.extract.read import read

SEEDS = sorted([*(CORPUS / "pdf").glob("*.pdf"), *(CORPUS / "docx").glob("*.docx"), *(CORPUS / "txt").glob("*.txt")])
if WILD.is_dir():                       # real files as published, read in place, when the shared corpus is here
    SEEDS += sorted(p for p in WILD.iterdir() if p.suffix in (".pdf", ".docx") and p.stat().st_size < 2 << 20)[:6]
LIMIT_S = 20
OUTCOMES: Counter[str] = Counter()


class _TimeUp(Exception):
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def alarm(_signum: int, _frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data))]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 32)):
        i = rnd.randrange(len(out))
        out[i] ^= 1 << rnd.randrange(8)
    return bytes(out)


def _rezip(data: bytes, rnd: random.Random) -> bytes:
    """The zip's members shuffled, and sometimes one dropped or its bytes damaged."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i.filename, src.read(i)) for i in src.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return _flip(data, rnd)
    rnd.shuffle(members)
    how = rnd.choice(["shuffle", "drop", "damage"])
    if how == "drop" and len(members) > 1:
        members.pop(rnd.randrange(len(members)))
    elif how == "damage":
        k = rnd.randrange(len(members))
        members[k] = (members[k][0], _flip(members[k][1], rnd) if members[k][1] else b"<")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members:
            z.writestr(name, body)
    return out.getvalue()


MUTATIONS = {"truncate": _truncate, "flip": _flip, "rezip": _rezip}


def _check_spans(doc: Document) -> None:
    n = len(doc.text)
    assert all(0 <= s <= e <= n for s, e in doc.paragraphs), "a paragraph outside the text"
    assert all(0 <= s <= n for s in doc.line_starts) and doc.line_starts == sorted(doc.line_starts)
    assert len(doc.line_pages) == len(doc.line_starts)
    assert all(0 <= s <= e <= n for s, e, _ in doc.weak_spans)
    for t in doc.tables:
        assert t.span is None or 0 <= t.span[0] <= t.span[1] <= n, "a table outside the text"
    assert all(doc.page_at(o) >= 1 for o in (0, n // 2, n))


def _outcome(path: Path) -> str:
    try:
        with _time_limit(LIMIT_S):
            doc = read(path, ocr=Ocr(enabled=False))
    except _TimeUp:
        return "cut at the time limit"
    except ReadError as err:
        assert err.reason and "\n" not in err.reason, "one line"
        return "ReadError"
    _check_spans(doc)
    return "read"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), how=st.sampled_from(sorted(MUTATIONS)), salt=st.integers(0, 2**32 - 1))
def test_mutated_real_files_read_or_fail_with_a_reason(tmp_path: Path, seed: Path, how: str, salt: int) -> None:
    data = seed.read_bytes()
    mutant = MUTATIONS[how](data, random.Random(salt)) if data else data
    path = tmp_path / f"mutant{seed.suffix}"
    path.write_bytes(mutant)
    OUTCOMES[_outcome(path)] += 1                 # anything else (an exception) fails the test


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_the_normaliser_keeps_every_span_inside_its_text(text: str) -> None:
    _check_spans(normalise_text(text))


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if OUTCOMES:
        print(f"\nfuzz outcomes: {dict(OUTCOMES)}")   # cut calls counted, never asserted on
