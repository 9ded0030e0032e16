"""The benchmarks' pages are scored in a process pool: cleaning is CPU-bound and each page stands alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def map_pages(work: Callable[[Task], Result], tasks: Iterable[Task], jobs: int) -> list[Result]:
    """``work`` over ``tasks`` in ``jobs`` processes, results in the order of the tasks (``work`` and each task
    must pickle: a module-level function and plain data)."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(work, tasks, chunksize=4))
