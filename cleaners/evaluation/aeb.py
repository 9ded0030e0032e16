"""Runs the cleaners over the article-extraction benchmark and scores them (``newsdistill eval aeb``)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cleaners.evaluation.corpora import corpus_dir
from cleaners.evaluation.metrics import CorpusScore, PageScore, score_corpus, score_page, split_of
from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import SHIPPED, render


@dataclass
class AebPage:
    page_id: str
    url: str
    truth: str
    html_path: Path
    text_path: Path

    def html(self) -> str:
        return gzip.decompress(self.html_path.read_bytes()).decode("utf-8", errors="replace")

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")


def load_aeb(root: Path | None = None, split: str = "all") -> list[AebPage]:
    root = root or corpus_dir("aeb")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        AebPage(
            pid,
            v.get("url", ""),
            v.get("articleBody", ""),
            root / "html" / f"{pid}.html.gz",
            root / "plaintext" / f"{pid}.txt",
        )
        for pid, v in sorted(truth.items())
    ]
    return [p for p in pages if split == "all" or split_of(p.page_id) == split]


def ours_html(page: AebPage) -> str:
    from cleaners.html.extract import extract_html

    return extract_html(page.html(), page.url).body


def page_text(page: AebPage, renderer: str = SHIPPED, cache: Path | None = None) -> str:
    """The page as plain text: the benchmark's own rendering, or the HTML rendered by ``renderer`` (kept in
    ``cache``)."""
    return page.text() if renderer == SHIPPED else render(renderer, page.html(), page.url, cache)


def ours_text(page: AebPage, renderer: str = SHIPPED) -> str:
    from cleaners.text.extract import extract_text

    return extract_text(page_text(page, renderer)).body


def trafilatura_html(page: AebPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html(), url=page.url, include_comments=False) or ""


def whole_text(page: AebPage, renderer: str = SHIPPED) -> str:
    return page_text(page, renderer)


def _score(args: tuple[Callable[[AebPage], str], AebPage]) -> PageScore:
    extractor, page = args
    return score_page(page.page_id, extractor(page), page.truth)


def evaluate(extractor: Callable[[AebPage], str], pages: list[AebPage], jobs: int = 2) -> list[PageScore]:
    return map_pages(_score, [(extractor, p) for p in pages], jobs)


@dataclass
class EvalReport:
    path: str
    split: str
    ours: CorpusScore
    baseline: CorpusScore
    baseline_name: str
    worst: list[PageScore]


def run_aeb(
    path: str = "html", split: str = "all", jobs: int = 2, root: Path | None = None, renderer: str = SHIPPED
) -> EvalReport:
    """``renderer`` (text path): the page as that renderer gives it as text (``renderers.NAMES``)."""
    pages = load_aeb(root, split)
    ours_fn, base_fn, base_name = (
        (ours_html, trafilatura_html, "trafilatura 2.3.1")
        if path == "html"
        else (partial(ours_text, renderer=renderer), partial(whole_text, renderer=renderer), "whole page")
    )
    ours = evaluate(ours_fn, pages, jobs)
    base = evaluate(base_fn, pages, jobs)
    worst = sorted(ours, key=lambda s: s.f1)[:10]
    return EvalReport(path, split, score_corpus(ours), score_corpus(base), base_name, worst)


if __name__ == "__main__":  # quick use while tuning: python -m cleaners.evaluation.aeb html tune
    import sys

    report = run_aeb(sys.argv[1] if len(sys.argv) > 1 else "html", sys.argv[2] if len(sys.argv) > 2 else "all")
    print(f"{report.path}/{report.split}: ours {report.ours}\n  baseline {report.baseline_name}: {report.baseline}")
    for s in report.worst:
        print(f"  {s.page_id[:12]} f1={s.f1:.3f} p={s.precision} r={s.recall}")
