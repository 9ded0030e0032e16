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

from cleaners.html_blocks import Segment, hides, norm
from cleaners.rules import matcher_for
from cleaners.types import CONTENT, Block

# class/id words of a box nested inside the article body -> boilerplate kind
_BOX_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?:^|[^a-z0-9])(?:{words})(?:$|[^a-z0-9])"))
    for kind, words in (
        ("photo_caption", r"(?:wp-)?caption(?:-text)?|figcaption|image-credit|photo-credit|img-credit|credit"),
        ("newsletter_widget", r"newsletters?|signup|sign-up|subscribe|subscription|optin|opt-in|mailchimp"),
        ("share_bar", r"share|sharing|social|sharebar|share-bar|social-share"),
        ("related_content", r"related|recirc|read-?more|more-stories|recommend(?:ed|ations)?|teasers?|outbrain|"
                            r"taboola|trending|most-?read|most-?popular|also-read|see-also|further-reading"),
        ("advertisement", r"ad|ads|advert|advertisement|sponsor(?:ed)?|promo|dfp|gpt-ad"),
        ("comments", r"comments?|disqus"),
        ("metadata_line", r"byline|dateline|timestamp|author-info|author-bio|post-meta|entry-meta|article-meta|tags"),
        ("navigation", r"breadcrumbs?|pagination|nav|menu"),
        ("footer", r"footer|copyright|disclaimer"),
    )
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "head"})
_CAPTION_TAGS = frozenset({"figure", "figcaption"})
_URL = re.compile(r"\S*(?:https?://|www\.)\S+$")
_CONTACT = re.compile(  # an e-mail address or a social profile URL
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}\b|\b(?:twitter|facebook|instagram|linkedin)\.com/(?!\w+/status)", re.I
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK = re.compile(r"(?<![\d.,$€£])\d{1,2}[:h]\d\d(?!\d)\s*(?:[ap]\.?m\.?|uhr|h)?", re.I)
_SENTENCE_END = re.compile(r"[.!?…:\"”’'»)\]]$")


@dataclass
class Candidate:
    text: str
    dom: Segment | None  # the matching block in the page's DOM, when found
    seq: int = 0  # position in trafilatura's output (-1 for recovered blocks)
    recovered: bool = False
    tag: str = ""  # tag of the block in trafilatura's output (p, head, item, ...)


class _Ancestry:
    """Each element's ancestor chain (itself first), built once: the blocks of a page share most ancestors,
    and every step up the tree makes lxml build a Python object."""

    def __init__(self) -> None:
        self._chains: dict[etree._Element, tuple[etree._Element, ...]] = {}
        self._hidden: dict[etree._Element, bool] = {}

    def chain(self, el: etree._Element) -> tuple[etree._Element, ...]:
        found = self._chains.get(el)
        if found is None:
            parent = el.getparent()
            found = (el, *self.chain(parent)) if parent is not None else (el,)
            self._chains[el] = found
        return found

    def below(self, el: etree._Element, root: etree._Element | None, limit: int) -> list[etree._Element]:
        """``el`` and its ancestors, innermost first, up to (not including) ``root``, at most ``limit``."""
        out = []
        for node in self.chain(el)[:limit]:
            if node is root:
                break
            out.append(node)
        return out

    def is_hidden(self, el: etree._Element, limit: int = 40) -> bool:
        """``html_blocks.is_hidden``, each element's own markup read once."""
        for node in self.chain(el)[:limit]:
            hidden = self._hidden.get(node)
            if hidden is None:
                hidden = self._hidden[node] = hides(node)
            if hidden:
                return True
        return False


def _words(text: str) -> int:
    return len(text.split())


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _box_kind(owner: etree._Element, root: etree._Element | None, ancestry: _Ancestry) -> tuple[str, str] | None:
    """Boilerplate kind from the element's own or its ancestors' tag/class/id, below the article root."""
    for node in ancestry.below(owner, root, limit=8):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _CAPTION_TAGS:
            return "photo_caption", f"inside <{tag}>"
        if tag in ("aside", "nav", "footer") and root is not None:
            return {"aside": "related_content", "nav": "navigation", "footer": "footer"}[tag], f"inside <{tag}>"
        label = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if not label.strip():
            continue
        for kind, pattern in _BOX_WORDS:
            if pattern.search(label):
                return kind, f"inside box {tag}[{norm(label)[:60]}]"
    return None


def _link_heavy(cand: Candidate) -> bool:
    """Mostly link text, short, and not a bare address (a teaser headline rather than a cited URL)."""
    seg = cand.dom
    return (seg is not None and seg.link_chars >= 0.8 * len(cand.text) and _words(cand.text) <= 25
            and not _URL.match(cand.text))


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


def _inside(el: etree._Element, root: etree._Element, ancestry: _Ancestry) -> bool:
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


def classify(candidates: list[Candidate], doc: Any, root: etree._Element | None) -> list[Block]:
    titles = _titles(doc)
    lexicon = matcher_for(None)  # every language: pages often mix in English chrome
    summary = _key(getattr(doc, "description", None) or "")
    seen: set[str] = set()
    blocks: list[Block] = []
    body_started = False
    linky = [_link_heavy(c) for c in candidates]
    rules = lexicon.match_lines([c.text for c in candidates])  # one pass over the page, not one per block
    ancestry = _Ancestry()
    for i, cand in enumerate(candidates):
        text, seg = cand.text, cand.dom
        key = _key(text)
        decision: tuple[str, str] | None = None
        if seg is not None and ancestry.is_hidden(seg.owner):
            decision = ("other", "hidden element")
        elif not body_started and (key in titles or _is_heading(cand, {"h1"}) or _headline_like(cand, key, titles)):
            decision = ("title", "headline at the top of the body")
        elif not body_started and _is_heading(cand) and _words(text) >= 6 and _same_text(key, summary):
            decision = ("title", "standfirst heading repeating the page description")
        elif seg is None and key and key in seen and _words(text) >= 3:
            decision = ("other", "repeated block")
        elif seg is not None:
            decision = _box_kind(seg.owner, root, ancestry)
            if decision is None and body_started and root is not None and not _inside(seg.owner, root, ancestry):
                decision = ("related_content", "outside the article container")
            if decision is None and linky[i] and ((i > 0 and linky[i - 1]) or (i + 1 < len(linky) and linky[i + 1])):
                decision = ("related_content", "run of link-heavy blocks")
            elif decision is None and linky[i] and text.isupper():
                decision = ("related_content", "all-capitals link (teaser or app promotion)")
            elif decision is None and _label_like(text) and i + 2 < len(linky) and linky[i + 1] and linky[i + 2]:
                decision = ("related_content", "label over a run of link-heavy blocks")
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
    _tail_contact(blocks, candidates)
    return blocks


__all__ = ["CONTENT", "Candidate", "classify"]
