"""Figures compared across units (`vanban figures`): the store answers with the figures the
extractor found, per indicator of the catalogue, once per report."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from vanban.cli import main
from vanban.db import queries
from vanban.db.queries.base import fold
from vanban.db.queries.figures import catalogue, figure_rows
from vanban.extract.record import extract_file
from vanban.identity.units import document_unit
from vanban.pipeline.ingest import ingest_folder

from .helpers import TXT


@pytest.fixture(scope="module")
def db(module_store: str) -> str:
    assert ingest_folder(TXT[0].parent, module_store, workers=0).ingested == len(TXT)
    return module_store


@pytest.fixture(scope="module")
def found() -> list[tuple[str, str, dict]]:
    """(unit, indicator key, metric) of every figure the extractor gives an indicator, in the corpus."""
    out = []
    for p in TXT:
        rec = extract_file(p)
        unit = document_unit(rec["document"]).name
        if rec["document"]["doc_type"] == "Kế hoạch":
            continue                    # a plan's figures are its targets: asked for apart (--plans)
        out += [(unit, m["indicator_key"], m) for m in rec["metrics"] if m.get("indicator_key")]
    assert out, "the corpus has figures with indicators"
    return out


def test_a_plans_figures_are_targets_left_out_unless_asked(db: str) -> None:
    """004 is a plan: its "96% văn bản đi được ký số" is an aim, not a result to set beside others'."""
    plans = figure_rows(db=db, plans=True)
    assert len(plans) > len(figure_rows(db=db))
    planned = plans[plans["report"].str.startswith("Kế hoạch")]
    assert len(planned) and planned["target"].all()
    assert not figure_rows(db=db)["report"].str.startswith("Kế hoạch").any()
    cli = CliRunner().invoke(main, ["figures", "ky_so", "--plans", "--db", db, "--format", "json"])
    assert cli.exit_code == 0 and any(r["target"] for r in json.loads(cli.output))


def test_one_indicator_across_units(db: str, found: list) -> None:
    """The indicator that most units report: every unit's figures, as the extractor read them."""
    units_of = Counter()
    for key in {k for _, k, _ in found}:
        units_of[key] = len({u for u, k, _ in found if k == key})
    key, n = units_of.most_common(1)[0]
    assert n >= 2, "an indicator reported by two units or more, to compare"
    expected = Counter((u, m["raw"], m["kind"], m["page"]) for u, k, m in found if k == key)
    df = queries.figures(key, db=db)
    pages = [None if pd.isna(p) else int(p) for p in df["page"]]     # a page the text has not: NA, as None
    assert Counter(zip(df["unit"], df["raw"], df["figure_kind"], pages, strict=True)) == expected
    assert set(df["indicator"]) == {catalogue()[key]}
    by_label = queries.figures(fold(catalogue()[key]).upper(), db=db)     # typed without diacritics
    assert by_label["raw"].tolist() == df["raw"].tolist()
    one = queries.figures(key, unit=df["unit"].iloc[0], db=db)
    assert len(one) and set(one["unit"]) == {df["unit"].iloc[0]}


def test_summary_counts_units_reports_and_figures(db: str, found: list) -> None:
    summary = queries.figures(db=db).set_index("indicator_key")
    assert list(summary.index) == [k for k in catalogue() if k in summary.index], "in the catalogue's order"
    assert summary["figures"].to_dict() == dict(Counter(k for _, k, _ in found))
    assert summary["units"].to_dict() == {k: len({u for u, kk, _ in found if kk == k}) for k in summary.index}
    assert summary["figures"].sum() == len(figure_rows(db=db))


