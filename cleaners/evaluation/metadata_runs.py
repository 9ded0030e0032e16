"""``newsdistill eval metadata``: the cleaners' metadata scored on WCXB per page type (HTML beside trafilatura's own
metadata measured in the same run; plain text has no baseline: a text dump carries no metadata), and on AEB how
often the plain-text path finds the same metadata as the HTML path of the same page, with the HTML path's coverage.

Every page is cleaned through the real pipeline with its URL, as a crawl export would give it.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaners.evaluation.aeb import AebPage, load_aeb
from cleaners.evaluation.aeb import page_text as aeb_text
from cleaners.evaluation.metadata import (
    FIELDS,
    Found,
    Tally,
    Truth,
    as_day,
    judge,
    tally_by_type,
    truth_language,
    words_key,
)
from cleaners.evaluation.pool import map_pages
from cleaners.evaluation.renderers import SHIPPED
from cleaners.evaluation.wcxb import WcxbPage, clean, load_wcxb, page_text, registered_domain

BASELINE = "trafilatura 2.3.1 (with_metadata)"
BASELINE_FIELDS = ("title", "author", "date", "site_name")  # trafilatura gives no language unless asked for one
# WCXB holdout targets per path, and the share of AEB pages whose plain-text title equals the HTML one
TARGETS: dict[str, dict[str, float]] = {
    "html": {"title": 0.92, "author": 0.85, "date": 0.92},
    "text": {"title": 0.85, "author": 0.70, "date": 0.80},
}
AEB_TITLE_AGREEMENT = 0.90


def found_in_record(record: Any) -> Found:
    """The judged fields of an ArticleRecord (None: the page became no article)."""
    if record is None:
        return Found()
    published = record.published_at_local or record.published_at
    return Found(record.title, tuple(record.authors), as_day(published), record.site_name, record.language)


def clean_found(page_id: str, data: bytes, url: str | None, path: str) -> Found:
    from cleaners.pipeline import clean_document
    from schemas import Article, SourceDocument

    outcome = clean_document(SourceDocument(page_id, data, url=url or None, content_type=path))
    return found_in_record(outcome.record if isinstance(outcome, Article) else None)


def trafilatura_found(html: str, url: str | None) -> Found:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return Found()
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Found(doc.title, authors, as_day(doc.date), doc.sitename, None)


def wcxb_truth(page: WcxbPage) -> Truth:
    return Truth(
        page.title,
        (page.author or "").strip() or None,
        as_day(page.date),
        registered_domain(page.url),
        truth_language(page.truth),
    )


@dataclass
class PageResult:
    page_id: str
    page_type: str
    truth: Truth
    ours: Found
    baseline: Found | None


def _wcxb_page(args: tuple[WcxbPage, str, str, Path | None]) -> PageResult:
    page, path, renderer, cache = args
    ours = found_in_record(clean(page, path, page_text(page, renderer, cache) if path == "text" else None))
    baseline = trafilatura_found(page.html(), page.url) if path == "html" else None
    return PageResult(page.page_id, page.page_type, wcxb_truth(page), ours, baseline)


@dataclass
class WcxbMetadataReport:
    path: str
    split: str
    ours: dict[str, Tally]  # page type -> tally ("all" first)
    baseline: dict[str, Tally] | None
    pages: list[PageResult] = field(default_factory=list)
    renderer: str = SHIPPED

    def misses(self, name: str, limit: int = 10) -> list[PageResult]:
        """Pages where our ``name`` is scored and wrong."""
        return [p for p in self.pages if judge(p.ours, p.truth)[name] is False][:limit]

    def targets(self) -> list[tuple[str, float, float | None, bool]]:
        """(field, target, our share, met) on all pages; an HTML figure must also reach the baseline's."""
        rows = []
        for name, target in TARGETS[self.path].items():
            share = self.ours["all"].share(name)
            floor = max(target, (self.baseline["all"].share(name) or 0.0) if self.baseline else 0.0)
            rows.append((name, target, share, share is not None and share >= floor))
        return rows


def run_wcxb_metadata(
    path: str = "html",
    split: str = "holdout",
    jobs: int = 2,
    root: Path | None = None,
    renderer: str = SHIPPED,
    cache: Path | None = None,
) -> WcxbMetadataReport:
    """``renderer`` (text path): the page as that renderer gives it as text, kept in ``cache``."""
    pages = load_wcxb(root, split)
    results = map_pages(_wcxb_page, [(p, path, renderer, cache) for p in pages], jobs)
    ours = tally_by_type((r.page_type, judge(r.ours, r.truth), r.ours) for r in results)
    baseline = None
    if path == "html":
        baseline = tally_by_type(
            (r.page_type, judge(r.baseline or Found(), r.truth), r.baseline or Found()) for r in results
        )
    return WcxbMetadataReport(path, split, ours, baseline, results, renderer)


# --- AEB: the plain-text path beside the HTML path of the same pages ------------------------------------------

AGREEMENT_FIELDS = ("title", "authors", "date", "site_name", "language")


def agree(a: Found, b: Found) -> dict[str, bool]:
    """field -> the two paths found the same value (both finding nothing counts as the same)."""
    return {
        "title": words_key(a.title) == words_key(b.title),
        "authors": sorted(map(words_key, a.authors)) == sorted(map(words_key, b.authors)),
        "date": a.day == b.day,
        "site_name": words_key(a.site_name) == words_key(b.site_name),
        "language": a.language == b.language,
    }


def _aeb_page(args: tuple[AebPage, str, Path | None]) -> tuple[str, Found, Found]:
    page, renderer, cache = args
    html = clean_found(page.page_id, gzip.decompress(page.html_path.read_bytes()), page.url, "html")
    text = clean_found(page.page_id, aeb_text(page, renderer, cache).encode("utf-8"), page.url, "text")
    return page.page_id, html, text


@dataclass
class AebMetadataReport:
    pages: list[tuple[str, Found, Found]]  # page id, HTML path, plain-text path

    def agreement(self) -> dict[str, float]:
        verdicts = [agree(html, text) for _, html, text in self.pages]
        return {name: sum(v[name] for v in verdicts) / len(verdicts) for name in AGREEMENT_FIELDS} if verdicts else {}

    def disagreements(self, name: str, limit: int = 10) -> list[tuple[str, Found, Found]]:
        return [p for p in self.pages if not agree(p[1], p[2])[name]][:limit]

    def coverage(self, path: str) -> dict[str, float]:
        """Share of pages with a title, authors, a date, a site name and a language, on one path."""
        found = [html if path == "html" else text for _, html, text in self.pages]
        values = {
            "title": lambda f: f.title,
            "authors": lambda f: f.authors,
            "date": lambda f: f.day,
            "site_name": lambda f: f.site_name,
            "language": lambda f: f.language,
        }
        return {name: sum(1 for f in found if get(f)) / len(found) for name, get in values.items()} if found else {}


def run_aeb_metadata(
    jobs: int = 2, root: Path | None = None, split: str = "all", renderer: str = SHIPPED, cache: Path | None = None
) -> AebMetadataReport:
    pages = load_aeb(root, split)
    return AebMetadataReport(map_pages(_aeb_page, [(p, renderer, cache) for p in pages], jobs))


__all__ = ["FIELDS", "run_aeb_metadata", "run_wcxb_metadata"]
