"""JSON-lines exports of common tools carry metadata beside the page: it is read in their field names and wins
over what the page says. The trafilatura export is made here by the pinned trafilatura command line."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaners.pipeline import clean_document
from cleaners.read import read_inputs
from schemas import Article, SourceDocument
from tests.paths import AEB

WSJ = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"  # the AEB page of a WSJ article
VENTUREBEAT = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"


@pytest.fixture(scope="module")
def trafilatura_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``trafilatura --json --with-metadata --input-dir pages/`` over two AEB pages, as a .jsonl file."""
    folder = tmp_path_factory.mktemp("export")
    pages = folder / "pages"
    pages.mkdir()
    for page_id in (WSJ, VENTUREBEAT):
        (pages / f"{page_id}.html").write_bytes(gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()))
    command = Path(sys.executable).parent / "trafilatura"
    made = subprocess.run(
        [str(command), "--json", "--with-metadata", "--input-dir", str(pages)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    export = folder / "trafilatura.jsonl"
    export.write_text(made.stdout, encoding="utf-8")
    return export


def _articles(path: Path) -> dict[str, Article]:
    outcomes = [clean_document(doc) for doc in read_inputs([path])]
    assert all(isinstance(o, Article) for o in outcomes), outcomes
    return {o.record.domain: o for o in outcomes}  # type: ignore[union-attr]


def test_a_trafilatura_export_keeps_its_title_url_authors_date_and_site(trafilatura_export: Path) -> None:
    lines = [json.loads(line) for line in trafilatura_export.read_text(encoding="utf-8").splitlines()]
    assert {"title", "author", "date", "source", "source-hostname", "text"} <= set(lines[0])  # the tool's own names
    articles = _articles(trafilatura_export)
    wsj = articles["wsj.com"].record
    assert wsj.url is not None and wsj.url.startswith("https://www.wsj.com/articles/google-stadia")
    assert wsj.title == "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay"
    assert wsj.authors == ["Sarah E Needleman"]
    assert wsj.published_at is not None and wsj.published_at.date().isoformat() == "2019-11-19"
    assert (wsj.site_name, wsj.section) == ("Wall Street Journal", "Tech")
    assert "Microsoft" in wsj.tags
    for field in ("url", "title", "authors", "published_at", "site_name", "section", "tags", "subtitle"):
        assert wsj.metadata_sources[field].startswith("input:"), field
    assert articles["venturebeat.com"].record.authors == ["Reuters"]


def _jsonl(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


PAGE = (
    "<html><head><title>Page title | Example</title><meta property='og:title' content='Page title'>"
    "<meta name='author' content='Page Author'></head><body><h1>Page title</h1>"
    + "<p>The council met on Tuesday evening to debate the proposal and voted to approve the new budget.</p>" * 4
    + "</body></html>"
)


def test_newspaper_scrapy_and_datatrove_field_names(tmp_path: Path) -> None:
    newspaper = {
        "url": "https://news.example.com/a/council-budget",
        "title": "Council approves budget",
        "authors": ["Jane Doe", "John Roe"],
        "publish_date": "2024-03-12T10:15:00",
        "meta_site_name": "Example News",
        "meta_lang": "en",
        "meta_description": "The vote was close.",
        "canonical_link": "https://news.example.com/a/council-budget",
        "html": PAGE,
    }
    scrapy = {
        "link": "https://news.example.org/b",
        "headline": "Mayor resigns",
        "byline": "By Ann Smith",
        "published_at": "2024-03-13",
        "raw_html": PAGE,
    }
    datatrove = {
        "id": "<urn:uuid:1>",
        "text": "Council approves budget\n" + "The council met on Tuesday. " * 10,
        "metadata": {
            "url": "https://news.example.net/c",
            "date": "2024-03-14T08:00:00Z",
            "language": "en",
            "dump": "CC-MAIN-2024-10",
        },
    }
    first, second, third = read_inputs([_jsonl(tmp_path, [newspaper, scrapy, datatrove])])
    assert first.meta["authors"] == ["Jane Doe", "John Roe"] and first.meta["site_name"] == "Example News"
    assert first.meta["published"] == "2024-03-12T10:15:00" and first.meta["canonical_url"].endswith("budget")
    assert second.url == "https://news.example.org/b" and second.meta["title"] == "Mayor resigns"
    assert (third.url, third.fetched_at.isoformat()) == ("https://news.example.net/c", "2024-03-14T08:00:00+00:00")
    assert third.meta == {"language": "en"}  # datatrove's date is the crawl's, not the article's
    record = clean_document(first).record  # type: ignore[union-attr]
    assert (record.title, record.authors, record.site_name) == (
        "Council approves budget",
        ["Jane Doe", "John Roe"],
        "Example News",
    )
    assert record.published_at.isoformat().startswith("2024-03-12T10:15")
    assert record.metadata_sources["title"] == "input:title"
    assert clean_document(second).record.authors == ["Ann Smith"]  # type: ignore[union-attr]


def test_the_page_speaks_where_the_export_is_silent() -> None:
    record = clean_document(
        SourceDocument("page.html", PAGE.encode(), content_type="html", meta={"title": "Export title"})
    ).record  # type: ignore[union-attr]
    assert record.title == "Export title" and record.metadata_sources["title"] == "input:title"
    assert record.authors == ["Page Author"] and not record.metadata_sources["authors"].startswith("input:")


def test_a_source_that_is_not_a_url_is_no_url(tmp_path: Path) -> None:
    [doc] = read_inputs([_jsonl(tmp_path, [{"source": "reuters", "text": "Some text of a page."}])])
    assert doc.url is None
