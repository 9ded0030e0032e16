"""Warehouse upkeep: merge small Parquet files, expire old snapshots, delete files nothing refers to.

Every ingest batch lands as its own small Parquet files and snapshot; over time that slows reads and fills
the disk with files only old snapshots need. ``maintain`` compacts under the warehouse write lock (so no
writer lands meanwhile). Readers keep working: merged-away files are only *scheduled* for deletion and
removed once they have been unreferenced for ``older_than``, so a query running on an older snapshot still
finds its files, and time travel keeps working back to ``older_than``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from warehouse.groups import refresh_groups
from warehouse.retries import with_retries
from warehouse.search import refresh_search_index, search_index_path
from warehouse.store import ALIAS, Warehouse

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_age(text: str) -> timedelta:
    """'7d', '12h', '30m', '0s' -> timedelta."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text.lower())
    if not match:
        raise ValueError(f"age {text!r}: use a number and a unit s, m, h, d or w (e.g. 7d)")
    return timedelta(**{_UNITS[match[2]]: float(match[1])})


def file_counts(wh: Warehouse) -> dict[str, int]:
    """Data files the current snapshot uses, and (local warehouses) Parquet files on disk."""
    tables = [
        r[0]
        for r in wh.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'", [ALIAS]
        ).fetchall()
    ]
    # fetchall, not fetchone: a result left unread keeps the catalog transaction (and its SQLite lock) open
    live = sum(
        wh.con.execute(f"SELECT count(*) FROM ducklake_list_files('{ALIAS}', ?)", [t]).fetchall()[0][0] for t in tables
    )
    counts = {"live_files": live}
    if wh.location.is_local:
        counts["disk_files"] = sum(
            f.endswith(".parquet") for _, _, files in os.walk(wh.location.data_path) for f in files
        )
    return counts


def _stepper(wh: Warehouse) -> Callable[..., list[tuple]]:
    """Run one maintenance call, retried while a reader briefly holds the catalog (SQLite 'database is locked')."""

    def step(call: str, *params: object) -> list[tuple]:
        sql = "CALL " + call.format(wh=ALIAS)
        return with_retries(lambda: wh.con.execute(sql, list(params)).fetchall())

    return step


def maintain(wh: Warehouse, older_than: timedelta = timedelta(days=7)) -> dict:
    """Compact and clean the warehouse; returns file counts before and after and what each step did."""
    cutoff = datetime.now(UTC) - older_than
    before = file_counts(wh)
    with wh.write_lock():
        wh.apply_views()  # a warehouse made by an older newsdistill gets the views it lacks
        step = _stepper(wh)
        merged = step("ducklake_merge_adjacent_files('{wh}')")
        expired = step("ducklake_expire_snapshots('{wh}', older_than => ?)", cutoff)
        removed = step("ducklake_cleanup_old_files('{wh}', older_than => ?)", cutoff)
        orphans = step("ducklake_delete_orphaned_files('{wh}', older_than => ?)", cutoff)
    after = file_counts(wh)
    groups = refresh_groups(wh)
    index_rebuilt = refresh_search_index(wh)
    index = search_index_path(wh.location, wh.cache_dir)
    display = wh.location.display
    return {
        "before": before,
        "after": after,
        "merged_tables": len(merged),
        "files_merged": sum(r[2] for r in merged),
        "snapshots_expired": len(expired),
        "old_files_deleted": len(removed),
        "orphans_deleted": len(orphans),
        "groups_recomputed": groups,
        "search_index_rebuilt": index_rebuilt,
        "search_index": str(index),
        "warehouse": display,
    }
