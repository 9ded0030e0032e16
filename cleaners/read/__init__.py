"""Reading inputs: turn paths into SourceDocuments (``files``, ``jsonl``, ``warc``), and raw bytes into text
(``encoding``).

``read_inputs(paths)`` is the one entry point. It is a streaming generator: one document at a time, every
page capped at ``max_page_bytes`` (default ``MAX_PAGE_BYTES``), so memory does not grow with the input (a 5 GB
WARC streams).

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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from cleaners.read.documents import HEAD_BYTES, MAX_PAGE_BYTES, error_doc, too_large_detail
from cleaners.read.encoding import bom_encoding, decode_bytes
from cleaners.read.files import SINGLE_PAGE_BYTES, container_kind, input_kind, iter_files, read_file, single_page
from cleaners.read.jsonl import JSONL_FIELDS, jsonl_field_map, read_jsonl
from cleaners.read.warc import read_warc
from schemas import Reason, SourceDocument

__all__ = [
    "HEAD_BYTES",
    "JSONL_FIELDS",
    "MAX_PAGE_BYTES",
    "SINGLE_PAGE_BYTES",
    "bom_encoding",
    "container_kind",
    "decode_bytes",
    "input_kind",
    "iter_files",
    "read_file",
    "read_inputs",
    "single_page",
    "too_large_detail",
]


def read_inputs(
    paths: Iterable[str | Path],
    fields: Mapping[str, Sequence[str] | str] | None = None,
    max_page_bytes: int = MAX_PAGE_BYTES,
) -> Iterator[SourceDocument]:
    """Stream a SourceDocument for every page in the given files and folders (see the module docstring); a page
    over ``max_page_bytes`` becomes a ``too_large`` document holding only its first bytes."""
    jsonl_fields = jsonl_field_map(fields)
    for path in iter_files(paths):
        if not path.exists():
            yield error_doc(str(path), Reason.MISSING, "no such file or folder; check the path")
            continue
        kind = container_kind(path)
        if kind == "jsonl":
            yield from read_jsonl(path, jsonl_fields, max_page_bytes)
        elif kind == "warc":
            yield from read_warc(path, max_page_bytes)
        else:
            yield read_file(path, max_page_bytes)
