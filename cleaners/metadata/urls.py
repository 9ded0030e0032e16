"""URLs: courlan-normalized, tracking parameters and fragments removed; registered domain via courlan/tld."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# Trackers courlan keeps (its list covers utm_*, fbclid, gclid, mc_*, ...).
_EXTRA_TRACKERS = re.compile(
    r"^(?:srcref|ocid|ncid|cmpid|smid|smtyp|icid|ito|mbid|soc_src|soc_trk|sr_share|rss|cmp|cid|"
    r"at_medium|at_campaign|wt\.mc_id|wt_mc|__twitter_impression|s_cid|ftag|trk|tracking)$",
    re.I,
)
_LINK_CANONICAL = re.compile(r"<\s*([^>]+)\s*>\s*;[^,]*\brel\s*=\s*\"?canonical\"?", re.I)


def normalize_url(raw: str | None, base: str | None = None) -> str | None:
    """Absolute, lower-cased host, default port, no trackers (utm_*, fbclid, gclid ...), no fragment; or None."""
    if not raw or not isinstance(raw, str):
        return None
    url = raw.strip()
    if base and not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        from urllib.parse import urljoin

        url = urljoin(base, url)
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        from courlan import normalize_url as courlan_normalize

        normalized = courlan_normalize(url, strict=False)
    except Exception:
        normalized = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
    parts = urlsplit(normalized)
    query = "&".join(p for p in parts.query.split("&") if p and not _EXTRA_TRACKERS.match(p.split("=", 1)[0]))
    return urlunsplit(parts._replace(query=query, fragment=""))


def registered_domain(url: str | None) -> str | None:
    """ "https://www.bbc.co.uk/news/x" -> "bbc.co.uk" (public-suffix aware); IPs and bare hosts as they are."""
    if not url:
        return None
    try:
        from courlan import extract_domain

        domain = extract_domain(url)
    except Exception:
        domain = None
    if domain:
        return domain.lower()
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def canonical_from_headers(headers: dict[str, str] | None) -> str | None:
    """The HTTP ``Link: <...>; rel="canonical"`` header, when the server sent one."""
    for key, value in (headers or {}).items():
        if key.lower() == "link" and isinstance(value, str):
            match = _LINK_CANONICAL.search(value)
            if match:
                return match.group(1).strip()
    return None


_SLUG_SPLIT = re.compile(r"[-_+.]+")
_ID_LIKE = re.compile(r"^(?:\d+|[0-9a-f]{8,}|html?|php|aspx?|amp|index)$", re.I)


def slug_words(url: str | None) -> str:
    """The words of the URL path's last part that reads as words ("/2024/05/city-council-votes.html" -> "city
    council votes"); "" when no part has two words or more."""
    if not url:
        return ""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    for part in reversed([p for p in path.split("/") if p]):
        words = [w for w in _SLUG_SPLIT.split(part) if w and not _ID_LIKE.match(w)]
        if len(words) >= 2:
            return " ".join(words).lower()
    return ""
