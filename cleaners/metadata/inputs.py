"""Metadata that came with the page from a crawl export (``SourceDocument.meta``, read by ``cleaners.read.jsonl``):
it wins over what the page says, and ``sources`` records it as ``input:<field>``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cleaners.types import RawMetadata

# input field -> RawMetadata attribute
_ATTRIBUTES = {
    "title": "title",
    "authors": "authors",
    "published": "date",
    "site_name": "site_name",
    "language": "language",
    "description": "subtitle",
    "section": "section",
    "tags": "tags",
    "canonical_url": "canonical_url",
}
_LISTS = {"authors": ";", "tags": ","}  # a list given as one string: "A; B" (trafilatura), "x,y"


def with_input_metadata(raw: RawMetadata, meta: Mapping[str, Any] | None) -> RawMetadata:
    """A copy of ``raw`` with every value the export carried put in place of the page's."""
    if not meta:
        return raw
    merged = replace(raw, sources=dict(raw.sources))
    for name, attribute in _ATTRIBUTES.items():
        value = meta.get(name)
        if isinstance(value, str) and name in _LISTS:
            value = [part.strip() for part in value.split(_LISTS[name]) if part.strip()]
        elif isinstance(value, list) and name not in _LISTS:
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if value:
            setattr(merged, attribute, value)
            merged.sources["date" if name == "published" else attribute] = f"input:{name}"
    return merged
