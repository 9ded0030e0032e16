"""Headless Chromium driven over the DevTools protocol (a websocket; nothing downloaded): open a local page at a
given viewport, evaluate JavaScript in it, take a full-page screenshot, and collect console errors."""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)
TIMEOUT = 30.0


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


class Chromium:
    """One browser with a fresh profile in ``profile``; ``with Chromium(profile) as browser: browser.open(...)``."""

    def __init__(self, profile: Path) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        self._log = (profile / "chromium.log").open("w+")  # a file, not a pipe: a chatty browser never blocks
        self._proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"], stdout=subprocess.DEVNULL, stderr=self._log
        )
        self._ids = itertools.count(1)
        self.errors: list[str] = []
        self._ws = None

    def __enter__(self) -> Chromium:
        from websockets.sync.client import connect

        try:
            self._ws = connect(self._endpoint(), max_size=None)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._log.close()

    def _endpoint(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self._log.seek(0)
            if match := re.search(r"DevTools listening on (ws://\S+)", self._log.read()):
                return match.group(1)
            if self._proc.poll() is not None:
                break
            time.sleep(0.1)
        self._log.seek(0)
        raise RuntimeError(f"chromium did not start its DevTools endpoint:\n{self._log.read()[-2000:]}")

    def call(self, method: str, session: str | None = None, **params: Any) -> dict:
        """Send one command and wait for its answer, noting the console errors that arrive meanwhile."""
        msg_id = next(self._ids)
        self._ws.send(
            json.dumps(
                {"id": msg_id, "method": method, "params": params, **({"sessionId": session} if session else {})}
            )
        )
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = json.loads(self._ws.recv(timeout=TIMEOUT))
            self._note_error(msg)
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]
        raise TimeoutError(method)

    def _note_error(self, msg: dict) -> None:
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.errors.append(json.dumps(params["args"])[:500])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(params["entry"]["text"])

    def open(self, page: Path, width: int, height: int, mobile: bool = False) -> Page:
        """A new tab showing ``page`` at a viewport of width x height CSS pixels, loaded."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        url = page.resolve().as_uri()
        self.call("Page.navigate", session, url=url)
        tab = Page(self, session)
        deadline = time.monotonic() + TIMEOUT
        while tab.evaluate("location.href + ' ' + document.readyState") != f"{url} complete":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{page} did not load")
            time.sleep(0.05)
        return tab


class Page:
    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session

    def evaluate(self, expression: str) -> Any:
        result = self.browser.call("Runtime.evaluate", self.session, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """The whole page, top to bottom, as PNG."""
        size = self.browser.call("Page.getLayoutMetrics", self.session)["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.browser.call(
            "Page.captureScreenshot", self.session, format="png", captureBeyondViewport=True, clip=clip
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path
