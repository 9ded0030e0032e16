"""Distributed runs: the ingest flow on a real Dask cluster with worker processes equals a local run."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest_flow, run_ingest
from flows.settings import Settings
from warehouse.store import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
KEY = "SELECT article_id, version, doc_id, content_hash, title FROM articles ORDER BY ALL"


def _articles(location: Path) -> list[tuple]:
    with Warehouse(str(location)) as wh:
        return wh.query(KEY).fetchall()


@pytest.fixture(scope="module")
def corpus(text_corpus: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask_corpus")
    for page in sorted(text_corpus.iterdir())[:60]:
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


def test_existing_dask_cluster_matches_local_run(corpus: Path, tmp_path: Path):
    from distributed import LocalCluster

    local = ingest_flow([str(corpus)], warehouse=str(tmp_path / "local"), batch_size=15, jobs=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        distributed = run_ingest(
            [str(corpus)], Settings.load(warehouse=str(tmp_path / "dask"), batch_size=15), runner=f"dask://{address}"
        )
    assert distributed["ingested"] == local["ingested"] > 0
    assert _articles(tmp_path / "dask") == _articles(tmp_path / "local")


def test_runner_dask_starts_its_own_cluster(corpus: Path, tmp_path: Path):
    result = run_ingest([str(corpus)], Settings.load(warehouse=str(tmp_path / "own"), batch_size=30), runner="dask")
    assert result["read"] == 60 and result["ingested"] + result["quarantined"] + result["duplicate"] == 60
