"""meta_trafilatura gives trafilatura's own metadata values, computed lazily: checked against trafilatura itself."""

from __future__ import annotations

import gzip

import pytest
from trafilatura import metadata as trafilatura_metadata

from cleaners.html.extract import load_tree
from cleaners.html.trafilatura_metadata import PageMetadata, may_name_author
from tests.paths import ROOT

AEB_PAGES = sorted((ROOT / "tests" / "aeb" / "html").glob("*.html.gz"))[::6]  # a sample of the benchmark

# every kind of element the author and category/tag XPaths look at, nested in the awkward ways
SYNTHETIC = """<html><head><title>Storm closes harbour - Coast News</title>
<meta property="og:title" content="Storm closes harbour"></head><body>
<div class="entry-meta"><a href="/category/weather/">Weather</a> <a href="/about">About</a></div>
<div class="row"><a href="/tags/storm/">Storm</a><div class="tags"><a href="/tag/harbour/">Harbour</a></div></div>
<p class="entry-tags"><a href="/tags/coast/">Coast</a></p>
<span class="cat-links"><a href="/categories/local/">Local</a></span>
<div class="comments"><span class="author">Commenter Name</span></div>
<div class="byline-box"><span class="author-name">By Jane Roe<time>2 May 2024</time> and John Doe</span></div>
<p><a rel="author" href="/staff/roe">Jane Roe</a><rel>me</rel></p>
<span class="ReadTime">4 min read</span><div class="lecture-temps">Lecture 3 min</div>
<article><p>The harbour was closed on Friday as the storm reached the coast, officials said.</p></article>
<aside class="sidebar"><div class="writer">Sidebar Writer</div></aside>
</body></html>"""


def _pages() -> list[str]:
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in AEB_PAGES]
    pages += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").glob("*.htm*"))]
    # tag and category boxes whose links have no "/tag" or "/categor" in their address (PageMetadata.tags
    # skips trafilatura's link scans on such a page: both must find no tags)
    no_tag_links = SYNTHETIC.replace("/tag", "/topic").replace("/categor", "/section")
    # no author markup at all (PageMetadata.author skips trafilatura's author search), and no category link but
    # a section meta (trafilatura's category fallback)
    no_author = SYNTHETIC.replace("author", "credit").replace("writer", "box").replace("byline", "line")
    no_author = no_author.replace("<rel>me</rel>", "")
    section_meta = no_tag_links.replace("<head>", '<head><meta property="article:section" content="Weather">')
    return [SYNTHETIC, SYNTHETIC.replace("<time>2 May 2024</time>", " "), no_tag_links, no_author, section_meta, *pages]


@pytest.mark.parametrize("index", range(len(_pages())))
def test_page_metadata_matches_extract_metadata(index: int) -> None:
    tree, _ = load_tree(_pages()[index])
    assert tree is not None
    page, full = PageMetadata(tree, None), trafilatura_metadata.extract_metadata(tree)
    for name in ("title", "description", "author", "url", "sitename", "categories", "tags", "date"):
        assert getattr(page, name) == getattr(full, name), name


def test_page_metadata_matches_extract_metadata_and_leaves_the_tree_alone() -> None:
    tree, _ = load_tree(SYNTHETIC)
    before = len(list(tree.iter()))
    page = PageMetadata(tree, "https://coast.example/storm")
    full = trafilatura_metadata.extract_metadata(tree, "https://coast.example/storm")
    for name in ("title", "description", "author", "url", "sitename", "categories", "tags", "date"):
        assert getattr(page, name) == getattr(full, name), name
    assert len(list(tree.iter())) == before


# one element per branch of trafilatura's AUTHOR_XPATHS: each is found by extract_author, so each must pass the gate
AUTHOR_MARKUP = [
    '<a rel="author">Jane Roe</a>',
    '<div id="author">Jane Roe</div>',
    '<p class="author">Jane Roe</p>',
    '<span itemprop="author name">Jane Roe</span>',
    "<p>Jane Roe<rel>me</rel></p>",
    '<div data-testid="AuthorCard">Jane Roe</div>',
    '<a data-testid="AuthorURL">Jane Roe</a>',
    '<span class="meta AuthorName">Jane Roe</span>',
    "<author>Jane Roe</author>",
    '<div class="byline">Jane Roe</div>',
    '<span class="username">Jane Roe</span>',
    '<p class="byl">Jane Roe</p>',
    '<h4 class="BBL">Jane Roe</h4>',
    '<span itemprop="creator author">Jane Roe</span>',
    '<div id="xiaobian-x">Jane Roe</div>',
    '<p class="submitted-by">Jane Roe</p>',
    '<span class="journalist-name">Jane Roe</span>',
    '<em data-component="Byline">Jane Roe</em>',
    '<em id="Author1">Jane Roe</em>',
    '<b class="screenname">Jane Roe</b>',
    '<b class="writer">Jane Roe</b>',
    '<b class="article-Byline">Jane Roe</b>',
    '<span class="channel-name">Jane Roe</span>',
]


@pytest.mark.parametrize("markup", AUTHOR_MARKUP)
def test_author_gate_passes_every_author_xpath(markup: str) -> None:
    tree, _ = load_tree(f"<html><body><article><p>Some text here.</p>{markup}</article></body></html>")
    assert trafilatura_metadata.extract_author(tree)
    assert may_name_author(tree)


@pytest.mark.parametrize("index", range(len(_pages())))
def test_author_gate_never_hides_an_author(index: int) -> None:
    tree, _ = load_tree(_pages()[index])
    assert may_name_author(tree) or trafilatura_metadata.extract_author(tree) is None
