"""flows.maintain: the upkeep as a Prefect flow (what `serve` schedules), run by Prefect's engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from flows.maintain import maintain_flow

pytestmark = pytest.mark.slow


def test_the_maintain_flow_compacts_a_warehouse_the_ingest_flow_filled(
    prefect_harness, seeds_copy: Path, warehouse_dir: Path
) -> None:
    for seed in sorted(seeds_copy.glob("*.txt")):  # two runs: two snapshots, separate files
        ingest_flow([str(seed)], warehouse=str(warehouse_dir), jobs=1)
    result = maintain_flow(warehouse=str(warehouse_dir), older_than="0s")
    assert result["files_merged"] >= 2 and result["search_index_rebuilt"]
    assert result["after"]["live_files"] < result["before"]["live_files"]
