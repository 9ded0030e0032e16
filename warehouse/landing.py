"""Turn a batch of cleaning outcomes into warehouse rows and land them in one transaction.

Every document ends in exactly one of: ingested (a new article or a new version of one), duplicate (the same raw
bytes from another place, or the same URL with the same body; recorded in ``duplicates``), unchanged (the same raw
bytes read again from the same place, a re-run: counted, not recorded) or quarantined.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from schemas import SCHEMA_VERSION, Article, ArticleRecord, Outcome, Quarantined, Seen, validate
from warehouse.retries import with_retries
from warehouse.store import Warehouse


@dataclass
class Counts:
    read: int = 0
    ingested: int = 0
    duplicate: int = 0
    quarantined: int = 0
    unchanged: int = 0  # read again from the same place (a re-run): counted here, not recorded in `duplicates`
    new_versions: int = 0
    removed_by_kind: Counter = field(default_factory=Counter)
    quarantine_reasons: Counter = field(default_factory=Counter)
    # per-document decisions of one batch, (source, outcome, why); not summed into run totals
    decisions: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("read", "ingested", "duplicate", "quarantined", "unchanged", "new_versions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.removed_by_kind.update(other.removed_by_kind)
        self.quarantine_reasons.update(other.quarantine_reasons)

    def balanced(self) -> bool:
        return self.read == self.ingested + self.duplicate + self.unchanged + self.quarantined


def article_id_for(record: ArticleRecord, doc_id: str) -> str:
    """Stable identity of a page: its canonical URL, else its URL, else the file it came from.

    Records inside containers (JSONL lines, WARC records) without a URL fall back to their raw bytes.
    """
    source = record.source or ""
    file_key = f"file:{os.path.abspath(source)}" if source and "#" not in source else None
    key = record.canonical_url or record.url or file_key or f"raw:{doc_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _as_utc(value: datetime | None) -> datetime | None:
    """Aware datetimes go to UTC; naive wall times are stored as-is (flagged tz_known = false)."""
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _local(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=None) if value is not None else None


def article_row(outcome: Article, article_id: str, version: int, run_id: str, now: datetime) -> dict:
    rec = outcome.record.as_dict()
    published = rec["published_at"]
    rec.update(
        article_id=article_id,
        version=version,
        run_id=run_id,
        published_at=_as_utc(published),
        published_at_local=rec["published_at_local"] or _local(published),
        updated_at=_as_utc(rec["updated_at"]),
        fetched_at=_as_utc(rec["fetched_at"]),
        metadata_sources=json.dumps(rec["metadata_sources"] or {}, sort_keys=True),
        removed_blocks=len(outcome.removed),
        removed_chars=sum(len(b.text) for b in outcome.removed),
        ingested_at=now,
        schema_version=SCHEMA_VERSION,
    )
    return rec


class BatchRows:
    """Rows for every table, accumulated while deciding each document's fate."""

    def __init__(self, run_id: str, now: datetime, store_raw: bool = True, stored: frozenset[str] = frozenset()):
        self.run_id, self.now = run_id, now
        self.store_raw = store_raw  # False when the raw bytes are stored already (re-cleaning)
        self.stored = stored  # doc_ids whose raw bytes the warehouse holds already (a forced re-landing)
        self.tables: dict[str, list[dict]] = {
            name: [] for name in ("articles", "raw_documents", "removed_blocks", "quarantine", "duplicates")
        }
        self.counts = Counts()

    def raw(self, outcome: Outcome | Seen, result: str) -> None:
        if not self.store_raw or outcome.doc_id in self.stored:
            return
        doc = outcome.doc
        self.tables["raw_documents"].append(
            {
                "doc_id": outcome.doc_id,
                "source": doc.source,
                "url": doc.url,
                "fetched_at": _as_utc(doc.fetched_at),
                "headers": json.dumps(doc.headers, sort_keys=True) if doc.headers else None,
                "size_bytes": len(doc.data),
                "data": doc.data,
                "outcome": result,
                "run_id": self.run_id,
                "ingested_at": self.now,
            }
        )

    def quarantine(self, outcome: Quarantined) -> None:
        self.counts.decisions.append((outcome.doc.source, "quarantined", outcome.reason.value))
        self.counts.quarantined += 1
        self.counts.quarantine_reasons[outcome.reason.value] += 1
        self.tables["quarantine"].append(
            {
                "doc_id": outcome.doc_id,
                "source": outcome.doc.source,
                "reason": outcome.reason.value,
                "detail": outcome.detail,
                "run_id": self.run_id,
                "quarantined_at": self.now,
            }
        )
        self.raw(outcome, "quarantined")

    def duplicate(self, outcome: Outcome | Seen, of: str, reason: str, *, record_raw: bool) -> None:
        self.counts.decisions.append((outcome.doc.source, "duplicate", f"{reason} of {of[:16]}"))
        self.counts.duplicate += 1
        self.tables["duplicates"].append(
            {
                "doc_id": outcome.doc_id,
                "source": outcome.doc.source,
                "duplicate_of": of,
                "reason": reason,
                "run_id": self.run_id,
                "seen_at": self.now,
            }
        )
        if record_raw:
            self.raw(outcome, "duplicate")

    def article(self, outcome: Article, article_id: str, version: int) -> None:
        why = f"article {article_id[:16]} version {version}, {len(outcome.removed)} blocks removed"
        self.counts.decisions.append((outcome.doc.source, "ingested", why))
        self.counts.ingested += 1
        self.counts.new_versions += version > 1
        self.tables["articles"].append(article_row(outcome, article_id, version, self.run_id, self.now))
        for block in outcome.removed:
            self.counts.removed_by_kind[block.kind] += 1
            self.tables["removed_blocks"].append(
                {
                    "article_id": article_id,
                    "version": version,
                    "position": block.position,
                    "kind": block.kind,
                    "reason": block.reason,
                    "text": block.text,
                }
            )
        self.raw(outcome, "ingested")

    def place(self, outcome: Outcome, article_id: str | None, latest: dict[str, tuple[int, str]]) -> None:
        """Quarantine, a duplicate of the article's latest version (same body), or its next version.

        ``latest`` (article_id -> (version, content_hash)) is updated so later outcomes in the batch see it."""
        if isinstance(outcome, Quarantined):
            self.quarantine(outcome)
            return
        assert article_id is not None
        version, content_hash = latest.get(article_id, (0, None))
        if content_hash == outcome.record.content_hash:
            self.duplicate(outcome, article_id, "same_url_and_body", record_raw=True)
            return
        latest[article_id] = (version + 1, outcome.record.content_hash)
        self.article(outcome, article_id, version + 1)

    def arrow(self) -> dict[str, pa.Table]:
        return {name: validate(name, rows) for name, rows in self.tables.items()}


