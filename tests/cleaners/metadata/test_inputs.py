"""cleaners.metadata.inputs: an export's own metadata wins over the page's, and says where it came from."""

from __future__ import annotations

from cleaners.metadata.inputs import with_input_metadata
from cleaners.types import RawMetadata


def test_export_fields_replace_the_pages_and_are_sourced_as_input():
    page = RawMetadata(title="Page title", authors=["Page Author"], sources={"title": "html:og:title"})
    meta = {"title": "Export title", "authors": "A. One; B. Two", "published": "2024-05-01", "tags": "x, y"}
    merged = with_input_metadata(page, meta)
    assert (merged.title, merged.authors, merged.date, merged.tags) == (
        "Export title",
        ["A. One", "B. Two"],
        "2024-05-01",
        ["x", "y"],
    )
    assert merged.sources == {
        "title": "input:title",
        "authors": "input:authors",
        "date": "input:published",
        "tags": "input:tags",
    }
    assert page.title == "Page title" and page.sources == {"title": "html:og:title"}  # the page's copy is untouched


def test_empty_values_and_no_metadata_keep_the_pages():
    page = RawMetadata(title="Page title")
    assert with_input_metadata(page, None) is page
    assert with_input_metadata(page, {"title": "", "site_name": ["", "Site"]}).title == "Page title"
    assert with_input_metadata(page, {"site_name": ["", "Site"]}).site_name == "Site"  # first non-empty of a list
