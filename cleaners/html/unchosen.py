"""The blocks of a page the extractor never chose, so that every visible block of an HTML page ends either in the body
or among the removed blocks, as every line of a plain-text page does: ``removed_blocks``, ``boilerplate_by_site`` and
the report then describe the whole page on both paths.

Each such block gets the kind its box names (``<nav>``, ``<footer>``, ``<aside>``, class and id words: navigation,
footer, related_content, advertisement, comments, ...), else the kind a lexicon gives its text, else ``other``:
"not in the main content". A hidden one says so. They stay apart from the extractor's own blocks (``Extraction.
unchosen``): nothing read from the removed blocks (captions, the page type) changes with them.
"""

from __future__ import annotations

from lxml import etree

from cleaners.html.blocks import Ancestry, Segment
from cleaners.html.classify import box_kind
from cleaners.rules import matcher_for
from cleaners.types import Block

MIN_CONTAINED_CHARS = 40  # a shorter block found inside the body may only share a word or two with it


def unchosen_blocks(
    dom: list[Segment], chosen: set[int], blocks: list[Block], ancestry: Ancestry, page: etree._Element
) -> list[Block]:
    """The segments of ``dom`` neither ``chosen`` (matched to a block or recovered) nor repeating a block's text, in
    page order, each with a kind and a reason. ``page`` is the document's root element."""
    taken = {b.text for b in blocks}
    body = "\n".join(b.text for b in blocks if b.kept)
    head = page.find("head")
    left = [
        seg
        for seg in dom
        if seg.index not in chosen
        and seg.text not in taken
        and not (len(seg.text) >= MIN_CONTAINED_CHARS and seg.text in body)
        and not (head is not None and head in ancestry.chain(seg.owner))
    ]
    boxes: dict[etree._Element, tuple[str, str] | None] = {}
    decided: list[tuple[str, str] | None] = []
    for seg in left:
        if ancestry.is_hidden(seg.owner):
            decided.append(("other", "hidden element, not in the main content"))
        elif found := box_kind(seg.owner, page, ancestry, boxes):
            decided.append((found[0], f"not in the main content; {found[1]}"))
        else:
            decided.append(None)
    # the lexicons read only what no box named (one pass over those lines: most of this step's cost)
    unnamed = [i for i, d in enumerate(decided) if d is None]
    for i, rule in zip(unnamed, matcher_for(None).match_lines([left[i].text for i in unnamed]), strict=True):
        decided[i] = (
            (rule.kind, f"not in the main content; {rule.name}")
            if rule is not None
            else ("other", "not in the main content the extractor chose")
        )
    return [Block(seg.text, *decision) for seg, decision in zip(left, decided, strict=True) if decision is not None]
