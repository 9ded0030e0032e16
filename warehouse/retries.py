"""Transient catalog errors ("database is locked", serialization conflicts) are retried with backoff."""

from __future__ import annotations

import time

import duckdb

_TRANSIENT = ("database is locked", "conflict", "busy", "could not serialize", "deadlock")


def is_transient(exc: Exception) -> bool:
    return any(word in str(exc).lower() for word in _TRANSIENT)


def with_retries(action, attempts: int = 5, first_delay: float = 0.5):
    """Run ``action()``; retry transient catalog errors (locked, conflict) with exponential backoff."""
    for attempt in range(attempts):
        try:
            return action()
        except duckdb.Error as exc:
            if attempt == attempts - 1 or not is_transient(exc):
                raise
            time.sleep(first_delay * 2**attempt)
    return None
