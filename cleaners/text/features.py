"""Per-line features for the plain-text path: size, stopword density, punctuation, lexicon hits, repetition."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cleaners.rules import Matcher, Rule
from cleaners.text.patterns import (
    BYLINE,
    DATE_LABEL,
    TIME,
    TWEET_SIGNATURE,
    has_date,
    has_reading_time,
    strip_dates,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = re.compile(r"[、。，．！？]")
_TERMINATORS = frozenset(".!?。！？:;…")
_CLOSERS = "\"”’'»)] \t"
_DIGIT = re.compile(r"\d")
CONTACT_DIGITS = 3  # digit groups that may form a phone number
_SENTENCE_INNER = re.compile(r"[.!?。！？](\s|$)")
_NUMBERISH = re.compile(r"^[\W\d_]*$")
_DATE_WORDS = re.compile(r"\d+|\w+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# A phone number, as "\+?\d[\d ()-]{7,}\d" without the optional "+": a line holds a match of one iff it
# holds a match of the other (drop or keep the "+"), and a leading digit class lets re skip to digits.
_PHONE = re.compile(r"\d[\d ()-]{7,}\d")

DATEISH_MAX_CHARS = 90
DATEISH_OTHER_WORDS = 6  # words besides the date itself ("Published", "by Jane Doe", weekday, zone)
METADATA_MAX_CHARS = 220


@dataclass(slots=True)
class LineFeatures:
    """What the scorer knows about one line of the dump."""

    text: str
    words: int  # word count; CJK characters count as half a word each
    chars: int
    stop_density: float  # share of words on the language's stoplist (a proxy for CJK)
    sentence_end: bool  # ends like a sentence
    sentences: int  # sentence terminators inside the line
    truncated: bool  # ends with an ellipsis: a teaser cut short
    rule: Rule | None  # first boilerplate lexicon rule that fires
    dateish: bool  # short line that is mostly a date / time stamp
    byline: bool  # "By Jane Doe" / "Posted by ..." / "Author: ..."
    reading_time: bool  # "3 min read"
    numberish: bool  # digits and punctuation only
    digit_share: float  # share of tokens that are numbers
    contact: bool  # contains an e-mail address or a phone number
    # The fields above depend only on the line (and the document's languages); these on the document:
    repeats: int = 1  # how often the same text occurs in the document
    first_seen: bool = True  # first occurrence of this text in the document
    list_item: bool = False  # one of a run of consecutively numbered lines (set by text_structure)
    link_share: float = 0.0  # share of the text inside links, where the text's shape shows them (Markdown)

    @property
    def metadata_like(self) -> bool:
        return self.chars <= METADATA_MAX_CHARS and (self.dateish or self.byline or self.reading_time)


def word_count(text: str, tokens: list[str], cjk_doc: bool) -> int:
    if not cjk_doc:
        return len(tokens)
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(tokens)
    latin = sum(1 for t in tokens if not _CJK.search(t))
    return latin + cjk // 2


def stop_density(text: str, tokens: list[str], stops: frozenset[str], cjk_doc: bool) -> float:
    """Share of stopwords among the (lower-cased) tokens; a punctuation-based proxy for CJK lines."""
    if stops and tokens and not (cjk_doc and _CJK.search(text)):
        return sum(map(stops.__contains__, tokens)) / len(tokens)
    if not text:
        return 0.0
    marks = len(_CJK_PUNCT.findall(text)) + text.count(",") + text.count(". ")
    return min(0.5, marks * 12 / len(text))


def is_dateish(text: str) -> bool:
    """A short line that is essentially a date, time or "Published ..." stamp (not an embedded tweet's signature)."""
    if len(text) > DATEISH_MAX_CHARS or not _DIGIT.search(text) or TWEET_SIGNATURE.match(text):
        return False
    if not (TIME.search(text) or has_date(text)):  # cheap TIME first; has_date covers relative stamps ("3 hours ago")
        return False
    if DATE_LABEL.match(text):
        return True
    rest = strip_dates(text)
    return len(_DATE_WORDS.findall(rest)) <= DATEISH_OTHER_WORDS


def is_byline(text: str) -> bool:
    return len(text) <= METADATA_MAX_CHARS and bool(BYLINE.match(text)) and len(text.split()) <= 30


def ends_sentence(text: str) -> bool:
    tail = text.rstrip(_CLOSERS)
    return bool(tail) and (tail[-1] in _TERMINATORS or (tail != text and tail[-1] in ".!?"))


def is_truncated(text: str) -> bool:
    return text.endswith(("…", "...")) and not text.endswith("....")


@dataclass(frozen=True)
class DocContext:
    """Per-document inputs shared by every line."""

    stops: frozenset[str]
    matcher: Matcher
    cjk: bool  # the document contains CJK text (word counts and stopwords need care)


LINE_CACHE_SIZE = 50_000  # distinct lines remembered per language set: site chrome repeats across pages
_caches: dict[tuple[int, int, bool], dict[str, tuple[tuple, str]]] = {}


def line_core(text: str, ctx: DocContext, rule: Rule | None, low: str | None = None) -> tuple:
    """The LineFeatures fields that depend only on the line, in field order (everything before ``repeats``)."""
    tokens = _WORD.findall(text.lower() if low is None else low)
    has_digit = _DIGIT.search(text) is not None
    digits = sum(map(str.isdigit, tokens)) if has_digit else 0
    short = len(text) <= METADATA_MAX_CHARS
    return (
        text,
        word_count(text, tokens, ctx.cjk),
        len(text),
        stop_density(text, tokens, ctx.stops, ctx.cjk),
        ends_sentence(text),
        len(_SENTENCE_INNER.findall(text)),
        is_truncated(text),
        rule,
        has_digit and is_dateish(text),
        short and is_byline(text),
        short and has_digit and has_reading_time(text),
        bool(_NUMBERISH.match(text)),
        digits / len(tokens) if tokens else 0.0,
        has_contact(text, digits),
    )


def has_contact(text: str, digits: int) -> bool:
    """An e-mail address, or a phone number (looked for only where "@" or a few numbers suggest contact details).

    Split from one alternation "email|phone": the e-mail half, slow on every word, can only match around an "@".
    """
    at = "@" in text
    if at and _EMAIL.search(text) is not None:
        return True
    return (at or digits >= CONTACT_DIGITS) and _PHONE.search(text) is not None


def _line_cores(lines: list[str], ctx: DocContext) -> dict[str, tuple[tuple, str]]:
    """Per distinct line its core features and repetition key; lines seen in earlier documents (menus,
    footers of the same site) come from a cache."""
    cache = _caches.setdefault((id(ctx.matcher), id(ctx.stops), ctx.cjk), {})
    missing = [line for line in dict.fromkeys(lines) if line not in cache]
    if missing:
        if len(cache) + len(missing) > LINE_CACHE_SIZE:
            cache.clear()  # full: start again, with every line of this page (the ones cached before went too)
            missing = list(dict.fromkeys(lines))
        lows = [line.lower() for line in missing]  # lower-cased once for the lexicon and the features
        for line, low, rule in zip(missing, lows, ctx.matcher.match_lines(missing, lows), strict=True):
            cache[line] = (line_core(line, ctx, rule, low), " ".join(low.split()))
    return cache


def document_features(lines: list[str], stops: frozenset[str], matcher: Matcher) -> list[LineFeatures]:
    ctx = DocContext(stops, matcher, _CJK.search("\n".join(lines)) is not None)
    cores = _line_cores(lines, ctx)
    entries = [cores[line] for line in lines]
    counts = Counter(key for _, key in entries)
    seen: set[str] = set()
    feats = []
    for core, key in entries:
        feats.append(LineFeatures(*core, counts[key], key not in seen))
        seen.add(key)
    return feats
