"""What kind of page a cleaned document is: one of ``PAGE_TYPES``.

General signals only (no per-site rules):

* listing, forum, product, documentation, service, collection -- from the page's markup alone
               (``cleaners.html.page_evidence.structural_kind``): schema.org types and ``og:type``,
               repeated item cards, price and cart markup, code listings, prose paragraphs, a publication date.

* error_page -- a short page that opens by saying the page is missing or failed ("page not found", "404 error").
* login_wall -- a short page with "sign in to continue"-style wall wording, backed by a password field or by
                account wording ("forgot your password"); a password field alone is not enough (many article
                pages carry a hidden log-in form).
* index     -- a page whose extracted text is mostly link text on a link-dense page, or many short
               headline-like lines (linked, when there is HTML) and (almost) no prose paragraphs
               (section fronts, tag pages, search results).

The lexicons are English; on other languages only the structural (index) signals apply.
* article   -- everything else.

Non-articles are still kept as records; the pipeline only flags them in ``page_type``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from cleaners.html.blocks import norm
from cleaners.html.page_evidence import ARTICLE, LISTING, SERVICE, STRUCTURAL_KINDS

INDEX, LOGIN_WALL, ERROR_PAGE = "index", "login_wall", "error_page"
PAGE_TYPES = (*STRUCTURAL_KINDS, INDEX, LOGIN_WALL, ERROR_PAGE)
_INDEX_LIKE = frozenset({ARTICLE, LISTING, SERVICE})  # kinds whose pages may be a news site's index page

ERROR_PHRASES = (
    "page not found",
    "page cannot be found",
    "page could not be found",
    "page does not exist",
    "page doesn't exist",
    "page you are looking for",
    "page you were looking for",
    "page you requested",
    "no longer available",
    "404 error",
    "error 404",
    "404 not found",
    "internal server error",
    "service unavailable",
    "403 forbidden",
    "access denied",
    "something went wrong",
)
WALL_PHRASES = (  # the page asks the reader to log in before it shows the content
    "sign in to continue",
    "log in to continue",
    "login to continue",
    "sign in to read",
    "log in to read",
    "sign in to keep reading",
    "log in to keep reading",
    "to keep reading",
    "to continue reading",
    "register to continue",
    "subscribers only",
    "members only",
    "for registered readers",
    "for registered users",
)
ACCOUNT_PHRASES = (  # account wording that also appears in the log-in boxes of ordinary pages
    "create a free account",
    "create an account",
    "forgot your password",
    "forgot password",
    "already a subscriber",
    "already have an account",
    "don't have an account",
    "register now",
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’')。！？」』）]\s*$")

MAX_ERROR_WORDS = 150  # an error page is short; a long page mentioning "page not found" is an article
MAX_LOGIN_WORDS = 250
MIN_INDEX_BLOCKS = 8
MIN_HEADLINE_SHARE = 0.7
MAX_INDEX_PROSE = 2  # an index may carry a paragraph or two of blurb
VISIBLE_TEXT_CHARS = 20_000
MIN_LINK_DENSITY = 0.5  # share of the page's text inside links
MIN_LINKED_SHARE = 0.6  # share of the extracted body that is link text


@dataclass
class HtmlSignals:
    link_density: float = 0.0  # share of the page's visible text that sits inside links
    link_texts: frozenset[str] = frozenset()
    password_field: bool = False
    visible_text: str = ""  # lower-cased, whitespace-normalized, capped at VISIBLE_TEXT_CHARS
    headings: str = ""  # lower-cased <title> and <h1> text


def html_signals(root: str | etree._Element | None) -> HtmlSignals:
    """Link density, link texts and password fields of a page, given as HTML or as its parsed tree; empty
    signals if it does not parse. A tree is changed: its scripts and styles are stripped (stripping is ten
    times cheaper than reading around them), so pass one that nothing reads afterwards."""
    if root is None or (isinstance(root, str) and not root.strip()):
        return HtmlSignals()
    if isinstance(root, str):
        try:
            root = lxml_html.fromstring(root)
        except (etree.ParserError, ValueError):
            return HtmlSignals()
    etree.strip_elements(root, "script", "style", "noscript", etree.Comment, with_tail=False)
    visible = norm(root.text_content())
    links = [norm(_text_content(a)) for a in root.iter("a")]
    linked = sum(len(t) for t in links)
    password = bool(root.xpath("//input[translate(@type, 'PASWORD', 'pasword') = 'password']"))
    headings = " ".join(norm(h.text_content()) for h in root.xpath("//title | //h1"))
    return HtmlSignals(
        link_density=linked / len(visible) if visible else 0.0,
        link_texts=frozenset(t for t in links if t),
        password_field=password,
        visible_text=visible[:VISIBLE_TEXT_CHARS].lower(),
        headings=headings.lower(),
    )


def _text_content(el: etree._Element) -> str:
    """``el.text_content()``, serialized by libxml2 instead of an XPath call per element (half the cost)."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _words(text: str) -> int:
    return len(text.split())


