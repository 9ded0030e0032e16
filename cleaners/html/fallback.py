"""trafilatura's fallback comparison (readability, then jusText) with our guard on the swap.

trafilatura's main extractor sometimes takes a fragment of the page (a teaser, one post of a thread, a short
intro); its comparison with readability and jusText then swaps in their longer pick. That swap recovers the main
content of many non-article pages, but it also swaps in a feed of other posts under an article. The guard accepts
a swap only when the other pick is clearly longer, mostly different text (it does not just repeat the main pick
with some chrome around it), and does not reach out of the one ``<article>`` element holding the main pick (the
page's own markup says where its article is).

The guard is installed around trafilatura's ``compare_extraction`` once; it only acts inside ``guarded`` (a
context variable), so other callers of trafilatura in the same process get trafilatura's own decision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import Any

import trafilatura.core as _core
from lxml import etree

from cleaners.html.blocks import Ancestry, Segment, segments

MIN_GAIN = 1.2  # the other pick must be this many times longer (in words)
MAX_OVERLAP = 0.5  # and share less than this part of its distinct words with the main pick (Jaccard)
LONG_WORDS = 20  # blocks this long locate a pick in the page

Guard = Callable[[etree._Element, str, etree._Element, str], bool]
_GUARD: ContextVar[Guard | None] = ContextVar("fallback_guard", default=None)
_compare = _core.compare_extraction


def _guarded_compare(cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any) -> tuple[Any, str]:
    new_body, new_text = _compare(cleaned_tree, raw_tree, body, text, options)
    guard = _GUARD.get()
    if guard is None or new_body is body or guard(body, text, new_body, new_text):
        return new_body, new_text
    return body, text


_core.compare_extraction = _guarded_compare


@contextmanager
def guarded(guard: Guard) -> Iterator[None]:
    token = _GUARD.set(guard)
    try:
        yield
    finally:
        _GUARD.reset(token)


class SwapGuard:
    """Decides a swap for one page, locating each pick's long blocks in the page's DOM by their text."""

    def __init__(self, dom: list[Segment], ancestry: Ancestry) -> None:
        self.dom = dom
        self.ancestry = ancestry

    @cached_property
    def by_text(self) -> dict[str, Segment]:
        """The page's long blocks by their text; built only when trafilatura proposes a swap (few pages)."""
        return {seg.text: seg for seg in self.dom if len(seg.text.split()) >= LONG_WORDS}

    def _articles(self, body: etree._Element) -> list[etree._Element | None]:
        """The nearest ``<article>`` around each long block of ``body`` found in the page (None: outside any)."""
        out: list[etree._Element | None] = []
        for seg in segments(body):
            hit = self.by_text.get(seg.text)
            if hit is not None:
                out.append(next((n for n in self.ancestry.chain(hit.owner) if n.tag == "article"), None))
        return out

    def __call__(self, body: etree._Element, text: str, new_body: etree._Element, new_text: str) -> bool:
        words, new_words = text.split(), new_text.split()
        if len(new_words) < MIN_GAIN * len(words):
            return False
        own, other = set(words), set(new_words)
        if len(own & other) >= MAX_OVERLAP * len(own | other):
            return False
        held = self._articles(body)
        if held and held[0] is not None and all(a is held[0] for a in held):
            return all(a is held[0] for a in self._articles(new_body))
        return True
