"""Whole-document lexicon matching: the same answers as ``Matcher.match`` line by line, found faster.

Instead of tokenizing every line and trying every group alternation on it, three passes over the
joined document find the few lines a rule could fire on:

* one trigger alternation over the lower-cased document finds token starts that begin with an
  indexed rule word, so only those lines run their candidate patterns;
* one alternation of every anchored leftover group is tried at each line start (``match``);
* one multi-line alternation of every unanchored leftover group is searched over the document,
  hopping to the next line after each hit, so lines with no possible hit skip those groups.

Every pre-filter only rules lines *out*; the decision itself is ``Matcher.match``'s logic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from re import _constants, _parser  # type: ignore[attr-defined]
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaners.rules import Matcher, Rule

_WORD_CHAR = re.compile(r"\w")
# Constructs whose meaning changes when a line is searched inside a larger multi-line string.
_LINE_SENSITIVE = re.compile(r"\(\?<?[!=]|\\[AZ]|\(\?[a-z]*s")
FLAGS = re.IGNORECASE | re.UNICODE


def trigger_regex(keys: set[str]) -> re.Pattern[str] | None:
    """Token starts (in lower-cased text) that begin with one of ``keys``; the longest key is reported."""
    # A lookahead, so that a key inside a longer hit ("image" in "main image credit") is still seen.
    return re.compile(r"\b(?=(" + _trie_regex(sorted(keys)) + "))") if keys else None


def _trie_regex(keys: list[str]) -> str:
    """A prefix-factored alternation (few alternatives per position, longer keys tried first)."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        if key:
            groups.setdefault(key[0], []).append(key[1:])
    branches = [re.escape(head) + _trie_regex(tails) for head, tails in groups.items()]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in keys else body


def line_safe(pattern: str) -> bool:
    """True when a match inside one line is also a match of the pattern over the joined document."""
    return _LINE_SENSITIVE.search(pattern) is None


def union_of(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


class DocLines:
    """The joined document (original and lower-cased) with a line index by character offset."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        lowered = [line.lower() for line in lines]
        self.starts: list[int] = []
        offset = 0
        for line in lowered:
            self.starts.append(offset)
            offset += len(line) + 1
        self.low = "\n".join(lowered)
        # str.lower() may change a line's length (rare letters); offsets then come from the lowered text.
        self.text = "\n".join(lines) if len(self.low) == sum(map(len, lines)) + len(lines) - 1 else None

    def line_at(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def next_start(self, line: int) -> int:
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.low) + 1


def lines_hit(union: re.Pattern[str] | None, doc: DocLines) -> set[int] | None:
    """Lines where ``union`` may match (None: could not tell, try every line)."""
    if union is None:
        return set()
    if doc.text is None:
        return None
    found: set[int] = set()
    pos = 0
    search = union.search
    while (m := search(doc.text, pos)) is not None:
        line = doc.line_at(m.start())
        found.add(line)
        pos = doc.next_start(line)
    return found


def candidate_rules(matcher: Matcher, doc: DocLines) -> dict[int, set[int]]:
    """Per line, the indexed rule ids whose leading word starts one of its tokens (its first, for ``^`` rules)."""
    out: dict[int, set[int]] = {}
    if matcher._trigger is None:
        return out
    low = doc.low
    for m in matcher._trigger.finditer(low):
        pos = m.start()
        line = doc.line_at(pos)
        word, first = matcher.literal_rids(m.group(1))
        if first and _WORD_CHAR.search(low, doc.starts[line]).start() == pos:  # type: ignore[union-attr]
            word = word | first
        if word:
            out.setdefault(line, set()).update(word)
    return out


def match_lines(matcher: Matcher, lines: list[str]) -> list[Rule | None]:
    """``[matcher.match(line) for line in lines]``, computed with whole-document passes."""
    doc = DocLines(lines)
    cands = candidate_rules(matcher, doc)
    searched = lines_hit(matcher._search_any, doc)
    anchored: Callable[[str], object] | None = matcher._anchored_any.match if matcher._anchored_any else None
    out: list[Rule | None] = []
    limit = matcher._max_chars
    for i, text in enumerate(lines):
        if len(text) > limit:
            out.append(None)
            continue
        maybe_search = searched is None or i in searched
        maybe_anchored = anchored is not None and anchored(text) is not None
        out.append(matcher.match_with(text, cands.get(i, ()), maybe_anchored, maybe_search))
    return out


MAX_LITERALS = 32  # alternatives kept per rule before the prefix is cut short
MAX_LITERAL_CHARS = 40


def literal_prefixes(pattern: str) -> set[str] | None:
    """Lower-cased strings one of which every match of ``pattern`` starts with (after ``^`` / ``\\b``).

    Follows literals, groups, alternations and optional parts (``e-?mail`` gives "email", "e-mail");
    None when the pattern does not start with a word character.
    """
    items = list(_parser.parse(pattern, re.IGNORECASE).data)
    while items and items[0][0] is _constants.AT:
        items = items[1:]
    found, _ = _sequence({""}, items)
    if not found or any(not s or not _WORD_CHAR.match(s) for s in found):
        return None
    return found


def _sequence(current: set[str], items: list) -> tuple[set[str], bool]:
    """Extend each prefix in ``current`` through ``items``; the flag says all items were followed."""
    for op, arg in items:
        step = _item(op, arg)
        if step is None:
            return current, False
        options, complete = step
        grown = {p + s for p in current for s in options}
        if len(grown) > MAX_LITERALS or min(map(len, grown)) > MAX_LITERAL_CHARS:
            return current, False
        current = grown
        if not complete:
            return current, False
    return current, True


def _item(op: object, arg: object) -> tuple[set[str], bool] | None:
    if op is _constants.LITERAL:
        return {chr(arg).lower()}, True  # type: ignore[arg-type]
    if op is _constants.SUBPATTERN:
        return _sequence({""}, list(arg[-1]))  # type: ignore[index]
    if op is _constants.BRANCH:
        parts = [_sequence({""}, list(alt)) for alt in arg[1]]  # type: ignore[index]
        return set().union(*(p[0] for p in parts)), all(p[1] for p in parts)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:  # type: ignore[index]
        body, complete = _sequence({""}, list(arg[2]))  # type: ignore[index]
        return (body | {""}, True) if complete else None
    return None
