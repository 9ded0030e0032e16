"""Analytics over landed articles: the refresh after every ingest, stories and export. Groups are in ``groups``,
the full-text index and search in ``search``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from warehouse.groups import refresh_groups
from warehouse.store import Warehouse, quoted

EXPORT_FORMATS = {
    "parquet": "FORMAT parquet",
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
    "json": "FORMAT json, ARRAY true",
}


def refresh_analytics(wh: Warehouse) -> None:
    """Called by the ingest flow after all batches landed: refresh the derived tables SQL users query.

    The search index is not rebuilt here: rebuilding it costs minutes per hundred thousand articles, so
    ``maintain`` rebuilds it (schedule it) and ``search`` rebuilds a stale one before answering."""
    refresh_groups(wh)


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
    (count,) = wh.con.execute(f"COPY ({select}) TO '{quoted(output)}' ({EXPORT_FORMATS[fmt]})").fetchone()
    return count
