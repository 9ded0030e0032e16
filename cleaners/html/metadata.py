"""Raw metadata from an HTML page: trafilatura's page metadata plus the page's own tags, parsed once.

Order of preference per field (the first that has a value wins; ``sources`` says which, and why):
- title: the visible <h1> that a page title (og:title, JSON-LD headline, twitter:title, <title>) or the URL confirms,
  else the first page title (``cleaners.metadata.headlines.reconcile_title``)
- date: meta[article:published_time] > the date shown under the headline > JSON-LD datePublished > other date metas
  > time[itemprop/pubdate] > trafilatura (day only) > htmldate (original_date=True)
- authors: JSON-LD author (a person) > trafilatura > twitter:data labelled "Written by" > meta[author] > JSON-LD
  author (an organisation); the byline shown under the headline when none of them names
  an author, or when they name only the site
- site_name: meta[og:site_name] > JSON-LD publisher > trafilatura
- canonical: link[rel=canonical] > meta[og:url]; language: html[lang] > meta content-language > og:locale
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from cleaners.types import RawMetadata

# NewsArticle, BlogPosting, DiscussionForumPosting (a thread's opening post), SocialMediaPosting, Report, WebPage
_ARTICLE_TYPES = re.compile(r"(?:^|\b)(?:\w*Article|\w*Posting|Report|WebPage)$", re.I)
_PUBLISHED_METAS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dc.date.created",
    "date",
    "citation_publication_date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "original-publish-date",
)
_MODIFIED_METAS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
    "lastmod",
)
_AUTHOR_METAS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "cxenseparse:author",
)
_SECTION_METAS = ("article:section", "parsely-section", "section", "article.section", "cxenseparse:articlesection")
_TAG_METAS = ("article:tag", "news_keywords", "keywords", "parsely-tags")
_READING_CLASS = re.compile(r"read(?:ing)?[-_]?time|lesezeit|temps-lecture|reading-duration", re.I)
_READING_CLASS_LOWER = re.compile(_READING_CLASS.pattern)  # on lower-cased ASCII: the same, several times faster
_MAX_JSONLD_CHARS = 200_000
_CANONICAL_CASE = str.maketrans("CANONIL", "canonil")
_JSONLD_CASE = str.maketrans("JSONLD", "jsonld")
_PAGE_TAGS = ("meta", "script", "time", "link", "title", "h1")
_UNSEEN = frozenset({"script", "style", "noscript", "template", "svg", "button"})
# elements that start a new line when rendered: their text is not run into the next word
_LINE_BREAKS = frozenset(
    {"br", "div", "p", "li", "ul", "ol", "section", "header", "h1", "h2", "h3", "figure", "figcaption", "small", "time"}
)
_HEADING_MARKS = re.compile(r"\s*[¶#§]\s*$")  # permalink marks after a heading ("Quickstart¶")
MAX_HEADINGS = 4


def _parse(html: str) -> Any:
    from lxml import html as lxml_html

    try:
        if isinstance(html, str):  # decoded text: tell lxml, or it re-guesses from <meta charset>
            parser = lxml_html.HTMLParser(encoding="utf-8")
            return lxml_html.fromstring(html.encode("utf-8", "replace"), parser=parser)
        return lxml_html.fromstring(html)
    except Exception:
        return None


def page_elements(tree: Any) -> dict[str, list[Any]]:
    """The <meta>, <script>, <time>, <link>, <title> and <h1> elements, each kind in document order, found in one walk
    over the document instead of one per kind. The walk starts at the document's root, as ``//`` does; when
    ``tree`` is an element below it, its metas are its own."""
    root = tree.getroottree().getroot()
    found: dict[str, list[Any]] = {tag: [] for tag in _PAGE_TAGS}
    for node in root.iter(*_PAGE_TAGS):
        found[node.tag].append(node)
    if root is not tree:
        found["meta"] = list(tree.iter("meta"))
    return found


def meta_tags(nodes: list[Any]) -> dict[str, str]:
    """property/name/itemprop (lower-cased) of the <meta> ``nodes`` -> first non-empty content."""
    found: dict[str, str] = {}
    for node in nodes:
        key = node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv")
        value = node.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    return found


def visible_text(element: Any) -> str:
    """The text a reader sees in ``element``: no scripts, styles or button labels; words in separate lines (``<br>``,
    blocks) kept apart; whitespace collapsed."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _UNSEEN:
            parts.append(visible_text(child))
        if child.tag in _LINE_BREAKS:
            parts.append(" ")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def headings(h1s: list[Any]) -> list[tuple[str, str]]:
    """(text, source) of the page's first <h1> elements, without permalink marks."""
    found = [_HEADING_MARKS.sub("", visible_text(h1)) for h1 in h1s[:MAX_HEADINGS]]
    return [(text, "html:h1") for text in found if text]


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(node.get(key), (list, dict)):
                yield from _walk_jsonld(node[key])


