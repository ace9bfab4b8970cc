"""Flags, by mutation: variants of the real samples (a required section removed, a percentage
changed, a part of a sum changed, a cited date moved past the report date, ...) run through the
whole pipeline, and each variant must get exactly the flag its edit deserves; the originals keep
only the flags that are true of them."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import docx
import pytest

from tests.conftest import CORPUS, STEMS
from vanban.extract.record import extract_file

FORMATS = ("txt", "docx", "pdf")
S000, S001, S002, S003, S004 = STEMS

# What is true of each sample, checked by reading it:
#   000: no "Kiến nghị" section (a should-have); "Số: /BC-TTYT" and "ngày  tháng 9 năm 2025" left blank.
#   001: no "Kiến nghị" section; cites kế hoạch 3050/KH-SYT of 13/9/2022 in a report of 14/3/2022.
#   002: "28.778 lượt đạt 29,63%" of 91.117 (31,58%); number and day of the header left blank.
#   003: no header at all (no "Số:", no date): missing_header; all areas present.
#   004: number and day of the header left blank; its tasks are in the annex, so no area warnings.
TRUE_FLAGS = {
    S000: Counter({("missing_section", "warning"): 1, ("blank_number", "warning"): 1, ("blank_date", "warning"): 1}),
    S001: Counter({("missing_section", "warning"): 1, ("citation_after_report", "warning"): 1}),
    S002: Counter({("ratio_mismatch", "error"): 1, ("blank_number", "warning"): 1, ("blank_date", "warning"): 1}),
    S003: Counter({("missing_header", "warning"): 1}),
    S004: Counter({("blank_number", "warning"): 1, ("blank_date", "warning"): 1}),
}


def codes(rec: dict) -> Counter:
    return Counter((f["code"], f["severity"]) for f in rec["flags"])


@pytest.fixture(scope="module")
def originals() -> dict[tuple[str, str], dict]:
    return {(stem, fmt): extract_file(CORPUS / fmt / f"{stem}.{fmt}", with_text=True)
            for stem in STEMS for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_originals_keep_only_the_flags_true_of_them(originals: dict, stem: str, fmt: str) -> None:
    assert codes(originals[(stem, fmt)]) == TRUE_FLAGS[stem]


def test_flags_say_what_is_wrong_in_plain_words_and_where(originals: dict) -> None:
    rec = originals[(S002, "pdf")]
    [ratio] = [f for f in rec["flags"] if f["code"] == "ratio_mismatch"]
    assert all(s in ratio["message"] for s in ("29,63%", "28.778", "91.117", "31,58%"))
    s, e = ratio["span"]
    assert "28.778 lượt đạt 29,63%" in " ".join(rec["text"][s:e].split())
    rec = originals[(S001, "docx")]
    [late] = [f for f in rec["flags"] if f["code"] == "citation_after_report"]
    assert "3050/KH-SYT" in late["message"] and "13/09/2022" in late["message"] and "14/03/2022" in late["message"]
    assert "3050/KH-SYT" in rec["text"][late["span"][0]:late["span"][1]]
    rec = originals[(S000, "txt")]
    [warning] = [f for f in rec["flags"] if f["code"] == "missing_section"]
    assert "kien_nghi" in warning["message"] and warning["span"] is None
    [blank] = [f for f in rec["flags"] if f["code"] == "blank_number"]
    assert rec["text"][blank["span"][0]:blank["span"][1]].replace("\t", " ").startswith("Số:")


# ---------------------------------------------------------------- variants of the plain text

def txt_variant(tmp_path: Path, stem: str, edits: list[tuple[str, str]]) -> dict:
    text = unicodedata.normalize("NFC", (CORPUS / "txt" / f"{stem}.txt").read_text(encoding="utf-8"))
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not unique in {stem}: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path, with_text=True)


# (name, sample, edits, flags it gains, flags it loses, a text the new flag's span must hold)
TXT_MUTATIONS = [
    ("required section removed (report)", S000, [("\n6. Cải cách tài chính công \n", "\n")],
     {("missing_section", "error"): 1}, {}, None),
    ("required section removed (another report)", S001, [("\n4. Cải cách chế độ công vụ. \n", "\n")],
     {("missing_section", "error"): 1}, {}, None),
    ("required section removed (plan)", S003, [("\nIII. TỔ CHỨC THỰC HIỆN \n", "\n")],
     {("missing_section", "error"): 1}, {}, None),
    ("should-have section removed", S002, [("  IV. Kiến nghị, đề xuất. \n", "\n")],
     {("missing_section", "warning"): 1}, {}, None),
    ("percentage changed against its ratio", S000, [("đạt 93,1%", "đạt 95,1%")],
     {("ratio_mismatch", "error"): 1}, {}, "95,1%"),
    ("percentage changed against a ratio before it", S000, [("chiếm tỷ lệ 80%", "chiếm tỷ lệ 85%")],
     {("ratio_mismatch", "error"): 1}, {}, "85%"),
    ("percentage changed against its part and total", S002, [("đạt 36,82%", "đạt 38,82%")],
     {("ratio_mismatch", "error"): 1}, {}, "38,82%"),
    ("wrong percentage corrected", S002, [("đạt 29,63%", "đạt 31,58%")],
     {}, {("ratio_mismatch", "error"): 1}, None),
    ("part of a sum in brackets changed", S002, [("(03 Giám đốc TT", "(04 Giám đốc TT")],
     {("sum_mismatch", "error"): 1}, {}, "04 Giám đốc"),
    ("part of a listed sum changed", S000, [("Bác sĩ (hạng III): 04 viên chức.", "Bác sĩ (hạng III): 05 viên chức.")],
     {("sum_mismatch", "error"): 1}, {}, "09 viên chức"),
    ("part of a 'trong đó' sum made too big", S002, [("02 máy tại quầy thu nội trú", "05 máy tại quầy thu nội trú")],
     {("sum_mismatch", "error"): 1}, {}, "09 Quầy thu ngân"),
    ("cited date moved past the report date", S000, [("1492/KH-SYT ngày 17/9/2025", "1492/KH-SYT ngày 17/10/2025")],
     {("citation_after_report", "warning"): 1}, {}, "1492/KH-SYT"),
    ("another cited date moved past the report date", S001,
     [("4266/KH-SYT ngày 30/12/2021", "4266/KH-SYT ngày 30/12/2022")],
     {("citation_after_report", "warning"): 1}, {}, "4266/KH-SYT"),
    ("late cited date corrected", S001, [("Ngày 13/9/2022 Sở Y tế", "Ngày 13/3/2022 Sở Y tế")],
     {}, {("citation_after_report", "warning"): 1}, None),
    ("report period moved after its date", S001,
     [("Về tình hình thực hiện công tác CCHC Quý 1 năm 2022", "Về tình hình thực hiện công tác CCHC Quý 2 năm 2022")],
     {("period_mismatch", "warning"): 1}, {}, None),
    ("blank header filled in", S004, [("Số: /KH-YTST\n", "Số: 15/KH-YTST\n"),
                                      ("An Hải, ngày tháng 6 năm 2026", "An Hải, ngày 10 tháng 6 năm 2026")],
     {}, {("blank_number", "warning"): 1, ("blank_date", "warning"): 1}, None),
    ("header given to a plan without one", S003,
     [(" KẾ HOẠCH  \n", "Số: 15/KH-TTYT    Mai Châu, ngày 10 tháng 8 năm 2025\n KẾ HOẠCH  \n")],
     {}, {("missing_header", "warning"): 1}, None),
    ("header line dropped", S000,
     [("Số:         /BC-TTYT                         Quảng Trị, ngày      tháng 9 năm 2025", "")],
     {("missing_header", "warning"): 1}, {("blank_number", "warning"): 1, ("blank_date", "warning"): 1}, None),
]


@pytest.mark.parametrize(("name", "stem", "edits", "gains", "loses", "where"), TXT_MUTATIONS,
                         ids=[m[0] for m in TXT_MUTATIONS])
def test_txt_variant_is_flagged(tmp_path: Path, originals: dict, name: str, stem: str, edits: list,
                                gains: dict, loses: dict, where: str | None) -> None:
    rec = txt_variant(tmp_path, stem, edits)
    want = codes(originals[(stem, "txt")]) + Counter(gains)
    want.subtract(Counter(loses))
    assert codes(rec) == +want
    if where:
        new = [f for f in rec["flags"] if (f["code"], f["severity"]) in gains]
        assert any(f["span"] and where in " ".join(rec["text"][f["span"][0]:f["span"][1]].split()) for f in new), new


def test_the_removed_area_is_named(tmp_path: Path) -> None:
    rec = txt_variant(tmp_path, S000, [("\n6. Cải cách tài chính công \n", "\n")])
    [error] = [f for f in rec["flags"] if f["severity"] == "error"]
    assert "tai_chinh_cong" in error["message"]


# ---------------------------------------------------------------- variants of the Word file

def docx_variant(tmp_path: Path, stem: str, edit) -> dict:
    document = docx.Document(str(CORPUS / "docx" / f"{stem}.docx"))
    edit(document)
    path = tmp_path / f"{stem}.docx"
    document.save(str(path))
    return extract_file(path, with_text=True)


def _set_paragraph(old: str, new: str):
    def edit(document: docx.document.Document) -> None:
        [p] = [p for p in document.paragraphs if old in p.text]
        p.text = p.text.replace(old, new)
    return edit


def _drop_table_row(name: str):
    def edit(document: docx.document.Document) -> None:
        rows = [r for t in document.tables for r in t.rows if any(c.text.strip() == name for c in r.cells)]
        assert len(rows) == 1
        tr = rows[0]._tr
        tr.getparent().remove(tr)
    return edit


def test_docx_original_round_trips_without_new_flags(tmp_path: Path, originals: dict) -> None:
    rec = docx_variant(tmp_path, S000, lambda document: None)
    assert codes(rec) == codes(originals[(S000, "docx")])


@pytest.mark.parametrize(("name", "edit", "where"), [
    ("stated number of stations changed", _set_paragraph("4.3. 26 Trạm Y tế", "4.3. 27 Trạm Y tế"), "27 Trạm Y tế"),
    ("a station dropped from the table", _drop_table_row("Trạm Y tế Lý Nam"), "26 Trạm Y tế"),
    ("stated number of offices changed", _set_paragraph("Trung tâm: 02 phòng", "Trung tâm: 03 phòng"), "03 phòng"),
    ("a required section removed", _set_paragraph("7. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
                                                  "Ứng dụng công nghệ"), None),
])
def test_docx_variant_is_flagged(tmp_path: Path, originals: dict, name: str, edit, where: str | None) -> None:
    rec = docx_variant(tmp_path, S000, edit)
    gained = codes(rec) - codes(originals[(S000, "docx")])
    assert sum(gained.values()) == 1 and not codes(originals[(S000, "docx")]) - codes(rec)
    [(code, severity)] = list(gained)
    assert (code, severity) == (("missing_section", "error") if where is None else ("sum_mismatch", "error"))
    if where:
        [flag] = [f for f in rec["flags"] if f["code"] == code]
        assert where in rec["text"][flag["span"][0]:flag["span"][1]]


# ---------------------------------------------------------------- the period a report covers

@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("KẾ HOẠCH NÂNG CAO NĂNG LỰC ... TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2026 - 2030", "GIAI ĐOẠN 2026 - 2030",
     "2026-01-01", "2030-12-31"),
    ("Tổ chức đấu thầu cung ứng thuốc, VTYT năm 2019 - 2020", "năm 2019 - 2020", "2019-01-01", "2020-12-31"),
    ("Chiến lược phát triển nguồn nhân lực y tế giai đoạn 2011 - 2030", "giai đoạn 2011 - 2030", "2011-01-01",
     "2030-12-31"),
    ("Kết quả công tác năm 2025 và kế hoạch giai đoạn 2026-2030", "năm 2025", "2025-01-01", "2025-12-31"),
    ("Kết quả công tác năm 2017 và phương hướng nhiệm vụ năm 2018", "năm 2017", "2017-01-01", "2017-12-31"),
    ("Thực hiện Chỉ thị số 05 ngày 15 tháng 8 năm 2024; báo cáo công tác năm 2025", "năm 2025",
     "2025-01-01", "2025-12-31"),
])
def test_a_period_is_a_year_or_a_span_of_years_as_written_first(text: str, label: str, start: str, end: str) -> None:
    from vanban.extract.period import find_period

    found = find_period(text)
    assert found is not None and (found.label, found.start, found.end) == (label, start, end)


@pytest.mark.parametrize("text", [
    "THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ",   # a cited directive's date
    "Cần Thơ, ngày 21\ntháng 11 năm 2025",                                                  # the header's date
    "giai đoạn 2030 - 2026", "năm học 2019 - 2020", "giai đoạn 1990 - 2030",
])
def test_a_year_of_a_date_is_no_period(text: str) -> None:
    from vanban.extract.period import find_period

    assert find_period(text) is None


@pytest.mark.parametrize(("name", "period"), [
    ("05.txt", None),                                   # its title cites Chỉ thị 27/CT-TTg of 15/8/2024
    ("11.txt", ("GIAI ĐOẠN 2026 - 2030", "2026-01-01", "2030-12-31")),   # not the header's năm 2025
])
def test_a_plans_period_is_its_titles(name: str, period: tuple | None) -> None:
    from tests.conftest import LONG, need

    got = extract_file(need(LONG / "txt" / name))["document"].get("period")
    assert (tuple(got.values()) if got else None) == period


REPORT_6M = ("SỞ Y TẾ\nSố: 12/BC-SYT\nHà Nội, ngày 10 tháng 6 năm 2025\nBÁO CÁO\nKết quả công tác cải cách hành "
             "chính 6 tháng đầu năm 2025\n{line}\nI. KẾT QUẢ\nNội dung báo cáo.\n")


@pytest.mark.parametrize(("line", "cutoff"), [
    ("(Số liệu tính từ ngày 15/12/2024 đến ngày 31/5/2025)", None),    # the data it states are in
    ("Số liệu báo cáo được tính từ ngày 15/12/2024 - 31/5/2025.", None),  # the range joined by a dash
    ("Số liệu tính từ ngày 15/12/2024 – 31/5/2025.", None),
    ("Số liệu báo cáo tính đến hết ngày 14 tháng 6 năm 2025.", "14/06/2025"),
    ("Số liệu tính đến ngày 20/6/2025.", "20/06/2025"),              # it states data it cannot have
    ("Số liệu ước tính đến ngày 30/6/2025.", None),                   # it says they are estimates
    ("Số liệu năm trước tính đến ngày 31/12/2024.", None),   # another period's data: dated in June, on time
    ("Đơn vị báo cáo như sau.", None),          # a unit reports in its period's last month, before the 14th
])
def test_a_report_dated_after_the_data_end_it_states_is_on_time(line: str, cutoff: str | None) -> None:
    from vanban.extract.normalise import normalise_text
    from vanban.extract.record import build_record

    rec = build_record(normalise_text(REPORT_6M.format(line=line)))
    assert rec["document"]["period"]["label"] == "6 tháng đầu năm 2025" and rec["document"]["date"] == "2025-06-10"
    flags = [f for f in rec["flags"] if f["code"] == "period_mismatch"]
    assert [f["params"]["cutoff"] for f in flags] == ([cutoff] if cutoff else [])


@pytest.mark.parametrize(("day", "flagged"), [
    ("10 tháng 6", False), ("01 tháng 6", False),    # in the last month: the Sở collects its units' reports
    ("28 tháng 5", True), ("10 tháng 3", True),      # before it opens: the period or the date is mistyped
])
def test_a_report_dated_before_its_periods_last_month_is_early(day: str, flagged: bool) -> None:
    from vanban.extract.normalise import normalise_text
    from vanban.extract.record import build_record

    text = REPORT_6M.replace("ngày 10 tháng 6", f"ngày {day}").format(line="Đơn vị báo cáo như sau.")
    flags = [f for f in build_record(normalise_text(text))["flags"] if f["code"] == "period_mismatch"]
    assert [(f["message_key"], f["params"]["cutoff"]) for f in flags] == \
        ([("period_mismatch_early", "01/06/2025")] if flagged else [])
    if flagged:
        assert "before the last month of 6 tháng đầu năm 2025" in flags[0]["message"]   # the record speaks English
