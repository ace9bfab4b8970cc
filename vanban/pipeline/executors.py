"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

Each way yields `(path, extracted, reason)` as files finish, with a bounded number in flight so
that memory stays flat on a folder of thousands. A worker extracts and identifies (unit and
directive keys); writes stay with the caller, one process, so that the store sees the same
single writer whichever way extraction ran, and that writer only writes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from vanban.db.rows import Prepared
from vanban.extract.limits import DEFAULT, Limits
from vanban.patterns import strings
from vanban.pipeline.forks import start_server
from vanban.pipeline.pool import CRASHED, process_pool, too_slow

__all__ = ["CRASHED", "Extracted", "Result", "check_dask", "dask_cluster", "extract_one", "inline", "process_pool",
           "start_server"]

Extracted = Prepared    # a file's record, its keys and its rows, as a worker hands them to the writer
Result = tuple[str, Extracted | None, str | None]


def extract_one(path: str, store: str | None = None, limits: Limits = DEFAULT) -> Result:
    """Extract and identify one file, and prepare its rows for the writer (`db.rows`: the single writer
    only adds ids); a file that cannot be read is a reason, never an exception.

    `store`: the store's URL, whose OCR page cache the worker reads and fills.
    """
    from vanban.db.rows import prepare
    from vanban.extract.model import ReadError
    from vanban.extract.ocr_cache import Ocr
    from vanban.extract.record import extract_file
    from vanban.identity.keys import identify

    ocr = None
    if store:
        from vanban.db.ocr_cache import StoreCache

        ocr = Ocr(cache=StoreCache(store))
    try:
        record = extract_file(path, ocr=ocr, limits=limits)
        return path, prepare(record, identify(record)), None
    except ReadError as err:
        return path, None, err.reason
    except MemoryError:
        return path, None, strings.reason("out_of_memory", limit=limits.memory_mb)
    except RecursionError:
        return path, None, strings.reason("too_deep")
    except Exception as err:                # one bad file must not stop a batch
        return path, None, strings.reason("internal_error", error=f"{type(err).__name__}: {err}")


def inline(paths: Iterable[str], store: str | None = None, limits: Limits = DEFAULT) -> Iterator[Result]:
    """In this process: no time or memory limit can be enforced here (use workers for that)."""
    for p in paths:
        yield extract_one(p, store, limits)


def dask_cluster(paths: Iterable[str], address: str, store: str | None = None,
                 limits: Limits = DEFAULT) -> Iterator[Result]:
    """Extract on the Dask cluster at `address`; its workers must see the files at the same paths.

    Files are taken from `paths` as the window frees up. A file past `limits.timeout` is recorded
    as too slow and its task cancelled (a Dask thread cannot be killed: it runs on, but the
    ingest does not wait for it).
    """
    from vanban.db.engine import StoreError  # here: a worker imports this module, and no SQLAlchemy

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise StoreError(strings.message("dask_missing")) from None
    try:
        client = Client(address, timeout="15s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise StoreError(strings.message("dask_unreachable", address=address, error=err)) from None
    try:
        window = max(2, sum(client.nthreads().values()))
        feed = iter(paths)
        by_key: dict[str, tuple[str, float]] = {}

        def submit() -> Any:
            p = next(feed, None)
            if p is None:
                return None
            fut = client.submit(extract_one, p, store, limits, pure=False)
            by_key[fut.key] = (p, time.monotonic())
            return fut

        first = [f for f in (submit() for _ in range(window)) if f is not None]
        running = as_completed(first, loop=client.loop, with_results=False)
        while by_key:
            fut = _next_done(running, by_key, limits.timeout)
            if fut is None:                 # the oldest is past its time
                key = min(by_key, key=lambda k: by_key[k][1])
                p, _ = by_key.pop(key)
                client.cancel([key], force=True)
                yield p, None, too_slow(limits)
            else:
                p, _ = by_key.pop(fut.key)
                try:
                    yield fut.result()
                except Exception as err:    # a lost worker fails its file, not the batch
                    yield p, None, strings.reason("dask_failed", error=f"{type(err).__name__}: {err}")
                finally:
                    fut.release()
            nxt = submit()
            if nxt is not None:
                running.add(nxt)
    finally:
        client.close()


_SCHEMES = ("tcp", "tls", "ws", "wss")      # what a scheduler can be reached by from another process


def check_dask(address: str) -> None:
    """Refuse at once, in one line, an address that cannot name a scheduler (no port, an unknown protocol
    or host): Dask itself answers those with a traceback after half a minute. Reaching it is tried later."""
    import socket

    from vanban.db.engine import StoreError

    try:
        import distributed  # noqa: F401 - only whether it is installed
    except ImportError:
        raise StoreError(strings.message("dask_missing")) from None
    scheme, _, rest = address.strip().rpartition("://")
    host, colon, port = rest.rpartition(":")
    if rest.startswith("[") and "]" in rest:                     # [::1]:8786
        host, colon, port = rest[1:].partition("]")[0], *rest.partition("]")[2].partition(":")[1:]
    reason = None
    if (scheme or "tcp") not in _SCHEMES:
        reason = strings.message("dask_bad_scheme", scheme=scheme)
    elif not colon:
        reason = strings.message("dask_no_port")
    elif not port.isdigit() or not 0 < int(port) < 65536:
        reason = strings.message("dask_bad_port", port=port)
    elif not host:
        reason = strings.message("dask_no_host")
    else:
        try:
            socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            reason = strings.message("dask_unknown_host", host=host)
    if reason is not None:
        raise StoreError(strings.message("dask_bad_address", address=address, reason=reason))


def _next_done(running: Any, by_key: dict[str, tuple[str, float]], timeout: float) -> Any:
    """The next finished future, or None once the oldest running one is past `timeout`."""
    oldest = min(t for _, t in by_key.values())
    while True:
        done = running.next_batch(block=False) if running.has_ready() else []
        if done:
            first, *rest = done
            for fut in rest:                # put back what is not taken now
                running.add(fut)
            return first
        if time.monotonic() - oldest > timeout:
            return None
        time.sleep(0.05)
