"""Scoring ``body_markdown`` against WCXB's Markdown ground truth: structure and words.

Structure: the headings and the list items of each side, each read as its lower-cased words (links as their text,
emphasis and markers dropped), matched as multisets; precision and recall are micro-averaged over a page type
(matched / predicted, matched / expected). Words: WCXB's word F1 between the two Markdown texts with links read
as their text (so link targets do not count as words), macro-averaged over pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cleaners.evaluation.metrics import word_scores
from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import SHIPPED
from cleaners.text.shapes import markdown_as_text

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+)$")
_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+(.+)$")
_WORD = re.compile(r"\w+")
STRUCTURES = ("headings", "items")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(markdown_as_text(text).lower()))


def structure(markdown: str) -> dict[str, Counter]:
    """The headings and list items of a Markdown text, as multisets of their words."""
    found: dict[str, Counter] = {name: Counter() for name in STRUCTURES}
    for line in (markdown or "").splitlines():
        if match := _HEADING.match(line):
            found["headings"][_key(match.group(1))] += 1
        elif match := _ITEM.match(line):
            found["items"][_key(match.group(1))] += 1
    for counter in found.values():
        counter.pop("", None)
    return found


@dataclass
class MarkdownScore:
    page_type: str
    matched: dict[str, int]
    predicted: dict[str, int]
    expected: dict[str, int]
    word_f1: float


def score_markdown(page_type: str, predicted: str, truth: str) -> MarkdownScore:
    ours, true = structure(predicted), structure(truth)
    matched = {name: sum((ours[name] & true[name]).values()) for name in STRUCTURES}
    words = word_scores("", markdown_as_text(predicted), markdown_as_text(truth)).f1
    return MarkdownScore(
        page_type,
        matched,
        {n: sum(ours[n].values()) for n in STRUCTURES},
        {n: sum(true[n].values()) for n in STRUCTURES},
        words,
    )


@dataclass
class MarkdownRow:
    page_type: str
    pages: int
    precision: dict[str, float | None] = field(default_factory=dict)  # None: nothing predicted
    recall: dict[str, float | None] = field(default_factory=dict)  # None: nothing expected
    word_f1: float = 0.0


def _row(page_type: str, scores: list[MarkdownScore]) -> MarkdownRow:
    row = MarkdownRow(page_type, len(scores), word_f1=sum(s.word_f1 for s in scores) / len(scores))
    for name in STRUCTURES:
        matched = sum(s.matched[name] for s in scores)
        predicted, expected = sum(s.predicted[name] for s in scores), sum(s.expected[name] for s in scores)
        row.precision[name] = matched / predicted if predicted else None
        row.recall[name] = matched / expected if expected else None
    return row


def _task(args: tuple[str, str, object, Path | None]) -> MarkdownScore:
    from cleaners.evaluation.wcxb import clean, page_text

    path, renderer, page, cache = args
    record = clean(page, path, page_text(page, renderer, cache) if path == "text" else None)
    return score_markdown(page.page_type, record.body_markdown if record is not None else "", page.markdown)


def run_markdown(
    path: str = "html",
    root: Path | None = None,
    split: str = "holdout",
    renderer: str = SHIPPED,
    jobs: int = 2,
    cache: Path | None = None,
) -> list[MarkdownRow]:
    """One row for all pages, then one per page type (WCXB in the folder ``root``)."""
    from cleaners.evaluation.wcxb import load_wcxb

    pages = load_wcxb(root, split)
    scores = map_pages(_task, [(path, renderer, page, cache) for page in pages], jobs)
    types = sorted({s.page_type for s in scores})
    return [_row("all", scores), *(_row(t, [s for s in scores if s.page_type == t]) for t in types)]
