"""Limits checked before anything is unpacked or parsed: sizes, zip bombs, paragraphs and cells, config."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.hostile import big_text, many_paragraphs, zip_bomb
from vanban.db.engine import StoreError
from vanban.extract.limits import DEFAULT, Limits
from vanban.extract.model import ReadError
from vanban.extract.read import read
from vanban.pipeline.config import load, with_options

DOCX = CORPUS / "docx" / "001_c8d032cd6b35c309.docx"


def _refused(path: Path, limits: Limits = DEFAULT) -> str:
    t0 = time.monotonic()
    with pytest.raises(ReadError) as err:
        read(path, limits=limits)
    assert time.monotonic() - t0 < 60, "refused, not worked through"        # hang detection only
    return err.value.reason


def test_a_zip_bomb_and_a_docx_of_millions_of_paragraphs_are_refused_unread(tmp_path: Path) -> None:
    assert "compressed" in _refused(zip_bomb(tmp_path / "bomb.docx", 300)) and "zip bomb" in \
        _refused(tmp_path / "bomb.docx")
    assert "over the limit of 8 MB" in _refused(zip_bomb(tmp_path / "big.docx", 16), Limits(zip_unpacked_mb=8))
    reason = _refused(many_paragraphs(tmp_path / "paras.docx"))
    assert "compressed" in reason or "paragraphs" in reason
    assert "more than 1,000 paragraphs" in _refused(many_paragraphs(tmp_path / "few.docx", 5_000),
                                                    Limits(max_paragraphs=1_000))


def test_caps_on_paragraphs_and_cells_of_a_real_report(tmp_path: Path) -> None:
    assert read(DOCX).text                                                  # within the defaults
    assert "paragraphs, over the limit" in _refused(DOCX, Limits(max_paragraphs=10))
    tables = CORPUS / "docx" / "004_2a516ee14150a1bf.docx"                # 217 cells
    assert "more than 100 table cells, over the limit" in _refused(tables, Limits(max_table_cells=100))


def test_size_per_format(tmp_path: Path) -> None:
    reason = _refused(big_text(tmp_path / "big.txt", 12))
    assert reason.startswith("too large: 12.0 MB, over the limit of 8 MB for .txt files")
    shutil.copy(DOCX, tmp_path / "r.docx")
    assert "for .docx files" in _refused(tmp_path / "r.docx", Limits(max_size_mb={"docx": 0.01}))


def test_config_file_and_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load() == Limits()
    (tmp_path / "vanban.toml").write_text("[limits]\ntimeout = 30\nmemory_mb = 1024\n"
                                          "[limits.max_size_mb]\ntxt = 2\n", encoding="utf-8")
    limits = load()
    assert (limits.timeout, limits.memory_mb, limits.max_size_mb["txt"], limits.max_size_mb["pdf"]) == \
        (30.0, 1024, 2.0, 400)
    both = with_options(limits, ("pdf=50", "txt=1"), timeout=5)
    assert (both.timeout, both.max_size_mb["pdf"], both.max_size_mb["txt"], both.memory_mb) == (5, 50, 1, 1024)
    assert set(with_options(limits, ("3",)).max_size_mb.values()) == {3.0}
    for bad in ("[limits]\ntimout = 3\n", "[limit]\n", "[limits.max_size_mb]\nxls = 3\n", "[limits]\ntimeout = -1\n"):
        (tmp_path / "bad.toml").write_text(bad, encoding="utf-8")
        with pytest.raises(StoreError):
            load(tmp_path / "bad.toml")
    with pytest.raises(StoreError):
        with_options(limits, ("xls=3",))
