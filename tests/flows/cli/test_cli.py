"""The newsdistill command line, driven as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_clean_prints_one_json_record_per_input(seeds_copy: Path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["clean", str(seeds_copy), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    articles = [r for r in records if "quarantine" not in r]
    for record in articles:
        for key in ("source", "title", "body", "authors", "published_at", "site_name", "section", "language"):
            assert key in record
        assert all({"kind", "text"} <= set(block) for block in record["removed"])
    (quarantined,) = [r for r in records if "quarantine" in r]
    assert quarantined["quarantine"]["reason"] == "empty"


def test_clean_reads_gzip_and_writes_a_file(seeds_copy: Path, tmp_path: Path):
    import gzip

    seed = sorted(seeds_copy.glob("*.txt"))[0]
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(seed.read_bytes()))
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["clean", str(packed), "--format", "json", "-o", str(target), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(target.read_text())
    assert record["source"] == str(packed) and record["body"]


def test_clean_names_a_missing_path():
    result = runner.invoke(app, ["clean", "no/such/place"])
    assert result.exit_code == 2
    assert "no such file or folder: no/such/place" in result.output


def test_query_without_a_warehouse_says_what_to_do(tmp_path: Path):
    result = runner.invoke(app, ["query", "SELECT 1", "--warehouse", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "run `newsdistill ingest PATH` first" in result.output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_ingest_then_query_as_csv_and_json(seeds_copy: Path, warehouse_dir: Path):
    result = runner.invoke(app, ["ingest", str(seeds_copy), "--warehouse", str(warehouse_dir)])
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output
    csv_out = runner.invoke(app, ["query", "SELECT count(*) AS n FROM articles", "-f", "csv", "-w", str(warehouse_dir)])
    assert csv_out.stdout.splitlines() == ["n", "2"]
    json_out = runner.invoke(app, ["query", "SELECT source FROM raw_documents ORDER BY source", "-f", "json",
                                   "-w", str(warehouse_dir)])
    assert [r["source"] for r in json.loads(json_out.stdout)] == sorted(str(p) for p in seeds_copy.iterdir())
    bad = runner.invoke(app, ["query", "SELECT * FROM nowhere", "-w", str(warehouse_dir)])
    assert bad.exit_code == 2 and "query failed" in bad.output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_ingest_verbose_logs_every_document_decision(seeds_copy: Path, warehouse_dir: Path, caplog):
    (seeds_copy / "empty.txt").write_bytes(b"")
    with caplog.at_level("INFO"):
        result = runner.invoke(app, ["ingest", str(seeds_copy), "-w", str(warehouse_dir), "--verbose"])
    assert result.exit_code == 0, result.output
    decisions = [r.getMessage() for r in caplog.records if r.getMessage().startswith("  ")]
    assert len(decisions) == 3
    assert any("empty.txt: quarantined (empty)" in line for line in decisions)
    assert sum(": ingested (article " in line for line in decisions) == 2
