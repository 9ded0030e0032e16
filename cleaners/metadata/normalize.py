"""Metadata normalization: raw strings from the page -> typed, comparable values (issue 4).

Input-side metadata (URL, fetch time, HTTP headers) wins over what the page says, and the page wins over
guesses from the text. ``sources`` records where each value came from; ``flags`` records every value that
was nulled as invalid and why. ``normalize_metadata`` never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cleaners.metadata.authors import BylineParts, normalize_authors, split_byline
from cleaners.metadata.dates import ParsedDate, find_date_start, has_update, parse_date
from cleaners.metadata.language import choose_language, declared_language
from cleaners.metadata.reading import estimate_reading_time, parse_reading_time
from cleaners.metadata.titles import (
    clean_section,
    clean_site_name,
    clean_title,
    is_home_page,
    site_from_desk,
    tidy,
)
from cleaners.metadata.urls import canonical_from_headers, normalize_url, registered_domain
from cleaners.types import RawMetadata

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TAGS = 50
MAX_TAG_CHARS = 100
# where a detected language came from (choose_language's answer -> metadata source)
_DETECTED_SOURCES = {"detected:body": "py3langid:body", "detected:page": "py3langid:page-text"}


@dataclass
class Metadata:
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None  # aware (UTC) when tz known, else naive wall time
    published_at_local: datetime | None = None  # naive wall time as written on the page
    published_at_raw: str | None = None
    published_at_tz_known: bool | None = None
    updated_at: datetime | None = None  # aware (UTC) when tz known, else naive wall time
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
    sources: dict[str, str] = field(default_factory=dict)  # field -> where the value came from
    flags: list[str] = field(default_factory=list)  # values nulled as invalid, with why


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def count_words(body: Any) -> int:
    return len(_WORD.findall(body)) if isinstance(body, str) else 0


def _header(headers: dict[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if isinstance(key, str) and key.lower() == name and isinstance(value, str):
            return value
    return None


class _Builder:
    """Fills one Metadata from RawMetadata plus input-side values, field by field."""

    def __init__(
        self, raw: RawMetadata, body: str, fetched_at: datetime | None, site_timezone: str | None, now: datetime | None
    ) -> None:
        self.raw = raw
        self.body = body if isinstance(body, str) else ""
        self.fetched_at = fetched_at if isinstance(fetched_at, datetime) else None
        self.site_timezone = site_timezone
        self.now = now
        raw_sources = getattr(raw, "sources", None)
        self.raw_sources: dict[str, str] = dict(raw_sources) if isinstance(raw_sources, dict) else {}
        self.out = Metadata()
        byline = _text(getattr(raw, "byline", None))
        self.byline = split_byline(byline) if byline else BylineParts("")

    def source_of(self, key: str, default: str = "page") -> str:
        return str(self.raw_sources.get(key, default))

    def note(self, key: str, source: str) -> None:
        self.out.sources[key] = source

    def flag(self, message: str | None) -> None:
        if message:
            self.out.flags.append(message)

    # --- URLs -----------------------------------------------------------------------------------
    def urls(self, url: str | None, headers: dict[str, str] | None) -> None:
        out = self.out
        input_url = normalize_url(url)
        if input_url:
            out.url = input_url
            self.note("url", "input:url")
        elif normalize_url(_text(self.raw.url)):
            out.url = normalize_url(_text(self.raw.url))
            self.note("url", self.source_of("url"))
        elif url or _text(self.raw.url):
            self.flag(f"url: {str(url or self.raw.url)[:80]!r} is not an http(s) URL")
        header_canonical = normalize_url(canonical_from_headers(headers), base=out.url)
        page_canonical = normalize_url(_text(self.raw.canonical_url), base=out.url)
        if header_canonical:
            out.canonical_url = header_canonical
            self.note("canonical_url", "input:header[link]")
        elif page_canonical:
            out.canonical_url = page_canonical
            self.note("canonical_url", self.source_of("canonical_url"))
        elif out.url:
            out.canonical_url = out.url
            self.note("canonical_url", self.out.sources["url"])
        domain_from = (input_url, "input:url"), (out.url, self.out.sources.get("url", "")), (out.canonical_url, "")
        for candidate, source in domain_from:
            domain = registered_domain(candidate)
            if domain:
                out.domain = domain
                self.note("domain", source or self.out.sources.get("canonical_url", "page"))
                break

    # --- people and names -----------------------------------------------------------------------
    def authors(self) -> None:
        listed = _strings(getattr(self.raw, "authors", None))
        site_names = tuple(s for s in (_text(self.raw.site_name), self.out.domain) if s)
        if listed:
            authors, flags = normalize_authors(listed, site_names=site_names)
            source = self.source_of("authors")
        else:
            authors, flags = normalize_authors(self.byline.names, site_names=site_names)
            source = self.source_of("byline", "text:byline")
        self.out.authors = authors
        self.out.flags.extend(flags)
        if authors:
            self.note("authors", source)

    def site_name(self) -> None:
        name = clean_site_name(_text(self.raw.site_name), self.out.domain)
        if name:
            self.out.site_name = name
            self.note("site_name", self.source_of("site_name"))
            return
        if _text(self.raw.site_name):
            self.flag(f"site_name: {str(self.raw.site_name)[:80]!r} is not a site name")
        desk = site_from_desk(self.out.authors)
        if desk:
            self.out.site_name = desk
            self.note("site_name", "text:desk-byline")

    def titles(self) -> None:
        title, removed = clean_title(
            _text(self.raw.title),
            self.out.site_name,
            self.out.domain,
            raw_site_name=_text(self.raw.site_name),
            home_page=is_home_page(self.out.url),
        )
        if title:
            self.out.title = title
            self.note("title", self.source_of("title") + (" (site name stripped)" if removed else ""))
        subtitle = tidy(_text(self.raw.subtitle))
        if subtitle and subtitle != title and subtitle != _text(self.raw.title):
            self.out.subtitle = subtitle
            self.note("subtitle", self.source_of("subtitle"))
        self.out.section = clean_section(_text(self.raw.section))
        if self.out.section:
            self.note("section", self.source_of("section"))
        self.out.tags = clean_list(_strings(getattr(self.raw, "tags", None)))
        if self.out.tags:
            self.note("tags", self.source_of("tags"))

    # --- language, counts, reading time ---------------------------------------------------------
    def language(self, headers: dict[str, str] | None) -> None:
        self.out.word_count = count_words(self.body)
        header_lang = declared_language(_header(headers, "content-language"))
        declared = header_lang or declared_language(_text(self.raw.language))
        language, how = choose_language(self.body, declared, self.out.word_count, self.raw.detected_language)
        self.out.language = language
        if how == "too short":
            self.flag(f"language: the text is too short to tell ({self.out.word_count} words)")
        if language:
            declared_from = "input:header[content-language]" if header_lang else self.source_of("language")
            self.note("language", _DETECTED_SOURCES.get(how, declared_from))

    def reading_time(self) -> None:
        stated = parse_reading_time(_text(self.raw.reading_time))
        if stated:
            self.out.reading_time_minutes = stated
            self.note("reading_time_minutes", self.source_of("reading_time"))
        elif self.byline.reading_time and 0 < self.byline.reading_time <= 600:
            self.out.reading_time_minutes = self.byline.reading_time
            self.note("reading_time_minutes", self.source_of("byline", "text:byline"))
        elif self.out.word_count:
            self.out.reading_time_minutes = estimate_reading_time(self.out.word_count)
            self.note("reading_time_minutes", f"computed:{self.out.word_count} words")

    # --- dates ----------------------------------------------------------------------------------
    def parse(self, raw: str, key: str) -> tuple[ParsedDate | None, str | None]:
        parsed, problem = parse_date(
            raw, field=key, fetched_at=self.fetched_at, hint=self.out.language, site_tz=self.site_timezone, now=self.now
        )
        if parsed is None and problem and problem.endswith("is not a date"):
            start = find_date_start(raw)  # a whole byline passed as the date: parse from the date on
            if start:
                retry, retry_problem = parse_date(
                    raw[start:],
                    field=key,
                    fetched_at=self.fetched_at,
                    hint=self.out.language,
                    site_tz=self.site_timezone,
                    now=self.now,
                )
                return retry, retry_problem if retry is None else None
        return parsed, problem

    def first_date(self, candidates: list[tuple[str | None, str]], key: str) -> tuple[ParsedDate | None, str, str]:
        """The first candidate that parses: (parsed, raw, source); every failure is flagged."""
        first_raw = ""
        for raw, source in candidates:
            if not raw:
                continue
            first_raw = first_raw or raw
            parsed, problem = self.parse(raw, key)
            self.flag(problem)
            if parsed is not None:
                return parsed, raw, source + (" (relative to fetched_at)" if parsed.relative else "")
        return None, first_raw, ""

    def dates(self) -> None:
        out = self.out
        byline_source = self.source_of("byline", "text:byline")
        published, raw, source = self.first_date(
            [(_text(self.raw.date), self.source_of("date")), (self.byline.date, byline_source)], "published_at"
        )
        out.published_at_raw = tidy(raw)
        if published:
            out.published_at, out.published_at_local = published.value, published.local
            out.published_at_tz_known = published.tz_known
            self.note("published_at", source)
        updates = [(_text(self.raw.updated), self.source_of("updated"))]
        if (date := _text(self.raw.date)) and has_update(date):  # "Published ... | Updated ..." in one string
            updates.append((date, self.source_of("date")))
        updated, raw, source = self.first_date(updates, "updated_at")
        out.updated_at_raw = tidy(raw)
        if updated:
            out.updated_at = updated.value
            self.note("updated_at", source)

    def captions(self, captions: list[str] | None) -> None:
        self.out.image_captions = clean_list(_strings(captions), max_chars=2000, limit=200)
        if self.out.image_captions:
            self.note("image_captions", "removed:photo_caption")


def clean_list(items: list[str], *, max_chars: int = MAX_TAG_CHARS, limit: int = MAX_TAGS) -> list[str]:
    """Tidy, drop empties and over-long values, de-duplicate (case-insensitively), keep order."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        text = tidy(item)
        if text and len(text) <= max_chars and text.lower() not in seen:
            seen.add(text.lower())
            kept.append(text)
    return kept[:limit]


