"""Settings: read from the environment in one place, flags over them.

| setting | flag | environment | default |
| --- | --- | --- | --- |
| warehouse | ``--warehouse`` | ``NEWSDISTILL_WAREHOUSE`` | ``./warehouse`` |
| data path (PostgreSQL catalogs) | ``--data-path`` | ``NEWSDISTILL_DATA_PATH`` | none |
| cache dir (search index of a PostgreSQL warehouse) | | ``NEWSDISTILL_CACHE`` | ``$XDG_CACHE_HOME/newsdistill`` |
| benchmark corpora | ``--bench-dir`` | ``NEWSDISTILL_BENCH`` | ``../shared/bench`` |
| documents per batch | ``--batch-size`` | ``NEWSDISTILL_BATCH_SIZE`` | 1000 (200 on Dask) |
| raw bytes per batch | | ``NEWSDISTILL_BATCH_BYTES`` | 32 MB |
| seconds per document | ``--timeout`` | ``NEWSDISTILL_TIMEOUT`` | 60 |
| page cap, bytes (larger: ``too_large``) | ``--max-page-bytes`` | ``NEWSDISTILL_MAX_PAGE_BYTES`` | 20 MiB |
| cleaning processes | ``--jobs`` | ``NEWSDISTILL_JOBS`` | all cores |

The layers below take these as arguments and read no environment themselves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from cleaners.read.documents import MAX_PAGE_BYTES

BATCH_SIZE = 1000
DISTRIBUTED_BATCH_SIZE = 200  # on Dask a batch is also the unit of parallel work: smaller, so all workers get some
BATCH_BYTES = 32_000_000
DOCUMENT_TIMEOUT = 60.0

# Prefect settings newsdistill needs offline. Set by the command line before Prefect is imported, never by importing
# a module: a program embedding the flows keeps its own environment.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # telemetry fails offline
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    # The temporary API server Prefect starts for a run takes ~6 s on an idle machine and can pass Prefect's 20 s
    # default on a busy one, failing the run before it starts.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


class SettingError(ValueError):
    """A setting has a value that cannot be used; the message names the variable or flag."""


@dataclass(frozen=True)
class Settings:
    warehouse: str
    data_path: str | None
    cache_dir: Path
    bench_dir: Path | None
    batch_size: int | None  # None: BATCH_SIZE locally, DISTRIBUTED_BATCH_SIZE on Dask
    batch_bytes: int
    timeout: float
    max_page_bytes: int
    jobs: int | None  # None: all cores

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """The environment's values (or the defaults), then every flag that is given (not None)."""
        env = os.environ if environ is None else environ
        cache = env.get("NEWSDISTILL_CACHE") or Path(env.get("XDG_CACHE_HOME") or "~/.cache") / "newsdistill"
        settings = cls(
            warehouse=env.get("NEWSDISTILL_WAREHOUSE") or "warehouse",
            data_path=env.get("NEWSDISTILL_DATA_PATH") or None,
            cache_dir=Path(cache).expanduser(),
            bench_dir=Path(env["NEWSDISTILL_BENCH"]) if env.get("NEWSDISTILL_BENCH") else None,
            batch_size=_number(env, "NEWSDISTILL_BATCH_SIZE", int),
            batch_bytes=_number(env, "NEWSDISTILL_BATCH_BYTES", int) or BATCH_BYTES,
            timeout=_number(env, "NEWSDISTILL_TIMEOUT", float) or DOCUMENT_TIMEOUT,
            max_page_bytes=_number(env, "NEWSDISTILL_MAX_PAGE_BYTES", int) or MAX_PAGE_BYTES,
            jobs=_number(env, "NEWSDISTILL_JOBS", int),
        )
        known = {f.name for f in fields(cls)}
        unknown = set(flags) - known
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        settings = replace(settings, **{k: v for k, v in flags.items() if v is not None})
        if not settings.warehouse.startswith("postgres:"):
            settings = replace(settings, warehouse=str(Path(settings.warehouse).expanduser().resolve()))
        return settings

    def batch_size_for(self, runner: str) -> int:
        return self.batch_size or (BATCH_SIZE if runner == "local" else DISTRIBUTED_BATCH_SIZE)


def _number(env: Mapping[str, str], name: str, kind: type) -> Any:
    raw = env.get(name)
    if not raw:
        return None
    try:
        value = kind(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a {kind.__name__}; unset it or give a number") from None
    if value <= 0:
        raise SettingError(f"{name}={raw!r} must be greater than 0")
    return value


def prefect_environment() -> None:
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def open_warehouse(settings: Settings, read_only: bool = False, made: bool = False):  # -> warehouse.Warehouse
    """The configured warehouse, connected (use as a context manager); the one ``open_ahead`` opened, if any.
    ``made``: its tables and views made too (``ensure_schema``, already done by ``open_ahead``)."""
    opening = None if read_only else _ahead.pop(_place(settings), None)
    if opening is not None:
        return opening.wait()
    return _connect(settings, read_only, made)


def _connect(settings: Settings, read_only: bool, made: bool):  # -> warehouse.Warehouse
    from warehouse import Warehouse

    wh = Warehouse(settings.warehouse, settings.data_path, read_only=read_only, cache_dir=settings.cache_dir)
    if made:
        try:
            wh.ensure_schema()
        except BaseException:
            wh.close()
            raise
    return wh


def _place(settings: Settings) -> tuple:
    return settings.warehouse, settings.data_path, settings.cache_dir


class OpeningAhead(threading.Thread):
    """A warehouse being opened for writing and its tables made, in a thread (see ``open_ahead``)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(name="open-warehouse", daemon=True)
        self.settings = settings
        self.opened = None  # the Warehouse, once open
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.opened = _connect(self.settings, read_only=False, made=True)
            # DuckLake's first read of the tables (a few hundred ms): here, rather than in the run's first lookup
            self.opened.known_doc_ids([""])
        except BaseException as exc:  # raised in the thread that waits
            self.error = exc

    def wait(self):  # -> warehouse.Warehouse
        """The open warehouse; raises what opening it raised (a wrong path or connection string)."""
        self.join()
        if self.error is not None:
            if _ahead.get(_place(self.settings)) is self:  # not left for a later open_warehouse to raise again
                del _ahead[_place(self.settings)]
            if self.opened is not None:
                self.opened.close()
            raise self.error
        return self.opened


_ahead: dict[tuple, OpeningAhead] = {}  # warehouses opened ahead of their use, by place


def open_ahead(settings: Settings) -> OpeningAhead:
    """Start opening the warehouse a run will write now, in a thread: connecting and, for a new warehouse, making its
    tables take about a second, mostly inside DuckDB, which releases the GIL, so it overlaps the command's import of
    Prefect. The run's ``open_warehouse`` then takes that connection; ``wait`` gives its error early."""
    previous = _ahead.pop(_place(settings), None)
    if previous is not None:  # never taken: an earlier command in this process stopped before its run
        previous.join()
        if previous.opened is not None:
            previous.opened.close()
    opening = _ahead[_place(settings)] = OpeningAhead(settings)
    opening.start()
    return opening
