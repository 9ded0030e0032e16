"""The full-text index and search. DuckDB's ``fts`` extension cannot build its index inside a DuckLake catalog, so
it lives in a local DuckDB file (``<warehouse>/search.duckdb``; for a ``postgres:`` catalog under the local cache dir,
see :func:`search_index_path`), rebuilt from ``articles_latest`` whenever the articles changed. Searching refreshes a
stale index first, so results never lag the warehouse."""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from warehouse.location import Location
from warehouse.similarity import snippet
from warehouse.store import Warehouse, load_extensions, quoted

SEARCH_FILE = "search.duckdb"
INDEX_MEMORY_LIMIT = "1GB"  # DuckDB spills beyond this while building the index (its default is 80 % of RAM)


def search_index_path(location: Location, cache_dir: Path) -> Path:
    """``<warehouse>/search.duckdb`` for a folder warehouse; for a PostgreSQL catalog (no local folder)
    ``<cache_dir>/search-<hash of catalog and data path>.duckdb``."""
    if location.is_local:
        return Path(location.display) / SEARCH_FILE
    key = hashlib.sha256(f"{location.display}|{location.data_path}".encode()).hexdigest()[:16]
    return cache_dir / f"search-{key}.duckdb"


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
    path = search_index_path(wh.location, wh.cache_dir)
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
        wh.con.execute(f"ATTACH '{quoted(building)}' AS {alias}")
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
    path = search_index_path(wh.location, wh.cache_dir)
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
