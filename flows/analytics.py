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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from cleaners.similarity import components, lead, near_duplicate_pairs, snippet, story_groups
from flows.warehouse import Location, Warehouse, create_table_sql, load_extensions, with_retries
from schemas import TABLES, validate

SEARCH_FILE = "search.duckdb"
EXPORT_FORMATS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json"}


def refresh_analytics(wh: Warehouse) -> None:
    """Called by the ingest flow after all batches landed: refresh derived tables and indexes."""
    refresh_groups(wh)
    refresh_search_index(wh)


# --- near-duplicates and stories --------------------------------------------------------------------------


def groups_are_current(wh: Warehouse) -> bool:
    """article_groups covers exactly the latest version of every article."""
    (stale,) = wh.con.execute(
        "SELECT count(*) FROM articles_latest l FULL JOIN article_groups g USING (article_id, version) "
        "WHERE l.article_id IS NULL OR g.article_id IS NULL"
    ).fetchone()
    return stale == 0


def compute_groups(rows: list[tuple[str, int, str | None, str, datetime | None]], now: datetime) -> list[dict]:
    """``rows``: (article_id, version, title, body, published_at) sorted by article_id -> article_groups rows.

    Group and story ids are named after their smallest article_id, so they stay put as articles arrive.
    """
    bodies = [body for _, _, _, body, _ in rows]
    duplicates = near_duplicate_pairs(bodies)
    duplicate_label = components(len(rows), duplicates)
    story_label = story_groups(
        [lead(title, body) for _, _, title, body, _ in rows], [published for *_, published in rows], links=duplicates
    )
    return [
        {
            "article_id": aid,
            "version": version,
            "near_duplicate_group": f"nd-{rows[duplicate_label[i]][0][:16]}",
            "story_id": f"st-{rows[story_label[i]][0][:16]}",
            "computed_at": now,
        }
        for i, (aid, version, *_) in enumerate(rows)
    ]


def refresh_groups(wh: Warehouse, force: bool = False) -> int:
    """Recompute article_groups if articles changed; returns the rows written (0 when already current)."""

    def attempt() -> int:
        with wh.write_lock():  # read, compute and write under the lock: a concurrent run cannot interleave
            wh.con.execute(create_table_sql("article_groups", TABLES["article_groups"]))
            if not force and groups_are_current(wh):
                return 0
            rows = wh.con.execute(
                "SELECT article_id, version, title, body, published_at FROM articles_latest ORDER BY article_id"
            ).fetchall()
            table = validate("article_groups", compute_groups(rows, datetime.now(UTC)))
            wh.con.execute("BEGIN")
            try:
                wh.con.execute("DELETE FROM article_groups")
                if table.num_rows:
                    wh.con.register("_groups", table)
                    wh.con.execute("INSERT INTO article_groups BY NAME SELECT * FROM _groups")
                    wh.con.unregister("_groups")
                wh.con.execute("COMMIT")
            except Exception:
                wh.con.execute("ROLLBACK")
                raise
            return table.num_rows

    return with_retries(attempt)


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


def refresh_search_index(wh: Warehouse, force: bool = False) -> Path:
    """Rebuild the local BM25 index from articles_latest if the articles changed since it was built.

    Built in a temporary file and renamed into place, so searches running meanwhile read the old index.
    """
    path = search_index_path(wh.location)
    fingerprint = articles_fingerprint(wh)
    if not force and _index_fingerprint(path) == fingerprint:
        return path
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
        with duckdb.connect(str(building)) as con:
            load_extensions(con, "fts")
            con.execute("PRAGMA create_fts_index('docs', 'article_id', 'title', 'body', overwrite=1)")
        os.replace(building, path)
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)
    return path


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
    path = refresh_search_index(wh)
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
