"""Block classifier for the HTML path: decides each block trafilatura kept (or we recovered).

Signals, all general (no site names): the block's DOM position (hidden box, figure caption, a boilerplate
box nested inside the article, link-heavy teaser), its place on the page (headline, repeated text), and
the boilerplate lexicons in ``cleaners/rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleaners.html.blocks import BLOCK_TAGS, Ancestry, Segment, norm
from cleaners.rules import matcher_for
from cleaners.types import CONTENT, Block

# class/id words of a box nested inside the article body -> boilerplate kind
_BOX_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?:^|[^a-z0-9])(?:{words})(?:$|[^a-z0-9])"))
    for kind, words in (
        ("photo_caption", r"(?:wp-)?caption(?:-text)?|figcaption|image-credit|photo-credit|img-credit|credit"),
        ("newsletter_widget", r"newsletters?|signup|sign-up|subscribe|subscription|optin|opt-in|mailchimp"),
        ("share_bar", r"share|sharing|social|sharebar|share-bar|social-share"),
        (
            "related_content",
            r"related|recirc|read-?more|more-stories|recommend(?:ed|ations)?|teasers?|outbrain|"
            r"taboola|trending|most-?read|most-?popular|also-read|see-also|further-reading",
        ),
        ("advertisement", r"ad|ads|advert|advertisement|sponsor(?:ed)?|promo|dfp|gpt-ad"),
        ("comments", r"comments?|disqus"),
        ("metadata_line", r"byline|dateline|timestamp|author-info|author-bio|post-meta|entry-meta|article-meta|tags"),
        ("navigation", r"breadcrumbs?|pagination|nav|menu"),
        ("footer", r"footer|copyright|disclaimer"),
    )
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "head"})
_CAPTION_TAGS = frozenset({"figure", "figcaption"})
_MEDIA_TAGS = ("img", "picture", "video", "audio", "iframe", "svg", "object", "embed", "canvas")
_URL = re.compile(r"\S*(?:https?://|www\.)\S+$")
_CONTACT = re.compile(  # an e-mail address or a social profile URL
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}\b|\b(?:twitter|facebook|instagram|linkedin)\.com/(?!\w+/status)", re.I
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK = re.compile(r"(?<![\d.,$€£])\d{1,2}[:h]\d\d(?!\d)\s*(?:[ap]\.?m\.?|uhr|h)?", re.I)
_SENTENCE_END = re.compile(r"[.!?…:\"”’'»)\]]$")
_SHORTCODE = re.compile(r"\[(\w+)\b[^\]]*\].*\[/\1\]", re.S)  # an unrendered CMS shortcode: [button ...]...[/button]
_LIST_SEPARATOR = re.compile(r"\s*[,|·•;]\s*")
_NON_WORD = re.compile(r"\W+")
_TEASER_TAGS = frozenset({"p", "div"})  # paragraph-like owners; headings and list items may be article content
# removed kinds that close an article: a short kept run after one of them is more chrome, not more article
_CLOSING_KINDS = frozenset({"share_bar", "repost_disclaimer", "comments"})
_TOOLBAR_KINDS = frozenset({"share_bar", "navigation"})
# boxes that are chrome on any page; on a page of items (``items_page``) other box names (ad, caption, related,
# comments) often name the wrappers of the items themselves
_CHROME_BOX_KINDS = frozenset({"navigation", "footer", "share_bar", "newsletter_widget"})


@dataclass
class Candidate:
    text: str
    dom: Segment | None  # the matching block in the page's DOM, when found
    seq: int = 0  # position in trafilatura's output (-1 for recovered blocks)
    recovered: bool = False
    tag: str = ""  # tag of the block in trafilatura's output (p, head, item, ...)


def _words(text: str) -> int:
    return len(text.split())


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def box_kind(
    owner: etree._Element,
    root: etree._Element | None,
    ancestry: Ancestry,
    boxes: dict[etree._Element, tuple[str, str] | None],
) -> tuple[str, str] | None:
    """Boilerplate kind from the element's own or its ancestors' tag/class/id, below the article root.
    ``boxes`` caches each element's own kind (the blocks of a page share their ancestors)."""
    for node in ancestry.below(owner, root, limit=8):
        if node not in boxes:
            boxes[node] = _own_box_kind(node, root is not None)
        if boxes[node] is not None:
            return boxes[node]
    return None


