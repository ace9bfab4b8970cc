"""The writer thread of ingest: batches written in order, its error raised in the caller, nothing lost at close."""

from __future__ import annotations

import threading

import pytest

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
