"""The ``newsdistill-maintain`` flow: warehouse upkeep (``warehouse.maintenance``) as a Prefect flow, to serve on a
schedule (``newsdistill serve`` serves it nightly beside the ingest deployment)."""

from __future__ import annotations

from prefect import flow

from flows.settings import Settings, open_warehouse
from warehouse.maintenance import maintain, parse_age


@flow(name="newsdistill-maintain")
def maintain_flow(warehouse: str | None = None, older_than: str = "7d") -> dict:
    """The same as a Prefect flow, to schedule it as a deployment (e.g. nightly)."""
    with open_warehouse(Settings.load(warehouse=warehouse)) as wh:
        return maintain(wh, parse_age(older_than))
