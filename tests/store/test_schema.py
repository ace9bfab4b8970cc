"""The migrations build exactly the models' schema on both stores, and go down and up again."""

from __future__ import annotations

import json
import shutil

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect, select, text

from vanban.cli import main
from vanban.db import schema
from vanban.db.engine import make_engine
from vanban.db.models import Base, Metric
from vanban.pipeline.ingest import ingest_folder

from .helpers import CORPUS, rows

TABLES = {"ingest_runs", "source_files", "documents", "units", "unit_names", "directives", "citations",
          "metrics", "doc_tables", "table_rows", "sections", "flags", "ingest_errors", "ocr_pages", "reports",
          "renditions", "roster", "users", "claims", "upload_names"}
VIEWS = {"v_cites", "v_coverage", "v_flags", "v_reports"}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    engine.dispose()
    return names - {"alembic_version"}


def _views(url: str) -> set[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        names = set(inspect(conn).get_view_names())
    engine.dispose()
    return names


def test_migrations_match_the_models_and_reverse(store: str) -> None:
    engine = make_engine(store, writer=True)
    schema.upgrade(engine)
    assert schema.current(engine) == schema.head()
    assert _tables(store) == TABLES
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    assert _views(store) == VIEWS
    schema.downgrade(engine, "0004_reports")
    assert _views(store) == set() and _tables(store) == TABLES - {"users", "upload_names"}
    schema.downgrade(engine, "base")
    assert _tables(store) == set() and _views(store) == set()
    schema.upgrade(engine)
    assert _tables(store) == TABLES
    engine.dispose()


def test_db_upgrade_command_and_queries_refuse_an_empty_store(store: str) -> None:
    runner = CliRunner()
    empty = runner.invoke(main, ["units", "--db", store])
    assert empty.exit_code == 2
    assert "vanban ingest" in empty.output and "Traceback" not in empty.output
    up = runner.invoke(main, ["db", "upgrade", "--db", store])
    assert up.exit_code == 0, up.output
    assert _views(store) == VIEWS
    assert f"kho dữ liệu đang ở phiên bản {schema.head()}" in up.output
    cur = runner.invoke(main, ["db", "current", "--db", store])
    assert cur.output.strip() == schema.head()
    again = runner.invoke(main, ["units", "--db", store, "--format", "json"])
    assert again.exit_code == 0 and again.output.strip() == "[]"


def test_store_url_errors_are_one_line(tmp_path) -> None:
    """In Vietnamese unless asked otherwise: `--lang en` on a question verb, VANBAN_LANG elsewhere."""
    runner = CliRunner()
    missing = runner.invoke(main, ["flags", "--db", str(tmp_path / "nothing.db")])
    assert missing.exit_code == 2
    assert missing.output.count("\n") == 1 and "ở đây chưa có kho dữ liệu" in missing.output
    assert not (tmp_path / "nothing.db").exists(), "a query must not create a store"
    missing_en = runner.invoke(main, ["flags", "--db", str(tmp_path / "nothing.db"), "--lang", "en"])
    assert missing_en.exit_code == 2 and "no store here yet" in missing_en.output
    wrong = runner.invoke(main, ["units", "--db", "mysql://x@localhost/y"])
    assert wrong.exit_code == 2 and "vanban chỉ lưu vào SQLite hoặc PostgreSQL" in wrong.output
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    for args in (["ingest", str(tmp_path), "--quiet"], ["units"]):
        result = runner.invoke(main, [*args, "--db", str(text)], env={"VANBAN_LANG": "en"})
        assert result.exit_code == 2 and "cannot open the store (file is not a database)" in result.output
    assert text.read_text(encoding="utf-8") == "not a database\n"
    down = runner.invoke(main, ["units", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert down.exit_code == 2 and "không mở được kho dữ liệu" in down.output and "Traceback" not in down.output


def test_ranges_move_to_their_columns_and_back(store: str, tmp_path) -> None:
    """0007: a store written before it kept a range as value 400 with its lower end in `extra`;
    upgraded, the range has value NULL and its ends in `low` and `high` (and down again as it was)."""
    folder = tmp_path / "lao-cai"
    folder.mkdir()
    shutil.copy(CORPUS / "txt" / "002_10029ef880a30beb.txt", folder)
    assert ingest_folder(folder, store, workers=0).ingested == 1
    engine = make_engine(store, writer=True)
    ranges = select(Metric.value, Metric.low, Metric.high, Metric.extra).where(Metric.kind == "range")
    [(value, low, high, extra)] = rows(store, ranges)
    assert (value, low, high) == (None, 250, 400) and "low" not in extra
    schema.downgrade(engine, "0006_users")
    [(value, extra)] = rows(store, text("SELECT value, extra FROM metrics WHERE kind = 'range'"))
    extra = extra if isinstance(extra, dict) else json.loads(extra)
    assert (value, extra["low"], extra["high"]) == (400, 250, 400), "as a store before 0007 held it"
    schema.upgrade(engine)
    [(value, low, high, extra)] = rows(store, ranges)
    assert (value, low, high) == (None, 250, 400) and "low" not in extra and "high" not in extra
    assert extra["unit_kind"] == "people", "the other keys stay"
    engine.dispose()


def test_indicator_keys_move_to_their_column_and_back(store: str, tmp_path) -> None:
    """0008: a store written before it kept a figure's indicator key in `extra`; upgraded, the key
    is in `metrics.indicator_key` (which the figures question reads), and down again as it was."""
    folder = tmp_path / "figures"
    folder.mkdir()
    shutil.copy(CORPUS / "txt" / "002_10029ef880a30beb.txt", folder)
    assert ingest_folder(folder, store, workers=0).ingested == 1
    engine = make_engine(store, writer=True)
    keyed = select(Metric.id, Metric.indicator_key, Metric.extra).where(Metric.indicator_key.is_not(None))
    before = {i: (key, extra) for i, key, extra in rows(store, keyed)}
    assert before and all("indicator_key" not in (extra or {}) for _, extra in before.values())
    schema.downgrade(engine, "0007_metric_ranges")
    old = {i: json.loads(e) if isinstance(e, str) else e
           for i, e in rows(store, text("SELECT id, extra FROM metrics WHERE extra IS NOT NULL"))}
    assert {i: old[i]["indicator_key"] for i in before} == {i: key for i, (key, _) in before.items()}
    schema.upgrade(engine)
    assert {i: (key, extra) for i, key, extra in rows(store, keyed)} == before
    engine.dispose()


HEADED_2022 = """HỘI ĐỒNG NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NINH BÌNH                        Độc lập - Tự do - Hạnh phúc
Số: 33/2022/NQ-HĐND                   Ninh Bình, ngày 12 tháng 7 năm 2022

NGHỊ QUYẾT
Quy định mức chi hỗ trợ công tác cải cách hành chính

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
"""


def test_a_numbers_year_is_stored_labelled_and_found_and_migrated(store: str, tmp_path) -> None:
    """0009: `33/2022/NQ-HĐND` keeps its year (documents, reports), so the report is labelled and found
    by the number its readers cite; a store from before gets the year from the stored header."""
    import vanban.questions

    folder = tmp_path / "ninh-binh"
    folder.mkdir()
    (folder / "nq.txt").write_text(HEADED_2022, encoding="utf-8")
    assert ingest_folder(folder, store, workers=0).ingested == 1
    years = text("SELECT d.year, r.year FROM documents d JOIN reports r ON r.reference_id = d.id")
    assert rows(store, years) == [(2022, 2022)]
    assert list(vanban.questions.reports(db=store)["report"]) == ["Nghị quyết 33/2022/NQ-HĐND"]
    shown = vanban.questions.report("33/2022/NQ-HĐND", db=store)
    assert (shown.header["canonical"], shown.header["year"]) == ("33/2022/NQ-HĐND", 2022)
    assert vanban.questions.report("33/NQ-HĐND", db=store).report_id == shown.report_id, "without its year"
    engine = make_engine(store, writer=True)
    schema.downgrade(engine, "0008_metric_indicator_key")
    assert "year" not in {c["name"] for c in inspect(engine).get_columns("documents")}
    schema.upgrade(engine)
    assert rows(store, years) == [(2022, 2022)], "taken from the header stored before the column was"
    engine.dispose()
