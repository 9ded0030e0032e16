"""`newsdistill serve`: a real served deployment picks up new inbox files on schedule, and stops cleanly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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
    raise AssertionError(f"{names} did not land within {timeout} s: {proc.communicate(timeout=90)[1][-3000:]}")


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


@pytest.fixture(scope="module")
def scheduling_api(tmp_path_factory) -> Iterator[str]:
    """A real `prefect server start` with its scheduler (a fresh database; the scheduler looks every second)."""
    from flows.api import local_server

    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env |= {
        "PREFECT_HOME": str(tmp_path_factory.mktemp("prefect_home")),
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "1",
    }
    with local_server(services=True, env=env) as url:
        yield url


def _deployments(api: str) -> dict[str, dict]:
    found = httpx.post(f"{api}/deployments/filter", json={"limit": 50}, timeout=30).json()
    return {d["name"]: d for d in found}


def _stop_serving(proc: subprocess.Popen) -> str:
    children = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err[-3000:]
    deadline = time.monotonic() + 20
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(children), "serve left child processes behind"
    return err


def test_two_serves_on_one_api_land_only_their_own_inbox_on_prefects_schedule(tmp_path: Path, scheduling_api: str):
    """Two serves on one API: each has its own deployments (named after its inbox and warehouse), the server's
    scheduler creates their runs, each lands only its own files, new files land on a later cycle, and SIGTERM
    stops each cleanly. Each also serves the maintain flow of its warehouse on a nightly cron."""
    seeds = sorted(SEEDS.iterdir())
    env = {**os.environ, "PREFECT_API_URL": scheduling_api, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    places = {name: (tmp_path / f"inbox-{name}", tmp_path / f"wh-{name}") for name in ("a", "b")}
    procs = {}
    for (name, (inbox, warehouse)), seed in zip(places.items(), seeds, strict=True):
        inbox.mkdir()
        shutil.copy(seed, inbox)
        procs[name] = _serve(["--inbox", str(inbox), "--interval", "5", "--warehouse", str(warehouse), "-j", "1"], env)
    try:
        for (name, (_, warehouse)), seed in zip(places.items(), seeds, strict=True):
            _wait_for(warehouse, {seed.name}, procs[name], timeout=300)
        extra = tmp_path / "later.txt"
        extra.write_bytes(seeds[1].read_bytes().replace(b"Iran", b"Tehran"))
        shutil.copy(extra, places["a"][0])
        _wait_for(places["a"][1], {seeds[0].name, extra.name}, procs["a"], timeout=300)
        deployments = _deployments(scheduling_api)
        for proc in procs.values():
            _stop_serving(proc)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    assert _sources(places["a"][1]) == {seeds[0].name, extra.name}
    assert _sources(places["b"][1]) == {seeds[1].name}
    ingest = {n: d for n, d in deployments.items() if n.startswith("inbox-")}
    maintain = {n: d for n, d in deployments.items() if n.startswith("maintain-")}
    assert len(ingest) == 2 and len(maintain) == 2  # one of each per serve, none shared
    assert {d["parameters"]["warehouse"] for d in maintain.values()} == {str(wh) for _, wh in places.values()}
    assert all(d["schedules"][0]["schedule"]["cron"] == "0 3 * * *" for d in maintain.values())
    with Warehouse(str(places["a"][1])) as wh:
        runs = wh.query("SELECT read, ingested, duplicate FROM ingest_runs ORDER BY started_at").fetchall()
    # later cycles re-read what landed already: unchanged, not duplicates
    assert sum(i for _, i, _ in runs) == 2 and len(runs) >= 2 and all(d == 0 for _, _, d in runs)


def test_serve_once_runs_one_cycle_and_exits(tmp_path: Path, prefect_api_url: str):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    shutil.copytree(SEEDS, inbox)
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url}
    for expected in ("2\t2\t0\t0\t0", "2\t0\t2\t0\t0"):  # read, ingested, unchanged, duplicate, quarantined
        started = time.monotonic()
        proc = _serve(["--inbox", str(inbox), "--warehouse", str(warehouse), "--once", "-j", "1"], env)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-3000:]
        assert out.splitlines()[-1] == expected, out
        assert time.monotonic() - started < 60  # exits once its counts are printed
    assert _sources(warehouse) == {p.name for p in SEEDS.iterdir()}


@pytest.mark.skipif(
    not os.environ.get("NEWSDISTILL_TEST_SERVER_START"),
    reason="starts a fresh `prefect server start` (60-130 s on a busy machine): set "
    "NEWSDISTILL_TEST_SERVER_START=1 to run it",
)
def test_serve_once_starts_its_own_api_when_none_is_set_and_stops_it(tmp_path: Path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    shutil.copytree(SEEDS, inbox)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect_home")  # a fresh server database, not the user's
    proc = _serve(["--inbox", str(inbox), "--warehouse", str(warehouse), "--once", "-j", "1"], env)
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    url = re.search(r"local Prefect server at (\S+)", err)
    assert url, err[-2000:]
    assert out.splitlines()[-1] == "2\t2\t0\t0\t0", out  # read, ingested, unchanged, duplicate, quarantined
    assert _sources(warehouse) == {p.name for p in SEEDS.iterdir()}
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url.group(1)}/health", timeout=2)
