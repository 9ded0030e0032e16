"""The multi-type benchmark (WCXB, CC-BY-4.0: "WCXB: A Multi-Type Web Content Extraction Benchmark", M. Foley,
2026): 1,358 pages of seven page types with title, author, date and a text and Markdown body as ground truth.

Split: by registered domain (no domain on both sides), about one domain in three held out; tune on ``tune`` only.
Scores: WCXB's word F1 (``metrics.word_scores``), per page type, beside baselines measured in the same run:
trafilatura with its default settings on the HTML, and the whole page as text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from cleaners.evaluation.corpora import corpus_dir
from cleaners.evaluation.metrics import WordScore, mean_scores, word_scores
from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import SHIPPED, render

if TYPE_CHECKING:
    from schemas import ArticleRecord

SPLITS = ("all", "tune", "holdout")
# word F1 to reach on the holdout split, per path: all pages and articles
TARGETS = {"html": {"all": 0.87, "article": 0.96}, "text": {"all": 0.82, "article": 0.94}}


@dataclass(frozen=True)
class Found:
    """Our cleaner's output for one page: its body and the page type it detected."""

    body: str
    page_type: str


@dataclass(frozen=True)
class WcxbPage:
    page_id: str
    url: str
    page_type: str
    truth: str  # the reference body as plain text
    markdown: str  # the reference body as Markdown
    title: str | None
    author: str | None
    date: str | None
    root: Path

    def html_bytes(self) -> bytes:
        return gzip.decompress((self.root / "html" / f"{self.page_id}.html.gz").read_bytes())

    def html(self) -> str:
        return self.html_bytes().decode("utf-8", errors="replace")

    def text(self) -> str:
        return (self.root / "plaintext" / f"{self.page_id}.txt").read_text(encoding="utf-8", errors="replace")


@cache
def registered_domain(url: str) -> str:
    from tld import get_fld

    return get_fld(url, fail_silently=True) or url


def domain_split(url: str) -> str:
    """'holdout' for about one registered domain in three (fixed by a hash of the domain), else 'tune'."""
    digest = hashlib.sha256(registered_domain(url).encode()).hexdigest()
    return "holdout" if int(digest, 16) % 3 == 0 else "tune"


def load_wcxb(root: Path | None = None, split: str = "all") -> list[WcxbPage]:
    root = root or corpus_dir("wcxb")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        WcxbPage(
            pid,
            v.get("url") or "",
            v.get("page_type") or "unknown",
            v.get("main_content") or "",
            v.get("main_content_markdown") or "",
            v.get("title"),
            v.get("author"),
            v.get("publish_date"),
            root,
        )
        for pid, v in sorted(truth.items())
    ]
    return [p for p in pages if split == "all" or domain_split(p.url) == split]


def ours_html(page: WcxbPage) -> Found:
    return _ours(page, "html")


def ours_text(page: WcxbPage, renderer: str = SHIPPED) -> Found:
    return _ours(page, "text", renderer)


def page_text(page: WcxbPage, renderer: str = SHIPPED, cache: Path | None = None) -> str:
    """The page as plain text: the benchmark's own rendering, or the HTML rendered by ``renderer`` (kept in
    ``cache``)."""
    return page.text() if renderer == SHIPPED else render(renderer, page.html(), page.url or None, cache)


def clean(page: WcxbPage, path: str, text: str | None = None) -> ArticleRecord | None:
    """The page's record through the real pipeline: its HTML, or ``text`` (default: the shipped plain text)."""
    from cleaners.pipeline import clean_document
    from schemas import Article, SourceDocument

    data = page.html_bytes() if path == "html" else (page.text() if text is None else text).encode("utf-8")
    outcome = clean_document(SourceDocument(page.page_id, data, url=page.url or None, content_type=path))
    return outcome.record if isinstance(outcome, Article) else None


def _ours(page: WcxbPage, path: str, renderer: str = SHIPPED) -> Found:
    record = clean(page, path, page_text(page, renderer) if path == "text" else None)
    return Found(record.body, record.page_type) if record is not None else Found("", "")


def trafilatura_html(page: WcxbPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html(), url=page.url or None) or ""


def whole_text(page: WcxbPage, renderer: str = SHIPPED) -> str:
    return page_text(page, renderer)


EXTRACTORS: dict[str, tuple[Callable[[WcxbPage], Found], Callable[[WcxbPage], str], str]] = {
    "html": (ours_html, trafilatura_html, "trafilatura 2.3.1 (defaults)"),
    "text": (ours_text, whole_text, "whole page"),
}


