"""The commands a user runs, timed from outside as a user would see them: the trafilatura CLI (the anchor: what one
runs instead, ``--parallel`` = the cores used) beside ``newsdistill clean`` and ``newsdistill ingest`` on the same
folder of pages, each a fresh process (imports, pools, the Prefect API included); and their start-up, on one small
file.

Corpora: the AEB pages as the HTML bench corpus writes them (one file per document), and distinct real pages of
every type drawn from WCXB (a fixed selection, spread evenly over its sorted ids; skipped, saying so, when WCXB is not
on this machine).
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import psutil

from cleaners.evaluation.corpora import CorpusMissing, corpus_dir
from flows.peak_memory import PeakRSS

CLI = "trafilatura CLI"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_dd2bd43269241356.txt"  # one small page (3.8 KB)


def files_from_jsonl(jsonl: Path, target: Path) -> Path:
    """The HTML pages of a bench JSONL corpus as a folder of ``.html`` files (what the trafilatura CLI reads)."""
    target.mkdir(parents=True, exist_ok=True)
    with jsonl.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            (target / f"{n:06d}.html").write_text(json.loads(line)["html"], encoding="utf-8")
    return target


def wcxb_files(target: Path, pages: int, bench_dir: Path | None = None) -> Path:
    """``pages`` distinct WCXB pages (ids spread evenly over the sorted list, so every page type is drawn) as
    ``.html`` files. Raises ``CorpusMissing`` when WCXB is not on this machine."""
    html = corpus_dir("wcxb", bench_dir) / "html"
    ids = sorted(p.name.removesuffix(".html.gz") for p in html.glob("*.html.gz"))
    chosen = [ids[i * len(ids) // pages] for i in range(min(pages, len(ids)))]
    target.mkdir(parents=True, exist_ok=True)
    for page_id in chosen:
        (target / f"{page_id}.html").write_bytes(gzip.decompress((html / f"{page_id}.html.gz").read_bytes()))
    return target


def _trafilatura() -> list[str]:
    """The trafilatura command installed beside this Python (the CLI a user of the same environment runs)."""
    beside = Path(sys.executable).with_name("trafilatura")
    return [str(beside)] if beside.exists() else [shutil.which("trafilatura") or "trafilatura"]


def _newsdistill() -> list[str]:
    return [sys.executable, "-m", "flows.cli"]


def timed_command(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Run a command to its end; its wall time, CPU time and the peak memory of it and its children (summed PSS
    and RSS). A command that fails raises with the last line it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with PeakRSS(psutil.Process(proc.pid)) as memory:
        _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds (steadier than wall time on a shared machine): of the command and the processes it waited for, or
    # as sampled over its process tree when that saw more (workers of a fork server the command never waits for)
    cpu = max(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, memory.cpu_seconds())
    if proc.returncode:
        last = (stderr.strip().splitlines() or ["(nothing printed)"])[-1]
        raise RuntimeError(f"{' '.join(argv[:4])} ... exited with code {proc.returncode}: {last}")
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu, 2),
        "peak_pss_mb": round(memory.peak_pss / 1e6, 1),
        "peak_rss_mb": round(memory.peak / 1e6, 1),
    }


def _commands(folder: Path, work: Path, jobs: int, api: str) -> dict[str, Callable[[int], list[str]]]:
    """Each tool's command over ``folder``, writing into a fresh place under ``work`` on every repetition."""
    return {
        f"{CLI} --parallel {jobs}": lambda n: [
            *_trafilatura(),
            "--input-dir",
            str(folder),
            "-o",
            str(work / f"trafilatura-{n}"),
            "--json",
            "--with-metadata",
            "--parallel",
            str(jobs),
        ],
        "newsdistill clean": lambda n: [
            *_newsdistill(),
            "clean",
            str(folder),
            "-o",
            str(work / f"clean-{n}.jsonl"),
            "--jobs",
            str(jobs),
        ],
        f"newsdistill ingest ({api})": lambda n: [
            *_newsdistill(),
            "ingest",
            str(folder),
            "--warehouse",
            str(work / f"warehouse-{n}"),
            "--jobs",
            str(jobs),
        ],
    }


