"""A fixed vector of language-neutral numbers per line, for the line model (cleaners.text.line_model).

Built from what the rules already computed (cleaners.text.extract.Reading): the line's own shape (size, stopword
density, punctuation, digits, capitals, sentence ends, Markdown marks, links), the rules' verdict on it (class, score,
lexicon kind, inside or outside the main span and how far), its neighbours (the lines before and after, a window
around it), and the page as a whole (its size, its share of long lines and of short link-like lines), so the model can
behave differently on listings, forums and documentation without being told the page type. No word lists beyond the
stoplists and lexicons the rules use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleaners.text.span import GOOD, NEAR_GOOD, SHORT
from cleaners.types import CONTENT

if TYPE_CHECKING:
    import numpy

    from cleaners.text.extract import Reading

_PUNCT = re.compile(r"[^\w\s]")
CLASS_CODE = {GOOD: 3.0, NEAR_GOOD: 2.0, SHORT: 1.0}  # bad: 0
LONG_WORDS = 14  # a paragraph-sized line
WINDOW = 3  # lines each side for the window averages
# Kinds of the rules' verdict (the block's kind), coded for the trees; 0 for content.
KIND_CODE = {
    CONTENT: 0.0,
    "title": 1.0,
    "metadata_line": 2.0,
    "navigation": 3.0,
    "related_content": 4.0,
    "other": 5.0,
    "photo_caption": 6.0,
    "footer": 7.0,
    "comments": 8.0,
    "share_bar": 9.0,
    "newsletter_widget": 10.0,
    "paywall_appeal": 11.0,
    "advertisement": 12.0,
    "media_notice": 13.0,
    "cookie_notice": 14.0,
    "repost_disclaimer": 15.0,
}

OWN = (
    "log_words",
    "log_chars",
    "stop_density",
    "sentence_end",
    "sentences",
    "truncated",
    "punct_share",
    "digit_share",
    "capitalised_share",
    "numberish",
    "dateish",
    "byline",
    "contact",
    "link_share",
    "markdown_mark",
    "list_item",
    "repeats",
    "first_seen",
)
RULES = ("class", "score", "lexicon", "kind", "kept", "in_span", "before_span", "after_span", "position")
NEIGHBOUR = ("log_words", "stop_density", "class", "kept", "link_share")
PAGE = ("page_lines", "page_long_share", "page_linkish_share", "page_kept_share", "span_share", "page_stop")
FEATURE_NAMES: tuple[str, ...] = (
    *OWN,
    *RULES,
    *(f"prev_{n}" for n in NEIGHBOUR),
    *(f"next_{n}" for n in NEIGHBOUR),
    *(f"window_{n}" for n in NEIGHBOUR),
    *PAGE,
)


def _shapes(texts: list[str]) -> tuple[list[float], list[float]]:
    """Per line, the share of punctuation among its non-space characters and of capitalised words among its words."""
    punct, capitals = [], []
    for text in texts:
        words = text.split()
        if not words:
            punct.append(0.0)
            capitals.append(0.0)
            continue
        punct.append(len(_PUNCT.findall(text)) / sum(map(len, words)))
        capitals.append(sum(map(str.isupper, next(zip(*words, strict=False)))) / len(words))  # first letters
    return punct, capitals


def line_vectors(reading: Reading) -> numpy.ndarray:
    """One row per unlabelled line of the reading, columns in FEATURE_NAMES order (computed a column at a time)."""
    import numpy

    feats, blocks = reading.feats, reading.blocks
    n = len(feats)
    start, end = reading.span
    index = numpy.arange(n, dtype=numpy.float64)
    words = numpy.array([f.words for f in feats], dtype=numpy.float64)
    sentence_end = numpy.array([f.sentence_end for f in feats], dtype=numpy.float64)
    link_share = numpy.array([f.link_share for f in feats], dtype=numpy.float64)
    stop = numpy.array([f.stop_density for f in feats], dtype=numpy.float64)
    classes = numpy.array([CLASS_CODE.get(c, 0.0) for c in reading.classes], dtype=numpy.float64)
    kept = numpy.array([b.kind == CONTENT for b in blocks], dtype=numpy.float64)
    in_span = (index >= start) & (index <= end)
    punct, capitals = _shapes([f.text for f in feats])
    log_words = numpy.log1p(words)
    own = [
        log_words,
        numpy.log1p([f.chars for f in feats]),
        stop,
        sentence_end,
        numpy.minimum([f.sentences for f in feats], 20),
        [f.truncated for f in feats],
        punct,
        [f.digit_share for f in feats],
        capitals,
        [f.numberish for f in feats],
        [f.dateish for f in feats],
        [f.byline for f in feats],
        [f.contact for f in feats],
        link_share,
        [line.markdown is not None for line in reading.lines],
        [f.list_item for f in feats],
        numpy.minimum([f.repeats for f in feats], 20),
        [f.first_seen for f in feats],
    ]
    rules = [
        classes,
        reading.scores,
        [f.rule is not None for f in feats],
        [KIND_CODE.get(b.kind, 5.0) for b in blocks],
        kept,
        in_span,
        numpy.log1p(numpy.maximum(start - index, 0)),
        numpy.log1p(numpy.maximum(index - end, 0)),
        index / n,
    ]
    neighbour = numpy.column_stack([log_words, stop, classes, kept, link_share])
    padded = numpy.vstack([numpy.zeros((1, len(NEIGHBOUR))), neighbour, numpy.zeros((1, len(NEIGHBOUR)))])
    # window averages from prefix sums over the lines [i - WINDOW, i + WINDOW] that exist
    sums = numpy.vstack([numpy.zeros((1, len(NEIGHBOUR))), numpy.cumsum(neighbour, axis=0)])
    lo, hi = numpy.maximum(index - WINDOW, 0).astype(int), numpy.minimum(index + WINDOW + 1, n).astype(int)
    window = (sums[hi] - sums[lo]) / (hi - lo)[:, None]
    total_words = words.sum() or 1.0
    linkish = (link_share >= 0.5) | ((words > 0) & (words <= 6) & (sentence_end == 0))
    page = [
        math.log1p(n),
        float((words >= LONG_WORDS).mean()),
        float(linkish.mean()),
        float((words * kept).sum() / total_words),
        float(words[in_span].sum() / total_words),
        float((stop * words).sum() / total_words),
    ]
    columns = numpy.column_stack([numpy.asarray(c, dtype=numpy.float64) for c in (*own, *rules)])
    return numpy.hstack([columns, padded[:-2], padded[2:], window, numpy.tile(page, (n, 1))])


def describe(vector: Sequence[float]) -> str:
    """A few words on a line for a removal's reason: its size, whether it reads like a link, where it sits."""
    row = dict(zip(FEATURE_NAMES, vector, strict=True))
    words = round(math.expm1(row["log_words"]))
    parts = [f"{words} word{'s' if words != 1 else ''}"]
    if row["link_share"] >= 0.5 or (words <= 6 and not row["sentence_end"]):
        parts.append("link-like")
    elif row["stop_density"] < 0.1 and words >= 4:
        parts.append("few function words")
    if row["repeats"] > 1:
        parts.append("repeated on the page")
    parts.append("inside the main run" if row["in_span"] else "outside the main run")
    return ", ".join(parts)
