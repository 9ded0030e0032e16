"""Language-neutral features of every DOM block of a page, for the learned block classifier (``block_model``).

One row per DOM segment, the same columns on every page (``NAMES``): the block's tag and place in the tree (ancestor
tags, class and id words of its boxes), its text's shape (length, link share, punctuation, digits; no word lists),
its neighbours, how often its text and its box repeat on the page, the size of its container, and what the rule
path decided about it (trafilatura kept it, the rules kept it or gave it a kind, a lexicon names it). Everything is
read from the page already parsed and segmented: no extra parse.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from lxml import etree

from cleaners.html.blocks import Segment, signature
from cleaners.types import BOILERPLATE_KINDS, CONTENT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cleaners.html.extract import Choice
    from cleaners.rules import Rule

# the owner's tag, as a small code (0: any other)
_OWNER_TAGS = ("p", "div", "li", "td", "th", "span", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote")
_OWNER_TAGS += ("pre", "figcaption", "section", "article", "a", "body", "table", "tr", "ul", "ol", "caption", "code")
_OWNER_TAGS += ("head",)
_TAG_CODE = {tag: i + 1 for i, tag in enumerate(_OWNER_TAGS)}
# ancestor tags counted on the way up
_ANCESTOR_TAGS = ("nav", "header", "footer", "aside", "article", "main", "li", "table", "form", "figure", "section")
_ANCESTOR_TAGS += ("blockquote", "ul", "ol", "a", "details", "dl", "head")
# class/id words of the block's boxes (the markup vocabulary): group -> pattern at the start of a name's token
_BOX_GROUPS: tuple[tuple[str, str], ...] = (
    ("nav", r"nav|menu|breadcrumb|pagination|pager|toolbar|skip|tabs?(?:$|[^a-z])"),
    ("header", r"header|masthead|top-?bar|banner|brand|logo"),
    ("footer", r"footer|copyright|legal|colophon"),
    ("sidebar", r"sidebar|side-|aside|rail|widget|secondary"),
    ("comment", r"comment|disqus|repl(?:y|ies)|discussion"),
    ("share", r"share|sharing|social|follow"),
    ("related", r"related|recommend|more-|teaser|trending|popular|recirc|also|outbrain|taboola|next|prev"),
    ("ad", r"ad(?:s|vert\w*|-|_)?(?:$|[^a-z])|sponsor|promo|dfp|gpt|banner"),
    ("cookie", r"cookie|consent|gdpr|privacy"),
    ("subscribe", r"subscri|newsletter|signup|sign-up|login|register|paywall|modal|popup|overlay"),
    ("content", r"content|article|post|entry|body|main|story|text|prose|rich|blog"),
    ("product", r"product|descr|detail|spec|price|review|cart|buy|shop|sku|variant"),
    ("title", r"title|headline|heading|hed(?:$|[^a-z])"),
    ("meta", r"meta|byline|author|date|time|info|stamp"),
    ("caption", r"caption|credit|figure|image|img|photo|media|gallery|video"),
    ("tag", r"tags?(?:$|[^a-z])|categor|label|topic|keyword"),
    ("items", r"list|item|card|tile|grid|feed|result|collection"),
    ("thread", r"thread|message|question|answer|forum|topic|reply|post-?body"),
    ("docs", r"doc|markdown|highlight|code|toc|manual|guide|api|reference|section"),
    ("hidden", r"hidden|hide|sr-only|visually-hidden|screen-reader|offscreen"),
)
_BOX_PATTERNS = tuple((name, re.compile(rf"(?:^|[^a-z0-9])(?:{words})")) for name, words in _BOX_GROUPS)
BOX_LEVELS = 12  # how far up the class and id words are read
NO_HIT = 20  # the level given when no box up to BOX_LEVELS names the group
_KINDS = {kind: i + 1 for i, kind in enumerate(BOILERPLATE_KINDS)}  # 0: content
PAGE_KINDS = ("article", "listing", "forum", "product", "documentation", "service", "collection", "index")
_PUNCTUATION = re.compile(r"[.,;:!?。、，．！？؛،।]")
_SENTENCE_END = re.compile(r"[.!?…。！？।؟][\"”’'»)\]]?$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_WINDOW = 3  # neighbours each side whose words make the local text density
FAR = 1000  # the distance given when no block of the kind is on the page

NAMES: tuple[str, ...] = (
    "tag",
    "heading_level",
    "depth",
    *(f"in_{tag}" for tag in _ANCESTOR_TAGS),
    *(f"box_{name}" for name, _ in _BOX_GROUPS),
    "words",
    "chars",
    "link_share",
    "punctuation_per_word",
    "digit_share",
    "upper_share",
    "mean_word_chars",
    "sentence_end",
    "position",
    "chars_before_share",
    "prev_words",
    "prev_link_share",
    "next_words",
    "next_link_share",
    "window_words",
    "window_link_share",
    "same_text_count",
    "same_box_count",
    "same_parent_box_count",
    "container_words",
    "container_blocks",
    "container_kept_share",
    "same_parent_box_kept_share",
    "from_first_h1",
    "hidden",
    "in_panel",
    "title_share",
    "title_cover",
    "lexicon_kind",
    "trafilatura_kept",
    "recovered",
    "rule_decided",
    "rule_kept",
    "rule_kind",
    "prev_rule_kept",
    "next_rule_kept",
    "distance_to_kept",
    "distance_to_trafilatura",
    "inside_root",
    "depth_below_root",
    "page_kind",
    "page_blocks",
    "page_words",
    "kept_words_share",
    "word_share",
)


_AT = {name: i for i, name in enumerate(NAMES)}


def _tag(el: etree._Element | None) -> str:
    return el.tag.lower() if el is not None and isinstance(el.tag, str) else ""


def _box_levels(chain: tuple[etree._Element, ...], cache: dict[etree._Element, tuple[bool, ...]]) -> list[float]:
    """For each class/id word group, the nearest level up (0: the block's own element) whose name has it."""
    levels = [float(NO_HIT)] * len(_BOX_PATTERNS)
    for level, node in enumerate(chain[:BOX_LEVELS]):
        hits = cache.get(node)
        if hits is None:
            label = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
            hits = cache[node] = tuple(bool(label.strip()) and bool(p.search(label)) for _, p in _BOX_PATTERNS)
        for g, hit in enumerate(hits):
            if hit and levels[g] == NO_HIT:
                levels[g] = float(level)
    return levels


def _text_shape(text: str, link_chars: int) -> list[float]:
    words = text.split()
    n, chars = len(words), len(text)
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return [
        float(n),
        float(chars),
        link_chars / chars if chars else 0.0,
        len(_PUNCTUATION.findall(text)) / max(1, n),
        len(_DIGIT.findall(text)) / max(1, chars),
        upper / len(letters) if letters else 0.0,
        (chars - n + 1) / max(1, n),
        float(bool(_SENTENCE_END.search(text))),
    ]


def _distances(flags: list[bool]) -> list[int]:
    """For each position, how many blocks away the nearest flagged block is (FAR when none is)."""
    out = [FAR] * len(flags)
    last = -FAR
    for i, flag in enumerate(flags):
        if flag:
            last = i
        out[i] = min(out[i], i - last)
    last = 10 * FAR
    for i in range(len(flags) - 1, -1, -1):
        if flags[i]:
            last = i
        out[i] = min(out[i], last - i)
    return out


def page_features(choice: Choice, lexicon: list[Rule | None]) -> list[list[float]]:
    """One row of ``NAMES`` per segment of ``choice.dom``; ``lexicon`` is the lexicon's rule for each segment."""
    dom, ancestry = choice.dom, choice.ancestry
    if not dom:
        return []
    traf = [False] * len(dom)
    recovered = [False] * len(dom)
    rule_kind = [-1] * len(dom)  # -1: the rules never saw the block
    for cand, block in zip(choice.candidates, choice.blocks, strict=True):
        if cand.dom is None:
            continue
        i = cand.dom.index
        traf[i] = traf[i] or not cand.recovered
        recovered[i] = recovered[i] or cand.recovered
        rule_kind[i] = 0 if block.kind == CONTENT else _KINDS.get(block.kind, len(_KINDS) + 1)
    rule_kept = [k == 0 for k in rule_kind]
    words = [len(s.text.split()) for s in dom]
    link_share = [s.link_chars / len(s.text) if s.text else 0.0 for s in dom]
    total_words = sum(words) or 1
    total_chars = sum(len(s.text) for s in dom) or 1
    kept_words = sum(w for w, k in zip(words, rule_kept, strict=True) if k)
    texts = Counter(s.text for s in dom)
    parents = [s.owner.getparent() for s in dom]
    boxes = Counter(signature(s.owner) for s in dom)
    parent_boxes = Counter(signature(p) for p in parents)
    parent_boxes_kept: Counter[str] = Counter()
    container_words: Counter[etree._Element] = Counter()
    container_kept: Counter[etree._Element] = Counter()
    container_blocks: Counter[etree._Element] = Counter()
    for seg, parent, n, kept in zip(dom, parents, words, rule_kept, strict=True):
        key = parent if parent is not None else seg.owner
        container_words[key] += n
        container_blocks[key] += 1
        if kept:
            container_kept[key] += n
            parent_boxes_kept[signature(parent)] += 1
    h1 = next((s.index for s in dom if _tag(s.owner) == "h1"), None)
    to_kept, to_traf = _distances(rule_kept), _distances(traf)
    root = choice.root
    page_kind = float(PAGE_KINDS.index(choice.kind)) if choice.kind in PAGE_KINDS else -1.0
    title = set(_WORD.findall((choice.page.title or "").lower())) if choice.page is not None else set()
    cache: dict[etree._Element, tuple[bool, ...]] = {}
    rows = []
    chars_before = 0
    for i, seg in enumerate(dom):
        chain = ancestry.chain(seg.owner)
        tag = _tag(seg.owner)
        tags = Counter(_tag(node) for node in chain[1:])
        below = chain.index(root) if root is not None and root in chain else -1
        lo, hi = max(0, i - _WINDOW), min(len(dom), i + _WINDOW + 1)
        window = sum(words[lo:hi])
        window_chars = sum(len(dom[j].text) for j in range(lo, hi))
        window_links = sum(dom[j].link_chars for j in range(lo, hi)) / max(1, window_chars)
        key = parents[i] if parents[i] is not None else seg.owner
        rule = lexicon[i]
        own = set(_WORD.findall(seg.text.lower())) if title and words[i] <= 2 * len(title) else set()
        shared = len(own & title)
        rows.append(
            [
                float(_TAG_CODE.get(tag, 0)),
                float(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0.0,
                float(len(chain)),
                *(float(tags[t]) for t in _ANCESTOR_TAGS),
                *_box_levels(chain, cache),
                *_text_shape(seg.text, seg.link_chars),
                i / len(dom),
                chars_before / total_chars,
                float(words[i - 1]) if i else -1.0,
                link_share[i - 1] if i else -1.0,
                float(words[i + 1]) if i + 1 < len(dom) else -1.0,
                link_share[i + 1] if i + 1 < len(dom) else -1.0,
                float(window),
                window_links,
                float(texts[seg.text]),
                float(boxes[signature(seg.owner)]),
                float(parent_boxes[signature(parents[i])]),
                float(container_words[key]),
                float(container_blocks[key]),
                container_kept[key] / max(1, container_words[key]),
                parent_boxes_kept[signature(parents[i])] / parent_boxes[signature(parents[i])],
                float(i - h1) if h1 is not None else float(-FAR),
                float(ancestry.is_hidden(seg.owner)),
                float(ancestry.in_panel(seg.owner)),
                shared / len(own) if own else 0.0,
                shared / len(title) if title else 0.0,
                float(_KINDS.get(rule.kind, 0)) if rule is not None else 0.0,
                float(traf[i]),
                float(recovered[i]),
                float(rule_kind[i] >= 0),
                float(rule_kept[i]),
                float(rule_kind[i]),
                float(rule_kept[i - 1]) if i else 0.0,
                float(rule_kept[i + 1]) if i + 1 < len(dom) else 0.0,
                float(to_kept[i]),
                float(to_traf[i]),
                float(below >= 0),
                float(below),
                page_kind,
                float(len(dom)),
                float(total_words),
                kept_words / total_words,
                words[i] / total_words,
            ]
        )
        chars_before += len(seg.text)
    return rows


def lexicon_rules(dom: list[Segment]) -> list[Rule | None]:
    """The lexicon's rule for each segment's text (every language: pages often mix in English chrome)."""
    from cleaners.rules import matcher_for

    return matcher_for(None).match_lines([s.text for s in dom])


def in_head(row: Sequence[float]) -> bool:
    """The block is text of the page's ``<head>`` (its ``<title>``), not of the page a reader sees."""
    return row[_AT["tag"]] == _TAG_CODE["head"] or row[_AT["in_head"]] > 0 or row[_AT["depth"]] <= 1


def is_headline(row: Sequence[float]) -> bool:
    """The block says what the page title says (most words shared both ways): the headline, not the body."""
    return row[_AT["title_share"]] >= 0.7 and row[_AT["title_cover"]] >= 0.7


def explain(row: Sequence[float]) -> str:
    """The few features that describe a block to a person: its link share, its length and the box it sits in."""
    at = _AT
    parts = [f"link share {row[at['link_share']]:.2f}", f"{int(row[at['words']])} words"]
    inside = [t for t in ("nav", "header", "footer", "aside", "form") if row[at[f"in_{t}"]]]
    named = [name for name, _ in _BOX_GROUPS if row[at[f"box_{name}"]] < NO_HIT and name != "content"]
    if inside:
        parts.append(f"inside {inside[0]}")
    elif named:
        parts.append(f"in a box named like {named[0]}")
    if not row[at["rule_decided"]]:
        parts.append("not chosen by the extractor")
    return ", ".join(parts)
