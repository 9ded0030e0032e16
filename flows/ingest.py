"""The ingest flow: read -> clean -> normalize -> validate -> land, in batches of documents.

Cleaning (the CPU-heavy part) runs as Prefect tasks on the chosen task runner — worker processes on
this machine, or a Dask cluster — while the flow process lands finished batches in order, one
DuckLake transaction each.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import uuid
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.states import Cancelled, State
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cleaners.parallel import clean_ahead, clean_many, start_early
from cleaners.pipeline import CLEANER_VERSION, doc_id_of
from cleaners.read import iter_files, read_inputs, single_page
from flows.artifacts import parquet_files, publish_run_artifacts
from flows.cleaning import page_cleaner
from flows.settings import BATCH_BYTES, Settings, open_warehouse
from flows.stopping import Interrupted, StopRequest
from schemas import Outcome, Seen, SourceDocument, validate
from warehouse.analytics import refresh_analytics
from warehouse.landing import Counts, land
from warehouse.report import REPORT_FILE, write_report
from warehouse.retries import with_retries
from warehouse.store import Warehouse

# A batch is one cleaning hand-off, one landing task and one DuckLake transaction, each with a fixed cost (tens
# of ms: catalog commit, Parquet files, ledger lookups), so batches are large (flows.settings.BATCH_SIZE); the byte
# cap keeps a batch of big HTML pages (about 180 at 32 MB) as small in memory as one of short plain-text pages.
T = TypeVar("T")


class Batch(Generic[T]):
    """Documents or outcomes handed to a Prefect task as one opaque value. Prefect walks lists, dicts and
    dataclasses in task parameters looking for futures, which for a batch of outcomes costs more than
    landing it (seconds per batch); it never looks inside a plain object like this one."""

    __slots__ = ("items",)

    def __init__(self, items: list[T]) -> None:
        self.items = items


def batched(items: Iterable[T], size: int, max_bytes: int = BATCH_BYTES) -> Iterator[list[T]]:
    """Lists of up to ``size`` documents or outcomes, cut early once their raw pages reach ``max_bytes``."""
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(_raw(item))
        if len(batch) >= size or held >= max_bytes:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _raw(item: SourceDocument | Outcome | Seen) -> bytes:
    return item.data if isinstance(item, SourceDocument) else item.doc.data


@task(cache_policy=NO_CACHE)
def clean_batch(docs: Batch[SourceDocument], max_page_bytes: int) -> list[Outcome]:
    """Clean one batch in this worker process (on Dask, the workers are the parallelism). No task timeout: on a Dask
    worker the task runs in a thread, which a timeout cannot stop (Prefect warns of it on every batch)."""
    return list(clean_many(docs.items, jobs=1, cleaner=page_cleaner(max_page_bytes)))


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 4, 10])
def land_batch(wh: Warehouse, outcomes: Batch[Outcome | Seen], run_id: str, force: bool = False) -> Counts:
    return land(wh, outcomes.items, run_id, force)


def _land(wh: Warehouse, outcomes: list[Outcome | Seen], run_id: str, force: bool = False) -> Counts:
    return land_batch(wh, Batch(outcomes), run_id, force)


def _record_run(wh: Warehouse, run_id: str, paths: list[str], started: datetime, counts: Counts, status: str) -> None:
    finished = datetime.now(UTC)
    row = {
        "run_id": run_id,
        "flow_run_id": str(flow_run.get_id() or ""),
        "started_at": started,
        "finished_at": finished,
        "inputs": json.dumps(paths),
        "read": counts.read,
        "ingested": counts.ingested,
        "duplicate": counts.duplicate,
        "quarantined": counts.quarantined,
        "seconds": (finished - started).total_seconds(),
        "status": status,
        "cleaner_version": CLEANER_VERSION,
    }
    with_retries(lambda: wh.append({"ingest_runs": validate("ingest_runs", [row])}))


class Ledger:
    """Splits incoming documents into fresh ones (to clean) and ones whose raw bytes the warehouse already
    holds (passed straight to landing as duplicates, never cleaned again). ``force``: every document is fresh, so
    known ones are cleaned and placed again."""

    def __init__(self, wh: Warehouse, batch_size: int, batch_bytes: int = BATCH_BYTES, force: bool = False):
        self.wh, self.batch_size, self.batch_bytes, self.force = wh, batch_size, batch_bytes, force
        self.known: list[Seen] = []

    def fresh(self, docs: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
        if self.force:
            yield from docs
            return
        for batch in batched(docs, self.batch_size, self.batch_bytes):
            ids = [doc_id_of(d) for d in batch]
            # retried: on a SQLite catalog this read can meet the landing thread's commit ("database is locked")
            known = with_retries(lambda ids=ids: self.wh.known_doc_ids(ids))
            for doc, doc_id in zip(batch, ids, strict=True):
                if doc_id in known:
                    self.known.append(Seen(doc, doc_id))
                else:
                    yield doc

    def take_known(self) -> list[Seen]:
        taken, self.known = self.known, []
        return taken


class Waits:
    """Seconds the flow's own thread spent blocked on the work itself (reading and cleaning, landing,
    analytics, the report); the rest of a run's wall time is orchestration."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {"cleaning": 0.0, "landing": 0.0, "analytics": 0.0, "report": 0.0}
        self.started = time.perf_counter()
        self.first_outcome: float | None = None  # seconds from the start to the first and the latest outcome
        self.last_outcome: float | None = None

    @contextmanager
    def on(self, what: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[what] += time.perf_counter() - start

    def report(self) -> dict[str, Any]:
        """``waits_s`` per kind, and ``outcomes_s``: when the first and the latest cleaned document came
        (seconds from the start; their gap gives the steady pages/s, without start-up and the final landing)."""
        outcomes = {"first": self.first_outcome, "last": self.last_outcome}
        return {
            "waits_s": {k: round(v, 3) for k, v in self.seconds.items()},
            "outcomes_s": {k: round(v, 3) if v is not None else None for k, v in outcomes.items()},
        }

    def stream(self, what: str, items: Iterable[T]) -> Iterator[T]:
        iterator = iter(items)
        while True:
            with self.on(what):
                item = next(iterator, _END)
            if item is _END:
                return
            self.stamp()
            yield item

    def stamp(self) -> None:
        self.last_outcome = time.perf_counter() - self.started
        if self.first_outcome is None:
            self.first_outcome = self.last_outcome


_END: Any = object()


class BatchLog:
    """One log line per landed batch; with ``verbose``, one line per document decision too; and a progress
    bar over the input files when the run is attached to a terminal."""

    def __init__(self, verbose: bool = False, bar: Progress | None = None) -> None:
        self.verbose = verbose
        self.bar = bar
        self.logger = get_run_logger()
        self.totals = Counts()
        self.waits = Waits()
        self.number = 0
        self.tick = time.perf_counter()

    def add(self, counts: Counts) -> None:
        self.number += 1
        self.totals.add(counts)
        now = time.perf_counter()
        rate, self.tick = counts.read / max(now - self.tick, 1e-9), now
        self.logger.info(
            "batch %d: read %d, ingested %d, unchanged %d, duplicate %d, quarantined %d (%.1f pages/s)",
            self.number,
            counts.read,
            counts.ingested,
            counts.unchanged,
            counts.duplicate,
            counts.quarantined,
            rate,
        )
        if self.bar is not None:
            self.bar.advance(self.bar.task_ids[0], counts.read)
        if self.verbose:
            for source, outcome, why in counts.decisions:
                self.logger.info("  %s: %s (%s)", source, outcome, why)


def _land_stream(
    wh: Warehouse,
    run_id: str,
    ledger: Ledger,
    outcomes: Iterable[Outcome],
    batch_size: int,
    log: BatchLog,
    stop: StopRequest,
) -> None:
    """Land each batch as a task in a background thread while the next batch is being cleaned (landing
    writes Parquet, seconds per batch, during which the cleaning workers would otherwise sit idle). One
    landing at a time, in order. On Ctrl-C the batch being landed lands whole before the interrupt goes on."""
    landing: PrefectFuture | None = None
    try:
        for batch in batched(stop.checked(log.waits.stream("cleaning", outcomes)), batch_size, ledger.batch_bytes):
            if landing is not None:
                with log.waits.on("landing"):
                    log.add(landing.result())
                    landing = None
            landing = land_batch.submit(wh, Batch(ledger.take_known() + batch), run_id, ledger.force)
    except Interrupted:
        if landing is not None:
            log.add(landing.result())
        raise
    with log.waits.on("landing"):
        if landing is not None:
            log.add(landing.result())
        if ledger.known:
            log.add(_land(wh, ledger.take_known(), run_id, ledger.force))


def _land_distributed(
    wh: Warehouse,
    run_id: str,
    ledger: Ledger,
    docs: Iterable[SourceDocument],
    batch_size: int,
    in_flight: int,
    log: BatchLog,
    stop: StopRequest,
    max_page_bytes: int,
) -> None:
    """Clean batches as tasks on the task runner's workers; land them in order as they finish."""
    pending: deque[PrefectFuture] = deque()

    def land_next() -> None:
        with log.waits.on("cleaning"):
            outcomes = pending.popleft().result()
        log.waits.stamp()
        with log.waits.on("landing"):
            log.add(_land(wh, ledger.take_known() + outcomes, run_id, ledger.force))

    for batch in batched(stop.checked(ledger.fresh(docs)), batch_size, ledger.batch_bytes):
        pending.append(clean_batch.submit(Batch(batch), max_page_bytes))
        while len(pending) >= in_flight:
            land_next()
    while pending:
        land_next()
    if ledger.known:
        with log.waits.on("landing"):
            log.add(_land(wh, ledger.take_known(), run_id, ledger.force))


@flow(name="newsdistill-ingest")
def ingest_flow(
    paths: list[str],
    warehouse: str | None = None,
    batch_size: int | None = None,
    jobs: int | None = None,
    in_flight: int = 0,
    verbose: bool = False,
    data_path: str | None = None,
    force: bool = False,
    timeout: float | None = None,
    max_page_bytes: int | None = None,
) -> dict | State:
    """Ingest files and folders into the warehouse (None: from ``flows.settings``).

    Local runs clean in one pool of ``jobs`` worker processes (None = all cores) and land every
    ``batch_size`` documents (fewer when they hold the settings' ``batch_bytes`` of raw pages) as one task and one
    transaction. With ``in_flight`` > 0 (Dask runs) cleaning is submitted as batch tasks to the flow's task
    runner instead, that many batches at a time. ``force`` cleans and places documents the warehouse already
    holds again (articles deleted by mistake come back; raw bytes are not stored twice).

    Ctrl-C (SIGINT) stops the run between batches: the batch being landed lands, the run is recorded as
    interrupted and the flow run ends Cancelled.
    """
    run_id = uuid.uuid4().hex
    started = datetime.now(UTC)
    settings = Settings.load(
        warehouse=warehouse,
        data_path=data_path,
        batch_size=batch_size,
        jobs=jobs,
        timeout=timeout,
        max_page_bytes=max_page_bytes,
    )
    size = settings.batch_size_for("dask" if in_flight else "local")
    with _progress(paths) as bar, open_warehouse(settings, made=True) as wh:
        log = BatchLog(verbose, bar)
        files_before = parquet_files(wh)
        docs = read_inputs(paths, max_page_bytes=settings.max_page_bytes)
        stop = StopRequest()
        try:
            with stop.installed():
                if in_flight:
                    ledger = Ledger(wh, size, settings.batch_bytes, force)
                    _land_distributed(wh, run_id, ledger, docs, size, in_flight, log, stop, settings.max_page_bytes)
                else:
                    with closing(wh.sibling()) as ledger_wh:  # the ledger reads while a landing thread writes
                        ledger = Ledger(ledger_wh, size, settings.batch_bytes, force)
                        with closing(
                            clean_many(
                                ledger.fresh(docs),
                                jobs=settings.jobs,
                                timeout=settings.timeout,
                                cleaner=page_cleaner(settings.max_page_bytes),
                            )
                        ) as outcomes:
                            _land_stream(wh, run_id, ledger, outcomes, size, log, stop)
        except Interrupted:
            _record_run(wh, run_id, [str(p) for p in paths], started, log.totals, "interrupted")
            message = f"interrupted after {log.number} batches; run the same command again to continue"
            return Cancelled(message=message, data=summary(run_id, log.totals))
        with log.waits.on("analytics"):
            refresh_analytics(wh)
        _record_run(wh, run_id, [str(p) for p in paths], started, log.totals, "completed")
        with log.waits.on("report"):
            report = _write_report(wh)
        result = summary(run_id, log.totals) | log.waits.report()
        _publish_artifacts(wh, result, files_before, report)
    return result


def _write_report(wh: Warehouse) -> Path | None:
    """A local warehouse's HTML report, ``report.html`` in its folder, brought up to date with this run (a
    PostgreSQL catalog has no folder: its run artifact gives the command instead). A failure only logs a warning."""
    if not wh.location.is_local:
        return None
    output = Path(wh.location.display) / REPORT_FILE
    try:
        write_report(wh.location.display, output, wh=wh)
    except Exception as exc:
        get_run_logger().warning("could not write the report %s: %s", output, exc)
        return None
    return output


def _publish_artifacts(wh: Warehouse, result: dict, files_before: set[str], report: Path | None) -> None:
    """The run's Prefect artifacts; the data has landed already, so a failure here only logs a warning."""
    try:
        publish_run_artifacts(
            result, sorted(parquet_files(wh) - files_before), wh.location.data_path, wh.location.display, report
        )
    except Exception as exc:
        get_run_logger().warning("could not publish the run's artifacts: %s", exc)


@contextmanager
def _progress(paths: list[str]) -> Iterator[Progress | None]:
    """A transient bar on an interactive terminal (counting input files; containers hold more pages)."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        bar.add_task("ingest", total=sum(1 for _ in iter_files(paths)))
        yield bar


def task_runner_for(runner: str):
    """'dask' (a new local Dask cluster of worker processes) or 'dask://HOST:PORT' (an existing one)."""
    from prefect_dask import DaskTaskRunner

    if runner == "dask":
        workers = os.cpu_count() or 2
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            },
        )
    if runner.startswith("dask://"):
        return DaskTaskRunner(address="tcp://" + runner.removeprefix("dask://"))
    raise ValueError(f"unknown runner {runner!r}: use local, dask or dask://HOST:PORT")


def run_ingest(
    paths: list[str], settings: Settings, runner: str = "local", verbose: bool = False, force: bool = False
) -> dict:
    """Run the ingest flow on the chosen runner (local, dask or dask://HOST:PORT) against the Prefect API of
    ``flows.api`` (a local server in its own session when none is configured). Raises ``Interrupted`` when Ctrl-C
    stopped the run."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.api import prefect_api

    options = {
        "warehouse": settings.warehouse,
        "data_path": settings.data_path,
        "batch_size": settings.batch_size_for(runner),
        "timeout": settings.timeout,
        "max_page_bytes": settings.max_page_bytes,
        "verbose": verbose,
        "force": force,
    }
    if runner == "local":
        start_early(paths)  # the cleaning workers' fork server warms up while Prefect starts
        chosen, extra = ingest_flow, {"jobs": settings.jobs}
    else:
        chosen, extra = (
            ingest_flow.with_options(task_runner=task_runner_for(runner)),
            {"in_flight": 2 * (os.cpu_count() or 2)},
        )

    def while_the_api_starts() -> None:
        """Work the run would do after the wait: its imports, and cleaning a lone page (in process, as it would)."""
        _import_run_modules()
        if runner == "local" and single_page(paths):
            docs = read_inputs(paths, max_page_bytes=settings.max_page_bytes)
            clean_ahead(docs, page_cleaner(settings.max_page_bytes), settings.timeout)

    # No flow-run heartbeats for a one-off run: the engine joins their thread at the end, which sleeps in whole
    # seconds (up to a second per run), and without a crash-detection automation on the server nothing reads them.
    with (
        prefect_api(while_waiting=while_the_api_starts),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
        warnings.catch_warnings(),
    ):
        # a batch of raw pages is the unit of work sent to a Dask worker: tens of MB each, by design
        warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
        state = chosen(paths, return_state=True, **extra, **options)
    if state.is_cancelled():
        raise Interrupted(state.message)
    return state.result()


# What a flow run imports on first use: Prefect's engines, fastapi's encoder of the run's parameters, graphviz
# (Prefect's flow visualisation), pyarrow's dataset layer (DuckDB reading Arrow tables). About a second, imported
# while the temporary API server starts instead of after.
RUN_MODULES = ("prefect.flow_engine", "prefect.task_engine", "fastapi.encoders", "graphviz", "pyarrow.dataset")


def _import_run_modules() -> None:
    for name in RUN_MODULES:
        with suppress(ImportError):  # only a head start: a later Prefect may not use it
            importlib.import_module(name)


def summary(run_id: str, counts: Counts) -> dict:
    return {
        "run_id": run_id,
        "read": counts.read,
        "ingested": counts.ingested,
        "duplicate": counts.duplicate,
        "unchanged": counts.unchanged,
        "quarantined": counts.quarantined,
        "new_versions": counts.new_versions,
        "removed_by_kind": dict(counts.removed_by_kind),
        "quarantine_reasons": dict(counts.quarantine_reasons),
    }
