"""A warehouse written by an older schema version is migrated in place, its rows kept, and accepts new ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.parallel import clean_many
from cleaners.read import read_inputs
from schemas import SCHEMA_VERSION, TABLES
from tests.paths import SEEDS
from warehouse.landing import land
from warehouse.store import Warehouse, WarehouseError, create_table_sql


def _v1_warehouse(location: Path) -> None:
    """A warehouse as schema v1 created it: articles without body_markdown, one article already landed."""
    v1_articles = TABLES["articles"].remove(TABLES["articles"].get_field_index("body_markdown"))
    with Warehouse(str(location)) as wh:
        wh.con.execute("CREATE TABLE warehouse_info (key VARCHAR, value VARCHAR)")
        wh.con.execute("INSERT INTO warehouse_info VALUES ('schema_version', '1')")
        wh.con.execute(create_table_sql("articles", v1_articles))
        wh.con.execute(
            "INSERT INTO articles (article_id, version, doc_id, run_id, source, body, content_hash, "
            "ingested_at, schema_version) VALUES ('old', 1, 'd0', 'r0', 'old.txt', 'An old body.', 'h0', "
            "now(), 1)"
        )


def test_a_v1_warehouse_is_migrated_and_keeps_its_rows(tmp_path: Path):
    location = tmp_path / "wh"
    _v1_warehouse(location)
    with Warehouse(str(location)) as wh:
        wh.ensure_schema()
        version = wh.query("SELECT value FROM warehouse_info WHERE key = 'schema_version'").fetchone()[0]
        counts = land(wh, list(clean_many(read_inputs([SEEDS]), jobs=1)), "run-2")
        rows = wh.query("SELECT article_id, body, body_markdown FROM articles_latest ORDER BY source").fetchall()
    assert version == str(SCHEMA_VERSION) == "2"
    assert counts.ingested == 2
    assert ("old", "An old body.", None) in rows  # the old row is kept, with no Markdown body
    assert all(markdown for article_id, _, markdown in rows if article_id != "old")


def test_a_newer_warehouse_is_refused(tmp_path: Path):
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        wh.con.execute("UPDATE warehouse_info SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
        with pytest.raises(WarehouseError, match="newer"):
            wh.ensure_schema()
