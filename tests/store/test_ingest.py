"""Batch ingest: the same store on SQLite and PostgreSQL, idempotent by content, versions kept,
bad files reported with their reason while the batch goes on."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from vanban.cli import main
from vanban.db import queries
from vanban.db.models import Document, IngestError, IngestRun, SourceFile, Unit, UnitName
from vanban.extract.limits import Limits
from vanban.extract.record import extract_file
from vanban.identity.known_partials import known_directive
from vanban.identity.units import document_unit
from vanban.pipeline.ingest import ingest_folder

from .helpers import (
    CORPUS,
    TXT,
    assert_no_duplicates,
    count,
    fingerprint,
    mentions_by_document,
    record_parts,
    rows,
    stored_parts,
    write_bo_trach_aliases,
)


def _expected(folder: Path) -> dict[str, Any]:
    """What the extractor itself says: mentions and full mentions per unit key, and each record's parts."""
    every, full, parts = Counter[str](), Counter[str](), {}
    for p in sorted(folder.iterdir()):
        rec = extract_file(p)
        key = document_unit(rec["document"]).key
        every[key] += len(rec["citations"])
        # the mentions that point to a directive: full ones, and partials that name a verified one
        full[key] += sum(1 for c in rec["citations"] if (c["kind"] == "full" and c["canonical"]) or known_directive(c))
        parts[rec["source"]["sha256"]] = record_parts(rec)
    return {"every": every, "full": full, "parts": parts}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_each_format_gives_the_same_store_on_sqlite_and_postgresql(
        fmt: str, tmp_path: Path, new_pg_database) -> None:
    folder = CORPUS / fmt
    stores = {"sqlite": f"sqlite:///{tmp_path / 'store.db'}", "postgresql": new_pg_database()}
    prints = {}
    for backend, url in stores.items():
        first = ingest_folder(folder, url, workers=2 if backend == "postgresql" else 0)
        assert (first.files, first.ingested, first.unchanged, first.failed) == (5, 5, 0, 0), first.errors
        assert 0 < first.closing < first.seconds, "the run's seconds hold its close (regrouping, checks)"
        prints[backend] = fingerprint(url)
        again = ingest_folder(folder, url, workers=2)
        assert (again.ingested, again.unchanged, again.failed, again.extracted) == (0, 5, 0, 0)
        assert fingerprint(url) == prints[backend], "a second run changed the store"
        assert_no_duplicates(url)
    assert prints["sqlite"] == prints["postgresql"]
    for question in (queries.cites, queries.matrix, queries.units, queries.directives, queries.levels,
                     queries.flags):
        sqlite, pg = (question(db=stores[b]).drop(columns="report_id", errors="ignore") for b in stores)
        pd.testing.assert_frame_equal(sqlite, pg, check_dtype=False, obj=question.__name__)  # ids: store's own
    expected = _expected(folder)
    assert prints["sqlite"]["citations_per_unit"] == dict(expected["every"])
    assert prints["sqlite"]["full_citations_per_unit"] == dict(expected["full"])
    for url in stores.values():
        assert stored_parts(url) == expected["parts"], "the store keeps every part of every record"
    assert len(prints["sqlite"]["documents"]) == 5 and len(prints["sqlite"]["units"]) == 5


def test_cli_ingest_prints_counts_and_second_run_reads_nothing(store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(CORPUS / "txt"), "--db", store, "--workers", "2", "--quiet"])
    assert first.exit_code == 0, first.output
    assert "5 tệp: 5 đã nạp, 0 không đổi, 0 lỗi (" in first.output, "in Vietnamese by default"
    second = runner.invoke(main, ["ingest", str(CORPUS / "txt"), "--db", store, "--quiet", "--lang", "en"])
    assert second.exit_code == 0
    assert "5 files: 0 ingested, 5 unchanged, 0 failed (" in second.output
    runs = rows(store, select(IngestRun.status, IngestRun.ingested, IngestRun.unchanged).order_by(IngestRun.id))
    assert [tuple(r) for r in runs] == [("done", 5, 0), ("done", 0, 5)]


