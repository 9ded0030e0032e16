"""Metadata coverage on the benchmark: domain correct, title present, date present, language right.

``metadata_coverage(records, truths)`` takes article records (dicts with ``page_id`` plus the record keys
``domain``, ``title``, ``published_at``, ``language``) and the ground truth ({page_id: {url, articleBody}}).
Run ``python -m cleaners.evaluation.metadata [aeb_dir]`` for the figures over tests/aeb (HTML path).
"""

from __future__ import annotations

from typing import Any

from cleaners.metadata.language import detect_language

TARGETS = {"domain_match": 1.0, "title_present": 0.98, "published_present": 0.85, "english_language_correct": 1.0}


def truth_domain(url: str | None) -> str | None:
    """Registered domain of a ground-truth URL, via tld directly (independent of the normalizer's path)."""
    if not url:
        return None
    from tld import get_fld

    return get_fld(url, fail_silently=True)


def truth_language(body: str) -> str | None:
    lang, _ = detect_language(body or "")
    return lang


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def metadata_coverage(records: list[dict[str, Any]], truths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Coverage figures and the page ids that miss each one."""
    by_id = {r.get("page_id"): r for r in records}
    misses: dict[str, list[str]] = {"domain": [], "title": [], "published_at": [], "language": [], "english": []}
    english = english_ok = lang_ok = 0
    for page_id, truth in truths.items():
        record = by_id.get(page_id) or {}
        if record.get("domain") != truth_domain(truth.get("url")):
            misses["domain"].append(page_id)
        if not record.get("title"):
            misses["title"].append(page_id)
        if record.get("published_at") is None:
            misses["published_at"].append(page_id)
        expected = truth_language(truth.get("articleBody", ""))
        if record.get("language") == expected:
            lang_ok += 1
        else:
            misses["language"].append(page_id)
        if expected == "en":
            english += 1
            if record.get("language") == "en":
                english_ok += 1
            else:
                misses["english"].append(page_id)
    pages = len(truths)
    figures = {
        "pages": pages,
        "domain_match": _rate(pages - len(misses["domain"]), pages),
        "title_present": _rate(pages - len(misses["title"]), pages),
        "published_present": _rate(pages - len(misses["published_at"]), pages),
        "language_correct": _rate(lang_ok, pages),
        "english_pages": english,
        "english_language_correct": _rate(english_ok, english),
        "authors_present": _rate(sum(1 for r in by_id.values() if r.get("authors")), pages),
        "published_tz_known": _rate(sum(1 for r in by_id.values() if r.get("published_at_tz_known")), pages),
        "flagged_pages": sum(1 for r in by_id.values() if r.get("metadata_flags")),
    }
    figures["meets_targets"] = all(figures[k] >= v for k, v in TARGETS.items())
    figures["misses"] = {k: v for k, v in misses.items() if v}
    return figures
