"""Scoring lines and picking the main content span (the densest contiguous run of prose).

Each line gets a class in the spirit of jusText (good / near-good / short / bad) from its size,
stopword density and punctuation, and a signed score: prose adds its size, chrome subtracts.
The main span is the maximum-sum contiguous run (Kadane), so short headings or list items between
paragraphs are bridged while long runs of menus, teasers and footers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from cleaners.text.features import LineFeatures

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"
_COMMENT_WORD = re.compile(
    r"comment|coment|kommentar|komentar|коммент|reactie|discussion|diskussion|dyskusj|обсужд|respons|réponse|respuesta"
    r"|rispost|resposta|odpowied|ответ|says:|leserbrief|opinion(es|i)? de los lectores|leave a reply",
    re.I,
)
# The reasons of lines removed for their place alone (not in the span, nothing else said against them).
ABOVE_SPAN, BELOW_SPAN = "above the main content span", "below the main content span"
# Kinds whose lexicon hits mark a section boundary (what follows is rarely the article).
SECTION_KINDS = frozenset({"related_content", "comments", "newsletter_widget", "footer", "paywall_appeal"})


@dataclass(frozen=True)
class Thresholds:
    short_words: int = 7  # below this a line is "short" (headings, labels, buttons)
    good_words: int = 14
    stop_high: float = 0.30
    stop_low: float = 0.20


DEFAULT = Thresholds()
REPEAT_SHORT_WORDS = 8  # repeated lines shorter than this are labels / list items
DIGIT_HEAVY = 0.2
RUN_ON_WORDS = 40
MIN_ARTICLE_WORDS = 50  # prose needed above a comments header before it ends the article
HEADER_WINDOW = 8
GAP_FREE_LINES = 3  # non-prose lines in a row that cost only their own score
GAP_EXTRA = 5.0  # extra cost per line beyond the free ones, growing with depth into the run
GAP_RAMP_LINES = 2  # depth at which the extra cost stops growing
LIST_ITEM_SCORE = 2.0  # a numbered list item (ranking row, calendar entry) is weak evidence of content
LINK_LINE_SHARE = 0.8  # a line this much inside links (where the shape shows them) is a link, not prose


def line_class(f: LineFeatures, t: Thresholds = DEFAULT) -> str:
    if f.rule is not None or f.numberish or f.link_share >= LINK_LINE_SHARE:
        return BAD
    if f.list_item and f.words < t.good_words:
        return NEAR_GOOD
    if f.words < t.short_words:
        return SHORT
    if f.stop_density >= t.stop_high and (f.words >= t.good_words or f.sentence_end):
        return GOOD
    if f.stop_density >= t.stop_low:
        return NEAR_GOOD
    return BAD


def quality(f: LineFeatures) -> float:
    """Multiplier in (0, 1] for prose-sized lines that look like lists of data, contacts or teasers."""
    q = 1.0
    if f.truncated:
        q *= 0.6
    if f.digit_share > DIGIT_HEAVY:
        q *= 0.5
    if f.contact:
        q *= 0.5
    if f.words > RUN_ON_WORDS and f.sentences == 0:
        q *= 0.5
    return q


def line_score(f: LineFeatures, cls: str) -> float:
    """Signed evidence that the line belongs to the article body."""
    size = min(f.words, 120)
    if f.rule is not None:
        return -(12.0 if f.rule.kind in SECTION_KINDS else 6.0) - 0.5 * size
    if f.list_item:
        return max(LIST_ITEM_SCORE, size * quality(f) if cls == GOOD else 0.0)
    if f.repeats > 1 and (size < REPEAT_SHORT_WORDS or not f.first_seen):
        return -2.0
    if cls == GOOD:
        return size * quality(f) - (6.0 if f.truncated else 0.0)
    if cls == NEAR_GOOD:
        return 0.5 * size if f.sentence_end else -1.0
    if cls == SHORT:
        return -0.5 if f.sentence_end else -2.0
    return -2.0 - 0.3 * size


def best_span(scores: list[float]) -> tuple[int, int] | None:
    """Inclusive (start, end) of the maximum-sum contiguous run, or None if nothing is positive."""
    best, best_span_ = 0.0, None
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span_ = total, (start, i)
    return best_span_


def article_words(features: list[LineFeatures], classes: list[str], lo: int, hi: int) -> int:
    """Words of prose (and of list items: a ranking is article content) in lines [lo, hi)."""
    return sum(features[i].words for i in range(lo, hi) if classes[i] == GOOD or features[i].list_item)


def is_comments_header(f: LineFeatures) -> bool:
    """A comments-lexicon hit that names the section (not a lone "Reply" / "Report" button)."""
    return f.rule is not None and f.rule.kind == "comments" and bool(_COMMENT_WORD.search(f.text))


def cut_at_comments(features: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the span before a comment-section header once the article has had some prose."""
    start, end = span
    for i in range(start + 1, end + 1):
        if is_comments_header(features[i]) and article_words(features, classes, start, i) >= MIN_ARTICLE_WORDS:
            return start, last_positive(features, classes, start, i - 1)
    return span


