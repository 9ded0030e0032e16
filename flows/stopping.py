"""Stopping a run on Ctrl-C at a point where it can finish cleanly."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Interrupted(Exception):
    """The run was stopped by Ctrl-C (SIGINT): what landed stays, the rest lands on the next run."""


class StopRequest:
    """Ctrl-C (SIGINT) during a run asks it to stop at the next document instead of raising KeyboardInterrupt
    wherever the flow happens to be (inside a task submission, a transaction): ``checked`` raises ``Interrupted``
    between documents, where the run can finish the landing it started and record itself. A second Ctrl-C stops at
    once."""

    def __init__(self) -> None:
        self.requested = False

    @contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
            yield
            return
        previous = signal.signal(signal.SIGINT, self._request)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    def _request(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def checked(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            if self.requested:
                raise Interrupted
            yield item
        if self.requested:
            raise Interrupted
