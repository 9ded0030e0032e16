"""Prefect artifacts published by each ingest flow run: what it read and landed, what it removed, why it
quarantined, the Parquet files it added, and where the warehouse's report is. Shown on the flow run's page in the
Prefect UI."""

from __future__ import annotations

import shlex
from pathlib import Path

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from warehouse.store import ALIAS, Warehouse

TOP_REASONS = 10
KEYS = (
    "ingest-counts",
    "ingest-boilerplate-removed",
    "ingest-quarantine-reasons",
    "ingest-parquet-files",
    "ingest-report",
)


def parquet_files(wh: Warehouse) -> set[str]:
    """Every data file of every table in the warehouse's current snapshot (catalog metadata only)."""
    tables = wh.query(f"SELECT table_name FROM duckdb_tables() WHERE database_name = '{ALIAS}'").fetchall()
    files: set[str] = set()
    for (name,) in tables:
        rows = wh.query(f"SELECT data_file FROM ducklake_list_files('{ALIAS}', '{name}')").fetchall()
        files.update(path for (path,) in rows)
    return files


def report_markdown(run_id: str, warehouse: str, report: Path | None) -> str:
    """Where this run's report is (a local warehouse's ``report.html``, rewritten by every run), and the command
    that writes one of any warehouse, for a scope of its own."""
    command = f"newsdistill report --warehouse {shlex.quote(warehouse)} -o report.html [--since DAY] [--site NAME]"
    where = (
        f"Written after run {run_id}: [{report}]({report.as_uri()})\n\nOpen `{report}` in a browser (it is "
        "one self-contained page). "
        if report
        else ""
    )
    return f"### Warehouse report\n\n{where}To write one yourself:\n\n```sh\n{command}\n```\n"


def publish_run_artifacts(
    result: dict, new_files: list[str], data_path: str, warehouse: str, report: Path | None
) -> list[str]:
    """Create the run's artifacts; return their keys."""
    counts = {k: result[k] for k in ("read", "ingested", "duplicate", "quarantined")}
    create_table_artifact(key=KEYS[0], table=[counts], description=f"Ingest run {result['run_id']}: documents")
    removed = sorted(result["removed_by_kind"].items(), key=lambda kv: (-kv[1], kv[0]))
    create_table_artifact(
        key=KEYS[1],
        table=[{"kind": k, "blocks": n} for k, n in removed],
        description="Boilerplate blocks removed, by kind",
    )
    reasons = sorted(result["quarantine_reasons"].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS]
    create_table_artifact(
        key=KEYS[2], table=[{"reason": r, "documents": n} for r, n in reasons], description="Top quarantine reasons"
    )
    lines = [f"- `{path}`" for path in sorted(new_files)] or ["(no new files: nothing landed)"]
    create_markdown_artifact(
        key=KEYS[3],
        description="Parquet files this run added",
        markdown=f"### Parquet files added by run {result['run_id']}\n\nData path: `{data_path}`\n\n"
        + "\n".join(lines)
        + "\n",
    )
    create_markdown_artifact(
        key=KEYS[4],
        description="The warehouse's HTML report",
        markdown=report_markdown(result["run_id"], warehouse, report),
    )
    return list(KEYS)
