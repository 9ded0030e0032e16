"""WARC and WARC.gz (response records, via fastwarc): ``source`` is ``path#<record offset>``; the URL from
``WARC-Target-URI``, the fetch time from ``WARC-Date``, HTTP headers kept."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fastwarc.stream_io import BrotliReader, ChunkedReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from cleaners.read.documents import MAX_PAGE_BYTES, error_doc, too_large_doc
from cleaners.read.files import raw_head
from cleaners.read.jsonl import parse_timestamp
from schemas import Reason, SourceDocument

# HTTP media types that are pages; any other declared type in a WARC is quarantined as not_text.
PAGE_MEDIA_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def read_warc(path: Path, cap: int = MAX_PAGE_BYTES) -> Iterator[SourceDocument]:
    """One SourceDocument per WARC response record, streaming. A truncated record ends the file cleanly."""
    records = pages = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                records += 1
                doc = warc_document(str(path), record, cap)
                if doc is not None:
                    pages += 1
                    yield doc
                    if doc.read_error == "truncated_warc":
                        return
    except OSError as exc:  # fastwarc reports unreadable / undecompressable streams as OSError
        yield error_doc(
            f"{path}#{records}",
            Reason.BAD_WARC,
            f"could not read the WARC after {records} records ({exc}); check the file is a complete WARC",
        )
        return
    if pages == 0:
        yield _no_warc_pages(path, records)


def _no_warc_pages(path: Path, records: int) -> SourceDocument:
    if path.stat().st_size == 0:
        return SourceDocument(str(path), b"")  # reported as "empty"
    if records == 0:
        return error_doc(
            str(path),
            Reason.BAD_WARC,
            "no WARC record could be parsed; the file is not a WARC "
            "(or is corrupt from the start) -- check how it was produced",
            raw_head(path),
        )
    return error_doc(
        str(path),
        Reason.NO_PAGES,
        f"the WARC has {records} records but no response records "
        "(only request/metadata/revisit records); nothing to clean -- check the crawl settings",
    )


def warc_document(path: str, record: WarcRecord, cap: int = MAX_PAGE_BYTES) -> SourceDocument | None:
    """A response record to a SourceDocument (None for other record types)."""
    source = f"{path}#{record.stream_pos}"
    if (cut := _warc_headers_cut(record)) is not None:
        return error_doc(
            source,
            Reason.TRUNCATED_WARC,
            f"{cut}; the WARC file was cut off here -- later records "
            "in this file were not read; re-fetch or repair the file",
        )
    if record.record_type != WarcRecordType.response:
        return None
    meta = _warc_meta(record)
    declared = record.content_length
    raw = record.reader.read(cap + 1)
    if len(raw) > cap:
        return too_large_doc(source, raw, cap, **meta)
    if len(raw) < declared:
        return error_doc(
            source,
            Reason.TRUNCATED_WARC,
            f"the record body has {len(raw)} of its {declared} bytes; "
            "the WARC file was cut off here -- later records were not read; re-fetch or repair it",
            raw,
            **meta,
        )
    media_type = _media_type(meta["headers"])
    if media_type and media_type not in PAGE_MEDIA_TYPES:
        return error_doc(
            source,
            Reason.NOT_TEXT,
            f"the response is {media_type}, not a web page; nothing to clean (kept for the record only)",
            raw,
            **meta,
        )
    return _decoded_warc_document(source, raw, meta, PAGE_MEDIA_TYPES.get(media_type), cap)


def _warc_headers_cut(record: WarcRecord) -> str | None:
    if record.headers.get("Content-Length") is None:
        return "the WARC record headers are incomplete (no Content-Length)"
    if record.record_type == WarcRecordType.response and record.is_http and record.http_headers.status_code is None:
        return "the HTTP headers of the record are incomplete"
    return None


def _warc_meta(record: WarcRecord) -> dict[str, Any]:
    headers = {k.lower(): v for k, v in record.http_headers.items()} if record.is_http else {}
    return {"url": record.headers.get("WARC-Target-URI"), "fetched_at": _warc_date(record), "headers": headers}


def _warc_date(record: WarcRecord) -> datetime | None:
    value = record.headers.get("WARC-Date")
    return parse_timestamp(value) if value else None


def _media_type(headers: Mapping[str, str]) -> str | None:
    value = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return value or None


def _decoded_warc_document(source: str, raw: bytes, meta: dict[str, Any], kind: str | None, cap: int) -> SourceDocument:
    """Undo the HTTP transfer and content encodings (fastwarc's decoders and zlib), capped."""
    try:
        body = decode_http_body(raw, meta["headers"], cap)
    except (OSError, ValueError, zlib.error) as exc:
        return error_doc(
            source,
            Reason.BAD_CONTENT_ENCODING,
            f"the HTTP body could not be decoded ({exc}); the "
            "server sent a corrupt or truncated body -- re-fetch the page",
            raw,
            content_type=kind,
            **meta,
        )
    if len(body) > cap:
        return too_large_doc(source, body, cap, content_type=kind, **meta)
    return SourceDocument(source, body, content_type=kind, **meta)


def decode_http_body(raw: bytes, headers: Mapping[str, str], cap: int = MAX_PAGE_BYTES) -> bytes:
    """De-chunk and decompress an HTTP body. Returns at most ``cap`` + 1 bytes (a bomb stops there).

    fastwarc's own auto_decode="all" is not used: in fastwarc 2.0.1 a chunked *and* gzipped record silently
    ends the iteration (every later record in the file is lost)."""
    body = raw
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = ChunkedReader(io.BytesIO(body)).read()
    for coding in reversed([c.strip().lower() for c in headers.get("content-encoding", "").split(",")]):
        body = _decompress(body, coding, cap)
    return body


def _decompress(body: bytes, coding: str, cap: int) -> bytes:
    if coding in ("", "identity", "none"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        return _inflate(body, cap)
    if coding == "br":
        return BrotliReader(io.BytesIO(body)).read(cap + 1)
    raise ValueError(f"unsupported Content-Encoding {coding!r}")


def _inflate(body: bytes, cap: int) -> bytes:
    """gzip, zlib or raw deflate; raises on a truncated or corrupt stream."""
    wbits = -zlib.MAX_WBITS if body[:1] not in (b"\x1f", b"\x78") else zlib.MAX_WBITS | 32
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(body, cap + 1)
    if len(out) <= cap and not inflater.eof:
        raise ValueError("compressed body ends early")
    return out
