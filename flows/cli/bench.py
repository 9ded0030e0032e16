"""``newsdistill bench``: throughput, memory and query timings."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.bench import DEFAULT_STEPS, REPORT_ARTICLES, REPORT_SITES, STEPS, WCXB_PAGES
from flows.cli.common import VerboseOption, err, out, tell
from flows.cli.output import render_rows


def bench(
    docs: int = typer.Option(2000, "--docs", min=1, help="Documents in the generated corpus (HTML and as many text)."),
    query_rows: int = typer.Option(100_000, "--query-rows", min=0, help="Synthetic articles for the query timings."),
    out_path: Path = typer.Option(Path("bench-results/bench.json"), "--out", help="Write the figures here as JSON."),
    only: str = typer.Option(
        ",".join(DEFAULT_STEPS), "--only", help=f"Comma-separated steps to run, of: {', '.join(STEPS)}."
    ),
    report_articles: int = typer.Option(
        REPORT_ARTICLES, "--report-articles", help="Synthetic articles for the report timing."
    ),
    report_sites: int = typer.Option(REPORT_SITES, "--report-sites", help="Their sites."),
    wcxb_pages: int = typer.Option(
        WCXB_PAGES, "--wcxb-pages", min=1, help="Distinct WCXB pages for the comparison with the trafilatura CLI."
    ),
    repeat: int = typer.Option(
        1, "--repeat", min=1, help="Runs of each command compared (alternating; the median is kept)."
    ),
    bench_dir: Path | None = typer.Option(
        None,
        "--bench-dir",
        show_default=False,
        help="Folder holding aeb/ and wcxb/ \\[default: $NEWSDISTILL_BENCH, else ../shared/bench].",
    ),
    verbose: bool = VerboseOption,
) -> None:
    """Measure pages/s, MB/s and peak memory beside the trafilatura CLI: start-up, clean and ingest; query times."""
    import json

    from flows.bench import run_bench
    from flows.cli.common import settings

    try:
        result = run_bench(
            docs,
            query_rows,
            progress=lambda m: err.print(m, highlight=False),
            only=tuple(s.strip() for s in only.split(",") if s.strip()),
            report_articles=report_articles,
            report_sites=report_sites,
            report_out=out_path.parent / "report-synthetic.html",
            wcxb_pages=wcxb_pages,
            repeat=repeat,
            bench_dir=bench_dir or settings().bench_dir,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--only") from exc
    _print_commands(result)
    columns = ["run", "pages/s", "steady pages/s", "start s", "MB/s", "peak PSS MB", "vs raw trafilatura"]
    rows = [
        (
            r["name"],
            r["pages_per_s"],
            r.get("steady_pages_per_s", ""),
            r.get("startup_s", ""),
            r["mb_per_s"],
            r["peak_pss_mb"],
            f"{r['vs_raw_trafilatura']}x" if "vs_raw_trafilatura" in r else "",
        )
        for r in result["runs"]
    ]
    render_rows(columns, rows, "table", out)
    out.print(
        "steady pages/s: from the first cleaned page to the last, without start-up (start s: worker start "
        "and loading) or the final landing"
    )
    for run in result["runs"]:
        out.print(
            f"{run['name']} memory: peak PSS by quarter {' / '.join(map(str, run['pss_by_quarter_mb']))} MB; "
            f"peak RSS summed over processes {run['peak_rss_mb']} MB"
        )
    for run in (r for r in result["runs"] if "clean_s" in r):
        out.print(
            f"{run['name']} waited on: reading + cleaning {run['clean_s']} s, landing {run['land_s']} s, "
            f"analytics {run['analytics_s']} s; Prefect overhead {run['prefect_overhead_s']} s "
            f"({run['prefect_overhead_share']:.0%} of the flow's wall time); without a running Prefect "
            f"server each run also starts a temporary one: {run['prefect_server_start_s']} s"
        )
    if result["per_core"]:
        render_rows(
            ["one core, distinct pages", "pages", "CPU s", "pages/CPU s", "vs trafilatura"],
            [
                (r["name"], r["pages"], r["cpu_s"], r["pages_per_cpu_s"], f"{r['vs_raw_trafilatura']}x")
                for r in result["per_core"]
            ],
            "table",
            out,
        )
    if q := result["queries"]:
        render_rows(
            ["query", "rows", "cold s", "warm s"],
            [
                (name, q["rows"], q[name]["cold_s"], q[name]["warm_s"])
                for name in ("daily_counts_per_site", "top100_by_word_count")
            ],
            "table",
            out,
        )
    if r := result["report"]:
        out.print(
            f"report: {r['report_s']} s over {r['articles']} synthetic articles of {r['sites']} sites "
            f"(loaded in {r['load_s']} s); the page, {r['html_mb']} MB: {r['html']}"
        )
    if result["targets"]:
        verdicts = [(t["target"], t["measured"], "yes" if t["met"] else "NO") for t in result["targets"]]
        render_rows(["target", "measured", "met"], verdicts, "table", out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    tell(verbose, f"steps run: {only}")
    out.print(f"written: {out_path}")


def _print_commands(result: dict) -> None:
    """Start-up and the commands beside the trafilatura CLI: wall time, pages/s, ratio, peak memory."""
    if result["startup"]:
        render_rows(
            ["start-up: one small file", "wall s", "CPU s", "peak PSS MB"],
            [(r["name"], r["seconds"], r["cpu_s"], r["peak_pss_mb"]) for r in result["startup"]],
            "table",
            out,
        )
    rows = [
        (
            c["corpus"],
            r["name"],
            r["pages"],
            r["seconds"],
            r["cpu_s"],
            r["pages_per_s"],
            f"{r['vs_cli']}x",
            r["peak_pss_mb"],
        )
        for c in result["commands"]
        for r in c.get("runs", [])
    ]
    if rows:
        render_rows(
            ["corpus", "command (fresh process)", "pages", "wall s", "CPU s", "pages/s", "vs CLI", "peak PSS MB"],
            rows,
            "table",
            out,
        )
    for skipped in (c for c in result["commands"] if "skipped" in c):
        out.print(f"{skipped['corpus']}: skipped ({skipped['skipped']})")
