"""The writer thread of ingest: batches written in order, its error raised in the caller, nothing lost at close."""

from __future__ import annotations

import threading

import pytest

from vanban.db.engine import StoreError
from vanban.patterns import strings
from vanban.pipeline.writer import Writer


def test_batches_are_written_in_order_and_all_before_close_returns() -> None:
    written: list[list[int]] = []
    writer = Writer[int](written.append, depth=1)
    for i in range(50):
        writer.put([i, i + 1])
    writer.put([])                              # nothing to write: not queued
    writer.close()
    assert written == [[i, i + 1] for i in range(50)]
    assert not writer.thread.is_alive()


def test_the_writers_error_is_raised_in_the_caller_and_later_batches_are_not_written() -> None:
    written: list[list[int]] = []
    failed = threading.Event()

    def write(batch: list[int]) -> None:
        if batch == [2]:
            failed.set()
            raise ValueError("the store refused it")
        written.append(batch)

    writer = Writer[int](write)
    writer.put([1])
    writer.put([2])
    failed.wait(10)
    writer.thread.join(0.5)                     # let the thread record the error
    with pytest.raises(ValueError, match="refused"):
        for i in range(3, 100):                 # raised by the next put
            writer.put([i])
    writer.close()                              # the error was raised once: close is clean
    assert written == [[1]]


def test_close_without_check_leaves_the_error_to_the_caller() -> None:
    writer = Writer[int](lambda batch: 1 / 0)
    writer.put([1])
    writer.close(check=False)
    assert isinstance(writer.error, ZeroDivisionError)
    with pytest.raises(ZeroDivisionError):
        writer.close()


def test_the_writer_thread_speaks_the_language_of_the_thread_that_made_it() -> None:
    """A new thread starts with empty ContextVars: without the copied context the writer's messages (and
    "lost the store while writing …", raised from it) would be Vietnamese under `--lang en`."""
    said: list[str] = []

    def write(batch: list[str]) -> None:
        said.append(strings.message("not_a_folder", path=batch[0]))
        raise StoreError(strings.message("store_lost", store="sqlite:///s.db", path=batch[0], reason="disk I/O error"))

    for lang, line in (("en", "lost the store while writing"), ("vi", "kho dữ liệu bị lỗi trong khi ghi")):
        with strings.speaking(lang):
            writer = Writer[str](write)
        with strings.speaking("vi" if lang == "en" else "en"):    # what the caller speaks later does not matter
            writer.put(["a.pdf"])
            with pytest.raises(StoreError, match=line):
                writer.close()
    assert said == ["a.pdf: not a folder", "a.pdf: không phải thư mục"]
