"""Shared fixtures: a real Prefect test server (session-scoped) and fresh warehouses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's real engine against a temporary API server, started once for the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def warehouse_dir(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The seed documents in a folder the test may change."""
    target = tmp_path / "inbox"
    shutil.copytree(SEEDS, target)
    return target
