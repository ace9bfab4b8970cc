"""The read-only pages in a real browser over a store filled by the CLI's ingest (docx and pdf of the corpus)."""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

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


def test_overview_counts_reports_not_files(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/")
    assert browser.title.startswith("Tổng quan")
    assert browser.find_element(By.ID, "n-reports").text == "5"                 # a DOCX and its PDF: one report
    assert browser.find_element(By.ID, "n-files").text == "từ 10 tệp"
    body = browser.find_element(By.TAG_NAME, "body").text
    for words in ("Bệnh viện Đa khoa số 2", "Trung tâm Y tế khu vực Bố Trạch", "76/NQ-CP", "lỗi", "ratio_mismatch",
                  "Văn bản được dẫn ít nhất"):
        assert words in body
    assert len(browser.find_elements(By.CSS_SELECTOR, "#reports tbody tr")) == 5
    assert "/work/" not in browser.page_source and str(CORPUS) not in browser.page_source
    screenshot(browser, shots, "overview")


def test_the_period_filter_changes_the_overview(server: Server, browser) -> None:
    browser.get(server.url + "/")
    Select(browser.find_element(By.ID, "period")).select_by_visible_text("Quý III năm 2025")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 30).until(lambda d: "period=" in d.current_url)
    assert browser.find_element(By.ID, "n-reports").text == "1"
    assert browser.find_element(By.ID, "n-files").text == "từ 2 tệp"
    missing = browser.find_element(By.ID, "missing").text          # no roster: the units seen in earlier periods
    assert "Sở Y tế" in missing and "Bệnh viện Đa khoa số 2" not in missing
    assert "Bệnh viện Đa khoa số 2" in browser.find_element(By.ID, "reports").text
    browser.get(server.url + "/?period_text=6+tháng+cuối+năm+2025")             # typed as --period takes it
    assert browser.find_element(By.ID, "n-reports").text == "1"
    assert "Mai Châu" in browser.find_element(By.ID, "reports").text
    browser.get(server.url + "/?since=2025-07-01&until=2025-12-31")
    assert browser.find_element(By.ID, "n-reports").text == "3"
    browser.get(server.url + "/?period_text=quý+năm+xưa")
    assert "không hiểu kỳ báo cáo" in browser.find_element(By.ID, "notice").text


def test_directive_lists_its_units_with_their_sentences(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/directive")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("nghi quyet 76")                       # without diacritics
    box.submit()                                          # returns before the results page is there
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.LINK_TEXT, "76/NQ-CP"))[0].click()
    assert browser.title.startswith("Văn bản 76/NQ-CP")
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#citing tbody tr")]
    bo_trach = [r for r in rows if "Bố Trạch" in r]
    mai_chau = [r for r in rows if "Mai Châu" in r]
    assert len(bo_trach) == len(mai_chau) == 1 and len(rows) == 2        # each report once, not once a rendition
    assert "theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ" in bo_trach[0]
    assert "Nghị quyết số 76/NQCP ngày 15/7/2021" in mai_chau[0]
    assert "trang 1" in bo_trach[0]
    title = browser.find_element(By.ID, "not-citing-title").text     # the Government's: every unit owes it
    assert "cùng tỉnh" not in title and "Trung ương" in title
    silent = {r.find_element(By.TAG_NAME, "td").text for r in browser.find_elements(By.CSS_SELECTOR,
                                                                                       "#not-citing tbody tr")}
    assert silent == set(vanban.questions.coverage("76/NQ-CP", db=server.db).query("~cites & ~before_issue")["unit"])
    screenshot(browser, shots, "directive")
    known = vanban.questions.directives(db=server.db)
    local = known[known["level"].isin(["department", "province"])]["directive"]
    assert len(local), "the corpus cites a province's directive"
    browser.get(server.url + "/directive?key=" + urllib.parse.quote(local.iloc[0]))
    assert "cùng tỉnh" in browser.find_element(By.ID, "not-citing-title").text
    browser.get(server.url + "/directive?q=76/NQCP")      # the key as people type it
    assert browser.title.startswith("Văn bản 76/NQ-CP")
    assert "57-NQ/TW" in set(known["directive"]), "the corpus cites the Party's 57-NQ/TW"
    browser.get(server.url + "/directive?key=57/NQ-TW")   # typed the state's way: headed by the stored key
    assert browser.title.startswith("Văn bản 57-NQ/TW")
    assert "30c/NQ-CP" not in set(known["directive"]), "no report of the corpus cites the programme 30c"
    browser.get(server.url + "/directive?key=30c/NQ-CP")  # cited by none: every unit is silent on it
    assert "Trung ương" in browser.find_element(By.ID, "not-citing-title").text
    silent = browser.find_elements(By.CSS_SELECTOR, "#not-citing tbody tr")
    assert len(silent) == len(vanban.questions.units(db=server.db)), [r.text for r in silent]


