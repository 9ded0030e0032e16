"""Prefect flows and the CLI. Only orchestration lives here; cleaning is in ``cleaners``."""

import os

# Prefect settings newsdistill needs offline, set before any flows module imports prefect.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # telemetry fails offline
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
# The temporary API server Prefect starts for a run takes ~6 s on an idle machine and can pass Prefect's
# 20 s default on a busy one, failing the run before it starts.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
