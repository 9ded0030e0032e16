"""The ingest flow, run for real under Prefect's test harness, into a real DuckLake warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import duckdb_extensions
import pytest

from flows.ingest import ingest_flow
from tests.paths import FIXTURES
from warehouse.store import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
EXPECTED = FIXTURES / "seeds_expected"


def _count(warehouse: Path, table: str) -> int:
    with Warehouse(str(warehouse)) as wh:
        return wh.query(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_seeds_land_once_and_rerun_adds_nothing(seeds_copy: Path, warehouse_dir: Path):
    first = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    assert (first["read"], first["ingested"], first["quarantined"]) == (2, 2, 0)
    with Warehouse(str(warehouse_dir)) as wh:
        ids_before = sorted(wh.query("SELECT article_id, doc_id FROM articles").fetchall())

    second = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    assert (second["read"], second["ingested"], second["unchanged"], second["duplicate"]) == (2, 0, 2, 0)
    with Warehouse(str(warehouse_dir)) as wh:
        assert sorted(wh.query("SELECT article_id, doc_id FROM articles").fetchall()) == ids_before
        runs = wh.query("SELECT read, ingested, duplicate, quarantined FROM ingest_runs ORDER BY started_at").fetchall()
    assert runs == [(2, 2, 0, 0), (2, 0, 0, 0)]  # re-read from the same place: unchanged, not a duplicate


def test_every_table_is_filled_and_raw_bytes_are_kept(seeds_copy: Path, warehouse_dir: Path):
    ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    with Warehouse(str(warehouse_dir)) as wh:
        raw = dict(wh.query("SELECT source, data FROM raw_documents").fetchall())
        kinds = {k for (k,) in wh.query("SELECT DISTINCT kind FROM removed_blocks").fetchall()}
        titles = {t for (t,) in wh.query("SELECT title FROM articles_latest").fetchall()}
    for path in seeds_copy.iterdir():
        assert raw[str(path)] == path.read_bytes()
    assert "content" not in kinds and kinds
    assert titles == {json.loads(p.read_text())["title"] for p in EXPECTED.glob("*.json")}


def test_a_changed_page_becomes_a_new_version(seeds_copy: Path, warehouse_dir: Path):
    ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    seed = sorted(seeds_copy.iterdir())[0]
    edited = seed.read_text().replace("formally accused Iran this week", "formally and publicly accused Iran")
    assert edited != seed.read_text()
    seed.write_text(edited)
    result = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    assert (result["ingested"], result["unchanged"], result["new_versions"]) == (1, 1, 1)
    assert _count(warehouse_dir, "articles") == 3
    assert _count(warehouse_dir, "articles_latest") == 2


def test_bad_input_is_quarantined_not_lost(seeds_copy: Path, warehouse_dir: Path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    assert result["read"] == 4 and result["quarantined"] == 2 and result["ingested"] == 2
    with Warehouse(str(warehouse_dir)) as wh:
        reasons = dict(wh.query("SELECT source, reason FROM quarantine").fetchall())
    assert reasons == {str(seeds_copy / "empty.txt"): "empty", str(seeds_copy / "broken.html.gz"): "truncated_gzip"}


def test_pages_over_the_configured_cap_are_quarantined_as_too_large(seeds_copy: Path, warehouse_dir: Path):
    big = max(p.stat().st_size for p in seeds_copy.iterdir())
    small = min(p.stat().st_size for p in seeds_copy.iterdir())
    assert small < big
    result = ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir), max_page_bytes=small)
    assert result["read"] == 2 and result["quarantined"] == 1 and result["ingested"] == 1
    with Warehouse(str(warehouse_dir)) as wh:
        [(reason, detail)] = wh.query("SELECT reason, detail FROM quarantine").fetchall()
    assert reason == "too_large" and f"{small}-byte cap" in detail


def test_plain_duckdb_reads_the_same_rows(seeds_copy: Path, warehouse_dir: Path):
    """Parquet files are real (not inlined) and a plain DuckDB session can ATTACH the lake."""
    ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    files = list((warehouse_dir / "data").rglob("*.parquet"))
    assert files
    article_files = [str(f) for f in files if "/articles/" in str(f)]
    con = duckdb.connect()
    from_parquet = con.execute("SELECT count(*) FROM read_parquet(?)", [article_files]).fetchone()[0]
    duckdb_extensions.import_extension("ducklake", con=con)
    duckdb_extensions.import_extension("sqlite", con=con)
    con.execute(f"ATTACH 'ducklake:sqlite:{warehouse_dir / 'catalog.sqlite'}' AS lake (READ_ONLY)")
    attached = sorted(con.execute("SELECT title FROM lake.articles").fetchall())
    assert from_parquet == 2 and len(attached) == 2


def test_batches_end_at_their_document_count_or_their_raw_bytes():
    from flows.ingest import batched
    from schemas import Seen, SourceDocument

    small = [SourceDocument(f"s{i}", b"x" * 10) for i in range(7)]
    assert [len(b) for b in batched(small, 3, max_bytes=1000)] == [3, 3, 1]
    big = [SourceDocument(f"b{i}", b"x" * 400) for i in range(5)]
    assert [len(b) for b in batched(big, 100, max_bytes=1000)] == [3, 2]  # 1200 bytes reach the cap
    outcomes = [Seen(doc, "id") for doc in big]  # outcomes are weighed by their documents' raw bytes
    assert [len(b) for b in batched(outcomes, 100, max_bytes=1000)] == [3, 2]
    assert [b[0].source for b in batched(small + big, 100, max_bytes=1000)] == ["s0", "b3"]
