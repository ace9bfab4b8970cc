"""The local worker pool: one file per worker at a time, a time limit per file, a worker replaced when stuck.

`concurrent.futures` cannot stop one task, so this pool keeps a pipe to each worker process and
its start time: a file past `limits.timeout` has its worker killed and replaced, and is recorded
as "took longer than N s"; a worker that dies takes its file with it once (the file is tried
again in a fresh worker, then reported). Work is pulled from `paths` only when a worker is free,
so that a caller's iterator can decide late (claims) what this run extracts.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from vanban.extract.limits import Limits
from vanban.patterns import strings
from vanban.pipeline.worker import serve

CRASHED = strings.reason("crashed")
Result = tuple[str, Any, str | None]


def too_slow(limits: Limits) -> str:
    """Why a file past its time was given up (seconds as `%g`: 2.5, 600), as the store keeps it."""
    return strings.reason("too_slow", seconds=f"{limits.timeout:g}")


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers are forked from a clean server that has the extractor imported,
    # never from this process and its threads (the progress bar, the database pool).
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["vanban.pipeline.warm"])     # the extractor imported and warmed once
    return ctx


def start_server() -> None:
    """Start the fork server now: it imports and warms the extractor (a second or so) while the
    caller walks, hashes and plans, instead of after, when the first worker is wanted."""
    _context()
    forkserver.ensure_running()


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    path: str | None = None
    since: float = field(default=0.0)

    def stop(self, grace: float = 2.0) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.proc.join(grace if self.path is None else 0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class _Pool:
    def __init__(self, workers: int, store: str | None, limits: Limits) -> None:
        self.ctx, self.store, self.limits, self.size = _context(), store, limits, workers
        self.all: list[_Worker] = []

    def spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=serve, args=(child, os.getpid(), self.store, self.limits),
                                name="vanban-worker", daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.all.append(worker)
        return worker

    def discard(self, worker: _Worker) -> None:
        """Kill a stuck or dead worker; a fresh one is forked when there is work for it."""
        worker.proc.kill()
        worker.proc.join(5)
        worker.conn.close()
        self.all.remove(worker)

    def close(self) -> None:
        for worker in self.all:
            worker.stop()
        self.all.clear()


def process_pool(paths: Iterable[str], workers: int, store: str | None, limits: Limits,
                 tick: float | None = None) -> Iterator[Result | None]:
    """Extract in `workers` processes, yielding `(path, extracted, reason)` as files finish.

    A worker is handed its next file before its result is yielded, so that it extracts while the
    caller writes. `tick`: also yield None after waiting this long with nothing finished, so that
    a caller holding results to write together knows that no more are coming soon.
    """
    pool = _Pool(workers, store, limits)
    feed, retry, strikes = iter(paths), deque[str](), Counter[str]()
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    exhausted = False

    def dispatch() -> None:
        nonlocal exhausted
        while (not exhausted or retry) and (idle or len(pool.all) < pool.size):
            path = retry.popleft() if retry else next(feed, None)
            if path is None:
                exhausted = True
                break
            worker = idle.pop() if idle else pool.spawn()
            worker.path, worker.since = path, time.monotonic()
            worker.conn.send(path)
            busy[worker.conn] = worker

    try:
        while True:
            dispatch()
            if not busy:
                return
            first_deadline = min(w.since for w in busy.values()) + limits.timeout
            left = max(0.0, first_deadline - time.monotonic())
            ready = set(wait([*busy, *(w.proc.sentinel for w in busy.values())],
                             timeout=left if tick is None else min(left, tick)))
            if not ready and tick is not None and time.monotonic() < first_deadline:
                yield None
                continue
            now = time.monotonic()
            finished: list[Result] = []
            for conn, worker in list(busy.items()):
                path = worker.path
                assert path is not None
                result: Result | None = None
                if conn in ready or worker.proc.sentinel in ready:
                    try:
                        result = conn.recv() if conn.poll() else None
                    except (EOFError, OSError):
                        result = None
                    if result is None and worker.proc.is_alive() and now - worker.since <= limits.timeout:
                        continue
                elif now - worker.since <= limits.timeout:
                    continue
                del busy[conn]
                worker.path = None
                if result is not None:
                    idle.append(worker)
                    finished.append(result)
                    continue
                stuck = worker.proc.is_alive()
                pool.discard(worker)
                if stuck:                                   # past its time
                    finished.append((path, None, too_slow(limits)))
                else:                                       # died under this file
                    strikes[path] += 1
                    if strikes[path] >= 2:
                        finished.append((path, None, CRASHED))
                    else:
                        retry.append(path)
            dispatch()                                      # the next files start before these are written
            yield from finished
    finally:
        pool.close()
