"""HTML path: trafilatura as the backbone, then the block classifier over what it kept.

1. The page is parsed once (``load_tree``); trafilatura, the DOM signals, the metadata and the page-type
   signals all read that one tree (trafilatura works on its own copy).
2. trafilatura (balanced, with its readability/jusText comparison under our guard, ``fallback.py``) picks
   the article; when it finds nothing, favor_recall, then the plain-text classifier over the page's visible
   text. Its metadata comes from ``meta_trafilatura``, lazily.
3. Its output tree is cut into blocks; each block is looked up in the page's own DOM by its text.
4. Article paragraphs trafilatura skipped are recovered when they sit in a container of the same
   kind (tag and class) as the paragraphs it kept (bodies split across sibling containers).
5. ``html_classify`` decides each block: structure (hidden, figure caption, boilerplate box inside
   the article, link-heavy teaser), position (headline, leading/trailing chrome) and the lexicons.
6. The learned block model (``block_model``) scores every DOM block, the rules' decisions among its features, and
   has the last word on what the rules decided by structure; what the lexicons name and the headline stay decided.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import trafilatura
from lxml import etree
from trafilatura.utils import HTML_PARSER, load_html

from cleaners.html.block_model import apply_block_model
from cleaners.html.blocks import Ancestry, Segment, lowest_common_ancestor, norm, segments, signature
from cleaners.html.classify import Candidate, classify, split_cards
from cleaners.html.fallback import SwapGuard, guarded
from cleaners.html.markdown import add_markdown
from cleaners.html.metadata import html_metadata
from cleaners.html.page_evidence import ARTICLE, page_evidence, structural_kind
from cleaners.html.trafilatura_metadata import PageMetadata
from cleaners.html.unchosen import unchosen_blocks
from cleaners.text.extract import extract_text
from cleaners.types import Block, Extraction

MIN_RECOVER_WORDS = 25  # a skipped paragraph must be this long to be recovered
MAX_DOM_SEGMENTS = 20000  # cap the DOM work on huge pages


def load_tree(html: str) -> tuple[etree._Element | None, bool]:
    """(tree, too_deep): the page parsed the way trafilatura parses it (None if it is not HTML), and whether
    the parser stopped at libxml2's nesting limit (256 levels). ``load_html`` parses with trafilatura's
    module parser, whose error log holds the errors of the latest parse."""
    try:
        tree = load_html(html)
    except Exception:
        return None, False
    return tree, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in HTML_PARSER.error_log)


def _trafilatura(source: Any, url: str | None, guard: SwapGuard, **options: Any) -> Any:
    """trafilatura's body only: metadata comes from ``PageMetadata``; a tree is copied, not changed."""
    try:
        with guarded(guard):
            return trafilatura.bare_extraction(source, url=url, include_comments=False, **options)
    except Exception:
        return None


def _has_text(doc: Any) -> bool:
    return doc is not None and bool((doc.text or "").strip()) and doc.body is not None


def _visible_text(tree: etree._Element | None, html: str) -> str:
    if tree is None:
        return html
    ancestry = Ancestry()
    return "\n".join(s.text for s in segments(tree) if not ancestry.is_hidden(s.owner))


def _align(kept: list[Segment], dom: list[Segment]) -> list[Segment | None]:
    """Map each trafilatura block to a DOM block with the same text, keeping document order.

    A block whose match lies past every copy of the next block was moved by trafilatura: it keeps its own
    match but does not advance the order, so it cannot push the blocks after it past their copies."""
    by_text: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for seg in dom:
        by_text.setdefault(seg.text, []).append(seg.index)
        if len(seg.text) >= 60:
            by_prefix.setdefault(seg.text[:60], []).append(seg.index)
    found = [by_text.get(seg.text) or (by_prefix.get(seg.text[:60]) if len(seg.text) >= 60 else None) for seg in kept]
    out: list[Segment | None] = []
    last = -1
    for i, hits in enumerate(found):
        at = bisect_right(hits, last) if hits else 0
        if not hits or at == len(hits):  # no copy, or only earlier copies: keep trafilatura's order, no DOM signals
            out.append(None)
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if following and last < following[-1] < hits[at]:
            out.append(dom[hits[at]])  # out of order: aligned, but the order goes on from ``last``
            continue
        last = hits[at]
        out.append(dom[last])
    return out


