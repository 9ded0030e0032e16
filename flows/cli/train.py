"""``newsdistill train``: fit the cleaners' learned models on the benchmarks' ``tune`` splits (never the holdout)."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.cli.common import VerboseOption, fail, out, tell
from flows.cli.evaluate import BenchDirOption, corpus
from flows.cli.output import render_rows

app = typer.Typer(help="Train the cleaners' learned models on the benchmarks' tune splits.", no_args_is_help=True)
SHIPPED_HTML_MODEL = Path(__file__).resolve().parents[2] / "cleaners" / "models" / "html_blocks.txt"


@app.command("html")
def train_html(
    rounds: int = typer.Option(200, "--rounds", min=1, help="Boosting rounds (trees)."),
    output: Path = typer.Option(
        SHIPPED_HTML_MODEL, "--output", "-o", help="Where the model is written \\[default: the shipped model]."
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

    if output.parent and not output.parent.is_dir():
        raise fail(f"--output {output}: no such folder {output.parent}")
    pages = training_pages(corpus("wcxb", bench_dir, verbose), corpus("aeb", bench_dir, verbose), jobs)
    rows = [r for p in pages for r in p.rows]
    labels = [label for p in pages for label in p.labels]
    if len(set(labels)) < 2:
        raise fail("the tune pages give blocks of one label only; point --bench-dir at the benchmarks")
    tell(verbose, f"{len(pages)} pages, {len(rows)} blocks, {sum(labels)} to keep")
    if not no_check:
        groups = [p.group for p in pages for _ in p.rows]
        scores = booster.out_of_fold(rows, labels, groups, NAMES, rounds=rounds)
        blocks = booster.cross_check(rows, labels, groups, NAMES, rounds=rounds, scores=scores)
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
