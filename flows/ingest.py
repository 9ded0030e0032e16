"""The ingest flow: read -> clean -> normalize -> validate -> land, in batches of documents."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import flows.prefect_env  # noqa: F401  (before prefect)
from cleaners.decoders import read_inputs
from cleaners.pipeline import CLEANER_VERSION, Outcome, clean_document, sha256
from cleaners.types import SourceDocument
from flows.analytics import refresh_analytics
from flows.landing import Counts, land
from flows.warehouse import Warehouse, default_location, with_retries
from schemas import validate

BATCH_SIZE = 200


def batched(items: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@task(cache_policy=NO_CACHE)
def clean_batch(docs: list[SourceDocument], known: set[str]) -> list[Outcome]:
    """Clean the documents the ledger has not seen; known ones pass through uncleaned."""
    outcomes = []
    for doc in docs:
        doc_id = sha256(doc.data)
        outcomes.append(Outcome(doc, doc_id) if doc_id in known else clean_document(doc))
    return outcomes


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 4, 10])
def land_batch(wh: Warehouse, outcomes: list[Outcome], run_id: str) -> Counts:
    return land(wh, outcomes, run_id)


def _record_run(wh: Warehouse, run_id: str, paths: list[str], started: datetime, counts: Counts, status: str) -> None:
    finished = datetime.now(UTC)
    row = {
        "run_id": run_id, "flow_run_id": str(flow_run.get_id() or ""), "started_at": started,
        "finished_at": finished, "inputs": json.dumps(paths), "read": counts.read, "ingested": counts.ingested,
        "duplicate": counts.duplicate, "quarantined": counts.quarantined,
        "seconds": (finished - started).total_seconds(), "status": status, "cleaner_version": CLEANER_VERSION,
    }
    with_retries(lambda: wh.append({"ingest_runs": validate("ingest_runs", [row])}))


@flow(name="newsdistill-ingest")
def ingest_flow(paths: list[str], warehouse: str | None = None, batch_size: int = BATCH_SIZE) -> dict:
    logger = get_run_logger()
    run_id = uuid.uuid4().hex
    started = datetime.now(UTC)
    totals = Counts()
    with Warehouse(warehouse or default_location()) as wh:
        wh.ensure_schema()
        for number, docs in enumerate(batched(read_inputs(paths), batch_size), start=1):
            tick = time.perf_counter()
            known = set(wh.known_doc_ids([sha256(d.data) for d in docs]))
            counts = land_batch(wh, clean_batch(docs, known), run_id)
            totals.add(counts)
            rate = len(docs) / max(time.perf_counter() - tick, 1e-9)
            logger.info(
                "batch %d: read %d, ingested %d, duplicate %d, quarantined %d (%.1f pages/s)",
                number, counts.read, counts.ingested, counts.duplicate, counts.quarantined, rate,
            )
        refresh_analytics(wh)
        _record_run(wh, run_id, [str(p) for p in paths], started, totals, "completed")
    return summary(run_id, totals)


def summary(run_id: str, counts: Counts) -> dict:
    return {
        "run_id": run_id, "read": counts.read, "ingested": counts.ingested, "duplicate": counts.duplicate,
        "unchanged": counts.unchanged, "quarantined": counts.quarantined, "new_versions": counts.new_versions,
        "removed_by_kind": dict(counts.removed_by_kind), "quarantine_reasons": dict(counts.quarantine_reasons),
    }
