"""Boilerplate lexicons, stored as data: ``rules/<kind>/<lang>.txt``, one regular expression a line.

Lines are matched case-insensitively with ``re.search`` against a whole block of text;
``#`` starts a comment line. Each kind's folder has a README.md with what the kind covers and examples.

Length guard: a rule only fires on blocks of at most ``max_chars`` characters, so that a long
paragraph which merely mentions "subscribe" or "cookies" is not dropped. The default comes from
``DEFAULT_MAX_CHARS`` (per kind); a pattern may override it with a leading regex comment such as
``(?#max=600)`` (still a valid regular expression, so the files stay plain regex lists).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]

from cleaners.rules import doc_match
from cleaners.rules.required import required_literals

RULES_DIR = Path(__file__).parent

# Longest block (characters) a rule of each kind may remove unless the pattern says otherwise.
DEFAULT_MAX_CHARS: dict[str, int] = {
    "navigation": 100,
    "share_bar": 120,
    "photo_caption": 500,
    "related_content": 220,
    "advertisement": 200,
    "cookie_notice": 500,
    "comments": 120,
    "footer": 300,
    "media_notice": 200,
    "paywall_appeal": 450,
    "newsletter_widget": 300,
    "repost_disclaimer": 700,
}
FALLBACK_MAX_CHARS = 200
_MAX_OPTION = re.compile(r"^\(\?#max=(\d+)\)")


@dataclass(frozen=True)
class Rule:
    kind: str
    lang: str
    pattern: re.Pattern[str]
    max_chars: int = FALLBACK_MAX_CHARS

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.lang}: {self.pattern.pattern}"

    def matches(self, text: str) -> bool:
        return len(text) <= self.max_chars and self.pattern.search(text) is not None


def _read_patterns(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _make_rule(kind: str, lang: str, pattern: str) -> Rule:
    option = _MAX_OPTION.match(pattern)
    max_chars = int(option.group(1)) if option else DEFAULT_MAX_CHARS.get(kind, FALLBACK_MAX_CHARS)
    return Rule(kind, lang, re.compile(pattern, re.IGNORECASE | re.UNICODE), max_chars)


@cache
def _rule_files() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(kind, language, patterns) of every lexicon file with patterns, in a stable order (not compiled yet)."""
    found = []
    for kind_dir in sorted(p for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for lang_file in sorted(kind_dir.glob("*.txt")):
            if patterns := _read_patterns(lang_file):
                found.append((kind_dir.name, lang_file.stem, tuple(patterns)))
    return tuple(found)


@cache
def _file_rules(kind: str, lang: str) -> tuple[Rule, ...]:
    """One lexicon file's rules, compiled on first use: a page compiles only its languages' (compiling all of
    them takes most of a second)."""
    patterns = next(p for k, lg, p in _rule_files() if (k, lg) == (kind, lang))
    return tuple(_make_rule(kind, lang, pattern) for pattern in patterns)


def rules_of(langs: Container[str] | None) -> list[Rule]:
    """The rules of these languages (None = all), in the stable order of ``load_rules``."""
    return [
        rule for kind, lang, _ in _rule_files() if langs is None or lang in langs for rule in _file_rules(kind, lang)
    ]


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every kind and language, in a stable order."""
    return tuple(rules_of(None))


def languages() -> list[str]:
    return sorted({lang for _, lang, _ in _rule_files()})


def first_match(text: str) -> Rule | None:
    """The first rule (any kind, any language) whose pattern occurs in ``text``, or None."""
    for rule in load_rules():
        if rule.matches(text):
            return rule
    return None


class Matcher:
    """Fast lookup over a subset of languages, kinds tried in a given priority order.

    Most patterns must start with a known word (``^home``, ``\\bsubscribe``); those are indexed by the
    first letters of that word, so a block only runs the few patterns whose leading word it contains.
    Patterns without such a word are merged into one alternation per kind and length guard.
    """

    def __init__(self, langs: tuple[str, ...] | None, order: tuple[str, ...] | None = None) -> None:
        chosen = rules_of(langs)
        kind_order = list(order or ()) + sorted({r.kind for r in chosen} - set(order or ()))
        rank = {kind: i for i, kind in enumerate(kind_order)}
        self._rank = rank
        self.rules = sorted(chosen, key=lambda r: rank[r.kind])  # stable: file order within a kind
        self._first: dict[str, list[int]] = {}
        self._word: dict[str, list[int]] = {}
        self._literal: dict[str, list[int]] = {}  # whole leading word of each indexed rule -> rule ids
        self._literal_first: dict[str, list[int]] = {}  # the same for rules anchored at the block start
        leftovers: dict[tuple[str, int, bool], list[Rule]] = {}
        for rid, rule in enumerate(self.rules):
            mode, keys = trigger_words(rule.pattern.pattern)
            if keys is None:
                anchored = mode == "first"
                leftovers.setdefault((rule.kind, rule.max_chars, anchored), []).append(rule)
                continue
            index = self._first if mode == "first" else self._word
            for key in keys:
                index.setdefault(key, []).append(rid)
            literals = self._literal_first if mode == "first" else self._literal
            for literal in doc_match.literal_prefixes(rule.pattern.pattern) or keys:
                literals.setdefault(literal, []).append(rid)
        self._groups = [
            (rank[kind], guard, _union(members, anchored), members, _group_mode(members, anchored))
            for (kind, guard, anchored), members in sorted(leftovers.items(), key=lambda kv: rank[kv[0][0]])
        ]
        self._max_chars = max((r.max_chars for r in self.rules), default=0)
        self._init_document_passes()

    def _init_document_passes(self) -> None:
        """Pre-filters for :meth:`match_lines` (see :mod:`cleaners.rules.doc_match`)."""
        anchored = [r.pattern.pattern for g in self._groups if g[4] == "anchored" for r in g[3]]
        self._anchored_any = doc_match.union_of(anchored, doc_match.FLAGS)
        safe = all(doc_match.line_safe(p) for p in anchored)
        self._anchored_doc = doc_match.union_of(anchored, doc_match.FLAGS | re.MULTILINE) if safe else None
        self._anchored_guard = max((g[1] for g in self._groups if g[4] == "anchored"), default=0)
        self._has_unfiltered = any(g[4] == "always" for g in self._groups)
        by_guard: dict[int, list[str]] = {}
        self._literal_searches: list[tuple[int, re.Pattern[str], frozenset[str]]] = []
        for group in self._groups:
            if group[4] != "search":
                continue
            for rule in group[3]:
                needles = required_literals(rule.pattern.pattern)
                if needles is None:
                    by_guard.setdefault(group[1], []).append(rule.pattern.pattern)
                else:
                    self._literal_searches.append((group[1], rule.pattern, needles))
        self._search_unions = [
            (guard, re.compile("|".join(f"(?:{p})" for p in found), doc_match.FLAGS | re.MULTILINE))
            for guard, found in sorted(by_guard.items())
        ]
        self._odd_case = doc_match.odd_case_regex([n for _, _, needles in self._literal_searches for n in needles])
        # A rule can only match where its leading word starts a token (the first token, for ``^`` rules): one scan
        # for each, so that the many ``^`` words ("in", "we", "you") are not reported in the middle of lines.
        self._triggers = (
            doc_match.Trigger(doc_match.trigger_regex(set(self._literal)), self._literal),
            doc_match.Trigger(doc_match.first_token_regex(set(self._literal_first)), self._literal_first),
        )

    def match_lines(self, lines: list[str], lowered: list[str] | None = None) -> list[Rule | None]:
        """``[self.match(line) for line in lines]`` with whole-document pre-filters (``lowered``: the lines
        lower-cased, if the caller has them)."""
        return doc_match.match_lines(self, lines, lowered)

    def _candidates(self, low: str) -> set[int]:
        tokens = _TOKEN.findall(low)
        found: set[int] = set()
        if not tokens:
            return found
        first = tokens[0]
        for key in (first[:1], first[:2], first[:3]):
            found.update(self._first.get(key, ()))
        for token in set(tokens):
            for key in (token[:1], token[:2], token[:3]):
                found.update(self._word.get(key, ()))
        return found

    def match(self, text: str, kind: str | None = None) -> Rule | None:
        if len(text) > self._max_chars:
            return None
        return self.match_with(text, self._candidates(text.lower()), True, None, kind)

    def match_with(
        self,
        text: str,
        candidates: Iterable[int],
        maybe_anchored: bool,
        searchable: Container[int] | None,
        kind: str | None = None,
    ) -> Rule | None:
        """The winning rule given the indexed candidates.

        Pre-filters may rule groups out: anchored groups when ``maybe_anchored`` is False, unanchored
        groups whose guard is not in ``searchable`` (None: try them all).
        """
        size = len(text)
        best: Rule | None = None
        for rid in sorted(candidates):
            rule = self.rules[rid]
            if (kind is None or rule.kind == kind) and rule.matches(text):
                best = rule
                break
        best_rank = self._rank_of(best)
        for rank, guard, test, members, mode in self._groups:
            if rank >= best_rank:
                break
            if size > guard or (kind is not None and members[0].kind != kind):
                continue
            if mode == "anchored" and not maybe_anchored:
                continue
            if mode == "search" and searchable is not None and guard not in searchable:
                continue
            if test(text):
                return next((r for r in members if r.pattern.search(text)), best)
        return best

    def match_kind(self, text: str, kind: str) -> Rule | None:
        return self.match(text, kind)

    def _rank_of(self, rule: Rule | None) -> int:
        return self._rank[rule.kind] if rule is not None else len(self._rank)


_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
TRIGGER_CHARS = 3


def _leading_literals(items: list, limit: int = TRIGGER_CHARS) -> set[str] | None:
    """Possible first letters (up to ``limit``) of a match of a parsed sequence, or None if unknown."""
    current = ""
    for op, arg in items:
        if op is _constants.LITERAL and _WORD_CHAR.match(chr(arg)):
            current += chr(arg).lower()
            if len(current) >= limit:
                break
            continue
        if current or op is _constants.LITERAL:
            break
        if op is _constants.SUBPATTERN:
            return _leading_literals(arg[-1], limit)
        if op is _constants.BRANCH:
            return _branch_literals(arg[1], limit)
        return None
    return {current} if current else None


def _branch_literals(alternatives: list, limit: int) -> set[str] | None:
    out: set[str] = set()
    for alternative in alternatives:
        keys = _leading_literals(alternative, limit)
        if keys is None:
            return None
        out |= keys
    return out


def _frozen(keys: set[str] | None) -> frozenset[str] | None:
    return frozenset(keys) if keys is not None else None


@cache  # every matcher (one per language set) analyses the same patterns
def trigger_words(pattern: str) -> tuple[str, frozenset[str] | None]:
    """("first", keys): the block's first word starts with one of keys; ("word", keys): some word does."""
    items = list(_parser.parse(pattern, re.IGNORECASE).data)
    if items and items[0] == (_constants.AT, _constants.AT_BEGINNING):
        rest = items[1:]
        if rest and rest[0] == (_constants.AT, _constants.AT_BOUNDARY):
            rest = rest[1:]
        return "first", _frozen(_leading_literals(rest))
    if items and items[0] == (_constants.AT, _constants.AT_BOUNDARY):
        return "word", _frozen(_leading_literals(items[1:]))
    return "none", None


def _union(members: list[Rule], anchored: bool) -> Callable[[str], object]:
    """One compiled alternation; anchored groups only try position 0 (``match``), the rest ``search``."""
    union = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in members), re.IGNORECASE | re.UNICODE)
    return union.match if anchored else union.search


def _group_mode(members: list[Rule], anchored: bool) -> str:
    """How :meth:`Matcher.match_lines` pre-filters a leftover group: "anchored", "search" or "always" (no filter)."""
    if anchored:
        return "anchored"
    return "search" if all(doc_match.line_safe(r.pattern.pattern) for r in members) else "always"


@lru_cache(maxsize=64)
def matcher_for(langs: tuple[str, ...] | None, order: tuple[str, ...] | None = None) -> Matcher:
    """A cached :class:`Matcher` for these languages (None = all) and kind priority order."""
    return Matcher(langs, order)
