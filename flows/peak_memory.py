"""Peak memory of a process tree, sampled in a thread while it runs (for the benchmarks)."""

from __future__ import annotations

import threading
from contextlib import suppress

import psutil


class PeakRSS:
    """Peak memory of this process (or of ``root``, e.g. a command it started) plus all its children, sampled every
    200 ms in a thread: the sum of their RSS (counts pages the processes share, e.g. the cleaners forked from one
    server, once per process) and the sum of their PSS (each shared page split between its sharers: what the run
    really occupies). The PSS samples are kept, so a run can show whether its memory stays flat. The CPU seconds
    of each process seen are kept too (``cpu_seconds``): a command's workers may be children of a process it never
    waits for (a fork server), whose time the command's own resource usage does not include."""

    def __init__(self, root: psutil.Process | None = None) -> None:
        self.root = root or psutil.Process()
        self.peak = self.peak_pss = 0
        self.samples: list[int] = []  # summed PSS, one per sample
        self._cpu: dict[int, float] = {}  # pid -> its latest user + system seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:  # a command that has just ended
            return
        rss = pss = 0
        for process in processes:
            with suppress(psutil.Error):
                info = process.memory_full_info()
                rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
                times = process.cpu_times()
                self._cpu[process.pid] = times.user + times.system
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
        self.samples.append(pss)

    def cpu_seconds(self) -> float:
        """CPU seconds of every process seen in the tree, as last sampled (a process living under 200 ms is missed)."""
        return sum(self._cpu.values())

    def quarters_mb(self) -> list[float]:
        """Peak PSS in each quarter of the run (flat memory: the last quarter is no higher than the second)."""
        n = len(self.samples)
        return (
            [round(max(self.samples[n * q // 4 : max(n * (q + 1) // 4, n * q // 4 + 1)]) / 1e6, 1) for q in range(4)]
            if n
            else []
        )

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.2)

    def __enter__(self) -> PeakRSS:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
