"""Synthetic warehouses for timing queries and the report: made in SQL, deterministic, no cleaning involved.

Sites are skewed as real crawls are (a few large, a long tail), publication dates grow towards the end of the
range and leave a three-week outage; some articles are undated, some sites lack authors or a site name, pages
come in several types, each article has a few removed blocks of assorted kinds, and some inputs are quarantined.
"""

from __future__ import annotations

from datetime import date

from warehouse.store import Warehouse

TOWNS = [
    "Ashford",
    "Bramley",
    "Carlow",
    "Dunmore",
    "Elmstead",
    "Fairhaven",
    "Glenrock",
    "Harwick",
    "Ivybridge",
    "Juniper",
    "Kelso",
    "Larkfield",
    "Marston",
    "Northgate",
    "Oakridge",
    "Penwood",
    "Queensbury",
    "Redcliff",
    "Stanmore",
    "Thornbury",
    "Upton",
    "Valemont",
    "Westford",
    "Yarrow",
    "Zennor",
    "Alderney",
    "Beckton",
    "Cresswell",
    "Dovercourt",
    "Eastleigh",
    "Foxton",
    "Greywell",
    "Hollins",
    "Inverary",
    "Kingsley",
    "Lydford",
    "Millbrook",
    "Newhaven",
    "Orford",
    "Pembury",
]
TITLES = [
    "Times",
    "Herald",
    "Post",
    "Gazette",
    "Courier",
    "Chronicle",
    "Journal",
    "Observer",
    "Tribune",
    "Ledger",
    "Mercury",
    "Express",
    "Standard",
    "Sentinel",
    "Dispatch",
    "Echo",
    "Argus",
    "Record",
    "Advertiser",
    "Bulletin",
    "Review",
    "Press",
    "Daily",
    "Weekly",
    "News",
]
KINDS = [
    "navigation",
    "share_bar",
    "related_content",
    "newsletter_widget",
    "advertisement",
    "paywall_appeal",
    "footer",
    "photo_caption",
    "cookie_notice",
    "comments",
    "metadata_line",
    "title",
    "other",
    "media_notice",
    "repost_disclaimer",
]
PAGE_TYPES = [
    ("article", 0.84),
    ("listing", 0.05),
    ("index", 0.03),
    ("login_wall", 0.02),
    ("error_page", 0.02),
    ("forum", 0.015),
    ("product", 0.01),
    ("documentation", 0.01),
    ("collection", 0.005),
]
REASONS = [
    "empty",
    "no_content",
    "bad_gzip",
    "timeout",
    "not_text",
    "unreadable",
    "binary",
    "no_body",
    "too_large",
    "worker_crashed",
]
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "sv"]

# One chunk of articles: the random draws first, then its removed blocks (their per-article sums fill the
# articles' removed_* columns), then the articles.
DRAWS_SQL = """
CREATE OR REPLACE TEMP TABLE synthetic_draws AS
SELECT i, floor($sites * pow((hash(i, 'site') % 1000003) / 1000003.0, 3))::INTEGER AS site,
       (hash(i, 'dated') % 1000) / 1000.0 AS dated, (hash(i, 'type') % 1000) / 1000.0 AS page,
       floor($days * sqrt((hash(i, 'day') % 1000003) / 1000003.0))::INTEGER AS day,
       150 + hash(i, 'words') % 1400 AS words
FROM range($low, $high) t(i)
"""

BLOCKS_SQL = """
CREATE OR REPLACE TEMP TABLE synthetic_blocks AS
SELECT md5(i::VARCHAR) AS article_id, 1 AS version, p AS position,
       $kinds[1 + floor(15 * pow((hash(i, p, 'kind') % 1000) / 1000.0, 1.8))::INTEGER] AS kind,
       'synthetic' AS reason,
       repeat('x', ((12 + hash(i, p, 'length') % 110) * (1 + site % 11))::BIGINT) AS text
FROM synthetic_draws, range(0, 8) b(p)
WHERE p < hash(i, 'blocks') % 9
"""

