"""``newsdistill serve``: the ingest flow as a scheduled Prefect deployment watching an inbox folder.

Schedules need a real Prefect API. With ``PREFECT_API_URL`` set, that one is used; without it a local
``prefect server start`` is run as a child process on a free localhost port for as long as ``serve`` runs.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import httpx

DEPLOYMENT_NAME = "inbox"
SERVER_START_TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"`prefect server start` exited with code {proc.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the local Prefect server at {url} did not answer /api/health within {timeout:.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def prefect_api(log=print) -> Iterator[str]:
    """Yield the Prefect API URL: ``PREFECT_API_URL`` when set, else a local server started (and stopped) here."""
    url = os.environ.get("PREFECT_API_URL")
    if url:
        yield url
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log(f"PREFECT_API_URL is not set: starting a local Prefect server at {url}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        _wait_healthy(url, proc, SERVER_START_TIMEOUT)
        os.environ["PREFECT_API_URL"] = url  # this process and the flow runs it starts
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        _stop(proc)


async def _keep_scheduled(deployment_id: UUID, cron: str | None, interval: int | None) -> None:
    """Create the deployment's next scheduled run, one ahead, from this process.

    The API's own scheduler cannot do it with the pinned SQLAlchemy 2.1 (its bulk insert of scheduled runs
    fails with "Can't evaluate bulk DML statement"), and an ephemeral API runs no scheduler at all. Runs
    created one at a time (as ``prefect deployment run`` does) work; the idempotency key matches one run
    per slot, so a working server scheduler and this never double a run.
    """
    from prefect.client.orchestration import get_client
    from prefect.server.schemas.schedules import CronSchedule, IntervalSchedule
    from prefect.states import Scheduled

    schedule = CronSchedule(cron=cron) if cron else IntervalSchedule(interval=timedelta(seconds=interval or 900))
    async with get_client() as client:
        after, waiting = datetime.now(UTC), None
        while True:
            (when,) = await schedule.get_dates(n=1, start=after + timedelta(microseconds=1))
            if waiting is None or not (await client.read_flow_run(waiting)).state.is_scheduled():
                run = await client.create_flow_run_from_deployment(
                    deployment_id, state=Scheduled(scheduled_time=when),
                    idempotency_key=f"scheduled {deployment_id} {when.isoformat()}",
                )
                waiting = run.id
            # else: a run still waits to start (the last one is slow); it will take everything new anyway
            after = when
            await asyncio.sleep(max((when - datetime.now(UTC)).total_seconds(), 0))


def _serve(flow, cron: str | None, interval: int | None, **options) -> None:
    """``flow.serve(name=...)`` (one run at a time, schedule paused on shutdown) plus ``_keep_scheduled``."""
    from prefect.runner import Runner

    runner = Runner(name=DEPLOYMENT_NAME, pause_on_shutdown=True, limit=1)
    deployment_id = runner.add_flow(flow, name=DEPLOYMENT_NAME, cron=cron, interval=interval, **options)

    async def main() -> None:
        keeper = asyncio.create_task(_keep_scheduled(deployment_id, cron, interval))
        try:
            await runner.start()
        finally:
            keeper.cancel()

    with suppress(KeyboardInterrupt):  # Ctrl-C / SIGINT: stop cleanly (SIGTERM: the runner exits 0 itself)
        asyncio.run(main())


def serve_inbox(inbox: Path, warehouse: str | None, cron: str | None = None, interval: int | None = None,
                once: bool = False, jobs: int | None = None, log=print) -> dict | None:
    """Serve the ingest flow on ``inbox`` with a cron or interval schedule (default: every 15 minutes).

    ``once`` runs one ingest cycle through the API and returns its summary instead of serving.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if cron is None and interval is None:
        cron = "*/15 * * * *"
    parameters = {"paths": [str(inbox.resolve())], "warehouse": warehouse, "jobs": jobs}
    with prefect_api(log) as url, temporary_settings(updates={PREFECT_API_URL: url}):
        from prefect.deployments.runner import EntrypointType

        from flows.ingest import ingest_flow

        if once:
            return ingest_flow(**parameters)
        schedule = f"cron {cron!r}" if cron else f"every {interval} s"
        log(f"serving deployment 'newsdistill-ingest/{DEPLOYMENT_NAME}' on {inbox} ({schedule}) via {url}")
        _serve(ingest_flow, cron=cron, interval=interval, parameters=parameters,
               entrypoint_type=EntrypointType.MODULE_PATH)
    return None
