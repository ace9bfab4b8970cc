"""The local worker pool: a file at a time per worker (and one queued), a time limit per file, a worker
replaced when stuck.

`concurrent.futures` cannot stop one task, so this pool keeps a pipe to each worker process and
its start time: a file past `limits.timeout` has its worker killed and replaced, and is recorded
as "took longer than N s"; a worker that dies takes its file with it once (the file is tried
again in a fresh worker, then reported); a file queued behind either goes to another worker.
Work is pulled from `paths` only when a worker is free or about to be, so that a caller's
iterator can decide late (claims) what this run extracts."""

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
# A worker whose last file took less than this many seconds is handed its next one while it reads the
# current one, so that it starts it at once instead of waiting for this process to see its result
# (busy writing, it can take milliseconds: a few per cent of a text report's time). Not after a slow
# file (OCR): near the end of a run, a file queued behind a slow one would wait while a worker idles.
_AHEAD = 1.0


def too_slow(limits: Limits) -> str:
    """Why a file past its time was given up (seconds as `%g`: 2.5, 600), as the store keeps it."""
    return strings.reason("too_slow", seconds=f"{limits.timeout:g}")


@dataclass(eq=False)                    # hashed by identity: a set of workers
class _Worker:
    proc: BaseProcess
    conn: Connection
    paths: deque[str] = field(default_factory=deque)     # handed to it, in order: it reads the first
    since: float = 0.0                  # when it began the first
    last: float | None = None           # seconds its last file took, once it has finished one

    def hand(self, path: str) -> None:
        if not self.paths:
            self.since = time.monotonic()
        self.paths.append(path)
        self.conn.send(path)

    def ahead(self) -> bool:
        """Whether it may be handed a second file now: it reads one, and its last one was quick."""
        return len(self.paths) == 1 and self.last is not None and self.last < _AHEAD

    def stop(self, grace: float = 2.0) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.proc.join(grace if not self.paths else 0)
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

    A worker is handed its next file before its result is yielded (and, after a quick file, before it
    has finished the current one: `_AHEAD`), so that it extracts while the caller writes. `tick`: also
    yield None after waiting this long with nothing finished, so that a caller holding results to
    write together knows that no more are coming soon.
    """
    pool = _Pool(workers, store, limits)
    feed, retry, strikes = iter(paths), deque[str](), Counter[str]()
    exhausted = False

    def free() -> _Worker | None:
        """An idle worker, else (when the pool is full) one that may be handed a file ahead."""
        idle = next((w for w in pool.all if not w.paths), None)
        if idle is not None or len(pool.all) < pool.size:
            return idle
        return next((w for w in pool.all if w.ahead()), None)

    def dispatch() -> None:
        nonlocal exhausted
        while not exhausted or retry:
            worker = free()
            if worker is None and len(pool.all) >= pool.size:
                break                                   # every worker busy and none may take one ahead
            path = retry.popleft() if retry else next(feed, None)
            if path is None:
                exhausted = True
                break
            (worker or pool.spawn()).hand(path)        # a new worker only once there is a file for it

    def give_up(worker: _Worker) -> list[Result]:
        """A worker stuck past its time or dead: its file failed (or is tried once more), the files
        queued behind it go back to be handed out first."""
        path = worker.paths.popleft()
        retry.extendleft(reversed(worker.paths))
        worker.paths.clear()
        stuck = worker.proc.is_alive()
        pool.discard(worker)
        if stuck:                                       # past its time
            return [(path, None, too_slow(limits))]
        strikes[path] += 1                              # died under this file
        if strikes[path] >= 2:
            return [(path, None, CRASHED)]
        retry.appendleft(path)
        return []

    try:
        while True:
            dispatch()
            busy = [w for w in pool.all if w.paths]
            if not busy:
                return
            first_deadline = min(w.since for w in busy) + limits.timeout
            left = max(0.0, first_deadline - time.monotonic())
            readable, ended = pool.ready(left if tick is None else min(left, tick))
            if not (readable or ended) and tick is not None and time.monotonic() < first_deadline:
                yield None
                continue
            for worker in (readable | ended).difference(busy):     # an idle worker that died: replaced
                pool.discard(worker)                                # when there is work for it
            now = time.monotonic()
            finished: list[Result] = []
            for worker in busy:
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
                if result is None:
                    finished += give_up(worker)
                    continue
                worker.paths.popleft()
                worker.last, worker.since = now - worker.since, now      # it has begun the next, if any
                finished.append(result)
            dispatch()                                      # the next files start before these are written
            yield from finished
    finally:
        pool.close()
