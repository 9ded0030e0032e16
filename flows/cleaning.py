"""Cleaning many documents for the CLI and the flow: parallel, bounded, with an optional progress bar."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cleaners.parallel import DEFAULT_TIMEOUT, Cleaner, clean_many
from cleaners.pipeline import clean_document
from cleaners.read import MAX_PAGE_BYTES
from schemas import Outcome, SourceDocument

PROGRESS_FROM = 50  # show a bar on a terminal only for inputs at least this large


def page_cleaner(max_page_bytes: int = MAX_PAGE_BYTES) -> Cleaner:
    """``clean_document`` with the configured page cap (a partial of a module function: it pickles to workers)."""
    return partial(clean_document, max_page_bytes=max_page_bytes)


def clean_stream(
    docs: Iterable[SourceDocument],
    jobs: int | None = None,
    progress: Console | None = None,
    total: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_page_bytes: int = MAX_PAGE_BYTES,
) -> Iterator[Outcome]:
    """Outcomes in input order; a progress bar on ``progress`` when it is a terminal and the input is large."""
    outcomes = clean_many(docs, jobs=jobs, timeout=timeout, cleaner=page_cleaner(max_page_bytes))
    if progress is None or not progress.is_terminal or (total is not None and total < PROGRESS_FROM):
        yield from outcomes
        return
    columns = (TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=progress, transient=True) as bar:
        task = bar.add_task("clean", total=total)
        for outcome in outcomes:
            bar.advance(task)
            yield outcome
