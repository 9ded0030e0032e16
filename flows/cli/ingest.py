"""``newsdistill ingest`` and ``serve``: the Prefect ingest flow, once or on a schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import WarehouseOption, err, existing_paths, fail, out, settings
from flows.cli.output import render_rows


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to ingest."),
    warehouse: str | None = WarehouseOption,
    batch_size: int | None = typer.Option(None, "--batch-size",
                                          help="Documents per batch at most (one landing task and transaction "
                                               "each; default 1000); a batch also ends at 32 MB of raw pages."),
    data_path: str | None = typer.Option(None, "--data-path", show_default=False,
                                         help="Where Parquet files go, for a postgres: catalog "
                                              "[default: $NEWSDISTILL_DATA_PATH]."),
    runner: str = typer.Option("local", "--runner", help="local, dask (a local Dask cluster) or dask://HOST:PORT."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes with the local runner (0 = all cores)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every document's outcome and why."),
) -> None:
    """Run the Prefect ingest flow: clean pages and land them in the DuckLake warehouse."""
    existing_paths(paths)
    if runner == "local":
        from cleaners.parallel import start_early

        start_early()  # the cleaning workers' fork server loads (about 2 s) while Prefect is imported
    from flows.ingest import run_ingest
    from warehouse.location import WarehouseError

    chosen = settings(warehouse=warehouse, data_path=data_path, batch_size=batch_size, jobs=jobs or None)
    try:
        result = run_ingest([str(p) for p in paths], chosen, runner=runner, verbose=verbose)
    except (WarehouseError, ValueError) as exc:
        raise fail(str(exc)) from exc
    columns = ["read", "ingested", "duplicate", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)
    if result["quarantine_reasons"]:
        out.print("quarantined: " + ", ".join(f"{k} {v}" for k, v in result["quarantine_reasons"].items()))


def serve(
    inbox: Path = typer.Option(..., "--inbox", help="Folder to ingest on every run (only new files land)."),
    cron: str | None = typer.Option(None, "--cron", help='Cron schedule, e.g. "*/15 * * * *" (the default).'),
    interval: int | None = typer.Option(None, "--interval", help="Seconds between runs, instead of --cron."),
    warehouse: str | None = WarehouseOption,
    once: bool = typer.Option(False, "--once", help="Run one ingest cycle and exit."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes per run (0 = all cores)."),
) -> None:
    """Serve the ingest flow as a scheduled Prefect deployment on an inbox folder."""
    from flows.serve import serve_inbox
    from warehouse.location import WarehouseError

    if cron and interval:
        raise fail("pass --cron or --interval, not both")
    if not inbox.is_dir():
        raise fail(f"no such folder: {inbox}")
    chosen = settings(warehouse=warehouse, jobs=jobs or None)
    try:
        result = serve_inbox(inbox, chosen.warehouse, cron=cron, interval=interval, once=once, jobs=jobs or None,
                             log=err.print)
    except (WarehouseError, RuntimeError, ValueError) as exc:
        raise fail(str(exc)) from exc
    if result is not None:
        columns = ["read", "ingested", "duplicate", "quarantined"]
        render_rows(columns, [tuple(result[c] for c in columns)], "table", out)
