"""``newsdistill report``: the self-contained HTML report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from flows.cli.common import VerboseOption, WarehouseOption, existing_warehouse, fail, out


def report(
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    since: datetime | None = typer.Option(
        None, "--since", formats=["%Y-%m-%d"], help="Only articles published (inputs quarantined) on or after this day."
    ),
    site: str | None = typer.Option(
        None, "--site", help="Only sites whose name (the domain when a page has none) contains this."
    ),
    warehouse: str | None = WarehouseOption,
    verbose: bool = VerboseOption,
) -> None:
    """Write a self-contained HTML report of the warehouse: volume over time, sites, boilerplate, quarantine."""
    import time

    from warehouse.location import WarehouseError
    from warehouse.report import Scope, write_report

    chosen = existing_warehouse(warehouse, verbose)
    start = time.perf_counter()
    try:
        data = write_report(chosen.warehouse, output, Scope(since.date() if since else None, site))
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    totals = data.totals
    out.print(
        f"wrote {output} ({totals['articles']} articles from {totals['sites']} sites, "
        f"{totals['quarantined']} quarantined) in {time.perf_counter() - start:.1f} s"
    )
