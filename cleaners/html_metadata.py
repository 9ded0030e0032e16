"""Raw metadata from an HTML page (trafilatura's document plus the page's own tags)."""

from __future__ import annotations

from typing import Any

from cleaners.types import RawMetadata


def html_metadata(doc: Any, html: str, url: str | None) -> RawMetadata:
    """``doc`` is trafilatura's bare_extraction Document (or None)."""
    if doc is None:
        return RawMetadata(url=url)
    categories = doc.categories if isinstance(doc.categories, list) else []
    return RawMetadata(
        title=doc.title,
        byline=doc.author,
        date=doc.date,
        site_name=doc.sitename,
        section=categories[0] if categories else None,
        tags=list(doc.tags) if isinstance(doc.tags, list) else [],
        url=doc.url or url,
        language=doc.language,
        subtitle=doc.description,
        sources={"title": "trafilatura", "date": "trafilatura", "byline": "trafilatura"},
    )
