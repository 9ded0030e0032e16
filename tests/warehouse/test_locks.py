"""warehouse.locks: one writer at a time on a folder warehouse, across processes."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from warehouse.location import Location
from warehouse.locks import use_wal, write_lock


def _hold(root: str, seconds: float, started) -> None:
    with write_lock(Location.parse(root)):
        started.set()
        time.sleep(seconds)


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    tmp_path.joinpath("data").mkdir()
    location = Location.parse(str(tmp_path))
    started = multiprocessing.get_context("spawn").Event()
    holder = multiprocessing.get_context("spawn").Process(target=_hold, args=(str(tmp_path), 1.0, started))
    holder.start()
    try:
        assert started.wait(60)
        begin = time.monotonic()
        with write_lock(location):
            waited = time.monotonic() - begin
    finally:
        holder.join(60)
    assert waited > 0.5


def test_the_catalog_is_put_in_write_ahead_log_mode(tmp_path: Path) -> None:
    import sqlite3

    catalog = tmp_path / "catalog.sqlite"
    sqlite3.connect(catalog).close()
    use_wal(str(catalog))
    with sqlite3.connect(catalog) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
