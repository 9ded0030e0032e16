"""Document-level structure for the plain-text path: where the article starts and ends.

* Headline anchor: the first line of a dump is the page ``<title>``; a later line repeating it is the
  headline, and the article starts just below it.
* Rails and clusters after the article: a rail of undated teasers (a short snippet every few lines), a
  cluster of boilerplate (newsletter box, footer links), a related-stories box (a "Read next" header over
  teaser headlines) or a long run of non-prose lines (a staff list) followed by little prose ends the article.
  A related-stories box with much of the article below it is only labelled.
* Inline boxes: a newsletter / subscription box with a full paragraph of the article right below it does not
  end the article; the span is extended over it (its lines stay labelled by their lexicon kinds).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from cleaners.text.features import LineFeatures
from cleaners.text.header import matches_doc_title
from cleaners.text.patterns import TITLE_SEPARATOR
from cleaners.text.span import (
    GOOD,
    MIN_ARTICLE_WORDS,
    NEAR_GOOD,
    SECTION_KINDS,
    article_words,
    is_comments_header,
    last_positive,
)

ANCHOR_WINDOW = 8  # the article must start within this many lines under the headline
ANCHOR_MIN_SHARE = 0.5  # a span moved under a headline above it must score this share of the best span
ANCHOR_INSIDE_SHARE = 0.25  # cutting the span at a headline inside it must keep this share of its score
HEADLINE_MAX_OVER = 1.5  # times the <title> length
HEADLINE_MIN_SHARE = 0.6  # of the longest part of the <title> ("Headline | Site | Section")


def _best_run_from(scores: list[float], lo: int, hi: int, stop: int) -> tuple[float, tuple[int, int] | None]:
    """Best (sum, span) among runs that start in [lo, hi) and end before ``stop``."""
    best, found = 0.0, None
    for start in range(lo, min(hi, stop)):
        total = 0.0
        for end in range(start, stop):
            total += scores[end]
            if total > best:
                best, found = total, (start, end)
    return best, found


def _span_sum(scores: list[float], span: tuple[int, int]) -> float:
    return sum(scores[span[0] : span[1] + 1])


def _headline_test(doc_title: str) -> Callable[[str], bool]:
    """Whether a line repeats the ``<title>``'s headline (most of its longest part, not one word of it)."""
    min_chars = HEADLINE_MIN_SHARE * max((len(part) for part in TITLE_SEPARATOR.split(doc_title)), default=0)
    max_chars = HEADLINE_MAX_OVER * len(doc_title)  # paragraphs are not headlines: skip the comparison
    return lambda text: min_chars <= len(text) <= max_chars and matches_doc_title(text, doc_title)


def anchor_at_headline(
    feats: list[LineFeatures],
    classes: list[str],
    scores: list[float],
    span: tuple[int, int],
) -> tuple[int, int]:
    """The span re-chosen to start under the headline.

    The first headline inside the span cuts off what is above it (teasers) when the run under it keeps at
    least ANCHOR_INSIDE_SHARE of the span's score (later repeats are teaser boxes and "more on this story"
    links), unless it sits at the top of the span under prose (a lead or deck). A headline above the span
    moves the span under it when the run there is a separate block scoring at least ANCHOR_MIN_SHARE of the
    best span, or holding an article's worth of prose with a comments header between it and the best span.
    """
    if not feats:
        return span
    is_headline = _headline_test(feats[0].text)
    heads = [h for h in range(1, span[1]) if feats[h].rule is None and is_headline(feats[h].text)]
    if any(span[0] - ANCHOR_WINDOW <= h < span[0] for h in heads):
        return span  # the span already starts just below a headline
    best_sum = _span_sum(scores, span)
    inside = [h for h in heads if h >= span[0]]
    if inside:
        if inside[0] < span[0] + ANCHOR_WINDOW and any(classes[i] == GOOD for i in range(span[0], inside[0])):
            return span  # prose just above a headline at the top of the span: a lead or deck, kept
        total, found = _best_run_from(scores, inside[0] + 1, inside[0] + 1 + ANCHOR_WINDOW, len(scores))
        if found is not None and total >= ANCHOR_INSIDE_SHARE * best_sum:
            return found[0], max(found[1], span[1])
        return span
    for h in reversed(heads):
        total, found = _best_run_from(scores, h + 1, h + 1 + ANCHOR_WINDOW, span[0])
        if found is None:
            continue
        if total >= ANCHOR_MIN_SHARE * best_sum:
            return found  # the best span is a separate block further down (a rail of prose teasers)
        if _past_comments(feats, found[1], span[0]) and _holds_article(feats, classes, found):
            return found  # the best span lies past the comments header (a sidebar): the article is the run above
    return span


