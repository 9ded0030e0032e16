"""Shared fixtures: a real Prefect test server (session-scoped) and fresh warehouses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows.settings import prefect_environment

prefect_environment()  # as the command line does, before anything imports Prefect

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's real engine against a temporary API server, started once for the session (once per test worker:
    ``make test`` runs the files in three processes, whose servers start at the same time on two cores)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
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


AEB = ROOT / "tests" / "aeb"


@pytest.fixture(scope="session")
def text_corpus(tmp_path_factory) -> Path:
    """The benchmark's plain-text pages as a folder of .txt inputs (fast to clean)."""
    target = tmp_path_factory.mktemp("text_corpus")
    for page in sorted((AEB / "plaintext").glob("*.txt")):
        (target / page.name).write_bytes(page.read_bytes())
    return target


@pytest.fixture(scope="session")
def prefect_api_url(prefect_harness) -> str:
    """The harness server's URL, so child processes reuse it instead of starting their own."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def ingest_process(paths: list[Path], warehouse: str, api_url: str, *extra: str):
    """Start `newsdistill ingest` as a real child process."""
    import subprocess
    import sys

    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "WARNING"}
    cmd = [sys.executable, "-m", "flows.cli", "ingest", *map(str, paths), "--warehouse", warehouse, *extra]
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def postgres_dsn() -> str | None:
    """The machine's PostgreSQL, or None (tests skip only outside CI)."""
    import psycopg

    dsn = os.environ.get("NEWSDISTILL_TEST_PG", "dbname=test host=127.0.0.1 user=postgres")
    try:
        psycopg.connect(dsn, connect_timeout=3).close()
    except psycopg.Error:
        if os.environ.get("CI"):
            raise
        return None
    return dsn


@pytest.fixture
def pg_location(tmp_path: Path):
    """A DuckLake location on PostgreSQL in a fresh catalog schema, dropped afterwards."""
    import uuid

    import psycopg

    dsn = postgres_dsn()
    if dsn is None:
        pytest.skip("no PostgreSQL server answers at 127.0.0.1:5432 (set NEWSDISTILL_TEST_PG); CI always runs this")
    schema = f"nd_test_{uuid.uuid4().hex[:10]}"
    yield f"postgres:{dsn} schema={schema} data_path={tmp_path / 'pgdata'}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
