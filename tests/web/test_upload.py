"""Nộp báo cáo in a real browser: a folder of the corpus through the page, progress to the end, bad files' reasons."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.conftest import Server, screenshot


def _wait_done(browser, seconds: float = 300) -> list[list[str]]:
    WebDriverWait(browser, seconds, poll_frequency=0.5).until(
        lambda d: d.find_element(By.ID, "state").get_attribute("data-state") in ("done", "failed"))
    assert browser.find_element(By.ID, "state").get_attribute("data-state") == "done"
    bar = browser.find_element(By.ID, "bar")
    assert bar.get_attribute("value") == bar.get_attribute("max")
    return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#files tr")]


def _upload(browser, url: str, folder: Path) -> list[list[str]]:
    browser.get(url + "/upload")
    browser.find_element(By.ID, "folder").send_keys(str(folder))
    WebDriverWait(browser, 60).until(lambda d: "/upload/job/" in d.current_url)
    return _wait_done(browser)


def test_upload_a_folder_then_the_overview_shows_the_reports(local_server: Server, corpus_upload: Path, browser,
                                                              shots: Path) -> None:
    browser.get(local_server.url + "/upload")
    screenshot(browser, shots, "upload")
    rows = _upload(browser, local_server.url, corpus_upload / "docx")          # the DOCX first, as units send them
    assert len(rows) == 5 and {outcome for _, outcome, _ in rows} == {"đã lưu"}
    rows = _upload(browser, local_server.url, corpus_upload)                   # then docx/ and pdf/, 10 files
    assert len(rows) == 10
    outcomes = {name.split("/")[-2]: outcome for name, outcome, _ in rows}
    assert sorted(name.split("/")[-2] for name, *_ in rows) == ["docx"] * 5 + ["pdf"] * 5
    assert {o for n, o, _ in rows if "/docx/" in n} == {"không đổi (đã có)"}
    assert {o for n, o, _ in rows if "/pdf/" in n} == {"bản khác của báo cáo đã có"}, outcomes
    screenshot(browser, shots, "upload-progress")
    stored = sorted(p.name for p in (local_server.data / "files").rglob("*.*"))
    assert len(stored) == 10 and all(len(Path(n).stem) == 64 for n in stored)   # by content hash, not by name
    browser.get(local_server.url + "/")
    assert browser.find_element(By.ID, "n-reports").text == "5"
    assert browser.find_element(By.ID, "n-files").text == "từ 10 tệp"
    assert "Bệnh viện Đa khoa số 2" in browser.find_element(By.TAG_NAME, "body").text
    assert str(local_server.data) not in browser.page_source

    rows = _upload(browser, local_server.url, corpus_upload / "pdf")           # the same files again: nothing new
    assert {outcome for _, outcome, _ in rows} == {"không đổi (đã có)"}


def test_bad_files_get_their_reasons_on_the_page(local_server: Server, tmp_path: Path, browser,
                                                 shots: Path) -> None:
    empty, fake, other = tmp_path / "trong.pdf", tmp_path / "gia.pdf", tmp_path / "bang.xlsx"
    empty.write_bytes(b"")
    fake.write_text("Đây không phải là một tệp PDF.\n", encoding="utf-8")
    other.write_bytes(b"PK\x03\x04")
    browser.get(local_server.url + "/upload")
    browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in (empty, fake, other)))
    WebDriverWait(browser, 60).until(lambda d: "/upload/job/" in d.current_url)
    rows = {name: (outcome, reason) for name, outcome, reason in _wait_done(browser, 120)}
    assert rows["trong.pdf"] == ("không đọc được", "tệp rỗng (0 byte)")          # stored in English, said in Vietnamese
    assert rows["gia.pdf"] == ("không đọc được", "không phải tệp PDF: nội dung là văn bản thuần; "
                                  "hãy đổi đuôi tệp thành .txt")
    assert rows["bang.xlsx"] == ("bị từ chối", "loại tệp .xlsx không được hỗ trợ: chỉ nhận .pdf, .docx, .doc, .txt")
    assert "Traceback" not in browser.page_source and "500" not in browser.title
    screenshot(browser, shots, "upload-reasons")


def test_files_received_but_not_ingested_are_ingested_when_the_server_starts(tmp_path: Path) -> None:
    """The server stopped with a job queued: its files are on disk under their hashes, not in the
    store. The next start ingests them as a job of their own; a start after that finds none."""
    import hashlib
    import shutil
    import time

    from tests.conftest import CORPUS
    from vanban.web.app import open_store
    from vanban.web.upload import Jobs

    data = tmp_path / "data"
    sent = sorted((CORPUS / "txt").glob("*.txt"))[:2]
    for f in sent:
        sha = hashlib.sha256(f.read_bytes()).hexdigest()
        (data / "files" / sha[:2]).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, data / "files" / sha[:2] / f"{sha}.txt")
    # and one the ingest refuses before hashing it (over its size for .txt): it must not come back
    big = ("Báo cáo công tác.\n" * 600_000).encode()
    sha = hashlib.sha256(big).hexdigest()
    (data / "files" / sha[:2]).mkdir(parents=True, exist_ok=True)
    (data / "files" / sha[:2] / f"{sha}.txt").write_bytes(big)
    url, engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    engine.dispose()
    jobs = Jobs(url, data, workers=0)
    try:
        assert len(jobs.jobs) == 1
        job = next(iter(jobs.jobs.values()))
        assert len(job.entries) == 3 and "khởi động lại" in (job.message or "")
        deadline = time.monotonic() + 120
        while job.state not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert job.state == "done"
        assert sorted(e.outcome for e in job.entries) == ["failed", "ingested", "ingested"]
    finally:
        jobs.close()
    again = Jobs(url, data, workers=0)
    try:
        assert again.jobs == {}
    finally:
        again.close()


def test_content_already_stored_is_unchanged_and_each_file_is_named_as_sent(tmp_path: Path, browser) -> None:
    """A folder read by `vanban ingest` (one report kept twice, under two names), then the officer uploads
    one of its files under a new name, and a new file. The known content is unchanged at once, naming the
    file the store has it as, and is not stored again; the new one is stored and its report page, and the
    downloaded workbook, name it as it was sent, never where the server keeps it; one content is one
    rendition of its report however many files hold it."""
    import io
    import shutil
    import urllib.request

    import openpyxl

    import vanban
    from tests.conftest import CORPUS
    from tests.web.conftest import start_server, stop_server

    folder = tmp_path / "don-vi"
    folder.mkdir()
    known, new = CORPUS / "txt" / "000_a9042f12ea01ae86.txt", CORPUS / "txt" / "003_54f63113053d84ec.txt"
    shutil.copy(known, folder / known.name)
    shutil.copy(known, folder / "ban-sao.txt")                 # the same content twice: one document
    db = f"sqlite:///{tmp_path / 'store.db'}"
    vanban.ingest(folder, db=db, workers=0)
    sent = tmp_path / "gui"
    sent.mkdir()
    shutil.copy(known, sent / "bao-cao-bo-trach.txt")
    shutil.copy(new, sent / "ke-hoach-moi.txt")
    server = start_server(tmp_path, db=db)
    try:
        browser.get(server.url + "/upload")
        browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in sorted(sent.iterdir())))
        WebDriverWait(browser, 60).until(lambda d: "/upload/job/" in d.current_url)
        rows = {name: (outcome, reason) for name, outcome, reason in _wait_done(browser, 120)}
        assert rows == {"bao-cao-bo-trach.txt": ("không đổi (đã có)", "nội dung này đã có trong kho, với tên "
                                                  "000_a9042f12ea01ae86.txt"),
                        "ke-hoach-moi.txt": ("đã lưu", "")}, rows
        kept = sorted(p.stem for p in (server.data / "files").rglob("*.txt"))
        assert kept == [hashlib_of(new)], "known content is not kept a second time"

        browser.get(server.url + "/")
        links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#reports a")
                 if "/report/" in (a.get_attribute("href") or "")}
        assert len(links) == 2, links
        names = {}
        for href in links.values():
            browser.get(href)
            items = browser.find_elements(By.CSS_SELECTOR, "ul.renditions li")
            names[href] = [li.find_element(By.CLASS_NAME, "name").text for li in items]
            assert str(server.data) not in browser.page_source and str(folder) not in browser.page_source
        assert sorted(names.values()) == [["000_a9042f12ea01ae86.txt"], ["ke-hoach-moi.txt"]], names

        with urllib.request.urlopen(server.url + "/download/workbook", timeout=60) as r:
            sheet = openpyxl.load_workbook(io.BytesIO(r.read()))["Báo cáo"]
        header = [c.value for c in sheet[1]]
        files = sorted(str(row[header.index("Tệp")]) for row in sheet.iter_rows(min_row=2, values_only=True))
        assert files == [str(folder / known.name), "ke-hoach-moi.txt"], files
    finally:
        stop_server(server)
    # the same store read without the page, from Python (the verbs: the test below)
    assert sorted(vanban.questions.reports(db=db)["file"]) == [str(folder / known.name), "ke-hoach-moi.txt"]


def test_upload_names_are_the_stores_and_every_reader_says_them(store_engine, tmp_path: Path) -> None:
    """A server of an earlier version kept upload names in DATA/names.json: at start they move into the
    store (the file is renamed; entries no store could take are left out, the server starts all the same;
    a name the store has already stays). Then Python, the verbs, `vanban export` and `vanban show NAME`
    name an upload as it was sent — a report, and a file the ingest refused — never by where it is kept."""
    import json
    import shutil
    import time

    import openpyxl

    import vanban
    from tests.conftest import CORPUS
    from tests.store.helpers import cli
    from vanban.db import upload_names
    from vanban.web.upload import Jobs

    url = store_engine.url.render_as_string(hide_password=False)
    data = tmp_path / "data"
    report = CORPUS / "txt" / "003_54f63113053d84ec.txt"
    sha = hashlib_of(report)
    (data / "files" / sha[:2]).mkdir(parents=True)
    shutil.copy(report, data / "files" / sha[:2] / f"{sha}.txt")
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"     # of zero bytes
    (data / "files" / empty[:2]).mkdir(parents=True)
    (data / "files" / empty[:2] / f"{empty}.pdf").write_bytes(b"")
    other = "ab" * 32
    upload_names.keep(store_engine, other, "gui-truoc.pdf")         # a name the store has already
    old = {sha: "don-vi/ke-hoach.txt", empty: "trong.pdf", other: "gui-sau.pdf",
           "khong-phai-ma-bam": "x.pdf", "cd" * 32: "", "ef" * 32: "\ud800.pdf", "12" * 32: "a\x00b.pdf"}
    (data / "names.json").write_text(json.dumps(old), encoding="utf-8")
    jobs = Jobs(url, data, workers=0)
    try:
        job = next(iter(jobs.jobs.values()))
        deadline = time.monotonic() + 120
        while job.state not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert job.state == "done"
    finally:
        jobs.close()
    assert not (data / "names.json").exists() and (data / "names.json.moved").exists()
    with store_engine.connect() as conn:
        assert upload_names.names_of(conn, [sha, empty, other, "cd" * 32, "ef" * 32, "12" * 32]) == {
            sha: "don-vi/ke-hoach.txt", empty: "trong.pdf", other: "gui-truoc.pdf"}

    assert list(vanban.questions.reports(db=url)["file"]) == ["don-vi/ke-hoach.txt"]
    assert list(vanban.questions.unreadable(db=url)["file"]) == ["trong.pdf"]
    for verb, name in (("reports", "don-vi/ke-hoach.txt"), ("errors", "trong.pdf")):
        done = cli(verb, "--db", url, "--format", "csv")
        assert done.returncode == 0, done.stderr
        assert name in done.stdout and sha not in done.stdout and empty not in done.stdout, done.stdout
    done = cli("export", "--out", str(tmp_path / "kiem-tra.xlsx"), "--db", url)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "kiem-tra.xlsx")["Báo cáo"]
    header = [c.value for c in sheet[1]]
    assert [row[header.index("Tệp")] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["don-vi/ke-hoach.txt"]
    for name in ("don-vi/ke-hoach.txt", "ke-hoach.txt"):
        done = cli("show", name, "--db", url)
        assert done.returncode == 0 and "Trung tâm Y tế khu vực Mai Châu" in done.stdout, (name, done.stderr)


def hashlib_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
