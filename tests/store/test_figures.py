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
    """Results only: a report's own aims are listed (said to be targets) but report nothing yet."""
    results = [(u, k, m) for u, k, m in found if not m.get("target")]
    summary = queries.figures(db=db).set_index("indicator_key")
    assert list(summary.index) == [k for k in catalogue() if k in summary.index], "in the catalogue's order"
    assert summary["figures"].to_dict() == dict(Counter(k for _, k, _ in results))
    assert summary["units"].to_dict() == {k: len({u for u, kk, _ in results if kk == k}) for k in summary.index}
    rows = figure_rows(db=db)
    assert summary["figures"].sum() == (~rows["target"]).sum()
    with_plans = queries.figures(db=db, plans=True)
    assert with_plans["figures"].sum() == len(figure_rows(db=db, plans=True))      # targets too, when asked


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
    # the workbook lists what `vanban figures` lists: no plan's figures, a report's aims said to be targets
    rows = figure_rows(db=db)
    assert len(sheet) == len(rows) == len(found) < len(figure_rows(db=db, plans=True))
    assert (sheet["Là chỉ tiêu đặt ra"] == "có").sum() == rows["target"].sum()
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


def test_a_ratio_reads_as_a_percentage_and_a_target_alone_reports_nothing(store: str, tmp_path: Path) -> None:
    """"46/58 bệnh viện" is 79,31 in the value column beside other units' percentages (unit %), in the
    question, the CLI and the workbook alike; a rule's "phải đạt 100%" is listed as a target, but its unit
    is not counted among those reporting the indicator."""
    head = ("SỞ Y TẾ TỈNH {p}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{u}\nSố: {n}\t{p}, ngày 15 tháng 12 năm 2025\n")
    (tmp_path / "a.txt").write_text(
        head.format(p="Gia Lai", u="BỆNH VIỆN ĐA KHOA TỈNH", n="45/BC-BVĐK")
        + "BÁO CÁO\nCông tác cải cách hành chính năm 2025\n46/58 khoa triển khai bệnh án điện tử; "
          "tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        head.format(p="Nghệ An", u="BỆNH VIỆN SẢN NHI", n="215/QĐ-BVSN")
        + "QUYẾT ĐỊNH\nBan hành Quy chế giải quyết thủ tục hành chính\n"
          "Hồ sơ được giải quyết trong 05 ngày làm việc; tỷ lệ hồ sơ đúng hạn phải đạt 100%.\n", encoding="utf-8")
    assert ingest_folder(tmp_path, store, workers=0).ingested == 2
    ratio = queries.figures("benh_an_dien_tu", db=store)
    assert ratio[["figure_kind", "value", "measure", "numerator", "denominator", "raw"]].values.tolist() == \
        [["ratio", 79.31, "%", 46.0, 58.0, "46/58"]]
    on_time = queries.figures("dung_han", db=store)
    assert sorted(zip(on_time["value"], on_time["measure"], on_time["target"], strict=True)) == \
        [(98.5, "%", False), (100.0, "%", True)]
    summary = queries.figures(db=store).set_index("indicator_key")
    assert summary.loc["dung_han", "units"] == 1 and summary.loc["dung_han", "figures"] == 1
    cli = CliRunner().invoke(main, ["figures", "benh_an_dien_tu", "--db", store, "--format", "json"])
    assert cli.exit_code == 0 and [r["value"] for r in json.loads(cli.output)] == [79.31]
    out = tmp_path / "x.xlsx"
    assert CliRunner().invoke(main, ["export", "--db", store, "--out", str(out)]).exit_code == 0
    sheet = pd.read_excel(out, sheet_name="Số liệu", engine="openpyxl")
    assert sheet.loc[sheet["Nguyên văn"] == "46/58", "Giá trị"].tolist() == [79.31]
    shown = queries.report("45/BC-BVĐK", db=store).figures                  # `vanban show` and the report page
    assert shown.loc[shown["raw"] == "46/58", ["figure", "unit"]].values.tolist() == [["79,31", "%"]]
