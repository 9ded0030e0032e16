"""Ctrl-C asks a run to stop between documents: the first SIGINT sets a flag, the second stops at once."""

from __future__ import annotations

import os
import signal

import pytest

from flows.stopping import Interrupted, StopRequest


def test_sigint_stops_the_stream_at_the_next_item_and_a_second_one_at_once():
    stop, seen = StopRequest(), []
    before = signal.getsignal(signal.SIGINT)
    with stop.installed():
        with pytest.raises(Interrupted):
            for item in stop.checked(range(10)):
                seen.append(item)
                if item == 3:
                    os.kill(os.getpid(), signal.SIGINT)  # delivered before the next bytecode boundary
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert seen == [0, 1, 2, 3]
    assert signal.getsignal(signal.SIGINT) is before


def test_a_stream_that_ends_after_the_request_still_reports_it():
    stop = StopRequest()
    with stop.installed(), pytest.raises(Interrupted):
        for _ in stop.checked([1]):
            os.kill(os.getpid(), signal.SIGINT)
