"""Analytics over landed articles: derived tables, full-text index, search, stories, export.

- ``article_groups`` (a warehouse table): per latest article version, its near-duplicate group and story,
  recomputed from ``articles_latest`` by :func:`refresh_analytics` whenever the articles changed and
  rewritten in one transaction.
- The full-text index: DuckDB's ``fts`` extension cannot build its index inside a DuckLake catalog, so
  it lives in a local DuckDB file (``<warehouse>/search.duckdb``; for a ``postgres:`` catalog under the
  local cache dir, see :func:`search_index_path`), rebuilt from ``articles_latest`` whenever the
  articles changed. Searching refreshes a stale index first, so results never lag the warehouse.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas import TABLES, validate
from warehouse.similarity import STORY_WINDOW, Grouper, merge_labels, snippet
from warehouse.store import Location, Warehouse, create_table_sql, load_extensions, with_retries

SEARCH_FILE = "search.duckdb"
INDEX_MEMORY_LIMIT = "1GB"  # DuckDB spills beyond this while building the index (its default is 80 % of RAM)
EXPORT_FORMATS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json"}


def refresh_analytics(wh: Warehouse) -> None:
    """Called by the ingest flow after all batches landed: refresh the derived tables SQL users query.

    The search index is not rebuilt here: rebuilding it costs minutes per hundred thousand articles, so
    ``maintain`` rebuilds it (schedule it) and ``search`` rebuilds a stale one before answering."""
    refresh_groups(wh)


# --- near-duplicates and stories --------------------------------------------------------------------------


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
            {"article_id": aid, "version": version, "near_duplicate_group": groups[i], "story_id": story_ids[i],
             "computed_at": now}
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
            wh.con.execute("DELETE FROM article_groups WHERE article_id IN (SELECT article_id FROM _groups) "
                           "OR article_id NOT IN (SELECT article_id FROM articles_latest)")
            for column, renamed in result.renamed.items():
                if renamed:
                    wh.con.register("_renamed", pa.table({"old": list(renamed), "new": list(renamed.values())}))
                    wh.con.execute(f"UPDATE article_groups SET {column} = r.new FROM _renamed r "
                                   f"WHERE article_groups.{column} = r.old")
                    wh.con.unregister("_renamed")
        else:
            wh.con.execute("DELETE FROM article_groups")
        wh.con.execute("INSERT INTO article_groups BY NAME SELECT * FROM _groups")
        wh.con.unregister("_groups")


# --- full-text search -------------------------------------------------------------------------------------


def cache_dir() -> Path:
    root = os.environ.get("NEWSDISTILL_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache") / "newsdistill"
    return Path(root).expanduser()


def search_index_path(location: Location) -> Path:
    """``<warehouse>/search.duckdb`` for a folder warehouse; for a PostgreSQL catalog (no local folder)
    ``$NEWSDISTILL_CACHE`` (default ``~/.cache/newsdistill``) ``/search-<hash of catalog and data path>.duckdb``."""
    if location.is_local:
        return Path(location.display) / SEARCH_FILE
    key = hashlib.sha256(f"{location.display}|{location.data_path}".encode()).hexdigest()[:16]
    return cache_dir() / f"search-{key}.duckdb"


def articles_fingerprint(wh: Warehouse) -> str:
    """Changes whenever an article (version) lands or is deleted."""
    count, last = wh.con.execute("SELECT count(*), max(ingested_at) FROM articles").fetchone()
    return f"{count}|{last}"


def _index_fingerprint(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("SELECT fingerprint FROM index_info").fetchone()[0]
    except duckdb.Error:
        return None  # unreadable or half-written: rebuild


def refresh_search_index(wh: Warehouse, force: bool = False) -> bool:
    """Rebuild the local BM25 index (at ``search_index_path``) from articles_latest if the articles changed
    since it was built; True when it was rebuilt.

    Built in a temporary file and renamed into place, so searches running meanwhile read the old index.
    """
    path = search_index_path(wh.location)
    fingerprint = articles_fingerprint(wh)
    if not force and _index_fingerprint(path) == fingerprint:
        return False
    _build_search_index(wh, path, fingerprint)
    return True


def _build_search_index(wh: Warehouse, path: Path, fingerprint: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    alias = f"build_{uuid.uuid4().hex[:8]}"
    try:
        wh.con.execute(f"ATTACH '{_quote(building)}' AS {alias}")
        try:
            wh.con.execute(
                f"CREATE TABLE {alias}.docs AS SELECT article_id, version, title, body, "
                "coalesce(site_name, domain) AS site, domain, url, published_at FROM articles_latest"
            )
            wh.con.execute(
                f"CREATE TABLE {alias}.index_info AS SELECT ? AS fingerprint, now() AS built_at", [fingerprint]
            )
        finally:
            wh.con.execute(f"DETACH {alias}")
        with duckdb.connect(str(building), config={"memory_limit": INDEX_MEMORY_LIMIT}) as con:
            load_extensions(con, "fts")
            con.execute("PRAGMA create_fts_index('docs', 'article_id', 'title', 'body', overwrite=1)")
        os.replace(building, path)
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)


@dataclass(frozen=True)
class Hit:
    article_id: str
    title: str | None
    site: str | None
    published_at: datetime | None
    url: str | None
    score: float
    snippet: str


def search(
    wh: Warehouse,
    query: str,
    since: date | None = None,
    site: str | None = None,
    limit: int = 10,
    mark: tuple[str, str] = ("«", "»"),
) -> list[Hit]:
    """BM25 over title and body, best first; ``site`` matches part of the site name or domain.

    Snippets show the matched words in context, between the two ``mark`` strings."""
    refresh_search_index(wh)
    path = search_index_path(wh.location)
    filters, params = ["score IS NOT NULL"], [query]
    if since is not None:
        filters.append("published_at >= ?")
        params.append(since)
    if site:
        filters.append("(site ILIKE ? OR domain ILIKE ?)")
        params += [f"%{site}%", f"%{site}%"]
    with duckdb.connect(str(path), read_only=True) as con:
        load_extensions(con, "fts")
        rows = con.execute(
            "SELECT article_id, title, site, published_at, url, score, body FROM ("
            "  SELECT *, fts_main_docs.match_bm25(article_id, ?) AS score FROM docs"
            f") WHERE {' AND '.join(filters)} ORDER BY score DESC, article_id LIMIT {int(limit)}",
            params,
        ).fetchall()
    return [
        Hit(aid, title, site_, published, url, score, snippet(body, query, mark=mark))
        for aid, title, site_, published, url, score, body in rows
    ]


# --- stories and export -----------------------------------------------------------------------------------


def stories(wh: Warehouse, since: date | None = None) -> list[dict]:
    """Stories with more than one article (newest first), each with its articles."""
    where, params = ("WHERE s.last_published >= ?", [since]) if since else ("", [])
    cursor = wh.con.execute(
        "SELECT s.story_id, s.articles, s.sites, s.first_published, s.title, "
        "       list({'title': a.title, 'site': coalesce(a.site_name, a.domain), 'published_at': a.published_at, "
        "             'url': a.url, 'near_duplicate_group': g.near_duplicate_group} ORDER BY a.published_at) "
        "FROM stories s JOIN article_groups g USING (story_id) JOIN articles_latest a USING (article_id, version) "
        f"{where} GROUP BY ALL ORDER BY s.first_published DESC NULLS LAST, s.story_id",
        params,
    )
    keys = ("story_id", "articles", "sites", "first_published", "title", "members")
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def export(wh: Warehouse, fmt: str, output: Path, where: str | None = None) -> int:
    """Write articles_latest rows matching the SQL predicate ``where`` to ``output``; returns the row count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use {', '.join(EXPORT_FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    select = "SELECT * FROM articles_latest" + (f" WHERE {where}" if where else "")
    (count,) = wh.con.execute(f"COPY ({select}) TO '{_quote(output)}' ({EXPORT_FORMATS[fmt]})").fetchone()
    return count


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
