"""Boilerplate lexicons, stored as data: ``rules/<kind>/<lang>.txt``, one regular expression a line.

Lines are matched case-insensitively with ``re.search`` against a whole block of text;
``#`` starts a comment line. Each kind's folder has a README.md with what the kind covers and examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Rule:
    kind: str
    lang: str
    pattern: re.Pattern[str]

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.lang}: {self.pattern.pattern}"


def _read_patterns(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every kind and language, in a stable order."""
    rules = []
    for kind_dir in sorted(p for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for lang_file in sorted(kind_dir.glob("*.txt")):
            for pattern in _read_patterns(lang_file):
                rules.append(Rule(kind_dir.name, lang_file.stem, re.compile(pattern, re.IGNORECASE | re.UNICODE)))
    return tuple(rules)


def kinds() -> list[str]:
    return sorted({rule.kind for rule in load_rules()})


def first_match(text: str) -> Rule | None:
    """The first rule whose pattern occurs in ``text``, or None."""
    for rule in load_rules():
        if rule.pattern.search(text):
            return rule
    return None