def jsonld_article(scripts: list[Any]) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle, BlogPosting ...) in the <script> elements
    ``scripts``, else {}."""
    fallback: dict[str, Any] = {}
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").translate(_JSONLD_CASE):
            continue
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", text))
            except ValueError:
                continue
        for obj in _walk_jsonld(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            is_article = any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types)
            if not is_article or not (obj.get("datePublished") or obj.get("headline")):
                continue
            if not any(isinstance(t, str) and t.lower() == "webpage" for t in types):
                return obj
            fallback = fallback or obj
    return fallback


def _names(value: Any) -> list[str]:
    """JSON-LD author/publisher values -> names (dicts, lists and plain strings; URLs dropped)."""
    if isinstance(value, str):
        return [] if value.startswith(("http://", "https://", "/")) else [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _people_names(value: Any) -> list[str]:
    """The names of the JSON-LD author ``value`` that are not typed as an organisation."""
    values = value if isinstance(value, list) else [value]
    people = [v for v in values if not (isinstance(v, dict) and "organization" in str(v.get("@type", "")).lower())]
    return _names(people)


def labelled_author(metas: dict[str, str]) -> str | None:
    """The value of a ``twitter:label1``/``twitter:data1`` pair whose label names a writer ("Written by",
    "Geschrieben von", "Escrito por" ...)."""
    from cleaners.metadata.authors import names_writer

    for index in range(1, 5):
        label, value = metas.get(f"twitter:label{index}"), metas.get(f"twitter:data{index}")
        if label and value and names_writer(label):
            return value
    return None


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _first_meta(metas: dict[str, str], keys: tuple[str, ...]) -> tuple[str | None, str]:
    for key in keys:
        value = metas.get(key)
        if value and not (key in _AUTHOR_METAS and value.startswith(("http://", "https://"))):
            return value, f"html:meta[{key}]"
    return None, ""


def time_element_date(times: list[Any]) -> str | None:
    """``//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class, "publish")]`` among the
    <time> elements ``times``: the first one's datetime."""
    for node in times:
        value = node.get("datetime")
        if value is not None and (
            node.get("itemprop") == "datePublished"
            or node.get("pubdate") is not None
            or "publish" in (node.get("class") or "")
        ):
            return value
    return None


READING_BOXES = etree.XPath(
    '//*[@class][contains(translate(@class, "RLT", "rlt"), "read") '
    'or contains(translate(@class, "L", "l"), "lesezeit") or contains(@class, "lecture")]'
)


CLASSES = etree.XPath("//@class", smart_strings=False)


def reading_time_text(tree: Any) -> str | None:
    """A short text with a digit in an element whose class names a reading time."""
    if not _names_reading_time("\n".join(CLASSES(tree))):
        return None  # no class names a reading time: one search instead of the slower XPath
    for node in READING_BOXES(tree)[:20]:
        if _READING_CLASS.search(node.get("class", "")):
            text = " ".join(node.text_content().split())
            if 0 < len(text) <= 60 and re.search(r"\d", text):
                return text
    return None


def _names_reading_time(classes: str) -> bool:
    if classes.isascii():  # no non-ASCII letter that IGNORECASE would fold to an ASCII one (the Kelvin sign ...)
        return _READING_CLASS_LOWER.search(classes.lower()) is not None
    return _READING_CLASS.search(classes) is not None


