"""A pyarrow schema for every warehouse table, and their version.

Bump SCHEMA_VERSION whenever a column is added, removed or changes type; the warehouse
records the version it was created with; an older warehouse is migrated in place (``MIGRATIONS``), a newer one
is refused.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 2
# What each version added to the one before, as the statements that migrate an older warehouse in place.
MIGRATIONS: dict[int, list[str]] = {
    2: ["ALTER TABLE articles ADD COLUMN IF NOT EXISTS body_markdown VARCHAR"],  # the body with its structure
}

UTC_TS = pa.timestamp("us", tz="UTC")
LOCAL_TS = pa.timestamp("us")

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # stable per page identity (URL, else raw hash)
        pa.field("version", pa.int32(), nullable=False),  # 1, 2, ... when the same page changes
        pa.field("doc_id", pa.string(), nullable=False),  # sha256 of the raw bytes (raw_documents.doc_id)
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("subtitle", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", UTC_TS),  # UTC when the zone is known, else local wall time (see tz_known)
        pa.field("published_at_local", LOCAL_TS),  # wall time as written on the page
        pa.field("published_at_tz_known", pa.bool_()),
        pa.field("published_at_raw", pa.string()),
        pa.field("updated_at", UTC_TS),
        pa.field("updated_at_raw", pa.string()),
        pa.field("section", pa.string()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("language", pa.string()),
        pa.field("body", pa.string(), nullable=False),
        pa.field("body_markdown", pa.string()),  # headings, lists, tables, emphasis; NULL in rows from schema v1
        pa.field("word_count", pa.int32()),
        pa.field("reading_time_minutes", pa.int32()),
        pa.field("image_captions", pa.list_(pa.string())),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("page_type", pa.string()),  # article, index, login_wall, ...
        pa.field("extraction_method", pa.string()),
        pa.field("metadata_sources", pa.string()),  # JSON: field -> where the value came from
        pa.field("metadata_flags", pa.list_(pa.string())),  # values nulled as invalid, with why
        pa.field("removed_blocks", pa.int32()),
        pa.field("removed_chars", pa.int32()),
        pa.field("fetched_at", UTC_TS),
        pa.field("ingested_at", UTC_TS, nullable=False),
        pa.field("cleaner_version", pa.string()),
        pa.field("schema_version", pa.int32(), nullable=False),
    ]
)

RAW_DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),  # sha256 of data
        pa.field("source", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("fetched_at", UTC_TS),
        pa.field("headers", pa.string()),  # JSON object
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("data", pa.binary(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),  # ingested | duplicate | quarantined
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("ingested_at", UTC_TS, nullable=False),
    ]
)

REMOVED_BLOCKS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("version", pa.int32(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),  # block index in page order
        pa.field("kind", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("text", pa.string(), nullable=False),
    ]
)

QUARANTINE = pa.schema(
    [
        pa.field("doc_id", pa.string()),  # null when the input could not be read at all
        pa.field("source", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),  # short code, e.g. empty, binary, bad_gzip
        pa.field("detail", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("quarantined_at", UTC_TS, nullable=False),
    ]
)

DUPLICATES = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("duplicate_of", pa.string(), nullable=False),  # article_id it repeats
        pa.field("reason", pa.string(), nullable=False),  # same_raw | same_url_and_body
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("seen_at", UTC_TS, nullable=False),
    ]
)

INGEST_RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("flow_run_id", pa.string()),
        pa.field("started_at", UTC_TS, nullable=False),
        pa.field("finished_at", UTC_TS),
        pa.field("inputs", pa.string()),  # JSON list of input paths
        pa.field("read", pa.int64()),
        pa.field("ingested", pa.int64()),
        pa.field("duplicate", pa.int64()),
        pa.field("quarantined", pa.int64()),
        pa.field("seconds", pa.float64()),
        pa.field("status", pa.string()),
        pa.field("cleaner_version", pa.string()),
    ]
)

ARTICLE_GROUPS = pa.schema(  # derived: rewritten by warehouse.analytics.refresh_analytics after every ingest
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("version", pa.int32(), nullable=False),  # the latest version, which was compared
        pa.field("near_duplicate_group", pa.string(), nullable=False),  # same body up to small edits
        pa.field("story_id", pa.string(), nullable=False),  # same event, possibly other outlets and words
        pa.field("computed_at", UTC_TS, nullable=False),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "raw_documents": RAW_DOCUMENTS,
    "removed_blocks": REMOVED_BLOCKS,
    "quarantine": QUARANTINE,
    "duplicates": DUPLICATES,
    "ingest_runs": INGEST_RUNS,
    "article_groups": ARTICLE_GROUPS,
}


def validate(table: str, rows: list[dict]) -> pa.Table:
    """Build a pyarrow table from row dicts, raising ValueError naming the bad column when rows break the contract
    (a wrong type, a missing required value, or a key the table does not have: pyarrow would drop it silently)."""
    schema = TABLES[table]
    names = set(schema.names)
    for row in rows:
        if extra := row.keys() - names:
            raise ValueError(f"rows for table {table!r} have keys outside schema v{SCHEMA_VERSION}: {sorted(extra)}")
    try:
        return pa.Table.from_pylist(rows, schema=schema).cast(schema, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError) as exc:
        raise ValueError(f"rows for table {table!r} do not match schema v{SCHEMA_VERSION}: {exc}") from exc
