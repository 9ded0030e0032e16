"""flows.api: the temporary Prefect API server, started early in the background and used when the run needs it."""

from __future__ import annotations

import httpx
import pytest

from flows import api

pytestmark = pytest.mark.slow


def test_a_server_started_early_is_the_one_the_run_uses_and_is_stopped_after(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(api, "_early", None)
    api.start_early()
    early_url, proc = api._early
    api.start_early()  # once only
    assert api._early == (early_url, proc)
    with api.local_server() as url:
        assert url == early_url and api._early is None
        assert httpx.get(f"{url}/health", timeout=10).status_code == 200
    assert proc.poll() is not None  # stopped with the run


def test_no_server_is_started_early_when_an_api_is_configured(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    monkeypatch.setattr(api, "_early", None)
    api.start_early()
    assert api._early is None
