"""Titles without the site's name (" - WSJ", " | The Kyiv Independent", "Le Monde — "), and tidy site names."""

from __future__ import annotations

import html
import re

_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ", " • ", " // ", " « ", " » ")
_LABEL_SEPARATORS = frozenset({"|", "-", "—", "::", "•"})  # after which a short capitalised tail is a label
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_MAX_SHORT_WORDS = 4
_MAX_SHORT_CHARS = 32
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_JUNK_SITE = re.compile(r"^(?:copyright|©|\(c\)|all rights reserved|home|homepage|index)\b", re.I)


def tidy(text: str | None) -> str | None:
    """Unescape entities, drop invisible characters, collapse whitespace; '' -> None."""
    if not text or not isinstance(text, str):
        return None
    text = _SPACES.sub(" ", _INVISIBLE.sub("", html.unescape(text))).strip()
    return text or None


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def site_aliases(site_name: str | None, domain: str | None) -> list[str]:
    """Names a title may carry for its site: the site name, its parts, the domain and its first label."""
    aliases: list[str] = []
    if site_name:
        aliases.append(site_name)
        aliases.extend(p for sep in _SEPARATORS for p in site_name.split(sep) if p != site_name)
    if domain:
        aliases.append(domain)
        aliases.append(domain.split(".")[0])
    return [squash(a) for a in aliases if a and len(squash(a)) >= 2]


def matches_site(part: str, aliases: list[str]) -> bool:
    """``part`` names the site: equal to an alias, or an alias with a little more ("The Kyiv Independent")."""
    key = squash(part)
    if not key:
        return False
    for alias in aliases:
        if key == alias or (len(alias) >= 4 and alias in key and len(key) <= len(alias) + 12):
            return True
        if len(key) >= 4 and key in alias and len(key) >= len(alias) * 0.6:
            return True
    return False


def is_short(part: str) -> bool:
    return len(part.split()) <= _MAX_SHORT_WORDS and len(part) <= _MAX_SHORT_CHARS


def _split_last(title: str) -> tuple[str, str, str] | None:
    best = None
    for sep in _SEPARATORS:
        idx = title.rfind(sep)
        if idx > 0 and (best is None or idx > best[0]):
            best = (idx, sep)
    if best is None:
        return None
    idx, sep = best
    return title[:idx], sep, title[idx + len(sep) :]


def _split_first(title: str) -> tuple[str, str, str] | None:
    best = None
    for sep in (*_SEPARATORS, ": "):
        idx = title.find(sep)
        if idx > 0 and (best is None or idx < best[0]):
            best = (idx, sep)
    if best is None:
        return None
    idx, sep = best
    return title[:idx], sep, title[idx + len(sep) :]


def strip_site_suffix(title: str, aliases: list[str]) -> tuple[str, str | None]:
    """(title, removed part) for a trailing site name; short pipe/dash/colon-colon tails count as site names.
    A section label between the headline and the site goes with it ("Topic - Category - Forum"), and so does a
    slogan after the site's name ("Headline – Site – Realize your potential")."""
    cut = _cut_at_site_part(title, aliases)
    if cut:
        return cut
    split = _split_last(title)
    if not split:
        return title, None
    head, sep, tail = split
    if not _is_label(head, sep, tail, aliases):
        return title, None
    label = _split_last(head)
    if label and label[1] == sep and _is_label(label[0], sep, label[2], []):
        return label[0].strip(), f"{label[2].strip()}{sep}{tail.strip()}"
    return head.strip(), tail.strip()


def _is_label(head: str, sep: str, tail: str, aliases: list[str]) -> bool:
    """``tail`` after ``head`` names the site, or is a short capitalised label after a pipe or dash."""
    if len(head.split()) < 2:
        return False
    generic = sep.strip() in _LABEL_SEPARATORS and is_short(tail) and len(tail) * 2 < len(head)
    return matches_site(tail, aliases) or (generic and _looks_like_name(tail))


def _cut_at_site_part(title: str, aliases: list[str]) -> tuple[str, str] | None:
    """("Headline", "Site – slogan") when a middle part of ``title`` names the site."""
    for sep in _SEPARATORS:
        parts = title.split(sep)
        for i in range(1, len(parts) - 1):
            head = sep.join(parts[:i]).strip()
            if len(head.split()) >= 2 and matches_site(parts[i], aliases):
                return head, sep.join(parts[i:]).strip()
    return None


