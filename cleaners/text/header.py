"""The header zone of a plain-text dump: headline, byline, date, section, reading time, site name.

Works on the lines just above the main content span (and the first few inside it). Returns raw
strings only; normalization (author splitting, date parsing) happens in ``cleaners.metadata.normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cleaners.text.features import LineFeatures
from cleaners.text.patterns import (
    AUTHOR_LABEL,
    BYLINE,
    COPYRIGHT_SITE,
    NEWS_DESK,
    READING_TIME,
    TITLE_SEPARATOR,
    date_part,
)

HEADER_LOOKBACK = 15  # lines above the span searched for the headline and metadata
HEADER_LOOKAHEAD = 4  # lines at the top of the span that may still be metadata
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 35
SECTION_MAX_WORDS = 3
_SPACE = re.compile(r"\s+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\ben\b|&)\s*")


@dataclass
class Header:
    title: int | None = None
    section: int | None = None
    metadata: list[int] = field(default_factory=list)
    byline: str | None = None
    date: str | None = None
    reading_time: str | None = None
    site_name: str | None = None


@lru_cache(maxsize=4096)  # the <title> line is compared with many lines of its page
def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip(" .|-–—")


def is_heading_like(f: LineFeatures) -> bool:
    if f.rule is not None or f.metadata_like or f.numberish or f.truncated:
        return False
    if not TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS:
        return False
    return not f.text.rstrip().endswith(".") or f.text.rstrip().endswith("...")


def matches_doc_title(line: str, doc_title: str) -> bool:
    a, b = _norm(line), _norm(doc_title)
    return len(a) >= 10 and a != b and (b.startswith(a) or a in b or b in a)


def find_title(feats: list[LineFeatures], start: int, end: int) -> int | None:
    """Index of the headline among lines[start:end] (searched bottom-up), or None."""
    doc_title = feats[0].text if feats else ""
    for i in range(end - 1, max(start, 1) - 1, -1):
        if matches_doc_title(feats[i].text, doc_title) and feats[i].rule is None:
            return i
    for i in range(end - 1, start - 1, -1):
        if is_heading_like(feats[i]):
            return i
    return 0 if feats and is_heading_like(feats[0]) else None


def _is_section_label(f: LineFeatures) -> bool:
    return (
        f.rule is None and not f.metadata_like and not f.numberish
        and 1 <= len(f.text.split()) <= SECTION_MAX_WORDS and len(f.text) <= 30 and not f.sentence_end
    )


def find_section(feats: list[LineFeatures], title: int | None, span_start: int) -> int | None:
    if title is None:
        return None
    for i in range(title + 1, span_start):
        if _is_section_label(feats[i]):
            return i
    if title > 0 and _is_section_label(feats[title - 1]):
        return title - 1
    return None


def _byline_text(text: str) -> str:
    return AUTHOR_LABEL.sub("", text).strip()


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


def site_from_doc_title(doc_title: str, title: str | None) -> str | None:
    """``<title>`` lines read "Headline | Site": the part that is not the headline names the site."""
    if not title or not matches_doc_title(title, doc_title):
        return None
    parts = TITLE_SEPARATOR.split(doc_title)
    rest = [p for p in parts if p and _norm(p) not in _norm(title) and _norm(title) not in _norm(p)]
    return rest[-1].strip() if len(parts) > 1 and rest and len(rest[-1]) <= 60 else None


def site_from_copyright(feats: list[LineFeatures]) -> str | None:
    for f in reversed(feats):
        if f.rule is not None and f.rule.kind == "footer":
            match = COPYRIGHT_SITE.search(f.text)
            if match and match.group("site").strip():
                return match.group("site").strip()
    return None


def _collect_metadata(feats: list[LineFeatures], lo: int, hi: int, header: Header) -> None:
    for i in range(lo, hi):
        f = feats[i]
        if not f.metadata_like or i == header.title:
            continue
        header.metadata.append(i)
        if f.byline and header.byline is None:
            header.byline = _byline_text(f.text)
        if f.dateish and not f.byline and header.date is None:
            header.date = f.text.strip()
        if f.reading_time and header.reading_time is None:
            header.reading_time = READING_TIME.search(f.text).group(0)  # type: ignore[union-attr]


def read_header(feats: list[LineFeatures], span_start: int) -> Header:
    """Headline, section and metadata lines around the top of the main span."""
    lo = max(0, span_start - HEADER_LOOKBACK)
    hi = min(len(feats), span_start + HEADER_LOOKAHEAD)
    header = Header(title=find_title(feats, lo, span_start))
    header.section = find_section(feats, header.title, span_start)
    top = header.title if header.title is not None and header.title >= lo else lo
    _collect_metadata(feats, top, hi, header)
    if header.date is None and header.byline is None:
        _collect_metadata(feats, lo, top, header)
    if header.date is None and header.byline:
        header.date = date_part(header.byline)
    doc_title = feats[0].text if feats else ""
    title_text = feats[header.title].text if header.title is not None else None
    header.site_name = (
        site_from_doc_title(doc_title, title_text)
        or (site_from_byline(header.byline) if header.byline else None)
        or site_from_copyright(feats)
    )
    return header