def test_bad_files_are_recorded_and_the_batch_goes_on(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(TXT[3], folder / "sub" / TXT[3].name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (folder / "empty.docx").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Báo cáo".encode() + b"\xff\xfe\x00bad")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), "--db", store, "--workers", "2", "--quiet"])
    assert result.exit_code == 1
    assert "4 tệp: 1 đã nạp, 0 không đổi, 3 lỗi (" in result.output
    assert "Traceback" not in result.output
    assert f"{(folder / 'empty.docx').resolve()}: tệp rỗng (0 byte)" in result.output, "in Vietnamese by default"
    errors = {Path(p).name: reason for p, reason in rows(store, select(IngestError.path, IngestError.reason))}
    assert set(errors) == {"broken.pdf", "empty.docx", "latin1.txt"}
    assert errors["empty.docx"] == "empty file (0 bytes)", "the store keeps the English text"
    assert all(errors.values())
    assert count(store, Document) == 1
    status = dict(rows(store, select(SourceFile.path, SourceFile.status)))
    assert Counter(status.values()) == Counter({"ingested": 1, "failed": 3})
    again = runner.invoke(main, ["ingest", str(folder), "--db", store, "--quiet", "--lang", "en"])
    assert again.exit_code == 1 and "4 files: 0 ingested, 1 unchanged, 3 failed (" in again.output
    assert count(store, Document) == 1
    assert count(store, IngestError) == 6


def test_a_changed_file_is_a_new_version_and_the_old_one_is_kept(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "report.txt"
    shutil.copy(TXT[3], report)
    assert ingest_folder(folder, store, workers=0).ingested == 1
    before = queries.cites(unit="Mai Châu", db=store)
    report.write_text(report.read_text(encoding="utf-8").replace("101/2017/NĐ-CP", "102/2017/NĐ-CP"),
                      encoding="utf-8")
    changed = ingest_folder(folder, store, workers=0)
    assert (changed.ingested, changed.unchanged) == (1, 0)
    versions = rows(store, select(SourceFile.current, Document.sha256).join(Document).order_by(SourceFile.id))
    assert [v[0] for v in versions] == [False, True] and versions[0][1] != versions[1][1]
    assert count(store, Document) == 2
    after = queries.cites(unit="Mai Châu", db=store)
    assert len(after) == len(before), "only the current version is counted"
    assert "102/2017/NĐ-CP" in set(after["directive"]) and "101/2017/NĐ-CP" not in set(after["directive"])
    assert ingest_folder(folder, store, workers=0).unchanged == 1
    assert_no_duplicates(store)


def test_same_content_under_two_paths_is_one_document(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        shutil.copy(TXT[0], folder / sub / TXT[0].name)
    first = ingest_folder(folder, store, workers=0)
    assert (first.ingested, first.extracted) == (2, 1)
    assert count(store, Document) == 1 and count(store, SourceFile) == 2
    assert mentions_by_document(store)[first_sha(store)] == len(extract_file(TXT[0])["citations"])


def first_sha(url: str) -> str:
    return rows(url, select(Document.sha256))[0][0]


def test_names_of_one_unit_across_reports(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT[0], folder / TXT[0].name)
    write_bo_trach_aliases(folder)
    assert ingest_folder(folder, store, workers=0).ingested == 3
    units = rows(store, select(Unit.id, Unit.name, Unit.province))
    assert [(u[1], u[2]) for u in units] == [("Trung tâm Y tế khu vực Bố Trạch", "Quảng Trị")]
    names = sorted((n, p) for n, p in rows(store, select(UnitName.name, UnitName.province)))
    assert names == [("TTYT khu vực Bố Trạch", "Quảng Trị"), ("Trung tâm Y tế huyện Bố Trạch", "Quảng Bình"),
                     ("Trung tâm Y tế khu vực Bố Trạch", "Quảng Trị")]


def test_a_report_that_names_no_unit_is_flagged(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "no_unit.txt").write_text(
        "BÁO CÁO\n\nKết quả thực hiện công tác cải cách hành chính quý I năm 2025\n\n"
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, đơn vị báo cáo kết quả như sau:\n\n"
        "I. Kết quả\n\nĐã hoàn thành các nhiệm vụ theo kế hoạch.\n", encoding="utf-8")
    assert ingest_folder(folder, store, workers=0).ingested == 1
    flagged = queries.flags(code="unit_unknown", db=store)
    assert len(flagged) == 1 and flagged.iloc[0]["origin"] == "store"
    assert set(queries.flags(db=store)["origin"]) <= {"store", "extractor"}
    cited = queries.cites(directive="76/NQ-CP", db=store)
    assert len(cited) == 1 and cited.iloc[0]["unit"] is None
    assert ingest_folder(folder, store, workers=0).unchanged == 1
    assert len(queries.flags(code="unit_unknown", db=store)) == 1, "recomputing never duplicates store flags"


def test_a_file_that_failed_is_stored_later_on_its_own_row(store: str, tmp_path: Path) -> None:
    """A failure leaves a (path, content) row; the run that reads the file makes that row the stored one."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT[3], folder / "report.txt")
    first = ingest_folder(folder, store, workers=1, limits=Limits(timeout=0.001))
    assert (first.failed, first.ingested) == (1, 0) and "took longer" in first.errors[0][1]
    again = ingest_folder(folder, store, workers=0)
    assert (again.failed, again.ingested) == (0, 1)
    files = rows(store, select(SourceFile.status, SourceFile.current, SourceFile.document_id))
    assert len(files) == 1 and files[0][:2] == ("ingested", True) and files[0][2] is not None
    assert ingest_folder(folder, store, workers=0).unchanged == 1


def test_a_store_inside_the_folder_is_passed_over(tmp_path: Path) -> None:
    """`vanban ingest .` in the folder that holds `vanban.db`: the store and its journals are not
    reports, and are not recorded as skipped files run after run."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT[0], folder / TXT[0].name)
    (folder / "notes.odt").write_bytes(b"x")
    store = f"sqlite:///{folder / 'vanban.db'}"
    for _ in range(2):
        summary = ingest_folder(folder, store, workers=0)
        assert summary.files == 1 and summary.skipped == 1
    skipped = [Path(p).name for p, in rows(store, select(IngestError.path))]
    assert skipped == ["notes.odt", "notes.odt"], "one skip per run, none for the store"
