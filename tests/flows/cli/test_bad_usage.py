"""Every command with bad arguments: missing, empty, of the wrong type, a wrong path, a wrong extension. Each ends in
one line on stderr naming the problem, a non-zero exit code and no traceback; nothing hangs."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main
from tests.paths import SEEDS
from warehouse.store import Warehouse

# (arguments, words the one-line error must hold); {wh} an existing warehouse, {missing} a path that does not exist,
# {file} a regular file, {dir} an empty folder, {tmp} a scratch folder
BAD_USAGE = [
    (["nosuch"], "No such command"),
    (["clean"], "Missing argument"),
    (["clean", "{missing}"], "no such file or folder"),
    (["clean", "{seeds}", "--jobs", "-1"], "--jobs"),
    (["clean", "{seeds}", "--jobs", "many"], "should be a valid integer"),
    (["clean", "{seeds}", "--format", "pdf"], "--format"),
    (["clean", "{seeds}", "--nope"], "No such option"),
    (["clean", "-", "-"], "standard input (-) can be read only once"),
    (["clean", "{seeds}", "-o", "{file}/out.jsonl"], "cannot write"),
    (["ingest"], "Missing argument"),
    (["ingest", "{missing}", "-w", "{tmp}/wh"], "no such file or folder"),
    (["ingest", "{seeds}", "-w", "{file}"], "cannot create warehouse"),
    (["ingest", "{seeds}", "-w", "{tmp}/wh", "--jobs", "-1"], "--jobs"),
    (["ingest", "{seeds}", "-w", "{tmp}/wh", "--batch-size", "0"], "--batch-size"),
    (["ingest", "{seeds}", "-w", "{tmp}/wh", "--runner", "spark"], "unknown runner"),
    (["query", "-w", "{wh}"], "Missing argument"),
    (["query", "", "-w", "{wh}"], "no SQL statement given"),
    (["query", "-w", "{wh}", "--", "-- only a comment"], "no SQL statement given"),
    (["query", "DELETE FROM articles", "-w", "{wh}"], "read-only"),
    (["query", "COPY (SELECT 1) TO '{tmp}/x.csv'", "-w", "{wh}"], "read-only"),
    (["query", "SELECT * FROM nowhere", "-w", "{wh}"], "query failed"),
    (["query", "SELECT 1", "-w", "{missing}"], "no warehouse at"),
    (["query", "SELECT 1", "-w", "{wh}", "--format", "xml"], "--format"),
    (["search", "x", "-w", "{missing}"], "no warehouse at"),
    (["search", "x", "-w", "{wh}", "--limit", "0"], "--limit"),
    (["search", "x", "-w", "{wh}", "--since", "yesterday"], "--since"),
    (["stories", "-w", "{wh}", "--since", "2024-13-45"], "--since"),
    (["export", "-w", "{wh}"], "Missing option"),
    (["export", "-o", "{tmp}/out.pdf", "-w", "{wh}"], "cannot tell the format"),
    (["export", "-o", "{file}/out.csv", "-w", "{wh}"], "cannot write"),
    (["export", "-o", "{tmp}/out.csv", "--where", "no such column", "-w", "{wh}"], "export failed"),
    (["serve"], "Missing option"),
    (["serve", "--inbox", "{missing}", "-w", "{tmp}/wh"], "no such folder"),
    (["serve", "--inbox", "{file}", "-w", "{tmp}/wh"], "is not a folder"),
    (["serve", "--inbox", "{dir}", "-w", "{tmp}/wh", "--cron", "* * * * *", "--interval", "5"], "not both"),
    (["serve", "--inbox", "{dir}", "-w", "{tmp}/wh", "--interval", "0"], "--interval"),
    (["serve", "--inbox", "{dir}", "-w", "{tmp}/wh", "--cron", "every day"], "not a cron schedule"),
    (["serve", "--inbox", "{dir}", "-w", "{file}"], "cannot create warehouse"),
    (["report", "-w", "{missing}"], "no warehouse at"),
    (["report", "-o", "{file}/report.html", "-w", "{wh}"], "cannot write"),
    (["maintain", "-w", "{missing}"], "no warehouse at"),
    (["maintain", "-w", "{wh}", "--older-than", "soon"], "use a number and a unit"),
    (["reclean", "-w", "{missing}"], "no warehouse at"),
    (["reclean", "-w", "{wh}", "--jobs", "-2"], "--jobs"),
    (["restore", "-w", "{missing}"], "no warehouse at"),
    (["restore", "-w", "{wh}", "--snapshot", "999"], "no snapshot 999"),
    (["restore", "-w", "{wh}", "--snapshot", "latest"], "should be a valid integer"),
    (["restore", "-w", "{wh}", "--before", "1990-01-01"], "no snapshot before"),
    (["restore", "-w", "{wh}", "--snapshot", "1", "--before", "2020-01-01"], "not both"),
    (["eval", "aeb", "--path", "pdf"], "--path must be html or text"),
    (["eval", "wcxb", "--bench-dir", "{missing}"], "no such folder"),
    (["eval", "metadata", "--jobs", "0"], "--jobs"),
    (["bench", "--only", "nothing"], "nothing"),
    (["bench", "--docs", "0"], "--docs"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("bad_usage")
    with Warehouse(str(root / "wh")) as wh:
        wh.ensure_schema()
    (root / "file.txt").write_text("not a folder")
    (root / "empty").mkdir()
    return {
        "wh": str(root / "wh"),
        "missing": str(root / "no" / "such"),
        "file": str(root / "file.txt"),
        "dir": str(root / "empty"),
        "seeds": str(SEEDS),
    }


@pytest.mark.parametrize(("args", "expected"), BAD_USAGE, ids=[" ".join(a) for a, _ in BAD_USAGE])
def test_bad_usage_is_one_line_and_a_nonzero_exit(
    args: list[str], expected: str, places: dict[str, str], tmp_path: Path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # nothing may land in the current folder's default warehouse
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115 - closed by pytest's capture teardown
    with pytest.raises(SystemExit) as exit_info:
        main([a.format(tmp=tmp_path, **places) for a in args])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert exit_info.value.code not in (0, None), captured
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert expected in lines[0], lines[0]
    assert "Traceback" not in captured.out + captured.err
    assert not (tmp_path / "warehouse").exists()
