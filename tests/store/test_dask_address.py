"""A --dask address that cannot name a scheduler is one line at once, in the user's language, and the run
is recorded as failed with that line; Dask itself answered 'garbage' after half a minute with a traceback."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from vanban.cli import main
from vanban.db.models import IngestError, IngestRun

from .helpers import TXT, rows, vanban_command

pytest.importorskip("distributed", reason="the `dask` extra is not installed")

SAID = {  # (address, Vietnamese, English): why each is not an address
    "garbage": ("thiếu số cổng", "no port number"),
    "tcp://10.0.0.5": ("thiếu số cổng", "no port number"),
    "127.0.0.1:99999": ("cổng '99999' không phải số từ 1 đến 65535", "port '99999' is not a number from 1 to 65535"),
    "http://127.0.0.1:8786": ("không biết giao thức 'http'; dùng tcp, tls, ws hoặc wss",
                              "unknown protocol 'http'; use tcp, tls, ws or wss"),
    "nosuchhost.invalid:8786": ("không tìm thấy máy 'nosuchhost.invalid'", "no host named 'nosuchhost.invalid'"),
}
LINE = {"vi": "{address}: không phải địa chỉ của bộ điều phối Dask ({reason}); hãy ghi dạng MÁY:CỔNG hoặc "
              "tcp://MÁY:CỔNG, ví dụ tcp://10.0.0.5:8786",
        "en": "{address}: not the address of a Dask scheduler ({reason}); write it as HOST:PORT or "
              "tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT[0], folder / TXT[0].name)
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_garbage_is_one_line_at_once(store: str, tmp_path: Path, lang: str) -> None:
    folder = _folder(tmp_path)
    began = time.monotonic()
    done = subprocess.run(vanban_command("ingest", str(folder), "--db", store, "--dask", "garbage", "--lang", lang),
                          capture_output=True, text=True, timeout=120)
    assert time.monotonic() - began < 15, "said at once, not after Dask's timeouts"
    line = LINE[lang].format(address="garbage", reason=SAID["garbage"][lang == "en"])
    assert (done.returncode, done.stdout, done.stderr) == (2, "", line + "\n")
    assert rows(store, select(IngestRun.status, IngestRun.executor)) == [("failed", "dask")]
    assert rows(store, select(IngestError.outcome, IngestError.path, IngestError.reason)) == [
        ("failed", str(folder.resolve()), line)]


@pytest.mark.parametrize("address", sorted(SAID))
def test_every_bad_address_says_why(tmp_path: Path, address: str) -> None:
    folder = _folder(tmp_path)
    for lang in ("vi", "en"):
        done = CliRunner().invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / f'{lang}.db'}",
                                         "--dask", address, "--quiet", "--lang", lang])
        line = LINE[lang].format(address=address, reason=SAID[address][lang == "en"])
        assert (done.exit_code, done.stdout, done.stderr) == (2, "", line + "\n"), done.output
