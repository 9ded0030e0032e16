"""Decoders: turn input paths into SourceDocuments, and raw bytes into text.

``read_inputs(paths)`` is the one entry point. It is a streaming generator: one document at a time, every
page capped at ``MAX_PAGE_BYTES``, so memory does not grow with the input (a 5 GB WARC streams).

Supported inputs (files, or folders searched recursively; hidden files and folders are skipped):

* ``.html`` / ``.htm`` / ``.txt``, each optionally ``.gz`` -- one page per file, ``source`` is the path.
* ``.jsonl`` / ``.ndjson``, optionally ``.gz`` -- one JSON object per line, fields mapped by ``JSONL_FIELDS``
  (override per call with ``read_inputs(paths, fields={...})``); ``source`` is ``path#L<line>``.
* ``.warc`` / ``.warc.gz`` -- response records only (via fastwarc); ``source`` is ``path#<record offset>``.

Nothing raises and nothing vanishes: an input that cannot be read becomes a SourceDocument with
``read_error`` (a reason code) and ``read_error_detail`` (what was wrong, what to do), which the pipeline
quarantines. Reason codes set here: ``missing``, ``unreadable``, ``bad_gzip``, ``truncated_gzip``,
``too_large``, ``bad_json``, ``no_page_field``, ``not_text``, ``bad_content_encoding``, ``truncated_warc``,
``bad_warc``, ``no_pages``.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

import ftfy
from charset_normalizer import from_bytes
from fastwarc.stream_io import BrotliReader, ChunkedReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from ftfy.badness import is_bad

from cleaners.types import SourceDocument

MAX_PAGE_BYTES = 20 * 1024 * 1024  # larger pages are quarantined, never parsed
MAX_JSONL_LINE_BYTES = 2 * MAX_PAGE_BYTES  # JSON escaping can inflate a page; the page cap still applies after
HEAD_BYTES = 64 * 1024  # what an over-size document keeps of its data, for inspection

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}

# JSON lines: for each SourceDocument field, the object keys tried in order (first non-empty value wins).
# Defaults cover Scrapy items and trafilatura / common crawler dumps. "html" is preferred over "text".
# Override per call: read_inputs(paths, fields={"html": ("page",), "url": ("meta_url",)}) -- given
# entries replace the defaults for those fields only.
JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "source_url"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "text": ("text", "raw_text", "content"),
    "fetched_at": ("fetched_at", "crawled_at", "timestamp", "date_fetched"),
    "headers": ("headers",),
}

# HTTP media types that are pages; any other declared type in a WARC is quarantined as not_text.
PAGE_MEDIA_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


# ---------------------------------------------------------------------------------------------- paths


def _suffixes(path: Path) -> list[str]:
    suffixes = [s.lower() for s in path.suffixes]
    return suffixes[:-1] if suffixes and suffixes[-1] == ".gz" else suffixes


def input_kind(path: Path) -> str | None:
    """'html' or 'text' for a single-page file name, else None."""
    suffixes = _suffixes(path)
    return TEXT_SUFFIXES.get(suffixes[-1]) if suffixes else None


def container_kind(path: Path) -> str | None:
    """'jsonl' or 'warc' for a many-page file name, else None."""
    suffixes = _suffixes(path)
    if not suffixes:
        return None
    if suffixes[-1] in JSONL_SUFFIXES:
        return "jsonl"
    return "warc" if suffixes[-1] in WARC_SUFFIXES else None


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every supported file under the given paths, recursively, in a stable order; hidden ones skipped.

    A path given explicitly is always yielded (even unsupported or missing: the reader reports it)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for candidate in sorted(path.rglob("*")):
            supported = input_kind(candidate) or container_kind(candidate)
            if supported and candidate.is_file() and not _is_hidden(candidate, path):
                yield candidate


def read_inputs(
    paths: Iterable[str | Path], fields: Mapping[str, Sequence[str] | str] | None = None
) -> Iterator[SourceDocument]:
    """Stream a SourceDocument for every page in the given files and folders (see the module docstring)."""
    jsonl_fields = jsonl_field_map(fields)
    for path in iter_files(paths):
        if not path.exists():
            yield _error_doc(str(path), "missing", "no such file or folder; check the path")
            continue
        kind = container_kind(path)
        if kind == "jsonl":
            yield from read_jsonl(path, jsonl_fields)
        elif kind == "warc":
            yield from read_warc(path)
        else:
            yield read_file(path)


def _error_doc(source: str, reason: str, detail: str, data: bytes = b"", **extra: Any) -> SourceDocument:
    return SourceDocument(source, data, read_error=reason, read_error_detail=detail, **extra)


def _too_large_doc(source: str, data: bytes, **extra: Any) -> SourceDocument:
    detail = (f"the page is larger than the {MAX_PAGE_BYTES}-byte cap and was not parsed (first "
              f"{HEAD_BYTES} bytes kept); check it is really one page, or raise MAX_PAGE_BYTES")
    return _error_doc(source, "too_large", detail, data[:HEAD_BYTES], **extra)


# ---------------------------------------------------------------------------------------- single files


def _open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed on the fly for .gz (streaming: nothing is read yet)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def _gzip_error(source: str, exc: Exception, data: bytes = b"") -> SourceDocument:
    if isinstance(exc, EOFError):
        return _error_doc(source, "truncated_gzip", f"the gzip stream ends early ({exc}); the file was cut off "
                          "during download or copy -- re-fetch or re-compress it", data)
    return _error_doc(source, "bad_gzip", f"could not decompress ({exc}); the file is not valid gzip -- "
                      "re-fetch it, or drop the .gz suffix if it is not compressed", data)


def read_file(path: Path) -> SourceDocument:
    """Read one page file (decompressing .gz), at most MAX_PAGE_BYTES of it. Errors become read_error."""
    source, kind = str(path), input_kind(path)
    try:
        with _open_binary(path) as stream:
            data = stream.read(MAX_PAGE_BYTES + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return _gzip_error(source, exc, _raw_head(path))
    except OSError as exc:
        return _error_doc(source, "unreadable", f"could not read the file ({exc}); check permissions and the disk")
    if len(data) > MAX_PAGE_BYTES:
        return _too_large_doc(source, data, content_type=kind)
    return SourceDocument(source, data, content_type=kind)


def _raw_head(path: Path) -> bytes:
    """The first bytes of the file as stored (kept with a gzip error so the raw input is not lost)."""
    try:
        with path.open("rb") as stream:
            return stream.read(HEAD_BYTES)
    except OSError:
        return b""


# ------------------------------------------------------------------------------------------ JSON lines


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


def read_jsonl(path: Path, fields: Mapping[str, Sequence[str]] = JSONL_FIELDS) -> Iterator[SourceDocument]:
    """One SourceDocument per non-blank line; a bad line becomes a read_error document, never a stop."""
    line_no, pages = 0, 0
    try:
        with _open_binary(path) as stream:
            for line_no, (line, too_long) in enumerate(_iter_lines(stream, MAX_JSONL_LINE_BYTES), start=1):
                source = f"{path}#L{line_no}"
                if too_long:
                    pages += 1
                    yield _too_large_doc(source, line)
                elif line.strip():
                    pages += 1
                    yield jsonl_document(source, line, fields)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield _gzip_error(f"{path}#L{line_no + 1}", exc)
        return
    except OSError as exc:
        yield _error_doc(str(path), "unreadable", f"could not read the file ({exc}); check permissions and the disk")
        return
    if pages == 0:
        yield SourceDocument(str(path), b"")  # an empty file is reported (as "empty"), not silently skipped


def jsonl_document(source: str, line: bytes, fields: Mapping[str, Sequence[str]] = JSONL_FIELDS) -> SourceDocument:
    """One JSON line to a SourceDocument. The page text is stored as UTF-8 with a BOM (the JSON string is
    already Unicode, so the BOM makes decode_bytes ignore any charset in the recorded headers)."""
    try:
        obj = json.loads(line.rstrip(b"\r\n"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problem = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        return _error_doc(source, "bad_json", f"line {source.rsplit('#L', 1)[-1]} is not valid JSON ({problem}); "
                          "fix or drop the line (the other lines were read)", line)
    if not isinstance(obj, dict):
        return _error_doc(source, "bad_json", f"the line is JSON {type(obj).__name__}, not an object; each line "
                          "must be one page object", line)
    kind, page = _page_field(obj, fields)
    extra = {
        "url": _str_or_none(_first(obj, fields["url"])),
        "fetched_at": parse_timestamp(_first(obj, fields["fetched_at"])),
        "headers": _lower_keys(_first(obj, fields["headers"])),
    }
    if page is None:
        wanted = sorted({*fields["html"], *fields["text"]})
        return _error_doc(source, "no_page_field", f"no page field in the object (keys: {sorted(obj)[:20]}); "
                          f"expected one of {wanted} -- map yours with read_inputs(..., fields=...)", line, **extra)
    data = codecs.BOM_UTF8 + page.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_PAGE_BYTES:
        return _too_large_doc(source, data, content_type=kind, **extra)
    return SourceDocument(source, data, content_type=kind, **extra)


def _first(obj: Mapping[str, Any], keys: Sequence[str]) -> Any:
    return next((obj[k] for k in keys if obj.get(k) not in (None, "", {}, [])), None)


def _page_field(obj: Mapping[str, Any], fields: Mapping[str, Sequence[str]]) -> tuple[str, str | None]:
    for kind in ("html", "text"):
        value = _first(obj, fields[kind])
        if isinstance(value, str) and value.strip():
            return kind, value
    return "html", None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


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


# ------------------------------------------------------------------------------------------------ WARC


def read_warc(path: Path) -> Iterator[SourceDocument]:
    """One SourceDocument per WARC response record, streaming. A truncated record ends the file cleanly."""
    records = pages = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                records += 1
                doc = warc_document(str(path), record)
                if doc is not None:
                    pages += 1
                    yield doc
                    if doc.read_error == "truncated_warc":
                        return
    except OSError as exc:  # fastwarc reports unreadable / undecompressable streams as OSError
        yield _error_doc(f"{path}#{records}", "bad_warc", f"could not read the WARC after {records} records "
                         f"({exc}); check the file is a complete WARC")
        return
    if pages == 0:
        yield _no_warc_pages(path, records)


def _no_warc_pages(path: Path, records: int) -> SourceDocument:
    if path.stat().st_size == 0:
        return SourceDocument(str(path), b"")  # reported as "empty"
    if records == 0:
        return _error_doc(str(path), "bad_warc", "no WARC record could be parsed; the file is not a WARC "
                          "(or is corrupt from the start) -- check how it was produced", _raw_head(path))
    return _error_doc(str(path), "no_pages", f"the WARC has {records} records but no response records "
                      "(only request/metadata/revisit records); nothing to clean -- check the crawl settings")


def warc_document(path: str, record: WarcRecord) -> SourceDocument | None:
    """A response record to a SourceDocument (None for other record types)."""
    source = f"{path}#{record.stream_pos}"
    if (cut := _warc_headers_cut(record)) is not None:
        return _error_doc(source, "truncated_warc", f"{cut}; the WARC file was cut off here -- later records "
                          "in this file were not read; re-fetch or repair the file")
    if record.record_type != WarcRecordType.response:
        return None
    meta = _warc_meta(record)
    declared = record.content_length
    raw = record.reader.read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        return _too_large_doc(source, raw, **meta)
    if len(raw) < declared:
        return _error_doc(source, "truncated_warc", f"the record body has {len(raw)} of its {declared} bytes; "
                          "the WARC file was cut off here -- later records were not read; re-fetch or repair it",
                          raw, **meta)
    media_type = _media_type(meta["headers"])
    if media_type and media_type not in PAGE_MEDIA_TYPES:
        return _error_doc(source, "not_text", f"the response is {media_type}, not a web page; nothing to clean "
                          "(kept for the record only)", raw, **meta)
    return _decoded_warc_document(source, raw, meta, PAGE_MEDIA_TYPES.get(media_type))


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


def _decoded_warc_document(source: str, raw: bytes, meta: dict[str, Any], kind: str | None) -> SourceDocument:
    """Undo the HTTP transfer and content encodings (fastwarc's decoders and zlib), capped."""
    try:
        body = decode_http_body(raw, meta["headers"])
    except (OSError, ValueError, zlib.error) as exc:
        return _error_doc(source, "bad_content_encoding", f"the HTTP body could not be decoded ({exc}); the "
                          "server sent a corrupt or truncated body -- re-fetch the page", raw, content_type=kind,
                          **meta)
    if len(body) > MAX_PAGE_BYTES:
        return _too_large_doc(source, body, content_type=kind, **meta)
    return SourceDocument(source, body, content_type=kind, **meta)


def decode_http_body(raw: bytes, headers: Mapping[str, str]) -> bytes:
    """De-chunk and decompress an HTTP body. Returns at most MAX_PAGE_BYTES + 1 bytes (a bomb stops there).

    fastwarc's own auto_decode="all" is not used: in fastwarc 2.0.1 a chunked *and* gzipped record silently
    ends the iteration (every later record in the file is lost)."""
    body = raw
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = ChunkedReader(io.BytesIO(body)).read()
    for coding in reversed([c.strip().lower() for c in headers.get("content-encoding", "").split(",")]):
        body = _decompress(body, coding)
    return body


def _decompress(body: bytes, coding: str) -> bytes:
    if coding in ("", "identity", "none"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        return _inflate(body)
    if coding == "br":
        return BrotliReader(io.BytesIO(body)).read(MAX_PAGE_BYTES + 1)
    raise ValueError(f"unsupported Content-Encoding {coding!r}")


def _inflate(body: bytes) -> bytes:
    """gzip, zlib or raw deflate; raises on a truncated or corrupt stream."""
    wbits = -zlib.MAX_WBITS if body[:1] not in (b"\x1f", b"\x78") else zlib.MAX_WBITS | 32
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(body, MAX_PAGE_BYTES + 1)
    if len(out) <= MAX_PAGE_BYTES and not inflater.eof:
        raise ValueError("compressed body ends early")
    return out


# ------------------------------------------------------------------------------------------- encodings

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_SCAN_BYTES = 4096
_CLOSE_CHAOS = 0.15  # charset-normalizer mess ratios this close count as a tie
_RARE_ON_THE_WEB = {"cp1257", "cp775", "cp437", "cp850", "cp1006", "cp1125", "mac_latin2", "mac_roman", "mac_iceland",
                    "mac_turkish", "mac_greek", "mac_cyrillic"}
# WHATWG: these labels mean windows-1252 in browsers (pages labelled latin-1 routinely use cp1252 quotes).
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819"}
_FTFY_CONFIG = ftfy.TextFixerConfig(  # mojibake repair only: no quote uncurling, entity or width changes
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None,
)


def bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    match = _HEADER_CHARSET.search((headers or {}).get("content-type", ""))
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta charset> or http-equiv Content-Type tag declares in the first 4 KB."""
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore")
    return None if label.lower().startswith("utf-16") else label  # an ASCII-readable page is not UTF-16


def _try_decode(data: bytes, label: str | None) -> tuple[str, str] | None:
    """(text, codec): strictly decoded with a declared label (windows-1252 for latin-1 labels); None if it does
    not fit, or the text is empty (the next way of decoding is tried)."""
    if not label:
        return None
    candidates = ["cp1252", label] if label.lower() in _WINDOWS_1252_LABELS else [label]
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        return (text, codec) if text else None
    return None


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess; but when that is a code page rarely seen on the web (cp1257, Mac and DOS
    pages) and windows-1252 (the web's default legacy encoding) fits about as well, windows-1252: on short
    Western text the detector cannot tell them apart. UTF-8 with replacement characters if nothing fits."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("utf-8", errors="replace")
    if best.encoding not in _RARE_ON_THE_WEB:
        return str(best)
    close = (m for m in matches if m.chaos <= best.chaos + _CLOSE_CHAOS and m.coherence >= best.coherence - 0.02)
    return str(next((m for m in close if m.encoding == "cp1252"), best))


def decode_bytes(data: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Bytes to text: BOM, HTTP charset header, <meta> charset, UTF-8, then charset-normalizer; then mojibake
    repair (ftfy, only when the text looks mis-decoded)."""
    if bom := bom_encoding(data):
        return repair_mojibake(data.decode(bom, errors="replace").removeprefix("\ufeff"))
    decoded = (
        _try_decode(data, header_charset(headers))
        or _try_decode(data, meta_charset(data))
        or _try_decode(data, "utf-8")
    )
    if decoded is None:
        return repair_mojibake(_detect(data))
    text, codec = decoded
    # strict UTF-8 decoding round-trips: the input bytes are the text's UTF-8, no need to encode it again
    return repair_mojibake(text, data if codec == "utf-8" else None)


# UTF-8 bytes read as cp1252/latin-1 leave a lead byte (Â..ô) followed by a continuation-range character
# (U+0080..U+00BF, or what cp1252 maps those bytes to). Without such a pair there is nothing for ftfy to
# repair, and its badness check costs a third of a page's cleaning time on long pages.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                            "\u0192\u02c6\u02dc\u2013-\u2122]")
# The same pairs in the text's UTF-8 bytes: the literal first byte lets ``re`` skip ahead, twice as fast
# as testing every character against a class, encoding included.
_MOJIBAKE_PAIR_UTF8 = re.compile(rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
                                 rb"|\xcb[\x86\x9c]|\xe2\x80[\x93-\xbf]|\xe2[\x81-\x83][\x80-\xbf]|\xe2\x84[\x80-\xa2])")


def repair_mojibake(text: str, utf8: bytes | None = None) -> str:
    """ftfy's encoding repair, run only when the text has a mojibake-shaped pair and ftfy's check agrees.
    ``utf8``: the text's UTF-8 encoding, when the caller has it."""
    if text.isascii():
        return text
    if not _MOJIBAKE_PAIR_UTF8.search(utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")):
        return text
    return ftfy.fix_text(text, _FTFY_CONFIG) if is_bad(text) else text
