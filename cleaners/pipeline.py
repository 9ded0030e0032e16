"""One document in, one outcome out: a clean article record or a quarantine reason. Pure: no I/O."""

from __future__ import annotations

import hashlib
import re

from lxml import etree
from lxml import html as lxml_html

from cleaners.html import extract_html, load_tree
from cleaners.metadata import normalize_metadata
from cleaners.metadata.inputs import with_input_metadata
from cleaners.page_type import HtmlSignals, html_signals, page_type
from cleaners.read import MAX_PAGE_BYTES, bom_encoding, decode_bytes, too_large_detail
from cleaners.text import extract_text
from cleaners.types import Extraction
from schemas import Article, ArticleRecord, Outcome, Quarantined, Reason, RemovedBlock, SourceDocument

CLEANER_VERSION = "0.1.0"

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|div|p|article)\b", re.I)
_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*?<!ENTITY\s", re.I)
_BINARY_MAGIC = (  # PNG, JPEG, GIF, PDF, ZIP (docx, epub), gzip, RIFF (webp, wav), ICO
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x00\x00\x01\x00",
)

_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)  # not tab, newline, VT, form feed, CR


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_of(doc: SourceDocument) -> str:
    """The ledger identity of an input: the sha256 of its raw bytes.

    An input that could not be read (or has no bytes) is identified by where it came from and what went
    wrong instead, so two different broken files are never mistaken for copies of each other, while a
    re-run over the same broken file still recognises it.
    """
    if doc.read_error or not doc.data:
        return sha256(f"unreadable:{doc.source}:{doc.read_error}\0".encode() + doc.data)
    return sha256(doc.data)


def sniff_kind(doc: SourceDocument) -> str:
    if doc.content_type in ("html", "text"):
        return doc.content_type
    content_type = doc.headers.get("content-type", "").lower()
    if "html" in content_type:
        return "html"
    return "html" if _HTML_SNIFF.search(doc.data[:4096]) else "text"


def _looks_binary(data: bytes) -> bool:
    """NUL or control bytes in the head, unless the text is UTF-16/32 (BOM, or ASCII with NUL every other byte)."""
    head = data[:8192]
    if bom_encoding(head) or _looks_utf16(head):
        return False
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return b"\x00" in head or controls > len(head) * 0.1


def _looks_utf16(head: bytes) -> bool:
    """BOM-less UTF-16 of mostly-ASCII text: NULs fill (nearly) all the even or all the odd positions."""
    pairs = len(head) // 2
    if pairs < 8:
        return False
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    return max(even, odd) > 0.9 * pairs and min(even, odd) < 0.05 * pairs


def _declares_entities(data: bytes) -> bool:
    """A DOCTYPE internal subset declaring entities (the "billion laughs" shape); web pages never need one."""
    return _ENTITY_DECL.search(data) is not None


_INVISIBLE = frozenset({"script", "style", "template"})


def _has_visible_text(el: etree._Element) -> bool:
    """Non-blank text in ``el`` outside scripts, styles and templates; stops at the first (a few elements in)."""
    if el.tag in _INVISIBLE:
        return False
    if el.text and not el.text.isspace():
        return True
    for child in el:
        if isinstance(child.tag, str) and _has_visible_text(child):  # (a comment's text is not visible)
            return True
        if child.tail and not child.tail.isspace():
            return True
    return False


def _html_problem(tree: etree._Element | None, too_deep: bool, html: str) -> tuple[Reason, str] | None:
    """(reason, detail) when the markup cannot give an article: nested past libxml2's depth limit (256; the
    parser stops there, so this is cheap), or no visible text in <body>."""
    if too_deep:
        return Reason.UNPARSABLE, (
            "the HTML is nested deeper than the parser's 256-level limit, so it cannot be "
            "parsed reliably; the page is malformed or hostile -- inspect it"
        )
    if tree is None:  # not a whole document (trafilatura's check): judge it as lxml reads a fragment
        try:
            tree = lxml_html.document_fromstring(html)
        except (etree.ParserError, ValueError):
            return Reason.NO_BODY, "the HTML has no elements at all; check the scraper saved the page"
    # a fragment parses to its own element (lxml renames the <body> of a many-element fragment)
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None or not _has_visible_text(body):
        return Reason.NO_BODY, (
            "the HTML has no visible text in <body> (only a head, scripts or styles); it may be "
            "rendered by JavaScript or cut off -- re-fetch it with a browser-based scraper"
        )
    return None


