"""Metadata normalization: raw strings from the page -> typed, comparable values.

(Walking-skeleton version; see issue 4 for the full contract.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cleaners.types import RawMetadata

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Metadata:
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None  # aware (UTC) when tz known, else naive wall time
    published_at_raw: str | None = None
    published_at_tz_known: bool | None = None
    updated_at: datetime | None = None
    updated_at_raw: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    canonical_url: str | None = None
    domain: str | None = None
    language: str | None = None
    word_count: int = 0
    reading_time_minutes: int | None = None
    image_captions: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def parse_date(raw: str | None) -> tuple[datetime | None, bool | None]:
    """A date string as written on a page -> (datetime, tz_known)."""
    if not raw:
        return None, None
    import dateparser

    text = re.sub(r"^\s*(post(ed)? at|published|updated)\s*:?\s*", "", raw, flags=re.I)
    text = re.sub(r"(\d{1,2})/(\d{4})", r"\1 \2", text)  # "Sep 10/2024" -> "Sep 10 2024"
    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None, None
    if parsed.tzinfo is not None:
        return parsed.astimezone(timezone.utc), True
    return parsed, False


def normalize_metadata(meta: RawMetadata, body: str, *, fetched_at: datetime | None = None) -> Metadata:
    published, tz_known = parse_date(meta.date)
    words = len(_WORD.findall(body))
    authors = [a.strip() for a in re.split(r"\s*(?:,|\band\b|;)\s*", meta.byline or "") if a.strip()]
    return Metadata(
        title=meta.title, subtitle=meta.subtitle, authors=meta.authors or authors,
        published_at=published, published_at_raw=meta.date, published_at_tz_known=tz_known,
        site_name=meta.site_name, section=meta.section, tags=meta.tags, url=meta.url,
        canonical_url=meta.canonical_url or meta.url, language=meta.language, word_count=words,
        reading_time_minutes=max(1, round(words / 230)) if words else None, sources=dict(meta.sources),
    )
