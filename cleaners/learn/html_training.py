"""Training data for the HTML block model: every DOM block of the benchmarks' ``tune`` pages, its features
(``cleaners.html.block_features``) and a label read from the page's ground-truth body.

A block is 'keep' when its words are the truth's: for a block of five words or more, at least half of its word pairs
(bigrams, in order) occur in the truth; a shorter block (a heading, a label, a price) must occur in the truth as a
whole and sit within a few blocks of a long kept one, so that a short string the truth holds once ("Home", "Share")
does not label every menu copy of it on the page. Only the ``tune`` splits are read (WCXB by domain, AEB by page):
the ``holdout`` splits stay unseen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from cleaners.evaluation.metrics import word_scores

if TYPE_CHECKING:
    from cleaners.evaluation.aeb import AebPage
    from cleaners.evaluation.wcxb import WcxbPage

_TOKEN = re.compile(r"\w+", re.UNICODE)
MIN_PAIRED_WORDS = 5  # from this many words a block is labelled by its word pairs
KEEP_PAIR_SHARE = 0.5
SHORT_REACH = 3  # a short block must be this close (in blocks) to a long kept one


@dataclass
class PageRows:
    """One page's blocks: features, labels, texts, and what the rule path kept (to compare bodies)."""

    page_id: str
    group: str  # the page's registered domain: cross-checks never split a site
    page_type: str
    rows: list[list[float]]
    labels: list[int]
    texts: list[str]
    rule_body: str
    truth: str
    unaligned: list[str]  # blocks the rules kept that were not found in the DOM: they stay kept


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def label_blocks(texts: Sequence[str], truth: str) -> list[int]:
    """1 for each block whose words are the truth's (see the module's docstring), else 0."""
    truth_tokens = _tokens(truth)
    pairs = set(pairwise(truth_tokens))
    joined = f" {' '.join(truth_tokens)} "
    tokens = [_tokens(t) for t in texts]
    labels = [0] * len(texts)
    for i, toks in enumerate(tokens):
        if len(toks) >= MIN_PAIRED_WORDS:
            own = list(pairwise(toks))
            labels[i] = int(sum(p in pairs for p in own) >= KEEP_PAIR_SHARE * len(own))
    long_kept = [i for i, toks in enumerate(tokens) if labels[i] and len(toks) >= MIN_PAIRED_WORDS]
    for i, toks in enumerate(tokens):
        if toks and len(toks) < MIN_PAIRED_WORDS and f" {' '.join(toks)} " in joined:
            labels[i] = int(any(abs(i - j) <= SHORT_REACH for j in long_kept))
    return labels


def page_rows(page_id: str, url: str, html: str, truth: str, page_type: str) -> PageRows:
    """Features and labels of one page's DOM blocks, through the same steps as ``extract_html``."""
    from cleaners.evaluation.wcxb import registered_domain
    from cleaners.html.block_features import lexicon_rules, page_features
    from cleaners.html.extract import choose, load_tree

    tree, _ = load_tree(html)
    choice = choose(html, url or None, tree)
    texts = [s.text for s in choice.dom]
    rows = page_features(choice, lexicon_rules(choice.dom))
    rule_body = "\n\n".join(b.text for b in choice.blocks if b.kept)
    unaligned = [b.text for b, c in zip(choice.blocks, choice.candidates, strict=True) if b.kept and c.dom is None]
    group = registered_domain(url) if url else page_id
    labels = label_blocks(texts, truth)
    return PageRows(page_id, group, page_type, rows, labels, texts, rule_body, truth, unaligned)


def _wcxb_task(page: WcxbPage) -> PageRows:
    return page_rows(page.page_id, page.url, page.html(), page.truth, page.page_type)


def _aeb_task(page: AebPage) -> PageRows:
    return page_rows(page.page_id, page.url, page.html(), page.truth, "article")


def training_pages(wcxb: Path | None, aeb: Path | None, jobs: int = 2) -> list[PageRows]:
    """The ``tune`` pages of each benchmark folder given (``None``: skipped), in a fixed order."""
    from cleaners.evaluation.aeb import load_aeb
    from cleaners.evaluation.pool import map_pages
    from cleaners.evaluation.wcxb import load_wcxb

    pages: list[PageRows] = []
    if wcxb is not None:
        pages += map_pages(_wcxb_task, load_wcxb(wcxb, "tune"), jobs)
    if aeb is not None:
        pages += map_pages(_aeb_task, load_aeb(aeb, "tune"), jobs)
    return pages


@dataclass(frozen=True)
class PageCheck:
    """Grouped cross-validation at the page level: mean word F1 of the bodies the rules and the model keep."""

    pages: int
    rules: float
    model: float
    thresholds: tuple[float, float] | None  # the model's (``block_model.keeps``); None: the shipped ones


def page_check(pages: list[PageRows], scores: Sequence[float], thresholds: Sequence[float]) -> list[PageCheck]:
    """Mean page word F1 of the rules' bodies and of the bodies the model would keep (``block_model.keeps``) at each
    threshold; ``scores`` are the pages' blocks' out-of-fold scores, in order."""

    rules = sum(word_scores(p.page_id, p.rule_body, p.truth).f1 for p in pages) / max(1, len(pages))
    out = []
    for pair in thresholds:
        total = sum(word_scores(p.page_id, model_body(p, s, pair), p.truth).f1 for p, s in _by_page(pages, scores))
        out.append(PageCheck(len(pages), rules, total / max(1, len(pages)), pair))
    return out


def _by_page(pages: list[PageRows], scores: Sequence[float]) -> list[tuple[PageRows, Sequence[float]]]:
    out, at = [], 0
    for page in pages:
        out.append((page, scores[at : at + len(page.rows)]))
        at += len(page.rows)
    return out


def model_body(page: PageRows, scores: Sequence[float], thresholds: tuple[float, float] | None = None) -> str:
    """The words the HTML path keeps with the model (as a bag: word F1 does not read their order)."""
    from cleaners.html.block_model import keeps

    kept = [t for t, row, s in zip(page.texts, page.rows, scores, strict=True) if keeps(row, s, thresholds)]
    return "\n\n".join(kept + page.unaligned) or page.rule_body