def normalize_metadata(
    meta: RawMetadata,
    body: str,
    *,
    fetched_at: datetime | None = None,
    url: str | None = None,
    headers: dict[str, str] | None = None,
    captions: list[str] | None = None,
    site_timezone: str | None = None,
    now: datetime | None = None,
) -> Metadata:
    """RawMetadata + clean body (+ input-side url, fetched_at, headers, removed captions) -> Metadata.

    ``site_timezone`` (an IANA name) turns naive wall times into UTC when the site's zone is known;
    ``now`` bounds "in the future" checks when there is no ``fetched_at`` (default: the clock).
    Never raises: a step that fails leaves its fields empty and adds a flag.
    """
    if not isinstance(meta, RawMetadata):
        meta = RawMetadata()
    try:
        builder = _Builder(meta, body, fetched_at, site_timezone, now)
    except Exception as exc:
        builder = _Builder(RawMetadata(**{**vars(meta), "byline": None}), body, fetched_at, site_timezone, now)
        builder.flag(f"byline: could not be split ({type(exc).__name__})")
    steps = (
        ("url", lambda: builder.urls(url, headers)),
        ("authors", builder.authors),
        ("site_name", builder.site_name),
        ("title", builder.titles),
        ("language", lambda: builder.language(headers)),
        ("reading_time", builder.reading_time),
        ("dates", builder.dates),
        ("image_captions", lambda: builder.captions(captions)),
    )
    for name, step in steps:
        try:
            step()
        except Exception as exc:
            builder.flag(f"{name}: normalization failed ({type(exc).__name__}: {str(exc)[:80]})")
    return builder.out
