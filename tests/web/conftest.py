"""Web fixtures: a real `vanban serve` in a subprocess on a free port, and Debian's Chromium through chromedriver.

Screenshots go to $VANBAN_SCREENSHOTS when set (`docs/screenshots` for the README), else to a
temporary folder: a test run does not rewrite the committed pictures.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import CORPUS
from tests.store.conftest import BACKENDS, new_pg_database  # noqa: F401 (a fixture, asked for by name)
from vanban.web.app import open_store

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@dataclass
class Server:
    url: str
    db: str
    data: Path
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp: Path, host: str = "127.0.0.1", db: str | None = None,
                 env: dict[str, str] | None = None) -> Server:
    """`vanban serve` as an officer starts it; returns once it answers. Without `db`, on a new empty store
    made first, as `vanban db upgrade` makes one (serve refuses a store that is not there)."""
    port = free_port()
    if db is None:
        db = f"sqlite:///{tmp / 'store.db'}"
        open_store(db)[1].dispose()
    log = (tmp / f"serve-{port}.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "vanban", "serve", "--db", db, "--host", host, "--port",
                                str(port), "--data", str(tmp / "data"), "--workers", "1"],
                               stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://{host}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"vanban serve stopped: {(tmp / f'serve-{port}.log').read_text()}")
        try:
            urllib.request.urlopen(url + "/static/style.css", timeout=2)
            return Server(url, db, tmp / "data", process)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("vanban serve did not answer within 60 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("the web tests need Debian's chromium and chromium-driver (apt-get install chromium "
                    "chromium-driver; `.ci/run` installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,900", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("VANBAN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(driver: object, folder: Path, name: str, height: int | None = None) -> Path:
    """A PNG of the page (whole page up to `height` px), reduced to 64 colours to stay small."""
    from PIL import Image

    full = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    width = driver.get_window_size()["width"]  # type: ignore[attr-defined]
    driver.set_window_size(width, min(full + 120, height or 2400))  # type: ignore[attr-defined]
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    driver.set_window_size(width, 900)  # type: ignore[attr-defined]
    Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)
    return path


@pytest.fixture(scope="session")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on 127.0.0.1 (no login) over a store that starts empty."""
    server = start_server(tmp_path_factory.mktemp("web"))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def corpus_upload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus/docx and corpus/pdf side by side, as an officer's folder of reports."""
    folder = tmp_path_factory.mktemp("reports") / "bao-cao"
    for sub in ("docx", "pdf"):
        shutil.copytree(CORPUS / sub, folder / sub)
    return folder


@pytest.fixture(params=BACKENDS)
def store_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a fresh store with its schema, on SQLite and on the real PostgreSQL (tests/store's)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("new_pg_database")()
    _, engine = open_store(url)
    yield engine
    engine.dispose()
