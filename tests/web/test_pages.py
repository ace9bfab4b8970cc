"""The read-only pages in a real browser over a store filled by the CLI's ingest (docx and pdf of the corpus)."""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By

import vanban
from tests.conftest import CORPUS
from tests.web.conftest import Server, screenshot, start_server, stop_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("pages")
    db = f"sqlite:///{tmp / 'store.db'}"
    for sub in ("docx", "pdf"):
        vanban.ingest(CORPUS / sub, db=db, workers=0)
    server = start_server(tmp, db=db)
    yield server
    stop_server(server)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.status, dict(r.headers), r.read()


def test_overview(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/")
    assert browser.title.startswith("Tổng quan")
    assert browser.find_element(By.ID, "n-reports").text == "10"
    body = browser.find_element(By.TAG_NAME, "body").text
    for words in ("Bệnh viện Đa khoa số 2", "Trung tâm Y tế khu vực Bố Trạch", "76/NQ-CP", "Lỗi", "ratio_mismatch"):
        assert words in body
    assert "/work/" not in browser.page_source and str(CORPUS) not in browser.page_source
    screenshot(browser, shots, "overview")


def test_directive_lists_its_units_with_their_sentences(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/directive")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("nghi quyet 76")                       # without diacritics
    box.submit()
    browser.find_element(By.LINK_TEXT, "76/NQ-CP").click()
    assert browser.title.startswith("Văn bản 76/NQ-CP")
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    bo_trach = [r for r in rows if "Bố Trạch" in r]
    mai_chau = [r for r in rows if "Mai Châu" in r]
    assert bo_trach and mai_chau
    assert "theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ" in bo_trach[0]
    assert "Nghị quyết số 76/NQCP ngày 15/7/2021" in mai_chau[0]
    screenshot(browser, shots, "directive")
    browser.get(server.url + "/directive?q=76/NQCP")      # the key as people type it
    assert browser.title.startswith("Văn bản 76/NQ-CP")


def test_report_shows_its_ratio_flag_with_the_page(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/")
    links = browser.find_elements(By.XPATH, "//tr[contains(., 'Bệnh viện Đa khoa số 2') and contains(., 'pdf')]"
                                            "//a[contains(@href, '/report/')]")
    links[0].click()
    flag = browser.find_element(By.XPATH, "//li[contains(@class, 'flag')][.//code[text()='ratio_mismatch']]")
    assert "29,63%" in flag.text and "31,58%" in flag.text
    page = flag.find_element(By.CLASS_NAME, "page").text
    assert page.startswith("trang ") and int(page.split()[1]) >= 1
    assert browser.find_elements(By.CSS_SELECTOR, "mark.cite")                        # citations highlighted
    image = browser.find_element(By.CSS_SELECTOR, "section.page img")                # the page image beside it
    browser.execute_script("arguments[0].scrollIntoView()", image)
    browser.execute_script("window.scrollTo(0, 0)")
    status, _, png = _get(image.get_attribute("src"))
    assert status == 200 and png.startswith(b"\x89PNG")
    screenshot(browser, shots, "report", height=1800)


def test_matrix_filters_by_level(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/matrix")
    every = len(browser.find_elements(By.CSS_SELECTOR, "table.heat th.v"))
    browser.get(server.url + "/matrix?level=government")
    government = browser.find_elements(By.CSS_SELECTOR, "table.heat th.v")
    assert 0 < len(government) < every
    assert "76/NQ-CP" in [th.text for th in government] or any("76/NQ-CP" in th.get_attribute("innerHTML")
                                                                   for th in government)
    screenshot(browser, shots, "matrix")


def test_downloads_open(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/downloads")
    screenshot(browser, shots, "downloads")
    href = browser.find_element(By.PARTIAL_LINK_TEXT, "sổ tổng hợp").get_attribute("href")
    status, headers, body = _get(href)
    assert status == 200 and "attachment" in headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert "Báo cáo" in book.sheetnames and book["Báo cáo"].max_row == 11
    status, headers, body = _get(server.url + "/csv/cites?key=76/NQ-CP")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r["Đơn vị"] for r in rows} == {"Trung tâm Y tế khu vực Bố Trạch", "Trung tâm Y tế khu vực Mai Châu"}
    assert all(r["Câu trích"] for r in rows)
    assert all("corpus" not in v for r in rows for v in r.values())
