"""Going back to a snapshot, and refusing writes where only reading is allowed, on a real DuckLake warehouse."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cleaners.parallel import clean_many
from cleaners.read import read_inputs
from tests.paths import SEEDS
from warehouse.landing import land
from warehouse.location import WarehouseError
from warehouse.snapshots import restore, snapshot_before, snapshots
from warehouse.store import ReadOnlyError, Warehouse


@pytest.fixture
def landed(tmp_path: Path) -> Warehouse:
    wh = Warehouse(str(tmp_path / "wh"))
    wh.ensure_schema()
    land(wh, list(clean_many(read_inputs([SEEDS]), jobs=1)), "run-1")
    yield wh
    wh.close()


def _counts(wh: Warehouse) -> dict[str, int]:
    return {
        t: wh.query(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "articles_latest", "raw_documents", "removed_blocks")
    }


def test_restore_undoes_a_delete_a_dropped_table_and_a_dropped_view(landed: Warehouse):
    before = _counts(landed)
    good = snapshots(landed)[0].snapshot_id
    landed.query("DELETE FROM articles")
    landed.query("DROP TABLE removed_blocks")
    landed.query("DROP VIEW articles_latest")
    assert "tables deleted from articles" in snapshots(landed)[2].changes  # DuckLake's ids shown as names
    counts = restore(landed, good)
    assert _counts(landed) == before and counts["articles"] == before["articles"] == 2
    mistaken = snapshots(landed)[0].snapshot_id
    restore(landed, good - 1)  # a restore is a snapshot too: going further back, then forward again, works
    restore(landed, mistaken)
    assert _counts(landed) == before


def test_restore_before_a_time_and_of_an_unknown_snapshot(landed: Warehouse):
    cut = datetime.now(UTC)
    landed.query("DELETE FROM raw_documents")
    restore(landed, snapshot_before(landed, cut))
    assert _counts(landed)["raw_documents"] == 2
    with pytest.raises(WarehouseError, match="no snapshot 9999"):
        restore(landed, 9999)
    with pytest.raises(WarehouseError, match="no snapshot before"):
        snapshot_before(landed, datetime(1990, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM articles",
        "DROP VIEW stories",
        "CREATE TABLE junk (a INT)",
        "ATTACH 'elsewhere.db' AS other",
        "COPY (SELECT 1) TO 'out.csv'",
        "INSERT INTO warehouse_info VALUES ('a', 'b')",
        "UPDATE articles SET title = ''",
        "ALTER TABLE articles ADD COLUMN x INT",
        "EXPORT DATABASE 'dump'",
        "SELECT 1; DELETE FROM articles",
    ],
)
def test_writing_statements_are_refused_unless_writes_are_allowed(landed: Warehouse, sql: str):
    with pytest.raises(ReadOnlyError, match="--write"):
        landed.statements(sql)
    assert landed.statements(sql, write=True)
    assert _counts(landed)["articles"] == 2  # refused before anything ran


def test_reading_statements_pass_and_empty_text_is_an_error(landed: Warehouse):
    assert (
        len(
            landed.statements(
                "SELECT 1; -- a comment\nWITH x AS (SELECT 2) SELECT * FROM x; "
                "DESCRIBE articles; EXPLAIN SELECT 1; SUMMARIZE articles"
            )
        )
        == 5
    )
    for empty in ("", "  ", "-- only a comment", "/* nothing */"):
        with pytest.raises(WarehouseError, match="no SQL statement"):
            landed.statements(empty)