def screen(doc: SourceDocument, max_page_bytes: int = MAX_PAGE_BYTES) -> tuple[Reason, str] | None:
    """(reason, detail) when the raw input cannot be cleaned at all, before any parsing."""
    if doc.read_error:
        return doc.read_error, doc.read_error_detail
    if not doc.data.strip():
        return Reason.EMPTY, Reason.EMPTY.advice
    if len(doc.data) > max_page_bytes:
        return Reason.TOO_LARGE, too_large_detail(len(doc.data), max_page_bytes)
    if _looks_binary(doc.data):
        return Reason.BINARY, (
            "the input is not text (NUL or control bytes, or a binary file signature); check the "
            "scraper saved the page and not an image, PDF or archive"
        )
    if _declares_entities(doc.data):
        return Reason.XML_ENTITIES, (
            "the page declares XML entities in a DOCTYPE (the shape of a 'billion laughs' "
            "entity bomb); not parsed -- inspect the source before re-feeding it"
        )
    return None


def clean_document(doc: SourceDocument, max_page_bytes: int = MAX_PAGE_BYTES) -> Outcome:
    """The one cleaning entry point: an Article (record and removed blocks) or why the input was quarantined."""
    doc_id = doc_id_of(doc)
    if problem := screen(doc, max_page_bytes):
        return Quarantined(doc, doc_id, *problem)
    text = decode_bytes(doc.data, doc.headers)
    signals: HtmlSignals | None = None
    if sniff_kind(doc) == "html":
        tree, too_deep = load_tree(text)  # the one parse of the page, shared by every step below
        if problem := _html_problem(tree, too_deep, text):
            return Quarantined(doc, doc_id, *problem)
        extraction = extract_html(text, doc.url, tree=tree)
        signals = html_signals(tree if tree is not None else text)  # the tree's last reader: it strips scripts
    else:
        extraction = extract_text(text, doc.url)
    if not extraction.body.strip():
        return Quarantined(
            doc,
            doc_id,
            Reason.NO_CONTENT,
            "no article text was found on the page (no body, or "
            "only boilerplate); check the page is an article and was fully saved",
        )
    # positions: the extractor's blocks in page order, then (HTML) the blocks it never chose, in page order
    removed = [
        RemovedBlock(i, b.kind, b.reason, b.text)
        for i, b in enumerate([*extraction.blocks, *extraction.unchosen])
        if not b.kept
    ]
    return Article(doc, doc_id, article_record(doc, doc_id, extraction, signals), removed)


def article_record(
    doc: SourceDocument, doc_id: str, extraction: Extraction, signals: HtmlSignals | None
) -> ArticleRecord:
    """The article's fields: clean body plus normalized metadata (input-side values win over the page's).
    ``signals`` are the page's HTML signals for ``page_type`` (None for plain text)."""
    body = extraction.body
    captions = [b.text for b in extraction.blocks if b.kind == "photo_caption"]
    meta = normalize_metadata(
        with_input_metadata(extraction.meta, doc.meta),
        body,
        fetched_at=doc.fetched_at,
        url=doc.url,
        headers=doc.headers,
        captions=captions,
    )
    return ArticleRecord(
        doc_id=doc_id,
        source=doc.source,
        url=meta.url or doc.url,
        canonical_url=meta.canonical_url,
        domain=meta.domain,
        site_name=meta.site_name,
        title=meta.title,
        subtitle=meta.subtitle,
        authors=meta.authors,
        published_at=meta.published_at,
        published_at_local=meta.published_at_local,
        published_at_tz_known=meta.published_at_tz_known,
        published_at_raw=meta.published_at_raw,
        updated_at=meta.updated_at,
        updated_at_raw=meta.updated_at_raw,
        section=meta.section,
        tags=meta.tags,
        language=meta.language,
        body=body,
        body_markdown=extraction.body_markdown,
        word_count=meta.word_count,
        reading_time_minutes=meta.reading_time_minutes,
        image_captions=meta.image_captions,
        content_hash=sha256(body.encode("utf-8")),
        page_type=page_type(extraction.body_blocks, signals, extraction.kind),
        extraction_method=extraction.method,
        metadata_sources=meta.sources,
        metadata_flags=meta.flags,
        fetched_at=doc.fetched_at,
        cleaner_version=CLEANER_VERSION,
    )
