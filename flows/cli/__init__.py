"""The ``newsdistill`` command line: one module per group of commands, registered here on one app.

clean (``clean``), ingest and serve (``ingest``), query, search, stories and export (``query``), maintain, reclean
and restore (``upkeep``), report (``report``), eval (``evaluate``), bench (``bench``). Shared options, consoles and
error handling are in ``common``; output formats in ``output``.
"""

from __future__ import annotations

import typer

from flows.cli import bench, clean, evaluate, ingest, query, report, upkeep

app = typer.Typer(help="Boilerplate-stripping ingestion for scraped news.", no_args_is_help=True, add_completion=False)
for command in (clean.clean, ingest.ingest, query.query, ingest.serve, report.report, bench.bench, upkeep.maintain,
                upkeep.reclean, upkeep.restore, query.search, query.stories, query.export):
    app.command()(command)
app.add_typer(evaluate.app, name="eval")


def main() -> None:
    from flows.settings import prefect_environment

    prefect_environment()
    app()
