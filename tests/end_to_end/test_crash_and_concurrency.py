"""Crash safety and concurrency with real ingest processes on real catalogs (SQLite and PostgreSQL)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from flows.ingest import ingest_flow
from tests.conftest import ingest_process
from warehouse.store import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

ARTICLE_KEY = "SELECT article_id, version, doc_id, content_hash FROM articles ORDER BY ALL"


def _rows(location: str, sql: str = ARTICLE_KEY) -> list[tuple]:
    with Warehouse(location) as wh:
        return wh.query(sql).fetchall()


def _articles_so_far(location: Path) -> int:
    if not (location / "catalog.sqlite").exists():
        return 0
    try:
        return _rows(str(location), "SELECT count(*) FROM articles")[0][0]
    except Exception:
        return 0


def _finish(proc, timeout: float = 240) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"ingest failed ({proc.returncode}):\n{out}\n{err}"
    return out


@pytest.fixture(scope="module")
def long_corpus(text_corpus: Path, tmp_path_factory) -> Path:
    """Three distinct copies of every page: a run long enough (seconds) to be killed in the middle."""
    target = tmp_path_factory.mktemp("long_corpus")
    for page in sorted(text_corpus.iterdir()):
        for copy in range(3):
            (target / f"{copy}-{page.name}").write_bytes(page.read_bytes() + f"\nCopy {copy}\n".encode())
    return target


def test_kill_9_mid_run_then_rerun_equals_uninterrupted_run(long_corpus: Path, tmp_path: Path, prefect_api_url: str):
    reference = tmp_path / "reference"
    ingest_flow([str(long_corpus)], warehouse=str(reference), batch_size=20)
    expected = _rows(str(reference))

    killed = tmp_path / "killed"
    proc = ingest_process([long_corpus], str(killed), prefect_api_url, "--batch-size", "20")
    deadline = time.time() + 180
    while _articles_so_far(killed) < 40 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    landed = _articles_so_far(killed)
    assert 0 < landed < len(expected)
    assert landed % 20 == 0 or landed == len(expected), "a partial batch landed"

    _finish(ingest_process([long_corpus], str(killed), prefect_api_url, "--batch-size", "20"))
    assert _rows(str(killed)) == expected


def test_two_concurrent_runs_on_one_sqlite_catalog(text_corpus: Path, tmp_path: Path, prefect_api_url: str):
    location = str(tmp_path / "shared")
    pages = sorted(text_corpus.iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for i, page in enumerate(pages):  # overlapping halves: the middle third is in both
        if i < 2 * len(pages) // 3:
            (first / page.name).write_bytes(page.read_bytes())
        if i >= len(pages) // 3:
            (second / page.name).write_bytes(page.read_bytes())
    procs = [ingest_process([d], location, prefect_api_url, "--batch-size", "25") for d in (first, second)]
    for proc in procs:
        _finish(proc)
    rows = _rows(location, "SELECT doc_id, count(*) FROM articles GROUP BY 1 HAVING count(*) > 1")
    assert rows == [], "an article landed twice"
    distinct_bodies = len({p.read_bytes() for p in pages})
    landed = _rows(location, "SELECT count(DISTINCT doc_id) FROM articles")[0][0]
    assert landed + _quarantined(location) == distinct_bodies
    runs = _rows(location, "SELECT read, ingested, duplicate, quarantined FROM ingest_runs")
    assert len(runs) == 2 and all(r == i + d + q for r, i, d, q in runs)


def _quarantined(location: str) -> int:
    return _rows(location, "SELECT count(*) FROM quarantine")[0][0]


def test_four_concurrent_writers_on_a_postgres_catalog(
    text_corpus: Path, tmp_path: Path, prefect_api_url: str, pg_location: str
):
    pages = sorted(text_corpus.iterdir())[:80]
    folders = []
    for n in range(4):  # each writer gets 40 pages; neighbours overlap by 20
        folder = tmp_path / f"host{n}"
        folder.mkdir()
        for page in pages[n * 13 : n * 13 + 40]:
            (folder / page.name).write_bytes(page.read_bytes())
        folders.append(folder)
    procs = [ingest_process([f], pg_location, prefect_api_url, "--batch-size", "10") for f in folders]
    for proc in procs:
        _finish(proc)
    distinct = {p.read_bytes() for f in folders for p in f.iterdir()}
    landed = _rows(pg_location, "SELECT count(*), count(DISTINCT doc_id) FROM articles")[0]
    assert landed[0] == landed[1], "an article landed twice"
    assert landed[0] + _quarantined(pg_location) == len(distinct)
