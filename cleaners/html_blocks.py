"""Block segmentation for the HTML path: one linear walk turns a tree into text blocks.

The same walker runs over trafilatura's output tree (``p``/``head``/``item``/... elements) and over the
page's own DOM, so a kept block can be looked up in the DOM by its text to read structural signals
(ancestors, figure captions, link share, hidden boxes) that trafilatura's output no longer carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# elements that start a new block (HTML and trafilatura's XML vocabulary)
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "form", "ul", "ol", "li", "dl",
    "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
    "figcaption", "pre", "address", "details", "summary", "center", "fieldset", "legend", "caption",
    "head", "list", "item", "quote", "row", "graphic", "code", "hr", "iframe", "video", "audio",
})
BREAK_TAGS = frozenset({"br", "lb", "hr"})
CELL_TAGS = frozenset({"td", "th", "cell"})  # table cells stay on their row's line
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "option", "button",
                       "input", "textarea", "link", "meta", "math", "object", "embed", "canvas", "map"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# utility classes that hide a box (CSS frameworks, toggled modals and error/thank-you messages)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hide|hidden|d-none|is-hidden|display-none)(?:\s|$)", re.I)
MAX_DEPTH = 200  # guards the walk against pathological nesting


@dataclass
class Segment:
    text: str
    owner: etree._Element  # the innermost block element holding the text
    index: int  # document order of the segment
    link_chars: int = 0  # characters of the text that sit inside links


def norm(text: str) -> str:
    return " ".join(text.split())  # the same whitespace as the regex \s, and faster


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def segments(root: etree._Element, skip: frozenset[str] = SKIP_TAGS) -> list[Segment]:
    """Blocks of ``root`` in document order; text split at block elements and line breaks."""
    walker = _Walker(root, skip)
    walker.walk(root, root, False, 0)
    walker.flush(root)
    return walker.out


class _Walker:
    """The state of one ``segments`` walk (a class, not closures: a closure that calls itself is a reference
    cycle, which would keep every segment and element alive until the garbage collector runs)."""

    def __init__(self, root: etree._Element, skip: frozenset[str]) -> None:
        self.skip = skip
        self.out: list[Segment] = []
        self.buf: list[str] = []
        self.block_owner = root  # owner of the block being collected: where its first visible text sits
        self.links = 0  # characters of the block's text inside links
        self.has_text = False  # the buffer holds more than whitespace

    def flush(self, owner: etree._Element) -> None:
        if self.has_text:
            text = norm("".join(self.buf))
            self.out.append(Segment(text, self.block_owner, len(self.out), min(self.links, len(text))))
        self.buf.clear()
        self.block_owner, self.links, self.has_text = owner, 0, False

    def add(self, text: str | None, owner: etree._Element, in_link: bool) -> None:
        if not text:
            return
        if not self.has_text:
            self.block_owner = owner
            self.has_text = not text.isspace()
        self.buf.append(text)
        if in_link:
            self.links += len(norm(text))

    def walk(self, el: etree._Element, owner: etree._Element, in_link: bool, depth: int) -> None:
        tag = _tag(el)
        if tag in self.skip or not tag or depth > MAX_DEPTH:
            return
        if tag in BREAK_TAGS:
            self.flush(owner)
            return
        is_block = tag in BLOCK_TAGS or tag == "body"
        if is_block:
            self.flush(el)
            owner = el
        link = in_link or tag in ("a", "ref")
        if tag in CELL_TAGS:
            self.add(" ", owner, False)
        self.add(el.text, owner, link)
        for child in el:
            self.walk(child, owner, link, depth + 1)
            self.add(child.tail, owner, link)
        if is_block:
            self.flush(owner)


def hides(node: etree._Element) -> bool:
    """True when the element's own markup hides it (``hidden``, ``aria-hidden`` on a block, ``display: none``,
    a hiding utility class such as ``hide`` or ``d-none``)."""
    get = node.get
    if get("hidden") is not None or (get("aria-hidden") == "true" and _tag(node) in BLOCK_TAGS):
        return True
    style, cls = get("style"), get("class")
    return bool(style and _HIDDEN_STYLE.search(style)) or bool(cls and _HIDDEN_CLASS.search(cls))


def is_hidden(el: etree._Element, stop: etree._Element | None = None, limit: int = 40) -> bool:
    """True when the element or an ancestor (up to ``limit`` levels) is hidden by markup."""
    node: etree._Element | None = el
    for _ in range(limit):
        if node is None or node is stop:
            return False
        if hides(node):
            return True
        node = node.getparent()
    return False


def signature(el: etree._Element | None) -> str:
    """Tag plus class of an element: containers of one article body share it."""
    if el is None:
        return ""
    return f"{_tag(el)}.{norm(el.get('class') or '')}"


def ancestors(el: etree._Element, stop: etree._Element | None = None, limit: int = 12) -> list[etree._Element]:
    """``el`` and its ancestors, innermost first, up to (not including) ``stop``."""
    out: list[etree._Element] = []
    node: etree._Element | None = el
    while node is not None and node is not stop and len(out) < limit:
        out.append(node)
        node = node.getparent()
    return out


def lowest_common_ancestor(elements: list[etree._Element], limit: int = 60) -> etree._Element | None:
    """Deepest element that contains every element in ``elements`` (cost linear in depth x count)."""
    if not elements:
        return None
    path = ancestors(elements[0], limit=limit)
    depth_of = {id(node): i for i, node in enumerate(path)}
    best = 0
    for el in elements[1:]:
        node: etree._Element | None = el
        steps = 0
        while node is not None and id(node) not in depth_of and steps < limit:
            node = node.getparent()
            steps += 1
        if node is None or id(node) not in depth_of:
            return None
        best = max(best, depth_of[id(node)])
    return path[best]
