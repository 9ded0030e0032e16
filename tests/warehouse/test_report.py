"""Run artifacts in Prefect, and the self-contained HTML report (pure checks, then headless Chromium)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from flows.artifacts import KEYS
from flows.ingest import ingest_flow
from tests.paths import SEEDS
from warehouse.report import write_report
from warehouse.store import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def landed(tmp_path_factory) -> tuple[Path, dict, str]:
    """The seeds plus two bad inputs, ingested once: (warehouse, summary, flow run id)."""
    root = tmp_path_factory.mktemp("report")
    inbox = root / "inbox"
    shutil.copytree(SEEDS, inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    state = ingest_flow([str(inbox)], warehouse=str(root / "wh"), jobs=1, return_state=True)
    return root / "wh", state.result(), str(state.state_details.flow_run_id)


def test_a_run_publishes_its_artifacts(landed):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import Artifact

    warehouse, result, flow_run_id = landed
    # (read_artifacts() sends null limit/sort/offset, which this API version rejects with 422: post the filter)
    with get_client(sync_client=True) as client:
        response = client._client.post("/artifacts/filter",
                                       json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 50})
    artifacts = [Artifact.model_validate(a) for a in response.json()]
    by_key = {a.key: a for a in artifacts}
    assert set(KEYS) <= set(by_key)
    data = {k: json.loads(a.data) if a.type == "table" else a.data for k, a in by_key.items()}
    assert data["ingest-counts"] == [{"read": 4, "ingested": 2, "duplicate": 0, "quarantined": 2}]
    assert {r["kind"]: r["blocks"] for r in data["ingest-boilerplate-removed"]} == result["removed_by_kind"]
    assert {r["reason"]: r["documents"] for r in data["ingest-quarantine-reasons"]} == {"empty": 1,
                                                                                       "truncated_gzip": 1}
    files = re.findall(r"`([^`]+\.parquet)`", data["ingest-parquet-files"])
    assert any("/articles/" in f for f in files) and all(Path(f).exists() for f in files)
    with Warehouse(str(warehouse)) as wh:
        article_files = {f for (f,) in wh.query("SELECT data_file FROM ducklake_list_files('wh', 'articles')")
                         .fetchall()}
    assert article_files <= set(files)


def test_report_html_has_the_numbers_and_no_network_assets(landed, tmp_path: Path):
    warehouse, result, _ = landed
    output = tmp_path / "report.html"
    data = write_report(str(warehouse), output)
    html = output.read_text()
    assert data.totals["articles"] == 2 and data.totals["quarantined"] == 2
    assert '<div class="card" data-total="articles"><b>2</b>' in html
    assert '<div class="card" data-total="quarantined"><b>2</b>' in html
    assert re.search(r'data-chart="articles-per-day" data-points="2"', html)
    assert re.search(r'data-chart="quarantine" data-points="2"', html)
    kinds = {kind for _, kind, _, _ in data.removed_share}
    assert kinds and kinds <= set(result["removed_by_kind"])
    for _, title, *_ in [(r[1], r[2]) for r in data.latest]:
        assert title
    with Warehouse(str(warehouse)) as wh:
        titles = [t for (t,) in wh.query("SELECT title FROM articles_latest").fetchall()]
    for title in titles:
        assert title.replace("'", "&#x27;") in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(http" not in html


def _cdp_render(html: Path, screenshot: Path, profile: Path) -> tuple[dict, list[str]]:
    """Open the page in headless Chromium over the DevTools protocol: (facts from the DOM, console errors)."""
    from websockets.sync.client import connect

    proc = subprocess.Popen(
        [str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "--window-size=1200,1600", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        ws_url = None
        deadline = time.monotonic() + 30
        while ws_url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if match := re.search(r"DevTools listening on (ws://\S+)", line):
                ws_url = match.group(1)
        assert ws_url, "chromium did not start its DevTools endpoint"
        errors: list[str] = []
        with connect(ws_url, max_size=None) as ws:
            ids = iter(range(1, 10_000))

            def call(method: str, session: str | None = None, **params):
                msg_id = next(ids)
                ws.send(json.dumps({"id": msg_id, "method": method, "params": params,
                                    **({"sessionId": session} if session else {})}))
                while True:
                    msg = json.loads(ws.recv(timeout=30))
                    if msg.get("method") == "Runtime.exceptionThrown":
                        errors.append(json.dumps(msg["params"]["exceptionDetails"])[:500])
                    elif msg.get("method") == "Runtime.consoleAPICalled" and msg["params"]["type"] == "error":
                        errors.append(json.dumps(msg["params"]["args"])[:500])
                    elif msg.get("method") == "Log.entryAdded" and msg["params"]["entry"]["level"] == "error":
                        errors.append(msg["params"]["entry"]["text"])
                    if msg.get("id") == msg_id:
                        assert "error" not in msg, msg
                        return msg["result"]

            target = call("Target.createTarget", url="about:blank")["targetId"]
            session = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                call(f"{domain}.enable", session)
            call("Page.navigate", session, url=html.as_uri())
            script = """JSON.stringify({ready: document.readyState,
                charts: [...document.querySelectorAll('svg[data-chart]')].map(s => ({
                  chart: s.dataset.chart, bars: s.querySelectorAll('rect[data-value]').length,
                  width: s.getBoundingClientRect().width})),
                rows: document.querySelectorAll('#latest tbody tr').length,
                resources: performance.getEntriesByType('resource').map(r => r.name)})"""
            facts: dict = {}
            for _ in range(50):
                value = call("Runtime.evaluate", session, expression=script, returnByValue=True)["result"]["value"]
                facts = json.loads(value)
                if facts["ready"] == "complete" and facts["charts"]:
                    break
                time.sleep(0.1)
            shot = call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        return facts, errors
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install -y chromium) for the "
                                                  "headless render check; the pure HTML test still runs")
def test_report_renders_in_headless_chromium(landed, tmp_path: Path):
    warehouse, _, _ = landed
    output = tmp_path / "report.html"
    write_report(str(warehouse), output)
    screenshot = tmp_path / "report.png"
    facts, errors = _cdp_render(output, screenshot, tmp_path / "chromium-profile")
    print(f"screenshot: {screenshot}")
    assert errors == []
    charts = {c["chart"]: c for c in facts["charts"]}
    assert set(charts) == {"articles-per-day", "removed-share", "quarantine"}
    assert all(c["bars"] > 0 and c["width"] > 100 for c in charts.values()), charts
    assert facts["rows"] == 2
    assert facts["resources"] == []  # nothing fetched: no network assets
    assert screenshot.stat().st_size > 10_000 and screenshot.read_bytes()[:4] == b"\x89PNG"
