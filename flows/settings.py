"""Settings read from the environment in one place (flags override them where a command takes them)."""

from __future__ import annotations

import os

# Prefect settings newsdistill needs offline. Set by the command line before Prefect is imported, never by importing
# a module: a program embedding the flows keeps its own environment.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # telemetry fails offline
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    # The temporary API server Prefect starts for a run takes ~6 s on an idle machine and can pass Prefect's 20 s
    # default on a busy one, failing the run before it starts.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def prefect_environment() -> None:
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
