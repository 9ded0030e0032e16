"""Analytics on a real DuckLake warehouse: refresh_analytics, near-duplicate groups, export, the ingest hook.

``corpus_warehouse()`` (shared with test_search.py and test_stories.py) lands the two seed documents, the
181 benchmark HTML pages and edited copies of a few benchmark bodies once per test session.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pytest

from cleaners.pipeline import clean_document
from cleaners.read import read_file
from flows.settings import Settings
from schemas import Article, Outcome, SourceDocument
from tests.paths import ROOT
from tests.warehouse.test_similarity import OTHER, WIRE
from warehouse.analytics import export, refresh_analytics
from warehouse.groups import refresh_groups
from warehouse.landing import article_id_for, land
from warehouse.location import Location
from warehouse.search import refresh_search_index, search_index_path
from warehouse.store import Warehouse

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BENCHMARK = sorted((ROOT / "tests" / "aeb" / "html").glob("*.html.gz"))
EDITED_COPIES = 3


@dataclass(frozen=True)
class Corpus:
    location: str
    copies: dict[str, str]  # source of an edited copy -> source of the benchmark page it copies
    seconds: float


def _clean(path: Path) -> Outcome:
    return clean_document(read_file(path))


def _edited_copy(body: str) -> str:
    """The body with its second sentence replaced: a syndicated copy with a small edit."""
    sentences = re.split(r"(?<=[.!?])\s+", body, maxsplit=2)
    sentences[1] = "An editor rewrote this sentence for the partner site, as syndication desks often do."
    return " ".join(sentences)


@functools.cache
def corpus_warehouse() -> Corpus:
    """Seeds + benchmark + edited copies, cleaned and landed, analytics refreshed (once per session)."""
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="nd-analytics-"))
    atexit.register(shutil.rmtree, root, True)
    with ProcessPoolExecutor(max(os.cpu_count() or 1, 1), mp_context=get_context("spawn")) as pool:
        outcomes = list(pool.map(_clean, SEEDS + BENCHMARK, chunksize=8))
    articles = [o for o in outcomes[len(SEEDS) :] if isinstance(o, Article) and len(o.record.body.split()) > 300]
    copies = {}
    for number, original in enumerate(articles[:EDITED_COPIES]):
        path = root / "copies" / f"copy_{number}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{original.record.title}\n\n{_edited_copy(original.record.body)}\n", encoding="utf-8")
        outcomes.append(_clean(path))
        copies[str(path)] = original.doc.source
    location = str(root / "warehouse")
    with Warehouse(location) as wh:
        wh.ensure_schema()
        land(wh, outcomes, uuid.uuid4().hex)
        refresh_analytics(wh)
    return Corpus(location, copies, time.perf_counter() - started)


def groups_by_source(location: str) -> dict[str, tuple[str, str]]:
    """source -> (near_duplicate_group, story_id)."""
    with Warehouse(location, read_only=True) as wh:
        rows = wh.con.execute(
            "SELECT a.source, g.near_duplicate_group, g.story_id "
            "FROM articles_latest a JOIN article_groups g USING (article_id, version)"
        ).fetchall()
    return {source: (group, story) for source, group, story in rows}


@pytest.mark.slow
def test_edited_copies_share_a_near_duplicate_group_and_nothing_else_does():
    corpus = corpus_warehouse()
    groups = groups_by_source(corpus.location)
    assert len(corpus.copies) == EDITED_COPIES
    for copy, original in corpus.copies.items():
        assert groups[copy][0] == groups[original][0], f"{copy} should be a near-duplicate of {original}"
        assert groups[copy][1] == groups[original][1], "near-duplicates belong to one story"
    members: dict[str, set[str]] = {}
    for source, (group, _) in groups.items():
        members.setdefault(group, set()).add(source)
    shared = [m for m in members.values() if len(m) > 1]
    assert sorted(map(sorted, shared)) == sorted(sorted(pair) for pair in corpus.copies.items())


@pytest.mark.slow
def test_every_latest_article_has_groups_and_a_rerun_changes_nothing():
    corpus = corpus_warehouse()
    with Warehouse(corpus.location) as wh:
        (articles,) = wh.con.execute("SELECT count(*) FROM articles_latest").fetchone()
        (grouped,) = wh.con.execute("SELECT count(*) FROM article_groups").fetchone()
        assert articles == grouped == len(SEEDS) + len(BENCHMARK) + EDITED_COPIES
        assert refresh_groups(wh) == 0  # already current: not recomputed
        refresh_search_index(wh)
        before = search_index_path(wh.location, wh.cache_dir).stat().st_mtime_ns
        refresh_search_index(wh)
        assert search_index_path(wh.location, wh.cache_dir).stat().st_mtime_ns == before


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_the_matching_latest_articles(fmt: str, tmp_path: Path):
    corpus = corpus_warehouse()
    where = "language = 'en' AND published_at >= DATE '2019-11-19'"
    target = tmp_path / "out" / f"articles.{fmt}"
    with Warehouse(corpus.location, read_only=True) as wh:
        (expected,) = wh.con.execute(f"SELECT count(*) FROM articles_latest WHERE {where}").fetchone()
        assert export(wh, fmt, target, where) == expected > 0
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    ids = duckdb.sql(f"SELECT article_id, title FROM {reader}('{target}')").fetchall()
    assert len(ids) == expected == len({i for i, _ in ids})


def test_refresh_groups_follow_new_versions(seeds_copy: Path, tmp_path: Path):
    """A changed page (same file, new content: a new version) makes the groups current again."""
    paths = sorted(seeds_copy.glob("*.txt"))
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        land(wh, [_clean(p) for p in paths], "run1")
        assert refresh_groups(wh) == 2
        assert refresh_groups(wh) == 0
        text = paths[0].read_text(encoding="utf-8")
        paths[0].write_text(text.replace("missiles", "rockets", 3), encoding="utf-8")
        assert land(wh, [_clean(paths[0])], "run2").new_versions == 1
        assert refresh_groups(wh) == 2
        versions = wh.con.execute("SELECT version FROM article_groups ORDER BY version").fetchall()
        assert versions == [(1,), (2,)]


def test_postgres_catalog_keeps_its_search_index_in_the_cache_dir(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("NEWSDISTILL_CACHE", str(tmp_path / "cache"))
    cache = Settings.load().cache_dir
    location = Location.parse("postgres:dbname=x host=db schema=news data_path=s3://bucket/lake")
    path = search_index_path(location, cache)
    assert path.parent == tmp_path / "cache" and path.name.startswith("search-") and path.suffix == ".duckdb"
    other = Location.parse("postgres:dbname=x host=db schema=other data_path=s3://bucket/lake")
    assert search_index_path(other, cache) != path
    assert search_index_path(Location.parse(str(tmp_path / "wh")), cache) == tmp_path / "wh" / "search.duckdb"


def test_analytics_on_a_postgres_catalog(pg_location: str, tmp_path: Path):
    from warehouse.search import search

    with Warehouse(pg_location, cache_dir=tmp_path / "cache") as wh:
        wh.ensure_schema()
        land(wh, [_clean(p) for p in SEEDS], "run1")
        refresh_analytics(wh)
        hits = search(wh, "ballistic missiles Iran")
        stories = wh.con.execute("SELECT count(DISTINCT story_id) FROM article_groups").fetchone()
    assert {h.article_id for h in hits} and search_index_path(wh.location, wh.cache_dir).parent == tmp_path / "cache"
    assert stories == (1,)


@pytest.mark.slow
def test_ingest_flow_refreshes_analytics(prefect_harness, seeds_copy: Path, warehouse_dir: Path):
    from flows.ingest import ingest_flow
    from warehouse.search import search

    ingest_flow([str(seeds_copy)], warehouse=str(warehouse_dir))
    assert not (warehouse_dir / "search.duckdb").exists()  # built by maintain, or by the first search
    with Warehouse(str(warehouse_dir), read_only=True) as wh:
        (stories,) = wh.con.execute("SELECT count(*) FROM stories").fetchone()
        assert stories == 1
        assert len(search(wh, "ballistic missiles Iran")) == 2


def _article(url: str, title: str, body: str, published: datetime) -> Outcome:
    outcome = clean_document(SourceDocument(url, f"{title}\n\n{body}\n".encode(), url=url, content_type="text"))
    assert isinstance(outcome, Article)
    outcome.record.published_at = published
    return outcome


def _smaller_id(name: str, title: str, body: str, published: datetime) -> Outcome:
    """An article whose id sorts before the group ``name`` (ids are hashes of the URL: try URLs)."""
    for n in range(1000):
        outcome = _article(f"https://news.example/1?v={n}", title, body, published)
        if f"nd-{article_id_for(outcome.record, outcome.doc_id)[:16]}" < name:
            return outcome
    raise AssertionError("no URL with a smaller id")


def _groups(wh: Warehouse) -> list[tuple]:
    return wh.con.execute(
        "SELECT a.url, g.near_duplicate_group, g.story_id FROM article_groups g "
        "JOIN articles_latest a USING (article_id, version) ORDER BY a.url"
    ).fetchall()


def test_incremental_groups_equal_a_full_recompute_and_rename_merged_groups(tmp_path: Path):
    """A new copy with the smallest id joins a wire story: the group takes its name everywhere, also for
    a member published a month earlier, outside the window the incremental refresh reads."""
    day = datetime(2024, 3, 1, tzinfo=UTC)
    edited = WIRE.replace("Officials signalled", "Policy makers signalled")
    older = [
        _article("https://news.example/3", "Rates rise again", WIRE, day - timedelta(days=30)),
        _article("https://news.example/2", "Bank lifts rates", edited, day),
        *[
            _article(
                f"https://garden.example/{n}",
                f"Orchid found {n}",
                OTHER.replace("month", f"week {n}"),
                day + timedelta(days=n),
            )
            for n in range(4)
        ],
    ]
    with Warehouse(str(tmp_path / "wh")) as wh:
        wh.ensure_schema()
        land(wh, older, "run1")
        assert refresh_groups(wh) == 6  # from scratch
        before = {url: group for url, group, _ in _groups(wh)}
        old_name = before["https://news.example/3"]
        assert before["https://news.example/2"] == old_name
        land(wh, [_smaller_id(old_name, "Rates up", WIRE + " Analysts agreed.", day)], "run2")
        written = refresh_groups(wh)
        assert 1 < written < 7  # incremental: the new article and its neighbours in time, not the old copy
        incremental = _groups(wh)
        assert refresh_groups(wh, force=True) == 7
        assert _groups(wh) == incremental
    wire = [row for row in incremental if row[0].startswith("https://news.example/")]
    assert len(wire) == 3 and len({group for _, group, _ in wire}) == 1 and wire[0][1] < old_name  # renamed
    assert len({story for *_, story in wire}) == 1
    orchids = {row[1] for row in incremental if row[0].startswith("https://garden.example/")}
    assert len(orchids) == 1 and orchids != {wire[0][1]}
