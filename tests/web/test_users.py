"""Người dùng in a real browser: an admin on 127.0.0.2 adds, re-roles and removes a user while that
user is logged in in a second browser; the last admin stays; forms without their CSRF token fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.web.conftest import CHROMEDRIVER, CHROMIUM, Server, screenshot, start_server, stop_server
from tests.web.test_auth import HOST, _login, _vanban

ADMIN, ADMIN_PASSWORD = "quan", "mat-khau-quan-tri"
NEW_PASSWORD = "mat-khau-cua-thu"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("users")
    db = f"sqlite:///{tmp / 'store.db'}"
    added = _vanban("user", "add", ADMIN, "--role", "admin", "--db", db, password=ADMIN_PASSWORD)
    assert added.returncode == 0, added.stderr
    server = start_server(tmp, host=HOST, db=db)
    yield server
    stop_server(server)
    log = "".join(p.read_text(errors="replace") for p in tmp.glob("serve-*.log"))
    assert ADMIN_PASSWORD not in log and NEW_PASSWORD not in log


@pytest.fixture()
def second_browser() -> Iterator[webdriver.Chrome]:
    """Another person's browser: its own cookies, its own session."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _submit(browser, button) -> None:  # type: ignore[no-untyped-def]
    button.click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(EC.staleness_of(button))


def _roles(browser) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {tr.get_attribute("data-name"): tr.get_attribute("data-role")
            for tr in browser.find_elements(By.CSS_SELECTOR, "#users tbody tr")}


def _add(browser, name: str, role: str, password: str, again: str) -> None:  # type: ignore[no-untyped-def]
    form = browser.find_element(By.ID, "add")
    field = form.find_element(By.NAME, "name")
    field.clear()                                          # kept from a refused try
    field.send_keys(name)
    Select(form.find_element(By.NAME, "role")).select_by_value(role)
    form.find_element(By.NAME, "password").send_keys(password)
    form.find_element(By.NAME, "password_again").send_keys(again)
    _submit(browser, form.find_element(By.TAG_NAME, "button"))


def _set_role(browser, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    form = browser.find_element(By.CSS_SELECTOR, f"tr[data-name='{name}'] form.role")
    Select(form.find_element(By.NAME, "role")).select_by_value(role)
    _submit(browser, form.find_element(By.TAG_NAME, "button"))


def _remove(browser, name: str) -> None:  # type: ignore[no-untyped-def]
    link = browser.find_element(By.CSS_SELECTOR, f"tr[data-name='{name}'] a.remove")
    _submit(browser, link)
    assert browser.title.startswith("Xoá tài khoản") and name in browser.find_element(By.CSS_SELECTOR, ".notice").text
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "#remove button"))


def _error(browser) -> str:  # type: ignore[no-untyped-def]
    return browser.find_element(By.ID, "error").text


def _menu(browser) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav a")]


