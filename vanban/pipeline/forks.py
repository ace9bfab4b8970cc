"""The fork server of the worker pool, in a module that imports nothing of the extractor or the store.

The server imports and warms the extractor (`vanban.pipeline.warm`, about a second) before it can
fork the first worker. Started by `vanban ingest` before the command imports the store and the
pipeline, it does that while they are imported, instead of after.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import BaseContext


def context() -> BaseContext:
    """The workers' context: forked from a clean server that has the extractor imported, never from
    the ingest and its threads (the progress bar, the database pool, the writer)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["vanban.pipeline.warm"])     # the extractor imported and warmed once
    return ctx


def start_server() -> None:
    """Start the fork server now (a no-op when it runs), so that it warms while the caller works."""
    context()
    forkserver.ensure_running()
