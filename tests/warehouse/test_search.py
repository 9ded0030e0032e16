"""Full-text search (BM25, DuckDB fts in a local index file) over the seeds and the benchmark pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.warehouse.test_analytics import SEEDS, corpus_warehouse
from warehouse.search import search
from warehouse.store import Warehouse

pytestmark = pytest.mark.slow
QUERY = "ballistic missiles Iran"


def test_the_seeds_rank_first_for_their_story():
    with Warehouse(corpus_warehouse().location, read_only=True) as wh:
        hits = search(wh, QUERY, limit=5)
    assert len(hits) == 5
    sources = _sources(corpus_warehouse().location, [h.article_id for h in hits])
    assert {sources[h.article_id] for h in hits[:2]} == {str(p) for p in SEEDS}
    assert hits[0].score >= hits[1].score > hits[2].score
    for hit in hits[:2]:
        assert "«ballistic»" in hit.snippet.lower() or "«missiles»" in hit.snippet.lower()
        assert len(hit.snippet) < 300


def test_filters_by_date_and_site():
    with Warehouse(corpus_warehouse().location, read_only=True) as wh:
        recent = search(wh, QUERY, since=date(2024, 9, 8))
        kyiv = search(wh, QUERY, site="kyiv")
        nothing = search(wh, QUERY, site="no-such-site")
        limited = search(wh, "Google", limit=3)
    assert [h.title for h in recent] == ["US Formally Accuses Iran of Supplying Russia With Missiles"]
    assert len(kyiv) == 1 and "Kyiv" in (kyiv[0].site or "")
    assert nothing == []
    assert len(limited) == 3


def test_search_command(tmp_path: Path):
    result = CliRunner().invoke(app, ["search", QUERY, "--limit", "3", "--warehouse", corpus_warehouse().location])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. ")
    assert "US Formally Accuses Iran" in result.output and "2024-09-10" in result.output
    as_json = CliRunner().invoke(
        app, ["search", QUERY, "--since", "2024-09-01", "--format", "json", "--warehouse", corpus_warehouse().location]
    )
    assert as_json.exit_code == 0 and as_json.output.count('"article_id"') == 2
    missing = CliRunner().invoke(app, ["search", QUERY, "--warehouse", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no warehouse" in missing.output


def _sources(location: str, article_ids: list[str]) -> dict[str, str]:
    with Warehouse(location, read_only=True) as wh:
        rows = wh.con.execute("SELECT article_id, source FROM articles_latest").fetchall()
    return {aid: source for aid, source in rows if aid in article_ids}