def _recover(dom: list[Segment], matched: list[Segment | None], ancestry: Ancestry) -> list[Segment]:
    """Long DOM paragraphs trafilatura skipped that sit in containers like the ones it kept."""
    used = {s.index for s in matched if s is not None}
    paragraphs = [s for s in matched if s is not None and s.owner.tag == "p" and len(s.text.split()) >= 8]
    if len(paragraphs) < 2:
        return []
    containers = {signature(s.owner.getparent()) for s in paragraphs}
    containers.discard("")
    first, last = paragraphs[0].index, paragraphs[-1].index
    out = []
    for seg in dom:
        if seg.index in used or seg.owner.tag != "p" or len(seg.text.split()) < MIN_RECOVER_WORDS:
            continue
        if seg.index < first or seg.link_chars > 0.3 * len(seg.text):
            continue
        parent = seg.owner.getparent()
        if signature(parent) in containers and not ancestry.is_hidden(seg.owner):
            out.append(seg)
    # only fill gaps that end before the article text runs out (no appended second article)
    tail_limit = last + max(50, (last - first))
    return [s for s in out if s.index <= tail_limit]


@dataclass
class Choice:
    """The rule path's decisions on one page: trafilatura's blocks (and the recovered ones) aligned to the DOM and
    decided by ``classify``. ``doc`` is None when trafilatura found nothing (the page goes to the text fallback)."""

    dom: list[Segment]
    ancestry: Ancestry
    kind: str  # the page's kind by its markup (``page_evidence``)
    page: PageMetadata | None
    doc: Any = None
    method: str = "trafilatura+classifier"
    candidates: list[Candidate] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    root: etree._Element | None = None  # the article's container: the lowest ancestor of its long blocks


def choose(html: str, url: str | None, tree: etree._Element | None) -> Choice:
    """trafilatura's choice of the article's blocks, aligned to the page's DOM and decided by the rules."""
    source = tree if tree is not None else html
    dom = segments(tree)[:MAX_DOM_SEGMENTS] if tree is not None else []
    ancestry = Ancestry()  # shared by the fallback guard, the recovery, the classifier and the block model
    guard = SwapGuard(dom, ancestry)
    kind = structural_kind(page_evidence(tree))  # read before trafilatura, which drops scripts from its copy
    page = PageMetadata(tree, url) if tree is not None else None
    choice = Choice(dom, ancestry, kind, page)
    doc = _trafilatura(source, url, guard)
    if not _has_text(doc):
        doc, choice.method = _trafilatura(source, url, guard, favor_recall=True), "trafilatura-recall+classifier"
    if not _has_text(doc):
        return choice
    choice.doc = doc
    kept = segments(doc.body)
    matched = _align(kept, dom)
    recovered = _recover(dom, matched, ancestry)
    # merge recovered paragraphs into trafilatura's order by DOM position
    order: list[tuple[float, Candidate]] = []
    position = -1.0
    for seq, (seg, hit) in enumerate(zip(kept, matched, strict=True)):
        position = float(hit.index) if hit is not None else position + 1e-6
        order.append((position, Candidate(seg.text, hit, seq=seq, tag=str(seg.owner.tag))))
    for seg in recovered:
        order.append((float(seg.index), Candidate(seg.text, seg, seq=-1, recovered=True)))
    order.sort(key=lambda pair: pair[0])
    choice.candidates = [c for _, c in order]
    article = [c.dom.owner for c in choice.candidates if c.dom is not None and len(c.text.split()) >= 20]
    choice.root = lowest_common_ancestor(article[:200]) if len(article) >= 2 else None
    choice.blocks = classify(choice.candidates, page, choice.root, url, ancestry, items_page=kind != ARTICLE)
    if not any(b.kept for b in choice.blocks):  # the classifier must not empty a page trafilatura filled
        for block, cand in zip(choice.blocks, choice.candidates, strict=True):
            if len(cand.text.split()) >= 8:
                block.kind, block.reason = "content", ""
    return choice


def extract_html(html: str, url: str | None = None, tree: etree._Element | None = None) -> Extraction:
    """Clean one HTML page; ``tree`` is the page already parsed by ``load_tree`` (it is only read)."""
    if tree is None:
        tree, _ = load_tree(html)
    choice = choose(html, url, tree)
    if choice.doc is None:
        extraction = extract_text(_visible_text(tree, html), url=url)
        extraction.meta = html_metadata(choice.page, html, url, tree=tree)
        extraction.method, extraction.kind = "fallback-text", choice.kind
        return extraction
    meta = html_metadata(choice.page, html, url, tree=tree)
    blocks, candidates = apply_block_model(choice)
    if not any(b.kept for b in blocks):  # the model must not empty a page the rules filled
        blocks, candidates = choice.blocks, choice.candidates
    add_markdown(blocks, candidates)
    extraction = extraction_of(split_cards(blocks, candidates), meta, choice.method, choice.kind)
    chosen = {c.dom.index for c in candidates if c.dom is not None}
    extraction.unchosen = unchosen_blocks(choice.dom, chosen, extraction.blocks, choice.ancestry, tree)
    return extraction


def extraction_of(blocks: list, meta: Any, method: str, kind: str = ARTICLE) -> Extraction:
    return Extraction([b for b in blocks if norm(b.text)], meta, method, kind)
