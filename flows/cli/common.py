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
    from warehouse import Warehouse

out = Console()
err = Console(stderr=True, soft_wrap=True)  # long paths in messages stay copyable

WarehouseOption = typer.Option(
    None, "--warehouse", "-w", envvar="NEWSDISTILL_WAREHOUSE",
    help="Warehouse folder (default: ./warehouse), or a postgres: catalog string.",
)
JobsOption = typer.Option(0, "--jobs", "-j", help="Cleaning processes (0 = all cores).")
VerboseOption = typer.Option(False, "--verbose", "-v", help="Say more about what happens.")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the exit to raise (``raise fail(...)``)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def existing_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")


def existing_warehouse(warehouse: str | None) -> str:
    """The warehouse location to read, failing with what to do when a local one does not exist yet."""
    from warehouse import default_location

    location = warehouse or default_location()
    if not location.startswith("postgres:") and not (Path(location) / "catalog.sqlite").exists():
        raise fail(f"no warehouse at {location}: run `newsdistill ingest PATH` first, or pass --warehouse")
    return location


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


@contextmanager
def reading(warehouse: str | None) -> Iterator[Warehouse]:
    """The existing warehouse opened read-only, errors as one-line messages."""
    from warehouse import Warehouse

    location = existing_warehouse(warehouse)
    with warehouse_errors(), Warehouse(location, read_only=True) as wh:
        yield wh
