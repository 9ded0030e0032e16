"""Cleaning many documents for the CLI and the flow: parallel, bounded, with an optional progress bar."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cleaners.parallel import clean_many
from schemas import Outcome, SourceDocument

PROGRESS_FROM = 50  # show a bar on a terminal only for inputs at least this large


def clean_stream(
    docs: Iterable[SourceDocument], jobs: int | None = None, progress: Console | None = None, total: int | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order; a progress bar on ``progress`` when it is a terminal and the input is large."""
    outcomes = clean_many(docs, jobs=jobs)
    if progress is None or not progress.is_terminal or (total is not None and total < PROGRESS_FROM):
        yield from outcomes
        return
    columns = (TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=progress, transient=True) as bar:
        task = bar.add_task("clean", total=total)
        for outcome in outcomes:
            bar.advance(task)
            yield outcome