def htmldate_fallback(tree: Any, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        return find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z", url=url)
    except Exception:
        return None


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_BAD_SITE = re.compile(r"^(?:https?://|www\.|@|copyright\b|©|\(c\))", re.I)


def plausible_date(value: str) -> bool:
    """Not a CMS placeholder such as "0001-01-01T00:00:00Z" or the 1970 epoch."""
    match = _YEAR.search(value)
    return not match or 1990 <= int(match.group(1)) <= 2100


def plausible_site_name(value: str) -> bool:
    return not _BAD_SITE.match(value.strip()) and len(value) <= 80


def _related_to_domain(name: str, aliases: list[str]) -> bool:
    from cleaners.metadata.titles import matches_site, squash

    key = squash(name)
    return matches_site(name, aliases) or any(
        key.startswith(a) or (len(key) >= 3 and a.startswith(key)) for a in aliases
    )


def pick_site_name(candidates: list[tuple[str | None, str]], url: str | None) -> list[tuple[str | None, str]]:
    """Usable names first, and among those the ones that match the URL's domain."""
    from cleaners.metadata.titles import site_aliases
    from cleaners.metadata.urls import registered_domain

    usable = [(v, s) for v, s in candidates if isinstance(v, str) and v.strip() and plausible_site_name(v)]
    aliases = site_aliases(None, registered_domain(url))
    if not usable or not aliases:
        return usable
    if _related_to_domain(usable[0][0] or "", aliases):
        return usable
    return sorted(usable, key=lambda c: not _related_to_domain(c[0] or "", aliases))


def without_headline_names(
    candidates: list[tuple[str | None, str]], url: str | None, page_title: str | None
) -> list[tuple[str | None, str]]:
    """``candidates`` without a name that is the page title's first part (or all of it) and does not match the URL's
    domain: the headline, guessed from "Headline - Site" as the site's name."""
    from cleaners.metadata.headlines import title_parts, words_key
    from cleaners.metadata.titles import site_aliases
    from cleaners.metadata.urls import registered_domain

    aliases = site_aliases(None, registered_domain(url))
    parts = title_parts(page_title or "")
    if not aliases or not parts:
        return candidates
    headline = {words_key(page_title), words_key(parts[0])}
    return [
        (name, source)
        for name, source in candidates
        if not (isinstance(name, str) and words_key(name) in headline and not _related_to_domain(name, aliases))
    ]


class _Collector:
    """Fills a RawMetadata field by field, recording the first source that had a value."""

    def __init__(self, meta: RawMetadata) -> None:
        self.meta = meta

    def set(self, key: str, candidates: list[tuple[Any, str]], attr: str | None = None) -> None:
        """``candidates`` in order of preference; a callable value is only called when its turn comes."""
        for value, source in candidates:
            if callable(value):
                value = value()
            if value and not (key in ("date", "updated") and isinstance(value, str) and not plausible_date(value)):
                setattr(self.meta, attr or key, value)
                self.meta.sources[key] = source
                return


def _doc_value(doc: Any, name: str) -> Any:
    value = getattr(doc, name, None) if doc is not None else None
    return value if value else None


def _doc_list(doc: Any, name: str) -> list[str]:
    value = _doc_value(doc, name)
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def html_metadata(doc: Any, html: str, url: str | None, *, tree: Any = None) -> RawMetadata:
    """``doc`` holds trafilatura's metadata fields (``meta_trafilatura.PageMetadata``, a trafilatura Document, or
    None); ``tree`` is the already parsed page (it is only read)."""
    meta = RawMetadata(url=url)
    try:
        tree = tree if tree is not None else _parse(html)
    except Exception:
        tree = None
    metas: dict[str, str] = {}
    article: dict[str, Any] = {}
    elements: dict[str, list[Any]] = {tag: [] for tag in _PAGE_TAGS}
    if tree is not None:
        elements = page_elements(tree)
        try:
            metas = meta_tags(elements["meta"])
            article = jsonld_article(elements["script"])
        except Exception:
            metas, article = {}, {}
    collect = _Collector(meta)
    page_title = elements["title"][0].text_content() if elements["title"] else None
    _people(collect, doc, metas, article, url or _doc_value(doc, "url"), page_title)
    _titles(collect, doc, metas, article, elements, url)
    visible_date = _byline(collect, elements["h1"], url)
    _dates(collect, doc, metas, article, tree, elements["time"], url, visible_date)
    _places(collect, doc, metas, article, tree, elements["link"], url)
    return meta


def _titles(
    collect: _Collector,
    doc: Any,
    metas: dict[str, str],
    article: dict[str, Any],
    elements: dict[str, list[Any]],
    url: str | None,
) -> None:
    """The visible headline that the page titles confirm (``headlines.reconcile_title``), else the first page
    title; the source says which and why."""
    from cleaners.metadata.headlines import reconcile_title
    from cleaners.metadata.titles import clean_site_name, clean_title, site_aliases
    from cleaners.metadata.urls import registered_domain, slug_words

    # the first <title> of the document (``//head/title|//title``)
    page_title = elements["title"][0].text_content() if elements["title"] else None
    titles = [
        (" ".join(text.split()), source)
        for text, source in (
            (metas.get("og:title"), "html:meta[og:title]"),
            (_first_str(article.get("headline")), "html:jsonld[headline]"),
            (metas.get("twitter:title"), "html:meta[twitter:title]"),
            (page_title, "html:title"),
        )
        if isinstance(text, str) and text.strip()
    ]
    if not titles and (fallback := _doc_value(doc, "title")):
        titles.append((fallback, "trafilatura"))
    domain = registered_domain(url)
    raw_site = collect.meta.site_name
    site = clean_site_name(raw_site, domain)
    choice = reconcile_title(
        headings(elements["h1"]),
        titles,
        site_aliases(site, domain),
        lambda title: clean_title(title, site, domain, raw_site_name=raw_site)[0] or title,
        slug_words(url),
    )
    if choice:
        collect.set("title", [choice])
    collect.set(
        "subtitle",
        [
            (_doc_value(doc, "description"), "trafilatura:description"),
            (metas.get("og:description"), "html:meta[og:description]"),
            (_first_str(article.get("description")), "html:jsonld[description]"),
        ],
    )


def _people(
    collect: _Collector,
    doc: Any,
    metas: dict[str, str],
    article: dict[str, Any],
    url: str | None,
    page_title: str | None = None,
) -> None:
    author_meta, author_source = _first_meta(metas, _AUTHOR_METAS)
    trafilatura_authors = [a for a in (_doc_value(doc, "author") or "").split(";") if a.strip()]
    labelled = labelled_author(metas)
    collect.set(
        "authors",
        [
            (_people_names(article.get("author")), "html:jsonld[author]"),
            (trafilatura_authors, "trafilatura"),
            ([labelled] if labelled else [], "html:meta[twitter:data] (labelled as the writer)"),
            ([author_meta] if author_meta else [], author_source),
            (_names(article.get("author")), "html:jsonld[author] (an organisation)"),
        ],
    )
    publisher = _names(article.get("publisher"))
    site_names = [
        (metas.get("og:site_name"), "html:meta[og:site_name]"),
        (publisher[0] if publisher else None, "html:jsonld[publisher]"),
        (metas.get("application-name"), "html:meta[application-name]"),
        (_doc_value(doc, "sitename"), "trafilatura"),
    ]
    site_names = without_headline_names(site_names, url, page_title)
    collect.set("site_name", pick_site_name(site_names, url) or site_names)


def _byline(collect: _Collector, h1s: list[Any], url: str | None) -> str | None:
    """The byline under the headline when the page's tags name no author, or name only the site; returns the date
    shown there (a candidate for ``_dates``)."""
    from cleaners.html.byline import visible_byline
    from cleaners.metadata.dates import parse_date
    from cleaners.metadata.headlines import words_key
    from cleaners.metadata.titles import clean_site_name, matches_site, site_aliases
    from cleaners.metadata.urls import registered_domain

    texts = [(h1, words_key(visible_text(h1))) for h1 in h1s[:MAX_HEADINGS]]
    headline = next((h1 for h1, key in texts if key and key == words_key(collect.meta.title)), None)
    headline = headline if headline is not None else next((h1 for h1, key in texts if key), None)
    if headline is None:
        return None
    byline, date = visible_byline(headline)
    if date and parse_date(date, field="published_at")[0] is None:
        date = None  # not a date this page's parsers read: no candidate, so the next source is asked
    authors = collect.meta.authors
    aliases = site_aliases(clean_site_name(collect.meta.site_name, registered_domain(url)), registered_domain(url))
    if byline and not authors:
        collect.meta.byline, collect.meta.sources["byline"] = byline, "html:byline (under the h1)"
    elif byline and aliases and all(matches_site(a, aliases) for a in authors):
        collect.meta.authors = []
        collect.meta.byline = byline
        collect.meta.sources["byline"] = "html:byline (under the h1; the listed author is the site)"
    return date


def _dates(
    collect: _Collector,
    doc: Any,
    metas: dict[str, str],
    article: dict[str, Any],
    tree: Any,
    times: list[Any],
    url: str | None,
    visible_date: str | None = None,
) -> None:
    published, published_source = _first_meta(metas, _PUBLISHED_METAS[:2])
    other, other_source = _first_meta(metas, _PUBLISHED_METAS[2:])
    candidates = [
        (published, published_source),
        (visible_date, "html:byline date (under the h1)"),
        (_first_str(article.get("datePublished")), "html:jsonld[datePublished]"),
        (other, other_source),
        (_first_str(article.get("dateCreated")), "html:jsonld[dateCreated]"),
    ]
    if tree is not None:
        candidates.append((time_element_date(times), "html:time[datetime]"))
    candidates.append((lambda: _doc_value(doc, "date"), "trafilatura"))
    collect.set("date", candidates)
    if not collect.meta.date and tree is not None:
        collect.set("date", [(htmldate_fallback(tree, url), "htmldate")])
    modified, modified_source = _first_meta(metas, _MODIFIED_METAS)
    collect.set(
        "updated", [(modified, modified_source), (_first_str(article.get("dateModified")), "html:jsonld[dateModified]")]
    )
    if tree is not None:
        collect.set("reading_time", [(reading_time_text(tree), "html:reading-time")])


def _places(
    collect: _Collector,
    doc: Any,
    metas: dict[str, str],
    article: dict[str, Any],
    tree: Any,
    links: list[Any],
    url: str | None,
) -> None:
    # ``//link[@href][contains(translate(@rel, "CANONIL", "canonil"), "canonical")]``
    link = next(
        (
            link
            for link in links
            if link.get("href") is not None and "canonical" in (link.get("rel") or "").translate(_CANONICAL_CASE)
        ),
        None,
    )
    canonical = link.get("href").strip() if link is not None else None
    collect.set("canonical_url", [(canonical, "html:link[canonical]"), (metas.get("og:url"), "html:meta[og:url]")])
    collect.set("url", [(url, "input:url"), (_doc_value(doc, "url"), "trafilatura")])
    section, section_source = _first_meta(metas, _SECTION_METAS)
    collect.set(
        "section",
        [
            (section, section_source),
            (_first_str(article.get("articleSection")), "html:jsonld[articleSection]"),
            (lambda: next(iter(_doc_list(doc, "categories")), None), "trafilatura:categories"),
        ],
    )
    tag_meta, tag_source = _first_meta(metas, _TAG_METAS)
    meta_tags_list = [t.strip() for t in re.split(r"[,;]", tag_meta or "") if t.strip()]
    collect.set("tags", [(lambda: _doc_list(doc, "tags"), "trafilatura"), (meta_tags_list, tag_source)])
    lang = None
    if tree is not None:
        root = tree.getroottree().getroot()
        lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    collect.set(
        "language",
        [
            (lang, "html:html[lang]"),
            (metas.get("content-language"), "html:meta[content-language]"),
            (metas.get("og:locale"), "html:meta[og:locale]"),
            (lambda: _doc_value(doc, "language"), "trafilatura"),
        ],
    )