def strip_site_prefix(title: str, aliases: list[str], home_page: bool = False) -> tuple[str, str | None]:
    """(title, removed part) for a leading site name ("Le Monde — ...", "LinkNaija | ...: ..."). On a
    ``home_page`` only the site's own name before a pipe goes ("Todoist | A To-Do List ..."): before a colon or a
    dash it introduces the page ("Airtable: Build AI Workflows")."""
    split = _split_first(title)
    if not split:
        return title, None
    head, sep, tail = split
    if len(tail.split()) < 2 or (home_page and (sep != " | " or not matches_site(head, aliases))):
        return title, None
    if matches_site(head, aliases) or (sep.strip() in ("|", "::") and is_short(head) and len(head) * 2 < len(tail)):
        return tail.strip(), head.strip()
    return title, None


def _looks_like_name(part: str) -> bool:
    """A site-ish tail: capitalised words or a domain, not a sentence fragment ("shoots for the moon")."""
    words = part.split()
    if "." in part and " " not in part:
        return True
    capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitals >= max(1, len(words) - 1)


def clean_title(
    raw: str | None,
    site_name: str | None = None,
    domain: str | None = None,
    *,
    raw_site_name: str | None = None,
    home_page: bool = False,
) -> tuple[str | None, list[str]]:
    """(title, parts removed). Strips at most one site suffix and one site prefix.

    ``raw_site_name`` is the site name as the page wrote it ("LinkNaija | Nigeria's popular news platform"),
    stripped whole when the title carries it whole. On a ``home_page`` a leading site name stays unless a pipe parts it
    from the rest: the page is about the site ("Airtable: Build AI Workflows"), where an article's title starts with
    the site only as a label.
    """
    title = tidy(raw)
    if not title:
        return None, []
    names = [n for n in dict.fromkeys((tidy(raw_site_name), site_name)) if n]
    aliases = site_aliases(site_name, domain) + [a for n in names for a in site_aliases(n, None)]
    removed: list[str] = []
    for name in names:  # a site name with its own separators: strip it whole first
        title, cut = _strip_whole_name(title, name, home_page)
        removed += cut
        if cut:
            break
    if not removed:
        title, tail = strip_site_suffix(title, aliases)
        removed += [tail] if tail else []
    title, head = strip_site_prefix(title, aliases, home_page)
    removed += [head] if head else []
    return title or None, removed


def _strip_whole_name(title: str, name: str, keep_prefix: bool = False) -> tuple[str, list[str]]:
    removed: list[str] = []
    for sep in _SEPARATORS:
        if title.endswith(sep + name) and len(title) > len(sep + name) + 10:
            title, removed = title[: -len(sep + name)].strip(), [name]
            break
    for sep in () if keep_prefix else (*_SEPARATORS, ": "):
        if title.startswith(name + sep) and len(title) > len(name + sep) + 10:
            title, removed = title[len(name + sep) :].strip(), [*removed, name]
            break
    return title, removed


def is_home_page(url: str | None) -> bool:
    """A site's front page: an http(s) URL with nothing after the host but a slash or a query."""
    from urllib.parse import urlsplit

    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path.strip("/") == ""


def clean_section(raw: str | None) -> str | None:
    """ "general-news,trials,crime" -> "general-news"; "News - News" -> "News"."""
    section = tidy(raw)
    if not section:
        return None
    if "," in section:
        section = next((p.strip() for p in section.split(",") if p.strip()), section)
    for sep in (" - ", " | ", " > ", " / "):
        parts = [p.strip() for p in section.split(sep)]
        if len(parts) > 1 and len({p.lower() for p in parts}) == 1:
            section = parts[0]
    return section[:100] or None


def clean_site_name(raw: str | None, domain: str | None = None) -> str | None:
    """A usable site name: not a URL, not a copyright line; "Site | tagline" -> "Site"."""
    name = tidy(raw)
    if not name or _URLISH.match(name) or _JUNK_SITE.match(name) or len(name) > 80:
        return None
    for sep in (" | ", " - ", " — ", " – "):
        if sep in name:
            parts = [p.strip() for p in name.split(sep) if p.strip()]
            aliases = site_aliases(None, domain)
            named = [p for p in parts if matches_site(p, aliases)] if aliases else []
            return named[0] if named else parts[0]
    return name


def site_from_desk(authors: list[str]) -> str | None:
    """ "The Kyiv Independent news desk" -> "The Kyiv Independent" (a desk byline names its publication)."""
    for author in authors:
        match = re.match(r"^(.{3,60}?)\s+(?:news\s*desk|desk|editorial\s+(?:board|team|desk))$", author, re.I)
        if match and match.group(1)[:1].isupper():
            return match.group(1)
    return None
