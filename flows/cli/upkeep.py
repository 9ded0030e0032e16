"""``newsdistill maintain`` and ``reclean``: keeping the warehouse compact and its articles current."""

from __future__ import annotations

from datetime import UTC, datetime

import typer

from flows.cli.common import JobsOption, VerboseOption, WarehouseOption, existing_warehouse, fail, out
from flows.cli.output import render_rows


def maintain(
    warehouse: str | None = WarehouseOption,
    older_than: str = typer.Option("7d", "--older-than", help="Keep snapshots and replaced files this long."),
    verbose: bool = VerboseOption,
) -> None:
    """Merge small Parquet files, expire old snapshots, delete unreferenced files (safe while readers query);
    bring article_groups and the search index up to date."""
    from flows.settings import open_warehouse
    from warehouse.location import WarehouseError
    from warehouse.maintenance import maintain as run_maintain
    from warehouse.maintenance import parse_age

    chosen = existing_warehouse(warehouse, verbose)
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
    since: str | None = typer.Option(
        None,
        "--since",
        help="Re-clean articles made by cleaner versions <= this (default: < the current cleaner version).",
    ),
    warehouse: str | None = WarehouseOption,
    jobs: int = JobsOption,
    verbose: bool = VerboseOption,
) -> None:
    """Re-run the current cleaners over stored raw pages: changed bodies become new article versions."""
    from flows.reclean import reclean_flow
    from warehouse.location import WarehouseError

    chosen = existing_warehouse(warehouse, verbose)
    try:
        result = reclean_flow(chosen.warehouse, since, jobs or None)
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    columns = ["stale", "read", "new_versions", "unchanged", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)


_TIMES = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z"]


def restore(
    snapshot: int | None = typer.Option(None, "--snapshot", min=0, help="Snapshot to go back to (see the list)."),
    before: datetime | None = typer.Option(
        None,
        "--before",
        formats=_TIMES,
        help="Go back to the last snapshot committed before this time (UTC unless a zone is given, e.g. +01:00).",
    ),
    warehouse: str | None = WarehouseOption,
    verbose: bool = VerboseOption,
) -> None:
    """Put every table back as it was at an earlier snapshot, undoing a mistaken DELETE, DROP or ingest; without
    --snapshot or --before, list the latest snapshots. The restore is a new snapshot itself, so it can be undone."""
    from flows.settings import open_warehouse
    from warehouse.location import WarehouseError
    from warehouse.snapshots import restore as run_restore
    from warehouse.snapshots import snapshot_before, snapshots

    if snapshot is not None and before is not None:
        raise fail("pass --snapshot or --before, not both")
    chosen = existing_warehouse(warehouse, verbose)
    try:
        with open_warehouse(chosen, read_only=snapshot is None and before is None) as wh:
            if snapshot is None and before is None:
                rows = [
                    (s.snapshot_id, f"{s.time.astimezone(UTC):%Y-%m-%d %H:%M:%S}", s.changes) for s in snapshots(wh)
                ]
                render_rows(["snapshot", "time (UTC)", "changes"], rows, "table", out)
                out.print("restore one with `newsdistill restore --snapshot N` (or --before TIME)")
                return
            target = snapshot if snapshot is not None else snapshot_before(wh, _aware(before))
            counts = run_restore(wh, target)
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    if verbose:
        render_rows(["table", "rows"], list(counts.items()), "table", out)
    out.print(
        f"restored snapshot {target}: {counts['articles']} article versions, {counts['raw_documents']} raw "
        "pages; undo with `newsdistill restore` and the snapshot before this one",
        highlight=False,
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
