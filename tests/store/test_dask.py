"""Extraction on a Dask distributed cluster (a real LocalCluster), writes into PostgreSQL as usual."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from vanban.cli import main
from vanban.db.models import IngestError, IngestRun
from vanban.pipeline.ingest import ingest_folder

from .helpers import TXT, assert_no_duplicates, fingerprint, rows

distributed = pytest.importorskip("distributed", reason="the `dask` extra is not installed")


def test_ingest_on_a_dask_cluster_matches_the_process_pool(tmp_path: Path, new_pg_database) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in TXT:
        shutil.copy(p, folder / p.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    on_dask, on_pool = new_pg_database(), new_pg_database()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", on_dask, "--dask",
                                           cluster.scheduler_address, "--quiet"])
        assert result.exit_code == 1, result.output                 # the broken file, and only it
        assert "6 tệp: 5 đã nạp, 0 không đổi, 1 lỗi (" in result.output
        again = CliRunner().invoke(main, ["ingest", str(folder), "--db", on_dask, "--dask",
                                          cluster.scheduler_address, "--quiet", "--lang", "en"])
        assert "6 files: 0 ingested, 5 unchanged, 1 failed" in again.output
    assert [Path(p).name for (p,) in rows(on_dask, select(IngestError.path))] == ["broken.docx"] * 2
    assert {e for (e,) in rows(on_dask, select(IngestRun.executor))} == {"dask"}
    pool = ingest_folder(folder, on_pool, workers=2)
    assert (pool.ingested, pool.failed) == (5, 1)
    assert fingerprint(on_dask) == fingerprint(on_pool)
    assert_no_duplicates(on_dask)
