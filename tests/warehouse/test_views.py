"""Every view in warehouse/views.sql against numbers computed by hand from a few synthetic rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from schemas import SCHEMA_VERSION, validate
from warehouse.store import Warehouse


def ts(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, 9, day, hour, minute, tzinfo=UTC)


def article(article_id: str, version: int, **fields) -> dict:
    row = {
        "article_id": article_id,
        "version": version,
        "doc_id": f"doc-{article_id}-v{version}",
        "run_id": "run",
        "source": f"/in/{article_id}.html",
        "body": "text",
        "content_hash": f"h-{article_id}-{version}",
        "ingested_at": ts(20),
        "schema_version": SCHEMA_VERSION,
        "title": f"{article_id} v{version}",
    }
    return {**row, **fields}


ALPHA = {"site_name": "Alpha", "domain": "alpha.com", "section": "World", "language": "en"}
ARTICLES = [
    article("a1", 1, **ALPHA, published_at=ts(10, 10), word_count=100),  # superseded by v2
    article("a1", 2, **ALPHA, published_at=ts(10, 10), word_count=120, authors=["Ann Lee"], removed_chars=32),
    # no site_name: the site is the domain; 23:30 in New York is the next UTC day
    article("a2", 1, **{**ALPHA, "site_name": None}, published_at=ts(11, 3, 30), word_count=80),
    article("a3", 1, **ALPHA, published_at=ts(10, 22), word_count=50),
    article("a4", 1, site_name="Beta", domain="beta.de", language="de"),  # undated, no word count
]


def block(article_id: str, version: int, position: int, kind: str, text: str) -> dict:
    return {
        "article_id": article_id,
        "version": version,
        "position": position,
        "kind": kind,
        "reason": "r",
        "text": text,
    }


REMOVED = [
    block("a1", 1, 0, "navigation", "Home News"),  # an old version: not counted
    block("a1", 2, 0, "navigation", "Skip to content"),  # 15 characters
    block("a1", 2, 1, "paywall_appeal", "Subscribe now"),  # 13
    block("a1", 2, 2, "navigation", "Menü"),  # 4 characters (5 bytes)
    block("a3", 1, 0, "navigation", "Home"),  # 4
    block("a2", 1, 0, "share_bar", "Share"),  # 5
]
QUARANTINE = [
    {
        "doc_id": "q1",
        "source": "/in/empty1.txt",
        "reason": "empty",
        "detail": "first",
        "run_id": "r",
        "quarantined_at": ts(12),
    },
    {
        "doc_id": "q2",
        "source": "/in/empty2.txt",
        "reason": "empty",
        "detail": "latest",
        "run_id": "r",
        "quarantined_at": ts(14),
    },
    {
        "doc_id": None,
        "source": "/in/logo.png",
        "reason": "binary",
        "detail": "an image",
        "run_id": "r",
        "quarantined_at": ts(13),
    },
]
DUPLICATES = [
    {
        "doc_id": "doc-a1-v2",
        "source": "/mirror1/a1.html",
        "duplicate_of": "doc-a1-v2",
        "reason": "same_raw",
        "run_id": "r",
        "seen_at": ts(15),
    },
    {
        "doc_id": "doc-a1-v2",
        "source": "/mirror2/a1.html",
        "duplicate_of": "doc-a1-v2",
        "reason": "same_raw",
        "run_id": "r",
        "seen_at": ts(16),
    },
    {
        "doc_id": "doc-a1-v2",
        "source": "/mirror1/a1.html",
        "duplicate_of": "doc-a1-v2",
        "reason": "same_raw",
        "run_id": "r",
        "seen_at": ts(17),
    },
    {
        "doc_id": "d9",
        "source": "/in/a3-again.html",
        "duplicate_of": "a3",
        "reason": "same_url_and_body",
        "run_id": "r",
        "seen_at": ts(15),
    },
]


def group(article_id: str, version: int, near_duplicate_group: str, story_id: str) -> dict:
    return {
        "article_id": article_id,
        "version": version,
        "near_duplicate_group": near_duplicate_group,
        "story_id": story_id,
        "computed_at": ts(20),
    }


GROUPS = [
    group("a1", 2, "nd-1", "st-1"),
    group("a3", 1, "nd-1", "st-1"),  # a near-duplicate of a1
    group("a2", 1, "nd-2", "st-1"),
    group("a4", 1, "nd-4", "st-4"),  # a story of one: not listed
]


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Warehouse:
    location = Path(tmp_path_factory.mktemp("views")) / "warehouse"
    with Warehouse(str(location)) as warehouse:
        warehouse.ensure_schema()
        warehouse.append(
            {
                "articles": validate("articles", ARTICLES),
                "removed_blocks": validate("removed_blocks", REMOVED),
                "quarantine": validate("quarantine", QUARANTINE),
                "duplicates": validate("duplicates", DUPLICATES),
                "article_groups": validate("article_groups", GROUPS),
            }
        )
        warehouse.con.execute("SET TimeZone = 'America/New_York'")  # days must not depend on the session zone
        yield warehouse


def rows(wh: Warehouse, sql: str) -> list[tuple]:
    return wh.con.execute(sql).fetchall()


def test_articles_latest(wh: Warehouse):
    assert rows(wh, "SELECT article_id, version FROM articles_latest ORDER BY 1") == [
        ("a1", 2),
        ("a2", 1),
        ("a3", 1),
        ("a4", 1),
    ]


def test_daily_counts(wh: Warehouse):
    got = rows(wh, "SELECT day, site, section, language, articles, words FROM daily_counts ORDER BY day, site")
    assert got == [
        (date(2024, 9, 10), "Alpha", "World", "en", 2, 170),  # a1 v2 (120) + a3 (50)
        (date(2024, 9, 11), "alpha.com", "World", "en", 1, 80),
        (None, "Beta", None, "de", 1, 0),
    ]


def test_boilerplate_by_site(wh: Warehouse):
    got = rows(wh, "SELECT site, kind, articles, blocks, characters FROM boilerplate_by_site ORDER BY site, kind")
    assert got == [
        ("Alpha", "navigation", 2, 3, 15 + 4 + 4),
        ("Alpha", "paywall_appeal", 1, 1, 13),
        ("alpha.com", "share_bar", 1, 1, 5),
    ]


def test_article_facts(wh: Warehouse):
    got = rows(wh, "SELECT * EXCLUDE (page_type) FROM article_facts ORDER BY article_id")
    assert got == [  # id, day, site, words, kept, removed, has title, date, author, language
        ("a1", date(2024, 9, 10), "Alpha", 120, 4, 32, True, True, True, True),  # v2 only
        ("a2", date(2024, 9, 11), "alpha.com", 80, 4, 0, True, True, False, True),
        ("a3", date(2024, 9, 10), "Alpha", 50, 4, 0, True, True, False, True),
        ("a4", None, "Beta", 0, 4, 0, True, False, False, True),
    ]


def test_removed_latest(wh: Warehouse):
    got = rows(wh, "SELECT article_id, day, site, kind, characters FROM removed_latest ORDER BY ALL")
    assert got == [
        ("a1", date(2024, 9, 10), "Alpha", "navigation", 4),
        ("a1", date(2024, 9, 10), "Alpha", "navigation", 15),
        ("a1", date(2024, 9, 10), "Alpha", "paywall_appeal", 13),
        ("a2", date(2024, 9, 11), "alpha.com", "share_bar", 5),
        ("a3", date(2024, 9, 10), "Alpha", "navigation", 4),
    ]


def test_quarantine_daily(wh: Warehouse):
    got = rows(wh, "SELECT day, reason, documents FROM quarantine_daily ORDER BY day")
    assert got == [(date(2024, 9, 12), "empty", 1), (date(2024, 9, 13), "binary", 1), (date(2024, 9, 14), "empty", 1)]


def test_quarantine_summary(wh: Warehouse):
    got = rows(
        wh,
        "SELECT reason, documents, first_seen, last_seen, example_source, example_detail "
        "FROM quarantine_summary ORDER BY reason",
    )
    assert got == [
        ("binary", 1, ts(13), ts(13), "/in/logo.png", "an image"),
        ("empty", 2, ts(12), ts(14), "/in/empty2.txt", "latest"),
    ]


def test_duplicate_summary(wh: Warehouse):
    got = rows(
        wh,
        "SELECT duplicate_of, reason, duplicates, sources, first_seen, last_seen, title "
        "FROM duplicate_summary ORDER BY duplicate_of",
    )
    assert got == [
        ("a3", "same_url_and_body", 1, 1, ts(15), ts(15), "a3 v1"),
        ("doc-a1-v2", "same_raw", 3, 2, ts(15), ts(17), "a1 v2"),
    ]


def test_stories_view(wh: Warehouse):
    got = rows(
        wh, "SELECT story_id, articles, distinct_texts, sites, first_published, last_published, title FROM stories"
    )
    assert got == [("st-1", 3, 2, ["Alpha", "alpha.com"], ts(10, 10), ts(11, 3, 30), "a1 v2")]
