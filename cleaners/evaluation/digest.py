"""One sha256 over everything the cleaners decide for a corpus: every page's record, removed blocks and quarantine
reason, as canonical JSON. A change meant to keep the output (a move, a speed-up) keeps the digest; a deliberate
cleaning change updates the pinned value in its own commit, saying why."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from cleaners.parallel import clean_many
from schemas import Article, Outcome, SourceDocument


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical(outcome: Outcome) -> str:
    """The outcome as canonical JSON (without the input document, which is the same on both sides)."""
    if isinstance(outcome, Article):
        content = {"record": _plain(outcome.record), "removed": _plain(outcome.removed)}
    else:
        content = {"quarantine": [outcome.reason.value, outcome.detail]}
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def page_digests(docs: Iterable[SourceDocument], jobs: int | None = None) -> Iterator[tuple[str, str]]:
    """(source, sha256 of the canonical outcome) per document, in input order."""
    for outcome in clean_many(docs, jobs=jobs):
        yield outcome.doc.source, hashlib.sha256(canonical(outcome).encode("utf-8")).hexdigest()


def corpus_digest(docs: Iterable[SourceDocument], jobs: int | None = None) -> str:
    whole = hashlib.sha256()
    for source, digest in page_digests(docs, jobs):
        whole.update(f"{source}\t{digest}\n".encode())
    return whole.hexdigest()