def _own_box_kind(node: etree._Element, has_root: bool) -> tuple[str, str] | None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _CAPTION_TAGS:
        figure = node if tag == "figure" else node.getparent()
        # a figure of text alone (a table, a quote, a code listing) is content, and so is its caption
        if figure is None or figure.tag != "figure" or next(figure.iter(*_MEDIA_TAGS), None) is not None:
            return "photo_caption", f"inside <{tag}>"
    if tag in ("aside", "nav", "footer") and has_root:
        return {"aside": "related_content", "nav": "navigation", "footer": "footer"}[tag], f"inside <{tag}>"
    label = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    if not label.strip():
        return None
    for kind, pattern in _BOX_WORDS:
        if pattern.search(label):
            return kind, f"inside box {tag}[{norm(label)[:60]}]"
    return None


def _link_heavy(cand: Candidate) -> bool:
    """Mostly link text, short, and not a bare address (a teaser headline rather than a cited URL)."""
    seg = cand.dom
    return (
        seg is not None
        and seg.link_chars >= 0.8 * len(cand.text)
        and _words(cand.text) <= 25
        and not _URL.match(cand.text)
    )


def _one_link(cand: Candidate) -> bool:
    """All link text, whatever its length, and not a bare address: a teaser's headline and description."""
    seg = cand.dom
    return seg is not None and seg.link_chars >= 0.95 * len(cand.text) and not _URL.match(cand.text)


def _link_list(cand: Candidate) -> bool:
    """Mostly link text split by separators into several short names: a tag or keyword list."""
    seg = cand.dom
    if seg is None or seg.link_chars < 0.8 * len(cand.text):
        return False
    parts = _LIST_SEPARATOR.split(cand.text)
    return len(parts) >= 3 and all(_words(part) <= 6 for part in parts)


def _is_heading(cand: Candidate, tags: frozenset[str] | set[str] = _HEADINGS) -> bool:
    tag = cand.dom.owner.tag if cand.dom is not None else cand.tag
    return tag in tags


def _headline_like(cand: Candidate, key: str, titles: set[str]) -> bool:
    return _is_heading(cand) and _close(key, titles)


def _close(key: str, titles: set[str]) -> bool:
    """Most words shared with one of the page titles (headline variants differ in a word or two)."""
    words = set(key.split())
    return len(words) >= 3 and any(len(words & set(t.split())) >= 0.7 * max(len(words), len(t.split())) for t in titles)


def _same_text(key: str, other: str) -> bool:
    """Equal up to truncation (descriptions are often cut short with an ellipsis)."""
    if not key or not other:
        return False
    shorter, longer = sorted((key, other), key=len)
    return len(shorter) >= 0.6 * len(longer) and longer.startswith(shorter[: max(20, len(shorter) - 3)])


def _tail_contact(blocks: list[Block], candidates: list[Candidate]) -> None:
    """After the last long paragraph: short lines with an address, handle or social network are contact lines."""
    long_at = [i for i, b in enumerate(blocks) if b.kept and _words(b.text) >= 30]
    if not long_at:
        return
    for block, cand in zip(blocks[long_at[-1] + 1 :], candidates[long_at[-1] + 1 :], strict=True):
        if not block.kept:
            continue
        if _words(block.text) < 40 and _CONTACT.search(block.text) and "pic.twitter" not in block.text:
            block.kind, block.reason = "footer", "contact or follow line after the article"
        elif _link_heavy(cand) and _label_like(block.text):
            block.kind, block.reason = "related_content", "link-heavy headline after the article"


def _thread_posts(blocks: list[Block], max_kept: int = 100) -> None:
    """On a thread page (a forum, questions and answers) the posts are marked up as comments and are the
    page's content: when little is kept besides the comment boxes and they hold far more, they are kept."""
    kept = sum(_words(b.text) for b in blocks if b.kept)
    posts = [b for b in blocks if b.kind == "comments" and b.reason.startswith("inside box")]
    if kept < max_kept and sum(_words(b.text) for b in posts) >= 3 * max(kept, 30):
        for block in posts:
            block.kind, block.reason = CONTENT, ""


