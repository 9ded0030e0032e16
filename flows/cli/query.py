"""``newsdistill query``, ``search``, ``stories`` and ``export``: reading the warehouse."""

from __future__ import annotations

import re
from contextlib import nullcontext
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.text import Text

from flows.cli.common import VerboseOption, WarehouseOption, existing_warehouse, fail, out, reading, tell
from flows.cli.output import dumps, render_rows

_MARK = ("\x02", "\x03")  # around matched terms in snippets; shown highlighted, or as « » in JSON
_DAY = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


_EXPORT_SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


def query(
    sql: str = typer.Argument(
        ...,
        help="DuckDB SQL over the warehouse tables and views; several statements "
        "separated by ; each print their result.",
    ),
    format: TableFormat = typer.Option(
        TableFormat.table,
        "--format",
        "-f",
        help="table (tab-separated when not on a wide enough terminal), csv or json.",
    ),
    warehouse: str | None = WarehouseOption,
    write: bool = typer.Option(
        False,
        "--write",
        metavar="",
        help="Allow statements that change the warehouse or write files "
        "(DELETE, DROP, CREATE, COPY, ATTACH ...); without it the warehouse is opened "
        "read-only and such statements are refused.",
    ),
    verbose: bool = VerboseOption,
) -> None:
    """Run SQL against the warehouse (read-only unless --write; `newsdistill restore` undoes a change)."""
    import duckdb

    from flows.settings import open_warehouse
    from warehouse.location import WarehouseError

    chosen = existing_warehouse(warehouse, verbose)
    results: list[tuple[list[str], list[tuple]]] = []
    try:
        with open_warehouse(chosen, read_only=not write) as wh, wh.write_lock() if write else nullcontext():
            for statement in wh.statements(sql, write=write):
                tell(verbose, f"running {statement.type.name}: {statement.query.strip()}")
                cursor = wh.con.execute(statement.query)
                columns = [d[0] for d in cursor.description] if cursor.description else []
                results.append((columns, cursor.fetchall() if columns else []))
    except WarehouseError as exc:
        raise fail(str(exc)) from exc
    except duckdb.Error as exc:
        raise fail(f"query failed: {_one_line(exc)}") from exc
    for i, (columns, rows) in enumerate(results):
        if i and format is TableFormat.table:
            out.print()
        render_rows(columns, rows, format.value, out)


def _one_line(exc: Exception) -> str:
    """DuckDB's message without its caret diagram (the lines after the first)."""
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip() and not set(line.strip()) <= {"^"})


def _highlighted(snippet: str) -> Text:
    text = Text("   ")
    for i, part in enumerate(re.split(f"[{''.join(_MARK)}]", snippet)):
        text.append(part, style="bold yellow" if i % 2 else "")
    return text


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "undated"


def search(
    query: str = typer.Argument(..., help="Words to look for (BM25 over title and body)."),
    since: datetime | None = typer.Option(None, "--since", formats=_DAY, help="Published on or after this day."),
    site: str | None = typer.Option(None, "--site", help="Part of the site name or domain (any case)."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="Articles to show at most."),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="text or json."),
    warehouse: str | None = WarehouseOption,
    verbose: bool = VerboseOption,
) -> None:
    """Full-text search: the best-matching articles with title, site, date and a snippet."""
    from warehouse.search import search as run_search

    with reading(warehouse, verbose) as wh:
        hits = run_search(wh, query, since=since.date() if since else None, site=site, limit=limit, mark=_MARK)
    if format is ListFormat.json:
        rows = [{**vars(h), "snippet": h.snippet.replace(_MARK[0], "«").replace(_MARK[1], "»")} for h in hits]
        out.print_json(dumps(rows))
        return
    if not hits:
        out.print("no matching articles")
    for rank, hit in enumerate(hits, start=1):
        out.print(Text(f"{rank}. {hit.title or '(untitled)'}", style="bold"))
        details = " · ".join(
            x
            for x in (hit.site or "unknown site", _day(hit.published_at), f"score {hit.score:.2f}", hit.url or "")
            if x
        )
        out.print(Text("   " + details, style="dim"))
        out.print(_highlighted(hit.snippet))


def stories(
    since: datetime | None = typer.Option(
        None, "--since", formats=_DAY, help="Stories with an article published on or after this day."
    ),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="text or json."),
    warehouse: str | None = WarehouseOption,
    verbose: bool = VerboseOption,
) -> None:
    """Stories: articles about one event, from one or more outlets (only stories with more than one article)."""
    import duckdb

    from warehouse.analytics import stories as list_stories

    with reading(warehouse, verbose) as wh:
        try:
            found = list_stories(wh, since.date() if since else None)
        except duckdb.CatalogException as exc:
            raise fail(f"this warehouse has no stories yet ({exc}); run `newsdistill ingest` to compute them") from exc
    if format is ListFormat.json:
        out.print_json(dumps(found))
        return
    if not found:
        out.print("no stories with more than one article")
        return
    for story in found:
        sites = ", ".join(site for site in story["sites"] or [] if site) or "unknown sites"
        out.print(Text(f"{story['story_id']} · {story['articles']} articles · {sites}", style="bold"))
        groups = [m["near_duplicate_group"] for m in story["members"]]
        for i, member in enumerate(story["members"]):
            first = groups.index(member["near_duplicate_group"])
            copy = f"  (near-duplicate of #{first + 1})" if first != i else ""
            out.print(
                Text(
                    f"  #{i + 1} {_day(member['published_at'])}  {member['site'] or 'unknown site'}: "
                    f"{member['title'] or '(untitled)'}{copy}"
                )
            )
    out.print(f"{len(found)} stories")


def export(
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    format: ExportFormat | None = typer.Option(
        None, "--format", "-f", help="parquet, csv, jsonl or json (default: from the file suffix)."
    ),
    where: str | None = typer.Option(None, "--where", help="SQL predicate over articles_latest columns."),
    warehouse: str | None = WarehouseOption,
    verbose: bool = VerboseOption,
) -> None:
    """Export the latest version of each article (optionally filtered) with DuckDB COPY."""
    import duckdb

    from warehouse.analytics import export as run_export

    suffix = output.suffix.lower()
    if format is None and suffix not in _EXPORT_SUFFIXES:
        raise fail(
            f"cannot tell the format from {output.name!r}: name the file .parquet, .csv, .jsonl or .json, or "
            "pass --format"
        )
    chosen = format or ExportFormat(_EXPORT_SUFFIXES[suffix])
    tell(verbose, f"exporting articles_latest{f' where {where}' if where else ''} as {chosen.value}")
    with reading(warehouse, verbose) as wh:
        try:
            count = run_export(wh, chosen.value, output, where)
        except duckdb.Error as exc:
            raise fail(f"export failed: {_one_line(exc)}") from exc
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    out.print(f"exported {count} articles to {output} ({chosen.value})", highlight=False)
