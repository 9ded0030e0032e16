"""The headline a reader sees, reconciled from the names a page gives itself.

A page names its article more than once: in a visible heading (an HTML ``<h1>``), and in page titles that often
carry the site's name, a section or a slogan as well ("Headline | Site", "Site - Section - Headline"): og:title,
the JSON-LD headline, twitter:title, ``<title>``. A visible heading that a page title confirms is the headline;
a heading that only repeats the site's name ("The Rust Programming Language" on every page of the book) is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from cleaners.metadata.titles import matches_site, squash

# Between the parts of a page title: spaced dashes, pipes, colons, guillemets, bullets
TITLE_PARTS = re.compile(r"\s+(?:\||–|—|-|::|»|«|·|•|:)\s+|\s*[|·•]\s*")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
HEADING_MAX_WORDS = 40
# A heading that shares at least this share of the longer one's words with a page title names the same article
SHARED_WORDS = 0.3
SITE_EXTRA_CHARS = 4  # letters a heading may add to the site's name and still be just its name


@lru_cache(maxsize=8192)  # a page's lines are keyed several times; site chrome repeats across pages
def words_key(text: str | None) -> str:
    """Lower-cased words joined by single spaces: how two names of one article are compared."""
    return " ".join(_NON_WORD.sub(" ", (text or "").lower()).split())


def title_parts(title: str) -> list[str]:
    return [part for part in TITLE_PARTS.split(title) if part.strip()]


def part_runs(title: str) -> set[str]:
    """The keys of every run of consecutive parts of ``title`` ("A | B | C": A, A B, B, B C, C, ...)."""
    parts = [words_key(p) for p in title_parts(title)]
    return {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


def shared_words(a: str, b: str) -> float:
    """The share of the longer text's distinct words that the other one has too."""
    first, second = set(words_key(a).split()), set(words_key(b).split())
    if not first or not second:
        return 0.0
    return len(first & second) / max(len(first), len(second))


def is_site_heading(heading: str, titles: Sequence[str], aliases: list[str]) -> bool:
    """A heading that names the site: it is the site's name (``_names_site``), or it is the last part of a page title
    with several parts (where sites put their name) whose other parts do not name the site ("Site | Headline"), and
    no page title is just that heading."""
    key = words_key(heading)
    if any(words_key(t) == key for t in titles):
        return False
    ends_title = any(
        len(parts) > 1 and words_key(parts[-1]) == key and not any(matches_site(p, aliases) for p in parts[:-1])
        for parts in map(title_parts, titles)
    )
    return ends_title or _names_site(heading, aliases)


def _names_site(heading: str, aliases: list[str]) -> bool:
    """The heading is the site's name, give or take an article or a possessive ("The Verge", "Doom9's"): a heading
    that adds a word of its own to the name ("Visual Studio Community", "Ansible playbooks") names a page."""
    key = squash(heading)
    return any(
        key == alias or (len(alias) >= 4 and alias in key and len(key) <= len(alias) + SITE_EXTRA_CHARS)
        for alias in aliases
    )


def _without_part(title: str, part_keys: set[str]) -> str:
    """``title`` without its parts whose keys are in ``part_keys`` (a site's name that a heading gave away)."""
    parts = title_parts(title)
    kept = [p for p in parts if words_key(p) not in part_keys]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def confirms(heading: str, title: str) -> bool:
    """``title`` names the same article as ``heading``: all the heading's words are in it, or at least
    ``SHARED_WORDS`` of the longer one's words are in both."""
    words = set(words_key(heading).split())
    return words <= set(words_key(title).split()) or shared_words(heading, title) >= SHARED_WORDS


def _ran_in(heading: str, words: int) -> bool:
    """What follows the first ``words`` words of ``heading`` holds a number and does not go on in lower case (the
    sentence going on): a byline, a date or a count ran into the heading."""
    ends = [match.end() for match in _WORD.finditer(heading)]
    rest = heading[ends[words - 1] :].strip() if 0 < words <= len(ends) else ""
    return any(ch.isdigit() for ch in rest) and not rest[:1].islower()


def reconcile_title(
    headings: Sequence[tuple[str, str]],
    titles: Sequence[tuple[str, str]],
    aliases: list[str],
    without_site: Callable[[str], str],
    slug: str = "",
) -> tuple[str, str] | None:
    """(title, source) from visible ``headings`` and page ``titles`` (each (text, source), in order of trust);
    ``aliases`` name the site (``titles.site_aliases``), ``without_site`` strips a site's name from a page title
    (page titles are compared without it, and returned with it, for the normalizer to strip); ``slug``: the words
    of the page's URL path. In order:

    1. a heading equal to a page title, or to a run of its parts ("Headline" in "Headline | Section | Site"); of
       several such headings the longest;
    2. a page title (without the site) that a longer heading ends with: a date or a section ran into the heading;
       or that it starts with, followed by a number not in a lower-case run-on: a byline, a date or a count ran
       into it ("... Posted on July 1, 2024", "... (example.com) 87", but not "... from the 2024 show");
    3. the heading sharing most words with a page title (``confirms``) or with the URL's words;
    4. the first page title, without a part that a heading showed to be the site's name; else the first heading.
    """
    texts = [t for t, _ in titles]
    site_keys = {words_key(h) for h, _ in headings if is_site_heading(h, texts, aliases)}
    usable = [
        (h, s)
        for h, s in headings
        if len(h.split()) <= HEADING_MAX_WORDS and words_key(h) and words_key(h) not in site_keys
    ]
    in_titles = [
        (heading, f"{source} (in {title_source})")
        for heading, source in usable
        for title, title_source in titles
        if words_key(heading) in part_runs(title)
    ]
    if in_titles:  # the longest: a section label ("Opinion" of "Opinion | Headline") is a part too
        return max(in_titles, key=lambda found: len(words_key(found[0]).split()))
    stripped = [(title, words_key(without_site(title) or title), source) for title, source in titles]
    for heading, source in usable:
        key = words_key(heading)
        for title, bare, title_source in stripped:
            if len(bare) > 10 and bare != key and key.endswith(bare):
                return title, f"{title_source} (ends the {source})"
            if len(bare) > 10 and key.startswith(bare + " ") and _ran_in(heading, len(bare.split())):
                return title, f"{title_source} (starts the {source})"
    best, best_share = None, 0.0
    for heading, source in usable:
        confirmations = [(bare, title_source) for _, bare, title_source in stripped]
        if slug:
            confirmations.append((slug, "url"))
        for bare, confirmation in confirmations:
            share = shared_words(heading, bare)
            if confirms(heading, bare) and (best is None or share > best_share):
                best, best_share = (heading, f"{source} (confirmed by {confirmation})"), share
    if best:
        return best
    if titles:
        title, source = titles[0]
        bare = _without_part(title, site_keys)
        return bare, source + (" (site heading removed)" if bare != title else "")
    return usable[0] if usable else None
