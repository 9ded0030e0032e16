"""warehouse.store: a warehouse this code already made is not rebuilt on every run, and what is missing comes back."""

from __future__ import annotations

from pathlib import Path

from warehouse.store import ALIAS, Warehouse, view_names


def _snapshot_count(wh: Warehouse) -> int:
    return wh.query(f"SELECT count(*) FROM ducklake_snapshots('{ALIAS}')").fetchone()[0]


def test_an_up_to_date_schema_costs_no_catalog_commit(tmp_path: Path):
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        made = _snapshot_count(wh)
        wh.ensure_schema()
        assert _snapshot_count(wh) == made


def test_a_dropped_view_or_table_is_created_again(tmp_path: Path):
    assert "articles_latest" in view_names()
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        wh.query("DROP VIEW articles_latest")
        wh.query("DROP TABLE removed_blocks")
        wh.ensure_schema()
        assert wh.query("SELECT count(*) FROM articles_latest").fetchone() == (0,)
        assert wh.query("SELECT count(*) FROM removed_blocks").fetchone() == (0,)


def test_a_changed_schema_digest_applies_the_views_again(tmp_path: Path):
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        wh.query("UPDATE warehouse_info SET value = 'older' WHERE key = 'schema_digest'")
        wh.query("CREATE OR REPLACE VIEW articles_latest AS SELECT 1 AS stale")
        wh.ensure_schema()
        assert "stale" not in [c[0] for c in wh.query("DESCRIBE articles_latest").fetchall()]
