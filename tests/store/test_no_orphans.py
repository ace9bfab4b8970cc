"""Nothing left behind: SIGKILL of an ingest ends its workers too, and the next run completes the batch."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from sqlalchemy import select

from vanban.db.models import IngestRun
from vanban.pipeline.ingest import ingest_folder

from .helpers import assert_no_duplicates, cli, fingerprint, rows, stored_parts, write_copies
from .procs import tagged, tagged_env, wait_gone
from .test_resilience import _check_complete, _documents, _summary, start_ingest


def test_sigkill_leaves_no_process_and_the_next_run_completes(store: str, tmp_path: Path) -> None:
    files = write_copies(tmp_path / "in", 160)    # a run long enough to be killed mid-way, whatever its batches
    env, tag = tagged_env()
    proc = start_ingest(store, tmp_path / "in", 2, 5, env=env)
    assert len(tagged(tag)) >= 4, "the ingest, its fork server, resource tracker and workers"
    os.kill(proc.pid, signal.SIGKILL)            # the command only: its workers must follow by themselves
    proc.wait()
    left = wait_gone(tag, 10.0)
    assert left == [], f"processes left behind after SIGKILL: {left}"
    killed_at = _documents(store)
    assert killed_at < len(files), "the kill did not land mid-way"
    assert [s for (s,) in rows(store, select(IngestRun.status))] == ["running"]

    resumed = cli("ingest", str(tmp_path / "in"), "--db", store, "--workers", "2", "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert _summary(resumed.stdout) == (len(files), len(files) - killed_at, killed_at, 0)
    statuses = [s for (s,) in rows(store, select(IngestRun.status).order_by(IngestRun.id))]
    assert statuses == ["interrupted", "done"], "the killed run is recorded as interrupted"
    _check_complete(store, files)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    ingest_folder(tmp_path / "in", clean, workers=2)
    assert fingerprint(store) == fingerprint(clean) and stored_parts(store) == stored_parts(clean)
    assert_no_duplicates(store)
