"""``newsdistill clean``: cleaning without Prefect or a warehouse."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import IO

import typer

from flows.cli.common import (
    JobsOption,
    MaxPageBytesOption,
    TimeoutOption,
    VerboseOption,
    err,
    existing_paths,
    fail,
    settings,
)
from flows.cli.output import dumps
from schemas import Outcome, Quarantined, SourceDocument

STDIN = Path("-")
CSV_COLUMNS = [
    "source",
    "title",
    "authors",
    "published_at",
    "site_name",
    "url",
    "language",
    "word_count",
    "quarantine_reason",
    "body",
]


class CleanFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"
    markdown = "markdown"
    csv = "csv"


SUFFIXES = {
    CleanFormat.jsonl: ".jsonl",
    CleanFormat.json: ".json",
    CleanFormat.text: ".txt",
    CleanFormat.markdown: ".md",
    CleanFormat.csv: ".csv",
}


def clean_output(outcome: Outcome) -> dict:
    """The JSON record ``clean`` prints for one input (an article, or why it was quarantined)."""
    if isinstance(outcome, Quarantined):
        return {"source": outcome.doc.source, "quarantine": {"reason": outcome.reason.value, "detail": outcome.detail}}
    record = outcome.record.as_dict()
    record["removed"] = [{"kind": b.kind, "reason": b.reason, "text": b.text} for b in outcome.removed]
    return record


def clean(
    paths: list[Path] = typer.Argument(
        ...,
        help="Files or folders (.txt .html .htm .jsonl .warc, optionally .gz); - reads one page from standard input.",
    ),
    format: CleanFormat = typer.Option(CleanFormat.jsonl, "--format", "-f", help="jsonl, json, text, markdown or csv."),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write here instead of standard output; an "
        "existing folder (or a path ending in /) gets one file per input.",
    ),
    jobs: int = JobsOption,
    timeout: float | None = TimeoutOption,
    max_page_bytes: int | None = MaxPageBytesOption,
    verbose: bool = VerboseOption,
) -> None:
    """Clean pages without Prefect or a warehouse: one record per input."""
    from cleaners.read import single_page

    if single_page(paths):  # cleaned in this process: its language model is needed here
        from cleaners.metadata.language import load_model_in_background

        load_model_in_background()  # decompressing it overlaps the imports below
    from cleaners.read import iter_files, read_inputs
    from flows.cleaning import clean_stream

    files = [p for p in paths if p != STDIN]
    existing_paths(files)
    if len(files) < len(paths) - 1:
        raise fail("standard input (-) can be read only once")
    chosen = settings(jobs=jobs or None, timeout=timeout, max_page_bytes=max_page_bytes)
    docs = _with_stdin(read_inputs(files, max_page_bytes=chosen.max_page_bytes), read_stdin=len(files) < len(paths))
    outcomes = clean_stream(
        docs,
        jobs=chosen.jobs,
        progress=err,
        total=sum(1 for _ in iter_files(files)),
        timeout=chosen.timeout,
        max_page_bytes=chosen.max_page_bytes,
    )
    records = (clean_output(o) for o in outcomes)
    if output is not None and (Path(output).is_dir() or output.endswith("/")):
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail(f"cannot create folder {output}: {exc.strerror}") from exc
        for record, target in _one_file_each(records, Path(output), format):
            target.write_text(_render([record], format, single=True), encoding="utf-8")
            if verbose:
                err.print(f"{record['source']} -> {target}", highlight=False)
        return
    with _opened(output) as sink:
        if format in (CleanFormat.json, CleanFormat.csv):
            sink.write(_render(list(records), format))
            return
        for record in records:
            sink.write(_render([record], format))
            if verbose:
                err.print(f"cleaned {record['source']}", highlight=False)


def _opened(output: str | None) -> IO[str]:
    """The output file (standard output when None), or a one-line error saying why it cannot be written."""
    if output is None:
        return nullcontext(sys.stdout)
    try:
        return Path(output).open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from exc


def _with_stdin(docs: Iterator[SourceDocument], read_stdin: bool) -> Iterator[SourceDocument]:
    if read_stdin:
        yield SourceDocument("-", sys.stdin.buffer.read())  # HTML or plain text, told apart by the cleaner
    yield from docs


def _one_file_each(records: Iterator[dict], folder: Path, format: CleanFormat) -> Iterator[tuple[dict, Path]]:
    """Each record with its own file in ``folder``: named after its input (``page.html`` -> ``page.json``;
    ``feed.jsonl#3`` -> ``feed-3.json``), numbered when two inputs would share a name."""
    taken: set[str] = set()
    for record in records:
        source = record["source"]
        stem = (
            "stdin"
            if source == "-"
            else re.sub(
                r"\.(html?|txt|jsonl|ndjson|warc)?(\.gz)?$", "", Path(source.replace("#", "-")).name, flags=re.I
            )
        )
        name, n = stem or "page", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        yield record, folder / f"{name}{SUFFIXES[format]}"


def _render(records: list[dict], format: CleanFormat, single: bool = False) -> str:
    """The records in ``format``; ``single``: a file of its own, where JSON holds the object rather than a list."""
    if format is CleanFormat.jsonl:
        return "".join(dumps(r) + "\n" for r in records)
    if format is CleanFormat.json:
        return dumps(records[0] if single else records, indent=2) + "\n"
    if format is CleanFormat.csv:
        return _as_csv(records)
    return "".join(_as_text(r, markdown=format is CleanFormat.markdown) for r in records)


def _as_text(record: dict, markdown: bool) -> str:
    if "quarantine" in record:
        return f"# {record['source']}\n\n(quarantined: {record['quarantine']['reason']})\n\n"
    body = (record.get("body_markdown") or record["body"]) if markdown else record["body"]
    return f"# {record.get('title') or record['source']}\n\n{body}\n\n"


def _as_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {k: record.get(k) for k in CSV_COLUMNS}
        row["authors"] = "; ".join(record.get("authors") or [])
        row["quarantine_reason"] = record.get("quarantine", {}).get("reason")
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()