def _past_comments(feats: list[LineFeatures], lo: int, hi: int) -> bool:
    return any(is_comments_header(feats[i]) for i in range(lo + 1, hi))


def _holds_article(feats: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> bool:
    return article_words(feats, classes, span[0], span[1] + 1) >= MIN_ARTICLE_WORDS


SNIPPET_MAX_WORDS = 45  # teaser snippets are a sentence or two
RAIL_MIN_SNIPPETS = 4
RAIL_PERIOD = (3, 6)  # lines per teaser: kicker / headline / source line / snippet


def _prose_after_article(feats: list[LineFeatures], classes: list[str], start: int, end: int) -> list[int]:
    """Prose lines inside the span once the article has had MIN_ARTICLE_WORDS of prose."""
    words, out = 0, []
    for i in range(start, end + 1):
        if classes[i] == GOOD:
            if words >= MIN_ARTICLE_WORDS:
                out.append(i)
            words += feats[i].words
    return out


def _steady_snippets(prose: list[int], feats: list[LineFeatures]) -> int | None:
    """Index in ``prose`` where RAIL_MIN_SNIPPETS short prose lines recur at one period of RAIL_PERIOD lines."""
    for k in range(len(prose) - RAIL_MIN_SNIPPETS + 1):
        run = prose[k : k + RAIL_MIN_SNIPPETS]
        gaps = [b - a for a, b in pairwise(run)]
        if (
            RAIL_PERIOD[0] <= min(gaps)
            and max(gaps) <= RAIL_PERIOD[1]
            and max(gaps) == min(gaps)
            and all(feats[i].words <= SNIPPET_MAX_WORDS for i in run)
        ):
            return k
    return None


def cut_at_snippet_rail(feats: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the span before a rail of undated teasers: a short prose snippet every few lines, at a steady period."""
    start, end = span
    prose = _prose_after_article(feats, classes, start, end)
    k = _steady_snippets(prose, feats)
    if k is None:
        return span
    period = prose[k + 1] - prose[k]
    first = prose[k]
    earlier = set(prose[:k])
    while first - period in earlier and feats[first - period].words <= SNIPPET_MAX_WORDS:
        first -= period  # earlier teasers at the same period (an irregular one may hold an extra prose line)
    cut = first - period + 1
    if cut <= start:
        return span
    return start, last_positive(feats, classes, start, cut - 1)


CLUSTER_WINDOW = 6  # lines
CLUSTER_MIN_HITS = 3  # lexicon hits in the window, one of them a section kind (newsletter, related, footer...)
CLUSTER_MAX_AFTER = 0.34  # prose after the cluster, as a share of the article's prose before it
CLUSTER_MAX_BLURB = 1  # unmatched lines in a row inside a widget (its pitch: "The day's top stories, every morning")
RESUME_MIN_WORDS = 25  # a paragraph this long right below a widget means the article goes on


def _chrome_cluster_at(feats: list[LineFeatures], i: int, end: int) -> bool:
    if feats[i].rule is None or feats[i].rule.kind not in SECTION_KINDS:
        return False
    hits = sum(1 for j in range(i, min(end + 1, i + CLUSTER_WINDOW)) if feats[j].rule is not None)
    return hits >= CLUSTER_MIN_HITS


def _widget_end(feats: list[LineFeatures], i: int, end: int) -> int:
    """Last line of the widget starting at ``i``: lexicon hits at most one unmatched line apart (its blurb)."""
    last = i
    for j in range(i + 1, end + 1):
        if j - last > CLUSTER_MAX_BLURB + 1:
            break
        if feats[j].rule is not None:
            last = j
    return last


def _resumes_article(feats: list[LineFeatures], classes: list[str], line: int) -> bool:
    """Whether ``line`` goes on with the article: a full paragraph of prose, not a teaser snippet under a headline."""
    f = feats[line]
    return classes[line] == GOOD and f.words >= RESUME_MIN_WORDS and f.sentence_end and not f.truncated


def cut_at_chrome_cluster(feats: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the span at a cluster of boilerplate (newsletter box, footer links, "We recommend") after the article:
    little prose follows it (an inline widget mid-article has much of the article below it), and what comes
    right after the widget is not a paragraph of the article going on (an inline box near the end)."""
    for i in range(span[0], span[1] + 1):
        if _chrome_cluster_at(feats, i, span[1]) and _little_after(feats, classes, span, i, CLUSTER_MAX_AFTER):
            after = _widget_end(feats, i, span[1]) + 1
            if after <= span[1] and _resumes_article(feats, classes, after):
                continue
            return span[0], last_positive(feats, classes, span[0], i - 1)
    return span


BOX_MIN_LINKS = 2  # teaser headlines under a related-stories header that make a box (one alone may be a subheading)
LINK_MAX_CHARS = 160
BOX_MAX_AFTER = 0.15  # prose after a box that ends the article, as a share of the prose before it


def is_link_line(f: LineFeatures) -> bool:
    """A teaser headline: a short line of its own that does not end with a full stop."""
    return (
        f.rule is None
        and not f.list_item
        and f.words > 0
        and f.chars <= LINK_MAX_CHARS
        and not f.text.rstrip().endswith(".")
    )


def related_boxes(feats: list[LineFeatures], span: tuple[int, int]) -> list[tuple[int, int]]:
    """(header, last link) of each box inside the span: a related-stories header ("Related articles",
    "Lesen Sie auch") followed by at least BOX_MIN_LINKS teaser headlines."""
    boxes, i = [], span[0]
    while i <= span[1]:
        f = feats[i]
        j = i + 1
        if f.rule is not None and f.rule.kind == "related_content":
            while j <= span[1] and is_link_line(feats[j]):
                j += 1
            if j - i - 1 >= BOX_MIN_LINKS:
                boxes.append((i, j - 1))
        i = j
    return boxes


def cut_at_related_box(feats: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the span at a box of related-stories links after the article, when little prose follows it
    (a box mid-article has much of the article below it and is only labelled)."""
    for header, _ in related_boxes(feats, span):
        if _little_after(feats, classes, span, header, BOX_MAX_AFTER):
            return span[0], last_positive(feats, classes, span[0], header - 1)
    return span


def _little_after(feats: list[LineFeatures], classes: list[str], span: tuple[int, int], i: int, share: float) -> bool:
    """Whether the span has an article's worth of prose above line ``i`` and less than ``share`` of it from there on."""
    before = article_words(feats, classes, span[0], i)
    return before >= MIN_ARTICLE_WORDS and article_words(feats, classes, i, span[1] + 1) < share * before


GAP_CUT_LINES = 10  # non-prose lines in a row (a staff list, a widget) that end the article when little prose follows


def cut_at_long_gap(
    feats: list[LineFeatures],
    classes: list[str],
    scores: list[float],
    span: tuple[int, int],
) -> tuple[int, int]:
    """End the span before a long run of non-prose lines followed by little prose (the best span bridged it only
    to pick up an appeal or an author box below)."""
    run = 0
    for i in range(span[0], span[1] + 1):
        run = run + 1 if scores[i] <= 0 else 0
        if run == GAP_CUT_LINES and _little_after(feats, classes, span, i - run + 1, CLUSTER_MAX_AFTER):
            return span[0], last_positive(feats, classes, span[0], i - run)
    return span


INLINE_WIDGET_KINDS = frozenset({"newsletter_widget", "paywall_appeal", "advertisement", "share_bar"})
INLINE_BOX_KINDS = frozenset({"newsletter_widget", "paywall_appeal"})  # one of these makes the box (not a share bar)
INLINE_WIDGET_MAX_LINES = 8


def extend_over_inline_widget(feats: list[LineFeatures], classes: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """Extend the span over an inline box just below it (newsletter sign-up, subscription appeal, with its ad or
    "follow us" lines: every line a lexicon hit of those kinds) when a full paragraph of the article follows the
    box; the box's cost in the span score otherwise ends the article before its closing paragraphs."""
    start, end = span
    box = end + 1
    while box < len(feats) and box - end <= INLINE_WIDGET_MAX_LINES and _inline_widget_line(feats[box]):
        box += 1
    if not any(feats[i].rule.kind in INLINE_BOX_KINDS for i in range(end + 1, box)):  # type: ignore[union-attr]
        return span
    if box >= len(feats) or not _resumes_article(feats, classes, box):
        return span
    last = box
    while last + 1 < len(feats) and feats[last + 1].rule is None and classes[last + 1] in (GOOD, NEAR_GOOD):
        last += 1
    return start, last


def _inline_widget_line(f: LineFeatures) -> bool:
    return f.rule is not None and f.rule.kind in INLINE_WIDGET_KINDS
