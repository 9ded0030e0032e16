"""The byline and date a reader sees under an HTML page's headline, read as the plain-text path reads the lines
under a headline (``cleaners.text.header.read_under_headline``): "By Jane Doe", a name beside a date, "Jane Doe /
March 12, 2024". Pages often show them without any markup that names them (no meta tag, no byline class)."""

from __future__ import annotations

from typing import Any

from cleaners.html.blocks import segments
from cleaners.rules import matcher_for
from cleaners.text.extract import KIND_ORDER
from cleaners.text.features import document_features
from cleaners.text.header import Header, read_under_headline
from cleaners.text.patterns import date_part

LINES_UNDER = 12  # lines under the headline that are read
LINES_OVER = 2
MAX_CLIMB = 4  # ancestors of the <h1> tried for one that holds the lines under it


def _lines_around(h1: Any) -> tuple[list[str], int] | None:
    """The visible lines from just over ``h1`` to ``LINES_UNDER`` under it, and the headline's index among them."""
    node, found = h1, None
    for _ in range(MAX_CLIMB):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
        blocks = segments(node)
        at = next((i for i, b in enumerate(blocks) if b.owner is h1 or h1 in b.owner.iterancestors()), None)
        if at is None:
            return None
        found = (blocks, at)
        if len(blocks) - at > LINES_UNDER:
            break
    if found is None:
        return None
    blocks, at = found
    start = max(0, at - LINES_OVER)
    return [b.text for b in blocks[start : at + 1 + LINES_UNDER]], at - start


def visible_byline(h1: Any) -> tuple[str | None, str | None]:
    """(byline, date) under the headline ``h1`` as the page shows them; (None, None) when there are none."""
    around = _lines_around(h1)
    if around is None:
        return None, None
    lines, title = around
    feats = document_features(lines, frozenset(), matcher_for(None, KIND_ORDER))
    header = Header(title=title)
    read_under_headline(feats, header)
    date = header.date or (date_part(header.byline) if header.byline else None)
    return header.byline, date