Scored = tuple[str, WordScore, str]  # the page's labelled type, its score, the type our cleaner detected ("")


def _score(args: tuple[Callable[[WcxbPage], Found | str], WcxbPage]) -> Scored:
    extractor, page = args
    found = extractor(page)
    body, detected = (found.body, found.page_type) if isinstance(found, Found) else (found, "")
    return page.page_type, word_scores(page.page_id, body, page.truth), detected


def evaluate(extractor: Callable[[WcxbPage], Found | str], pages: list[WcxbPage], jobs: int = 2) -> list[Scored]:
    return map_pages(_score, [(extractor, p) for p in pages], jobs)


@dataclass
class TypeRow:
    page_type: str
    pages: int
    ours: tuple[float, float, float]  # precision, recall, F1
    baseline: tuple[float, float, float]


@dataclass
class WcxbReport:
    path: str
    split: str
    baseline_name: str
    rows: list[TypeRow]  # "all" first, then each page type
    worst: list[WordScore] = field(default_factory=list)
    detection: list[DetectionRow] = field(default_factory=list)  # "all" first, then each labelled type

    @property
    def detection_accuracy(self) -> float:
        return self.detection[0].recall if self.detection else 0.0

    def missed_targets(self) -> list[str]:
        """The targets for this path this report does not meet, one line each: all pages and articles at least
        ``TARGETS``, and every page type at least the baseline (trafilatura for HTML, the whole page for text)."""
        missed = []
        for row in self.rows:
            target = TARGETS[self.path].get(row.page_type)
            if target is not None and row.ours[2] < target:
                missed.append(f"{row.page_type}: F1 {row.ours[2]:.3f} < {target}")
            if row.ours[2] < row.baseline[2]:
                missed.append(f"{row.page_type}: F1 {row.ours[2]:.3f} < {self.baseline_name} {row.baseline[2]:.3f}")
        return missed


@dataclass
class DetectionRow:
    """The page-type detector against the benchmark's labels, for one type."""

    page_type: str
    pages: int  # pages labelled with the type
    precision: float  # of the pages detected as the type, the share labelled so
    recall: float  # of the pages labelled with the type, the share detected so
    detected_as: dict[str, int]  # what the pages labelled with the type were detected as


# our types that stand for a benchmark label: an index page (a section front, tag page) is a listing
_SAME_TYPE = {"index": "listing"}


def detection_rows(scored: list[Scored]) -> list[DetectionRow]:
    """Accuracy (row "all": the share detected right), then precision and recall per labelled type."""
    pairs = [(label, _SAME_TYPE.get(found, found)) for label, _, found in scored]
    right = sum(label == found for label, found in pairs)
    rows = [
        DetectionRow("all", len(pairs), right / len(pairs) if pairs else 0.0, right / len(pairs) if pairs else 0.0, {})
    ]
    for label in sorted({label for label, _ in pairs}):
        labelled = Counter(found for truth, found in pairs if truth == label)
        detected = sum(1 for _, found in pairs if found == label)
        total = sum(labelled.values())
        hits = labelled[label]
        rows.append(DetectionRow(label, total, hits / detected if detected else 0.0, hits / total, dict(labelled)))
    return rows


def by_type(scored: list[Scored]) -> dict[str, list[WordScore]]:
    groups: dict[str, list[WordScore]] = {"all": [s for _, s, _ in scored]}
    for page_type, score, _ in scored:
        groups.setdefault(page_type, []).append(score)
    return groups


def run_wcxb(
    path: str = "html", split: str = "all", jobs: int = 2, root: Path | None = None, renderer: str = SHIPPED
) -> WcxbReport:
    """``renderer`` (text path): the page as that renderer gives it as text (``renderers.NAMES``)."""
    pages = load_wcxb(root, split)
    ours_fn, base_fn, base_name = EXTRACTORS[path]
    if path == "text":
        ours_fn, base_fn = partial(ours_fn, renderer=renderer), partial(base_fn, renderer=renderer)
    scored = evaluate(ours_fn, pages, jobs)
    ours, base = by_type(scored), by_type(evaluate(base_fn, pages, jobs))
    order = ["all", *sorted(k for k in ours if k != "all")]
    rows = [TypeRow(t, len(ours[t]), mean_scores(ours[t]), mean_scores(base[t])) for t in order]
    worst = sorted(ours["all"], key=lambda s: s.f1)[:10]
    return WcxbReport(path, split, base_name, rows, worst, detection_rows(scored))