def _is_headline_like(block: str) -> bool:
    return 1 <= _words(block) <= 16 and len(block) <= 120 and not _SENTENCE_END.search(block)


def _is_prose(block: str) -> bool:
    """A paragraph: long, or a full sentence (character counts too, for scripts written without spaces)."""
    sentence = bool(_SENTENCE_END.search(block))
    return _words(block) >= 25 or len(block) >= 150 or (sentence and (_words(block) >= 12 or len(block) >= 60))


def _phrase_hits(text: str, phrases: Sequence[str]) -> int:
    return sum(phrase in text for phrase in phrases)


def _linked_share(body: str, link_texts: frozenset[str]) -> float:
    """Share of the body's characters that are (multi-word) link texts: headlines on an index page."""
    found = sum(len(t) for t in link_texts if _words(t) >= 3 and t in body)
    return found / len(body) if body else 0.0


def _is_error(blocks: Sequence[str], signals: HtmlSignals | None) -> bool:
    """The opening text, or the page title / main heading, says the page is missing or failed."""
    opening = " ".join(blocks[:3]).lower() + " " + (signals.headings if signals else "")
    return _phrase_hits(opening, ERROR_PHRASES) > 0


def _is_login_wall(blocks: Sequence[str], signals: HtmlSignals | None) -> bool:
    """Wall wording (in the kept text or anywhere visible: the cleaner may have removed it as an appeal),
    backed by a password field or by account wording."""
    text = " ".join(blocks).lower() + " " + (signals.visible_text if signals else "")
    if not _phrase_hits(text, WALL_PHRASES):
        return False
    return bool(signals and signals.password_field) or _phrase_hits(text, ACCOUNT_PHRASES) > 0


def _is_index(blocks: Sequence[str], signals: HtmlSignals | None) -> bool:
    """Many short headline-like lines and no prose (linked ones, if there is HTML), or a link-text body."""
    body = "\n".join(blocks)
    link_dense = signals is not None and signals.link_density >= MIN_LINK_DENSITY
    if link_dense and _linked_share(body, signals.link_texts) >= MIN_LINKED_SHARE:
        return True
    if len(blocks) < MIN_INDEX_BLOCKS or sum(_is_prose(b) for b in blocks) > MAX_INDEX_PROSE:
        return False
    headlines = [b for b in blocks if _is_headline_like(b)]
    if len(headlines) < MIN_HEADLINE_SHARE * len(blocks):
        return False
    return signals is None or sum(b in signals.link_texts for b in headlines) >= 0.5 * len(headlines)


def page_type(text_blocks: Sequence[str], html: str | HtmlSignals | None = None, kind: str = ARTICLE) -> str:
    """Classify a page from its extracted text blocks (and its HTML or ``html_signals``, when it has one);
    ``kind`` is the page's ``structural_kind`` when there was markup to read."""
    blocks = [b.strip() for b in text_blocks if b and b.strip()]
    words = sum(_words(b) for b in blocks)
    signals = html_signals(html) if isinstance(html, str) and html else html or None
    if words <= MAX_ERROR_WORDS and _is_error(blocks, signals):
        return ERROR_PAGE
    if words <= MAX_LOGIN_WORDS and _is_login_wall(blocks, signals):
        return LOGIN_WALL
    if kind in _INDEX_LIKE and _is_index(blocks, signals):
        return INDEX
    return kind
