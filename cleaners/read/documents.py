"""What every reader shares: the page cap, and input documents that carry a read error instead of a page."""

from __future__ import annotations

from typing import Any

from schemas import Reason, SourceDocument

# the default page cap: larger pages are quarantined, never parsed (the ``max_page_bytes`` setting changes it)
MAX_PAGE_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 64 * 1024  # what an over-size document keeps of its data, for inspection


def error_doc(source: str, reason: Reason, detail: str, data: bytes = b"", **extra: Any) -> SourceDocument:
    """A document that could not be read: the pipeline quarantines it with ``reason`` and ``detail``."""
    return SourceDocument(source, data, read_error=reason, read_error_detail=detail, **extra)


def too_large_detail(size: int | None = None, cap: int = MAX_PAGE_BYTES) -> str:
    """The one explanation of the page cap, with the page's size when it is known."""
    what = f"the page ({size} bytes)" if size is not None else "the page"
    return (
        f"{what} is larger than the {cap}-byte cap and was not parsed; check it is really one page "
        "(the first bytes are kept with the quarantined document), or raise the cap (--max-page-bytes)"
    )


def too_large_doc(source: str, data: bytes, cap: int, **extra: Any) -> SourceDocument:
    return error_doc(source, Reason.TOO_LARGE, too_large_detail(cap=cap), data[:HEAD_BYTES], **extra)
