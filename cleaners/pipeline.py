"""One document in, one outcome out: a clean article record or a quarantine reason. Pure: no I/O."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from cleaners.decoders import MAX_PAGE_BYTES, decode_bytes
from cleaners.html_extract import extract_html
from cleaners.metadata import normalize_metadata
from cleaners.text_extract import extract_text
from cleaners.types import SourceDocument

CLEANER_VERSION = "0.1.0"

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|div|p|article)\b", re.I)


@dataclass
class Outcome:
    """Either ``record`` (an article) or ``quarantine_reason`` is set, never both."""

    doc: SourceDocument
    doc_id: str
    record: dict[str, Any] | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)  # {position, kind, reason, text}
    quarantine_reason: str | None = None
    quarantine_detail: str = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_kind(doc: SourceDocument) -> str:
    if doc.content_type in ("html", "text"):
        return doc.content_type
    content_type = doc.headers.get("content-type", "").lower()
    if "html" in content_type:
        return "html"
    return "html" if _HTML_SNIFF.search(doc.data[:4096]) else "text"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.1


def clean_document(doc: SourceDocument) -> Outcome:
    doc_id = sha256(doc.data)
    outcome = Outcome(doc, doc_id)
    if doc.read_error:
        return _quarantine(outcome, doc.read_error, doc.read_error_detail)
    if not doc.data.strip():
        return _quarantine(outcome, "empty", "the input has no content; check the scraper saved the page")
    if len(doc.data) > MAX_PAGE_BYTES:
        return _quarantine(outcome, "too_large", f"{len(doc.data)} bytes exceeds the {MAX_PAGE_BYTES}-byte page cap")
    if _looks_binary(doc.data):
        return _quarantine(outcome, "binary", "the input is not text (NUL or control bytes); was a binary file saved?")
    text = decode_bytes(doc.data)
    extraction = extract_html(text, doc.url) if sniff_kind(doc) == "html" else extract_text(text, doc.url)
    body = extraction.body
    if not body.strip():
        return _quarantine(outcome, "no_content", "no article text was found on the page")
    meta = normalize_metadata(extraction.meta, body, fetched_at=doc.fetched_at)
    outcome.removed = [
        {"position": i, "kind": b.kind, "reason": b.reason, "text": b.text}
        for i, b in enumerate(extraction.blocks)
        if not b.kept
    ]
    outcome.record = {
        "doc_id": doc_id,
        "source": doc.source,
        "url": meta.url or doc.url,
        "canonical_url": meta.canonical_url,
        "domain": meta.domain,
        "site_name": meta.site_name,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "authors": meta.authors,
        "published_at": meta.published_at,
        "published_at_tz_known": meta.published_at_tz_known,
        "published_at_raw": meta.published_at_raw,
        "updated_at": meta.updated_at,
        "updated_at_raw": meta.updated_at_raw,
        "section": meta.section,
        "tags": meta.tags,
        "language": meta.language,
        "body": body,
        "word_count": meta.word_count,
        "reading_time_minutes": meta.reading_time_minutes,
        "image_captions": meta.image_captions,
        "content_hash": sha256(body.encode("utf-8")),
        "page_type": "article",
        "extraction_method": extraction.method,
        "metadata_sources": meta.sources,
        "metadata_flags": meta.flags,
        "fetched_at": doc.fetched_at,
        "cleaner_version": CLEANER_VERSION,
    }
    return outcome


def _quarantine(outcome: Outcome, reason: str, detail: str) -> Outcome:
    outcome.quarantine_reason = reason
    outcome.quarantine_detail = detail
    return outcome


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
