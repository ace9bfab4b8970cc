"""Answers of the question functions kept until the store changes, so that a page costs its rendering only.

At 1,000 reports a question takes 0.2–1 s (`flags`, `directives`, `matrix`); viewers ask the same few
again and again. An answer is kept under the store's stamp — the newest stored file, flag and finished
ingest run — which any ingest (upload or CLI, any process) moves, so nothing stale is ever shown. One
request computes a missing answer while the others asking for it wait for that one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from vanban.db.models import Flag, IngestRun, SourceFile


def stamp(engine: Engine) -> tuple[Any, ...]:
    """What changes whenever the store's answers may: three indexed maxima, about a millisecond."""
    with engine.connect() as conn:
        return tuple(conn.execute(select(
            select(func.max(SourceFile.id)).scalar_subquery(),
            select(func.max(Flag.id)).scalar_subquery(),
            select(func.max(IngestRun.id)).scalar_subquery(),
            select(func.max(IngestRun.finished_at)).scalar_subquery())).one())


class Answers:
    def __init__(self, engine: Engine, size: int = 128) -> None:
        self.engine, self.size = engine, size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.locks: dict[Hashable, threading.Lock] = {}
        self.lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer for `key` at the store's current stamp; a frame as a copy, so that a page may change it."""
        key = (key, stamp(self.engine))
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return _copy(self.items[key])
            one = self.locks.setdefault(key, threading.Lock())
        with one:
            with self.lock:
                if key in self.items:
                    return _copy(self.items[key])
            answer = compute()
            with self.lock:
                self.items[key] = answer
                self.locks.pop(key, None)
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
        return _copy(answer)


def _copy(answer: Any) -> Any:
    return answer.copy() if isinstance(answer, pd.DataFrame) else answer
