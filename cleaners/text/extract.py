"""Plain-text path: segment a whole-page text dump into blocks and classify each one.

Pipeline: segment into lines -> guess the language once -> per-line features (size, stopword
density, punctuation, lexicon hits, repetition; cached per distinct line) -> numbered list items ->
signed scores -> main content span (densest contiguous run), re-anchored under the repeated headline,
cut before comments, teaser rails, boilerplate clusters, related-stories boxes and long non-prose runs,
extended over an inline sign-up box with more of the article below it and over a list its last line
introduces -> label every line: inside the span it is content unless a
lexicon rule or a local signal (caption before a credit, teaser cut with an ellipsis, metadata stamp, link
in a related-stories box) removes it; on a page of many parts (cleaners.text.parts) the span widened over its lists;
outside the span it is boilerplate, with the kind of the section it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cleaners.rules import Rule, languages, matcher_for
from cleaners.text.features import LineFeatures, document_features
from cleaners.text.header import Header, read_header
from cleaners.text.headline import url_named_part, without_label
from cleaners.text.language import detect_language, stoplist
from cleaners.text.line_model import decide as decide_by_model
from cleaners.text.line_model import shipped as model_shipped
from cleaners.text.lists import enumerated_items, extend_over_list
from cleaners.text.parts import widen_for_many_parts
from cleaners.text.shapes import Line, read_lines
from cleaners.text.span import (
    ABOVE_SPAN,
    BELOW_SPAN,
    GOOD,
    NEAR_GOOD,
    SECTION_KINDS,
    best_span,
    cut_at_comments,
    cut_at_teaser_rail,
    score_lines,
    start_after_metadata,
)
from cleaners.text.structure import (
    anchor_at_headline,
    cut_at_chrome_cluster,
    cut_at_long_gap,
    cut_at_related_box,
    cut_at_snippet_rail,
    extend_over_inline_widget,
    is_link_line,
    related_boxes,
)
from cleaners.types import CONTENT, Block, Extraction, RawMetadata

# Which lexicon wins when several would match the same block.
KIND_ORDER = (
    "repost_disclaimer",
    "cookie_notice",
    "paywall_appeal",
    "newsletter_widget",
    "comments",
    "media_notice",
    "photo_caption",
    "advertisement",
    "share_bar",
    "related_content",
    "footer",
    "navigation",
)
CAPTION_MAX_CHARS = 320
CREDIT_MAX_CHARS = 90
CREDIT_MAX_WORDS = 10  # "Photo: Jane Doe for The Daily News"; more is a caption of its own
CREDIT_CAPTION_WORDS = 2  # words before a parenthesised credit that make it a caption of its own
TEASER_MAX_CHARS = 500
DUPLICATE_MIN_WORDS = 8
# The document's language guess is the record's language when this sure (nearly every page; the rest, e.g.
# Indonesian vs Malay, are detected again from the clean body).
SURE_LANGUAGE = 0.99

Label = tuple[str, str]  # (kind, reason)
_COPYRIGHT_LABEL = re.compile(r"copyright|©|caption", re.I)


@cache
def rule_languages(lang: str) -> tuple[str, ...] | None:
    """Lexicon languages for a document: its own plus English (pages mix in English chrome); None = all."""
    return tuple(sorted({lang, "en"})) if lang in languages() else None


def _rule_label(rule: Rule) -> Label:
    return rule.kind, f"lexicon {rule.name}"


def _is_credit(f: LineFeatures) -> bool:
    """A bare photo credit ("Name/Agency", "Photo: Name"); "Image copyright ..." labels precede captions, and a
    caption carrying its own credit ("Rescue at sea (Image: AFP)") is not the credit of the line above."""
    return (
        f.rule is not None
        and f.rule.kind == "photo_caption"
        and f.chars <= CREDIT_MAX_CHARS
        and not _COPYRIGHT_LABEL.search(f.text)
        and not _has_own_caption(f.text)
    )


def _has_own_caption(text: str) -> bool:
    head, paren, _ = text.partition("(")
    return len(head.split()) > (CREDIT_CAPTION_WORDS if paren else CREDIT_MAX_WORDS)


def _label_inside(i: int, feats: list[LineFeatures], classes: list[str], boxed: set[int]) -> Label | None:
    """Why line ``i`` inside the main span is boilerplate, or None to keep it."""
    f = feats[i]
    if f.rule is not None:
        return _rule_label(f.rule)
    if i in boxed:
        return "related_content", "link in a related-stories box"
    if f.metadata_like and not f.list_item:
        return "metadata_line", "date / byline / reading-time stamp"
    nxt = feats[i + 1] if i + 1 < len(feats) else None
    if nxt is not None and _is_credit(nxt) and f.chars <= CAPTION_MAX_CHARS and not f.text.endswith(":"):
        return "photo_caption", "caption followed by a photo credit"
    if f.truncated and classes[i] in (GOOD, NEAR_GOOD) and f.chars <= TEASER_MAX_CHARS:
        return "related_content", "teaser cut short with an ellipsis"
    if nxt is not None and nxt.truncated and nxt.chars <= TEASER_MAX_CHARS and is_link_line(f):
        return "related_content", "headline of a teaser cut short with an ellipsis"
    if f.repeats > 1 and not f.first_seen and f.words >= DUPLICATE_MIN_WORDS:
        return "other", "duplicate of an earlier line (pull quote or repeated caption)"
    return None


def _label_outside(i: int, feats: list[LineFeatures], span: tuple[int, int], zone: Label | None) -> Label:
    f = feats[i]
    if f.rule is not None:
        return _rule_label(f.rule)
    if i < span[0]:
        return "navigation", ABOVE_SPAN
    if f.truncated:
        return "related_content", "teaser cut short with an ellipsis"
    if zone is not None:
        return zone
    return "related_content", BELOW_SPAN


def _header_labels(header: Header) -> dict[int, Label]:
    labels: dict[int, Label] = {
        i: ("metadata_line", "header metadata (byline / date / reading time)") for i in header.metadata
    }
    if header.section is not None:
        labels[header.section] = ("metadata_line", "section label next to the headline")
    if header.title is not None:
        labels[header.title] = ("title", "headline above the main content span")
    return labels


def _zone_after(f: LineFeatures) -> Label | None:
    """A section header below the article sets the kind of the unlabelled lines that follow it."""
    if f.rule is not None and f.rule.kind in SECTION_KINDS:
        return f.rule.kind, f"in the {f.rule.kind} section below the article"
    return None


def label_lines(feats: list[LineFeatures], classes: list[str], span: tuple[int, int], header: Header) -> list[Block]:
    head = _header_labels(header)
    boxed = {i for first, last in related_boxes(feats, span) for i in range(first + 1, last + 1)}
    blocks: list[Block] = []
    zone: Label | None = None
    for i, f in enumerate(feats):
        if i in head and (i < span[0] or feats[i].metadata_like or i == header.title):
            kind, reason = head[i]
        elif span[0] <= i <= span[1]:
            kind, reason = _label_inside(i, feats, classes, boxed) or (CONTENT, "")
        else:
            kind, reason = _label_outside(i, feats, span, zone)
            if i > span[1]:
                zone = _zone_after(f) or zone
        blocks.append(Block(f.text, kind, reason))
    return blocks


def _fallback_span(scores: list[float]) -> tuple[int, int]:
    best = max(range(len(scores)), key=scores.__getitem__)
    return best, best


def _metadata(header: Header, feats: list[LineFeatures], url: str | None) -> RawMetadata:
    meta = RawMetadata(url=url)
    if header.title is not None:
        meta.title, label = without_label(feats[header.title].text, url)
        meta.title, other = url_named_part(meta.title, url)
        evidence = [*header.title_evidence, *([f"label '{label}:' dropped, not in the URL"] if label else [])]
        evidence += [f"'{other}' dropped: the URL names the rest"] if other else []
        meta.sources["title"] = "text:headline" + (f" ({', '.join(evidence)})" if evidence else "")
    if header.section is not None:
        meta.section = feats[header.section].text
    meta.byline, meta.date, meta.reading_time, meta.site_name = (
        header.byline,
        header.date,
        header.reading_time,
        header.site_name,
    )
    for key in ("byline", "date", "reading_time", "section"):
        if getattr(meta, key):
            meta.sources[key] = "text:header"
    if meta.site_name:
        meta.sources["site_name"] = f"text:{header.site_source}"
    return meta


def with_read_labels(read: list[Line], blocks: list[Block]) -> list[Block]:
    """The classified blocks (one per unlabelled line) with the lines reading already labelled, in page order, and
    each line's Markdown."""
    if not any(line.label or line.markdown for line in read):
        return blocks  # a browser's copy: nothing to add
    classified = iter(blocks)
    out = []
    for line in read:
        if line.label is None:
            block = next(classified)
            block.markdown = line.markdown
            out.append(block)
        else:
            out.append(Block(line.text, *line.label))
    return out


