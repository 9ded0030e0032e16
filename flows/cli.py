"""The ``newsdistill`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from flows.bench import DEFAULT_STEPS, STEPS
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


def existing_warehouse(warehouse: str | None) -> str:
    """The warehouse location to read, failing with what to do when a local one does not exist yet."""
    from flows.warehouse import default_location

    location = warehouse or default_location()
    if not location.startswith("postgres:") and not (Path(location) / "catalog.sqlite").exists():
        raise _fail(f"no warehouse at {location}: run `newsdistill ingest PATH` first, or pass --warehouse")
    return location


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
    batch_size: int | None = typer.Option(None, "--batch-size",
                                          help="Documents per batch at most (one landing task and transaction "
                                               "each; default 1000); a batch also ends at 32 MB of raw pages."),
    data_path: str | None = typer.Option(None, "--data-path", envvar="NEWSDISTILL_DATA_PATH",
                                         help="Where Parquet files go, for a postgres: catalog."),
    runner: str = typer.Option("local", "--runner", help="local, dask (a local Dask cluster) or dask://HOST:PORT."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes with the local runner (0 = all cores)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every document's outcome and why."),
) -> None:
    """Run the Prefect ingest flow: clean pages and land them in the DuckLake warehouse."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    if runner == "local":
        from cleaners.parallel import start_early

        start_early()  # the cleaning workers' fork server loads (about 2 s) while Prefect is imported
    from flows.ingest import run_ingest
    from flows.warehouse import WarehouseError

    if warehouse and data_path and warehouse.startswith("postgres:"):
        warehouse = f"{warehouse} data_path={data_path}"
    try:
        result = run_ingest([str(p) for p in paths], warehouse=warehouse, batch_size=batch_size, runner=runner,
                            jobs=jobs or None, verbose=verbose)
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

    from flows.warehouse import Warehouse, WarehouseError

    location = existing_warehouse(warehouse)
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


@eval_app.command("metadata")
def eval_metadata(jobs: int = typer.Option(2, "--jobs", "-j")) -> None:
    """Metadata coverage on the benchmark's HTML pages: domain, title, date and language."""
    from cleaners.meta_coverage import TARGETS
    from flows.evaluation import metadata_report

    figures = metadata_report(jobs)
    rows = [(name, f"{value:.4f}" if isinstance(value, float) else value,
             f">= {TARGETS[name]}" if name in TARGETS else "")
            for name, value in figures.items() if name not in ("misses", "meets_targets")]
    render_rows(["figure", "value", "target"], rows, "table", out)
    for name, pages in figures["misses"].items():
        out.print(f"misses {name}: {', '.join(p[:12] for p in pages[:10])}")
    if not figures["meets_targets"]:
        raise typer.Exit(1)


