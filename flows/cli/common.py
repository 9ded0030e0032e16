"""What every command shares: the consoles, one-line errors, the options several commands take, and opening the
warehouse with its errors turned into messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from flows.settings import Settings
    from warehouse import Warehouse

out = Console(soft_wrap=True)  # a message to a pipe or file is not cut into lines of 80
err = Console(stderr=True, soft_wrap=True)  # long paths in messages stay copyable

WarehouseOption = typer.Option(
    None,
    "--warehouse",
    "-w",
    show_default=False,
    help="Warehouse folder, or a postgres: catalog string \\[default: $NEWSDISTILL_WAREHOUSE, else ./warehouse].",
)
JobsOption = typer.Option(0, "--jobs", "-j", min=0, help="Cleaning processes (0 = all cores).")
TimeoutOption = typer.Option(
    None,
    "--timeout",
    min=0.1,
    show_default=False,
    help="Seconds one page may take to clean before it is stopped and quarantined "
    "\\[default: $NEWSDISTILL_TIMEOUT, else 60].",
)
MaxPageBytesOption = typer.Option(
    None,
    "--max-page-bytes",
    min=1,
    show_default=False,
    help="Larger pages are quarantined as too_large, never parsed "
    "\\[default: $NEWSDISTILL_MAX_PAGE_BYTES, else 20 MiB].",
)
# metavar="": a flag takes no value, and without it the help shows one ("<bool>")
VerboseOption = typer.Option(False, "--verbose", "-v", metavar="", help="Say more about what happens.")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the exit to raise (``raise fail(...)``)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def existing_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")


def settings(**flags: object) -> Settings:
    """The settings (environment, then the given flags), or a one-line error naming the bad value."""
    from flows.settings import SettingError, Settings

    try:
        return Settings.load(**flags)
    except SettingError as exc:
        raise fail(str(exc)) from exc


def existing_warehouse(warehouse: str | None, verbose: bool = False) -> Settings:
    """The settings of a warehouse to read, failing with what to do when a local one does not exist yet."""
    chosen = settings(warehouse=warehouse)
    location = chosen.warehouse
    if not location.startswith("postgres:") and not (Path(location) / "catalog.sqlite").exists():
        raise fail(f"no warehouse at {location}: run `newsdistill ingest PATH` first, or pass --warehouse")
    tell(verbose, f"warehouse: {location}")
    return chosen


def tell(verbose: bool, message: str) -> None:
    """A detail for --verbose, on stderr (standard output stays the command's result)."""
    if verbose:
        err.print(message, style="dim", highlight=False)


@contextmanager
def warehouse_errors() -> Iterator[None]:
    """Turn a warehouse or query error into a one-line message and exit code 2."""
    import duckdb

    from warehouse import WarehouseError

    try:
        yield
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    except duckdb.Error as exc:
        raise fail(f"{exc}") from exc


def usable_warehouse(chosen: Settings) -> None:
    """Open (creating if needed) and close the warehouse a run will write, so a wrong path or connection string is
    a one-line error before any Prefect run starts."""
    from flows.settings import open_warehouse

    with warehouse_errors(), open_warehouse(chosen):
        pass


@contextmanager
def reading(warehouse: str | None, verbose: bool = False) -> Iterator[Warehouse]:
    """The existing warehouse opened read-only, errors as one-line messages."""
    from flows.settings import open_warehouse

    chosen = existing_warehouse(warehouse, verbose)
    with warehouse_errors(), open_warehouse(chosen, read_only=True) as wh:
        yield wh
