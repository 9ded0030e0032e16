"""``newsdistill maintain`` and ``reclean``: keeping the warehouse compact and its articles current."""

from __future__ import annotations

import typer

from flows.cli.common import JobsOption, WarehouseOption, existing_warehouse, fail, out
from flows.cli.output import render_rows


def maintain(
    warehouse: str | None = WarehouseOption,
    older_than: str = typer.Option("7d", "--older-than", help="Keep snapshots and replaced files this long."),
) -> None:
    """Merge small Parquet files, expire old snapshots, delete unreferenced files (safe while readers query);
    bring article_groups and the search index up to date."""
    from flows.settings import open_warehouse
    from warehouse.location import WarehouseError
    from warehouse.maintenance import maintain as run_maintain
    from warehouse.maintenance import parse_age

    chosen = existing_warehouse(warehouse)
    try:
        age = parse_age(older_than)
        with open_warehouse(chosen) as wh:
            result = run_maintain(wh, age)
    except (WarehouseError, ValueError) as exc:
        raise fail(str(exc)) from exc
    rows = [(k, v) for k, v in result.items() if k not in ("before", "after")]
    rows += [(f"{k} before -> after", f"{result['before'][k]} -> {result['after'][k]}") for k in result["before"]]
    render_rows(["step", "result"], rows, "table", out)


def reclean(
    since: str | None = typer.Option(None, "--since", help="Re-clean articles made by cleaner versions <= this "
                                     "(default: < the current cleaner version)."),
    warehouse: str | None = WarehouseOption,
    jobs: int = JobsOption,
) -> None:
    """Re-run the current cleaners over stored raw pages: changed bodies become new article versions."""
    from flows.reclean import reclean_flow
    from warehouse.location import WarehouseError

    chosen = existing_warehouse(warehouse)
    try:
        result = reclean_flow(chosen.warehouse, since, jobs or None)
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    columns = ["stale", "read", "new_versions", "unchanged", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)
