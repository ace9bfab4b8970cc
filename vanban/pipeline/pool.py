"""The local worker pool: one file per worker at a time, a time limit per file, a worker replaced when stuck.

`concurrent.futures` cannot stop one task, so this pool keeps a pipe to each worker process and
its start time: a file past `limits.timeout` has its worker killed and replaced, and is recorded
as "took longer than N s"; a worker that dies takes its file with it once (the file is tried
again in a fresh worker, then reported). Work is pulled from `paths` only when a worker is free,
so that a caller's iterator can decide late (claims) what this run extracts.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from vanban.extract.limits import Limits
from vanban.patterns import strings
from vanban.pipeline.forks import context
from vanban.pipeline.worker import serve

CRASHED = strings.reason("crashed")
Result = tuple[str, Any, str | None]


def too_slow(limits: Limits) -> str:
    """Why a file past its time was given up (seconds as `%g`: 2.5, 600), as the store keeps it."""
    return strings.reason("too_slow", seconds=f"{limits.timeout:g}")


@dataclass(eq=False)                    # hashed by identity: a set of workers
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
        self.ctx, self.store, self.limits, self.size = context(), store, limits, workers
        self.all: list[_Worker] = []
        # one selector for the run, told of each worker once: multiprocessing's wait() builds and
        # fills a new one on every call, per file a good part of the CPU the pool's loop spends
        self.selector = selectors.DefaultSelector()

    def spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=serve, args=(child, os.getpid(), self.store, self.limits),
                                name="vanban-worker", daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.all.append(worker)
        self.selector.register(parent, selectors.EVENT_READ, (worker, True))
        self.selector.register(proc.sentinel, selectors.EVENT_READ, (worker, False))
        return worker

    def _forget(self, worker: _Worker) -> None:
        for obj in (worker.conn, worker.proc.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(obj)

    def ready(self, timeout: float) -> tuple[set[_Worker], set[_Worker]]:
        """Within `timeout` s: the workers with something to read (a result, or the end of the pipe)
        and those whose process ended."""
        readable: set[_Worker] = set()
        ended: set[_Worker] = set()
        for key, _ in self.selector.select(timeout):
            worker, pipe = key.data
            (readable if pipe else ended).add(worker)
        return readable, ended

    def discard(self, worker: _Worker) -> None:
        """Kill a stuck or dead worker; a fresh one is forked when there is work for it."""
        self._forget(worker)
        worker.proc.kill()
        worker.proc.join(5)
        worker.conn.close()
        self.all.remove(worker)

    def close(self) -> None:
        for worker in self.all:
            self._forget(worker)
            worker.stop()
        self.all.clear()
        self.selector.close()


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
    busy: dict[_Worker, None] = {}          # in the order they were given their file
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
            busy[worker] = None

    try:
        while True:
            dispatch()
            if not busy:
                return
            first_deadline = min(w.since for w in busy) + limits.timeout
            left = max(0.0, first_deadline - time.monotonic())
            readable, ended = pool.ready(left if tick is None else min(left, tick))
            if not (readable or ended) and tick is not None and time.monotonic() < first_deadline:
                yield None
                continue
            for worker in (readable | ended).difference(busy):     # an idle worker that died: replaced
                if worker in idle:                                  # when there is work for it
                    idle.remove(worker)
                pool.discard(worker)
            now = time.monotonic()
            finished: list[Result] = []
            for worker in list(busy):
                path = worker.path
                assert path is not None
                result: Result | None = None
                if worker in readable or worker in ended:
                    try:                # a readable pipe holds a result or its end: no need to poll it first
                        result = worker.conn.recv() if worker in readable or worker.conn.poll() else None
                    except (EOFError, OSError):
                        result = None
                    if result is None and worker.proc.is_alive() and now - worker.since <= limits.timeout:
                        continue
                elif now - worker.since <= limits.timeout:
                    continue
                del busy[worker]
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
