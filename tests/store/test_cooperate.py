"""Acceptance: two and three ingests of the same 200 files at once extract each file exactly once in all,
each run extracting a part, with no duplicate and the same rows as a clean run."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from vanban.db.models import Claim, IngestRun
from vanban.pipeline.ingest import ingest_folder

from .helpers import assert_no_duplicates, count, fingerprint, rows, stored_parts, vanban_command, write_copies
from .test_resilience import _summary

FILES = 200


@pytest.fixture(scope="module")
def folder_and_clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """The 200 files, and what a clean run of them stores (fingerprint, parts per document)."""
    base = tmp_path_factory.mktemp("cooperate")
    write_copies(base / "in", FILES)
    clean = f"sqlite:///{base / 'clean.db'}"
    summary = ingest_folder(base / "in", clean, workers=2)
    assert summary.ingested == FILES and summary.failed == 0
    return base / "in", fingerprint(clean), stored_parts(clean)


@pytest.mark.parametrize("runs", [2, 3])
def test_ingests_at_once_share_the_files(runs: int, store: str, folder_and_clean: tuple[Path, dict, dict],
                                          new_pg_database: Callable[[], str]) -> None:
    folder, clean_print, clean_parts = folder_and_clean
    command = vanban_command("ingest", str(folder), "--db", store, "--workers", "1", "--quiet")
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(runs)]
    outs = [p.communicate(timeout=1200) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    summaries = [_summary(out) for out, _ in outs]
    assert all(s[0] == FILES and s[3] == 0 for s in summaries), summaries
    assert sum(s[1] for s in summaries) == FILES, f"each file stored by one run: {summaries}"

    extracted = [n for (n,) in rows(store, select(IngestRun.extracted).order_by(IngestRun.id))]
    print(f"\n{runs} ingests at once on {store.split(':')[0]}: files extracted by each run {extracted}")
    assert sum(extracted) == FILES, f"each file extracted exactly once in all: {extracted}"
    assert all(n > 0 for n in extracted), f"every run extracted a part: {extracted}"
    assert count(store, Claim) == FILES
    assert {a for (a,) in rows(store, select(Claim.attempts))} == {1}
    assert {s for (s,) in rows(store, select(Claim.state))} == {"stored"}
    assert_no_duplicates(store)
    assert fingerprint(store) == clean_print and stored_parts(store) == clean_parts
