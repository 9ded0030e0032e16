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
_WS = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
MAX_DEPTH = 200  # guards the walk against pathological nesting


@dataclass
class Segment:
    text: str
    owner: etree._Element  # the innermost block element holding the text
    index: int  # document order of the segment
    link_chars: int = 0  # characters of the text that sit inside links


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def segments(root: etree._Element, skip: frozenset[str] = SKIP_TAGS) -> list[Segment]:
    """Blocks of ``root`` in document order; text split at block elements and line breaks."""
    out: list[Segment] = []
    buf: list[str] = []
    state = {"owner": root, "links": 0}

    def flush(owner: etree._Element) -> None:
        text = norm("".join(buf))
        if text:
            out.append(Segment(text, state["owner"], len(out), min(state["links"], len(text))))
        buf.clear()
        state["owner"], state["links"] = owner, 0

    def add(text: str | None, owner: etree._Element, in_link: bool) -> None:
        if not text:
            return
        if not buf or not "".join(buf).strip():
            state["owner"] = owner
        buf.append(text)
        if in_link:
            state["links"] += len(norm(text))

    def walk(el: etree._Element, owner: etree._Element, in_link: bool, depth: int) -> None:
        tag = _tag(el)
        if tag in skip or not tag or depth > MAX_DEPTH:
            return
        if tag in BREAK_TAGS:
            flush(owner)
            return
        is_block = tag in BLOCK_TAGS or tag == "body"
        if is_block:
            flush(el)
            owner = el
        link = in_link or tag in ("a", "ref")
        if tag in CELL_TAGS:
            add(" ", owner, False)
        add(el.text, owner, link)
        for child in el:
            walk(child, owner, link, depth + 1)
            add(child.tail, owner, in_link or tag in ("a", "ref"))
        if is_block:
            flush(owner)

    walk(root, root, False, 0)
    flush(root)
    return out


def is_hidden(el: etree._Element, stop: etree._Element | None = None, limit: int = 40) -> bool:
    """True when the element or an ancestor (up to ``limit`` levels) is hidden by markup."""
    node: etree._Element | None = el
    for _ in range(limit):
        if node is None or node is stop:
            return False
        get = node.get
        if get("hidden") is not None or (get("aria-hidden") == "true" and _tag(node) in BLOCK_TAGS):
            return True
        style = get("style")
        if style and _HIDDEN_STYLE.search(style):
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