def test_kind_and_province_narrow_the_rows(db: str, found: list) -> None:
    percents = figure_rows(kind="percent", db=db)
    assert len(percents) == sum(m["kind"] == "percent" for _, _, m in found) > 0
    assert set(percents["figure_kind"]) == {"percent"}
    province = percents["province"].dropna().iloc[0]
    mine = figure_rows(kind="percent", province=fold(province), db=db)
    assert len(mine) and set(mine["province"]) == {province}
    with pytest.raises(queries.BadQuery):
        figure_rows(kind="per cent", db=db)
    with pytest.raises(queries.NotFound):
        queries.figures("chỉ tiêu không có", db=db)
    from vanban.db.queries.figures import indicator_keys
    assert indicator_keys("ky so") == ["ky_so"] and indicator_keys("Văn bản ký số") == ["ky_so"]
    with pytest.raises(queries.NotFound):                           # a piece of a word names no indicator
        indicator_keys("tie")


def test_cli_and_workbook(db: str, found: list, tmp_path: Path) -> None:
    key = found[0][1]
    result = CliRunner().invoke(main, ["figures", key, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {r["indicator_key"] for r in rows} == {key}
    unknown = CliRunner().invoke(main, ["figures", "xyz", "--db", db])
    assert unknown.exit_code == 1 and "không có chỉ tiêu" in unknown.output and key in unknown.output
    table = CliRunner().invoke(main, ["figures", "--db", db])
    assert table.exit_code == 0 and "Số liệu theo chỉ tiêu" in table.output
    out = tmp_path / "kiem-tra.xlsx"
    assert CliRunner().invoke(main, ["export", "--db", db, "--out", str(out)]).exit_code == 0
    sheet = pd.read_excel(out, sheet_name="Số liệu", engine="openpyxl")
    # the workbook keeps a plan's figures too, each said to be a target
    assert len(sheet) == len(figure_rows(db=db, plans=True)) > len(found)
    assert {"Đơn vị", "Chỉ tiêu", "Giá trị", "Nguyên văn", "Là chỉ tiêu đặt ra"} <= set(sheet.columns)


def test_several_renditions_give_each_figure_once(store: str, tmp_path: Path, found: list) -> None:
    """The text, DOCX and PDF of each sample are one report: its figures come from one of them (the
    fullest), not three times over."""
    import shutil

    from .helpers import CORPUS

    folder = tmp_path / "sent"
    folder.mkdir()
    for p in TXT:
        for fmt in ("txt", "docx", "pdf"):
            shutil.copy(CORPUS / fmt / f"{p.stem}.{fmt}", folder / f"{p.stem}.{fmt}")
    assert ingest_folder(folder, store, workers=0).ingested == 3 * len(TXT)
    reports = queries.reports(db=store)
    assert len(reports) == len(TXT) and set(reports["renditions"]) == {3}
    per_unit = Counter(figure_rows(db=store, plans=True)["unit"])
    for p in TXT:                       # as many as one rendition gives, not the sum of three
        counts = set()
        for fmt in ("txt", "docx", "pdf"):
            rec = extract_file(CORPUS / fmt / f"{p.stem}.{fmt}")
            counts.add(sum(1 for m in rec["metrics"] if m.get("indicator_key")))
        unit = document_unit(extract_file(p)["document"]).name
        assert per_unit.get(unit, 0) in counts, (unit, per_unit.get(unit), counts)
    assert sum(per_unit.values()) < 2 * len(found) and max(per_unit.values()) > 0


def test_an_approximate_figure_shows_its_word(store: str, tmp_path: Path) -> None:
    """"hơn 500 hồ sơ" is more than 500: the figure's words say so beside its value of 500."""
    (tmp_path / "r.txt").write_text(
        "SỞ Y TẾ TỈNH QUẢNG TRỊ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM Y TẾ KHU VỰC GIO LINH\n"
        "Số: 45/BC-TTYT\tGio Linh, ngày 15 tháng 9 năm 2025\nBÁO CÁO\nCông tác cải cách hành chính quý III năm 2025\n"
        "Trong kỳ tiếp nhận hơn 500 hồ sơ. Tổng số hồ sơ tiếp nhận năm trước là 1.245 hồ sơ.\n", encoding="utf-8")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 1
    rows = queries.figures("tiep_nhan_ho_so", db=store)
    assert sorted(zip(rows["value"], rows["raw"], strict=True)) == [(500.0, "hơn 500 hồ sơ"), (1245.0, "1.245 hồ sơ")]
