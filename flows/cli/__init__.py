"""The ``newsdistill`` command line: one module per group of commands, registered here on one app.

clean (``clean``), ingest and serve (``ingest``), query, search, stories and export (``query``), maintain, reclean
and restore (``upkeep``), report (``report``), eval (``evaluate``), train (``train``), bench (``bench``). Shared
options, consoles and error handling are in ``common``; output formats in ``output``.

Every failure a person can cause (a bad option, a missing path, bad SQL) ends in one line on stderr and a non-zero
exit code, never a traceback; set NEWSDISTILL_DEBUG=1 to see the traceback of an unexpected error.
"""

from __future__ import annotations

import os
import sys

import typer
from typer._click.exceptions import ClickException  # typer carries its own click; usage errors are these

from flows.cli import bench, clean, evaluate, ingest, query, report, train, upkeep
from flows.cli.common import err, fail

app = typer.Typer(
    help="Boilerplate-stripping ingestion for scraped news.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
for command in (
    clean.clean,
    ingest.ingest,
    query.query,
    ingest.serve,
    report.report,
    bench.bench,
    upkeep.maintain,
    upkeep.reclean,
    upkeep.restore,
    query.search,
    query.stories,
    query.export,
):
    app.command()(command)
app.add_typer(evaluate.app, name="eval")
app.add_typer(train.app, name="train")


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"newsdistill {version('newsdistill')}")
        except PackageNotFoundError:
            typer.echo("newsdistill (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", metavar="", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
) -> None:
    """Boilerplate-stripping ingestion for scraped news."""


def main(args: list[str] | None = None) -> None:
    """The ``newsdistill`` command: run the app, turning usage errors and unexpected errors into one line."""
    from flows.settings import prefect_environment

    prefect_environment()
    try:
        code = app(args=args, prog_name="newsdistill", standalone_mode=False)
    except ClickException as exc:  # a bad option or argument
        hint = f" (see `{exc.ctx.command_path} --help`)" if getattr(exc, "ctx", None) else ""
        code = fail(f"{exc.format_message()}{hint}", exc.exit_code).exit_code
    except typer.Abort:
        code = 130
    except Exception as exc:
        if os.environ.get("NEWSDISTILL_DEBUG"):
            raise
        err.print(
            f"[bold red]error:[/] unexpected {type(exc).__name__}: {exc} (a bug: run again with "
            "NEWSDISTILL_DEBUG=1 for the traceback and report it)",
            highlight=False,
            markup=True,
        )
        code = 1
    sys.exit(code or 0)
