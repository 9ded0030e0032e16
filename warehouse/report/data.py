"""The report's numbers: SQL over the warehouse's views (``views.sql``), so each one can be queried by hand.

Every query is kept as it ran (filters written in as literals) and shown in the report under its chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from warehouse.location import WarehouseError
from warehouse.store import Warehouse

VIEWS = ("article_facts", "removed_latest", "quarantine_daily")
LATEST = 25
UNKNOWN_SITE = "(unknown)"


@dataclass(frozen=True)
class Scope:
    """What the report covers: articles published (inputs quarantined) on or after ``since``; sites whose name,
    or domain when a page has no site name, contains ``site`` (any case)."""

    since: date | None = None
    site: str | None = None

    def where(self, day: str = "day", site: str | None = "site") -> str:
        conditions = [f"{day} >= DATE '{self.since.isoformat()}'"] if self.since else []
        if self.site and site:
            conditions.append(f"{site} ILIKE {_literal('%' + self.site + '%')}")
        return " AND ".join(conditions) or "TRUE"

    def describe(self) -> str:
        parts = [f"published since {self.since.isoformat()}"] if self.since else []
        if self.site:
            parts.append(f"sites matching “{self.site}”")
        return ", ".join(parts) or "everything"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Timeline:
    """Counts per time bucket (every bucket from the first to the last, empty ones too) and series."""

    unit: str  # day, week or month
    buckets: list[date]
    series: dict[str, list[int]]  # series name -> one count per bucket, largest series first
    sql: str


@dataclass(frozen=True)
class Site:
    name: str
    articles: int
    dated: int
    first_day: date | None
    last_day: date | None
    words: int
    with_title: int
    with_author: int
    with_language: int
    kept_characters: int
    removed_characters: int

    @property
    def removed_share(self) -> float:
        total = self.kept_characters + self.removed_characters
        return self.removed_characters / total if total else 0.0

    def coverage(self) -> dict[str, float]:
        """Share of the site's articles with each metadata field."""
        counts = {
            "title": self.with_title,
            "date": self.dated,
            "author": self.with_author,
            "language": self.with_language,
        }
        return {name: n / self.articles if self.articles else 0.0 for name, n in counts.items()}


@dataclass
class ReportData:
    location: str
    scope: Scope
    sites: list[Site]  # every site, most articles first
    timeline: Timeline
    removed: list[tuple[str, str, int, int]]  # site, kind, blocks, characters
    page_types: list[tuple[str, int]]
    quarantine: Timeline
    latest: list[tuple[datetime, str, str | None, str | None, int | None]]  # published, site, title, url, words
    counts: dict[str, int]  # quarantined, duplicates, runs
    last_run: datetime | None
    sql: dict[str, str] = field(default_factory=dict)  # section -> the query behind it

    @property
    def totals(self) -> dict[str, int]:
        articles = sum(s.articles for s in self.sites)
        dated = sum(s.dated for s in self.sites)
        return {
            "articles": articles,
            "dated": dated,
            "undated": articles - dated,
            "sites": len(self.sites),
            **self.counts,
        }


SITES_SQL = """SELECT coalesce(site, '{unknown}') AS site, count(*) AS articles, count(day) AS dated,
       min(day) AS first_day, max(day) AS last_day, sum(words)::BIGINT AS words,
       count(*) FILTER (WHERE has_title) AS with_title, count(*) FILTER (WHERE has_author) AS with_author,
       count(*) FILTER (WHERE has_language) AS with_language, sum(kept_characters)::BIGINT AS kept_characters,
       sum(removed_characters)::BIGINT AS removed_characters
FROM article_facts WHERE {where}
GROUP BY 1 ORDER BY articles DESC, site"""

RANGE_SQL = "SELECT min(day), max(day) FROM {view} WHERE day IS NOT NULL AND {where}"

TIMELINE_SQL = """WITH counts AS (
    SELECT CAST(date_trunc('{unit}', day) AS DATE) AS bucket, {series} AS series, {measure}::BIGINT AS n
    FROM {view} WHERE day IS NOT NULL AND {where} GROUP BY ALL
), buckets AS (
    SELECT CAST(unnest(generate_series(min(bucket), max(bucket), INTERVAL 1 {unit})) AS DATE) AS bucket FROM counts
)
SELECT b.bucket, c.series, coalesce(c.n, 0) AS n
FROM buckets b LEFT JOIN counts c USING (bucket) ORDER BY 1, 2"""

