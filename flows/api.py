"""The Prefect API a command talks to: ``PREFECT_API_URL`` when it is set, else a local Prefect server run for as long
as the command runs (the API alone for a one-off run; ``prefect server start`` with its services for schedules).

The local server runs in its own session, so the terminal's Ctrl-C reaches the command alone: it stops its flow run
cleanly, marks it cancelled through the API, and only then stops the server. (Prefect's own temporary server shares
the terminal's process group and dies with the first Ctrl-C, leaving the run marked running and every later API call
retrying against nothing.)
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

SERVER_START_TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the local Prefect server exited with code {proc.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the local Prefect server at {url} did not answer /api/health within {timeout:.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _send_queued_logs() -> None:
    """Flush the run's logs and events while the server is still there: at exit they would be retried against
    nothing (tens of seconds)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)
    EventsWorker.drain_all(timeout=10)


# The API alone, as ``prefect server start --no-services --no-ui`` serves it, without loading Prefect's command line
# first (a second or two of the server's start-up).
_API_ONLY = (
    "import sys, uvicorn; from prefect.server.api.server import create_app; "
    "uvicorn.run(create_app(final=True, webserver_only=True), host='127.0.0.1', port=int(sys.argv[1]), "
    "log_level='error')"
)


def _launch(services: bool, env: dict[str, str] | None) -> tuple[str, subprocess.Popen]:
    """A Prefect server on a free localhost port, in its own session; its API URL and process. ``services``: ``prefect
    server start`` with the scheduler and the UI; else the API alone (one-off runs)."""
    port = _free_port()
    if services:
        command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    else:
        command = [sys.executable, "-c", _API_ONLY, str(port)]
        env = {
            **(os.environ if env is None else env),
            "PREFECT_SERVER_UI_ENABLED": "false",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    return f"http://127.0.0.1:{port}/api", proc


_early: tuple[str, subprocess.Popen] | None = None  # a temporary API server started ahead of its use


def start_early() -> None:
    """Start the temporary API server (seconds until it answers) now, in the background, when no PREFECT_API_URL is
    set in the environment: it comes up while the command imports Prefect and reads its inputs, and
    ``prefect_api`` then uses it. Stopped at exit if it was never used (a failed argument, a profile's API URL)."""
    global _early
    if _early is None and not os.environ.get("PREFECT_API_URL"):
        _early = _launch(services=False, env=None)
        atexit.register(_stop, _early[1])


@contextmanager
def local_server(
    services: bool = False,
    env: dict[str, str] | None = None,
    log: Callable[[str], object] | None = None,
    while_waiting: Callable[[], object] | None = None,
) -> Iterator[str]:
    """``prefect server start`` on a free localhost port, in its own session, for the duration; yields its API URL.
    ``services``: with Prefect's scheduler and the UI (for schedules), else only the API (one-off runs). A server
    from ``start_early`` (API only) is used when it fits. ``while_waiting`` is called once the server is launched,
    before waiting for it to answer (seconds in which the caller would otherwise sleep)."""
    global _early
    if _early is not None and not services and env is None:
        (url, proc), _early = _early, None
    else:
        url, proc = _launch(services, env)
    if log:
        log(f"PREFECT_API_URL is not set: starting a local Prefect server at {url}")
    try:
        if while_waiting is not None:
            while_waiting()
        _wait_healthy(url, proc, SERVER_START_TIMEOUT)
        yield url
    finally:
        _stop(proc)


@contextmanager
def prefect_api(
    services: bool = False,
    log: Callable[[str], object] | None = None,
    while_waiting: Callable[[], object] | None = None,
) -> Iterator[str]:
    """Yield the Prefect API URL, set for this process and the processes it starts: ``PREFECT_API_URL`` when set,
    else a ``local_server`` stopped afterwards (its run history is kept in ``~/.prefect``), calling ``while_waiting``
    while it starts."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = PREFECT_API_URL.value()
    if url:
        if _early is not None:  # the API came from a Prefect profile, not the environment: not needed
            _stop(_early[1])
        yield url
        return
    with local_server(services, log=log, while_waiting=while_waiting) as url:
        os.environ["PREFECT_API_URL"] = url  # inherited by the processes started from here (runs, Dask workers)
        try:
            with temporary_settings(updates={PREFECT_API_URL: url}):
                try:
                    yield url
                finally:
                    _send_queued_logs()
        finally:
            os.environ.pop("PREFECT_API_URL", None)
