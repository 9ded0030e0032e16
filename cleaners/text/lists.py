"""Lists inside plain-text articles: numbered items and lists introduced by a colon.

Rankings, standings, calendars and tour dates are article content that size and stopword density
alone score as chrome: short lines, digits, few stopwords. Two shapes are recognised:

* enumerated runs: lines that start with consecutive numbers ("1) ...", "2 Kyle Busch 5040", "3a etapa: ...");
* colon lists: a line ending with ":" ("Tour dates:") followed by short lines that mostly start alike.
"""

from __future__ import annotations

import re

from cleaners.text.features import LineFeatures
from cleaners.text.patterns import MONTH_NAMES

_LEADING_NUMBER = re.compile(r"^\s*(?:#|no\.\s*|nr\.\s*|№\s*)?(\d{1,3})(?=[.):ºª°a-z]?(?:\s|$)|[.):ºª°a-z]\s)", re.I)
_NUMBER_SIGNS = frozenset("#№nN \t")
LIST_MIN_ITEMS = 3
LIST_MAX_GAP = 3  # lines allowed between two items (an item's link, a detail line)


def leading_number(text: str) -> int | None:
    if not (text[:1].isdigit() or text[:1] in _NUMBER_SIGNS):
        return None  # most lines: skip the regex
    match = _LEADING_NUMBER.match(text)
    return int(match.group(1)) if match else None


def enumerated_items(feats: list[LineFeatures]) -> set[int]:
    """Indices of lines in runs of at least LIST_MIN_ITEMS consecutively numbered items, and of the lines
    between them."""
    numbers = [
        (i, n)
        for i, f in enumerate(feats)
        if f.rule is None and not f.numberish and (n := leading_number(f.text)) is not None
    ]
    items: set[int] = set()
    run: list[int] = []
    last: tuple[int, int] | None = None
    for i, n in numbers:
        if last is not None and n == last[1] + 1 and i - last[0] <= LIST_MAX_GAP + 1:
            run.append(i)
        else:
            items.update(_with_details(feats, run))
            run = [i]
        last = (i, n)
    items.update(_with_details(feats, run))
    return items


def _with_details(feats: list[LineFeatures], run: list[int]) -> list[int]:
    """A run's items plus the lines between them (an item's link or detail line), or nothing if it is too short."""
    if len(run) < LIST_MIN_ITEMS:
        return []
    return [i for i in range(run[0], run[-1] + 1) if feats[i].rule is None]


LIST_INTRO_MIN_WORDS = 4
LIST_ITEM_MAX_WORDS = 40
LIST_MIN_LINES = 3
LIST_MAX_LINES = 80
LIST_SAME_SHAPE = 0.8  # share of list lines whose first token has the most common shape
HEADING_WORDS = (2, 10)
DATED_SHAPES = frozenset({"month", "number"})
DATED_MIN_LINES = 6
_MONTH_START = re.compile(r"^\W*(?:" + MONTH_NAMES + r")\b\.?", re.I)


def _head_shape(text: str) -> str:
    """Coarse shape of a line's first token: a number, a month name, a bullet, a capital, or other."""
    stripped = text.lstrip()
    if not stripped:
        return "empty"
    if stripped[0].isdigit():
        return "number"
    if _MONTH_START.match(stripped):
        return "month"
    if not stripped[0].isalnum():
        return "bullet"
    return "capital" if stripped[0].isupper() else "lower"


def _is_list_intro(f: LineFeatures) -> bool:
    return f.rule is None and f.text.rstrip().endswith(":") and f.words >= LIST_INTRO_MIN_WORDS


def _is_list_heading(f: LineFeatures) -> bool:
    """A short title over a list ("The Doobie Brothers Tour Dates")."""
    return f.rule is None and HEADING_WORDS[0] <= f.words <= HEADING_WORDS[1] and not f.sentence_end


def _list_intro(feats: list[LineFeatures], end: int) -> tuple[int, frozenset[str] | None] | None:
    """(index of the line introducing a list at the end of the span, shapes its items may have; None = any)."""
    nxt = feats[end + 1] if end + 1 < len(feats) else None
    if nxt is not None and _is_list_intro(nxt):
        return end + 1, None  # the intro line itself scored just below the span
    if _is_list_intro(feats[end]):
        return end, None
    if nxt is not None and _is_list_heading(nxt):
        return end + 1, DATED_SHAPES  # without a colon, only a list of dates or numbers is trusted
    return None


def extend_over_list(feats: list[LineFeatures], span: tuple[int, int]) -> tuple[int, int]:
    """Extend the span over a list introduced by its last line ("Tour dates:", "The five picked are:") or
    by a short heading just below it followed by dated or numbered entries.

    The list lines carry no lexicon hit, are short, and most start alike (a date, a number, a bullet...);
    they are marked as list items.
    """
    start = span[0]
    intro = _list_intro(feats, span[1])
    if intro is None:
        return span
    end, allowed = intro
    last = end
    for i in range(end + 1, min(len(feats), end + 1 + LIST_MAX_LINES)):
        f = feats[i]
        if f.rule is not None or f.words > LIST_ITEM_MAX_WORDS or f.truncated or not f.first_seen:
            break
        last = i
    shapes = [_head_shape(feats[i].text) for i in range(end + 1, last + 1)]
    if len(shapes) < (LIST_MIN_LINES if allowed is None else DATED_MIN_LINES):
        return span
    common = max(set(shapes), key=shapes.count)
    if shapes.count(common) < LIST_SAME_SHAPE * len(shapes) or (allowed is not None and common not in allowed):
        return span
    for i in range(end + 1, last + 1):
        feats[i].list_item = True  # list entries, not date stamps ("June 9 -- Arena, City")
    return start, last
