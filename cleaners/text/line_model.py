"""The line model: gradient-boosted trees that decide, line by line, what of a plain-text page is content.

The rules (cleaners.text.extract.read_page) read the page first; their verdicts are among the model's inputs
(cleaners.text.line_features), so the model learns where to trust them: it widens the kept text over a listing's
items or a forum's posts and drops the menus, link lists and teasers the span took in. One prediction per page.

A line the rules identified as boilerplate stays removed: a lexicon hit (paywall, newsletter, share bar ...), the
headline, a metadata stamp, a caption, a teaser, a line in a section a lexicon header opened below the article, a
repeat. The model decides the rest: it may remove any line the rules kept (as ``other``, with its keep score and what
the line looks like) and keep a line the rules removed for its place alone (below the main span, or above it but under
the headline: what stands above the headline is the site's, not the page's). On the tune split, leaving the
identified lines to the rules costs 0.001 of page word F1 and keeps every seed as expected.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from cleaners.learn.booster import MODELS, predict
from cleaners.text.line_features import describe, line_vectors
from cleaners.text.span import ABOVE_SPAN, BELOW_SPAN
from cleaners.types import CONTENT

if TYPE_CHECKING:
    from cleaners.text.extract import Reading

MODEL = "text_lines"
PLACE_ALONE = frozenset({ABOVE_SPAN, BELOW_SPAN})  # the rules' reasons that the model may overrule
# The model removes a line the rules kept below DROP_BELOW and keeps a line they removed for its place at RESTORE_AT
# or above. Grouped cross-check on the tune splits: WCXB page word F1 0.826 / 0.818 / 0.812 at RESTORE_AT 0.4 / 0.6 /
# 0.7 (rules 0.787); on AEB's news articles restoring lines costs precision (shingle F1 0.952 / 0.957 / 0.958, rules
# 0.961): 0.6 is the lowest within 0.005 of the rules there.
DROP_BELOW = 0.3
RESTORE_AT = 0.6


@cache
def shipped() -> bool:
    """Whether the model file is there (a checkout that has not trained it yet runs on the rules alone); looked up
    once per process, not once per page."""
    return resources.files(MODELS).joinpath(f"{MODEL}.txt").is_file()


def restorable(reading: Reading) -> list[bool]:
    """Per line, whether the rules removed it for its place alone, under the headline (the model may keep it)."""
    first = reading.header.title + 1 if reading.header.title is not None else 0  # lines above the headline stay out
    return [i >= first and b.reason in PLACE_ALONE for i, b in enumerate(reading.blocks)]


def keeps(
    kept: list[bool],
    open_: list[bool],
    scores: list[float],
    drop_below: float = DROP_BELOW,
    restore_at: float = RESTORE_AT,
) -> list[bool]:
    """Per line, content or not: the rules' verdict (``kept``) overruled by the keep scores, a removal only where
    ``open_``; when the model would keep no line at all, the rules' verdicts stand (a page is not emptied on the
    model's word alone)."""
    final = [
        score >= drop_below if k else (o and score >= restore_at)
        for k, o, score in zip(kept, open_, scores, strict=True)
    ]
    return final if any(final) else list(kept)


def decide(reading: Reading) -> None:
    """Relabel the reading's blocks by the model's keep scores."""
    vectors = line_vectors(reading)
    scores = predict(MODEL, vectors)
    kept = [b.kind == CONTENT for b in reading.blocks]
    for block, vector, score, was, now in zip(
        reading.blocks, vectors, scores, kept, keeps(kept, restorable(reading), scores), strict=True
    ):
        if was and not now:
            block.kind, block.reason = "other", f"line model: keep score {score:.2f} ({describe(vector)})"
        elif now and not was:
            block.kind, block.reason = CONTENT, ""
