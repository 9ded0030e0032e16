"""Every code block of README.md runs, so the documentation cannot drift from the program.

* ``sh`` blocks run in bash (``set -eu``, one temporary folder for the whole README, whose ``warehouse/`` holds the
  seed articles and whose ``inbox/`` holds the seed pages) with ``newsdistill`` being this checkout's command line.
  What needs a long-running server is shortened, as the README says under "The examples are tested": ``make`` lines
  are not run (CI runs ``make test`` itself); ``prefect server start`` and ``prefect worker start`` start nothing
  (a test Prefect server answers instead); ``newsdistill serve`` runs one cycle (``--once``); the example places
  ``/data/`` and ``/mnt/shared/`` are folders inside the temporary one, and a PostgreSQL catalog is a fresh schema
  of the machine's test database.
* ``python`` blocks run in that folder.
* ``sql`` blocks run in DuckDB there, with the ``ducklake`` and ``sqlite`` extensions; a block that attaches nothing
  runs against the warehouse (as ``newsdistill query`` does).
* Blocks without a language (diagrams) are not code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import postgres_dsn
from tests.paths import ROOT, SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
RUNNABLE = ("sh", "bash", "python", "sql")

# Bash functions in front of every shell block: the shortened commands described in the module docstring.
PREAMBLE = r"""
set -eu
newsdistill() {
    if [ "$1" = serve ] && [[ " $* " != *" --once "* ]]; then set -- "$@" --once; fi
    "$PYTHON" -m flows.cli "$@"
}
make() { echo "not run here: make $*"; }
prefect() {
    case "$1 ${2:-}" in
        "server start"|"worker start") echo "not started here: prefect $*";;
        *) "$PYTHON" -m prefect "$@";;
    esac
}
"""


def readme_blocks() -> list[tuple[int, str, str]]:
    """(line number, language, code) of every runnable block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(text[: m.start()].count("\n") + 1, m[1], m[2]) for m in BLOCK.finditer(text) if m[1] in RUNNABLE]


@pytest.fixture(scope="module")
def place(tmp_path_factory, prefect_api_url: str) -> dict:
    """The folder every block runs in, its warehouse filled with the seeds, and what the examples' places become."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(SEEDS, folder / "inbox")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(SEEDS, folder / "data" / "inbox")
    (folder / "flows").symlink_to(ROOT / "flows")  # `flow.from_source(".", "flows/...")` examples, "from the root"
    (folder / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "PREFECT_API_URL": prefect_api_url,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("NEWSDISTILL_WAREHOUSE", None)
    subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "inbox", "-j", "1"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    schema = f"nd_readme_{uuid.uuid4().hex[:8]}"
    places = {
        "/data/": f"{folder}/data/",
        "/mnt/shared/": f"{folder}/shared/",
        "http://127.0.0.1:4200/api": prefect_api_url,
        "schema=lake": f"schema={schema}",
    }
    dsn = postgres_dsn()
    if dsn:
        places |= {"dbname=news host=db.internal user=etl": dsn}
    yield {"folder": folder, "env": env, "places": places, "postgres": dsn is not None}
    if dsn:
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _localized(code: str, places: dict[str, str]) -> str:
    """The code with the examples' places replaced; a path only where it starts (/data/, not warehouse/data/)."""
    for example, here in places.items():
        pattern = ("(?<![\\w.])" if example.startswith("/") else "") + re.escape(example)
        code = re.sub(pattern, here.replace("\\", "\\\\"), code)
    return code


@pytest.mark.parametrize(
    ("line", "language", "code"),
    readme_blocks(),
    ids=lambda v: str(v) if isinstance(v, int) else None if "\n" in str(v) else str(v),
)
def test_readme_block_runs(line: int, language: str, code: str, place: dict):
    code = _localized(code, place["places"])
    if "db.internal" in code and not place["postgres"]:
        pytest.skip("no PostgreSQL server answers at 127.0.0.1:5432; CI always runs this block")
    if language in ("sh", "bash"):
        result = subprocess.run(
            ["bash", "-c", PREAMBLE + code],
            cwd=place["folder"],
            env=place["env"],
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"README line {line}:\n{code}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    elif language == "python":
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=place["folder"],
            env=place["env"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"README line {line}:\n{code}\n{result.stderr[-3000:]}"
    else:
        _run_sql(code, place["folder"])


def _run_sql(code: str, folder: Path) -> None:
    import duckdb

    from warehouse.store import Warehouse, load_extensions

    cwd = Path.cwd()
    os.chdir(folder)  # the examples name the warehouse by a relative path
    try:
        if re.search(r"\bATTACH\b", code, re.I):
            con = duckdb.connect()
            load_extensions(con, "ducklake", "sqlite")
            con.execute(code)
            con.close()
        else:
            with Warehouse("warehouse", read_only=True) as wh:
                for statement in wh.statements(code):
                    wh.con.execute(statement.query).fetchall()
    finally:
        os.chdir(cwd)
