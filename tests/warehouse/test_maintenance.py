"""`maintain` on a real DuckLake: fewer files afterwards, every row still readable, also by an open reader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schemas import validate
from warehouse.maintenance import file_counts, maintain, parse_age
from warehouse.store import Warehouse


def _small_appends(location: str, batches: int) -> None:
    with Warehouse(location) as wh:
        wh.ensure_schema()
        for i in range(batches):
            rows = [
                {
                    "doc_id": f"d{i}",
                    "source": f"s{i}",
                    "reason": "empty",
                    "detail": "",
                    "run_id": f"r{i}",
                    "quarantined_at": datetime(2025, 1, 1, tzinfo=UTC),
                }
            ]
            wh.append({"quarantine": validate("quarantine", rows)})


def _rows(wh: Warehouse) -> list[tuple]:
    return wh.query("SELECT doc_id, run_id FROM quarantine ORDER BY doc_id").fetchall()


def test_parse_age():
    assert parse_age("7d") == timedelta(days=7)
    assert parse_age("90m") == timedelta(minutes=90)
    with pytest.raises(ValueError):
        parse_age("seven days")


@pytest.mark.parametrize("older_than", [timedelta(days=7), timedelta(0)])
def test_maintain_merges_files_and_keeps_rows(warehouse_dir: Path, older_than: timedelta):
    location = str(warehouse_dir)
    _small_appends(location, 6)
    reader = Warehouse(location, read_only=True)  # opened before maintain, still open after
    try:
        expected = _rows(reader)
        assert len(expected) == 6
        before = file_counts(reader)
        with Warehouse(location) as wh:
            result = maintain(wh, older_than)
        assert result["files_merged"] >= 6
        assert result["after"]["live_files"] < before["live_files"]
        if older_than == timedelta(0):  # merged-away files are gone from disk too
            assert result["after"]["disk_files"] < before["disk_files"]
            assert result["old_files_deleted"] >= 6
        else:  # kept for readers on older snapshots until they are a week old
            assert result["after"]["disk_files"] >= before["disk_files"]
        assert _rows(reader) == expected
        assert result["search_index_rebuilt"] and (warehouse_dir / "search.duckdb").exists()
        assert result["groups_recomputed"] == 0  # no articles here (quarantine rows only)
    finally:
        reader.close()
    with Warehouse(location) as wh:
        assert _rows(wh) == expected
    with Warehouse(location) as wh:
        assert not maintain(wh, older_than)["search_index_rebuilt"]  # nothing changed since
    _small_appends(location, 1)  # the warehouse still takes writes
    with Warehouse(location) as wh:
        assert len(_rows(wh)) == 7
