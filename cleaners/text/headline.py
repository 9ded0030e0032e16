"""The headline of a plain-text dump: the heading line a reader sees above the article.

Every heading-shaped line above the article's start (and in its first lines) is a candidate; lexicon hits (UI
strings such as "Sign in"), bylines, dates and sentences are not. Each candidate gathers evidence that it is the
headline, language-neutral and renderer-neutral:

- the page's first line (many dumps start with the ``<title>``, "Headline | Site") holds it as a part;
- the URL's path has its words ("/city-council-approves-budget");
- a byline or a date follows within three lines, prose follows it, and little prose stands above it (the
  headline opens the article; a heading inside it follows paragraphs);
- it is near the start of the main text span, and it is shaped like a headline (three to twenty words).

The weights were fitted as a conditional logit (which line of a page is the headline) on the tune split of the
multi-type benchmark, then rounded; the first-line weights, which that benchmark's dumps cannot show, are set to
the URL's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cleaners.metadata.headlines import part_runs, words_key
from cleaners.metadata.titles import squash
from cleaners.metadata.urls import slug_words
from cleaners.text.features import LINE_CACHE_SIZE, LineFeatures
from cleaners.text.patterns import has_date

MAX_WORDS = 40
HEADER_LOOKAHEAD_MAX = 5  # candidates are judged up to this many lines into the span (one past the lookahead)
PROSE_MIN_WORDS = 15
URL_MATCH = 0.75  # share of words a line anywhere on the page shares with the URL's path to be named by it
URL_MIN_WORDS = 2
URL_UNNAMED = 0.25  # below this share the chosen line is not what the URL names: look for a line that is
_LABEL = re.compile(r"^(\w[\w-]*)\s*:\s+(?=\S)")  # one word before a colon: "Blog: ...", "Re: ..."
_PART_SEPARATORS = (" | ", " - ", " – ", " — ")
MAX_DROPPED_WORDS = 5  # a tail after a dash or pipe that the URL does not name is a label up to this many words
WEIGHTS = {
    "first_line_part": 3.0,  # the line is a part of the first line ("Headline" of "Headline | Site")
    "first_line_whole": 1.0,  # or all of it
    "first_line_words": 1.0,  # or shares half its words with it
    "url_words": 7.1,  # times the share of words it shares with the URL's path
    "metadata_below": 2.0,  # a byline, date or reading time within the next three lines
    "prose_next": 0.7,
    "prose_below": 0.8,  # prose within the next three lines
    "near_3": 1.0,
    "near_8": 1.2,
    "near_20": 1.0,  # lines above the span's start
    "few_words": -0.9,
    "headline_words": 0.6,  # up to two words; three to twenty
    "inner_sentence": 0.3,
    "shouting": -0.2,
    "question": 0.3,
    "capitalised": 0.5,
    "colon": 1.4,
    "digit_first": 0.6,
    "heading_next": -0.2,  # a short heading-shaped line follows: a menu rather than a headline
    "no_prose_above": 1.9,
    "little_prose_above": 1.0,
    "prose_above": -0.6,
}


def is_prose(f: LineFeatures) -> bool:
    return f.words >= PROSE_MIN_WORDS and f.sentence_end


def is_candidate(f: LineFeatures) -> bool:
    """Heading-shaped: no lexicon hit, not metadata, not a sentence, a clause or a bare date."""
    if f.rule is not None or f.metadata_like or f.numberish or f.truncated or not 1 <= f.words <= MAX_WORDS:
        return False
    return _heading_text(f.text)


@lru_cache(maxsize=LINE_CACHE_SIZE)  # menus and footers repeat across a site's pages
def _heading_text(text: str) -> bool:
    text = text.rstrip()
    if text.endswith((".", ":", ",")) and not text.endswith("..."):
        return False
    return bool(words_key(text)) and not has_date(text)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_shape(text: str, words: int, sentences: int) -> tuple[str, frozenset[str], tuple[tuple[str, float], ...]]:
    """(key, its words, the evidence that depends on the line alone) of a candidate line."""
    key = words_key(text)
    found: list[tuple[str, float]] = []
    if words <= 2:
        found.append(("few_words", 1.0))
    elif words <= 20:
        found.append(("headline_words", 1.0))
    tokens = text.split()
    found.append(("capitalised", sum(1 for w in tokens if w[:1].isupper()) / len(tokens)))
    stripped = text.rstrip()
    for name, holds in (
        ("question", stripped.endswith(("?", "!"))),
        ("colon", ":" in stripped),
        ("digit_first", stripped[:1].isdigit()),
        ("inner_sentence", sentences > 0),
        ("shouting", text.isupper()),
    ):
        if holds:
            found.append((name, 1.0))
    return key, frozenset(key.split()), tuple(found)


def _share(words: frozenset[str] | set[str], other: set[str]) -> float:
    """``shared_words`` on word sets already made."""
    return len(words & other) / max(len(words), len(other)) if words and other else 0.0


class _Page:
    """What every candidate of one page is compared with, made once: the first line and the URL's words."""

    def __init__(self, feats: Sequence[LineFeatures], span_start: int, url_words: str) -> None:
        self.feats = feats
        self.span_start = span_start
        self.first_key = words_key(feats[0].text) if feats else ""
        self.first_runs = part_runs(feats[0].text) if feats else set()
        self.first_words = set(self.first_key.split())
        self.url_words = set(url_words.split())
        judged = feats[: span_start + HEADER_LOOKAHEAD_MAX + 3]
        self.candidate = [is_candidate(f) for f in judged[: span_start + HEADER_LOOKAHEAD_MAX]]
        self.prose = [is_prose(f) for f in judged]
        self.metadata = [f.metadata_like for f in judged]

    def evidence(self, i: int, prose_above: int) -> dict[str, float]:
        f, feats = self.feats[i], self.feats  # (i is below span_start + HEADER_LOOKAHEAD_MAX: judged lines)
        key, words, shape = _line_shape(f.text, f.words, f.sentences)
        found: dict[str, float] = dict(shape)
        if i > 0 and key == self.first_key:
            found["first_line_whole"] = 1.0
        elif i > 0 and key in self.first_runs:
            found["first_line_part"] = 1.0
        elif i > 0 and _share(words, self.first_words) >= 0.5:
            found["first_line_words"] = 1.0
        if self.url_words:
            found["url_words"] = _share(words, self.url_words)
        if any(self.metadata[i + 1 : i + 4]):
            found["metadata_below"] = 1.0
        if self.prose[i + 1 : i + 2] == [True]:
            found["prose_next"] = 1.0
        if any(self.prose[i + 1 : i + 4]):
            found["prose_below"] = 1.0
        if i + 1 < len(feats) and feats[i + 1].words <= 4 and self.is_candidate(i + 1):
            found["heading_next"] = 1.0
        distance = self.span_start - i
        for name, limit in (("near_3", 3), ("near_8", 8), ("near_20", 20)):
            if 0 < distance <= limit:
                found[name] = 1.0
                break
        if prose_above == 0:
            found["no_prose_above"] = 1.0
        elif prose_above <= 2:
            found["little_prose_above"] = 1.0
        elif prose_above <= 10:
            found["prose_above"] = 1.0
        return found

    def is_candidate(self, i: int) -> bool:
        return self.candidate[i] if i < len(self.candidate) else is_candidate(self.feats[i])


