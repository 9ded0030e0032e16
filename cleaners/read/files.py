"""Files and folders: which paths hold pages, and one page per ``.html``/``.htm``/``.txt`` file (optionally
``.gz``), ``source`` being the path."""

from __future__ import annotations

import gzip
import itertools
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from cleaners.read.documents import HEAD_BYTES, MAX_PAGE_BYTES, error_doc, too_large_doc
from schemas import Reason, SourceDocument

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
SINGLE_PAGE_BYTES = 1_000_000  # a lone page up to this size is cleaned without a worker pool (cleaners.parallel)


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


def single_page(paths: Iterable[str | Path]) -> bool:
    """Whether ``paths`` name one file holding one page (HTML or text, not a JSONL or WARC container) of at most
    ``SINGLE_PAGE_BYTES`` on disk: the cleaning pool cleans such a page in process, without starting workers."""
    files = list(itertools.islice(iter_files(paths), 2))
    if len(files) != 1 or container_kind(files[0]) is not None:
        return False
    try:
        return files[0].stat().st_size <= SINGLE_PAGE_BYTES
    except OSError:  # missing or unreadable: reported by the reader, no pool needed for that
        return True


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


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed on the fly for .gz (streaming: nothing is read yet)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def gzip_error(source: str, exc: Exception, data: bytes = b"") -> SourceDocument:
    if isinstance(exc, EOFError):
        return error_doc(
            source,
            Reason.TRUNCATED_GZIP,
            f"the gzip stream ends early ({exc}); the file was cut off "
            "during download or copy -- re-fetch or re-compress it",
            data,
        )
    return error_doc(
        source,
        Reason.BAD_GZIP,
        f"could not decompress ({exc}); the file is not valid gzip -- "
        "re-fetch it, or drop the .gz suffix if it is not compressed",
        data,
    )


def read_file(path: Path, cap: int = MAX_PAGE_BYTES) -> SourceDocument:
    """Read one page file (decompressing .gz), at most ``cap`` bytes of it. Errors become read_error."""
    source, kind = str(path), input_kind(path)
    try:
        with open_binary(path) as stream:
            data = stream.read(cap + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return gzip_error(source, exc, raw_head(path))
    except OSError as exc:
        return error_doc(source, Reason.UNREADABLE, f"could not read the file ({exc}); check permissions and the disk")
    if len(data) > cap:
        return too_large_doc(source, data, cap, content_type=kind)
    return SourceDocument(source, data, content_type=kind)


def raw_head(path: Path) -> bytes:
    """The first bytes of the file as stored (kept with a gzip error so the raw input is not lost)."""
    try:
        with path.open("rb") as stream:
            return stream.read(HEAD_BYTES)
    except OSError:
        return b""