REMOVED_SQL = """SELECT coalesce(site, '{unknown}') AS site, kind, count(*) AS blocks,
       sum(characters)::BIGINT AS characters
FROM removed_latest WHERE {where}
GROUP BY ALL"""

PAGE_TYPES_SQL = """SELECT coalesce(page_type, '(not set)') AS page_type, count(*) AS articles
FROM article_facts WHERE {where}
GROUP BY 1 ORDER BY articles DESC, page_type"""

LATEST_SQL = """SELECT published_at, coalesce(site_name, domain, '{unknown}') AS site, title, url, word_count
FROM articles_latest
WHERE published_at IS NOT NULL AND {where}
ORDER BY published_at DESC, title LIMIT {limit}"""

COUNTS_SQL = """SELECT (SELECT coalesce(sum(documents), 0) FROM quarantine_daily WHERE {quarantine})::BIGINT,
       (SELECT count(*) FROM duplicates WHERE {duplicates}),
       (SELECT count(*) FROM ingest_runs),
       (SELECT max(finished_at) FROM ingest_runs)"""


def bucket_unit(first: date, last: date) -> str:
    """Days for up to three months, weeks for up to three years, else months: at most about 160 bars."""
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 3 * 366 else "month"


def timeline(
    wh: Warehouse, view: str, where: str, measure: str, series: str, span: tuple[date | None, date | None] | None = None
) -> Timeline:
    """``measure`` per bucket and ``series`` over ``view``; ``span``, the first and last day, if known already."""
    first, last = span or wh.query(RANGE_SQL.format(view=view, where=where)).fetchone()
    unit = bucket_unit(first, last) if first else "day"
    sql = TIMELINE_SQL.format(unit=unit, series=series, measure=measure, view=view, where=where)
    rows = wh.query(sql).fetchall()
    buckets = sorted({bucket for bucket, _, _ in rows})
    index = {bucket: i for i, bucket in enumerate(buckets)}
    counts: dict[str, list[int]] = {}
    for bucket, name, n in rows:
        if name is not None:
            counts.setdefault(name, [0] * len(buckets))[index[bucket]] = n
    ordered = dict(sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0])))
    return Timeline(unit, buckets, ordered, sql)


def _missing_views(wh: Warehouse) -> list[str]:
    present = {name for (name,) in wh.query("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    return [name for name in VIEWS if name not in present]


def collect(wh: Warehouse, scope: Scope = Scope(), location: str = "") -> ReportData:
    if missing := _missing_views(wh):
        raise WarehouseError(
            f"the warehouse has no view {', '.join(missing)} yet (it was made by an older "
            "newsdistill): run `newsdistill maintain` or any ingest to add them"
        )
    where = scope.where()
    sql = {
        "sites": SITES_SQL.format(unknown=UNKNOWN_SITE, where=where),
        "removed": REMOVED_SQL.format(unknown=UNKNOWN_SITE, where=where),
        "page_types": PAGE_TYPES_SQL.format(where=where),
        "latest": LATEST_SQL.format(
            unknown=UNKNOWN_SITE,
            limit=LATEST,
            where=scope.where("CAST(timezone('UTC', published_at) AS DATE)", "coalesce(site_name, domain)"),
        ),
    }
    sites = [Site(*row) for row in wh.query(sql["sites"]).fetchall()]
    dated = [s for s in sites if s.first_day]
    span = (min(s.first_day for s in dated), max(s.last_day for s in dated)) if dated else (None, None)
    articles = timeline(wh, "article_facts", where, "count(*)", "'articles'", span)
    quarantine = timeline(wh, "quarantine_daily", scope.where(site=None), "sum(documents)", "reason")
    sql |= {"timeline": articles.sql, "quarantine": quarantine.sql}
    quarantined, duplicates, runs, last_run = wh.query(
        COUNTS_SQL.format(
            quarantine=scope.where(site=None),
            duplicates=scope.where("CAST(timezone('UTC', seen_at) AS DATE)", None),
        )
    ).fetchone()
    return ReportData(
        location=location,
        scope=scope,
        sites=sites,
        timeline=articles,
        removed=wh.query(sql["removed"]).fetchall(),
        page_types=wh.query(sql["page_types"]).fetchall(),
        quarantine=quarantine,
        latest=wh.query(sql["latest"]).fetchall(),
        counts={"quarantined": quarantined, "duplicates": duplicates, "runs": runs},
        last_run=last_run,
        sql=sql,
    )
