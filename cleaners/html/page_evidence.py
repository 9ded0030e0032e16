"""What a page's markup says about its kind, read from the parsed tree (not changed) before cleaning.

Language-neutral evidence only: structured data (schema.org types in JSON-LD and microdata, ``og:type``), and
DOM structure (repeated item cards, price and cart markup, code listings, long prose paragraphs, a publication
date). ``structural_kind`` turns the evidence into one of ``STRUCTURAL_KINDS``.
Class and id names are markup vocabulary, not prose: the same on pages in any language.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

ARTICLE = "article"
LISTING, FORUM, PRODUCT, DOCUMENTATION, SERVICE, COLLECTION = (
    "listing",
    "forum",
    "product",
    "documentation",
    "service",
    "collection",
)
STRUCTURAL_KINDS = (ARTICLE, LISTING, FORUM, PRODUCT, DOCUMENTATION, SERVICE, COLLECTION)

ARTICLE_SCHEMA = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "report",
    }
)
NEWS_SCHEMA = frozenset(t for t in ARTICLE_SCHEMA if "news" in t or t == "liveblogposting")
FORUM_SCHEMA = frozenset({"discussionforumposting", "qapage"})
DOCUMENTATION_SCHEMA = frozenset({"techarticle", "apireference", "softwaresourcecode"})
LISTING_SCHEMA = frozenset({"itemlist", "collectionpage", "searchresultspage"})
ARTICLE_PROSE = 5  # long paragraphs that make a page with article markup an article
MIN_PRICED_CARDS = 4  # item cards showing a price: a shop's collection
MIN_CODE_BLOCKS = 3
MIN_LISTING_CARDS = 8
MAX_LISTING_PROSE = 3
MIN_SERVICE_SECTIONS = 4  # h2/h3 headings

MAX_ELEMENTS = 30_000  # cap the class-named elements read on huge pages
MIN_CARD_WORDS = 3  # a card holds a title at least
PROSE_WORDS = 25  # a paragraph this long is prose

_TYPE_TAIL = re.compile(r"[^/#]+$")
_PRICE_LABEL = re.compile(r"(?:^|[^a-z])(?:price|prices|pricing|amount|offer)(?:$|[^a-z])")
_CART_LABEL = re.compile(r"add[-_]?to[-_]?(?:cart|bag|basket)|addtocart|add-to-wishlist|buy[-_]?now|checkout")
_DATE_NAMES = frozenset({"article:published_time", "datepublished", "date", "dc.date", "dcterms.created", "pubdate"})
_CURRENCY = re.compile(r"[$€£¥₹₽₩]\s?\d|\d[\d.,]*\s?(?:[$€£¥₹₽₩]|usd|eur|gbp|chf|sek|nok|dkk|pln|kr|zł)\b", re.I)


@dataclass
class PageEvidence:
    schema_types: frozenset[str] = frozenset()  # lower-cased schema.org types (JSON-LD @type, microdata itemtype)
    og_type: str = ""
    price_marks: int = 0  # elements marked up as a price or offer
    cart_controls: int = 0  # add-to-cart / buy controls
    code_blocks: int = 0  # <pre> listings
    cards: int = 0  # the largest group of sibling item cards of one kind (tag and class), each with a link
    priced_cards: int = 0  # cards of that group showing a price
    prose: int = 0  # paragraphs of PROSE_WORDS words or more
    headings: int = 0  # h2/h3 headings
    dated: bool = False  # a publication date in the markup (meta, JSON-LD datePublished, microdata, <time>)


def _schema_types(tree: etree._Element) -> set[str]:
    found: set[str] = set()
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        _collect_types(data, found, 0)
    for node in tree.xpath("//*[@itemtype]")[:200]:
        for value in (node.get("itemtype") or "").split():
            tail = _TYPE_TAIL.search(value.rstrip("/"))
            if tail:
                found.add(tail.group(0).lower())
    return found


def _collect_types(data: object, found: set[str], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            _collect_types(item, found, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for value in kind if isinstance(kind, list) else [kind]:
            tail = _TYPE_TAIL.search(value.rstrip("/")) if isinstance(value, str) else None
            if tail:
                found.add(tail.group(0).lower())
        for key, value in data.items():
            if key != "@type" and isinstance(value, (dict, list)):
                _collect_types(value, found, depth + 1)


def _label(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}".lower()


def _words(el: etree._Element) -> int:
    return len(etree.tostring(el, method="text", encoding="unicode", with_tail=False).split())


def _cards(tree: etree._Element) -> tuple[int, int]:
    """(cards, priced): the largest group of sibling elements of one tag and class that each hold a link and a
    title (an item list: products, posts, results), and how many of them show a price."""
    best: list[etree._Element] = []
    for parent in tree.iter("ul", "ol", "div", "section", "main", "tbody"):
        kids = [k for k in parent if isinstance(k.tag, str)]
        if len(kids) < 4:
            continue
        groups = Counter(f"{k.tag}.{k.get('class') or ''}" for k in kids)
        signature, count = groups.most_common(1)[0]
        if count < max(4, len(best) + 1):
            continue
        group = [k for k in kids if f"{k.tag}.{k.get('class') or ''}" == signature]
        linked = [k for k in group if next(k.iter("a"), None) is not None and _words(k) >= MIN_CARD_WORDS]
        if len(linked) >= 0.8 * len(group) and len(linked) > len(best):
            best = linked
    priced = sum(1 for card in best if _CURRENCY.search(etree.tostring(card, method="text", encoding="unicode")))
    return len(best), priced


def page_evidence(tree: etree._Element | None) -> PageEvidence:
    """The markup evidence of one page (empty when there is no tree)."""
    if tree is None:
        return PageEvidence()
    og_type, dated = "", False
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name == "og:type":
            og_type = (meta.get("content") or "").strip().lower()
        dated = dated or name in _DATE_NAMES
    dated = dated or any(t.get("datetime") for t in tree.iter("time"))
    code = sum(1 for _ in tree.iter("pre"))
    prose = sum(1 for p in tree.iter("p") if _words(p) >= PROSE_WORDS)
    headings = sum(1 for _ in tree.iter("h2", "h3"))
    price = cart = 0
    for el in tree.xpath("//*[@class or @id or @itemprop]")[:MAX_ELEMENTS]:
        label = _label(el)
        price += bool(_PRICE_LABEL.search(label))
        cart += bool(_CART_LABEL.search(label))
    cart += sum(1 for form in tree.iter("form") if "cart" in (form.get("action") or "").lower())
    types = _schema_types(tree)
    cards, priced = _cards(tree)
    dated = dated or any('"datepublished"' in (s.text or "").lower() for s in tree.iter("script"))
    return PageEvidence(frozenset(types), og_type, price, cart, code, cards, priced, prose, headings, dated)


def structural_kind(evidence: PageEvidence) -> str:
    """The page's kind by its markup (one of ``STRUCTURAL_KINDS``): structured data first, then structure."""
    types, og = evidence.schema_types, evidence.og_type
    shop_list = evidence.priced_cards >= MIN_PRICED_CARDS
    if types & FORUM_SCHEMA:
        return FORUM
    if (types & ARTICLE_SCHEMA or og == ARTICLE) and evidence.prose >= ARTICLE_PROSE:
        return ARTICLE
    if og.startswith("product.group") or (shop_list and "product" not in types):
        return COLLECTION
    if "product" in types or og == PRODUCT or (evidence.cart_controls and evidence.price_marks):
        return COLLECTION if shop_list else PRODUCT
    if types & DOCUMENTATION_SCHEMA or (evidence.code_blocks >= MIN_CODE_BLOCKS and og != ARTICLE):
        return DOCUMENTATION
    if types & NEWS_SCHEMA or (types & ARTICLE_SCHEMA and evidence.prose >= MAX_LISTING_PROSE):
        return ARTICLE  # a news story's markup: a short story with a list of other stories under it is an article
    if types & LISTING_SCHEMA or (evidence.cards >= MIN_LISTING_CARDS and evidence.prose <= MAX_LISTING_PROSE):
        return LISTING
    # headed sections with little prose, and no date: a page presenting a service, an offer, an organisation
    prose_limit = ARTICLE_PROSE if not evidence.dated else MAX_LISTING_PROSE
    if evidence.prose < prose_limit and evidence.headings >= MIN_SERVICE_SECTIONS and og != ARTICLE:
        return SERVICE
    return ARTICLE