def _after_closing_chrome(blocks: list[Block], min_body: int = 100, max_tail: int = 60) -> None:
    """Kept blocks after the article's closing chrome (share line, disclaimer, comments) are more
    chrome when they are few: a station plug or an offer after "Follow us on ...", not the article's end."""
    words, body = [_words(b.text) if b.kept else 0 for b in blocks], 0
    for i, block in enumerate(blocks):
        if block.kept:
            body += words[i]
        elif block.kind in _CLOSING_KINDS and body >= min_body:
            tail = sum(words[i + 1 :])
            if 0 < tail <= min(max_tail, 0.15 * body):
                for later in blocks[i + 1 :]:
                    if later.kept:
                        later.kind, later.reason = "other", f"after the closing {block.kind}"
                return


def _trailing_headings(blocks: list[Block], candidates: list[Candidate]) -> None:
    """A heading with no kept text after it heads a removed section (comments, related links)."""
    for block, cand in zip(reversed(blocks), reversed(candidates), strict=True):
        if not block.kept:
            continue
        if not _is_heading(cand) or _words(block.text) > 12:
            return
        block.kind, block.reason = "other", "heading with no article text after it"


def _toolbar_items(blocks: list[Block], candidates: list[Candidate]) -> None:
    """A short list item whose sibling items were removed as share buttons or menu links is one more of them."""
    removed: dict[etree._Element, str] = {}
    for block, cand in zip(blocks, candidates, strict=True):
        if block.kind in _TOOLBAR_KINDS and cand.dom is not None and cand.dom.owner.tag == "li":
            removed[cand.dom.owner.getparent()] = block.kind
    if not removed:
        return
    for block, cand in zip(blocks, candidates, strict=True):
        if block.kept and cand.dom is not None and cand.dom.owner.tag == "li" and _words(block.text) <= 4:
            kind = removed.get(cand.dom.owner.getparent())
            if kind is not None:
                block.kind, block.reason = kind, "item of a list of removed buttons or links"


def _url_key(url: str | None) -> str:
    """An address without scheme, ``www.``, query and trailing slash, to compare page addresses."""
    if not url:
        return ""
    bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower())
    return re.split(r"[?#]", bare, maxsplit=1)[0].rstrip("/")


def _inside(el: etree._Element, root: etree._Element, ancestry: Ancestry) -> bool:
    return any(node is root for node in ancestry.chain(el)[:60])


def _label_like(text: str) -> bool:
    return _words(text) <= 6 and not _SENTENCE_END.search(text.rstrip(":"))


def _dateline(text: str) -> bool:
    """A short line that is mostly a date or time stamp (any language: judged by its digits)."""
    if _words(text) > 12 or not (_YEAR.search(text) or _CLOCK.search(text)):
        return False
    wordy = len(re.findall(r"[^\W\d_]{4,}", text))
    if _CLOCK.search(text) and wordy <= 3:
        return True
    return wordy <= 4 and not text.rstrip().endswith((".", "!", "?"))


def _titles(doc: Any) -> set[str]:
    title = norm(getattr(doc, "title", None) or "")
    keys = {_key(title)} if title else set()
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        if sep in title:
            keys.add(_key(title.rsplit(sep, 1)[0]))
            keys.add(_key(title.split(sep, 1)[0]))
    keys.discard("")
    return keys


def _link_decision(i: int, cand: Candidate, linky: list[bool], lists: list[bool]) -> tuple[str, str] | None:
    """Link-heavy teasers and link lists around an article (on a page of items they are the items)."""
    text, seg = cand.text, cand.dom
    if linky[i] and ((i > 0 and linky[i - 1]) or (i + 1 < len(linky) and linky[i + 1])):
        return "related_content", "run of link-heavy blocks"
    if linky[i] and text.isupper():
        return "related_content", "all-capitals link (teaser or app promotion)"
    if seg is not None and seg.owner.tag in _TEASER_TAGS and (linky[i] or _one_link(cand)):
        return "related_content", "paragraph that is one link (inline teaser)"
    if lists[i]:
        return "related_content", "list of short links (tags)"
    if (
        _label_like(text)
        and i + 1 < len(linky)
        and (lists[i + 1] or (i + 2 < len(linky) and linky[i + 1] and linky[i + 2]))
    ):
        return "related_content", "label over a run of link-heavy blocks or a link list"
    return None