def test_report_shows_its_ratio_flag_with_the_page(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/")
    links = browser.find_elements(By.XPATH, "//div[@id='reports']//tr[contains(., 'Bệnh viện Đa khoa số 2')]"
                                            "//a[contains(@href, '/report/')]")
    links[0].click()
    renditions = browser.find_elements(By.CSS_SELECTOR, "ul.renditions li")
    assert len(renditions) == 2 and "bản gốc" in renditions[0].text and "PDF" in renditions[0].text
    flag = browser.find_element(By.XPATH, "//li[contains(@class, 'flag')][.//code[text()='ratio_mismatch']]")
    assert "29,63%" in flag.text and "31,58%" in flag.text
    page = flag.find_element(By.CLASS_NAME, "page").text
    assert page.startswith("trang ") and int(page.split()[1]) >= 1
    figures = [td.text for td in browser.find_elements(By.XPATH, "//h2[starts-with(., 'Số liệu')]"
                                                                 "/following-sibling::div[1]//td")]
    assert "từ 250 đến 400 người" in figures and "400 người" not in figures, "a range is both its ends"
    assert browser.find_elements(By.CSS_SELECTOR, "mark.cite")                        # citations highlighted
    image = browser.find_element(By.CSS_SELECTOR, "section.page img")                # the page image beside it
    browser.execute_script("arguments[0].scrollIntoView()", image)
    browser.execute_script("window.scrollTo(0, 0)")
    status, _, png = _get(image.get_attribute("src"))
    assert status == 200 and png.startswith(b"\x89PNG")
    assert browser.find_elements(By.CSS_SELECTOR, "section.page .box.cite")          # spans boxed on the image
    status, headers, pdf = _get(renditions[0].find_element(By.CLASS_NAME, "file").get_attribute("href"))
    assert status == 200 and pdf.startswith(b"%PDF") and "Bao cao" in headers["content-disposition"]
    screenshot(browser, shots, "report", height=1800)
    page = browser.find_element(By.ID, f"p{page.split()[1]}")                     # the flag's page: image and text
    browser.execute_script("arguments[0].scrollIntoView()", page)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", page.find_element(By.TAG_NAME, "img")))
    page.screenshot(str(shots / "report-page.png"))
    renditions[1].find_element(By.LINK_TEXT, "xem bản này").click()                  # the DOCX: paragraphs
    flag = browser.find_element(By.XPATH, "//li[contains(@class, 'flag')][.//code[text()='ratio_mismatch']]")
    assert flag.find_element(By.CLASS_NAME, "page").text.startswith("đoạn ")


def test_matrix_filters_by_level(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/matrix")
    every = len(browser.find_elements(By.CSS_SELECTOR, "table.heat th.v"))
    browser.get(server.url + "/matrix?level=government")
    government = browser.find_elements(By.CSS_SELECTOR, "table.heat th.v")
    assert 0 < len(government) < every
    assert "76/NQ-CP" in [th.text for th in government] or any("76/NQ-CP" in th.get_attribute("innerHTML")
                                                                   for th in government)
    screenshot(browser, shots, "matrix")


def test_matrix_keeps_the_directives_at_least_n_units_cite(server: Server, browser) -> None:
    browser.get(server.url + "/matrix")
    assert "<label" not in browser.find_element(By.TAG_NAME, "body").text, "the filter is a field, not its HTML"
    every = len(browser.find_elements(By.CSS_SELECTOR, "table.heat th.v"))
    field = browser.find_element(By.ID, "min_units")
    field.clear()
    field.send_keys("2")
    field.submit()
    WebDriverWait(browser, 30).until(lambda d: "min_units=2" in d.current_url)
    shared = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.heat th.v")]
    assert 0 < len(shared) < every
    assert browser.find_element(By.ID, "min_units").get_attribute("value") == "2"


def test_figures_compare_one_indicator_across_units(server: Server, browser, shots: Path) -> None:
    """The indicators found, each linked to its figures: one row a figure of the fullest rendition."""
    summary = vanban.questions.figures(db=server.db)
    assert len(summary), "the corpus gives figures with indicators"
    widest = summary.sort_values("units", ascending=False, kind="stable").iloc[0]
    browser.get(server.url + "/figures")
    assert browser.title.startswith("Số liệu theo chỉ tiêu")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#indicators tbody tr")) == len(summary)
    browser.find_element(By.LINK_TEXT, widest["indicator"]).click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.ID, "figures"))
    assert browser.find_element(By.ID, "label").text == widest["indicator"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#figures tbody tr")
    expected = vanban.questions.figures(widest["indicator_key"], db=server.db)
    assert len(rows) == len(expected) == widest["figures"]
    assert {r.find_element(By.TAG_NAME, "td").text for r in rows} == set(expected["unit"])
    assert all(r.find_elements(By.CSS_SELECTOR, "a[href^='/report/']") for r in rows), "each figure links its report"
    assert "/work/" not in browser.page_source
    screenshot(browser, shots, "figures")
    browser.get(server.url + "/figures?indicator=khong+co+chi+tieu+nay")
    assert "không có chỉ tiêu nào" in browser.find_element(By.ID, "notice").text


def test_downloads_open(server: Server, browser, shots: Path) -> None:
    browser.get(server.url + "/downloads")
    screenshot(browser, shots, "downloads")
    button = browser.find_element(By.ID, "workbook")                       # a form: the period to export, or all
    href = button.find_element(By.XPATH, "ancestor::form").get_attribute("action")
    status, headers, body = _get(href)
    assert status == 200 and "attachment" in headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Báo cáo", "Trích dẫn", "Văn bản của tỉnh", "Ma trận", "Số liệu", "Cảnh báo",
                               "Không đọc được"]
    assert book["Báo cáo"].max_row == 6                                       # five reports and the header
    status, headers, body = _get(href + "?period=Qu%C3%BD+III+n%C4%83m+2025")
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert "Chưa nộp" in book.sheetnames and book["Báo cáo"].max_row == 2
    status, headers, body = _get(server.url + "/csv/cites?key=76/NQ-CP")
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert sorted(r["Đơn vị"] for r in rows) == ["Trung tâm Y tế khu vực Bố Trạch", "Trung tâm Y tế khu vực Mai Châu"]
    assert all(r["Câu trích dẫn"] for r in rows)
    assert all("corpus" not in v for r in rows for v in r.values())
