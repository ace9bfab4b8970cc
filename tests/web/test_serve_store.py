"""`vanban serve` opens a store that is there: a mistyped path is refused as the questions refuse it (not made an
empty store whose "0 báo cáo" looks like no report received), and a file that is no store is refused before
the address is printed. A store asked for explicitly (`vanban db upgrade`) is served empty, for uploads."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import free_port, start_server, stop_server


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vanban", "serve", "--port", str(free_port()), *args],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_a_store_that_is_not_there_is_refused_not_made(tmp_path: Path) -> None:
    typo = tmp_path / "kho-du-lieu.db"
    refused = _serve("--db", f"sqlite:///{typo}", "--data", str(tmp_path / "data"))
    assert refused.returncode == 2 and "ở đây chưa có kho dữ liệu" in refused.stderr, refused.stderr
    assert "vanban db upgrade" in refused.stderr and "http://" not in refused.stderr
    assert not typo.exists(), "no empty store made where the user mistyped"
    english = _serve("--db", f"sqlite:///{typo}", "--lang", "en")
    assert english.returncode == 2 and "no store here yet" in english.stderr
    asked = subprocess.run([sys.executable, "-m", "vanban", "db", "upgrade", "--db", f"sqlite:///{typo}"],
                           capture_output=True, text=True, timeout=120)
    assert asked.returncode == 0 and typo.exists(), asked.stderr
    server = start_server(tmp_path, db=f"sqlite:///{typo}")       # the empty store asked for: served
    try:
        with urllib.request.urlopen(server.url + "/", timeout=60) as r:
            assert 'id="n-reports">0<' in r.read().decode()
        for path in ("/report/abc", "/khong-co-trang-nay"):        # Starlette's own 404: said in Vietnamese
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(server.url + path, timeout=60)
            page = missing.value.read().decode()
            assert missing.value.code == 404 and "Không có trang này." in page and "Not Found" not in page
    finally:
        stop_server(server)


def test_a_file_that_is_no_store_is_refused_before_the_address(tmp_path: Path) -> None:
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"not a database " * 100)
    refused = _serve("--db", f"sqlite:///{bad}", "--data", str(tmp_path / "data"))
    assert refused.returncode == 2 and "không mở được kho dữ liệu" in refused.stderr, refused.stderr
    assert "http://" not in refused.stdout + refused.stderr, "the address is not printed for a server that never ran"