@app.command()
def serve(
    inbox: Path = typer.Option(..., "--inbox", help="Folder to ingest on every run (only new files land)."),
    cron: str | None = typer.Option(None, "--cron", help='Cron schedule, e.g. "*/15 * * * *" (the default).'),
    interval: int | None = typer.Option(None, "--interval", help="Seconds between runs, instead of --cron."),
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE"),
    once: bool = typer.Option(False, "--once", help="Run one ingest cycle and exit."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes per run (0 = all cores)."),
) -> None:
    """Serve the ingest flow as a scheduled Prefect deployment on an inbox folder."""
    from flows.serve import serve_inbox
    from flows.warehouse import WarehouseError

    if cron and interval:
        raise _fail("pass --cron or --interval, not both")
    if not inbox.is_dir():
        raise _fail(f"no such folder: {inbox}")
    if warehouse and not warehouse.startswith("postgres:"):
        warehouse = str(Path(warehouse).resolve())
    try:
        result = serve_inbox(inbox, warehouse, cron=cron, interval=interval, once=once, jobs=jobs or None,
                             log=err.print)
    except (WarehouseError, RuntimeError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    if result is not None:
        columns = ["read", "ingested", "duplicate", "quarantined"]
        render_rows(columns, [tuple(result[c] for c in columns)], "table", out)


@app.command()
def report(
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE"),
) -> None:
    """Write a self-contained HTML report of the warehouse (charts and the latest articles)."""
    from flows.report import write_report
    from flows.warehouse import WarehouseError

    location = existing_warehouse(warehouse)
    try:
        data = write_report(location, output)
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"wrote {output} ({data.totals['articles']} articles, {data.totals['quarantined']} quarantined)")




@app.command()
def bench(
    docs: int = typer.Option(2000, "--docs", help="Documents in the generated corpus (HTML and as many text)."),
    query_rows: int = typer.Option(100_000, "--query-rows", help="Synthetic articles for the query timings."),
    out_path: Path = typer.Option(Path("bench-results/bench.json"), "--out", help="Write the figures here as JSON."),
    only: str = typer.Option(",".join(DEFAULT_STEPS), "--only",
                             help=f"Comma-separated steps to run, of: {', '.join(STEPS)}."),
) -> None:
    """Measure pages/s, MB/s and peak memory: raw trafilatura, clean (HTML, text), ingest; and query times."""
    import json

    from flows.bench import run_bench

    try:
        result = run_bench(docs, query_rows, progress=lambda m: err.print(m, highlight=False),
                           only=tuple(s.strip() for s in only.split(",") if s.strip()))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--only") from exc
    columns = ["run", "pages/s", "steady pages/s", "start s", "MB/s", "peak PSS MB", "vs trafilatura"]
    rows = [(r["name"], r["pages_per_s"], r.get("steady_pages_per_s", ""), r.get("startup_s", ""), r["mb_per_s"],
             r["peak_pss_mb"], f"{r['vs_raw_trafilatura']}x" if "vs_raw_trafilatura" in r else "")
            for r in result["runs"]]
    render_rows(columns, rows, "table", out)
    out.print("steady pages/s: from the first cleaned page to the last, without start-up (start s: worker start "
              "and loading) or the final landing")
    for run in result["runs"]:
        out.print(f"{run['name']} memory: peak PSS by quarter {' / '.join(map(str, run['pss_by_quarter_mb']))} MB; "
                  f"peak RSS summed over processes {run['peak_rss_mb']} MB")
    for run in (r for r in result["runs"] if "clean_s" in r):
        out.print(f"{run['name']} waited on: reading + cleaning {run['clean_s']} s, landing {run['land_s']} s, "
                  f"analytics {run['analytics_s']} s; Prefect overhead {run['prefect_overhead_s']} s "
                  f"({run['prefect_overhead_share']:.0%} of the flow's wall time); without a running Prefect "
                  f"server each run also starts a temporary one: {run['prefect_server_start_s']} s")
    if result["per_core"]:
        render_rows(["one core, distinct pages", "pages", "CPU s", "pages/CPU s", "vs trafilatura"],
                    [(r["name"], r["pages"], r["cpu_s"], r["pages_per_cpu_s"], f"{r['vs_raw_trafilatura']}x")
                     for r in result["per_core"]], "table", out)
    if q := result["queries"]:
        render_rows(["query", "rows", "cold s", "warm s"],
                    [(name, q["rows"], q[name]["cold_s"], q[name]["warm_s"])
                     for name in ("daily_counts_per_site", "top100_by_word_count")], "table", out)
    if result["targets"]:
        verdicts = [(t["target"], t["measured"], "yes" if t["met"] else "NO") for t in result["targets"]]
        render_rows(["target", "measured", "met"], verdicts, "table", out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    out.print(f"written: {out_path}")


@app.command()
def maintain(
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE"),
    older_than: str = typer.Option("7d", "--older-than", help="Keep snapshots and replaced files this long."),
) -> None:
    """Merge small Parquet files, expire old snapshots, delete unreferenced files (safe while readers query);
    bring article_groups and the search index up to date."""
    from flows.maintain import maintain as run_maintain
    from flows.maintain import parse_age
    from flows.warehouse import WarehouseError

    try:
        result = run_maintain(warehouse, parse_age(older_than))
    except (WarehouseError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    rows = [(k, v) for k, v in result.items() if k not in ("before", "after")]
    rows += [(f"{k} before -> after", f"{result['before'][k]} -> {result['after'][k]}") for k in result["before"]]
    render_rows(["step", "result"], rows, "table", out)


@app.command()
def reclean(
    since: str | None = typer.Option(None, "--since", help="Re-clean articles made by cleaner versions <= this "
                                     "(default: < the current cleaner version)."),
    warehouse: str | None = typer.Option(None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Cleaning processes (0 = all cores)."),
) -> None:
    """Re-run the current cleaners over stored raw pages: changed bodies become new article versions."""
    from flows.reclean import reclean_flow
    from flows.warehouse import WarehouseError

    try:
        result = reclean_flow(warehouse, since, jobs or None)
    except WarehouseError as exc:
        raise _fail(str(exc)) from exc
    columns = ["stale", "read", "new_versions", "unchanged", "quarantined"]
    render_rows(columns, [tuple(result[c] for c in columns)], "table", out)


from flows import cli_analytics  # noqa: E402,F401  (registers analytics commands on app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
