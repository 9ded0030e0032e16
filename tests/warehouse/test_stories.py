"""Stories: one event reported by different outlets in different words shares a story_id."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.warehouse.test_analytics import SEEDS, corpus_warehouse, groups_by_source
from warehouse.analytics import stories
from warehouse.similarity import lead, story_groups
from warehouse.store import Warehouse

pytestmark = pytest.mark.slow


def test_the_seeds_share_a_story_no_benchmark_page_joins_it():
    groups = groups_by_source(corpus_warehouse().location)
    seed_stories = {groups[str(p)][1] for p in SEEDS}
    assert len(seed_stories) == 1
    members = [source for source, (_, story) in groups.items() if story in seed_stories]
    assert sorted(members) == sorted(str(p) for p in SEEDS)
    assert len({groups[str(p)][0] for p in SEEDS}) == 2  # one story, two different texts


def test_no_benchmark_page_joins_the_seeds_even_without_the_time_window():
    """The benchmark is from 2019: check the words alone keep it apart from the 2024 seeds."""
    with Warehouse(corpus_warehouse().location, read_only=True) as wh:
        rows = wh.con.execute("SELECT source, title, body FROM articles_latest ORDER BY source").fetchall()
    labels = story_groups([lead(t, b) for _, t, b in rows], [None] * len(rows), window=None)
    seed_rows = [i for i, (source, *_) in enumerate(rows) if source in {str(p) for p in SEEDS}]
    assert labels[seed_rows[0]] == labels[seed_rows[1]]
    assert [i for i, label in enumerate(labels) if label == labels[seed_rows[0]]] == seed_rows


def test_stories_lists_multi_article_stories_with_their_sources():
    with Warehouse(corpus_warehouse().location, read_only=True) as wh:
        recent = stories(wh, since=date(2024, 1, 1))
        everything = stories(wh)
    assert len(recent) == 1
    story = recent[0]
    assert story["articles"] == 2 and len(story["members"]) == 2
    assert "The Kyiv Independent" in story["sites"]
    assert len(everything) > len(recent) and all(s["articles"] > 1 for s in everything)


def test_stories_command():
    location = corpus_warehouse().location
    result = CliRunner().invoke(app, ["stories", "--since", "2024-09-01", "--warehouse", location])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output and "Kyiv Independent" in result.output
    as_json = CliRunner().invoke(app, ["stories", "--format", "json", "--warehouse", location])
    assert as_json.exit_code == 0 and as_json.output.count('"story_id"') > 1
