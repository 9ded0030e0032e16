"""The site's name in a plain-text dump, only from evidence that names a site; otherwise none.

Evidence, in order: the first line's part beside the headline ("Headline | The Kyiv Independent": many dumps start
with the ``<title>``), a "<Site> news desk" byline, a copyright line ("© 2024 The Kyiv Independent"), and the URL's
registered domain written out on the page ("The Kyiv Independent" for kyivindependent.com). When the URL is known,
a name must name its domain ("WSJ" for wsj.com), else the domain written out on the page is used; without a URL a
name must at least look like one (letters, a few words, no year, not a sentence fragment such as "and Reprint").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaners.metadata.headlines import title_parts, words_key
from cleaners.metadata.titles import matches_site, site_aliases, squash
from cleaners.text.features import LineFeatures
from cleaners.text.patterns import BYLINE, COPYRIGHT_SITE, NEWS_DESK, date_part

SITE_MAX_WORDS = 6
SITE_MAX_CHARS = 60
DOMAIN_NAME_MAX_WORDS = 5  # the longest run of words checked against the domain
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\ben\b|&)\s*")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def plausible_site_name(name: str) -> bool:
    """Shaped like a name: letters, at most six words, no year, starting with a capital or a digit."""
    name = name.strip()
    return (
        bool(name)
        and len(name) <= SITE_MAX_CHARS
        and len(name.split()) <= SITE_MAX_WORDS
        and any(ch.isalpha() for ch in name)
        and not _YEAR.search(name)
        and not name[0].islower()
    )


def site_from_first_line(first_line: str, headline: str | None) -> str | None:
    """The last part of a first line that holds the headline as another part ("Headline | Site" -> "Site")."""
    if not headline or words_key(headline) == words_key(first_line):
        return None
    parts = title_parts(first_line)
    key = words_key(headline)
    if len(parts) < 2 or (not any(words_key(p) == key for p in parts) and words_key(" ".join(parts[:-1])) != key):
        return None
    rest = [p for p in parts if words_key(p) != key and key not in words_key(p)]
    return rest[-1].strip() if rest else None


def site_from_byline(byline: str) -> str | None:
    """A "<Site> news desk" / "<Site> staff" author names the publication."""
    head = BYLINE.sub("", byline)
    date = date_part(head)
    if date:
        head = head[: head.find(date)]
    for part in _AUTHOR_SPLIT.split(head):
        match = NEWS_DESK.match(part.strip(" ,|·•"))
        if match:
            return match.group("site").strip()
    return None


def site_from_copyright(feats: list[LineFeatures]) -> str | None:
    for f in reversed(feats):
        if f.rule is not None and f.rule.kind == "footer":
            match = COPYRIGHT_SITE.search(f.text)
            if match and match.group("site").strip():
                return match.group("site").strip()
    return None


def _word_runs(text: str) -> Iterator[str]:
    words = text.split()
    for size in range(DOMAIN_NAME_MAX_WORDS, 0, -1):  # the longest first: "The Kyiv Independent", not "Kyiv ..."
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


def domain_written_out(feats: list[LineFeatures], domain: str) -> str | None:
    """The page's spelling of the domain's name: a run of words whose letters are the domain's first label, with or
    without a leading "the" ("The Kyiv Independent" for kyivindependent.com, "BBC" for bbc.co.uk)."""
    label = squash(domain.split(".")[0])
    if len(label) < 3:
        return None
    start = label[:4]  # the label's first letters, in a spelling without its spaces: a cheap test before squash
    if start not in "\n".join(f.text for f in feats).lower().replace(" ", ""):
        return None
    for f in feats:
        if f.chars > 300 or start not in f.text.lower().replace(" ", "") or label not in squash(f.text):
            continue
        for run in _word_runs(f.text):
            letters = squash(run.strip(" ,.;:|·•-–—()[]\"'"))
            if letters == label or letters == "the" + label:
                return run.strip(" ,.;:|·•-–—()[]\"'")
    return None


def find_site_name(
    feats: list[LineFeatures], headline: str | None, byline: str | None, domain: str | None
) -> tuple[str | None, str]:
    """(site name, where it was found), or (None, "") when nothing on the page names the site."""
    candidates = (
        (site_from_first_line(feats[0].text, headline) if feats else None, "first line"),
        (site_from_byline(byline) if byline else None, "desk byline"),
        (site_from_copyright(feats), "copyright line"),
    )
    if domain:
        aliases = site_aliases(None, domain)
        for name, source in candidates:
            if name and plausible_site_name(name) and matches_site(name, aliases):
                return name, source
        written = domain_written_out(feats, domain)
        return (written, "domain written on the page") if written else (None, "")
    for name, source in candidates:
        if name and plausible_site_name(name):
            return name, source
    return None, ""
