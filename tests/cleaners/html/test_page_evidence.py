"""The page-kind detector on small fixed pages: each kind from markup evidence alone (no words of any language)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from cleaners.html.page_evidence import page_evidence, structural_kind
from cleaners.page_type import PAGE_TYPES, page_type

PROSE = "<p>" + " ".join(f"palabra{i}" for i in range(50)) + "</p>"


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _ld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "{kind}"}}</script>'


def _cards(n: int, price: str = "") -> str:
    items = "".join(f'<li class="card"><a href="/p/{i}">Nombre del elemento {i}</a> {price}</li>' for i in range(n))
    return f'<ul class="grid">{items}</ul>'


PAGES = {
    "article": _page(PROSE * 6, _ld("NewsArticle") + '<meta property="og:type" content="article">'),
    "forum": _page('<div class="post">' + PROSE + "</div>", _ld("DiscussionForumPosting")),
    "product": _page('<span itemprop="price">19,90</span><button class="add-to-cart">+</button>', _ld("Product")),
    "collection": _page(_cards(12, "€ 19,90")),
    "documentation": _page("<pre>a = 1</pre><pre>b = 2</pre><pre>c = 3</pre>" + PROSE),
    "listing": _page(_cards(12)),
    "service": _page("".join(f"<h2>Sección {i}</h2><p>Texto breve.</p>" for i in range(6))),
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_each_kind_is_detected_from_its_markup(kind: str) -> None:
    assert structural_kind(page_evidence(lxml_html.fromstring(PAGES[kind]))) == kind


def test_a_plain_page_without_evidence_is_an_article() -> None:
    assert structural_kind(page_evidence(lxml_html.fromstring(_page("<p>Hola.</p>")))) == "article"
    assert structural_kind(page_evidence(None)) == "article"


def test_schema_types_are_read_from_graphs_lists_and_microdata() -> None:
    head = '<script type="application/ld+json">{"@graph": [{"@type": ["WebPage", "QAPage"]}]}</script>'
    body = '<div itemscope itemtype="https://schema.org/Offer"></div>'
    evidence = page_evidence(lxml_html.fromstring(_page(body, head)))
    assert {"webpage", "qapage", "offer"} <= evidence.schema_types


def test_broken_structured_data_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "Product",</script>'
    assert page_evidence(lxml_html.fromstring(_page("<p>x</p>", head))).schema_types == frozenset()


def test_page_type_keeps_the_structural_kind_and_the_older_types() -> None:
    assert page_type(["Un texto cualquiera con varias palabras."], None, "forum") == "forum"
    assert page_type(["Page not found"], None, "product") == "error_page"
    assert {"article", "listing", "forum", "product", "documentation", "service", "collection"} <= set(PAGE_TYPES)
    assert {"index", "login_wall", "error_page"} <= set(PAGE_TYPES)
