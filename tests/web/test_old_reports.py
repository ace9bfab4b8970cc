"""Pages over a store where some units reported years before a directive was issued, and two units share a
name in two provinces: corpus/txt with two real reports of the shared corpus (Sở Y tế Kiên Giang, 2017; UBND
Cà Mau, 2006), and two more renditions of Sở Y tế Bắc Ninh's 124/BC-SYT, both named bao-cao.txt, from two
folders; and a PDF cut short, which no run can read."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import regex
from selenium.webdriver.common.by import By

import vanban
from tests.conftest import CORPUS, LONG, need
from tests.web.conftest import Server, start_server, stop_server

BAC_NINH = "001_c8d032cd6b35c309.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("old")
    folder = tmp / "reports"
    folder.mkdir()
    for p in [*sorted((CORPUS / "txt").glob("*.txt")), need(LONG / "txt" / "01.txt"), LONG / "txt" / "03.txt"]:
        shutil.copy(p, folder / f"{p.parent.parent.name}-{p.name}")
    report = (CORPUS / "txt" / BAC_NINH).read_text(encoding="utf-8")
    for sub, end in (("don-vi-a", "\n"), ("don-vi-b", "\n\n")):      # one report, three contents
        (folder / sub).mkdir()
        (folder / sub / "bao-cao.txt").write_text(report + end, encoding="utf-8")
    (folder / "bao-cao-hong.pdf").write_bytes((CORPUS / "pdf" / "000_a9042f12ea01ae86.pdf").read_bytes()[:20000])
    db = f"sqlite:///{tmp / 'store.db'}"
    vanban.ingest(folder, db=db, workers=0)
    server = start_server(tmp, db=db)
    yield server
    stop_server(server)


def _units(browser: object, table: str) -> set[str]:
    rows = browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")  # type: ignore[attr-defined]
    return {" · ".join(td.text for td in r.find_elements(By.TAG_NAME, "td")[:2]) for r in rows}


def test_units_that_reported_before_the_directive_are_apart(server: Server, browser) -> None:
    browser.get(server.url + "/directive?key=76/NQ-CP")
    silent, before = _units(browser, "not-citing"), _units(browser, "before-issue")
    assert before == {"Sở Y tế tỉnh Kiên Giang · An Giang", "Ủy ban nhân dân · Cà Mau"}, \
        "their reports predate 15/07/2021"
    assert silent and not silent & before
    assert "Sở Y tế · Bắc Ninh" in silent, "the 2022 report of Bắc Ninh's Sở Y tế could cite it"
    assert "15/07/2021" in browser.find_element(By.ID, "before-issue-title").text


def test_the_overview_counts_units_by_their_key(server: Server, browser) -> None:
    """The "Sở Y tế" of Kiên Giang (now An Giang) and of Bắc Ninh are two units, as `vanban units` lists them."""
    units = vanban.questions.units(db=server.db)
    assert set(units.loc[units["unit"].str.startswith("Sở Y tế"), "province"]) == {"An Giang", "Bắc Ninh"}
    browser.get(server.url + "/")
    assert browser.find_element(By.ID, "n-units").text == str(len(units))


def test_the_report_page_tells_its_renditions_and_the_signer_apart(server: Server, browser) -> None:
    """Two renditions both called bao-cao.txt are shown with their folder; the signer is her name, then her
    title in brackets ("Tô Thị Mai Hoa (Giám đốc)", not "Tô Thị Mai Hoa Giám đốc")."""
    reps = vanban.questions.reports(db=server.db)
    [report_id] = reps.loc[reps["report"] == "Báo cáo 124/BC-SYT", "report_id"]
    browser.get(f"{server.url}/report/{int(report_id)}")
    names = [li.find_element(By.CLASS_NAME, "name").text
             for li in browser.find_elements(By.CSS_SELECTOR, "ul.renditions li")]
    assert sorted(names) == [f"corpus-{BAC_NINH}", "don-vi-a/bao-cao.txt", "don-vi-b/bao-cao.txt"], names
    signer = browser.find_element(By.XPATH, "//dt[text()='Người ký']/following-sibling::dd[1]").text
    view = vanban.questions.report(str(int(report_id)), db=server.db).header
    assert view["signer"] and view["signer_title"], "the corpus report names its signer and title"
    assert signer == f"{view['signer']} ({view['signer_title']})"


def test_the_overview_says_which_files_could_not_be_read(server: Server, browser) -> None:
    """A file that could not be read is in no report: the overview counts it and says why, not only
    `vanban errors` and the workbook."""
    browser.get(server.url + "/")
    assert browser.find_element(By.ID, "n-unreadable").text == "1"
    [row] = browser.find_elements(By.CSS_SELECTOR, "#unreadable tbody tr")
    assert "bao-cao-hong.pdf" in row.text and "PDF" in row.text, row.text
    reason = questions_reason(server.db)
    assert reason != labels_reason(reason), "the stored reason is English, the page's Vietnamese"
    assert labels_reason(reason) in row.text and reason not in row.text, row.text
    assert regex.search(r"\d\d/\d\d/\d{4} \d\d:\d\d(?![:.\d])", row.text), row.text     # when, to the minute


def questions_reason(db: str) -> str:
    return str(vanban.questions.unreadable(db=db)["reason"].iloc[0])


def labels_reason(reason: str) -> str:
    from vanban.web import labels

    return labels.say_reason(reason)
