"""Sharing a folder with the ingests running at the same time: claim before extracting, wait on the others.

`Feed` hands the pool one file at a time, each only once this run holds its claim (by content
hash and format, `File.key`, in the store), so that concurrent runs, on one machine or many, split the files between
them as their workers free up. A file another run holds waits in `waiting` until that run
stores it (this run links its path), fails it (this run records the same reason) or dies (its
claim expires and this run takes it). `Heartbeat` keeps this run's claims alive.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from vanban.db import claims
from vanban.db.transaction import in_transaction
from vanban.patterns import strings
from vanban.pipeline.scan import File


class Feed:
    """The files left to extract, claimed lazily; iterating yields the paths this run is to extract.

    Claims are taken `ahead` files at a time, in one short transaction: one each would cost the
    writer a commit per file, and on SQLite each claim waits for the write lock the writer thread
    may hold, while a worker waits for its next file (4 at a time: 5 % longer runs than 16, on
    1,000 documents and 2 workers; 32 halves the claims' transactions again, CPU the main process
    takes from the workers at 2 workers). The files held ahead delay no other run for long: they go
    to this run's workers next (32 files: about a second of 2 workers).
    """

    def __init__(self, engine: Engine, run_id: int, started: float, files: Iterable[File], ahead: int = 32) -> None:
        self.engine, self.run_id, self.started, self.ahead = engine, run_id, started, max(1, ahead)
        self.todo: deque[File] = deque(files)
        self.waiting: dict[str, File] = {}

    def __iter__(self) -> Iterator[str]:
        while self.todo:
            batch = [self.todo.popleft() for _ in range(min(self.ahead, len(self.todo)))]
            held = in_transaction(self.engine, claims.claim_many, [f.key for f in batch], self.run_id,
                                  self.started)
            for f in batch:
                if f.key in held:
                    yield f.path
                else:
                    self.waiting[f.key] = f

    def settle(self) -> tuple[list[File], list[tuple[File, str]]]:
        """Of the files waiting: those another run stored, those it failed (with why); expired ones back to `todo`."""
        states = in_transaction(self.engine, claims.outcomes, list(self.waiting))
        now = time.time()
        stored: list[File] = []
        failed: list[tuple[File, str]] = []
        for key, f in list(self.waiting.items()):
            state, reason, expires = states.get(key, ("gone", None, 0.0))
            if state == "claimed" and expires >= now:
                continue
            del self.waiting[key]
            if state == "stored":
                stored.append(f)
            elif state == "failed" and expires >= self.started:
                failed.append((f, reason or strings.reason("failed_elsewhere")))
            else:
                self.todo.append(f)
        return stored, failed


class Heartbeat:
    """Renews this run's claims and beat every `claims.BEAT` seconds, in a thread, until stopped."""

    def __init__(self, engine: Engine, run_id: int, every: float = claims.BEAT) -> None:
        self.engine, self.run_id, self.every = engine, run_id, every
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="vanban-heartbeat", daemon=True)

    def _loop(self) -> None:
        while not self.done.wait(self.every):
            with contextlib.suppress(DBAPIError):           # a missed beat is caught up by the next
                in_transaction(self.engine, claims.beat, self.run_id)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join(10)
