"""Prefect flows and the CLI. Only orchestration lives here; cleaning is in ``cleaners``."""

import os

# Prefect settings newsdistill needs offline, set before any flows module imports prefect.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # telemetry fails offline
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
