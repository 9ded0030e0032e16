"""JSON lines (``.jsonl``/``.ndjson``, optionally ``.gz``): one page per line, ``source`` is ``path#L<line>``."""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from cleaners.read.documents import HEAD_BYTES, MAX_PAGE_BYTES, error_doc, too_large_doc
from cleaners.read.files import gzip_error, open_binary
from schemas import Reason, SourceDocument

# JSON lines: for each SourceDocument field, the object keys tried in order (first non-empty value wins).
# Defaults cover Scrapy items and trafilatura / common crawler dumps. "html" is preferred over "text".
# Override per call: read_inputs(paths, fields={"html": ("page",), "url": ("meta_url",)}) -- given
# entries replace the defaults for those fields only.
JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "source_url", "source"),  # trafilatura: "source"; only a value that is a URL counts
    "html": ("html", "raw_html", "content_html", "body_html"),
    "text": ("text", "raw_text", "content"),
    "fetched_at": ("fetched_at", "crawled_at", "timestamp", "date_fetched"),
    "headers": ("headers",),
    # Input-side metadata (SourceDocument.meta), in the field names of trafilatura (--json --with-metadata),
    # newspaper3k/4k (Article.to_json), Scrapy items and datatrove
    "title": ("title", "headline"),
    "authors": ("authors", "author", "byline"),
    "published": ("publish_date", "published_at", "date_published", "published", "pubdate", "date"),
    "site_name": ("site_name", "meta_site_name", "source-hostname", "sitename"),
    "language": ("language", "lang", "meta_lang"),
    "description": ("description", "meta_description", "excerpt"),
    "section": ("section", "category", "categories"),
    "tags": ("tags", "keywords", "meta_keywords"),
    "canonical_url": ("canonical_url", "canonical_link", "canonical"),
}
META_FIELDS = (
    "title",
    "authors",
    "published",
    "site_name",
    "language",
    "description",
    "section",
    "tags",
    "canonical_url",
)
# datatrove keeps everything but "text" and "id" in a "metadata" object, where "date" is when the page was crawled
NESTED = "metadata"
NESTED_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url",),
    "fetched_at": ("date", "fetched_at"),
    "language": ("language",),
}


def jsonl_field_map(overrides: Mapping[str, Sequence[str] | str] | None = None) -> dict[str, tuple[str, ...]]:
    """JSONL_FIELDS with the given entries replaced (a single key may be given as a string)."""
    merged = dict(JSONL_FIELDS)
    for name, keys in (overrides or {}).items():
        if name not in JSONL_FIELDS:
            raise ValueError(f"unknown JSONL field {name!r}; expected one of {sorted(JSONL_FIELDS)}")
        merged[name] = (keys,) if isinstance(keys, str) else tuple(keys)
    return merged


