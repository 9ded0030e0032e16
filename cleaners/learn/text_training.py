"""Training rows for the plain-text line model: every line of the benchmarks' ``tune`` pages, as several renderers give
them, with its feature vector (cleaners.text.line_features) and a label.

A line is 'keep' when its words run as in the page's reference body (``label_lines``); a line weighs its words.
Rows are grouped by the page's registered domain, so the grouped cross-check never scores a site it trained on, and
the renderings of one page share a group.
Only the ``tune`` splits are read: the holdout pages stay unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import SHIPPED

if TYPE_CHECKING:
    import numpy

# The shipped plain text and renderers of other shapes: Markdown, layout kept, a text browser's dump, one node a line.
RENDERINGS = (SHIPPED, "html2text", "inscriptis", "lynx", "soup")
ROUNDS = 100
PARAMS = {"learning_rate": 0.1}  # over cleaners.learn.booster.PARAMS
KEEP_SHARE = 0.5
TRIGRAM = 3  # of a line's words in the reference body, above which the line is content
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class PageRows:
    """One rendering of one page: a row and a label per line, the rules' verdicts, each line's words, the truth."""

    group: str  # the page's registered domain
    renderer: str
    rows: numpy.ndarray  # one row per line
    labels: list[int]
    rule_kept: list[bool]
    restorable: list[bool]  # removed by the rules for their place alone: the model may keep them
    tokens: list[list[str]]  # each line's lower-cased words
    truth: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def label_lines(lines: list[str], truth: str) -> list[int]:
    """1 for a line whose words run as in the reference body: most of its word trigrams are in it (a line of fewer
    words: all of it, as a run of whole words), else 0. Trigrams, not single words: a menu's "News" or "Home" is in
    nearly every body."""
    body = tokens(truth)
    trigrams = {tuple(body[i : i + TRIGRAM]) for i in range(len(body) - TRIGRAM + 1)}
    joined = f" {' '.join(body)} "
    labels = []
    for line in lines:
        words = tokens(line)
        if len(words) < TRIGRAM:
            labels.append(int(bool(words) and f" {' '.join(words)} " in joined))
            continue
        grams = [tuple(words[i : i + TRIGRAM]) for i in range(len(words) - TRIGRAM + 1)]
        labels.append(int(sum(gram in trigrams for gram in grams) > KEEP_SHARE * len(grams)))
    return labels


def page_rows(text: str, url: str | None, truth: str, group: str, renderer: str = SHIPPED) -> PageRows | None:
    """The rows of one rendering, or None when reading leaves no line to classify."""
    from cleaners.text.extract import read_page
    from cleaners.text.line_features import line_vectors
    from cleaners.text.line_model import restorable
    from cleaners.types import CONTENT

    reading = read_page(text, url)
    if reading is None:
        return None
    lines = [f.text for f in reading.feats]
    return PageRows(
        group,
        renderer,
        line_vectors(reading),
        label_lines(lines, truth),
        [b.kind == CONTENT for b in reading.blocks],
        restorable(reading),
        [tokens(line) for line in lines],
        truth,
    )


def _wcxb_rows(args: tuple) -> PageRows | None:
    from cleaners.evaluation.wcxb import page_text, registered_domain

    page, renderer, cache = args
    return page_rows(
        page_text(page, renderer, cache), page.url or None, page.truth, registered_domain(page.url), renderer
    )


def _aeb_rows(args: tuple) -> PageRows | None:
    from cleaners.evaluation.aeb import page_text
    from cleaners.evaluation.wcxb import registered_domain

    page, renderer, cache = args
    return page_rows(
        page_text(page, renderer, cache), page.url or None, page.truth, registered_domain(page.url), renderer
    )


def training_pages(
    renderers: tuple[str, ...] = RENDERINGS,
    limit: int | None = None,
    jobs: int = 2,
    cache: Path | None = None,
    wcxb: Path | None = None,
    aeb: Path | None = None,
) -> list[PageRows]:
    """Rows of every tune page of WCXB and AEB (the first ``limit`` of each) in each rendering, in a fixed order."""
    from cleaners.evaluation.aeb import load_aeb
    from cleaners.evaluation.wcxb import load_wcxb

    wcxb_pages = load_wcxb(wcxb, "tune")[:limit]
    aeb_pages = load_aeb(aeb, "tune")[:limit]
    found = map_pages(_wcxb_rows, [(p, r, cache) for p in wcxb_pages for r in renderers], jobs)
    found += map_pages(_aeb_rows, [(p, r, cache) for p in aeb_pages for r in renderers], jobs)
    return [p for p in found if p is not None and len(p.rows)]


@dataclass(frozen=True)
class TextCheck:
    """The grouped cross-check of the line model: per line (accuracy, F1 of 'keep') and per page (mean word F1 of
    the kept lines against the reference body, for the rules' verdicts and for the model's)."""

    folds: int
    rows: int
    accuracy: float
    f1: float
    rules_f1: float
    model_f1: float


def page_word_f1(page: PageRows, keep: list[bool]) -> float:
    """WCXB's word F1 of the page's kept lines against its reference body."""
    from cleaners.evaluation.metrics import word_scores

    kept = " ".join(" ".join(words) for words, k in zip(page.tokens, keep, strict=True) if k)
    return word_scores("", kept, page.truth).f1


def _columns(pages: list[PageRows]) -> tuple[numpy.ndarray, list[int], list[str], list[float]]:
    """Rows, labels, groups and weights: a line counts as many times as it has words (the score is over words)."""
    import numpy

    rows = numpy.vstack([page.rows for page in pages])
    labels = [label for page in pages for label in page.labels]
    groups = [page.group for page in pages for _ in page.rows]
    weights = [float(max(1, len(words))) for page in pages for words in page.tokens]
    return rows, labels, groups, weights


def cross_check_pages(pages: list[PageRows], rounds: int = ROUNDS) -> TextCheck:
    """Out-of-fold scores for every line (folds by site), judged per line (at 0.5) and per page (as the text path
    decides: cleaners.text.line_model.keeps)."""
    from cleaners.learn.booster import check_scores, cross_predict
    from cleaners.text.line_features import FEATURE_NAMES
    from cleaners.text.line_model import keeps

    rows, labels, groups, weights = _columns(pages)
    scores = cross_predict(rows, labels, groups, FEATURE_NAMES, PARAMS, rounds, weights)
    lines = check_scores(scores, labels)
    rules, model, at = [], [], 0
    for page in pages:
        page_scores = scores[at : at + len(page.rows)]
        at += len(page.rows)
        rules.append(page_word_f1(page, page.rule_kept))
        model.append(page_word_f1(page, keeps(page.rule_kept, page.restorable, page_scores)))
    return TextCheck(
        lines.folds, lines.rows, lines.accuracy, lines.f1, sum(rules) / len(pages), sum(model) / len(pages)
    )


def fit_pages(pages: list[PageRows], rounds: int = ROUNDS) -> str:
    """The line model trained on every row, as LightGBM's text format (the same bytes for the same pages)."""
    from cleaners.learn.booster import fit
    from cleaners.text.line_features import FEATURE_NAMES

    rows, labels, _, weights = _columns(pages)
    return fit(rows, labels, FEATURE_NAMES, PARAMS, rounds, weights)
