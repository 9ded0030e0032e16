"""``newsdistill eval``: cleaning quality on the benchmarks, beside baselines measured in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cleaners.evaluation.renderers import NAMES, SHIPPED
from flows.cli.common import VerboseOption, fail, out, settings, tell
from flows.cli.output import render_rows

if TYPE_CHECKING:
    from cleaners.evaluation.metadata_runs import AebMetadataReport, WcxbMetadataReport

app = typer.Typer(help="Measure cleaning quality on benchmarks.", no_args_is_help=True)
BenchDirOption = typer.Option(
    None,
    "--bench-dir",
    show_default=False,
    help="Folder holding the benchmarks (aeb/, wcxb/) \\[default: $NEWSDISTILL_BENCH, else "
    "../shared/bench, else the AEB copy in tests/aeb].",
)


def corpus(name: str, bench_dir: Path | None, verbose: bool = False) -> Path:
    """The corpus folder, or a one-line error saying where it was looked for."""
    from cleaners.evaluation.corpora import CorpusMissing, corpus_dir

    if bench_dir is not None and not bench_dir.is_dir():
        raise fail(f"--bench-dir {bench_dir}: no such folder")
    try:
        found = corpus_dir(name, settings(bench_dir=bench_dir).bench_dir)
    except CorpusMissing as exc:
        raise fail(str(exc)) from exc
    tell(verbose, f"benchmark: {found}")
    return found


def render_cache() -> Path:
    """Where rendered benchmark pages are kept between runs (rendering takes longer than cleaning)."""
    return settings().cache_dir / "renders"


RENDERER_HELP = (
    "text path: the page's text as the benchmark ships it (plaintext) or as a renderer gives it: "
    + ", ".join(NAMES[1:])
)


RendererOption = typer.Option(SHIPPED, "--renderer", help=RENDERER_HELP)
JobsOption = typer.Option(2, "--jobs", "-j", min=1, help="Processes.")
PathOption = typer.Option("html", "--path", help="html or text.")
BlockModelOption = typer.Option(
    False, "--block-model", metavar="", help="HTML path: with the learned block model (off by default)."
)


def _use_block_model(on: bool) -> None:
    """Turn the HTML block model on in this process, before the scoring workers start (they inherit it)."""
    if on:
        from cleaners.html import block_model

        block_model.ENABLED = True


def _check(path: str, split: str, renderer: str) -> None:
    if path not in ("html", "text") or split not in ("all", "tune", "holdout") or renderer not in NAMES:
        raise fail(f"--path must be html or text; --split all, tune or holdout; --renderer one of {', '.join(NAMES)}")


@app.command("aeb")
def eval_aeb(
    path: str = PathOption,
    split: str = typer.Option("all", "--split", help="all, tune or holdout."),
    renderer: str = RendererOption,
    jobs: int = JobsOption,
    bench_dir: Path | None = BenchDirOption,
    use_block_model: bool = BlockModelOption,
    verbose: bool = VerboseOption,
) -> None:
    """Score the cleaner on the article-extraction benchmark beside a baseline measured in the same run."""
    from cleaners.evaluation.aeb import run_aeb

    _check(path, split, renderer)
    _use_block_model(use_block_model)
    report = run_aeb(path, split, jobs, root=corpus("aeb", bench_dir, verbose), renderer=renderer)
    rows = [
        ("newsdistill", report.ours.precision, report.ours.recall, report.ours.f1, report.ours.empty_predictions),
        (
            report.baseline_name,
            report.baseline.precision,
            report.baseline.recall,
            report.baseline.f1,
            report.baseline.empty_predictions,
        ),
    ]
    shape = f", {renderer}" if path == "text" else ""
    out.print(f"[bold]AEB {path} path{shape}, split {split} ({report.ours.pages} pages)[/]")
    render_rows(
        ["extractor", "precision", "recall", "F1", "empty"],
        [(n, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", e) for n, p, r, f, e in rows],
        "table",
        out,
    )
    render_rows(
        ["worst page", "F1", "precision", "recall"],
        [(s.page_id[:16], f"{s.f1:.3f}", f"{s.precision or 0:.3f}", f"{s.recall or 0:.3f}") for s in report.worst],
        "table",
        out,
    )


@app.command("wcxb")
def eval_wcxb(
    path: str = PathOption,
    split: str = typer.Option("holdout", "--split", help="all, tune or holdout (by registered domain)."),
    renderer: str = RendererOption,
    jobs: int = JobsOption,
    bench_dir: Path | None = BenchDirOption,
    use_block_model: bool = BlockModelOption,
    verbose: bool = VerboseOption,
) -> None:
    """Score the cleaner on the multi-type benchmark per page type, beside a baseline measured in the same run
    (trafilatura with default settings for HTML, the whole page for text)."""
    from cleaners.evaluation.wcxb import run_wcxb

    _check(path, split, renderer)
    _use_block_model(use_block_model)
    report = run_wcxb(path, split, jobs, root=corpus("wcxb", bench_dir, verbose), renderer=renderer)
    shape = f", {renderer}" if path == "text" else ""
    out.print(f"[bold]WCXB {path} path{shape}, split {split} ({report.rows[0].pages} pages), word F1[/]")
    render_rows(
        ["page type", "pages", "newsdistill P", "R", "F1", f"{report.baseline_name} F1", "difference"],
        [
            (
                r.page_type,
                r.pages,
                f"{r.ours[0]:.3f}",
                f"{r.ours[1]:.3f}",
                f"{r.ours[2]:.3f}",
                f"{r.baseline[2]:.3f}",
                f"{r.ours[2] - r.baseline[2]:+.3f}",
            )
            for r in report.rows
        ],
        "table",
        out,
    )
    render_rows(
        ["worst page", "F1", "precision", "recall"],
        [(s.page_id, f"{s.f1:.3f}", f"{s.precision:.3f}", f"{s.recall:.3f}") for s in report.worst],
        "table",
        out,
    )
    for line in report.missed_targets():
        out.print(f"target missed: {line}")
    out.print(f"[bold]page-type detector against the labels: accuracy {report.detection_accuracy:.3f}[/]")
    render_rows(
        ["labelled type", "pages", "precision", "recall", "detected as"],
        [
            (
                d.page_type,
                d.pages,
                f"{d.precision:.3f}",
                f"{d.recall:.3f}",
                ", ".join(f"{k or 'no record'} {v}" for k, v in sorted(d.detected_as.items(), key=lambda kv: -kv[1])),
            )
            for d in report.detection[1:]
        ],
        "table",
        out,
    )


@app.command("renderers")
def eval_renderers(
    dataset: str = typer.Argument(..., help="aeb or wcxb."),
    split: str = typer.Option("holdout", "--split", help="all, tune or holdout."),
    jobs: int = JobsOption,
    bench_dir: Path | None = BenchDirOption,
    verbose: bool = VerboseOption,
) -> None:
    """The text path on every renderer's text of the pages (one row each), beside the whole page and the HTML path
    on the same pages; then the text-path targets missed."""
    from cleaners.evaluation.matrix import missed_targets, run_matrix

    _check("text", split, SHIPPED)
    if dataset not in ("aeb", "wcxb"):
        raise fail("the dataset must be aeb or wcxb")
    matrix = run_matrix(dataset, corpus(dataset, bench_dir, verbose), split, jobs=jobs, cache=render_cache())
    types = matrix.page_types
    metric = "shingle F1" if dataset == "aeb" else "word F1"
    out.print(
        f"[bold]{dataset.upper()} text path by renderer, split {split} ({matrix.html['all'].pages} pages), "
        f"{metric}: text path (whole page)[/]"
    )
    rows = [("HTML path", *(f"{matrix.html[t].ours:.3f}" for t in types))]
    rows += [
        (renderer, *(f"{cells[t].ours:.3f} ({cells[t].whole:.3f})" for t in types))
        for renderer, cells in matrix.rows.items()
    ]
    render_rows(["renderer", *(f"{t} ({matrix.html[t].pages})" for t in types)], rows, "table", out)
    for line in missed_targets(matrix):
        out.print(f"target missed: {line}")


@app.command("markdown")
def eval_markdown(
    path: str = PathOption,
    split: str = typer.Option("holdout", "--split", help="all, tune or holdout."),
    renderer: str = RendererOption,
    jobs: int = JobsOption,
    bench_dir: Path | None = BenchDirOption,
    verbose: bool = VerboseOption,
) -> None:
    """body_markdown against the multi-type benchmark's Markdown ground truth, per page type: headings and list
    items recovered (precision, recall) and word F1."""
    from cleaners.evaluation.markdown import run_markdown

    _check(path, split, renderer)
    rows = run_markdown(path, corpus("wcxb", bench_dir, verbose), split, renderer, jobs, cache=render_cache())
    shape = f", {renderer}" if path == "text" else ""
    out.print(f"[bold]WCXB body_markdown, {path} path{shape}, split {split}[/]")

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    render_rows(
        ["page type", "pages", "headings P", "headings R", "items P", "items R", "word F1"],
        [
            (
                r.page_type,
                r.pages,
                share(r.precision["headings"]),
                share(r.recall["headings"]),
                share(r.precision["items"]),
                share(r.recall["items"]),
                f"{r.word_f1:.3f}",
            )
            for r in rows
        ],
        "table",
        out,
    )


@app.command("metadata")
def eval_metadata(
    path: str = typer.Option("both", "--path", help="html, text or both."),
    split: str = typer.Option("holdout", "--split", help="all, tune or holdout (WCXB by registered domain)."),
    renderer: str = RendererOption,
    misses: int = typer.Option(0, "--misses", help="Show this many wrong pages per field."),
    jobs: int = JobsOption,
    bench_dir: Path | None = BenchDirOption,
    verbose: bool = VerboseOption,
) -> None:
    """Score title, authors, date, site name and language on the multi-type benchmark per page type (HTML beside
    trafilatura's own metadata), and how often the plain-text path agrees with the HTML path on AEB."""
    from cleaners.evaluation.metadata_runs import run_aeb_metadata, run_wcxb_metadata

    if path not in ("html", "text", "both"):
        raise fail("--path must be html, text or both")
    _check("text" if path == "both" else path, split, renderer)
    wcxb, cache = corpus("wcxb", bench_dir, verbose), render_cache()
    for one in ("html", "text") if path == "both" else (path,):
        _print_wcxb_metadata(run_wcxb_metadata(one, split, jobs, root=wcxb, renderer=renderer, cache=cache), misses)
    if path in ("text", "both"):
        aeb = corpus("aeb", bench_dir, verbose)
        report = run_aeb_metadata(jobs, root=aeb, split=split, renderer=renderer, cache=cache)
        _print_aeb_agreement(report, split, misses)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_wcxb_metadata(report: WcxbMetadataReport, misses: int) -> None:
    from cleaners.evaluation.metadata import FIELDS
    from cleaners.evaluation.metadata_runs import BASELINE, BASELINE_FIELDS

    tables = [("newsdistill", report.ours, FIELDS)]
    if report.baseline:
        tables.append((BASELINE, report.baseline, BASELINE_FIELDS))
    shape = f" ({report.renderer})" if report.path == "text" else ""
    out.print(
        f"[bold]WCXB {report.path} path{shape}, split {report.split}: share of pages with the field right[/]"
        + ("" if report.baseline else " (no baseline: a text dump carries no metadata)")
    )
    for name, tallies, scored in tables:
        out.print(name)
        render_rows(
            ["page type", "pages", *FIELDS, "sites named"],
            [
                (page_type, tally.pages, *(_share(tally.share(f)) if f in scored else "-" for f in FIELDS), tally.named)
                for page_type, tally in tallies.items()
            ],
            "table",
            out,
        )
    out.print("site_name: a name found that names the page's domain; language: the reference body's")
    for name, target, share, met in report.targets():
        floor = f" and >= {BASELINE}" if report.baseline else ""
        out.print(f"target {name} >= {target}{floor}: {_share(share)} {'met' if met else '[red]not met[/]'}")
    for name in FIELDS[:3] if misses else ():
        for page in report.misses(name, misses):
            found = {"title": page.ours.title, "author": page.ours.authors, "date": page.ours.day}[name]
            truth = {"title": page.truth.title, "author": page.truth.author, "date": page.truth.day}[name]
            out.print(f"  miss {name} {page.page_id} ({page.page_type}): {found!r} for {truth!r}", highlight=False)


def _print_aeb_agreement(report: AebMetadataReport, split: str, misses: int) -> None:
    from cleaners.evaluation.metadata_runs import AEB_TITLE_AGREEMENT, AGREEMENT_FIELDS

    agreement, html, text = report.agreement(), report.coverage("html"), report.coverage("text")
    out.print(f"[bold]AEB split {split} ({len(report.pages)} pages): plain text beside HTML[/]")
    render_rows(
        ["field", "text = HTML", "HTML has one", "text has one"],
        [(name, _share(agreement[name]), _share(html[name]), _share(text[name])) for name in AGREEMENT_FIELDS],
        "table",
        out,
    )
    met = agreement["title"] >= AEB_TITLE_AGREEMENT
    out.print(
        f"target plain-text title = HTML title >= {AEB_TITLE_AGREEMENT}: {_share(agreement['title'])} "
        f"{'met' if met else '[red]not met[/]'}"
    )
    for page_id, html_found, text_found in report.disagreements("title", misses):
        out.print(f"  differs {page_id[:12]}: HTML {html_found.title!r}, text {text_found.title!r}", highlight=False)