def decide(wh: Warehouse, outcomes: list[Outcome | Seen], run_id: str, now: datetime, force: bool = False) -> BatchRows:
    """Decide each outcome's fate against what the warehouse already holds (call under the write lock).

    ``force``: documents whose raw bytes are known are placed again as if new (their articles come back if they
    were deleted; an unchanged body is a same_url_and_body duplicate), without storing their raw bytes twice."""
    known = wh.known_doc_ids([o.doc_id for o in outcomes])
    rows = BatchRows(run_id, now, stored=frozenset(known) if force else frozenset())
    if force:
        known = {}
    ids = {o.doc_id: article_id_for(o.record, o.doc_id) for o in outcomes if isinstance(o, Article)}
    latest = wh.latest_versions(list(set(ids.values())))
    seen_raw: dict[str, str] = {}
    for outcome in outcomes:
        rows.counts.read += 1
        if outcome.doc_id in known or outcome.doc_id in seen_raw:
            earlier_source = known.get(outcome.doc_id) or seen_raw[outcome.doc_id]
            same_place = earlier_source == outcome.doc.source
            # a re-run of the same file is only counted; a copy from elsewhere is linked in `duplicates`
            if not same_place:
                rows.duplicate(outcome, outcome.doc_id, "same_raw", record_raw=False)
            else:
                rows.counts.unchanged += 1
                rows.counts.decisions.append((outcome.doc.source, "unchanged", "read in an earlier run"))
            continue
        seen_raw[outcome.doc_id] = outcome.doc.source
        if isinstance(outcome, Seen):  # known when the batch was read, gone now: cannot happen under the lock
            raise RuntimeError(f"{outcome.doc.source}: the warehouse no longer holds the raw document it held")
        rows.place(outcome, ids.get(outcome.doc_id), latest)
    return rows


def land(wh: Warehouse, outcomes: list[Outcome | Seen], run_id: str, force: bool = False) -> Counts:
    """Decide and insert one batch atomically; retried on transient catalog errors."""

    def attempt() -> Counts:
        with wh.write_lock():
            rows = decide(wh, outcomes, run_id, datetime.now(UTC), force)
            wh.append(rows.arrow())
            return rows.counts

    return with_retries(attempt)
