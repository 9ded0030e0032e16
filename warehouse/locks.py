"""Serializing writers: a file lock beside a folder warehouse (its SQLite catalog in write-ahead-log mode, so readers
never wait on a commit), a PostgreSQL advisory lock for a shared catalog."""

from __future__ import annotations

import fcntl
import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from warehouse.location import Location, WarehouseError


@contextmanager
def write_lock(location: Location) -> Iterator[None]:
    """Exclusive for one writer at a time, across processes (and, for PostgreSQL catalogs, across hosts)."""
    if not location.is_local:
        with pg_advisory_lock(location):
            yield
        return
    with open(location.lock_file, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def use_wal(catalog_file: str) -> None:
    """Put a SQLite catalog in write-ahead-log mode (persistent, once per file): readers then never block on a
    writer's commit, nor it on them, so a query or the ingest's own ledger reads can run while a batch lands."""
    con = sqlite3.connect(catalog_file, timeout=30)
    try:
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()


@contextmanager
def pg_advisory_lock(location: Location) -> Iterator[None]:
    import psycopg

    digest = hashlib.sha256(f"newsdistill:{location.metadata_schema}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    try:
        conn = psycopg.connect(location.pg_dsn, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise WarehouseError(f"cannot reach the catalog database of {location.display}: {exc}") from exc
    with conn:
        conn.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", [key])
