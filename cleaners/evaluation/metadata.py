"""What metadata counts as right, and the tables of it per page type.

A page's metadata as one extractor found it (``Found``) is judged against the truth (``Truth``) field by field,
by the ground truth's own conventions:

- title: equal after lower-casing and dropping punctuation;
- author: one found author contains the true author, or is contained in it (lower-cased, punctuation dropped);
- date: the same calendar day, as written on the page (the wall-time day, not the UTC one);
- site name: the benchmarks have no site names, so a found name is judged by whether it names the page's registered
  domain ("The Motley Fool" for fool.com, "NPR" for npr.org); a page without a found name is not judged, and
  ``named`` says how many pages got one;
- language: the reference body's language (py3langid on the reference text, when it has enough words to tell).

A field is scored only on pages whose truth has it; ``judge`` gives None for the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cleaners.metadata.headlines import words_key

FIELDS = ("title", "author", "date", "site_name", "language")
MIN_TRUTH_WORDS = 12  # a reference body shorter than this does not tell its language
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Found:
    """The metadata one extractor gave a page (all optional)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    day: date | None = None
    site_name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Truth:
    title: str | None
    author: str | None
    day: date | None
    domain: str | None
    language: str | None


def same_title(found: str | None, truth: str) -> bool:
    return bool(found) and words_key(found) == words_key(truth)


def same_author(found: Iterable[str], truth: str) -> bool:
    want = words_key(truth)
    return any(key and (key in want or want in key) for key in map(words_key, found))


def names_domain(name: str | None, domain: str | None) -> bool:
    """``name`` names the site at ``domain``: its letters hold the domain's first label or lie inside it, or its
    initials spell it ("National Public Radio" for npr.org)."""
    if not name or not domain:
        return False
    label = _NON_WORD.sub("", domain.split(".")[0].lower())
    squashed = _NON_WORD.sub("", name.lower())
    if not label or not squashed:
        return False
    initials = "".join(word[0] for word in words_key(name).split())
    return label in squashed or (len(squashed) >= 3 and squashed in label) or initials == label


def as_day(value: Any) -> date | None:
    """A datetime, date or ISO string (its first ten characters) -> its calendar day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def truth_language(body: str) -> str | None:
    """The reference body's language, or None when it is too short to tell."""
    from cleaners.metadata.language import detect_language

    if len(_NON_WORD.sub(" ", body or "").split()) < MIN_TRUTH_WORDS:
        return None
    return detect_language(body)[0]


def judge(found: Found, truth: Truth) -> dict[str, bool | None]:
    """field -> right or wrong, or None when the field is not scored on this page."""
    return {
        "title": same_title(found.title, truth.title) if truth.title else None,
        "author": same_author(found.authors, truth.author) if truth.author else None,
        "date": found.day == truth.day if truth.day else None,
        "site_name": names_domain(found.site_name, truth.domain) if found.site_name and truth.domain else None,
        "language": found.language == truth.language if truth.language else None,
    }


@dataclass
class Tally:
    """Right and scored counts per field over a group of pages, and how many pages got a site name."""

    pages: int = 0
    named: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, verdict: dict[str, bool | None], found: Found) -> None:
        self.pages += 1
        self.named += bool(found.site_name)
        for name, right in verdict.items():
            if right is not None:
                self.scored[name] += 1
                self.right[name] += right

    def share(self, name: str) -> float | None:
        return self.right[name] / self.scored[name] if self.scored[name] else None


def tally_by_type(judged: Iterable[tuple[str, dict[str, bool | None], Found]]) -> dict[str, Tally]:
    """page type -> Tally, "all" first, then the types in alphabetical order."""
    groups: dict[str, Tally] = {"all": Tally()}
    for page_type, verdict, found in judged:
        groups["all"].add(verdict, found)
        groups.setdefault(page_type, Tally()).add(verdict, found)
    return {"all": groups["all"], **{k: groups[k] for k in sorted(groups) if k != "all"}}