def _api_kind(env: dict[str, str]) -> str:
    return "running Prefect API" if env.get("PREFECT_API_URL") else "temporary Prefect API"


def compare_on(
    name: str, folder: Path, work: Path, jobs: int, repeat: int = 1, progress: Callable[[str], None] = print
) -> dict:
    """The trafilatura CLI, ``newsdistill clean`` and ``newsdistill ingest`` on the pages of ``folder``, alternating,
    ``repeat`` times each; the run of median wall time of each, with pages/s and its ratio to the CLI."""
    env = dict(os.environ)
    pages = sum(1 for p in folder.iterdir() if p.is_file())
    commands = _commands(folder, work, jobs, _api_kind(env))
    measured: dict[str, list[dict]] = {tool: [] for tool in commands}
    for n in range(repeat):
        for tool, command in commands.items():
            progress(f"running: {tool} on {name} ({pages} pages){f', run {n + 1}' if repeat > 1 else ''}")
            measured[tool].append(timed_command(command(n), env))
    runs = []
    for tool, results in measured.items():
        middle = statistics.median_low(r["seconds"] for r in results)
        run = next(r for r in results if r["seconds"] == middle)
        runs.append({"name": tool, "pages": pages, "pages_per_s": round(pages / run["seconds"], 2), **run})
    for run in runs:
        run["vs_cli"] = round(run["pages_per_s"] / runs[0]["pages_per_s"], 2)
    return {"corpus": name, "pages": pages, "jobs": jobs, "repeat": repeat, "runs": runs}


def startup(work: Path, jobs: int, progress: Callable[[str], None] = print) -> list[dict]:
    """Seconds to handle one small page, each tool a fresh process: the trafilatura CLI, ``newsdistill clean``, and
    ``newsdistill ingest`` with the temporary Prefect API (no ``PREFECT_API_URL``) and against a running one (the
    configured one, else a local server started here for the purpose)."""
    folder = work / "one-page"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    bare = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    out = []

    def run(name: str, argv: list[str], env: dict[str, str]) -> None:
        progress(f"running: start-up of {name}")
        out.append({"name": name, **timed_command(argv, env)})

    run(
        CLI,
        [
            *_trafilatura(),
            "--input-dir",
            str(folder),
            "-o",
            str(work / "one-trafilatura"),
            "--json",
            "--with-metadata",
            "--parallel",
            str(jobs),
        ],
        bare,
    )
    run("newsdistill clean", [*_newsdistill(), "clean", str(folder / SEED.name)], bare)
    run(
        "newsdistill ingest (temporary Prefect API)",
        [*_newsdistill(), "ingest", str(folder), "--warehouse", str(work / "one-warehouse-bare")],
        bare,
    )
    with _running_api() as url:
        run(
            "newsdistill ingest (running Prefect API)",
            [*_newsdistill(), "ingest", str(folder), "--warehouse", str(work / "one-warehouse-api")],
            bare | {"PREFECT_API_URL": url},
        )
    return out


@contextmanager
def _running_api() -> Iterator[str]:
    """The configured Prefect API, else a local server for as long as the block runs."""
    from flows.api import local_server

    url = os.environ.get("PREFECT_API_URL")
    with nullcontext(url) if url else local_server() as running:
        yield running


def command_corpora(
    root: Path, html_jsonl: Path | None, wcxb_pages: int, bench_dir: Path | None
) -> Iterator[tuple[str, Path | None, str]]:
    """(name, folder of pages or None, why it is missing) for the AEB corpus (when generated) and WCXB."""
    if html_jsonl is not None:
        yield "aeb", files_from_jsonl(html_jsonl, root / "aeb-files"), ""
    try:
        yield "wcxb", wcxb_files(root / "wcxb-files", wcxb_pages, bench_dir), ""
    except CorpusMissing as exc:
        yield "wcxb", None, str(exc)
