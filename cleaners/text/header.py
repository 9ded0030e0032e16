"""The header zone of a plain-text dump: headline, byline, date, section, reading time, site name.

The headline is the heading line the evidence points to (``headline.find_headline``); its byline, date and
reading time are read from the lines right under it, then from the lines around the top of the main content
span. Returns raw strings only; normalization (author splitting, date parsing) happens in
``cleaners.metadata.normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cleaners.metadata.authors import looks_like_name
from cleaners.metadata.dates import find_date_start
from cleaners.metadata.urls import registered_domain, slug_words
from cleaners.text.features import LineFeatures
from cleaners.text.headline import find_headline, is_prose
from cleaners.text.patterns import (
    AUTHOR_LABEL,
    BY_INSIDE,
    BYLINE,
    READING_TIME,
    date_part,
    has_date,
)
from cleaners.text.site import find_site_name

HEADER_LOOKBACK = 15  # lines above the span searched for the headline and metadata
HEADER_LOOKAHEAD = 4  # lines at the top of the span that may still be metadata
ABOVE_HEADLINE = 2  # lines over the headline that may hold its date (a kicker line with the date)
BELOW_HEADLINE = 8  # lines under the headline that may hold its byline and date (up to the first prose)
SECTION_MAX_WORDS = 3
SECTION_BELOW = 3  # lines under the headline where a section label may stand
MAX_HEADLINE_COPIES = 3  # copies of the headline line whose surroundings are read for its byline and date
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_BY_RUN_IN = re.compile(r"^By(?=[A-ZÀ-ÞА-Я][a-zà-ÿа-я])")  # "ByDaryl Austin": a byline whose space got lost


@dataclass
class Header:
    title: int | None = None
    section: int | None = None
    metadata: list[int] = field(default_factory=list)
    byline: str | None = None
    date: str | None = None
    reading_time: str | None = None
    site_name: str | None = None
    site_source: str = ""
    title_evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=4096)  # the <title> line is compared with many lines of its page
def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip(" .|-–—")


def matches_doc_title(line: str, doc_title: str) -> bool:
    a, b = _norm(line), _norm(doc_title)
    return len(a) >= 10 and a != b and (b.startswith(a) or a in b or b in a)


def _is_section_label(f: LineFeatures) -> bool:
    return (
        f.rule is None
        and not f.metadata_like
        and not f.numberish
        and 1 <= len(f.text.split()) <= SECTION_MAX_WORDS
        and len(f.text) <= 30
        and not f.sentence_end
    )


def find_section(feats: list[LineFeatures], title: int | None, span_start: int) -> int | None:
    if title is None:
        return None
    for i in range(title + 1, min(span_start, title + 1 + SECTION_BELOW)):
        if _is_section_label(feats[i]):
            return i
    if title > 0 and _is_section_label(feats[title - 1]):
        return title - 1
    return None


def _byline_text(text: str) -> str:
    return AUTHOR_LABEL.sub("", text).strip()


def _collect_metadata(feats: list[LineFeatures], lo: int, hi: int, header: Header) -> None:
    for i in range(lo, hi):
        f = feats[i]
        if not f.metadata_like or i == header.title or i in header.metadata:
            continue
        header.metadata.append(i)
        if f.byline and header.byline is None:
            header.byline = _byline_text(f.text)
        if f.dateish and not f.byline and header.date is None and has_date(f.text):  # not a bare time ("19:32")
            header.date = f.text.strip()
            by = BY_INSIDE.search(f.text)  # "Published August 7, 2023 by Nicole Burke"
            if by and header.byline is None:
                header.byline = f.text[by.start() :].strip()
        if f.reading_time and header.reading_time is None:
            header.reading_time = READING_TIME.search(f.text).group(0)  # type: ignore[union-attr]


# A byline label on a line of its own, the name on the next line ("By" / "Matt Eland on Dec. 13, 2025")
_LABEL_ALONE = re.compile(
    r"^(?:by|written\s+by|posted\s+by|words\s+by|author|authors|autor|auteur|von|par|por|door)"
    r"\s*:?$",
    re.I,
)


def unlabelled_byline(feats: list[LineFeatures], lo: int, hi: int, names_alone: bool = True) -> tuple[int, str] | None:
    """(index, byline) of a byline without a spaced "By" under the headline (``lo`` is the line after it): the line
    after a label on its own ("Written by" / "Jane Doe"), a "By" run into the name ("ByJane Doe"), a name that starts
    a date line ("Jane Doe October 11, 2024"), a name beside a date or reading time ("Jane Doe" / "Dec 18, 2025"), or
    a name right under the headline or its standfirst (unless not ``names_alone``). A name has two words or more,
    none of which the page uses in lower case as well ("Ask Question", "Fact Checked" are not names). A byline
    whose words are parted by no-break spaces ("Written\xa0by\xa0Jane Doe") is read as with plain spaces."""
    zone = [i for i in range(lo, zone_end(feats, lo, hi)) if feats[i].rule is None and not is_prose(feats[i])]
    lower_words: set[str] | None = None

    def is_name(text: str) -> bool:
        nonlocal lower_words
        if len(text.split(",")[0].split()) < 2 or not looks_like_name(text):
            return False
        if lower_words is None:
            lower_words = {w for f in feats for w in _WORD.findall(f.text) if w.islower()}
        return not any(len(w) >= 3 and w.lower() in lower_words for w in _WORD.findall(text.split(",")[0]))

    for i in zone:
        text = feats[i].text.strip()
        if "\xa0" in text and BYLINE.match(spaced := " ".join(text.split())):
            return i, spaced
        if _LABEL_ALONE.match(text) and i + 1 < len(feats) and not is_prose(feats[i + 1]):
            return i + 1, feats[i + 1].text.strip()
        if _BY_RUN_IN.match(text) and is_name(text[2:]):
            return i, f"By {text[2:]}"
        if (label := AUTHOR_LABEL.match(text)) and is_name(text[label.end() :]):  # "Author: Jane Doe"
            return i, text[label.end() :]
        if feats[i].dateish and (start := find_date_start(text)) and is_name(text[:start].strip(" ·•|,-–—")):
            return i, text
    if not names_alone:
        return None
    first = lo + 1 if lo < len(feats) and is_prose(feats[lo]) else lo  # under the standfirst, if there is one
    for i in zone:
        text = feats[i].text.strip()
        beside = feats[max(lo, i - 2) : i] + feats[i + 1 : i + 3]
        if (i == first or any(g.dateish or g.reading_time for g in beside)) and is_name(text):
            return i, text
    return None


def zone_end(feats: list[LineFeatures], lo: int, hi: int) -> int:
    """Where the lines under a headline stop holding its metadata: at the second prose line (the first may be the
    standfirst, and a standfirst given twice, as the description and as the text, counts once), or at ``hi``."""
    prose: dict[str, int] = {}
    for i in range(lo, hi):
        if is_prose(feats[i]):
            prose.setdefault(feats[i].text.strip(), i)
    starts = sorted(prose.values())
    return starts[1] if len(starts) > 1 else hi


def read_under_headline(feats: list[LineFeatures], header: Header) -> None:
    """The byline, date and reading time of the headline ``header.title``: under it (up to its second prose line),
    then a dateline over it; a byline without a "By" when no labelled one is there. Where the headline line stands
    more than once (a top bar, then the article), what is missing under it is read under its next copies."""
    if header.title is None:
        return
    text = feats[header.title].text.strip()
    copies = [i for i in range(header.title + 1, len(feats)) if feats[i].text.strip() == text]
    for title in [header.title, *copies[: MAX_HEADLINE_COPIES - 1]]:
        _read_at(feats, title, header)
        if header.date is None and header.byline:  # "By Jane Doe On 11/13/19 at 4:00 PM"
            header.date = date_part(header.byline)
        if header.byline is not None and header.date is not None:
            return


def _read_at(feats: list[LineFeatures], title: int, header: Header) -> None:
    below = zone_end(feats, title + 1, min(len(feats), title + 1 + BELOW_HEADLINE))
    _collect_metadata(feats, title + 1, below, header)
    _collect_metadata(feats, max(0, title - ABOVE_HEADLINE), title, header)
    found = unlabelled_byline(feats, title + 1, below) if header.byline is None else None
    if header.byline is None and not found:  # a dateline over the headline that a name starts ("Jane Doe May 1, 2025")
        found = unlabelled_byline(feats, max(0, title - ABOVE_HEADLINE), title, names_alone=False)
    if found:
        header.metadata.append(found[0])
        header.byline = found[1]


def read_header(feats: list[LineFeatures], span_start: int, url: str | None = None) -> Header:
    """Headline, section and metadata lines: under the headline, then around the top of the main span."""
    lo = max(0, span_start - HEADER_LOOKBACK)
    hi = min(len(feats), span_start + HEADER_LOOKAHEAD)
    title, evidence = find_headline(feats, span_start, slug_words(url), HEADER_LOOKAHEAD)
    header = Header(title=title, title_evidence=evidence)
    header.section = find_section(feats, header.title, span_start)
    if title is not None:
        read_under_headline(feats, header)
    top = header.title if header.title is not None and header.title >= lo else lo
    _collect_metadata(feats, top, hi, header)
    if header.date is None and header.byline is None:
        _collect_metadata(feats, lo, top, header)
    if header.date is None and header.byline:
        header.date = date_part(header.byline)
    title_text = feats[header.title].text if header.title is not None else None
    header.site_name, header.site_source = find_site_name(feats, title_text, header.byline, registered_domain(url))
    return header
