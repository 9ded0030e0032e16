"""The learned block classifier of the HTML path: gradient-boosted trees (``cleaners/models/html_blocks.txt``, trained
by ``newsdistill train html``) score every DOM block of the page from language-neutral features
(``block_features``), the rule path's decisions among them.

On a page whose markup says it is not an article (a listing, a forum thread, a product, documentation ...), a block
the rules kept that the model scores low is removed and a block trafilatura never chose that it scores high is kept,
in page order; an article page keeps the rules' decisions. What the rules removed stays removed with its kind
(paywall, newsletter, share bar, photo credit, teaser, headline, ...), and so do hidden blocks and blocks a lexicon
names. Every block the model removes says why, with its score and the features that describe it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from cleaners.html.block_features import NAMES, PAGE_KINDS, explain, in_head, is_headline, lexicon_rules, page_features
from cleaners.html.classify import Candidate, box_kind
from cleaners.html.page_evidence import ARTICLE
from cleaners.types import Block

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cleaners.html.extract import Choice

MODEL = "html_blocks"
# (drop below, keep from), tuned on the tune split (``newsdistill train html`` prints the page F1 of each): a block the
# rules kept goes under the first score; one trafilatura never chose comes in from the second. The model decides the
# pages whose markup says they are not articles (listing, forum, product, documentation ...), where trafilatura misses
# most; on an article page the rules' body is close to right and the model, adding or dropping blocks, cost precision
# on the news benchmark (AEB), so there the rules decide alone.
THRESHOLDS = (0.4, 0.5)
# Off by default: on the holdout splits the model lifts WCXB (word F1 0.816 -> 0.828 over all types, collections,
# listings, services and forums most) but misses two quality floors (AEB HTML F1 0.9849 < 0.985; product pages of the
# tests' WCXB sample 0.581 < 0.597). ``newsdistill eval wcxb|aeb --block-model`` measures the path with it.
ENABLED = False
_AT = {name: i for i, name in enumerate(NAMES)}
_ARTICLE_KIND = float(PAGE_KINDS.index(ARTICLE))


def keeps(row: Sequence[float], score: float, thresholds: tuple[float, float] | None = None) -> bool:
    """Whether a DOM block with features ``row`` and keep score ``score`` is kept, under ``thresholds`` (drop below,
    keep from; default: THRESHOLDS, and on an article page the rules alone). A block the rules kept stays unless it
    scores under the first; one the rules removed stays removed (their reasons are specific: a teaser link, a tag
    list, a contact line, a lexicon's kind); one trafilatura never chose comes in from the second unless a lexicon
    names it, it is hidden, it is the page's head (the ``<title>``) or the headline."""
    if thresholds is None:
        if row[_AT["page_kind"]] == _ARTICLE_KIND:
            return bool(row[_AT["rule_kept"]])
        thresholds = THRESHOLDS
    drop_below, keep_from = thresholds
    if row[_AT["rule_kept"]]:
        return score >= drop_below
    if row[_AT["rule_decided"]] or score < keep_from:
        return False
    return not (row[_AT["lexicon_kind"]] or row[_AT["hidden"]] or in_head(row) or is_headline(row))


def apply_block_model(choice: Choice) -> tuple[list[Block], list[Candidate]]:
    """The page's blocks and their candidates after the model, in page order (blocks it adds come from the DOM); an
    article page's (or any page's while the model is off, ``ENABLED``) as the rules decided them."""
    from cleaners.learn.booster import predict

    if not ENABLED or choice.kind == ARTICLE:
        return choice.blocks, choice.candidates
    dom, ancestry = choice.dom, choice.ancestry
    rows = page_features(choice, lexicon_rules(dom))
    scores = predict(MODEL, rows)
    boxes: dict[etree._Element, tuple[str, str] | None] = {}

    def removed(i: int, text: str) -> Block:
        found = box_kind(dom[i].owner, choice.root, ancestry, boxes)
        kind = found[0] if found is not None else "other"
        return Block(text, kind, f"block model: keep score {scores[i]:.2f} ({explain(rows[i])})")

    order: list[tuple[float, Block, Candidate]] = []
    position = -1.0
    for block, cand in zip(choice.blocks, choice.candidates, strict=True):
        if cand.dom is None:  # not found in the DOM: the rules' decision stands, in trafilatura's order
            position += 1e-6
            order.append((position, block, cand))
            continue
        i = cand.dom.index
        position = float(i)
        keep = keeps(rows[i], scores[i])
        if block.kept and not keep:
            block = removed(i, block.text)
        order.append((position, block, cand))
    decided = {c.dom.index for c in choice.candidates if c.dom is not None}
    kept_texts = {b.text for _, b, _ in order if b.kept}
    for seg in dom:  # blocks trafilatura never chose, in page order; a text already kept is not kept twice
        i = seg.index
        if i in decided or seg.text in kept_texts or not keeps(rows[i], scores[i]):
            continue
        kept_texts.add(seg.text)
        order.append((float(i), Block(seg.text), Candidate(seg.text, seg, seq=-1, recovered=True)))
    order.sort(key=lambda item: item[0])
    return [b for _, b, _ in order], [c for _, _, c in order]
