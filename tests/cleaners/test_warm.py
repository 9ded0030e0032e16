"""cleaners.warm: importing it (as the cleaning pool's fork server does) loads what the cleaners load lazily."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

PROBE = """
import time
from cleaners.rules import matcher_for
from cleaners.text.extract import KIND_ORDER
start = time.perf_counter()
import cleaners.warm
warm = time.perf_counter() - start
print(matcher_for.cache_info().currsize)
start = time.perf_counter()
matcher_for(None, KIND_ORDER)
print(time.perf_counter() - start < 0.01)
"""


def test_importing_warm_builds_the_lexicon_matchers_once() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    built, cached = done.stdout.split()
    assert int(built) >= 2 and cached == "True"
