r"""Whole-document lexicon matching: the same answers as ``Matcher.match`` line by line, found faster.

Instead of tokenizing every line and trying every group alternation on it, a few passes over the
joined document find the few lines a rule could fire on:

* a trigger alternation (a prefix trie, as a lookahead) over the lower-cased document finds token
  starts that begin with an indexed rule's leading words, so only those lines run those patterns
  (a second one looks only at each line's first token, for the rules anchored with ``^``);
* one multi-line alternation of the anchored leftover groups finds the lines they may match;
* one multi-line alternation per length guard of the unanchored leftover groups is searched over the
  lines within that guard, hopping to the next line after each hit.

Every pre-filter only rules lines *out* (a line-local match is always a match in the joined text:
patterns with lookarounds, ``\A``/``\Z`` or DOTALL are never pre-filtered); the decision itself
is ``Matcher.match_with``, shared with ``Matcher.match``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from re import _constants, _parser  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
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
    return re.compile(r"\b(?=(" + trie_regex(sorted(keys)) + "))") if keys else None


def first_token_regex(keys: set[str]) -> re.Pattern[str] | None:
    """The first token of each line (in a "\\n"-joined lower-cased text), where it begins with one of ``keys``."""
    # Keys start with a word character, so the lookahead can only succeed at the line's first one.
    return re.compile(r"^[^\w\n]*(?=(" + trie_regex(sorted(keys)) + "))", re.MULTILINE) if keys else None


class Trigger:
    """A token-start scan and the rules indexed by leading word that a hit (the longest key found) selects."""

    def __init__(self, regex: re.Pattern[str] | None, index: dict[str, list[int]]) -> None:
        self.regex = regex
        self._index = index
        self._rids: dict[str, frozenset[int]] = {}

    def rids(self, found: str) -> frozenset[int]:
        """Rules whose leading word is ``found`` or a prefix of it: every key that matches where ``found`` did."""
        if found not in self._rids:
            index = self._index
            self._rids[found] = frozenset(rid for end in range(1, len(found) + 1) for rid in index.get(found[:end], ()))
        return self._rids[found]


def trie_regex(keys: list[str]) -> str:
    """A prefix-factored alternation (few alternatives per position, longer keys tried first).

    Chains without a branch are merged into one literal ("abril", not a group per letter): the pattern
    stays small, so compiling it (the parser is pure Python) is cheap.
    """
    groups: dict[str, list[str]] = {}
    for key in keys:
        if key:
            groups.setdefault(key[0], []).append(key)
    branches = []
    for members in groups.values():
        prefix = _common_prefix(members)
        branches.append(re.escape(prefix) + trie_regex([m[len(prefix) :] for m in members]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in keys else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in keys else body


def _common_prefix(words: list[str]) -> str:
    first, last = min(words), max(words)  # the sorted extremes differ first where any pair does
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def line_safe(pattern: str) -> bool:
    """True when a match inside one line is also a match of the pattern over the joined document."""
    return _LINE_SENSITIVE.search(pattern) is None


def odd_case_regex(needles: list[str]) -> re.Pattern[str] | None:
    """Characters of a lower-cased text that a case-insensitive regex may match to a needle's letter although
    a plain substring scan would not ("ſ" for "s", "ı" for "i", "ς" for "σ", the dot "İ" leaves after "i")."""
    odd = {chr(c) for n in set("".join(needles)) for c in _EXTRA_CASES.get(ord(n), ())} | {"\u0307"}
    return re.compile("[" + "".join(map(re.escape, sorted(odd))) + "]") if needles else None


def union_of(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


class DocLines:
    """The joined document (original and lower-cased) with a line index by character offset."""

    def __init__(
        self,
        lines: list[str],
        odd_case: re.Pattern[str] | None = None,
        lowered: list[str] | None = None,
    ) -> None:
        self.lines = lines
        if lowered is None:
            lowered = [line.lower() for line in lines]
        self.starts: list[int] = []
        offset = 0
        for line in lowered:
            self.starts.append(offset)
            offset += len(line) + 1
        self.low = "\n".join(lowered)
        self._found: dict[str, set[int]] = {}
        # A substring scan could miss a regex match on such characters: then every line may hold every needle.
        self._every = set(range(len(lines))) if odd_case is not None and odd_case.search(self.low) else None

    def lines_containing(self, needle: str) -> set[int]:
        """Lines whose lower-cased text may contain ``needle`` for a case-insensitive regex (a C-speed scan)."""
        if self._every is not None:
            return self._every
        if needle not in self._found:
            self._found[needle] = self._scan(needle)
        return self._found[needle]

    def _scan(self, needle: str) -> set[int]:
        out: set[int] = set()
        find = self.low.find
        pos = find(needle)
        while pos >= 0:
            line = self.line_at(pos)
            out.add(line)
            pos = find(needle, self.next_start(line))
        return out

    def line_at(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def next_start(self, line: int) -> int:
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.low) + 1


def lines_hit(union: re.Pattern[str], lines: list[str], guard: int) -> set[int]:
    """Lines of at most ``guard`` characters where ``union`` (compiled with re.MULTILINE) may match."""
    kept = [line if len(line) <= guard else "" for line in lines]
    starts = list(accumulate((len(line) + 1 for line in kept), initial=0))
    text = "\n".join(kept)
    found: set[int] = set()
    pos = 0
    search = union.search
    while (m := search(text, pos)) is not None:
        line = bisect_right(starts, m.start()) - 1
        found.add(line)
        pos = starts[line + 1]
    return found


def candidate_rules(matcher: Matcher, doc: DocLines) -> dict[int, set[int]]:
    """Per line, the indexed rule ids whose leading word starts one of its tokens (its first, for ``^`` rules)."""
    out: dict[int, set[int]] = {}
    low, starts = doc.low, doc.starts
    for trigger in matcher._triggers:
        if trigger.regex is None:
            continue
        for m in trigger.regex.finditer(low):
            rids = trigger.rids(m.group(1))
            if rids:
                out.setdefault(bisect_right(starts, m.start(1)) - 1, set()).update(rids)
    return out


def match_lines(matcher: Matcher, lines: list[str], lowered: list[str] | None = None) -> list[Rule | None]:
    """``[matcher.match(line) for line in lines]``, computed with whole-document passes (``lowered``: the lines
    lower-cased, when the caller has them already)."""
    doc = DocLines(lines, matcher._odd_case, lowered)
    cands = candidate_rules(matcher, doc)
    hits = searchable_guards(matcher, doc)
    anchored = _anchored_lines(matcher, lines)
    out: list[Rule | None] = []
    limit, always = matcher._max_chars, matcher._has_unfiltered
    nothing: set[int] = set()
    for i, text in enumerate(lines):
        searchable = hits.get(i, nothing)
        maybe_anchored = anchored is None or i in anchored
        if len(text) > limit or not (i in cands or searchable or maybe_anchored or always):
            out.append(None)
            continue
        out.append(matcher.match_with(text, cands.get(i, ()), maybe_anchored, searchable))
    return out


def searchable_guards(matcher: Matcher, doc: DocLines) -> dict[int, set[int]]:
    """Per line, the length guards of the unanchored leftover groups that may match it."""
    out: dict[int, set[int]] = {}
    for guard, union in matcher._search_unions:
        for line in lines_hit(union, doc.lines, guard):
            out.setdefault(line, set()).add(guard)
    for guard, pattern, needles in matcher._literal_searches:
        for needle in needles:
            for line in doc.lines_containing(needle):
                text = doc.lines[line]
                if len(text) <= guard and guard not in out.get(line, ()) and pattern.search(text):
                    out.setdefault(line, set()).add(guard)
    return out


def _anchored_lines(matcher: Matcher, lines: list[str]) -> set[int] | None:
    """Lines where an anchored group may match (None: the groups must be tried on every line)."""
    if matcher._anchored_any is None:
        return set()
    if matcher._anchored_doc is None:
        test = matcher._anchored_any.match
        return {i for i, line in enumerate(lines) if test(line) is not None}
    return lines_hit(matcher._anchored_doc, lines, matcher._anchored_guard)


MAX_LITERALS = 32  # alternatives kept per rule before the prefix is cut short
MAX_LITERAL_CHARS = 40


@cache  # every matcher (one per language set) analyses the same patterns
def literal_prefixes(pattern: str) -> frozenset[str] | None:
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
    return frozenset(found)


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
