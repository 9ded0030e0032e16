"""html_metadata finds the <meta>, <script>, <time>, <link> and <title> elements in one walk: the same elements,
in the same order, as the XPaths it replaces."""

from __future__ import annotations

import gzip

import pytest
from lxml import html as lxml_html

from cleaners.html.extract import load_tree
from cleaners.html.metadata import jsonld_article, meta_tags, page_elements, time_element_date
from tests.paths import ROOT

AEB_PAGES = sorted((ROOT / "tests" / "aeb" / "html").glob("*.html.gz"))[::4]

SYNTHETIC = """<html><head><title>First</title><meta name="Author" content=" Jane Roe ">
<script type="Application/LD+JSON">{"@type": "NewsArticle", "headline": "H"}</script>
<link rel="Canonical" href="/a"><link rel="canonical"></head><body><title>Second</title>
<time datetime="2024-01-01">x</time><time datetime="2024-02-02" class="date-published">y</time>
<time pubdate>z</time><time datetime="" itemprop="datePublished">w</time>
<script type="text/javascript">var x = 1;</script><meta property="og:title" content="T"></body></html>"""

XPATH_JSONLD = '//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'
XPATH_TIME = '//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class, "publish")]'


def _trees() -> list:
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in AEB_PAGES]
    return [load_tree(page)[0] for page in [SYNTHETIC, *pages]]


@pytest.mark.parametrize("index", range(len(_trees())))
def test_one_walk_finds_what_the_xpaths_find(index: int) -> None:
    tree = _trees()[index]
    found = page_elements(tree)
    assert found["meta"] == list(tree.iter("meta"))
    assert found["title"] == tree.xpath("//title")
    assert found["link"] == tree.xpath("//link")
    assert [s for s in found["script"] if s in tree.xpath(XPATH_JSONLD)] == tree.xpath(XPATH_JSONLD)
    assert jsonld_article(found["script"]) == jsonld_article(tree.xpath(XPATH_JSONLD))
    dated = tree.xpath(XPATH_TIME)
    assert time_element_date(found["time"]) == (dated[0].get("datetime") if dated else None)


def test_synthetic_values() -> None:
    found = page_elements(load_tree(SYNTHETIC)[0])
    assert meta_tags(found["meta"]) == {"author": "Jane Roe", "og:title": "T"}
    assert jsonld_article(found["script"]) == {"@type": "NewsArticle", "headline": "H"}
    assert time_element_date(found["time"]) == "2024-02-02"
    assert [t.text for t in found["title"]] == ["First", "Second"]


def test_an_element_below_the_root_keeps_its_own_metas() -> None:
    fragment = lxml_html.fromstring('<div><meta name="a" content="b"><p>text</p></div>')
    document = fragment.getroottree().getroot()
    assert document is not fragment
    found = page_elements(fragment)
    assert found["meta"] == list(fragment.iter("meta"))
    assert found["title"] == fragment.xpath("//title")