ARTICLES_SQL = """
INSERT INTO articles BY NAME
WITH named AS (
    SELECT *, $towns[1 + site % 40] || ' ' || $titles[1 + (site // 40) % 25] AS name,
           lower($towns[1 + site % 40] || $titles[1 + (site // 40) % 25]) || (site // 1000) || '.example' AS domain
    FROM synthetic_draws
)
SELECT md5(i::VARCHAR) AS article_id, 1 AS version, md5('raw' || i) AS doc_id, 'synthetic' AS run_id,
       'synthetic#' || i AS source, 'https://' || domain || '/a/' || i AS url, domain,
       CASE WHEN site % 9 = 4 THEN NULL ELSE name END AS site_name,
       CASE WHEN hash(i, 'title') % 100 < 2 THEN NULL ELSE 'Headline number ' || i END AS title,
       CASE WHEN dated < 0.07 THEN NULL
            ELSE $start::TIMESTAMPTZ + to_days(CASE WHEN day BETWEEN $gap AND $gap + 20 THEN day + 21 ELSE day END)
                 + to_minutes((hash(i, 'minute') % 1440)::INTEGER) END AS published_at,
       CASE WHEN hash(i, 'language') % 100 < 3 THEN NULL ELSE $languages[1 + site % 8] END AS language,
       CASE WHEN hash(i, 'author') % 100 < (CASE WHEN site % 5 = 0 THEN 20 ELSE 85 END)
            THEN ['Reporter ' || (i % 97)] ELSE [] END AS authors,
       CASE $types END AS page_type,
       repeat('lorem ipsum ', (words // 2)::BIGINT) AS body, words::INTEGER AS word_count,
       md5('body' || i) AS content_hash,
       coalesce(b.blocks, 0)::INTEGER AS removed_blocks, coalesce(b.characters, 0)::INTEGER AS removed_chars,
       now() AS ingested_at, 'synthetic' AS cleaner_version, 2 AS schema_version
FROM named
LEFT JOIN (SELECT article_id, count(*) AS blocks, sum(length(text)) AS characters
           FROM synthetic_blocks GROUP BY 1) b ON b.article_id = md5(i::VARCHAR)
"""

QUARANTINE_SQL = """
INSERT INTO quarantine BY NAME
SELECT md5('quarantined' || i) AS doc_id, 'synthetic-bad#' || i AS source,
       $reasons[1 + floor(10 * pow((hash(i, 'reason') % 1000) / 1000.0, 2))::INTEGER] AS reason,
       'synthetic input' AS detail, 'synthetic' AS run_id,
       $start::TIMESTAMPTZ + to_minutes((hash(i, 'when') % ($days * 1440))::INTEGER) AS quarantined_at
FROM range($low, $high) t(i)
"""

RUNS_SQL = """
INSERT INTO ingest_runs BY NAME
SELECT 'synthetic-' || d AS run_id, $start::TIMESTAMPTZ + to_days(d::INTEGER) AS started_at,
       $start::TIMESTAMPTZ + to_days(d::INTEGER) + INTERVAL 5 MINUTE AS finished_at, 'completed' AS status
FROM range(0, $days) t(d)
"""


def _types_case() -> str:
    """The CASE branches that draw a page type with the PAGE_TYPES weights."""
    edge, branches = 0.0, []
    for name, weight in PAGE_TYPES[:-1]:
        edge += weight
        branches.append(f"WHEN page < {edge:.4f} THEN '{name}'")
    return " ".join(branches) + f" ELSE '{PAGE_TYPES[-1][0]}'"


def fill_synthetic(
    wh: Warehouse,
    articles: int,
    sites: int = 1000,
    start: date = date(2023, 1, 2),
    days: int = 540,
    chunk: int = 50_000,
) -> dict:
    """Add ``articles`` articles of ``sites`` sites (with their removed blocks), quarantined inputs (2 % as many)
    and one ingest run a day, published from ``start`` over ``days`` days. Returns the row counts."""
    wh.ensure_schema()
    params = {
        "sites": sites,
        "days": days,
        "start": start.isoformat(),
        "gap": days // 2,
        "kinds": KINDS,
        "towns": TOWNS,
        "titles": TITLES,
        "languages": LANGUAGES,
        "reasons": REASONS,
    }
    articles_sql = ARTICLES_SQL.replace("$types", _types_case())
    for low in range(0, articles, chunk):
        bounds = {"low": low, "high": min(low + chunk, articles)}
        with wh.transaction():
            wh.con.execute(DRAWS_SQL, _used(DRAWS_SQL, params | bounds))
            wh.con.execute(BLOCKS_SQL, _used(BLOCKS_SQL, params | bounds))
            wh.con.execute("INSERT INTO removed_blocks BY NAME SELECT * FROM synthetic_blocks")
            wh.con.execute(articles_sql, _used(articles_sql, params | bounds))
    with wh.transaction():
        wh.con.execute(QUARANTINE_SQL, _used(QUARANTINE_SQL, params | {"low": 0, "high": articles // 50}))
        wh.con.execute(RUNS_SQL, _used(RUNS_SQL, params))
    wh.con.execute("DROP TABLE IF EXISTS synthetic_draws; DROP TABLE IF EXISTS synthetic_blocks")
    counts = {}
    for table in ("articles", "removed_blocks", "quarantine", "ingest_runs"):
        counts[table] = wh.query(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts


def _used(sql: str, params: dict) -> dict:
    """The named parameters ``sql`` refers to (DuckDB rejects unused ones)."""
    return {k: v for k, v in params.items() if f"${k}" in sql}
