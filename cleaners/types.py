"""Data types the cleaners pass between themselves: blocks, raw metadata, an extraction. The types other
packages see (documents, records, outcomes) are the contract in ``schemas``."""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds. "content" is kept; every other kind is boilerplate that is removed and recorded.
CONTENT = "content"
BOILERPLATE_KINDS = (
    "navigation",  # skip links, menus, breadcrumbs, "Edit post", site chrome
    "paywall_appeal",  # subscribe / donate / become a member appeals
    "newsletter_widget",  # e-mail sign-up boxes and their confirmations
    "repost_disclaimer",  # copyright / repost / "not investment advice" notices
    "share_bar",  # share / tweet / print / comment buttons
    "photo_caption",  # image captions and photo credits
    "related_content",  # related links, "read more" teasers, news feeds, editors' picks
    "advertisement",  # ads and sponsored notices
    "cookie_notice",  # cookie / consent banners
    "comments",  # reader comment sections
    "metadata_line",  # byline, dateline, reading time, section label (parsed into metadata)
    "title",  # the headline (moved to the title field, not the body)
    "footer",  # copyright footers, legal links, contact lines
    "media_notice",  # "This audio is created with AI assistance", video player text
    "other",  # boilerplate that fits no other kind
)


@dataclass
class Block:
    """One unit of page text and the cleaner's decision about it."""

    text: str
    kind: str = CONTENT
    reason: str = ""  # why the block was removed (the rule or signal that decided)
    markdown: str | None = None  # the block as Markdown (heading, list item, table row...), when not just its text

    @property
    def kept(self) -> bool:
        return self.kind == CONTENT


@dataclass
class RawMetadata:
    """Metadata as found on the page, before normalization. All strings as seen."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None  # e.g. "by A and B September 7, 2024 6:13 AM 2 min read"
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # published date as written on the page
    updated: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None  # declared language, e.g. <html lang>
    # the language the extractor detected in the page's prose, when it is sure: not detected again from the body
    detected_language: str | None = None
    reading_time: str | None = None  # e.g. "2 min read"
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from


@dataclass
class Extraction:
    """What an extractor (HTML or plain text) returns: every block in page order, plus raw metadata."""

    blocks: list[Block]
    meta: RawMetadata
    method: str  # e.g. "trafilatura+classifier", "text-classifier", "fallback"
    # the page's kind by its markup (``cleaners.html.page_evidence.structural_kind``); plain text: article
    kind: str = "article"
    # HTML: the page's blocks the extractor never chose, each with a kind and a reason (``cleaners.html.unchosen``)
    unchosen: list[Block] = field(default_factory=list)

    @property
    def body_blocks(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == CONTENT]  # (b.kept, without a call per block)

    @property
    def removed(self) -> list[Block]:
        return [b for b in self.blocks if not b.kept]

    @property
    def body(self) -> str:
        return "\n\n".join(self.body_blocks)

    @property
    def body_markdown(self) -> str:
        """The kept blocks as Markdown: list items and table rows of one list or table on consecutive lines."""
        parts: list[str] = []
        previous = ""
        for block in self.blocks:
            if block.kind != CONTENT:
                continue
            markdown = block.markdown or block.text
            run = _run_kind(markdown)
            parts.append(("\n" if run and run == previous else "\n\n") + markdown if parts else markdown)
            previous = run
        return "".join(parts)


def _run_kind(markdown: str) -> str:
    """Which kind of consecutive Markdown lines a block continues: list items, table rows or quotes."""
    head = markdown[:4].lstrip()
    if head[:2] in ("* ", "- ", "+ ") or (head[:1].isdigit() and (". " in markdown[:5] or ") " in markdown[:5])):
        return "list"
    return {"|": "table", ">": "quote"}.get(head[:1], "")
