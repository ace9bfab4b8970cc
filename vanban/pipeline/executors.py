"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

Each way yields `(path, extracted, reason)` as files finish, with a bounded number in flight so
that memory stays flat on a folder of thousands. A worker extracts and identifies (unit and
directive keys); writes stay with the caller, one process, so that the store sees the same
single writer whichever way extraction ran, and that writer only writes.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vanban.db.engine import StoreError

if TYPE_CHECKING:
    from vanban.identity.keys import Identity


@dataclass
class Extracted:
    """A file's record and its keys, as a worker hands them to the writer."""

    record: dict[str, Any]
    identity: Identity


Result = tuple[str, Extracted | None, str | None]
CRASHED = "the reader crashed on this file (its worker process died); please report it"


def extract_one(path: str, store: str | None = None) -> Result:
    """Extract and identify one file; a file that cannot be read is a reason, never an exception.

    `store`: the store's URL, whose OCR page cache the worker reads and fills.
    """
    from vanban.extract.model import ReadError
    from vanban.extract.ocr_cache import Ocr
    from vanban.extract.record import extract_file
    from vanban.identity.keys import identify

    ocr = None
    if store:
        from vanban.db.ocr_cache import StoreCache

        ocr = Ocr(cache=StoreCache(store))
    try:
        record = extract_file(path, ocr=ocr)
        return path, Extracted(record, identify(record)), None
    except ReadError as err:
        return path, None, err.reason
    except Exception as err:                # one bad file must not stop a batch
        return path, None, f"internal error ({type(err).__name__}: {err}); please report it"


def inline(paths: list[str], store: str | None = None) -> Iterator[Result]:
    for p in paths:
        yield extract_one(p, store)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch between two files."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers are forked from a clean server that has the extractor imported,
    # never from this process and its threads (the progress bar, the database pool).
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["vanban.extract.record", "vanban.identity.keys"])
    return ctx


def process_pool(paths: list[str], workers: int, store: str | None = None) -> Iterator[Result]:
    """Extract in `workers` processes; a file that kills its worker twice is reported, not retried."""
    pending, strikes = deque(paths), Counter[str]()
    window = workers * 2
    while pending:
        pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_quiet_worker)
        inflight: dict[Future[Result], str] = {}
        broken: list[str] = []
        try:
            while (pending or inflight) and not broken:
                while pending and len(inflight) < window:
                    p = pending.popleft()
                    inflight[pool.submit(extract_one, p, store)] = p
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in done:
                    p = inflight.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        broken.append(p)
                        continue
                    yield result
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        for p in [*broken, *inflight.values()]:
            strikes[p] += 1
            if strikes[p] >= 2:
                yield p, None, CRASHED
            else:
                pending.appendleft(p)


def dask_cluster(paths: list[str], address: str, store: str | None = None) -> Iterator[Result]:
    """Extract on the Dask cluster at `address`; its workers must see the files at the same paths."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise StoreError("--dask needs Dask distributed: pip install 'vanban[dask]'") from None
    try:
        client = Client(address, timeout="15s", set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise StoreError(f"{address}: cannot reach the Dask scheduler ({err})") from None
    try:
        window = max(2, 2 * sum(client.nthreads().values()))
        pending = deque(paths)
        by_key: dict[str, str] = {}

        def submit() -> Any:
            p = pending.popleft()
            fut = client.submit(extract_one, p, store, pure=False)
            by_key[fut.key] = p
            return fut

        running = as_completed([submit() for _ in range(min(window, len(pending)))], loop=client.loop)
        for fut in running:
            p = by_key.pop(fut.key)
            try:
                yield fut.result()
            except Exception as err:        # a lost worker fails its file, not the batch
                yield p, None, f"the Dask worker failed on this file ({type(err).__name__}: {err})"
            finally:
                fut.release()
            if pending:
                running.add(submit())
    finally:
        client.close()