def last_positive(features: list[LineFeatures], classes: list[str], start: int, end: int) -> int:
    while end > start and (classes[end] not in (GOOD, NEAR_GOOD) or features[end].rule is not None):
        end -= 1
    return end


def start_after_metadata(features: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """Headlines and teasers above a byline / date stamp at the top of the span are not the article."""
    start, end = span
    for i in range(start, min(end, start + HEADER_WINDOW)):
        if classes[i] == GOOD and not features[i].metadata_like:
            break
        if features[i].metadata_like:
            start = i + 1
    return (start, end) if start <= end else span


def penalize_long_gaps(scores: list[float]) -> list[float]:
    """Lines deep inside a long run of non-prose (menus, link lists) cost more than a short gap
    (a subheading or caption between paragraphs), so the span bridges the latter only."""
    out, run = [], 0
    for score in scores:
        run = run + 1 if score <= 0 else 0
        depth = min(run - GAP_FREE_LINES, GAP_RAMP_LINES)
        out.append(score - GAP_EXTRA * depth if depth > 0 else score)
    return out


def score_lines(features: list[LineFeatures], t: Thresholds = DEFAULT) -> tuple[list[str], list[float]]:
    classes = [line_class(f, t) for f in features]
    return classes, penalize_long_gaps([line_score(f, c) for f, c in zip(features, classes, strict=True)])


RAIL_MIN_STAMPS = 4  # date stamps at a steady period that make a teaser rail (headline, author, date, snippet)
RAIL_MAX_PERIOD = 6


def _stamps_after_prose(features: list[LineFeatures], classes: list[str], start: int, end: int) -> list[int]:
    """Date-stamp lines inside the span once the article has had some prose."""
    words, out = 0, []
    for i in range(start, end + 1):
        if features[i].dateish and words >= MIN_ARTICLE_WORDS:
            out.append(i)
        if classes[i] == GOOD:
            words += features[i].words
    return out


def _steady_run(stamps: list[int]) -> int | None:
    """Index in ``stamps`` where RAIL_MIN_STAMPS stamps recur at a near-constant short period."""
    for k in range(len(stamps) - RAIL_MIN_STAMPS + 1):
        run = stamps[k : k + RAIL_MIN_STAMPS]
        gaps = [b - a for a, b in pairwise(run)]
        if max(gaps) <= RAIL_MAX_PERIOD and max(gaps) - min(gaps) <= 1:
            return k
    return None


def cut_at_teaser_rail(features: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the span before a rail of dated teasers (each block: headline, author, date stamp, snippet)."""
    start, end = span
    stamps = _stamps_after_prose(features, classes, start, end)
    k = _steady_run(stamps)
    if k is None:
        return span
    first, period = stamps[k], stamps[k + 1] - stamps[k]
    if first - period <= start:
        return span
    return start, last_positive(features, classes, start, first - period)
