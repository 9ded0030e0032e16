"""Rendering records and query results for people (rich tables) and machines (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table


def to_jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, indent=indent, default=str)


def render_rows(columns: list[str], rows: list[tuple], fmt: str, console: Console) -> None:
    """``table`` is a drawn table on a terminal wide enough for it, else tab-separated lines (a pipe, a file or a
    narrow terminal: no wrapped cells); ``csv`` and ``json`` for machines."""
    if fmt == "json":
        console.print_json(dumps([dict(zip(columns, row, strict=True)) for row in rows]))
        return
    cells = [["" if v is None else str(to_jsonable(v)) for v in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(cells)
        console.out(buffer.getvalue(), end="", highlight=False)
    elif not console.is_terminal or _table_width(columns, cells) > console.width:
        lines = ["\t".join(_tsv_cell(c) for c in line) for line in [columns, *cells]]
        console.file.write("".join(line + "\n" for line in lines))  # as is: rich would expand the tabs
    else:
        table = Table(*columns, show_lines=False)
        for row in cells:
            table.add_row(*row)
        console.print(table)


def _table_width(columns: list[str], cells: list[list[str]]) -> int:
    widths = [max(len(line) for line in [name, *(row[i] for row in cells)]) for i, name in enumerate(columns)]
    return sum(widths) + 3 * len(widths) + 1  # "│ " before each cell, " " after, and the closing "│"


def _tsv_cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
