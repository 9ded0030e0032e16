"""trafilatura's page metadata (its ``extract_metadata``), each field computed only when first read.

``bare_extraction(with_metadata=True)`` runs all of ``extract_metadata`` on a copy of the page: a DOM
author search (a deep copy plus regex XPaths), category and tag link scans, htmldate and a licence search,
about 11 ms a page -- a third of the extraction itself. Here the cheap parts (meta tags, JSON-LD, the
title) run up front and each costly field only when it is first read, by trafilatura's own function, so a
page whose meta tags name the author never pays for the DOM search, and one with a meta date never runs
htmldate. A costly search is also skipped when the page lacks what every one of its XPaths needs (an author
class or id, a tag or category link), as it would find nothing. Values are trimmed as trafilatura trims them
(``clean_and_trim``). The page tree is only read, never changed (trafilatura's author search and htmldate work
on their own copies).
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cached_property
from html import unescape
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import line_processing

MAX_CHARS = 10000  # trafilatura's cap on a metadata string
_TAG_HREF = etree.XPath('boolean(//@href[contains(., "/tag")])')
# extract_catstags("category") keeps links whose address matches "/categor(y|ies|s)?/", else falls back to
# this XPath of its own: with neither, it finds nothing
_CATEGORY_SOURCE = etree.XPath(
    'boolean(//@href[contains(., "/categor")] | '
    './/head//meta[@property="article:section" or contains(@name, "subject")][@content])'
)
# Every expression of trafilatura's AUTHOR_XPATHS needs an <author> element, a <rel> child (its ``rel='me'``)
# or one of these (case-sensitive) strings in one of these attributes; its author search (a deep copy, a
# pruning and regex XPaths, about 5 ms) finds nothing on a page with none of them
_AUTHOR_ELEMENTS = etree.XPath("boolean(//author | //rel)")
_AUTHOR_ATTRIBUTES = tuple(
    etree.XPath(f"//@{name}", smart_strings=False)
    for name in ("class", "id", "rel", "itemprop", "data-testid", "data-component")
)
_AUTHOR_MARKS = re.compile(
    "uthor|byl|yline|BBL|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|"
    "posted-by|journalist-name|screenname|writer"
)


def may_name_author(tree: HtmlElement) -> bool:
    """False only when trafilatura's ``extract_author`` is sure to find nothing on ``tree``."""
    if _AUTHOR_ELEMENTS(tree):
        return True
    return any(_AUTHOR_MARKS.search("\n".join(values(tree))) for values in _AUTHOR_ATTRIBUTES)


def _trim(value: Any) -> Any:
    """trafilatura's ``Document.clean_and_trim`` for one value."""
    if not isinstance(value, str):
        return value
    if len(value) > MAX_CHARS:
        value = value[: MAX_CHARS - 1] + "…"
    return line_processing(unescape(value))


class PageMetadata:
    """The fields of trafilatura's metadata Document that the cleaners read, each computed once on demand."""

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self._tree = tree
        self._default_url = url
        found = examine_meta(tree)
        if found.author and " " not in found.author:  # trafilatura drops one-word meta authors
            found.author = None
        with suppress(Exception):  # bugs in trafilatura's JSON-LD parsing, as it guards itself
            found = extract_meta_json(tree, found)
        self._found: Document = found

    @cached_property
    def title(self) -> str | None:
        return _trim(self._found.title or extract_title(self._tree))

    @cached_property
    def description(self) -> str | None:
        return _trim(self._found.description)

    @cached_property
    def language(self) -> str | None:
        return _trim(self._found.language)

    @cached_property
    def author(self) -> str | None:
        if self._found.author:
            return _trim(self._found.author)
        return _trim(extract_author(self._tree)) if may_name_author(self._tree) else None

    @cached_property
    def _url(self) -> str | None:
        return self._found.url or extract_url(self._tree, self._default_url)

    @cached_property
    def url(self) -> str | None:
        return _trim(self._url)

    @cached_property
    def date(self) -> str | None:
        from htmldate import find_date

        try:
            return _trim(find_date(self._tree, **set_date_params(True), url=self._url))
        except Exception:
            return None

    @cached_property
    def sitename(self) -> str | None:
        name = self._found.sitename or extract_sitename(self._tree)
        if name:
            name = name.lstrip("@")
            if name and "." not in name and not name[0].isupper():
                name = name.title()
        elif self._url and (match := META_URL.match(self._url)):
            name = match[1]
        return _trim(name)

    @cached_property
    def categories(self) -> list[str]:
        if self._found.categories:
            return self._found.categories
        return extract_catstags("category", self._tree) if _CATEGORY_SOURCE(self._tree) else []

    @cached_property
    def tags(self) -> list[str]:
        if self._found.tags:
            return self._found.tags
        # extract_catstags keeps only links whose address has "/tag/", "/tags/" ...: with no "/tag" in any href
        # of the page it finds nothing, so its link scans (about 1 ms) are skipped
        if not _TAG_HREF(self._tree):
            return []
        return extract_catstags("tag", self._tree)
