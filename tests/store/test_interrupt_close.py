"""An ingest stopped by Ctrl-C or SIGTERM still groups what it stored into reports (its close), and a close
that was itself aborted is said by the questions and done by the next ingest."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from vanban.db import reports as grouping
from vanban.db.engine import make_engine
from vanban.db.models import Document, IngestRun, Rendition, Report, SourceFile
from vanban.pipeline import close
from vanban.pipeline.ingest import ingest_folder

from .helpers import TXT, cli, count, rows, write_copies
from .test_resilience import INTERRUPTED, start_ingest


def _stale(url: str) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return grouping.stale(session)
    finally:
        engine.dispose()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_ingest_groups_what_it_stored(store: str, tmp_path: Path, sig: signal.Signals) -> None:
    files = write_copies(tmp_path / "in", 160)
    proc = start_ingest(store, tmp_path / "in", 1, 11, text=True)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert INTERRUPTED["vi"] in err.splitlines() and "Traceback" not in err
    stored = count(store, Document)
    assert 11 <= stored < len(files), "the signal did not land mid-way"
    assert count(store, Rendition) == stored, "every document stored is a rendition of a report"
    assert count(store, Report) == len(TXT), "the copies of the five reports are five reports"
    assert _stale(store) == 0
    ((status, finished),) = rows(store, select(IngestRun.status, IngestRun.finished_at))
    assert status == "interrupted" and finished is not None, "its end recorded with its close"
    answer = cli("reports", "--db", store, "--format", "csv")
    assert answer.returncode == 0 and "lưu ý" not in answer.stderr, answer.stderr
    assert len(answer.stdout.strip().splitlines()) == 1 + len(TXT), answer.stdout


def test_a_close_aborted_is_said_and_done_by_the_next_ingest(store: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    write_copies(folder, 7)

    def second_ctrl_c(session: Session) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(close.crosscheck, "refresh", second_ctrl_c)
    summary = ingest_folder(folder, store, workers=0)
    assert summary.interrupted and not summary.closed and summary.ingested == 7
    assert count(store, Report) == count(store, Rendition) == 0, "the close is rolled back whole"
    ((status, finished),) = rows(store, select(IngestRun.status, IngestRun.finished_at))
    assert (status, finished) == ("interrupted", None)
    assert _stale(store) == 7

    for verb in (["reports"], ["cites"], ["units"], ["export", "--out", str(tmp_path / "dot.xlsx")]):
        answer = cli(*verb, "--db", store, "--lang", "en")
        assert "note: 7 documents are not yet grouped into reports, as ingest run 1 stopped" in answer.stderr, verb
        assert "Traceback" not in answer.stderr

    monkeypatch.undo()
    more = tmp_path / "more"
    more.mkdir()
    again = ingest_folder(more, store, workers=0)      # nothing of its own to store: it closes the first run's
    assert again.closed and not again.interrupted
    assert count(store, Rendition) == 7 and count(store, Report) == len(TXT) and _stale(store) == 0
    answer = cli("reports", "--db", store, "--lang", "en")
    assert answer.returncode == 0 and "note:" not in answer.stderr, answer.stderr


def test_the_next_ingest_closes_first(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when the next run is stopped again before its own close, what the first stored is grouped."""
    write_copies(tmp_path / "in", 5)
    monkeypatch.setattr(close.crosscheck, "refresh", lambda session: (_ for _ in ()).throw(KeyboardInterrupt))
    ingest_folder(tmp_path / "in", store, workers=0)
    monkeypatch.undo()
    assert _stale(store) == 5
    engine = make_engine(store, writer=True)
    try:
        assert close.catch_up(engine) is True
        assert close.catch_up(engine) is False, "nothing owed once caught up"
    finally:
        engine.dispose()
    assert _stale(store) == 0 and count(store, Rendition) == 5
    assert {p for (p,) in rows(store, select(SourceFile.path))} == {str(p.resolve()) for p in
                                                                     (tmp_path / "in").iterdir()}
