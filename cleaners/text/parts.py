"""Pages of many parts (a listing, a forum thread, documentation, a product or service page) rather than one article.

The main span is the densest run of prose; on such a page it holds one paragraph of a much longer page whose
content is lists, short lines, specs and posts. Two language-neutral signs say so: the span holds little of the
page's unflagged text and little prose. The page's content is then read again with a lenient score (any line of a
few words counts as content, lexicon hits and bare labels against it), and the span widened over that run, within
the section boundaries (comments, related, footer... headers) around what was kept.
"""

from __future__ import annotations

from cleaners.text.features import LineFeatures
from cleaners.text.span import GOOD, LINK_LINE_SHARE, SECTION_KINDS, best_span, line_class
from cleaners.types import CONTENT, Block

# The narrow case: the main span found no article (under BROAD_MAX_WORDS words, at most one paragraph).
BROAD_SHARE = 0.3  # of the page's unflagged words, at most, in the main span
BROAD_MAX_PARAGRAPHS = 1
BROAD_MAX_WORDS = 40
BROAD_LINE_WORDS = 12  # a paragraph; such lines bound what a page of many parts keeps
# The wider case: the span holds under PARTS_SHARE of the unflagged words and under PARTS_MAX_PROSE words of prose.
PARTS_SHARE = 0.3
PARTS_MAX_PROSE = 240
PARTS_MIN_GAIN = 2.0  # times the kept words in the lenient run (less: an article with a rail of teasers)
# Lenient scores: a line of more than LABEL_MAX_WORDS words counts (sublinearly in its size), a label costs.
LABEL_MAX_WORDS = 3
LABEL_COST = 2.0
ITEM_MAX_SIZE = 40
SECTION_COST, RULE_COST = 8.0, 4.0


def _unflagged(f: LineFeatures) -> bool:
    return f.rule is None and f.link_share < LINK_LINE_SHARE


def _part_line(f: LineFeatures) -> bool:
    """A line a page of many parts may keep: unflagged, not a link, not a repeat, not a date / byline stamp."""
    return _unflagged(f) and f.first_seen and not f.metadata_like


def _section_bounds(feats: list[LineFeatures], kept: list[int], lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi] narrowed to the section headers nearest around the kept lines."""
    sections = [i for i, f in enumerate(feats) if f.rule is not None and f.rule.kind in SECTION_KINDS]
    return max([lo, *(i + 1 for i in sections if i < kept[0])]), min([hi, *(i - 1 for i in sections if i > kept[-1])])


def _keep(blocks: list[Block], lines: list[int]) -> None:
    for i in lines:
        blocks[i].kind, blocks[i].reason = CONTENT, ""


def widen_for_no_article(feats: list[LineFeatures], blocks: list[Block]) -> None:
    """When the span found no article, keep every unflagged line that is not a link between the first and the last
    paragraph, within the section boundaries."""
    kept = [i for i, b in enumerate(blocks) if b.kind == CONTENT]
    unflagged = [i for i, f in enumerate(feats) if _unflagged(f)]
    paragraphs = [i for i in unflagged if feats[i].words >= BROAD_LINE_WORDS]
    if not kept or not paragraphs:
        return
    kept_words = sum(feats[i].words for i in kept)
    kept_paragraphs = sum(1 for i in kept if feats[i].words >= BROAD_LINE_WORDS)
    if (
        kept_words >= BROAD_MAX_WORDS
        or kept_paragraphs > BROAD_MAX_PARAGRAPHS
        or kept_words >= BROAD_SHARE * sum(feats[i].words for i in unflagged)
    ):
        return
    lo, hi = _section_bounds(feats, kept, paragraphs[0], paragraphs[-1])
    _keep(blocks, [i for i in unflagged if lo <= i <= hi])


def lenient_score(f: LineFeatures) -> float:
    """Evidence that a line is one of the page's parts: a list item, a spec, a post, not only prose."""
    if f.rule is not None:
        return -(SECTION_COST if f.rule.kind in SECTION_KINDS else RULE_COST)
    if not _part_line(f) or f.words <= LABEL_MAX_WORDS:
        return -LABEL_COST
    return min(f.words, ITEM_MAX_SIZE) ** 0.5


def is_many_parts(feats: list[LineFeatures], kept: list[int]) -> bool:
    """Whether the kept span is a small, thin part of the page: little of its unflagged text, little prose."""
    unflagged_words = sum(f.words for f in feats if _unflagged(f))
    kept_words = sum(feats[i].words for i in kept)
    prose = sum(feats[i].words for i in kept if line_class(feats[i]) == GOOD)
    return kept_words < PARTS_SHARE * unflagged_words and prose < PARTS_MAX_PROSE


def widen_for_many_parts(feats: list[LineFeatures], blocks: list[Block]) -> None:
    """On a page of many parts, keep the unflagged lines of the best lenient run, within the section boundaries."""
    widen_for_no_article(feats, blocks)
    kept = [i for i, b in enumerate(blocks) if b.kind == CONTENT]
    if not kept or not is_many_parts(feats, kept):
        return
    span = best_span([lenient_score(f) for f in feats])
    if span is None:
        return
    lo, hi = _section_bounds(feats, kept, *span)
    parts = [i for i in range(lo, hi + 1) if _part_line(feats[i])]
    if sum(feats[i].words for i in parts) >= PARTS_MIN_GAIN * sum(feats[i].words for i in kept):
        _keep(blocks, parts)
