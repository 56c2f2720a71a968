"""Run one piece of deterministic work on the machine's second core while the caller goes on.

A large handbook's spreadsheets and calendars take about as long as its pages
(benchmarks/README.md), and MkDocs uses one core. The work runs in a forked
child: it sees the loaded model without copying it, and only its result travels
back. Where forking is not safe (no `fork` on the platform, or other threads
running, as under `mkdocs serve`) or the child fails for any reason, the work
simply runs in this process, so the outcome (and any error) is always the one a
plain call gives.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """Work under way; `result()` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._child: multiprocessing.process.BaseProcess | None = None
        self._receiver: Connection | None = None
        if _can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._child = context.Process(target=_run, args=(work, sender), daemon=True)
            self._child.start()
            sender.close()

    def cancel(self) -> None:
        """Stop the child, when the caller fails before it needs the result."""
        if self._child is not None and self._receiver is not None:
            self._child.terminate()
            self._child.join()
            self._receiver.close()
            self._child = self._receiver = None

    def result(self) -> T:
        if self._child is None or self._receiver is None:
            return self._work()
        try:
            outcome: tuple[bool, T] | None = self._receiver.recv()
        except (EOFError, OSError):  # the child died
            outcome = None
        finally:
            self._receiver.close()
            self._child.join()
        if outcome is None or not outcome[0]:
            return (
                self._work()
            )  # here, where an error reaches the caller as it would without a child
        return outcome[1]


def can_fork() -> bool:
    """Whether work would go to a child now (else `Pending` runs it in this process)."""
    return _can_fork()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _run(work: Callable[[], T], sender: Connection) -> None:
    try:
        outcome: tuple[bool, T | None] = (True, work())
    except BaseException:  # noqa: BLE001 - the parent runs the work again and meets the error itself
        outcome = (False, None)
    try:
        sender.send(outcome)
    finally:
        sender.close()
