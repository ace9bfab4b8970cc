"""A worker process of the local pool: it dies with its parent, within its memory, one file at a time.

Workers are forked by multiprocessing's fork server, which ends when the ingest ends, however it
ends; each worker asks the kernel for SIGKILL when that parent goes (PR_SET_PDEATHSIG) and also
watches the ingest's own process, so that no worker outlives an ingest killed by any signal.
Ctrl-C is the ingest's to handle (between two files), not the workers'.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import threading
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from vanban.db.light import alive  # not runs: no SQLAlchemy in a worker

if TYPE_CHECKING:
    from vanban.extract.limits import Limits

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """SIGKILL this process when its parent process ends (Linux; elsewhere the watcher thread does it)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def watch(pid: int, every: float = 0.5) -> None:
    """End this process at once when process `pid` (the ingest) is gone."""
    def loop() -> None:
        while alive(pid):
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=loop, name="watch-ingest", daemon=True).start()


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space: a file that needs more fails with MemoryError instead of the machine."""
    if megabytes > 0:
        size = megabytes << 20
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (size, size))


def serve(conn: Connection, ingest_pid: int, store: str | None, limits: Limits) -> None:
    """The worker's loop: a path in, its result out, until the pool sends None or goes away."""
    from vanban.pipeline.executors import extract_one

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch(ingest_pid)
    limit_memory(limits.memory_mb)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        conn.send(extract_one(path, store, limits))
