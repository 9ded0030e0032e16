"""``newsdistill train``: fit the shipped models on the benchmarks' ``tune`` splits (the holdout pages stay unseen)."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import VerboseOption, fail, out, settings, tell
from flows.cli.evaluate import BenchDirOption, corpus, render_cache
from flows.cli.output import render_rows

app = typer.Typer(help="Fit the shipped models on the benchmarks' tune splits.", no_args_is_help=True)
MODELS_DIR = Path(__file__).resolve().parents[2] / "cleaners" / "models"


@app.command("text")
def train_text(
    output: Path = typer.Option(
        MODELS_DIR / "text_lines.txt", "--output", "-o", help="Where to write the model (LightGBM's text format)."
    ),
    limit: int = typer.Option(0, "--limit", min=0, help="Use only the first N tune pages of each benchmark (0: all)."),
    rounds: int = typer.Option(0, "--rounds", min=0, help="Boosting rounds (0: the shipped model's)."),
    jobs: int = typer.Option(2, "--jobs", "-j", min=1, help="Processes reading the pages."),
    bench_dir: Path | None = BenchDirOption,
    verbose: bool = VerboseOption,
) -> None:
    """Fit the plain-text line model on WCXB's and AEB's tune pages in several renderings; print the cross-check
    grouped by site (rows, accuracy, F1 of 'keep'; page word F1 of the rules and of the model) and write the model."""
    from cleaners.learn.text_training import ROUNDS, cross_check_pages, fit_pages, training_pages

    if not output.parent.is_dir():
        raise fail(f"--output {output}: no such folder {output.parent}")
    bench = settings(bench_dir=bench_dir).bench_dir
    wcxb, aeb = corpus("wcxb", bench, verbose), corpus("aeb", bench, verbose)
    pages = training_pages(limit=limit or None, jobs=jobs, cache=render_cache(), wcxb=wcxb, aeb=aeb)
    if not pages:
        raise fail("no training lines: the tune pages gave no text to classify")
    tell(verbose, f"{len(pages)} renderings, {sum(len(p.rows) for p in pages)} lines")
    output.write_text(fit_pages(pages, rounds or ROUNDS), encoding="utf-8")
    out.print(f"model written to {output}")
    check = cross_check_pages(pages, rounds or ROUNDS)
    out.print(f"[bold]line model, cross-check grouped by site ({check.folds} folds)[/]")
    render_rows(
        ["lines", "accuracy", "keep F1", "page word F1: rules", "page word F1: model"],
        [(check.rows, f"{check.accuracy:.4f}", f"{check.f1:.4f}", f"{check.rules_f1:.4f}", f"{check.model_f1:.4f}")],
        "table",
        out,
    )
