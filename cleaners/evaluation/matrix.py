"""The renderer matrix: the plain-text path on each renderer's text of the benchmark pages, beside the whole page
(the same text, uncleaned) and the HTML path on the same pages. One row per renderer; WCXB per page type.

Each page is rendered once per renderer, and that one text is both cleaned and scored whole. AEB is scored with
its own metric (shingles, ``metrics.score_corpus``), WCXB with word F1 (``metrics.word_scores``), as in
``aeb.run_aeb`` and ``wcxb.run_wcxb``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from cleaners.evaluation.metrics import score_corpus, score_page, word_scores
from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import NAMES

# Targets of the text path on the holdout splits.
HTML_MARGIN = 0.04  # text path F1 at least the HTML path's minus this (AEB; WCXB articles)
WCXB_ARTICLE_F1 = 0.94


@dataclass
class Scored:
    """One page under one renderer (or the HTML path, renderer ``html``): ours and the whole page."""

    renderer: str
    page_type: str
    ours: object  # metrics.PageScore (AEB) or metrics.WordScore (WCXB)
    whole: object | None


def _aeb_task(args: tuple[str, object, Path | None]) -> Scored:
    from cleaners.evaluation.aeb import ours_html, page_text
    from cleaners.text.extract import extract_text

    renderer, page, cache = args
    if renderer == "html":
        return Scored("html", "all", score_page(page.page_id, ours_html(page), page.truth), None)
    text = page_text(page, renderer, cache)
    ours = score_page(page.page_id, extract_text(text).body, page.truth)
    return Scored(renderer, "all", ours, score_page(page.page_id, text, page.truth))


def _wcxb_task(args: tuple[str, object, Path | None]) -> Scored:
    from cleaners.evaluation.wcxb import clean, page_text

    renderer, page, cache = args
    text = None if renderer == "html" else page_text(page, renderer, cache)
    record = clean(page, "html" if text is None else "text", text)
    ours = word_scores(page.page_id, record.body if record is not None else "", page.truth)
    whole = None if text is None else word_scores(page.page_id, text, page.truth)
    return Scored(renderer, page.page_type, ours, whole)


@dataclass
class Cell:
    pages: int
    ours: float
    whole: float | None


@dataclass
class Matrix:
    dataset: str
    split: str
    html: dict[str, Cell]  # page type ("all" first) -> the HTML path
    rows: dict[str, dict[str, Cell]]  # renderer -> page type -> text path and whole page

    @property
    def page_types(self) -> list[str]:
        return list(self.html)


def _f1(dataset: str, scores: list) -> float:
    if dataset == "aeb":
        return score_corpus(scores).f1
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def _cells(dataset: str, scored: list[Scored]) -> dict[str, Cell]:
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups["all"].append(s)
        if s.page_type != "all":
            groups[s.page_type].append(s)
    order = ["all", *sorted(k for k in groups if k != "all")]
    return {
        t: Cell(
            len(groups[t]),
            _f1(dataset, [s.ours for s in groups[t]]),
            None if groups[t][0].whole is None else _f1(dataset, [s.whole for s in groups[t]]),
        )
        for t in order
    }


def run_matrix(
    dataset: str,
    root: Path | None = None,
    split: str = "holdout",
    renderers: tuple[str, ...] = NAMES,
    jobs: int = 2,
    cache: Path | None = None,
) -> Matrix:
    """The matrix of ``dataset`` (``aeb`` or ``wcxb``, its corpus folder ``root``) on ``split``; renders are kept in
    the folder ``cache`` when one is given."""
    if dataset == "aeb":
        from cleaners.evaluation.aeb import load_aeb

        pages, task = load_aeb(root, split), _aeb_task
    else:
        from cleaners.evaluation.wcxb import load_wcxb

        pages, task = load_wcxb(root, split), _wcxb_task
    work = [(renderer, page, cache) for renderer in ("html", *renderers) for page in pages]
    scored = map_pages(task, work, jobs)
    by_renderer: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        by_renderer[s.renderer].append(s)
    html = _cells(dataset, by_renderer.pop("html"))
    return Matrix(dataset, split, html, {r: _cells(dataset, by_renderer[r]) for r in renderers})


def missed_targets(matrix: Matrix) -> list[str]:
    """The text-path targets this matrix does not meet, one line each."""
    missed = []
    compared = "all" if matrix.dataset == "aeb" else "article"
    for renderer, cells in matrix.rows.items():
        if compared in cells and cells[compared].ours < matrix.html[compared].ours - HTML_MARGIN:
            missed.append(
                f"{matrix.dataset} {renderer}: {compared} {cells[compared].ours:.3f} < HTML path "
                f"{matrix.html[compared].ours:.3f} - {HTML_MARGIN}"
            )
        if matrix.dataset != "wcxb":
            continue
        if "article" in cells and cells["article"].ours < WCXB_ARTICLE_F1:
            missed.append(f"wcxb {renderer}: article {cells['article'].ours:.3f} < {WCXB_ARTICLE_F1}")
        for page_type, cell in cells.items():
            if page_type != "all" and cell.whole is not None and cell.ours < cell.whole:
                missed.append(f"wcxb {renderer}: {page_type} {cell.ours:.3f} < whole page {cell.whole:.3f}")
    return missed
