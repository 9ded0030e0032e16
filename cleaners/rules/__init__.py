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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=None)
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every kind and language, in a stable order."""
    rules = []
    for kind_dir in sorted(p for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for lang_file in sorted(kind_dir.glob("*.txt")):
            for pattern in _read_patterns(lang_file):
                rules.append(_make_rule(kind_dir.name, lang_file.stem, pattern))
    return tuple(rules)


def kinds() -> list[str]:
    return sorted({rule.kind for rule in load_rules()})


def languages() -> list[str]:
    return sorted({rule.lang for rule in load_rules()})


def first_match(text: str) -> Rule | None:
    """The first rule (any kind, any language) whose pattern occurs in ``text``, or None."""
    for rule in load_rules():
        if rule.matches(text):
            return rule
    return None


class Matcher:
    """Fast lookup over a subset of languages, kinds tried in a given priority order.

    Rules of one kind and length guard are merged into one alternation, so a block that matches
    nothing costs one regex search per (kind, guard) group; the individual rule is only looked up
    for blocks that do match.
    """

    def __init__(self, langs: tuple[str, ...] | None, order: tuple[str, ...] | None = None) -> None:
        rules = [r for r in load_rules() if langs is None or r.lang in langs]
        kind_order = list(order or ()) + sorted({r.kind for r in rules} - set(order or ()))
        self._groups: list[tuple[int, re.Pattern[str], list[Rule]]] = []
        for kind in kind_order:
            by_guard: dict[int, list[Rule]] = {}
            for rule in rules:
                if rule.kind == kind:
                    by_guard.setdefault(rule.max_chars, []).append(rule)
            for guard, members in sorted(by_guard.items()):
                union = "|".join(f"(?:{r.pattern.pattern})" for r in members)
                self._groups.append((guard, re.compile(union, re.IGNORECASE | re.UNICODE), members))

    def match(self, text: str) -> Rule | None:
        size = len(text)
        for guard, union, members in self._groups:
            if size <= guard and union.search(text):
                return next((r for r in members if r.pattern.search(text)), None)
        return None

    def match_kind(self, text: str, kind: str) -> Rule | None:
        size = len(text)
        for guard, union, members in self._groups:
            if members[0].kind == kind and size <= guard and union.search(text):
                return next((r for r in members if r.pattern.search(text)), None)
        return None


@lru_cache(maxsize=64)
def matcher_for(langs: tuple[str, ...] | None, order: tuple[str, ...] | None = None) -> Matcher:
    """A cached :class:`Matcher` for these languages (None = all) and kind priority order."""
    return Matcher(langs, order)
