"""Start-up: loading the command line (for --help, `query`, `search`, ...) does not load the cleaners, Prefect or
DuckDB; each command imports what it needs when it runs. A module-level import that breaks this shows here."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "trafilatura",
    "prefect",
    "duckdb",
    "pyarrow",
    "cleaners.html",
    "cleaners.text",
    "cleaners.metadata",
    "ftfy",
    "lightgbm",
)


def _loaded_after(module: str) -> list[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    return [name for name in HEAVY if name in loaded]


def test_the_command_line_loads_nothing_heavy():
    assert _loaded_after("flows.cli") == []


def test_the_settings_load_nothing_heavy():
    assert _loaded_after("flows.settings") == []
