"""``newsdistill ingest`` and ``serve``: the Prefect ingest flow, once or on a schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import (
    JobsOption,
    MaxPageBytesOption,
    TimeoutOption,
    VerboseOption,
    WarehouseOption,
    err,
    existing_paths,
    fail,
    out,
    settings,
    usable_warehouse,
    warehouse_errors,
)
from flows.cli.output import render_rows
from flows.serve import DEFAULT_MAINTAIN_CRON


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to ingest."),
    warehouse: str | None = WarehouseOption,
    batch_size: int | None = typer.Option(
        None,
        "--batch-size",
        min=1,
        help="Documents per batch at most (one landing task and transaction "
        "each; default 1000); a batch also ends at 32 MB of raw pages.",
    ),
    data_path: str | None = typer.Option(
        None,
        "--data-path",
        show_default=False,
        help="Where Parquet files go, for a postgres: catalog \\[default: $NEWSDISTILL_DATA_PATH].",
    ),
    runner: str = typer.Option("local", "--runner", help="local, dask (a local Dask cluster) or dask://HOST:PORT."),
    jobs: int = JobsOption,
    timeout: float | None = TimeoutOption,
    max_page_bytes: int | None = MaxPageBytesOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", metavar="", help="Log every document's outcome and why."),
    force: bool = typer.Option(
        False,
        "--force",
        metavar="",
        help="Clean and land again documents the warehouse already holds "
        "(brings back articles deleted by mistake; raw pages are not stored twice).",
    ),
) -> None:
    """Run the Prefect ingest flow: clean pages and land them in the DuckLake warehouse.

    Ctrl-C stops after the batch being landed; running the same command again continues where it stopped."""
    existing_paths(paths)
    if runner not in ("local", "dask") and not runner.startswith("dask://"):
        raise fail(f"unknown runner {runner!r}: use local, dask or dask://HOST:PORT")
    from flows import api
    from flows.settings import open_ahead

    api.start_early()  # without PREFECT_API_URL, the temporary API server starts while the rest loads
    chosen = settings(
        warehouse=warehouse,
        data_path=data_path,
        batch_size=batch_size,
        jobs=jobs or None,
        timeout=timeout,
        max_page_bytes=max_page_bytes,
    )
    opening = open_ahead(chosen)  # the run's warehouse is opened (and made) meanwhile too
    if runner == "local":
        from cleaners.parallel import start_early

        # the cleaning workers' fork server loads (about 2 s), or for a lone page the language model, while Prefect
        # is imported
        start_early(paths)
    from flows.ingest import run_ingest
    from flows.stopping import Interrupted
    from warehouse.location import WarehouseError

    with warehouse_errors():  # a wrong path or connection string: one line, before any Prefect run starts
        opening.wait()
    try:
        result = run_ingest([str(p) for p in paths], chosen, runner=runner, verbose=verbose, force=force)
    except Interrupted as exc:
        err.print(str(exc), highlight=False)
        raise typer.Exit(130) from exc
    except (WarehouseError, ValueError) as exc:
        raise fail(str(exc)) from exc
    print_counts(result)


def serve(
    inbox: Path = typer.Option(..., "--inbox", help="Folder to ingest on every run (only new files land)."),
    cron: str | None = typer.Option(
        None, "--cron", help='Cron schedule of the ingest, e.g. "*/15 * * * *" (the default).'
    ),
    interval: int | None = typer.Option(None, "--interval", min=1, help="Seconds between ingests, instead of --cron."),
    maintain_cron: str = typer.Option(
        DEFAULT_MAINTAIN_CRON,
        "--maintain-cron",
        help="Cron schedule of the warehouse maintenance (compaction, expiry).",
    ),
    no_maintain: bool = typer.Option(
        False, "--no-maintain", metavar="", help="Do not serve the maintenance deployment."
    ),
    warehouse: str | None = WarehouseOption,
    once: bool = typer.Option(
        False, "--once", metavar="", help="Run one ingest cycle, print its counts and exit (for cron)."
    ),
    jobs: int = JobsOption,
    verbose: bool = VerboseOption,
) -> None:
    """Serve the ingest flow on an inbox folder and the maintain flow on its warehouse as scheduled Prefect
    deployments (one process; Ctrl-C or SIGTERM stops it and pauses the schedules)."""
    from flows.serve import Deployments, serve_inbox
    from flows.stopping import Interrupted
    from warehouse.location import WarehouseError

    if cron and interval:
        raise fail("pass --cron or --interval, not both")
    if not inbox.is_dir():
        raise fail(f"{inbox} is not a folder" if inbox.exists() else f"no such folder: {inbox}")
    for flag, schedule in (("--cron", cron), ("--maintain-cron", maintain_cron)):
        if schedule and not _valid_cron(schedule):
            raise fail(f'{flag} {schedule!r} is not a cron schedule (five fields, e.g. "*/15 * * * *")')
    chosen = settings(warehouse=warehouse, jobs=jobs or None)
    usable_warehouse(chosen)
    deployments = Deployments(
        inbox,
        chosen.warehouse,
        cron=cron,
        interval=interval,
        maintain_cron=None if no_maintain else maintain_cron,
        jobs=chosen.jobs,
    )
    try:
        result = serve_inbox(deployments, once=once, log=lambda m: err.print(m, highlight=False))
    except Interrupted as exc:
        err.print(str(exc), highlight=False)
        raise typer.Exit(130) from exc
    except (WarehouseError, RuntimeError, ValueError) as exc:
        raise fail(str(exc)) from exc
    if result is not None:
        print_counts(result)


def _valid_cron(schedule: str) -> bool:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=schedule)
    except ValueError:
        return False
    return True


def print_counts(result: dict) -> None:
    columns = ["read", "ingested", "unchanged", "duplicate", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)
    if result["quarantine_reasons"]:
        out.print("quarantined: " + ", ".join(f"{k} {v}" for k, v in result["quarantine_reasons"].items()))
