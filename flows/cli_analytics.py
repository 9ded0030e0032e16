"""CLI commands for analytics (search, stories, export); registered on the main app."""

from __future__ import annotations

from flows.cli import app  # noqa: F401
