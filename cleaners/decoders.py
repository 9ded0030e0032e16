"""Decoders: turn input paths into SourceDocuments, and raw bytes into text.

Supported inputs: files and folders (recursive) of .html/.htm/.txt, each optionally .gz.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaners.types import SourceDocument

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
MAX_PAGE_BYTES = 20 * 1024 * 1024  # larger pages are quarantined, never parsed


def input_kind(path: Path) -> str | None:
    """'html' or 'text' for a supported file name, else None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return TEXT_SUFFIXES.get(suffixes[-1]) if suffixes else None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every supported file under the given paths, recursively, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and input_kind(p))
        else:
            yield path


def read_file(path: Path) -> SourceDocument:
    """Read one file; decompress .gz. Errors become read_error, never exceptions."""
    kind = input_kind(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceDocument(str(path), b"", read_error="unreadable", read_error_detail=f"{exc}")
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            return SourceDocument(
                str(path), data, content_type=kind, read_error="bad_gzip",
                read_error_detail=f"could not decompress: {exc}; re-fetch or re-compress the file",
            )
    return SourceDocument(str(path), data, content_type=kind)


def read_inputs(paths: Iterable[str | Path]) -> Iterator[SourceDocument]:
    for path in iter_files(paths):
        if not path.exists():
            yield SourceDocument(str(path), b"", read_error="missing", read_error_detail="no such file or folder")
            continue
        yield read_file(path)


def decode_bytes(data: bytes) -> str:
    """Bytes to text: BOM, then UTF-8, then a detector."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")
