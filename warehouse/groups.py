"""``article_groups`` (a warehouse table): per latest article version, its near-duplicate group and story,
recomputed from ``articles_latest`` whenever the articles changed and rewritten in one transaction (the similarity
measures are in ``similarity``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from schemas import TABLES, validate
from warehouse.retries import with_retries
from warehouse.similarity import STORY_WINDOW, Grouper, merge_labels
from warehouse.store import Warehouse, create_table_sql

GROUP_COLUMNS = "l.article_id, l.version, l.title, l.body, l.published_at, l.content_hash"
FULL_REFRESH_SHARE = 0.5  # above this share of new or changed articles, regroup everything


def _stale_counts(wh: Warehouse) -> tuple[int, int, int]:
    """(latest article versions without groups, group rows that are not a latest version, latest versions)."""
    fresh, gone, total = wh.con.execute(
        "SELECT count(*) FILTER (g.article_id IS NULL), count(*) FILTER (l.article_id IS NULL), count(l.article_id) "
        "FROM articles_latest l FULL JOIN article_groups g USING (article_id, version)"
    ).fetchone()
    return fresh, gone, total


@dataclass
class GroupRows:
    """Article groups recomputed for some articles, and the renames of groups that merged."""

    rows: list[dict]
    renamed: dict[str, dict[str, str]]  # column -> {old group name: new}


def compute_groups(rows: Iterable[tuple], now: datetime, incremental: bool = False) -> GroupRows:
    """``rows``: (article_id, version, title, body, published_at, content_hash, old near-duplicate group,
    old story, fresh), in any order. Streams: only a signature and a lead of each body are held.

    From scratch (``incremental`` False) every pair counts and old groups are ignored. Incrementally, the
    rows' old groups are kept and only pairs involving a fresh (new or changed) article are added.
    Group and story ids are named after their smallest article_id, so they stay put as articles arrive.
    """
    grouper, keys, old_groups, old_stories, fresh = Grouper(), [], [], [], []
    for aid, version, title, body, published, content_hash, group, story, is_fresh in rows:
        keys.append((aid, version))
        old_groups.append(group if incremental else None)
        old_stories.append(story if incremental else None)
        fresh.append(is_fresh)
        grouper.add(title, body, published, content_hash)
    duplicates, stories = grouper.pairs(fresh if incremental else None)
    ids = [aid for aid, _ in keys]
    groups, renamed_groups = merge_labels(ids, old_groups, duplicates, "nd-")
    story_ids, renamed_stories = merge_labels(ids, old_stories, [*stories, *duplicates], "st-")
    return GroupRows(
        [
            {
                "article_id": aid,
                "version": version,
                "near_duplicate_group": groups[i],
                "story_id": story_ids[i],
                "computed_at": now,
            }
            for i, (aid, version) in enumerate(keys)
        ],
        {"near_duplicate_group": renamed_groups, "story_id": renamed_stories},
    )


def _fetch_in_chunks(cursor: duckdb.DuckDBPyConnection, size: int = 2000) -> Iterator[tuple]:
    while chunk := cursor.fetchmany(size):
        yield from chunk


def _rows_to_group(wh: Warehouse, incremental: bool) -> Iterator[tuple]:
    """All latest articles, or (incrementally) those published within the story window of a fresh one
    (undated articles: of when they were ingested), with their current groups.

    Bodies stream through: the latest versions are found on the keys alone and joined back (the
    ``articles_latest`` window, or a sort, would hold every body in memory at once), in no set order."""
    region = ""
    if incremental:
        window = f"INTERVAL {int(STORY_WINDOW.total_seconds())} SECOND"
        region = (
            "WHERE coalesce(l.published_at, l.ingested_at) BETWEEN "
            f"(SELECT min(coalesce(published_at, ingested_at)) - {window} FROM _fresh) AND "
            f"(SELECT max(coalesce(published_at, ingested_at)) + {window} FROM _fresh)"
        )
    cursor = wh.con.execute(
        "WITH _latest AS (SELECT article_id, max(version) AS version FROM articles GROUP BY article_id), "
        "_fresh AS (SELECT a.published_at, a.ingested_at FROM articles a JOIN _latest USING (article_id, version) "
        "ANTI JOIN article_groups g USING (article_id, version)) "
        f"SELECT {GROUP_COLUMNS}, g.near_duplicate_group, g.story_id, g.version IS DISTINCT FROM l.version "
        "FROM articles l JOIN _latest k USING (article_id, version) "
        f"LEFT JOIN article_groups g ON g.article_id = l.article_id {region}"
    )
    return _fetch_in_chunks(cursor)


def refresh_groups(wh: Warehouse, force: bool = False) -> int:
    """Bring article_groups up to date; returns the rows written (0 when already current).

    Incremental when few articles are new or changed: only articles published near them are read and
    regrouped, and groups they merge into are renamed everywhere. ``force`` recomputes every group from
    scratch (a changed article that no longer resembles its old group only leaves it then)."""

    def attempt() -> int:
        with wh.write_lock():  # read, compute and write under the lock: a concurrent run cannot interleave
            wh.con.execute(create_table_sql("article_groups", TABLES["article_groups"]))
            fresh, gone, total = _stale_counts(wh)
            if not force and fresh == gone == 0:
                return 0
            incremental = not force and fresh <= FULL_REFRESH_SHARE * total
            result = compute_groups(_rows_to_group(wh, incremental), datetime.now(UTC), incremental)
            _write_groups(wh, result, incremental)
            return len(result.rows)

    return with_retries(attempt)


def _write_groups(wh: Warehouse, result: GroupRows, incremental: bool) -> None:
    table = validate("article_groups", result.rows)
    with wh.transaction():
        wh.con.register("_groups", table)
        if incremental:
            wh.con.execute(
                "DELETE FROM article_groups WHERE article_id IN (SELECT article_id FROM _groups) "
                "OR article_id NOT IN (SELECT article_id FROM articles_latest)"
            )
            for column, renamed in result.renamed.items():
                if renamed:
                    wh.con.register("_renamed", pa.table({"old": list(renamed), "new": list(renamed.values())}))
                    wh.con.execute(
                        f"UPDATE article_groups SET {column} = r.new FROM _renamed r "
                        f"WHERE article_groups.{column} = r.old"
                    )
                    wh.con.unregister("_renamed")
        else:
            wh.con.execute("DELETE FROM article_groups")
        wh.con.execute("INSERT INTO article_groups BY NAME SELECT * FROM _groups")
        wh.con.unregister("_groups")
