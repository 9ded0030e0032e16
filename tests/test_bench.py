"""`newsdistill bench` end to end on a tiny corpus: every figure it prints is measured, and adds up."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.bench import make_corpus, run_bench


def test_corpus_pages_are_all_distinct(tmp_path: Path):
    paths = make_corpus(tmp_path, 200)  # more pages than the benchmark has: copies must still differ
    for path in paths.values():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(set(lines)) == 200


@pytest.mark.slow
def test_bench_measures_every_run(prefect_harness, tmp_path: Path):
    result = run_bench(docs=12, query_rows=5000, workdir=tmp_path, progress=lambda _: None)
    runs = {r["name"]: r for r in result["runs"]}
    assert len(runs) == 4
    for run in runs.values():
        assert run["pages"] == 12 and run["pages_per_s"] > 0
        assert 0 < run["peak_pss_mb"] <= run["peak_rss_mb"]
    for name in ("newsdistill clean, HTML", "newsdistill clean, text", "newsdistill ingest, HTML"):
        # start-up ends with the first cleaned page, inside the run; the steady rate is measured after it
        assert 0 < runs[name]["startup_s"] < runs[name]["seconds"]
        assert runs[name]["steady_pages_per_s"] > 0
    ingest = runs["newsdistill ingest, HTML"]
    assert ingest["ingested"] == 12
    assert 0 <= ingest["prefect_overhead_share"] < 1
    assert [r["name"] for r in result["per_core"]] == ["raw trafilatura", "raw trafilatura + metadata",
                                                       "clean_document, HTML", "clean_document, text"]
    assert all(r["pages"] == 181 and r["pages_per_cpu_s"] > 0 for r in result["per_core"])
    assert result["queries"]["rows"] == 5000
    assert {"cold_s", "warm_s"} <= set(result["queries"]["top100_by_word_count"])
