"""The processes of a command under test, found by a tag in their environment (workers, fork server, trackers)."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from pathlib import Path

TAG = "VANBAN_TEST_TAG"


def tagged_env() -> tuple[dict[str, str], str]:
    """An environment whose every descendant process can be found again, and its tag."""
    tag = uuid.uuid4().hex
    return {**os.environ, TAG: tag}, tag


def tagged(tag: str) -> list[int]:
    """The live processes carrying `tag` (zombies are dead already: not counted)."""
    needle = f"{TAG}={tag}".encode()
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if needle in (proc / "environ").read_bytes().split(b"\0"):
                state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    out.append(int(proc.name))
    return out


def wait_gone(tag: str, within: float = 10.0) -> list[int]:
    """Poll until no process carries `tag`, up to `within` seconds; those left."""
    deadline = time.monotonic() + within
    while (left := tagged(tag)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
