"""`newsdistill serve`: a real served deployment picks up new inbox files on schedule, and stops cleanly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SEEDS
from warehouse.store import Warehouse

pytestmark = pytest.mark.slow


def _serve(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "flows.cli", "serve", *args]
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _sources(warehouse: Path) -> set[str]:
    if not (warehouse / "catalog.sqlite").exists():
        return set()
    try:
        with Warehouse(str(warehouse)) as wh:
            return {Path(s).name for (s,) in wh.query("SELECT source FROM articles").fetchall()}
    except Exception:
        return set()  # tables not created yet


def _wait_for(warehouse: Path, names: set[str], proc: subprocess.Popen, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        assert proc.poll() is None, f"serve exited early ({proc.returncode}): {proc.communicate()[1][-3000:]}"
        if names <= _sources(warehouse):
            return time.monotonic() - start
        time.sleep(1)
    proc.send_signal(signal.SIGINT)
    raise AssertionError(f"{names} did not land within {timeout} s: {proc.communicate(timeout=30)[1][-3000:]}")


def _children(pid: int) -> set[int]:
    """All descendants of pid, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_serve_lands_new_inbox_files_each_cycle_and_stops_on_sigterm(tmp_path: Path, prefect_api_url: str):
    seeds = sorted(SEEDS.iterdir())
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    inbox.mkdir()
    shutil.copy(seeds[0], inbox)
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    proc = _serve(["--inbox", str(inbox), "--interval", "5", "--warehouse", str(warehouse), "-j", "1"], env)
    try:
        first = _wait_for(warehouse, {seeds[0].name}, proc, timeout=90)
        shutil.copy(seeds[1], inbox)  # a new file: the next cycle lands it, the old one is not cleaned again
        second = _wait_for(warehouse, {seeds[0].name, seeds[1].name}, proc, timeout=60)
        children = _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-3000:]
    print(f"first file landed after {first:.0f} s, the second {second:.0f} s after it was dropped")
    deadline = time.monotonic() + 20
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(children), "serve left child processes behind"
    with Warehouse(str(warehouse)) as wh:
        assert wh.query("SELECT count(*) FROM articles").fetchone()[0] == 2
        runs = wh.query("SELECT ingested, duplicate FROM ingest_runs ORDER BY started_at").fetchall()
    assert sum(i for i, _ in runs) == 2 and len(runs) >= 2
    assert all(d <= 1 for _, d in runs)  # each cycle only re-reads what it already has as duplicates


def test_serve_once_runs_one_cycle_and_exits(tmp_path: Path, prefect_api_url: str):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    shutil.copytree(SEEDS, inbox)
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url}
    for expected in (r"│\s*2\s*│\s*2\s*│\s*0\s*│\s*0\s*│", r"│\s*2\s*│\s*0\s*│\s*2\s*│\s*0\s*│"):
        proc = _serve(["--inbox", str(inbox), "--warehouse", str(warehouse), "--once", "-j", "1"], env)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-3000:]
        assert re.search(expected, out), out  # read, ingested, duplicate, quarantined: then nothing new
    assert _sources(warehouse) == {p.name for p in SEEDS.iterdir()}


@pytest.mark.skipif(not os.environ.get("NEWSDISTILL_TEST_SERVER_START"),
                    reason="starts a fresh `prefect server start` (60-130 s on a busy machine): set "
                           "NEWSDISTILL_TEST_SERVER_START=1 to run it")
def test_serve_once_starts_its_own_api_when_none_is_set_and_stops_it(tmp_path: Path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    shutil.copytree(SEEDS, inbox)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect_home")  # a fresh server database, not the user's
    proc = _serve(["--inbox", str(inbox), "--warehouse", str(warehouse), "--once", "-j", "1"], env)
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    url = re.search(r"starting a local Prefect server at (\S+)", err)
    assert url, err[-2000:]
    assert re.search(r"│\s*2\s*│\s*2\s*│\s*0\s*│\s*0\s*│", out), out  # read, ingested, duplicate, quarantined
    assert _sources(warehouse) == {p.name for p in SEEDS.iterdir()}
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url.group(1)}/health", timeout=2)