def find_headline(
    feats: Sequence[LineFeatures], span_start: int, url_words: str = "", lookahead: int = 4
) -> tuple[int | None, list[str]]:
    """(index of the headline line, the evidence for it) among the lines above ``span_start`` and the first
    ``lookahead`` lines of the span; (None, []) when no line is heading-shaped. When the best of them shares next to
    nothing with the URL's path, a heading-shaped line elsewhere that the path spells out wins ("url_names_it")."""
    page = _Page(feats, span_start, url_words)
    best: tuple[float, int, list[str]] | None = None
    prose_above = 0
    for i in range(min(len(feats), span_start + lookahead)):
        if page.is_candidate(i):
            evidence = page.evidence(i, prose_above)
            score = sum(WEIGHTS[name] * value for name, value in evidence.items())
            if best is None or score > best[0]:
                best = (score, i, [name for name, value in evidence.items() if value and WEIGHTS[name] > 0])
        prose_above += page.prose[i]
    if (best is None or _url_share(page, best[1]) < URL_UNNAMED) and (found := _url_named_line(page)) is not None:
        return found, ["url_names_it"]
    return (best[1], best[2]) if best else (None, [])


def _url_share(page: _Page, i: int) -> float:
    f = page.feats[i]
    return _share(_line_shape(f.text, f.words, f.sentences)[1], page.url_words)


def _url_named_line(page: _Page) -> int | None:
    """The heading-shaped line nearest the span's start that the URL's path spells out: the page's own name even
    where the main span was found away from it."""
    if len(page.url_words) < URL_MIN_WORDS:
        return None
    named = [i for i, f in enumerate(page.feats) if is_candidate(f) and _url_share(page, i) >= URL_MATCH]
    return min(named, key=lambda i: abs(i - page.span_start)) if named else None


def without_label(headline: str, url: str | None) -> tuple[str, str | None]:
    """(headline, None), or ("Weekend Coding Agent", "PROJECT") for "PROJECT: Weekend Coding Agent" when the URL's
    path names the rest of the line but not its one-word label."""
    match = _LABEL.match(headline)
    slug = set(slug_words(url).split())
    if not match or not url or not slug or squash(match.group(1)) in squash(url):
        return headline, None
    rest = headline[match.end() :]
    if len(rest.split()) < 2 or _share(frozenset(words_key(rest).split()), slug) < URL_UNNAMED:
        return headline, None
    return rest, match.group(1)


def url_named_part(headline: str, url: str | None) -> tuple[str, str | None]:
    """(headline, None), or ("Hybrid Quantum Computing", "Programming - Forum") for "Hybrid Quantum Computing -
    Programming - Forum" when the URL's path shares words with the line's leading parts and none with a short rest
    (a subtitle of many words stays: "... review – shoots for the moon, lands among the stars")."""
    slug = set(slug_words(url).split())
    sep = next((sep for sep in _PART_SEPARATORS if sep in headline), None)
    if not slug or sep is None:
        return headline, None
    parts = headline.split(sep)
    named = [i for i, part in enumerate(parts) if _share(frozenset(words_key(part).split()), slug) > 0]
    if named[:1] != [0] or named[-1] + 1 != len(named) or len(named) == len(parts):
        return headline, None
    kept, dropped = sep.join(parts[: len(named)]).strip(), sep.join(p.strip() for p in parts[len(named) :])
    if len(kept.split()) < 2 or len(dropped.split()) > MAX_DROPPED_WORDS:
        return headline, None
    return kept, dropped
