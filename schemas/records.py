"""The typed contract between the stages: what reading produces, what cleaning returns, why an input failed.

read -> ``SourceDocument`` -> clean -> ``Article`` (an ``ArticleRecord`` plus its removed blocks) or
``Quarantined`` (a ``Reason`` and a detail saying what was wrong and what to do) -> land.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    """Why an input could not become an article. Each code carries the advice shown when nothing more specific
    is known; the quarantine ``detail`` usually says more (sizes, line numbers, the error)."""

    advice: str

    def __new__(cls, code: str, advice: str) -> Reason:
        member = str.__new__(cls, code)
        member._value_ = code
        member.advice = advice
        return member

    MISSING = "missing", "no such file or folder; check the path (and that it is readable from where the run starts)"
    UNREADABLE = "unreadable", "the file could not be read; check permissions and the disk"
    EMPTY = "empty", "the input has no content (empty or whitespace only); check the scraper saved the page"
    BINARY = "binary", ("the input is not text; check the scraper saved the page and not an image, PDF or archive")
    NOT_TEXT = "not_text", "the response is not a web page; nothing to clean (images, PDFs, scripts are skipped)"
    TOO_LARGE = "too_large", "the page is larger than the page cap and was not parsed; check it is really one page"
    BAD_GZIP = "bad_gzip", "the file is not valid gzip; re-download or re-compress it"
    TRUNCATED_GZIP = "truncated_gzip", "the gzip stream ends early; the file was cut off -- re-download it"
    BAD_JSON = "bad_json", "a JSON line is not a valid JSON object; each line must hold one object"
    NO_PAGE_FIELD = (
        "no_page_field",
        ("the JSON object has no page field; name it html or text, or map your field names (JSONL_FIELDS)"),
    )
    BAD_CONTENT_ENCODING = (
        "bad_content_encoding",
        ("the HTTP body could not be decoded with its Content-Encoding; the capture is damaged"),
    )
    BAD_WARC = "bad_warc", "the file could not be read as a WARC; check it is one and is not damaged"
    TRUNCATED_WARC = "truncated_warc", "the WARC file was cut off; later records are missing -- re-fetch it"
    NO_PAGES = "no_pages", "the WARC holds no response records with a page; nothing to clean"
    XML_ENTITIES = (
        "xml_entities",
        ("the page declares XML entities in a DOCTYPE (an entity-bomb shape); inspect the source before re-feeding it"),
    )
    UNPARSABLE = "unparsable", "the HTML cannot be parsed reliably (e.g. absurdly deep nesting); inspect it"
    NO_BODY = (
        "no_body",
        (
            "the HTML has no visible text in <body>; it may be rendered by JavaScript or cut off -- "
            "re-fetch it with a browser-based scraper"
        ),
    )
    NO_CONTENT = (
        "no_content",
        ("no article text was found on the page; check the page is an article and was fully saved"),
    )
    TIMEOUT = "timeout", "cleaning took too long and was stopped; inspect the page, or raise the timeout"
    WORKER_CRASHED = "worker_crashed", "the worker process died while cleaning this document; inspect the page"
    CLEANER_ERROR = "cleaner_error", "the cleaner raised an error; this is a bug -- report it with the document"


@dataclass
class SourceDocument:
    """One input document as read from disk, JSONL or WARC: raw bytes plus input-side metadata."""

    source: str  # path, or path#line / path#record for containers
    data: bytes
    url: str | None = None
    fetched_at: datetime | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None  # "html", "text" or None (sniff)
    read_error: Reason | None = None  # set by a reader when the input could not be read at all
    read_error_detail: str = ""
    # input-side metadata a JSON-lines export carried (title, authors, date, site name, ...), as found
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class ArticleRecord:
    """The clean article: body plus normalized metadata, as the cleaners made it (landing adds identity,
    version and timestamps; see ``schemas.tables.ARTICLES``)."""

    doc_id: str
    source: str
    url: str | None
    canonical_url: str | None
    domain: str | None
    site_name: str | None
    title: str | None
    subtitle: str | None
    authors: list[str]
    published_at: datetime | None
    published_at_local: datetime | None
    published_at_tz_known: bool | None
    published_at_raw: str | None
    updated_at: datetime | None
    updated_at_raw: str | None
    section: str | None
    tags: list[str]
    language: str | None
    body: str
    body_markdown: str  # the body with its headings, lists, tables and emphasis as Markdown
    word_count: int | None
    reading_time_minutes: int | None
    image_captions: list[str]
    content_hash: str
    page_type: str
    extraction_method: str
    metadata_sources: dict[str, str]
    metadata_flags: list[str]
    fetched_at: datetime | None
    cleaner_version: str

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (lists and dicts shared, not copied)."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}


RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ArticleRecord))


@dataclass(slots=True)
class RemovedBlock:
    """A block of the page taken out of the body: where it stood, its boilerplate kind, and why."""

    position: int  # block index in page order
    kind: str
    reason: str
    text: str


@dataclass
class Article:
    """A document that became an article."""

    doc: SourceDocument
    doc_id: str
    record: ArticleRecord
    removed: list[RemovedBlock] = field(default_factory=list)


@dataclass
class Quarantined:
    """A document that could not become an article, with the reason and what to do about it."""

    doc: SourceDocument
    doc_id: str
    reason: Reason
    detail: str = ""

    def __post_init__(self) -> None:
        self.reason = Reason(self.reason)
        self.detail = self.detail or self.reason.advice


Outcome = Article | Quarantined


@dataclass
class Seen:
    """A document whose raw bytes the warehouse already holds: not cleaned again, landed as a duplicate."""

    doc: SourceDocument
    doc_id: str
