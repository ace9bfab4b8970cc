"""Refusals and tables of the output verbs (`--out`, `export --out`, `eval`) in the language asked:
the user's language for every word, with no English left in a Vietnamese answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS
from tests.test_messages import LANGS, _asked, _no_language_from_the_environment  # noqa: F401 (autouse)
from tests.test_walk import REPORT
from vanban.cli import main


@pytest.mark.parametrize("lang", LANGS)
def test_an_output_file_of_the_wrong_kind_is_refused_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    said = {"vi": ("--out ghi ra bảng tính Excel (.xlsx) hoặc tệp CSV (.csv)",
                   "sổ tính xuất ra phải là tệp Excel .xlsx"),
            "en": ("--out writes an .xlsx workbook or a .csv file", "the workbook must be an .xlsx file")}[lang]
    runner = CliRunner()
    out = runner.invoke(main, ["reports", "--out", str(tmp_path / "x.pdf"), *_asked(lang)])
    assert out.exit_code == 2 and out.stderr == f"{tmp_path / 'x.pdf'}: {said[0]}" + (
        "; hãy đặt tên tệp có đuôi .xlsx hoặc .csv\n" if lang == "vi" else "\n")
    book = runner.invoke(main, ["export", "--out", str(tmp_path / "x.csv"), *_asked(lang)])
    assert book.exit_code == 2 and book.stderr == f"{tmp_path / 'x.csv'}: {said[1]}\n"
    late = runner.invoke(main, ["reports", "--out", "x.pdf", "--lang", "en"])        # --lang after --out
    assert late.stderr == "x.pdf: --out writes an .xlsx workbook or a .csv file\n"


@pytest.mark.parametrize("lang", LANGS)
def test_eval_without_gold_says_so_and_its_table_is_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    """No gold file scored nothing: not 'overall 0.000 0.000 1.000', exit 0."""
    runner = CliRunner()
    empty = runner.invoke(main, ["eval", str(tmp_path), str(tmp_path), *_asked(lang)])
    assert empty.exit_code == 2 and empty.stdout == ""
    assert empty.stderr == {"vi": f"{tmp_path}: không có tệp chú giải (gold, *.json) nào; không có gì để chấm\n",
                            "en": f"{tmp_path}: no gold file (*.json) here; nothing to score\n"}[lang]
    gold = CORPUS / "gold"
    unmatched = runner.invoke(main, ["eval", str(gold), str(tmp_path), *_asked(lang)])
    assert unmatched.exit_code == 2 and ("không tệp chú giải nào ứng với" if lang == "vi" else
                                         "no gold file matches") in unmatched.stderr
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    scored = runner.invoke(main, ["eval", str(gold), str(folder), *_asked(lang)], env={"COLUMNS": "200"})
    assert scored.exit_code == 0, scored.output
    words = {"vi": ["so với bản chú giải (gold)", "Độ chính xác", "Độ bao phủ", "Tổng thể"],
             "en": ["full citations and header against gold", "precision", "recall", "overall"]}[lang]
    assert all(w in scored.stdout for w in words), scored.stdout
    if lang == "vi":
        assert "precision" not in scored.stdout and "overall" not in scored.stdout
