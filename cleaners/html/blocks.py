"""Block segmentation for the HTML path: one linear walk turns a tree into text blocks.

The same walker runs over trafilatura's output tree (``p``/``head``/``item``/... elements) and over the
page's own DOM, so a kept block can be looked up in the DOM by its text to read structural signals
(ancestors, figure captions, link share, hidden boxes) that trafilatura's output no longer carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# HTML elements that start a new block
HTML_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "address",
        "details",
        "summary",
        "center",
        "fieldset",
        "legend",
        "caption",
        "hr",
        "iframe",
        "video",
        "audio",
    }
)
# ... and trafilatura's XML vocabulary, since the same walker runs over its output tree (its ``code`` is a block)
BLOCK_TAGS = HTML_BLOCK_TAGS | {"head", "list", "item", "quote", "row", "graphic", "code"}
BREAK_TAGS = frozenset({"br", "lb", "hr"})
CELL_TAGS = frozenset({"td", "th", "cell"})  # table cells stay on their row's line
LINK_TAGS = frozenset({"a", "ref"})  # HTML links and trafilatura's
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "link",
        "meta",
        "math",
        "object",
        "embed",
        "canvas",
        "map",
    }
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# utility classes that hide a box (CSS frameworks, toggled modals and error/thank-you messages)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hide|hidden|d-none|is-hidden|display-none)(?:\s|$)", re.I)
# a hidden box that is a closed part of the content a reader opens: a tab panel, an accordion or expander panel
_PANEL_CLASS = re.compile(r"tab-?pane|tab-?panel|tab-content|accordion|collaps|expander|expandable", re.I)
# ... unless it is chrome that opens the same way (menus, dialogs, pop-ups)
_NOT_PANEL = re.compile(r"nav|menu|modal|dialog|dropdown|popup|popover|tooltip|overlay|cookie|search|cart", re.I)
_NOT_PANEL_ROLES = frozenset({"dialog", "alertdialog", "menu", "navigation", "tooltip", "listbox", "search"})
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

    def add(self, text: str, owner: etree._Element, in_link: bool) -> None:
        if not self.has_text:
            self.block_owner = owner
            self.has_text = not text.isspace()
        self.buf.append(text)
        if in_link:
            self.links += len(norm(text))

    def walk(self, el: etree._Element, owner: etree._Element, in_link: bool, depth: int) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction (``_tag`` inlined: it runs per element)
            return
        tag = tag.lower()
        if tag in self.skip or depth > MAX_DEPTH:
            return
        if tag in BREAK_TAGS:
            self.flush(owner)
            return
        is_block = tag in BLOCK_TAGS or tag == "body"
        if is_block:
            self.flush(el)
            owner = el
        link = in_link or tag in LINK_TAGS
        if tag in CELL_TAGS:
            self.add(" ", owner, False)
        # empty texts are skipped here, not in ``add``: most texts and tails are None (read once: lxml builds
        # a new string on every read)
        text = el.text
        if text:
            self.add(text, owner, link)
        depth += 1
        for child in el:
            self.walk(child, owner, link, depth)
            text = child.tail
            if text:
                self.add(text, owner, link)
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


def closed_panel(node: etree._Element) -> bool:
    """True when a hidden element is a closed tab, accordion or expander panel of the content (its role or
    class says so, and nothing says it is a menu, dialog or pop-up)."""
    role = node.get("role") or ""
    if role in _NOT_PANEL_ROLES:
        return False
    label = f"{node.get('class') or ''} {node.get('id') or ''}"
    return (role == "tabpanel" or bool(_PANEL_CLASS.search(label))) and not _NOT_PANEL.search(label)


class Ancestry:
    """Each element's ancestor chain (itself first) and hidden state, built once per page: the blocks of a page
    share most ancestors, and every step up the tree makes lxml build a Python object."""

    def __init__(self) -> None:
        self._chains: dict[etree._Element, tuple[etree._Element, ...]] = {}
        self._hides: dict[etree._Element, bool] = {}
        self._panels: dict[etree._Element, bool] = {}

    def chain(self, el: etree._Element) -> tuple[etree._Element, ...]:
        found = self._chains.get(el)
        if found is None:
            parent = el.getparent()
            found = (el, *self.chain(parent)) if parent is not None else (el,)
            self._chains[el] = found
        return found

    def below(self, el: etree._Element, root: etree._Element | None, limit: int) -> list[etree._Element]:
        """``el`` and its ancestors, innermost first, up to (not including) ``root``, at most ``limit``."""
        out = []
        for node in self.chain(el)[:limit]:
            if node is root:
                break
            out.append(node)
        return out

    def is_hidden(self, el: etree._Element, limit: int = 40) -> bool:
        """True when the element or an ancestor (up to ``limit`` levels) is hidden by markup, other than by
        being a closed panel of the content (``in_panel``)."""
        for node in self.chain(el)[:limit]:
            hidden = self._hides.get(node)
            if hidden is None:
                hidden = self._hides[node] = hides(node)
            if hidden and not self._panel(node):
                return True
        return False

    def in_panel(self, el: etree._Element, limit: int = 40) -> bool:
        """True when the element sits in a closed tab, accordion or expander panel (hidden until opened)."""
        return any(self._hides.get(node) and self._panel(node) for node in self.chain(el)[:limit])

    def _panel(self, node: etree._Element) -> bool:
        found = self._panels.get(node)
        if found is None:
            found = self._panels[node] = closed_panel(node)
        return found


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
