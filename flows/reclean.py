"""Re-clean stored raw documents with the current cleaners: improvements reach old data without re-scraping.

Picks every article whose latest version was produced by an older cleaner (``cleaner_version`` below the
current ``CLEANER_VERSION``, or at most ``since``), cleans the raw bytes that produced it again (with their
url, fetched_at and headers) and lands the result under the same article_id: a changed body becomes
version + 1, an unchanged one is recorded as a duplicate. Old versions stay queryable in ``articles``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from packaging.version import InvalidVersion, Version
from prefect import flow

from cleaners.parallel import Cleaner, clean_many
from cleaners.pipeline import CLEANER_VERSION
from cleaners.read import input_kind
from flows.cleaning import page_cleaner
from flows.settings import Settings, open_warehouse
from schemas import Outcome, SourceDocument
from warehouse.analytics import refresh_analytics
from warehouse.landing import BatchRows, Counts
from warehouse.retries import with_retries
from warehouse.store import Warehouse

BATCH_SIZE = 200


def _older(version: str | None, limit: str, inclusive: bool) -> bool:
    if version is None:
        return True
    try:
        return Version(version) <= Version(limit) if inclusive else Version(version) < Version(limit)
    except InvalidVersion:
        return True  # unparsable versions predate the current scheme


def stale_articles(wh: Warehouse, since: str | None = None) -> list[tuple[str, str]]:
    """(article_id, doc_id) of latest versions made by a cleaner older than the current one (or <= ``since``)."""
    rows = wh.query("SELECT article_id, doc_id, cleaner_version FROM articles_latest ORDER BY article_id").fetchall()
    limit = since or CLEANER_VERSION
    return [(aid, doc_id) for aid, doc_id, version in rows if _older(version, limit, inclusive=since is not None)]


def raw_documents(wh: Warehouse, doc_ids: list[str]) -> Iterator[SourceDocument]:
    """The stored raw documents, as the decoders made them (same source, url, fetched_at, headers)."""
    rows = wh.query(
        "SELECT doc_id, any_value(source), any_value(url), any_value(fetched_at), any_value(headers), "
        "any_value(data) FROM raw_documents WHERE list_contains(?, doc_id) GROUP BY doc_id",
        [doc_ids],
    ).fetchall()
    by_id = {row[0]: row[1:] for row in rows}
    for doc_id in doc_ids:
        if doc_id in by_id:
            source, url, fetched_at, headers, data = by_id[doc_id]
            kind = input_kind(Path(source.split("#", 1)[0])) if "#" not in source else None
            yield SourceDocument(
                source,
                bytes(data),
                url=url,
                fetched_at=fetched_at,
                headers=json.loads(headers) if headers else {},
                content_type=kind,
            )


def land_recleaned(wh: Warehouse, outcomes: list[Outcome], article_ids: dict[str, str], run_id: str) -> Counts:
    """Like ``land``, but the raw bytes are already stored (no raw duplicate check, no second copy) and each
    outcome keeps the article_id of the article it re-cleans."""

    def attempt() -> Counts:
        with wh.write_lock():
            rows = BatchRows(run_id, datetime.now(UTC), store_raw=False)
            latest = wh.latest_versions(list(article_ids.values()))
            for outcome in outcomes:
                rows.counts.read += 1
                rows.place(outcome, article_ids[outcome.doc_id], latest)
            wh.append(rows.arrow())
            return rows.counts

    return with_retries(attempt)


def reclean(
    warehouse: str | None = None,
    since: str | None = None,
    *,
    cleaner: Cleaner | None = None,
    jobs: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> dict:
    """Re-clean stale articles; returns counts (read = documents re-cleaned, ingested = new versions).
    ``cleaner``: ``clean_document`` with the settings' page cap unless given."""
    run_id = uuid.uuid4().hex
    totals = Counts()
    settings = Settings.load(warehouse=warehouse, jobs=jobs)
    cleaner = cleaner or page_cleaner(settings.max_page_bytes)
    with open_warehouse(settings) as wh:
        wh.ensure_schema()
        stale = stale_articles(wh, since)
        for start in range(0, len(stale), batch_size):
            batch = dict((doc_id, aid) for aid, doc_id in stale[start : start + batch_size])
            docs = list(raw_documents(wh, list(batch)))
            outcomes = list(clean_many(docs, jobs=settings.jobs, timeout=settings.timeout, cleaner=cleaner))
            totals.add(land_recleaned(wh, outcomes, {o.doc_id: batch[o.doc_id] for o in outcomes}, run_id))
        if totals.ingested:
            refresh_analytics(wh)
    return {
        "run_id": run_id,
        "stale": len(stale),
        "read": totals.read,
        "new_versions": totals.ingested,
        "unchanged": totals.duplicate,
        "quarantined": totals.quarantined,
    }


@flow(name="newsdistill-reclean")
def reclean_flow(warehouse: str | None = None, since: str | None = None, jobs: int | None = None) -> dict:
    """``reclean`` as a Prefect flow (runs recorded like ingest runs)."""
    return reclean(warehouse, since, jobs=jobs)
