"""Every path an ingest meets is accounted for in its output and in the store, and `vanban errors` lists them."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.test_walk import LATIN1, REPORT, traps
from vanban.cli import main
from vanban.db.models import IngestError, IngestRun, SourceFile

from .helpers import rows


def test_traps_are_named_in_the_output_and_the_store(store: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = traps(tmp_path / "in")
    (folder / "locked").mkdir()
    shutil.copy(REPORT, folder / "locked" / "inside.txt")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), "--db", store, "--workers", "1", "--quiet", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "3 files: 2 ingested, 0 unchanged, 1 failed, 8 skipped" in result.output
    for name in ("pipe.txt", "zero.txt", "loop.txt", "up", "again.txt", "broken.txt", ".hidden.txt", "notes.xlsx"):
        assert f"/{name}: skipped (" in result.output, name
    assert f"{folder.resolve() / 'locked'}: cannot list the folder (Permission denied)" in result.output

    stored = {p: raw for p, raw in rows(store, select(SourceFile.path, SourceFile.raw_path))}
    odd = [p for p in stored if p.endswith("b\\xe1o c\\xe1o.txt")]
    assert len(odd) == 1 and stored[odd[0]] == os.path.join(os.fsencode(folder.resolve()), LATIN1)
    entries = rows(store, select(IngestError.outcome, IngestError.path, IngestError.reason))
    assert sorted(o for o, _, _ in entries) == ["failed"] + ["skipped"] * 8
    [(skipped, failed)] = rows(store, select(IngestRun.skipped, IngestRun.failed))
    assert (skipped, failed) == (8, 1)

    listed = runner.invoke(main, ["errors", "--db", store, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.output)
    assert len(data) == 9 and {d["outcome"] for d in data} == {"failed", "skipped"}
    only = json.loads(runner.invoke(main, ["errors", "--db", store, "--failed", "--format", "json"]).output)
    assert [d["path"] for d in only] == [str(folder.resolve() / "locked")]
    assert runner.invoke(main, ["errors", "--db", store, "--run", "7"]).exit_code == 1


def test_a_blank_or_undecodable_argument_is_one_line(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    (tmp_path / "in").mkdir()
    shutil.copy(REPORT, tmp_path / "in" / REPORT.name)
    done = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", store, "--workers", "0", "--quiet"])
    assert done.exit_code == 0, done.output
    blank = runner.invoke(main, ["cites", "--unit", " ", "--db", store])
    assert blank.exit_code == 2 and blank.output == "unit: để trống; hãy ghi một tên hoặc một mã\n"
    odd = runner.invoke(main, ["coverage", os.fsdecode(b"76/NQ-CP\xff"), "--db", store, "--lang", "en"])
    assert odd.exit_code == 2 and odd.output == "key '76/NQ-CP\\xff': not valid UTF-8 text\n"
