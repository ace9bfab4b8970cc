"""The period filter in a real browser: periods written in capitals by one report ("NĂM 2024", a title
printed in capitals) and in lower case by another ("năm 2026") are listed in one case form, and either
spelling filters the same reports (a period is its first and last day)."""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import vanban
from tests.conftest import CORPUS
from tests.web.conftest import Server, start_server, stop_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("periods")
    folder = tmp / "in"
    folder.mkdir()
    report = (CORPUS / "txt" / "001_c8d032cd6b35c309.txt").read_text(encoding="utf-8")
    title = "Về tình hình thực hiện công tác CCHC Quý 1 năm 2022"
    assert title in report
    (folder / "hoa.txt").write_text(report.replace(title, "VỀ TÌNH HÌNH THỰC HIỆN CÔNG TÁC CCHC NĂM 2024")
                                    .replace("Quý 1 năm 2022", "năm 2024"), encoding="utf-8")
    shutil.copy(CORPUS / "txt" / "004_2a516ee14150a1bf.txt", folder)            # its period: "năm 2026"
    db = f"sqlite:///{tmp / 'store.db'}"
    vanban.ingest(folder, db=db, workers=0)
    # the reports wrote "NĂM 2024" and "năm 2026": the questions, as the pages, say them in one case form
    assert sorted(vanban.questions.periods(db=db)["period"]) == ["Năm 2024", "Năm 2026"]
    server = start_server(tmp, db=db)
    yield server
    stop_server(server)


def test_periods_are_listed_in_one_case_form_and_filter_alike(server: Server, browser) -> None:
    browser.get(server.url + "/")
    options = [o.text for o in Select(browser.find_element(By.ID, "period")).options]
    assert options == ["Mọi kỳ", "Năm 2026", "Năm 2024"], options
    periods = {td.text for td in browser.find_elements(By.CSS_SELECTOR, "#reports td")} & {"Năm 2024", "Năm 2026",
                                                                                          "NĂM 2024", "năm 2026"}
    assert periods == {"Năm 2024", "Năm 2026"}, "the reports table says them the same way"
    Select(browser.find_element(By.ID, "period")).select_by_visible_text("Năm 2024")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 30).until(lambda d: "period=" in d.current_url)
    assert browser.find_element(By.ID, "n-reports").text == "1"
    chosen = Select(browser.find_element(By.ID, "period")).first_selected_option.text
    assert chosen == "Năm 2024"
    for spelling in ("NĂM 2024", "năm 2024"):
        browser.get(server.url + "/?" + urllib.parse.urlencode({"period_text": spelling}))
        assert browser.find_element(By.ID, "n-reports").text == "1", spelling