def classify(
    candidates: list[Candidate],
    doc: Any,
    root: etree._Element | None,
    url: str | None = None,
    ancestry: Ancestry | None = None,
    items_page: bool = False,
) -> list[Block]:
    """Decide each block; ``ancestry`` is the page's, when the caller already has one. ``items_page``: the
    markup says the page is not an article (a listing, a thread, a product, ...): its content is items, posts or
    specs, so link-heavy item runs, responsive or toggled duplicates of the content, blocks outside the longest
    prose container and wrappers named like ads or captions are kept; chrome boxes (menus, footers) still go."""
    titles = _titles(doc)
    own_url = _url_key(url)
    lexicon = matcher_for(None)  # every language: pages often mix in English chrome
    summary = _key(getattr(doc, "description", None) or "")
    seen: set[str] = set()
    blocks: list[Block] = []
    body_started = False
    linky = [_link_heavy(c) for c in candidates]
    lists = [_link_list(c) for c in candidates]
    rules = lexicon.match_lines([c.text for c in candidates])  # one pass over the page, not one per block
    ancestry = ancestry if ancestry is not None else Ancestry()
    boxes: dict[etree._Element, tuple[str, str] | None] = {}
    for i, cand in enumerate(candidates):
        text, seg = cand.text, cand.dom
        key = _key(text)
        decision: tuple[str, str] | None = None
        if seg is not None and not items_page and ancestry.is_hidden(seg.owner):
            decision = ("other", "hidden element")
        elif not body_started and (key in titles or _is_heading(cand, {"h1"}) or _headline_like(cand, key, titles)):
            decision = ("title", "headline at the top of the body")
        elif not body_started and _is_heading(cand) and _words(text) >= 6 and _same_text(key, summary):
            decision = ("title", "standfirst heading repeating the page description")
        elif key and key in seen and _words(text) >= 3 and (seg is None or ancestry.in_panel(seg.owner)):
            decision = ("other", "repeated block")
        elif own_url and " " not in text and _url_key(text) == own_url:
            decision = ("other", "the page's own address")
        elif _SHORTCODE.search(text):
            decision = ("other", "unrendered shortcode")
        elif seg is not None:
            decision = box_kind(seg.owner, root, ancestry, boxes)
            if items_page:
                decision = decision if decision is not None and decision[0] in _CHROME_BOX_KINDS else None
            elif decision is None and body_started and root is not None and not _inside(seg.owner, root, ancestry):
                decision = ("related_content", "outside the article container")
            if decision is None and not items_page:
                decision = _link_decision(i, cand, linky, lists)
        if decision is None and not body_started and _dateline(text):
            decision = ("metadata_line", "date or time line")
        if decision is None:
            rule = rules[i]
            if rule is not None:
                decision = (rule.kind, rule.name)
        if decision is None:
            blocks.append(Block(text))
            seen.add(key)
            if _words(text) >= 12:
                body_started = True
        else:
            blocks.append(Block(text, decision[0], decision[1]))
    _thread_posts(blocks)
    _tail_contact(blocks, candidates)
    _toolbar_items(blocks, candidates)
    _after_closing_chrome(blocks)
    _trailing_headings(blocks, candidates)
    return blocks


def _cards(owner: etree._Element) -> list[etree._Element]:
    """Inline hover cards inside a paragraph: the lowest inline element around an image that holds two or
    more links (a person's or stock's pop-up with its picture and latest headlines)."""
    found: list[etree._Element] = []
    for img in owner.iter("img"):
        node = img.getparent()
        while node is not None and node is not owner and node.tag not in BLOCK_TAGS:
            if sum(1 for _ in node.iter("a")) >= 2:
                if node not in found:
                    found.append(node)
                break
            node = node.getparent()
    return found


def split_cards(blocks: list[Block], candidates: list[Candidate]) -> list[Block]:
    """Cut hover cards out of kept paragraphs; each card's text becomes a removed block after its paragraph."""
    out: list[Block] = []
    for block, cand in zip(blocks, candidates, strict=True):
        out.append(block)
        seg = cand.dom
        if not block.kept or seg is None or seg.link_chars < 40 or seg.owner.find(".//img") is None:
            continue
        for card in _cards(seg.owner):
            text = norm("".join(card.itertext()))
            if len(text) >= 20 and text in block.text and len(text) < len(block.text):
                block.text = norm(block.text.replace(text, " ", 1))
                out.append(Block(text, "related_content", "hover card inside a paragraph"))
    return out


__all__ = ["CONTENT", "Candidate", "classify", "split_cards"]
