"""The kept HTML blocks as Markdown, read from the page's DOM: headings, list items, table rows, quotes and emphasis.

Each kept block was matched to the DOM element that holds its text (``Candidate.dom``); that element (or, when it
was not found, the tag trafilatura gave the block) says what the block is. The block's plain text stays the body;
its Markdown goes to ``Block.markdown``.
"""

from __future__ import annotations

from lxml import etree

from cleaners.html.blocks import norm
from cleaners.html.classify import Candidate
from cleaners.types import Block

_HEADINGS = {f"h{n}": "#" * n for n in range(1, 7)}
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_TRAFILATURA_TAGS = {"head": "## ", "item": "* ", "quote": "> "}
ANCESTOR_LEVELS = 3  # how far up a block's element is looked at for its list item, table row or quote


def _tag(el: etree._Element | None) -> str:
    return el.tag.lower() if el is not None and isinstance(el.tag, str) else ""


def _enclosing(el: etree._Element, tags: frozenset[str] | set[str]) -> etree._Element | None:
    for _ in range(ANCESTOR_LEVELS + 1):
        if el is None:
            return None
        if _tag(el) in tags:
            return el
        el = el.getparent()
    return None


_LAYOUT = ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section")


def _data_row(owner: etree._Element) -> etree._Element | None:
    """The table row holding ``owner`` when it is a row of data (cells of inline text), not page layout."""
    row = _enclosing(owner, {"tr"})
    if row is None or next(row.iter(*_LAYOUT), None) is not None:
        return None
    return row


def _table_row(row: etree._Element) -> str:
    cells = [norm("".join(cell.itertext())) for cell in row if _tag(cell) in ("td", "th")]
    return "| " + " | ".join(cells) + " |"


def _with_emphasis(owner: etree._Element, text: str) -> str:
    """``text`` with the strong and emphasized runs of ``owner`` marked (each run once, shortest text first)."""
    runs = []
    for el in owner.iter("strong", "b", "em", "i"):
        run = norm("".join(el.itertext()))
        if run and run != text:
            runs.append((run, _EMPHASIS[_tag(el)]))
    for run, mark in sorted(set(runs), key=lambda r: (len(r[0]), r)):  # one order whatever the hash seed
        at = text.find(run)
        if at >= 0 and mark not in text[max(0, at - 2) : at]:
            text = f"{text[:at]}{mark}{run}{mark}{text[at + len(run) :]}"
    return text


def markdown_of(block: Block, cand: Candidate) -> str | None:
    """The block as Markdown, or None when it is a plain paragraph."""
    owner = cand.dom.owner if cand.dom is not None else None
    if owner is None:
        prefix = _TRAFILATURA_TAGS.get(cand.tag)
        return prefix + block.text if prefix else None
    if _tag(owner) in _HEADINGS:
        return f"{_HEADINGS[_tag(owner)]} {block.text}"
    if (row := _data_row(owner)) is not None:
        return _table_row(row)
    text = _with_emphasis(owner, block.text)
    if (item := _enclosing(owner, {"li"})) is not None:
        ordered = _tag(item.getparent()) == "ol"
        return f"{'1.' if ordered else '*'} {text}"
    if _enclosing(owner, {"blockquote"}) is not None:
        return f"> {text}"
    return text if text != block.text else None


def add_markdown(blocks: list[Block], candidates: list[Candidate]) -> None:
    """Set ``markdown`` on every kept block (``blocks`` and ``candidates`` are aligned)."""
    for block, cand in zip(blocks, candidates, strict=True):
        if block.kept:
            block.markdown = markdown_of(block, cand)
