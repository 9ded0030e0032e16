"""``newsdistill serve``: the ingest flow on an inbox folder and the maintain flow on its warehouse, served as two
scheduled Prefect deployments by one process.

Prefect's own scheduler creates the scheduled runs, so serving needs a Prefect server with its services (``prefect
server start``): ``PREFECT_API_URL`` when it is set, else one started here (``flows.api``). Each deployment's name
holds a digest of the folders it works on, so two ``serve`` processes on one API (two inboxes, or two warehouses)
never replace each other's schedule nor run each other's runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

INGEST_FLOW = "newsdistill-ingest"
MAINTAIN_FLOW = "newsdistill-maintain"
DEFAULT_CRON = "*/15 * * * *"
DEFAULT_MAINTAIN_CRON = "0 3 * * *"  # nightly


def deployment_name(kind: str, *places: str) -> str:
    """``inbox-news-3f2a9c01``: the kind, the last folder's name, and a digest of every place (full paths), so the
    name is readable and still differs for any other inbox or warehouse."""
    digest = hashlib.sha256("\0".join(places).encode()).hexdigest()[:8]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(places[0]).name or "root").strip("-")[:40]
    return f"{kind}-{stem}-{digest}"


@dataclass(frozen=True)
class Deployments:
    """What one ``serve`` process serves: ingest of an inbox into a warehouse, and maintenance of that warehouse."""

    inbox: Path
    warehouse: str
    cron: str | None = None
    interval: int | None = None
    maintain_cron: str | None = DEFAULT_MAINTAIN_CRON  # None: maintenance is not served
    jobs: int | None = None

    @property
    def ingest_name(self) -> str:
        return deployment_name("inbox", str(self.inbox.resolve()), self.warehouse)

    @property
    def maintain_name(self) -> str:
        return deployment_name("maintain", self.warehouse)

    @property
    def ingest_parameters(self) -> dict:
        return {"paths": [str(self.inbox.resolve())], "warehouse": self.warehouse, "jobs": self.jobs}

    def describe(self) -> list[str]:
        schedule = f"cron {self.cron!r}" if self.cron else f"every {self.interval} s"
        lines = [f"'{INGEST_FLOW}/{self.ingest_name}': {self.inbox} into {self.warehouse} ({schedule})"]
        if self.maintain_cron:
            lines.append(f"'{MAINTAIN_FLOW}/{self.maintain_name}': {self.warehouse} (cron {self.maintain_cron!r})")
        return lines


def _serve(deployments: Deployments) -> None:
    """Serve until Ctrl-C or SIGTERM: one run at a time, schedules paused on shutdown (which also deletes the runs
    scheduled ahead, so no later ``serve`` inherits them)."""
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner

    from flows.ingest import ingest_flow
    from flows.maintain import maintain_flow

    runner = Runner(name=deployments.ingest_name, pause_on_shutdown=True, limit=1)
    runner.add_flow(
        ingest_flow,
        name=deployments.ingest_name,
        cron=deployments.cron,
        interval=deployments.interval,
        parameters=deployments.ingest_parameters,
        entrypoint_type=EntrypointType.MODULE_PATH,
        description=f"ingest {deployments.inbox.resolve()} into {deployments.warehouse}",
    )
    if deployments.maintain_cron:
        runner.add_flow(
            maintain_flow,
            name=deployments.maintain_name,
            cron=deployments.maintain_cron,
            parameters={"warehouse": deployments.warehouse},
            entrypoint_type=EntrypointType.MODULE_PATH,
            description=f"maintain {deployments.warehouse}",
        )
    with suppress(KeyboardInterrupt):  # Ctrl-C / SIGINT: stop cleanly (SIGTERM: the runner exits 0 itself)
        asyncio.run(runner.start())


def serve_inbox(deployments: Deployments, once: bool = False, log: Callable[[str], object] = print) -> dict | None:
    """Serve the deployments (default schedule: every 15 minutes); ``once`` runs one ingest cycle and returns its
    summary instead of serving."""
    from flows.api import prefect_api
    from flows.ingest import run_ingest
    from flows.settings import Settings

    if once:
        with prefect_api(log=log):
            return run_ingest(
                deployments.ingest_parameters["paths"],
                Settings.load(warehouse=deployments.warehouse, jobs=deployments.jobs),
            )
    if deployments.cron is None and deployments.interval is None:
        deployments = replace(deployments, cron=DEFAULT_CRON)
    with prefect_api(services=True, log=log) as url:
        log(f"serving via {url}:")
        for line in deployments.describe():
            log(f"  {line}")
        _serve(deployments)
    return None
