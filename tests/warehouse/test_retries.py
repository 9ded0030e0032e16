"""A warehouse that is busy for a while (the run waits and succeeds) or unreachable (the run fails clearly)."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from tests.conftest import ingest_process
from warehouse.store import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
HOLD_SECONDS = 3.0


def _hold_write_lock(location: str, held: threading.Event, seconds: float) -> None:
    with Warehouse(location) as wh, wh.write_lock():
        held.set()
        time.sleep(seconds)


def test_a_locked_catalog_makes_the_run_wait_then_succeed(seeds_copy: Path, warehouse_dir: Path):
    with Warehouse(str(warehouse_dir)) as wh:
        wh.ensure_schema()
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(str(warehouse_dir), held, HOLD_SECONDS))
    holder.start()
    assert held.wait(30)
    started = time.monotonic()
    try:
        result = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir), jobs=1)
    finally:
        holder.join()
    assert time.monotonic() - started >= HOLD_SECONDS - 0.5  # it waited for the lock ...
    assert (result["read"], result["ingested"]) == (2, 2)  # ... and then landed everything
    with Warehouse(str(warehouse_dir)) as wh:
        assert wh.query("SELECT count(*) FROM articles").fetchone()[0] == 2


def _hold_sqlite_catalog(catalog: Path, held: threading.Event, seconds: float) -> None:
    con = sqlite3.connect(catalog, isolation_level=None)
    try:
        con.execute("BEGIN EXCLUSIVE")  # no other connection may read or write the catalog meanwhile
        held.set()
        time.sleep(seconds)
        con.execute("COMMIT")
    finally:
        con.close()


def test_an_exclusively_locked_sqlite_catalog_is_waited_out(seeds_copy: Path, warehouse_dir: Path):
    """Another program (not a newsdistill writer) holding the catalog database itself for a few seconds."""
    with Warehouse(str(warehouse_dir)) as wh:
        wh.ensure_schema()
    held = threading.Event()
    holder = threading.Thread(target=_hold_sqlite_catalog, args=(warehouse_dir / "catalog.sqlite", held, HOLD_SECONDS))
    holder.start()
    assert held.wait(30)
    try:
        result = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir), jobs=1)
    finally:
        holder.join()
    assert (result["read"], result["ingested"]) == (2, 2)


def _cli_error(proc) -> str:
    """The `error: ...` line the CLI ends with (Prefect's own log of the failed flow run comes before it)."""
    out, err = proc.communicate(timeout=120)
    assert proc.returncode not in (0, None), out
    assert "error: " in err, f"no error message from the CLI:\n{err[-3000:]}"
    return " ".join(err[err.rindex("error: ") :].split())


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def test_an_unreachable_postgres_catalog_fails_with_the_warehouse_and_cause(
    seeds_copy: Path, tmp_path: Path, prefect_api_url: str
):
    port = _closed_port()
    location = f"postgres:host=127.0.0.1 port={port} dbname=news user=news connect_timeout=3"
    message = _cli_error(ingest_process([seeds_copy], location, prefect_api_url, "--data-path", str(tmp_path)))
    assert f"postgres:host=127.0.0.1 port={port}" in message  # names the warehouse ...
    assert "Connection refused" in message  # ... and the cause


def test_a_warehouse_path_that_cannot_be_created_fails_clearly(seeds_copy: Path, tmp_path: Path, prefect_api_url: str):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    message = _cli_error(ingest_process([seeds_copy], str(blocker / "warehouse"), prefect_api_url))
    assert str(blocker / "warehouse") in message and "Not a directory" in message