def test_an_admin_manages_a_user_who_is_logged_in(server: Server, browser, second_browser, shots: Path) -> None:
    _login(browser, server, ADMIN, ADMIN_PASSWORD)
    assert "Người dùng" in _menu(browser)
    browser.get(server.url + "/users")
    assert browser.title.startswith("Người dùng") and _roles(browser) == {ADMIN: "admin"}

    _add(browser, "thu", "uploader", NEW_PASSWORD, NEW_PASSWORD + "x")
    assert _error(browser) == "Hai lần nhập mật khẩu không khớp nhau."
    assert NEW_PASSWORD not in browser.page_source                    # the password is never put back
    assert browser.find_element(By.CSS_SELECTOR, "#add input[name=name]").get_attribute("value") == "thu"
    browser.get(server.url + "/users")                                 # past the browser's own minlength
    browser.execute_script("document.querySelectorAll('#add input').forEach(i => i.removeAttribute('minlength'))")
    _add(browser, "thu", "uploader", "ngan", "ngan")
    assert _error(browser) == "Mật khẩu phải có ít nhất 8 ký tự."
    _add(browser, "thu", "uploader", NEW_PASSWORD, NEW_PASSWORD)
    assert browser.find_element(By.ID, "done").text == "Đã thêm “thu” (người nộp báo cáo)."
    assert _roles(browser) == {ADMIN: "admin", "thu": "uploader"}
    _add(browser, "thu", "viewer", NEW_PASSWORD, NEW_PASSWORD)
    assert _error(browser) == "thu: tên đăng nhập này đã có, hãy chọn tên khác."
    screenshot(browser, shots, "users")

    # thu, in a browser of her own, uploads; then the admin makes her a viewer
    _login(second_browser, server, "thu", NEW_PASSWORD)
    second_browser.get(server.url + "/upload")
    assert second_browser.title.startswith("Nộp báo cáo") and "Người dùng" not in _menu(second_browser)
    second_browser.get(server.url + "/users")
    assert "không có quyền" in _error(second_browser)

    browser.get(server.url + "/users")
    _set_role(browser, "thu", "viewer")
    assert "“thu” giờ là người xem" in browser.find_element(By.ID, "done").text
    assert _roles(browser)["thu"] == "viewer"
    second_browser.get(server.url + "/upload")                          # her next request: no upload
    assert "không có quyền" in _error(second_browser)
    second_browser.get(server.url + "/")
    assert second_browser.title.startswith("Tổng quan") and "Nộp báo cáo" not in _menu(second_browser)

    # removed, she is out on her next request
    _remove(browser, "thu")
    assert browser.find_element(By.ID, "done").text.startswith("Đã xoá “thu”")
    assert _roles(browser) == {ADMIN: "admin"}
    second_browser.get(server.url + "/")
    assert second_browser.title.startswith("Đăng nhập")


def test_the_last_admin_stays(server: Server, browser) -> None:
    _login(browser, server, ADMIN, ADMIN_PASSWORD)
    browser.get(server.url + "/users")
    _remove(browser, ADMIN)
    assert "quản trị viên cuối cùng" in _error(browser)
    _set_role(browser, ADMIN, "uploader")
    assert "quản trị viên cuối cùng" in _error(browser)
    browser.get(server.url + "/users")
    assert _roles(browser) == {ADMIN: "admin"}


def test_a_post_without_its_csrf_token_is_refused(server: Server, browser) -> None:
    _login(browser, server, ADMIN, ADMIN_PASSWORD)
    browser.get(server.url + "/users")
    statuses = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const csrf = document.querySelector("input[name=csrf]").value;
        const body = (fields) => new URLSearchParams(fields);
        const multipart = new FormData(); multipart.append("name", "ke-gian"); multipart.append("role", "admin");
        multipart.append("password", "mat-khau-ke-gian"); multipart.append("password_again", "mat-khau-ke-gian");
        const add = {name: "ke-gian", role: "admin", password: "mat-khau-ke-gian", password_again: "mat-khau-ke-gian"};
        Promise.all([
          fetch("/users/add", {method: "POST", body: body(add)}),
          fetch("/users/add", {method: "POST", body: body({...add, csrf: "forged"})}),
          fetch("/users/add", {method: "POST", body: multipart}),
          fetch("/users/role", {method: "POST", body: body({name: "quan", role: "viewer"})}),
          fetch("/users/remove", {method: "POST", body: body({name: "quan"})}),
          fetch("/users/add", {method: "POST", body: body({...add, name: "ban-than", role: "viewer", csrf})}),
        ]).then(rs => done(rs.map(r => r.status)));
    """)
    assert statuses == [403, 403, 403, 403, 403, 200]       # the last one, with its token, is the control
    browser.get(server.url + "/users")
    assert _roles(browser) == {ADMIN: "admin", "ban-than": "viewer"}
    _remove(browser, "ban-than")


def test_the_local_server_is_its_own_admin(local_server: Server, browser) -> None:
    """On 127.0.0.1 there is no login: the page works for the machine's user, and leaves no user behind."""
    browser.delete_all_cookies()
    browser.get(local_server.url + "/")
    assert "Người dùng" in _menu(browser)
    browser.get(local_server.url + "/users")
    assert "127.0.0.1" in browser.find_element(By.CSS_SELECTOR, "main").text
    _add(browser, "lan", "viewer", "mat-khau-lan", "mat-khau-lan")
    assert _roles(browser) == {"lan": "viewer"}
    _set_role(browser, "lan", "uploader")
    assert _roles(browser) == {"lan": "uploader"}
    _remove(browser, "lan")
    assert _roles(browser) == {}
