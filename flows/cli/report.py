"""``newsdistill report``: the self-contained HTML report."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import WarehouseOption, existing_warehouse, fail, out


def report(
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    warehouse: str | None = WarehouseOption,
) -> None:
    """Write a self-contained HTML report of the warehouse (charts and the latest articles)."""
    from warehouse.location import WarehouseError
    from warehouse.report import write_report

    chosen = existing_warehouse(warehouse)
    try:
        data = write_report(chosen.warehouse, output)
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    out.print(f"wrote {output} ({data.totals['articles']} articles, {data.totals['quarantined']} quarantined)")
