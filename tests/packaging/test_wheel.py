"""The package as a user installs it: build the wheel, install it into a fresh virtual environment outside the
checkout, and ingest, query and search there. Catches package data left out of the wheel (views.sql, lexicons) and
paths that only resolve inside a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.paths import ROOT, SEEDS

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def not_sources(folder: str, names: list[str]) -> set[str]:
    """What a source distribution would not carry: hidden entries, tests, build output, a local warehouse's data."""
    skip = {n for n in names if n.startswith(".") or n in ("tests", "build", "__pycache__") or n.endswith(".egg-info")}
    if Path(folder) == ROOT / "warehouse":  # its code, views and subpackages; not a local warehouse's files
        skip |= {
            n for n in names if not n.endswith((".py", ".sql")) and not (Path(folder) / n / "__init__.py").exists()
        }
    return skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv holding only the built wheel; its dependencies come from this environment's site-packages
    (added by a .pth file, which does not run this checkout's editable-install hook)."""
    root = tmp_path_factory.mktemp("packaging")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PREFECT_API_URL")}
    source = root / "source"  # a copy: building writes build/ and *.egg-info beside the sources
    shutil.copytree(ROOT, source, ignore=not_sources)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(root / "dist"),
            str(source),
        ],
        root,
        env,
    )
    (wheel,) = (root / "dist").glob("newsdistill-*.whl")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], root, env)
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run([str(python), "-c", purelib], root, env).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], root, env)
    return venv, env


def test_the_installed_wheel_ingests_queries_and_searches(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    venv, env = installed
    work = tmp_path / "elsewhere"  # outside the checkout: nothing may resolve relative to it
    work.mkdir()
    where = run([str(venv / "bin" / "python"), "-c", "import warehouse; print(warehouse.__file__)"], work, env)
    assert str(venv) in where and str(ROOT) not in where
    cli = str(venv / "bin" / "newsdistill")
    inbox = work / "inbox"
    inbox.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (inbox / seed.name).write_bytes(seed.read_bytes())
    run([cli, "ingest", str(inbox), "--warehouse", "wh"], work, env)
    counted = run(
        [cli, "query", "SELECT count(*) AS n FROM articles_latest", "--warehouse", "wh", "--format", "csv"], work, env
    )
    assert counted.split() == ["n", "2"]
    found = run([cli, "search", "ballistic missiles", "--warehouse", "wh", "--format", "json"], work, env)
    assert "Iran" in found
    assert (work / "wh" / "catalog.sqlite").exists()
    # the report's stylesheet and script are package data: the page ingest wrote, and one written on demand, hold them
    run([cli, "report", "--warehouse", "wh", "-o", "report.html"], work, env)
    for page in (work / "wh" / "report.html", work / "report.html"):
        html = page.read_text(encoding="utf-8")
        assert "table.sortable" in html and ".hbars{" in html and 'data-total="articles"><b>2</b>' in html
