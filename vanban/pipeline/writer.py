"""The writer thread of an ingest: batches of results are written while the pool keeps the workers fed.

Written in the loop that hands out files, a batch kept that loop busy for its whole transaction
(on PostgreSQL mostly waiting on the server), and a worker that finished meanwhile sat idle
until it was given its next file: with two workers, a good part of the run. Here the loop only
queues each batch; one thread writes them, in order, one transaction each, as before. At most
`depth` batches wait, so that memory stays bounded when the store is slower than extraction.

The thread runs in a copy of the context of the thread that made the Writer: a new thread does not
inherit the caller's ContextVars (3.11–3.13; 3.14 only on free-threaded builds), yet what it reports
and raises (a failed file's line, "lost the store while writing …") must speak the command's `--lang`.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()


class Writer(Generic[T]):
    """`write(batch)` for each batch `put`, in a thread of its own; its first error is raised in the caller."""

    def __init__(self, write: Callable[[list[T]], None], depth: int = 2) -> None:
        self.write = write
        self.queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.context = contextvars.copy_context()       # the caller's language (strings.speaking) among them
        self.thread = threading.Thread(target=self.context.run, args=(self._loop,), name="vanban-writer",
                                       daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            batch = self.queue.get()
            if batch is _END:
                return
            if self.error is None:              # after an error, batches are only drained
                try:
                    self.write(batch)           # type: ignore[arg-type]
                except BaseException as err:    # raised again in the caller, by put or close
                    self.error = err

    def _raise(self) -> None:
        if self.error is not None:
            err, self.error = self.error, None
            raise err

    def put(self, batch: list[T]) -> None:
        """Queue a batch (waiting while `depth` are queued); raises the writer's error, if any."""
        self._raise()
        if not batch:
            return
        while True:
            try:
                self.queue.put(batch, timeout=0.1)
                return
            except queue.Full:
                if not self.thread.is_alive():
                    raise RuntimeError("the writer thread is gone") from None

    def close(self, *, check: bool = True) -> None:
        """Write what is queued and end the thread; `check`: raise the writer's error, if any."""
        if self.thread.is_alive():
            self.queue.put(_END)
            self.thread.join()
        if check:
            self._raise()
