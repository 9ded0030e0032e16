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
from typing import TYPE_CHECKING

from cleaners.text.span import GOOD, NEAR_GOOD, SHORT
from cleaners.types import CONTENT

if TYPE_CHECKING:
    from cleaners.text.extract import Reading

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
    "upper_share",
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


def _shape(text: str) -> tuple[float, float]:
    """Shares of punctuation and of capitals among the line's non-space characters."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0, 0.0
    letters = [c for c in chars if c.isalpha()]
    punct = sum(1 for c in chars if not c.isalnum())
    upper = sum(1 for c in letters if c.isupper())
    return punct / len(chars), (upper / len(letters) if letters else 0.0)


def _linkish(words: int, link_share: float, sentence_end: bool) -> bool:
    """A short line that reads as a link or menu item: few words, no sentence end (or mostly inside a link)."""
    return link_share >= 0.5 or (0 < words <= 6 and not sentence_end)


def line_vectors(reading: Reading) -> list[list[float]]:
    """One vector per unlabelled line of the reading, in FEATURE_NAMES order."""
    feats, blocks, lines = reading.feats, reading.blocks, reading.lines
    n = len(feats)
    start, end = reading.span
    kept = [1.0 if b.kind == CONTENT else 0.0 for b in blocks]
    classes = [CLASS_CODE.get(c, 0.0) for c in reading.classes]
    log_words = [math.log1p(f.words) for f in feats]
    own_neigh = [(log_words[i], feats[i].stop_density, classes[i], kept[i], feats[i].link_share) for i in range(n)]
    total_words = sum(f.words for f in feats) or 1
    page = (
        math.log1p(n),
        sum(1 for f in feats if f.words >= LONG_WORDS) / n,
        sum(1 for f in feats if _linkish(f.words, f.link_share, f.sentence_end)) / n,
        sum(f.words for f, k in zip(feats, kept, strict=True) if k) / total_words,
        sum(f.words for f in feats[start : end + 1]) / total_words,
        sum(f.stop_density * f.words for f in feats) / total_words,
    )
    # prefix sums for the window averages
    sums = [[0.0] * len(NEIGHBOUR)]
    for row in own_neigh:
        sums.append([a + b for a, b in zip(sums[-1], row, strict=True)])
    empty = (0.0,) * len(NEIGHBOUR)
    out = []
    for i, f in enumerate(feats):
        punct, upper = _shape(f.text)
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        window = [(b - a) / (hi - lo) for a, b in zip(sums[lo], sums[hi], strict=True)]
        out.append(
            [
                log_words[i],
                math.log1p(f.chars),
                f.stop_density,
                float(f.sentence_end),
                float(min(f.sentences, 20)),
                float(f.truncated),
                punct,
                f.digit_share,
                upper,
                float(f.numberish),
                float(f.dateish),
                float(f.byline),
                float(f.contact),
                f.link_share,
                float(lines[i].markdown is not None),
                float(f.list_item),
                float(min(f.repeats, 20)),
                float(f.first_seen),
                classes[i],
                reading.scores[i],
                float(f.rule is not None),
                KIND_CODE.get(blocks[i].kind, 5.0),
                kept[i],
                float(start <= i <= end),
                math.log1p(max(0, start - i)),
                math.log1p(max(0, i - end)),
                i / n,
                *(own_neigh[i - 1] if i > 0 else empty),
                *(own_neigh[i + 1] if i + 1 < n else empty),
                *window,
                *page,
            ]
        )
    return out


def describe(vector: list[float]) -> str:
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
