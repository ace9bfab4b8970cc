"""Who may do what, on a server bound beyond 127.0.0.1 (here 127.0.0.2): login, roles, CSRF, in a real browser."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.conftest import Server, free_port, screenshot, start_server, stop_server

HOST = "127.0.0.2"


def _vanban(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"VANBAN_PASSWORD": password} if password else {})}
    return subprocess.run([sys.executable, "-m", "vanban", *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("auth")
    db = f"sqlite:///{tmp / 'store.db'}"
    made = _vanban("db", "upgrade", "--db", db)                 # an empty store, asked for explicitly
    assert made.returncode == 0, made.stderr
    refused = _vanban("serve", "--db", db, "--host", HOST, "--port", str(free_port()))
    assert refused.returncode == 2 and "vanban user add" in refused.stderr, refused.stderr
    for name, role in (("lan", "viewer"), ("minh", "uploader")):
        added = _vanban("user", "add", name, "--role", role, "--db", db, password=f"mat-khau-{name}")
        assert added.returncode == 0, added.stderr
    again = _vanban("user", "add", "lan", "--role", "admin", "--db", db, password="mat-khau-khac")
    assert again.returncode == 2 and "tên đăng nhập này đã có" in again.stderr
    server = start_server(tmp, host=HOST, db=db)
    yield server
    stop_server(server)


def _login(browser, server: Server, name: str, password: str) -> None:
    browser.delete_all_cookies()
    browser.get(server.url + "/login")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "password").send_keys(password)
    button = browser.find_element(By.CSS_SELECTOR, "form.login button")
    button.click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(EC.staleness_of(button))


def test_a_stranger_sees_only_the_login_page(server: Server, browser, shots: Path) -> None:
    browser.delete_all_cookies()
    for path in ("/", "/matrix", "/directive?key=76/NQ-CP", "/report/1", "/csv/reports", "/download/workbook",
                 "/upload", "/no-such-page"):
        browser.get(server.url + path)
        assert browser.title.startswith("Đăng nhập"), path
        assert browser.find_elements(By.CSS_SELECTOR, "nav a") == []
    screenshot(browser, shots, "login")
    _login(browser, server, "lan", "sai-mat-khau")
    assert browser.find_element(By.ID, "error").text == "Sai tên đăng nhập hoặc mật khẩu."


def test_a_viewer_reads_but_cannot_upload(server: Server, browser) -> None:
    _login(browser, server, "lan", "mat-khau-lan")
    assert browser.title.startswith("Tổng quan")
    assert "Nộp báo cáo" not in [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav a")]
    browser.get(server.url + "/upload")
    assert "không có quyền" in browser.find_element(By.ID, "error").text
    browser.get(server.url + "/")
    status = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const data = new FormData(); data.append("files", new Blob(["x"]), "a.txt");
        const csrf = document.querySelector("input[name=csrf]").value;
        fetch("/upload", {method: "POST", body: data, headers: {"X-CSRF-Token": csrf}}).then(r => done(r.status));
    """)
    assert status == 403


def _wait_for_error(browser, words: str) -> None:
    """A form submitted by script returns at once: wait for the page that answers it."""
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: any(words in e.text for e in d.find_elements(By.ID, "error")))


def test_a_form_without_its_csrf_token_is_refused(server: Server, browser) -> None:
    _login(browser, server, "minh", "mat-khau-minh")
    browser.get(server.url + "/upload")
    assert browser.title.startswith("Nộp báo cáo")
    browser.execute_script("const f = document.getElementById('upload');"
                           "f.querySelector('input[name=csrf]').remove(); f.submit();")
    _wait_for_error(browser, "CSRF")
    browser.get(server.url + "/")
    browser.execute_script("const f = document.querySelector('form.who');"
                           "f.querySelector('input[name=csrf]').value = 'forged'; f.submit();")
    _wait_for_error(browser, "CSRF")
    browser.get(server.url + "/")                                 # still logged in: the forged logout was refused
    assert browser.title.startswith("Tổng quan")
    button = browser.find_element(By.CSS_SELECTOR, "form.who button")
    button.click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(EC.staleness_of(button))
    assert browser.title.startswith("Đăng nhập")
