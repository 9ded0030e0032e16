"""``newsdistill train``: fit the shipped models on the benchmarks' ``tune`` splits (the holdout pages stay unseen)."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import VerboseOption, fail, out, tell
from flows.cli.evaluate import BenchDirOption, corpus, render_cache
from flows.cli.output import render_rows

app = typer.Typer(help="Fit the shipped models on the benchmarks' tune splits.", no_args_is_help=True)
MODELS_DIR = Path(__file__).resolve().parents[2] / "cleaners" / "models"


@app.command("html")
def train_html(
    rounds: int = typer.Option(200, "--rounds", min=1, help="Boosting rounds (trees)."),
    output: Path = typer.Option(
        MODELS_DIR / "html_blocks.txt",
        "--output",
        "-o",
        help="Where the model is written \\[default: the shipped model].",
    ),
    no_check: bool = typer.Option(False, "--no-check", metavar="", help="Skip the cross-check by site before the fit."),
    jobs: int = typer.Option(2, "--jobs", "-j", min=1, help="Processes that read the pages."),
    bench_dir: Path | None = BenchDirOption,
    verbose: bool = VerboseOption,
) -> None:
    """Fit the HTML block model on every DOM block of the WCXB and AEB tune pages: print the grouped cross-check
    (blocks, and page word F1 of the rules' bodies beside the model's) and write the model, the same bytes on
    every run."""
    from cleaners.html.block_features import NAMES
    from cleaners.learn import booster
    from cleaners.learn.html_training import page_check, training_pages

    if not output.parent.is_dir():
        raise fail(f"--output {output}: no such folder {output.parent}")
    pages = training_pages(corpus("wcxb", bench_dir, verbose), corpus("aeb", bench_dir, verbose), jobs)
    rows = [r for p in pages for r in p.rows]
    labels = [label for p in pages for label in p.labels]
    if len(set(labels)) < 2:
        raise fail("the tune pages give blocks of one label only; point --bench-dir at the benchmarks")
    tell(verbose, f"{len(pages)} pages, {len(rows)} blocks, {sum(labels)} to keep")
    if not no_check:
        groups = [p.group for p in pages for _ in p.rows]
        scores = booster.cross_predict(rows, labels, groups, NAMES, rounds=rounds)
        blocks = booster.check_scores(scores, labels)
        out.print(
            f"[bold]HTML block model, tune split: {len(pages)} pages, {blocks.rows} blocks, {blocks.folds} folds[/]"
        )
        pairs = [None, (0.3, 0.5), (0.4, 0.5), (0.4, 0.6), (0.4, 0.7)]
        table = []
        for c in page_check(pages, scores, pairs):
            figures = (blocks.accuracy, blocks.f1, c.rules, c.model)
            shown = ("shipped", "articles: rules") if c.thresholds is None else tuple(f"{x:.2f}" for x in c.thresholds)
            table.append((*shown, *(f"{x:.4f}" for x in figures)))
        render_rows(
            ["drop below", "keep from", "block accuracy", "block F1", "page F1 rules", "page F1 model"],
            table,
            "table",
            out,
        )
    booster.save(booster.fit(rows, labels, NAMES, rounds=rounds), output)
    out.print(f"wrote {output}")


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
    wcxb, aeb = corpus("wcxb", bench_dir, verbose), corpus("aeb", bench_dir, verbose)
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
