"""The HTML report: run artifacts that link to it, its numbers against their own SQL, its scope filters, a
warehouse of 1,000 sites, and (headless Chromium) how it renders at 1,400 px and at a phone's width."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from flows.artifacts import KEYS
from flows.ingest import ingest_flow
from flows.synthetic import fill_synthetic
from tests.browser import Chromium, chromium_available
from tests.paths import ROOT, SEEDS
from warehouse import Warehouse
from warehouse.report import REPORT_FILE, Scope, collect, write_report
from warehouse.report.charts import PALETTE, REST_COLOUR, ticks
from warehouse.report.data import bucket_unit

ARTIFACTS = Path(os.environ.get("NEWSDISTILL_TEST_ARTIFACTS", ROOT / "test-artifacts")) / "report"
WIDTHS = {"desktop": (1400, 900, False), "phone": (390, 844, True)}
CHARTS = {
    "articles-over-time",
    "sites",
    "removed-kinds",
    "removed-share",
    "quarantine",
    "page-types",
    "metadata-coverage",
}


@pytest.fixture(scope="module")
def landed(tmp_path_factory, prefect_harness) -> tuple[Path, dict, str]:
    """The seeds plus two bad inputs, ingested once: (warehouse, summary, flow run id)."""
    root = tmp_path_factory.mktemp("report")
    inbox = root / "inbox"
    shutil.copytree(SEEDS, inbox)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    state = ingest_flow([str(inbox)], warehouse=str(root / "wh"), jobs=1, return_state=True)
    return root / "wh", state.result(), str(state.state_details.flow_run_id)


@pytest.fixture(scope="module")
def thousand_sites(tmp_path_factory) -> Path:
    """A synthetic warehouse: 20,000 articles of 1,000 sites, with removed blocks and quarantined inputs."""
    location = tmp_path_factory.mktemp("synthetic") / "wh"
    with Warehouse(str(location)) as wh:
        fill_synthetic(wh, 20_000, sites=1000)
    return location


@pytest.mark.slow
def test_a_run_publishes_its_artifacts_and_its_report(landed):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import Artifact

    warehouse, result, flow_run_id = landed
    # (read_artifacts() sends null limit/sort/offset, which this API version rejects with 422: post the filter)
    with get_client(sync_client=True) as client:
        response = client._client.post(
            "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 50}
        )
    artifacts = [Artifact.model_validate(a) for a in response.json()]
    by_key = {a.key: a for a in artifacts}
    assert set(KEYS) <= set(by_key)
    data = {k: json.loads(a.data) if a.type == "table" else a.data for k, a in by_key.items()}
    assert data["ingest-counts"] == [{"read": 4, "ingested": 2, "duplicate": 0, "quarantined": 2}]
    assert {r["kind"]: r["blocks"] for r in data["ingest-boilerplate-removed"]} == result["removed_by_kind"]
    assert {r["reason"]: r["documents"] for r in data["ingest-quarantine-reasons"]} == {"empty": 1, "truncated_gzip": 1}
    files = re.findall(r"`([^`]+\.parquet)`", data["ingest-parquet-files"])
    assert any("/articles/" in f for f in files) and all(Path(f).exists() for f in files)
    with Warehouse(str(warehouse)) as wh:
        article_files = {
            f for (f,) in wh.query("SELECT data_file FROM ducklake_list_files('wh', 'articles')").fetchall()
        }
    assert article_files <= set(files)
    # the run wrote the warehouse's report, and its artifact links to it and gives the command
    report = warehouse / REPORT_FILE
    assert f"]({report.as_uri()})" in data["ingest-report"]
    assert f"newsdistill report --warehouse {warehouse}" in data["ingest-report"]
    assert 'data-total="articles"><b>2</b>' in report.read_text(encoding="utf-8")
    assert result["waits_s"]["report"] > 0


@pytest.mark.slow
def test_report_html_has_the_numbers_and_no_network_assets(landed, tmp_path: Path):
    warehouse, result, _ = landed
    output = tmp_path / "report.html"
    data = write_report(str(warehouse), output)
    html = output.read_text()
    assert data.totals["articles"] == 2 and data.totals["quarantined"] == 2
    assert '<div class="card" data-total="articles"><b>2</b>' in html
    assert '<div class="card" data-total="quarantined"><b>2</b>' in html
    for chart in CHARTS:  # every chart has points on this warehouse
        assert re.search(rf'data-chart="{chart}" data-points="[1-9]', html), chart
    kinds = {kind for _, kind, _, _ in data.removed}
    assert kinds and kinds <= set(result["removed_by_kind"])
    with Warehouse(str(warehouse)) as wh:
        titles = [t for (t,) in wh.query("SELECT title FROM articles_latest").fetchall()]
    for title in titles:
        assert title.replace("'", "&#x27;") in html
    # nothing to fetch: no src attributes, stylesheets links or CSS imports (article links are plain anchors)
    assert not re.search(r"\bsrc\s*=|<link\b|@import|url\(", html, re.I)


def test_each_number_is_the_result_of_the_sql_shown_beside_it(thousand_sites: Path):
    with Warehouse(str(thousand_sites), read_only=True) as wh:
        data = collect(wh, Scope(site="times"))
        shown = {name: wh.query(sql).fetchall() for name, sql in data.sql.items()}
        articles = wh.query(
            "SELECT count(*) FROM articles_latest WHERE coalesce(site_name, domain) ILIKE '%times%'"
        ).fetchone()[0]
    assert [s.name for s in data.sites] == [row[0] for row in shown["sites"]]
    assert data.totals["articles"] == sum(row[1] for row in shown["sites"]) == articles
    assert sorted(data.removed) == sorted(shown["removed"]) and data.page_types == shown["page_types"]
    assert data.latest == shown["latest"]
    assert sum(data.timeline.series["articles"]) == data.totals["dated"]


def test_since_and_site_narrow_every_chart(thousand_sites: Path):
    since = date(2024, 3, 1)
    with Warehouse(str(thousand_sites), read_only=True) as wh:
        everything = collect(wh)
        scoped = collect(wh, Scope(since=since, site="HERALD"))
        expected = wh.query(
            "SELECT count(*) FROM articles_latest WHERE published_at >= TIMESTAMPTZ '2024-03-01 "
            "00:00:00+00' AND coalesce(site_name, domain) ILIKE '%herald%'"
        ).fetchone()[0]
    assert 0 < scoped.totals["articles"] == expected < everything.totals["articles"]
    assert scoped.totals["undated"] == 0  # an undated article has no day on or after `since`
    assert all("herald" in s.name.lower() for s in scoped.sites)
    assert scoped.timeline.buckets[0] >= since - timedelta(days=6)  # the week holding `since`
    assert all(published.date() >= since for published, *_ in scoped.latest)
    quarantined = [sum(map(sum, t.quarantine.series.values())) for t in (everything, scoped)]
    assert scoped.quarantine.buckets[0] >= since - timedelta(days=6) and 0 < quarantined[1] < quarantined[0]


def test_a_thousand_sites_stay_readable(thousand_sites: Path, tmp_path: Path):
    output = tmp_path / "report.html"
    data = write_report(str(thousand_sites), output)
    html = output.read_text(encoding="utf-8")
    assert len(data.sites) >= 990
    assert html.count('<tr><th scope="row">') >= len(data.sites)  # every site in the sortable table
    sites_chart = html[html.index('data-chart="sites"') : html.index('id="sites"')]
    assert sites_chart.count('class="hlabel"') == 15 + 1  # the top 15, and all sites split into top and rest
    colours = set(re.findall(r"background:(#[0-9A-Fa-f]{6})", html))
    assert colours <= {*PALETTE, REST_COLOUR}  # at most nine colours
    kinds_legend = html[html.index('data-chart="removed-share"') :]
    assert kinds_legend[: kinds_legend.index("</ul>")].count("<li>") <= len(PALETTE) + 1
    t = data.timeline
    assert t.unit == "week" and all((b - a).days == 7 for a, b in zip(t.buckets, t.buckets[1:], strict=False))
    assert 0 in t.series["articles"]  # the generator's three-week outage is a gap on the axis, not skipped


def test_buckets_follow_the_range_and_ticks_are_round():
    day = date(2024, 1, 1)
    assert bucket_unit(day, day) == "day"
    assert bucket_unit(day, day + timedelta(days=92)) == "day"
    assert bucket_unit(day, day + timedelta(days=93)) == "week"
    assert bucket_unit(day, day + timedelta(days=3 * 366)) == "week"
    assert bucket_unit(date(2010, 10, 22), date(2019, 11, 20)) == "month"
    assert ticks(6) == [0, 2, 4, 6]
    assert ticks(4800) == [0, 2000, 4000, 6000]
    assert ticks(0.22) == [0, 0.1, 0.2, 0.3]
    assert ticks(0) == [0, 1]
    assert ticks(2, whole=True) == [0, 1, 2] and ticks(1, whole=True) == [0, 1]  # counts: no 0.25 articles


CHECK_PAGE = """JSON.stringify({
  width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll('figure[data-chart]')].map(f => {
    const box = f.getBoundingClientRect();
    const marks = [...f.querySelectorAll('[data-value]')].filter(m => {
      const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    return {chart: f.dataset.chart, marks: marks.length, left: box.left, right: box.right, width: box.width,
            title: f.querySelector('h3')?.textContent ?? '',
            axes: f.querySelectorAll('.xlabel, .ylabel, thead th').length};
  }),
  resources: performance.getEntriesByType('resource').map(r => r.name)})"""

SORT_BY_SITE = """(() => {
  const names = () => [...document.querySelectorAll('#sites tbody th')].map(th => th.textContent.trim().toLowerCase());
  const sorted = (list, sign) => list.every((n, i) => i === 0 || sign * list[i - 1].localeCompare(n) <= 0);
  const before = names();
  document.querySelector('#sites thead th button').click();  // by site: descending first
  const descending = names();
  document.querySelector('#sites thead th button').click();  // again: ascending
  return {before: sorted(before, 1), descending: sorted(descending, -1), ascending: sorted(names(), 1)};
})()"""


@pytest.mark.slow
@pytest.mark.skipif(
    not chromium_available() and not os.environ.get("CI"),
    reason="no chromium (apt-get install -y chromium; .ci/run installs it) for the render check",
)
def test_report_renders_in_headless_chromium(landed, thousand_sites: Path, tmp_path: Path):
    """Both reports at 1,400 px and at a phone's width: no console errors, every chart drawn with data and inside
    the viewport, nothing fetched, the sites table sorts. Screenshots are kept in ARTIFACTS for a person."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(f"report screenshots: {ARTIFACTS}")
    with Chromium(tmp_path / "chromium-profile") as browser:
        for name, warehouse in (("seeds", landed[0]), ("1000-sites", thousand_sites)):
            page = ARTIFACTS / f"{name}.html"
            write_report(str(warehouse), page)
            for device, (width, height, mobile) in WIDTHS.items():
                tab = browser.open(page, width, height, mobile=mobile)
                facts = json.loads(tab.evaluate(CHECK_PAGE))
                shot = tab.screenshot(ARTIFACTS / f"{name}-{device}-{width}px.png")
                assert browser.errors == [], (name, device)
                assert facts["width"] == width and facts["scrollWidth"] <= width, (name, device)  # no sideways scroll
                charts = {c["chart"]: c for c in facts["charts"]}
                assert set(charts) == CHARTS
                for chart in charts.values():
                    assert chart["marks"] > 0 and chart["title"] and chart["axes"] > 0, (name, device, chart)
                    assert chart["left"] >= 0 and chart["right"] <= width and chart["width"] > width / 4, chart
                assert facts["resources"] == []  # nothing fetched
                assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000
        # the 1,000 sites come by articles; a click on "site" sorts them by name, a second click reverses
        assert tab.evaluate(SORT_BY_SITE) == {"before": False, "descending": True, "ascending": True}
