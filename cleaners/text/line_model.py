"""The line model: gradient-boosted trees that decide, line by line, what of a plain-text page is content.

The rules (cleaners.text.extract.read_page) read the page first; their verdicts are among the model's inputs
(cleaners.text.line_features), so the model learns where to trust them: it widens the kept text over a listing's
items or a forum's posts and drops the menus, link lists and teasers the span took in. One prediction per page.

A line the model removes keeps the kind and reason the rules gave it (paywall, newsletter, share bar, outside the
main span ...); a line only the model removes is ``other``, with its keep score and what it looks like. The model is
trained by ``newsdistill train text`` (cleaners.learn.text_training) and shipped as ``cleaners/models/text_lines.txt``.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from cleaners.learn.booster import MODELS, predict
from cleaners.text.line_features import describe, line_vectors
from cleaners.types import CONTENT

if TYPE_CHECKING:
    from cleaners.text.extract import Reading

MODEL = "text_lines"
THRESHOLD = 0.4  # keep score at or above which a line is content (page word F1 on the tune split: best of 0.3-0.8)


def shipped() -> bool:
    """Whether the model file is there (a checkout that has not trained it yet runs on the rules alone)."""
    return resources.files(MODELS).joinpath(f"{MODEL}.txt").is_file()


def decide(reading: Reading, threshold: float = THRESHOLD) -> None:
    """Relabel the reading's blocks by the model's keep scores."""
    vectors = line_vectors(reading)
    for block, vector, score in zip(reading.blocks, vectors, predict(MODEL, vectors), strict=True):
        if score >= threshold:
            block.kind, block.reason = CONTENT, ""
        elif block.kind == CONTENT:
            block.kind, block.reason = "other", f"line model: keep score {score:.2f} ({describe(vector)})"