def _iter_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes, bool]]:
    """(line, too_long) pairs; a line longer than ``limit`` is skipped over and returned as its head only."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, False
            continue
        while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield line[:HEAD_BYTES], True


def read_jsonl(
    path: Path, fields: Mapping[str, Sequence[str]] = JSONL_FIELDS, cap: int = MAX_PAGE_BYTES
) -> Iterator[SourceDocument]:
    """One SourceDocument per non-blank line; a bad line becomes a read_error document, never a stop."""
    line_no, pages = 0, 0
    try:
        with open_binary(path) as stream:
            for line_no, (line, too_long) in enumerate(_iter_lines(stream, 2 * cap), start=1):
                source = f"{path}#L{line_no}"
                if too_long:
                    pages += 1
                    yield too_large_doc(source, line, cap)
                elif line.strip():
                    pages += 1
                    yield jsonl_document(source, line, fields, cap)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield gzip_error(f"{path}#L{line_no + 1}", exc)
        return
    except OSError as exc:
        yield error_doc(
            str(path), Reason.UNREADABLE, f"could not read the file ({exc}); check permissions and the disk"
        )
        return
    if pages == 0:
        yield SourceDocument(str(path), b"")  # an empty file is reported (as "empty"), not silently skipped


def jsonl_document(
    source: str, line: bytes, fields: Mapping[str, Sequence[str]] = JSONL_FIELDS, cap: int = MAX_PAGE_BYTES
) -> SourceDocument:
    """One JSON line to a SourceDocument. The page text is stored as UTF-8 with a BOM (the JSON string is
    already Unicode, so the BOM makes decode_bytes ignore any charset in the recorded headers)."""
    try:
        obj = json.loads(line.rstrip(b"\r\n"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problem = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        return error_doc(
            source,
            Reason.BAD_JSON,
            f"line {source.rsplit('#L', 1)[-1]} is not valid JSON ({problem}); "
            "fix or drop the line (the other lines were read)",
            line,
        )
    if not isinstance(obj, dict):
        return error_doc(
            source,
            Reason.BAD_JSON,
            f"the line is JSON {type(obj).__name__}, not an object; each line must be one page object",
            line,
        )
    kind, page = _page_field(obj, fields)
    nested = obj.get(NESTED) if isinstance(obj.get(NESTED), dict) else {}
    extra = {
        "url": _url(obj, fields["url"]) or _url(nested, NESTED_FIELDS["url"]),
        "fetched_at": parse_timestamp(_first(obj, fields["fetched_at"]) or _first(nested, NESTED_FIELDS["fetched_at"])),
        "headers": _lower_keys(_first(obj, fields["headers"])),
        "meta": input_metadata(obj, fields, nested),
    }
    if page is None:
        wanted = sorted({*fields["html"], *fields["text"]})
        return error_doc(
            source,
            Reason.NO_PAGE_FIELD,
            f"no page field in the object (keys: {sorted(obj)[:20]}); "
            f"expected one of {wanted} -- map yours with read_inputs(..., fields=...)",
            line,
            **extra,
        )
    data = codecs.BOM_UTF8 + page.encode("utf-8", errors="surrogatepass")
    if len(data) > cap:
        return too_large_doc(source, data, cap, content_type=kind, **extra)
    return SourceDocument(source, data, content_type=kind, **extra)


def input_metadata(
    obj: Mapping[str, Any], fields: Mapping[str, Sequence[str]], nested: Mapping[str, Any]
) -> dict[str, Any]:
    """The metadata an export carries, under the names of ``META_FIELDS``: strings (and lists of strings for
    authors and tags) as found."""
    meta: dict[str, Any] = {}
    for name in META_FIELDS:
        value = _first(obj, fields[name]) or _first(nested, NESTED_FIELDS.get(name, ()))
        if isinstance(value, list):
            value = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        elif isinstance(value, int | float) and not isinstance(value, bool) and name == "published":
            value = parse_timestamp(value).isoformat() if parse_timestamp(value) else None
        elif not isinstance(value, str) or not value.strip():
            value = None
        if value:
            meta[name] = value.strip() if isinstance(value, str) else value
    return meta


def _url(obj: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    """The first non-empty string under ``keys``; under "source" (trafilatura's URL, elsewhere often a name) only
    one that is a URL."""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value and (key != "source" or "://" in value or value.startswith("www.")):
            return value
    return None


def _first(obj: Mapping[str, Any], keys: Sequence[str]) -> Any:
    return next((obj[k] for k in keys if obj.get(k) not in (None, "", {}, [])), None)


def _page_field(obj: Mapping[str, Any], fields: Mapping[str, Sequence[str]]) -> tuple[str, str | None]:
    for kind in ("html", "text"):
        value = _first(obj, fields[kind])
        if isinstance(value, str) and value.strip():
            return kind, value
    return "html", None


def _lower_keys(headers: Any) -> dict[str, str]:
    if not isinstance(headers, Mapping):
        return {}
    return {str(k).lower(): ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in headers.items()}


def parse_timestamp(value: Any) -> datetime | None:
    """ISO 8601, RFC 2822 (HTTP dates) or epoch seconds/milliseconds to an aware UTC datetime; naive = UTC."""
    parsed: datetime | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            try:
                parsed = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
    if parsed is None:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
