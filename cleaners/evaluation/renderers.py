"""HTML-to-text renderers for the evaluation matrix: the shapes plain text reaches users in.

Each renderer turns a benchmark page's HTML into the text one kind of scraper would hand over, so the plain-text
path is measured on shapes it was not written for. All of them are pinned packages (or lxml plus the standard
library); nothing is downloaded. ``plaintext`` is not rendered here: it is the text file the benchmark ships.

| name | shape |
| --- | --- |
| ``html2text`` | Markdown wrapped at 78 columns: ``#`` headings, ``*`` bullets, ``[text](url)``, ``![alt](src)`` |
| ``markdownify`` | Markdown with ATX headings, one paragraph per line, tables as pipes |
| ``inscriptis`` | layout kept: indentation, tables as aligned columns |
| ``html-text`` | html-text's layout guess: blank lines between blocks, inline text joined |
| ``lxml`` | lxml ``text_content()`` of the body: the source's own line breaks and indentation |
| ``lynx`` | a ``lynx -dump``-style page: wrapped at 76 columns, indented, ``[n]`` after each link, a numbered list |
| ``soup`` | BeautifulSoup ``get_text("\\n")``: one text node per line, empty lines everywhere |
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

SHIPPED = "plaintext"
INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


def _tree(html: str) -> etree._Element:
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        root = lxml_html.fromstring("<html><body></body></html>")
    for el in root.xpath("|".join(f"//{tag}" for tag in INVISIBLE)):
        el.drop_tree()
    etree.strip_elements(root, etree.Comment, with_tail=False)
    return root


def _visible_html(html: str) -> str:
    return lxml_html.tostring(_tree(html), encoding="unicode")


def html2text_render(html: str, url: str | None = None) -> str:
    import html2text

    converter = html2text.HTML2Text(baseurl=url or "")
    converter.body_width = 78
    return converter.handle(html)


def markdownify_render(html: str, url: str | None = None) -> str:
    from markdownify import markdownify

    return markdownify(_visible_html(html), heading_style="ATX", bullets="*")


def inscriptis_render(html: str, url: str | None = None) -> str:
    from inscriptis import get_text

    return get_text(_visible_html(html))


def html_text_render(html: str, url: str | None = None) -> str:
    import html_text

    return html_text.extract_text(_visible_html(html))


def lxml_render(html: str, url: str | None = None) -> str:
    root = _tree(html)
    body = root.find("body")
    return (body if body is not None else root).text_content()


def soup_render(html: str, url: str | None = None) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(_visible_html(html), "lxml").get_text("\n")


LYNX_WIDTH = 76


class _LynxDump:
    """A ``lynx -dump``-style rendering: paragraphs wrapped and indented, headings flush left, list items with a
    bullet, ``[n]`` after each link's text and the numbered list of link targets at the end."""

    def __init__(self, url: str | None) -> None:
        # lynx breaks lines at the block elements we segment by, and at line breaks and rules (imported here: the
        # command line reads this module for its renderer names and must not load the cleaners to show its help)
        from cleaners.html.blocks import HTML_BLOCK_TAGS

        self.block_tags = HTML_BLOCK_TAGS | {"br", "hr"}
        self.url = url or ""
        self.links: list[str] = []
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.buf: list[str] = []
        self.kind = "p"

    def flush(self, next_kind: str = "p") -> None:
        text = " ".join("".join(self.buf).split())
        if text:
            self.blocks.append((self.kind, text))
        self.buf, self.kind = [], next_kind

    def walk(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in self.block_tags:
            self.flush("h" if tag[:1] == "h" and tag[1:].isdigit() else "li" if tag == "li" else "p")
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child)
        if tag == "a" and el.get("href"):
            self.links.append(urljoin(self.url, el.get("href", "")))
            self.buf.append(f"[{len(self.links)}]")
        if tag in self.block_tags:
            self.flush()
        if el.tail:
            self.buf.append(el.tail)

    def text(self) -> str:
        out = []
        for kind, text in self.blocks:
            if kind == "h":
                out.append(text)
            elif kind == "li":
                out.append(textwrap.fill(text, LYNX_WIDTH, initial_indent="     * ", subsequent_indent="       "))
            else:
                out.append(textwrap.fill(text, LYNX_WIDTH, initial_indent="   ", subsequent_indent="   "))
        references = [f"{n:4d}. {link}" for n, link in enumerate(self.links, 1)]
        tail = ["References", "", *references] if references else []
        return "\n\n".join(out) + "\n\n" + "\n".join(tail) + "\n"


def lynx_render(html: str, url: str | None = None) -> str:
    root = _tree(html)
    body = root.find("body")
    dump = _LynxDump(url)
    dump.walk(body if body is not None else root)
    dump.flush()
    return dump.text()


RENDERERS: dict[str, Callable[[str, str | None], str]] = {
    "html2text": html2text_render,
    "markdownify": markdownify_render,
    "inscriptis": inscriptis_render,
    "html-text": html_text_render,
    "lxml": lxml_render,
    "lynx": lynx_render,
    "soup": soup_render,
}
NAMES = (SHIPPED, *RENDERERS)


def render(name: str, html: str, url: str | None = None, cache: Path | None = None) -> str:
    """The page's HTML as renderer ``name`` would give it as text; kept in the folder ``cache`` when one is given
    (keyed by the renderer, its package's version, the URL and the HTML), since some renderers take a second."""
    if cache is None:
        return RENDERERS[name](html, url)
    key = hashlib.sha256(f"{name}\0{_version(name)}\0{url}\0{html}".encode()).hexdigest()
    path = cache / name / key[:2] / f"{key}.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    text = RENDERERS[name](html, url)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # whole or not at all, when two processes render the same page
    return text


RENDER_CODE = 2  # bump when a renderer here changes its output
PACKAGES = {
    "html2text": "html2text",
    "markdownify": "markdownify",
    "inscriptis": "inscriptis",
    "html-text": "html-text",
    "lxml": "lxml",
    "lynx": "lxml",
    "soup": "beautifulsoup4",
}


@cache
def _version(name: str) -> str:
    return f"{importlib.metadata.version(PACKAGES[name])}/{RENDER_CODE}"
