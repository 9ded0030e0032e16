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

from collections.abc import Sequence

from cleaners.metadata.headlines import part_runs, shared_words, words_key
from cleaners.text.features import LineFeatures
from cleaners.text.patterns import has_date

MAX_WORDS = 40
PROSE_MIN_WORDS = 15
WEIGHTS = {
    "first_line_part": 3.0,  # the line is a part of the first line ("Headline" of "Headline | Site")
    "first_line_whole": 1.0,  # or all of it
    "first_line_words": 1.0,  # or shares half its words with it
    "url_words": 7.1,  # times the share of words it shares with the URL's path
    "metadata_below": 2.0,  # a byline, date or reading time within the next three lines
    "prose_next": 0.7,
    "prose_below": 0.8,  # prose within the next three lines
    "near_3": 1.0, "near_8": 1.2, "near_20": 1.0,  # lines above the span's start
    "few_words": -0.9, "headline_words": 0.6,  # up to two words; three to twenty
    "inner_sentence": 0.3, "shouting": -0.2, "question": 0.3, "capitalised": 0.5, "colon": 1.4, "digit_first": 0.6,
    "heading_next": -0.2,  # a short heading-shaped line follows: a menu rather than a headline
    "no_prose_above": 1.9, "little_prose_above": 1.0, "prose_above": -0.6,
}


def is_prose(f: LineFeatures) -> bool:
    return f.words >= PROSE_MIN_WORDS and f.sentence_end


def is_candidate(f: LineFeatures) -> bool:
    """Heading-shaped: no lexicon hit, not metadata, not a sentence, a clause or a bare date."""
    if f.rule is not None or f.metadata_like or f.numberish or f.truncated or not 1 <= f.words <= MAX_WORDS:
        return False
    text = f.text.rstrip()
    if text.endswith((".", ":", ",")) and not text.endswith("..."):
        return False
    return bool(words_key(text)) and not has_date(text)


def _evidence(i: int, feats: Sequence[LineFeatures], span_start: int, url_words: str, first_runs: set[str],
              prose_above: int) -> dict[str, float]:
    f = feats[i]
    key = words_key(f.text)
    found: dict[str, float] = {}
    if i > 0 and key == words_key(feats[0].text):
        found["first_line_whole"] = 1.0
    elif i > 0 and key in first_runs:
        found["first_line_part"] = 1.0
    elif i > 0 and shared_words(f.text, feats[0].text) >= 0.5:
        found["first_line_words"] = 1.0
    if url_words:
        found["url_words"] = shared_words(f.text, url_words)
    below = feats[i + 1 : i + 4]
    if any(g.metadata_like for g in below):
        found["metadata_below"] = 1.0
    if below and is_prose(below[0]):
        found["prose_next"] = 1.0
    if any(is_prose(g) for g in below):
        found["prose_below"] = 1.0
    if below and is_candidate(below[0]) and below[0].words <= 4:
        found["heading_next"] = 1.0
    distance = span_start - i
    for name, limit in (("near_3", 3), ("near_8", 8), ("near_20", 20)):
        if 0 < distance <= limit:
            found[name] = 1.0
            break
    if f.words <= 2:
        found["few_words"] = 1.0
    elif f.words <= 20:
        found["headline_words"] = 1.0
    words = f.text.split()
    found["capitalised"] = sum(1 for w in words if w[:1].isupper()) / len(words)
    text = f.text.rstrip()
    if text.endswith(("?", "!")):
        found["question"] = 1.0
    if ":" in text:
        found["colon"] = 1.0
    if text[:1].isdigit():
        found["digit_first"] = 1.0
    if f.sentences:
        found["inner_sentence"] = 1.0
    if f.text.isupper():
        found["shouting"] = 1.0
    if prose_above == 0:
        found["no_prose_above"] = 1.0
    elif prose_above <= 2:
        found["little_prose_above"] = 1.0
    elif prose_above <= 10:
        found["prose_above"] = 1.0
    return found


def find_headline(feats: Sequence[LineFeatures], span_start: int, url_words: str = "",
                  lookahead: int = 4) -> tuple[int | None, list[str]]:
    """(index of the headline line, the evidence for it) among the lines above ``span_start`` and the first
    ``lookahead`` lines of the span; (None, []) when no line is heading-shaped."""
    first_runs = part_runs(feats[0].text) if feats else set()
    best: tuple[float, int, list[str]] | None = None
    prose_above = 0
    for i in range(min(len(feats), span_start + lookahead)):
        if is_candidate(feats[i]):
            evidence = _evidence(i, feats, span_start, url_words, first_runs, prose_above)
            score = sum(WEIGHTS[name] * value for name, value in evidence.items())
            if best is None or score > best[0]:
                best = (score, i, [name for name, value in evidence.items() if value and WEIGHTS[name] > 0])
        prose_above += is_prose(feats[i])
    return (best[1], best[2]) if best else (None, [])
