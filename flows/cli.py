"""The ``newsdistill`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from flows.output import dumps, render_rows

app = typer.Typer(help="Boilerplate-stripping ingestion for scraped news.", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Measure cleaning quality on benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # long paths in messages stay copyable


class CleanFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def clean_output(outcome) -> dict:
    """The JSON record ``clean`` prints for one input (an article, or why it was quarantined)."""
    if outcome.record is None:
        return {"source": outcome.doc.source, "quarantine": {"reason": outcome.quarantine_reason,
                                                             "detail": outcome.quarantine_detail}}
    record = {k: v for k, v in outcome.record.items()}
    record["removed"] = [{"kind": b["kind"], "reason": b["reason"], "text": b["text"]} for b in outcome.removed]
    return record


@app.command()
def clean(
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt .html .htm .jsonl .warc, optionally .gz)."),
    format: CleanFormat = typer.Option(CleanFormat.jsonl, "--format", "-f", help="jsonl, json or text."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = all cores)."),
) -> None:
    """Clean pages without Prefect or a warehouse: one JSON record per input."""
    from cleaners.decoders import iter_files, read_inputs
    from flows.cleaning import clean_stream

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    records = (clean_output(o) for o in clean_stream(read_inputs(paths), jobs=jobs or None, progress=err,
                                                        total=sum(1 for _ in iter_files(paths))))
    try:
        if format is CleanFormat.json:
            sink.write(dumps(list(records), indent=2) + "\n")
        for record in records:
            if format is CleanFormat.jsonl:
                sink.write(dumps(record) + "\n")
            else:
                sink.write(_as_text(record))
    finally:
        if output:
            sink.close()


def _as_text(record: dict) -> str:
    if "quarantine" in record:
        return f"# {record['source']}\n(quarantined: {record['quarantine']['reason']})\n\n"
    return f"# {record.get('title') or record['source']}\n\n{record['body']}\n\n"


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to ingest."),
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE",
                                         help="Warehouse folder, or a postgres: catalog string."),
    batch_size: int = typer.Option(200, "--batch-size", help="Documents per Prefect task."),
    data_path: str | None = typer.Option(None, "--data-path", envvar="NEWSDISTILL_DATA_PATH",
                                         help="Where Parquet files go, for a postgres: catalog."),
    runner: str = typer.Option("local", "--runner", help="local, dask (a local Dask cluster) or dask://HOST:PORT."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes with the local runner (0 = all cores)."),
) -> None:
    """Run the Prefect ingest flow: clean pages and land them in the DuckLake warehouse."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    from flows.ingest import run_ingest
    from flows.warehouse import WarehouseError

    if warehouse and data_path and warehouse.startswith("postgres:"):
        warehouse = f"{warehouse} data_path={data_path}"
    try:
        result = run_ingest([str(p) for p in paths], warehouse=warehouse, batch_size=batch_size, runner=runner,
                            jobs=jobs or None)
    except (WarehouseError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    columns = ["read", "ingested", "duplicate", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)
    if result["quarantine_reasons"]:
        out.print("quarantined: " + ", ".join(f"{k} {v}" for k, v in result["quarantine_reasons"].items()))


@app.command()
def query(
    sql: str = typer.Argument(..., help="DuckDB SQL over the warehouse tables and views."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE"),
) -> None:
    """Run SQL against the warehouse."""
    import duckdb

    from flows.warehouse import Warehouse, WarehouseError, default_location

    location = warehouse or default_location()
    if not location.startswith("postgres:") and not (Path(location) / "catalog.sqlite").exists():
        raise _fail(f"no warehouse at {location}: run `newsdistill ingest PATH` first, or pass --warehouse")
    try:
        with Warehouse(location) as wh:
            cursor = wh.query(sql)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if columns else []
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    except duckdb.Error as exc:
        raise _fail(f"query failed: {exc}") from exc
    render_rows(columns, rows, format.value, out)


@eval_app.command("aeb")
def eval_aeb(
    path: str = typer.Option("html", "--path", help="html or text."),
    split: str = typer.Option("all", "--split", help="all, tune or holdout."),
    jobs: int = typer.Option(2, "--jobs", "-j"),
) -> None:
    """Score the cleaner on the article-extraction benchmark beside a baseline measured in the same run."""
    from flows.evaluation import run_aeb

    if path not in ("html", "text") or split not in ("all", "tune", "holdout"):
        raise _fail("--path must be html or text; --split all, tune or holdout")
    report = run_aeb(path, split, jobs)
    rows = [
        ("newsdistill", report.ours.precision, report.ours.recall, report.ours.f1, report.ours.empty_predictions),
        (report.baseline_name, report.baseline.precision, report.baseline.recall, report.baseline.f1,
         report.baseline.empty_predictions),
    ]
    out.print(f"[bold]AEB {path} path, split {split} ({report.ours.pages} pages)[/]")
    render_rows(["extractor", "precision", "recall", "F1", "empty"],
                [(n, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", e) for n, p, r, f, e in rows], "table", out)
    render_rows(["worst page", "F1", "precision", "recall"],
                [(s.page_id[:16], f"{s.f1:.3f}", f"{s.precision or 0:.3f}", f"{s.recall or 0:.3f}")
                 for s in report.worst], "table", out)


def main() -> None:
    app()


if __name__ == "__main__":
    main()


from flows import cli_analytics  # noqa: E402,F401  (registers analytics commands on app)
