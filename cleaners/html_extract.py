"""HTML path: trafilatura as the backbone, then the block classifier over what it kept."""

from __future__ import annotations

import trafilatura

from cleaners.rules import first_match
from cleaners.text_extract import extract_text
from cleaners.html_metadata import html_metadata
from cleaners.types import Block, Extraction


def extract_html(html: str, url: str | None = None) -> Extraction:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        # trafilatura found nothing: fall back to the plain-text classifier over the visible text
        from lxml import html as lxml_html

        try:
            visible = lxml_html.fromstring(html).text_content()
        except Exception:  # noqa: BLE001 - unparsable markup still yields its raw text
            visible = html
        extraction = extract_text(visible, url=url)
        extraction.method = "fallback-text"
        return extraction
    meta = html_metadata(doc, html, url)
    blocks = []
    for para in (p.strip() for p in doc.text.split("\n")):
        if not para:
            continue
        rule = first_match(para)
        blocks.append(Block(para, rule.kind, rule.name) if rule else Block(para))
    return Extraction(blocks, meta, "trafilatura+classifier")
