"""Going back in time: DuckLake keeps a snapshot per commit, so a mistaken change (a ``DELETE``, a dropped view) can be
undone by restoring the tables as they were at an earlier snapshot. A restore is itself a new snapshot, so it can be
undone the same way. Snapshots older than ``maintain --older-than`` are expired and cannot be restored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from schemas import TABLES
from warehouse.location import WarehouseError
from warehouse.store import ALIAS, Warehouse

# What a restore brings back: every table of the schema. Not warehouse_info: its schema version describes the tables'
# columns as they are now (a restore keeps those), and the views are re-created from views.sql.
KEPT_TABLES = tuple(TABLES)


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    time: datetime
    changes: str  # what the commit did, as DuckLake lists it


def snapshots(wh: Warehouse, limit: int = 20) -> list[Snapshot]:
    """The latest ``limit`` snapshots, newest first."""
    rows = wh.con.execute(
        f"SELECT snapshot_id, snapshot_time, changes FROM ducklake_snapshots('{ALIAS}') "
        "ORDER BY snapshot_id DESC LIMIT ?",
        [limit],
    ).fetchall()
    catalog = f"__ducklake_metadata_{ALIAS}"
    names = dict(
        wh.con.execute(
            f"SELECT table_id::VARCHAR, table_name FROM {catalog}.ducklake_table UNION ALL "
            f"SELECT view_id::VARCHAR, view_name FROM {catalog}.ducklake_view"
        ).fetchall()
    )
    return [Snapshot(sid, when, _describe(changes, names)) for sid, when, changes in rows]


def _describe(changes: dict | None, names: dict[str, str]) -> str:
    """'tables inserted into articles, raw_documents; views dropped stories' (DuckLake names them by id)."""
    parts = []
    for kind, values in (changes or {}).items():
        named = [names.get(str(v), str(v)) if kind.endswith(("_from", "_into", "dropped")) else str(v) for v in values]
        parts.append(f"{kind.replace('_', ' ')} {', '.join(named)}")
    return "; ".join(parts)


def snapshot_before(wh: Warehouse, when: datetime) -> int:
    """The last snapshot committed before ``when``."""
    row = wh.con.execute(
        f"SELECT max(snapshot_id) FROM ducklake_snapshots('{ALIAS}') WHERE snapshot_time < ?", [when]
    ).fetchone()
    if row[0] is None:
        raise WarehouseError(
            f"the warehouse has no snapshot before {when.isoformat()}; list them with `newsdistill restore`"
        )
    return row[0]


def restore(wh: Warehouse, snapshot_id: int) -> dict[str, int]:
    """Put every newsdistill table back as it was at ``snapshot_id``, in one transaction, and re-create the views.
    Returns the rows each table holds afterwards."""
    with wh.write_lock():
        latest = wh.con.execute(f"SELECT max(snapshot_id) FROM ducklake_snapshots('{ALIAS}')").fetchone()[0]
        known = {r[0] for r in wh.con.execute(f"SELECT snapshot_id FROM ducklake_snapshots('{ALIAS}')").fetchall()}
        if snapshot_id not in known:
            raise WarehouseError(
                f"no snapshot {snapshot_id} in this warehouse (the latest is {latest}; older ones "
                "may have been expired by `maintain`); list them with `newsdistill restore`"
            )
        wh.ensure_schema(locked=True)  # tables dropped since are created again (empty), the views re-applied
        then = {name for name in KEPT_TABLES if _existed(wh, name, snapshot_id)}
        with wh.transaction():
            for name in KEPT_TABLES:
                if name not in then:
                    wh.con.execute(f"DELETE FROM {name}")
                    continue
                # Only the rows that differ, by DuckLake's stable row ids: the rows added since go, the rows removed
                # since come back. In this order: a transaction's own deletes also hide rows from its reads of an
                # older snapshot, and the rows deleted here are exactly the ones that snapshot does not have.
                then_rows = f"{name} AT (VERSION => {snapshot_id})"
                wh.con.execute(f"DELETE FROM {name} WHERE rowid NOT IN (SELECT rowid FROM {then_rows})")
                wh.con.execute(
                    f"INSERT INTO {name} BY NAME SELECT * EXCLUDE (rowid) FROM (SELECT rowid, * FROM "
                    f"{then_rows}) WHERE rowid NOT IN (SELECT rowid FROM {name})"
                )
        return {name: wh.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in KEPT_TABLES}


def _existed(wh: Warehouse, table: str, snapshot_id: int) -> bool:
    try:
        wh.con.execute(f"SELECT 1 FROM {table} AT (VERSION => {snapshot_id}) LIMIT 0").fetchall()
    except duckdb.CatalogException:
        return False
    return True
