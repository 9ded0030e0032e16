"""Ctrl-C during `newsdistill ingest`, typed into a real terminal (a pseudo-terminal: the line discipline sends SIGINT
to the whole foreground process group, cleaning workers included), as a person would."""

from __future__ import annotations

import gzip
import os
import pty
import re
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import AEB, ROOT
from warehouse.store import Warehouse

pytestmark = pytest.mark.slow
# The target from Ctrl-C to the prompt is 5 s; measured 2.8-4.4 s (5.3 s once) with both cores busy with other
# work. The bound leaves room for that: what it must catch is the old behaviour, minutes.
STOP_WITHIN_S = 10.0


def _corpus(folder: Path, copies: int = 2) -> int:
    """The benchmark's HTML pages, each ``copies`` times with a tiny change: long enough to interrupt mid-run."""
    folder.mkdir()
    pages = sorted((AEB / "html").glob("*.html.gz"))
    for copy in range(copies):
        for page in pages:
            html = gzip.decompress(page.read_bytes()) + b"<!-- %d -->" % copy
            (folder / f"{copy}-{page.name[:-3]}").write_bytes(html)
    return copies * len(pages)


def _run_in_terminal(
    args: list[str], env: dict[str, str], interrupt_after: bytes, timeout: float
) -> tuple[int, str, float]:
    """Run the command on a pseudo-terminal, type Ctrl-C once ``interrupt_after`` appears; returns the exit code,
    everything printed after Ctrl-C, and the seconds from Ctrl-C to exit."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal's foreground process
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, *args], env)
    output, sent_at, start = b"", None, time.monotonic()
    try:
        while time.monotonic() - start < timeout:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal: it exited
                    break
                if not chunk:
                    break
                output += chunk
            if sent_at is None and interrupt_after in output:
                os.write(fd, b"\x03")  # Ctrl-C, as typed
                sent_at, cut = time.monotonic(), len(output)
        _, status = os.waitpid(pid, 0)
        stopped = time.monotonic()
    finally:
        os.close(fd)
    assert sent_at is not None, f"{interrupt_after!r} never appeared: {output[-3000:]!r}"
    return os.waitstatus_to_exitcode(status), output[cut:].decode(errors="replace"), stopped - sent_at


def test_ctrl_c_stops_ingest_within_seconds_with_one_line_and_the_next_run_continues(tmp_path: Path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    total = _corpus(inbox)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # as a user runs it: a local server
    env |= {"PREFECT_HOME": str(tmp_path / "prefect"), "COLUMNS": "120", "TERM": "xterm"}
    command = ["-m", "flows.cli", "ingest", str(inbox), "-w", str(warehouse), "--batch-size", "40", "-j", "2"]
    code, after, seconds = _run_in_terminal(command, env, interrupt_after=b"batch 2:", timeout=600)

    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", after)
    assert code == 130, plain[-3000:]
    assert seconds < STOP_WITHIN_S, f"took {seconds:.1f} s to stop"
    assert "Traceback" not in plain and "Error" not in plain, plain[-3000:]
    landed = re.search(r"interrupted after (\d+) batches; run the same command again to continue", plain)
    assert landed, plain[-3000:]
    print(f"stopped {seconds:.1f} s after Ctrl-C, {landed.group(1)} batches landed")

    with Warehouse(str(warehouse), read_only=True) as wh:
        raw = wh.query("SELECT count(*) FROM raw_documents").fetchone()[0]
        runs = wh.query("SELECT status, read, ingested FROM ingest_runs").fetchall()
    assert raw == 40 * int(landed.group(1)) and runs == [("interrupted", raw, raw)]  # whole batches only
    with sqlite3.connect(tmp_path / "prefect" / "prefect.db") as db:
        states = db.execute("SELECT state_type FROM flow_run").fetchall()
    assert states == [("CANCELLED",)]

    again = subprocess.run([sys.executable, *command], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-3000:]
    lines = again.stdout.splitlines()
    counts = lines[lines.index("read\tingested\tunchanged\tduplicate\tquarantined") + 1].split("\t")
    read, ingested, unchanged, duplicate, quarantined = map(int, counts)
    # what landed is unchanged; the rest is cleaned (the copies of a page share its canonical URL and body, so
    # after the first they are duplicates)
    assert (read, unchanged, ingested + duplicate + quarantined) == (total, raw, total - raw)
