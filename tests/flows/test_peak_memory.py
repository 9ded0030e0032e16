"""flows.peak_memory: the peak of a process tree, its children included."""

from __future__ import annotations

import subprocess
import sys

from flows.peak_memory import PeakRSS


def test_a_child_holding_memory_counts_in_the_peak():
    code = "import time; block = bytearray(200_000_000); time.sleep(1.5)"
    with PeakRSS() as alone:
        pass
    with PeakRSS() as tree:
        subprocess.run([sys.executable, "-c", code], check=True)
    assert tree.peak_pss > alone.peak_pss + 150_000_000 and tree.peak >= tree.peak_pss
    assert tree.cpu_seconds() > 0 and len(tree.quarters_mb()) == 4