@dataclass
class Reading:
    """What the rules make of a page's lines: what reading labelled, then per unlabelled line its features, class,
    score and labelled block, the main span and the header."""

    read: list[Line]
    lines: list[Line]  # the unlabelled lines, in order
    feats: list[LineFeatures]
    classes: list[str]
    scores: list[float]
    span: tuple[int, int]
    header: Header
    blocks: list[Block]  # one per unlabelled line
    lang: str
    probability: float


def read_page(text: str, url: str | None = None) -> Reading | None:
    """The rules' reading of a page, or None when reading left no line to classify."""
    read = read_lines(text)
    lines = [line for line in read if line.label is None]
    if not lines:
        return None
    lang, probability = detect_language([line.text for line in lines])
    feats = document_features(
        [line.text for line in lines], stoplist(lang), matcher_for(rule_languages(lang), KIND_ORDER)
    )
    for i in enumerated_items(feats):
        feats[i].list_item = True
    if any(line.link_share for line in lines):
        for f, line in zip(feats, lines, strict=True):
            f.link_share = line.link_share
    classes, scores = score_lines(feats)
    span = anchor_at_headline(feats, classes, scores, best_span(scores) or _fallback_span(scores))
    span = cut_at_teaser_rail(feats, classes, cut_at_comments(feats, classes, span))
    span = cut_at_chrome_cluster(feats, classes, cut_at_snippet_rail(feats, classes, span))
    span = cut_at_long_gap(feats, classes, scores, cut_at_related_box(feats, classes, span))
    span = extend_over_inline_widget(feats, classes, span)
    span = extend_over_list(feats, span)
    span = start_after_metadata(feats, classes, span)
    header = read_header(feats, span[0], url)
    labelled = label_lines(feats, classes, span, header)
    widen_for_many_parts(feats, labelled)
    return Reading(read, lines, feats, classes, scores, span, header, labelled, lang, probability)


def extract_text(text: str, url: str | None = None, model: bool = True) -> Extraction:
    """The page's blocks and metadata; ``model``: the line model (cleaners.text.line_model) has the last word on
    every line when it is shipped, else the rules alone decide."""
    reading = read_page(text, url)
    if reading is None:
        return Extraction(
            [Block(line.text, *line.label) for line in read_lines(text) if line.label],
            RawMetadata(url=url),
            "text-classifier",
        )
    if model and model_shipped():
        decide_by_model(reading)
    blocks = with_read_labels(reading.read, reading.blocks)
    meta = _metadata(reading.header, reading.feats, url)
    if reading.probability >= SURE_LANGUAGE:
        meta.detected_language = reading.lang
    return Extraction(blocks, meta, "text-classifier")
