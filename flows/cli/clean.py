"""``newsdistill clean``: cleaning without Prefect or a warehouse."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from flows.cli.common import JobsOption, err, existing_paths
from flows.cli.output import dumps
from schemas import Outcome, Quarantined


class CleanFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


def clean_output(outcome: Outcome) -> dict:
    """The JSON record ``clean`` prints for one input (an article, or why it was quarantined)."""
    if isinstance(outcome, Quarantined):
        return {"source": outcome.doc.source, "quarantine": {"reason": outcome.reason.value, "detail": outcome.detail}}
    record = outcome.record.as_dict()
    record["removed"] = [{"kind": b.kind, "reason": b.reason, "text": b.text} for b in outcome.removed]
    return record


def clean(
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt .html .htm .jsonl .warc, optionally .gz)."),
    format: CleanFormat = typer.Option(CleanFormat.jsonl, "--format", "-f", help="jsonl, json or text."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    jobs: int = JobsOption,
) -> None:
    """Clean pages without Prefect or a warehouse: one JSON record per input."""
    from cleaners.read import iter_files, read_inputs
    from flows.cleaning import clean_stream

    existing_paths(paths)
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    records = (clean_output(o) for o in clean_stream(read_inputs(paths), jobs=jobs or None, progress=err,
                                                        total=sum(1 for _ in iter_files(paths))))
    try:
        if format is CleanFormat.json:
            sink.write(dumps(list(records), indent=2) + "\n")
        for record in records:
            if format is CleanFormat.jsonl:
                sink.write(dumps(record) + "\n")
            else:
                sink.write(_as_text(record))
    finally:
        if output:
            sink.close()


def _as_text(record: dict) -> str:
    if "quarantine" in record:
        return f"# {record['source']}\n(quarantined: {record['quarantine']['reason']})\n\n"
    return f"# {record.get('title') or record['source']}\n\n{record['body']}\n\n"
