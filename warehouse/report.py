"""``newsdistill report``: one self-contained HTML page about the warehouse (inline SVG charts, no network).

Charts: articles per day per site, share of text removed by boilerplate kind per site, quarantine reasons
over time; and a table of the latest articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from warehouse.store import Warehouse

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d"]
LATEST = 25


@dataclass
class ReportData:
    totals: dict[str, int]
    per_day: list[tuple[str, str, int]]  # day, site, articles
    undated: int
    removed_share: list[tuple[str, str, int, int]]  # site, kind, removed chars, all chars of the site
    quarantine: list[tuple[str, str, int]]  # day, reason, documents
    latest: list[tuple] = field(default_factory=list)  # published, site, title, words, removed blocks, source


def collect(wh: Warehouse) -> ReportData:
    q = wh.query
    totals = dict(zip(
        ("articles", "sites", "quarantined", "runs"),
        q("SELECT (SELECT count(*) FROM articles_latest), (SELECT count(DISTINCT coalesce(site_name, domain)) "
          "FROM articles_latest), (SELECT count(*) FROM quarantine), (SELECT count(*) FROM ingest_runs)").fetchone(),
        strict=True,
    ))
    per_day = q("SELECT CAST(day AS VARCHAR), coalesce(site, '(unknown)'), sum(articles)::INT FROM daily_counts "
                "WHERE day IS NOT NULL GROUP BY ALL ORDER BY 1, 2").fetchall()
    undated = q("SELECT coalesce(sum(articles), 0)::INT FROM daily_counts WHERE day IS NULL").fetchone()[0]
    removed_share = q(
        "WITH totals AS (SELECT coalesce(site_name, domain, '(unknown)') AS site, "
        "  sum(length(body)) AS kept FROM articles_latest GROUP BY ALL), "
        "removed AS (SELECT coalesce(site, '(unknown)') AS site, kind, sum(characters) AS chars "
        "  FROM boilerplate_by_site GROUP BY ALL) "
        "SELECT r.site, r.kind, r.chars::BIGINT, (t.kept + sum(r.chars) OVER (PARTITION BY r.site))::BIGINT "
        "FROM removed r JOIN totals t USING (site) ORDER BY 1, 2"
    ).fetchall()
    quarantine = q("SELECT CAST(CAST(timezone('UTC', quarantined_at) AS DATE) AS VARCHAR), reason, count(*)::INT "
                   "FROM quarantine GROUP BY ALL ORDER BY 1, 2").fetchall()
    latest = q(
        "SELECT strftime(timezone('UTC', published_at), '%Y-%m-%d %H:%M'), coalesce(site_name, domain), title, "
        "word_count, removed_blocks, source FROM articles_latest "
        f"ORDER BY coalesce(published_at, ingested_at) DESC NULLS LAST, title LIMIT {LATEST}"
    ).fetchall()
    return ReportData(totals, per_day, undated, removed_share, quarantine, latest)


def _colors(names: list[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _legend(colors: dict[str, str]) -> str:
    items = "".join(f'<span class="key"><i style="background:{c}"></i>{escape(n)}</span>' for n, c in colors.items())
    return f'<div class="legend">{items}</div>'


def stacked_bars(chart: str, rows: list[tuple[str, str, int]], unit: str) -> str:
    """Vertical stacked bars: one bar per x (a day), one segment per series; rows are (x, series, value)."""
    if not rows:
        return f'<p class="empty" data-chart="{chart}" data-points="0">No data yet.</p>'
    xs = sorted({x for x, _, _ in rows})
    colors = _colors(sorted({s for _, s, _ in rows}))
    totals = {x: sum(v for x2, _, v in rows if x2 == x) for x in xs}
    top = max(totals.values()) or 1
    width, height, pad, bottom = max(320, 28 * len(xs) + 60), 220, 40, 50
    step = (width - pad - 10) / len(xs)
    scale = (height - bottom - 10) / top
    parts = [f'<line x1="{pad}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" class="axis"/>',
             f'<text x="{pad - 4}" y="16" class="tick" text-anchor="end">{top}</text>',
             f'<text x="{pad - 4}" y="{height - bottom}" class="tick" text-anchor="end">0</text>']
    for i, x in enumerate(xs):
        left, y = pad + i * step + 2, height - bottom
        for _, series, value in (r for r in rows if r[0] == x):
            h = value * scale
            y -= h
            parts.append(f'<rect x="{left:.1f}" y="{y:.1f}" width="{max(step - 4, 2):.1f}" height="{h:.1f}" '
                         f'fill="{colors[series]}" data-value="{value}"><title>{escape(x)} · {escape(series)}: '
                         f'{value} {unit}</title></rect>')
        parts.append(f'<text x="{left + step / 2:.1f}" y="{height - bottom + 12}" class="tick" text-anchor="end" '
                     f'transform="rotate(-45 {left + step / 2:.1f} {height - bottom + 12})">{escape(x)}</text>')
    svg = (f'<svg data-chart="{chart}" data-points="{len(rows)}" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img">{"".join(parts)}</svg>')
    return svg + _legend(colors)


def share_bars(chart: str, rows: list[tuple[str, str, int, int]]) -> str:
    """One horizontal bar per site: the share of all its text each boilerplate kind took."""
    if not rows:
        return f'<p class="empty" data-chart="{chart}" data-points="0">No data yet.</p>'
    sites = sorted({r[0] for r in rows})
    colors = _colors(sorted({r[1] for r in rows}))
    label, bar, row_h = 170, 460, 26
    height = row_h * len(sites) + 24
    parts = []
    for i, site in enumerate(sites):
        y, x = i * row_h + 4, float(label)
        parts.append(f'<text x="{label - 6}" y="{y + 15}" class="tick" text-anchor="end">{escape(site[:28])}</text>'
                     f'<rect x="{label}" y="{y}" width="{bar}" height="{row_h - 8}" class="track"/>')
        site_rows = [r for r in rows if r[0] == site]
        for _, kind, chars, total in site_rows:
            share = chars / total if total else 0.0
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{share * bar:.1f}" height="{row_h - 8}" '
                         f'fill="{colors[kind]}" data-value="{share:.4f}"><title>{escape(site)} · {escape(kind)}: '
                         f'{share:.1%} of the text ({chars} characters)</title></rect>')
            x += share * bar
        removed = sum(r[2] for r in site_rows) / (site_rows[0][3] or 1)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" class="tick">{removed:.1%} removed</text>')
    width = label + bar + 110
    svg = (f'<svg data-chart="{chart}" data-points="{len(rows)}" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img">{"".join(parts)}</svg>')
    return svg + _legend(colors)


def _table(rows: list[tuple]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("published (UTC)", "site", "title", "words", "removed blocks", "source"))
    body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f'<table id="latest"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{margin:0 0 4px}
.cards{display:flex;gap:12px;margin:16px 0}.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px}
.card b{display:block;font-size:22px}section{margin:24px 0}.axis{stroke:#999}.tick{font-size:10px;fill:#555}
.track{fill:#f1f1f1}.legend{display:flex;flex-wrap:wrap;gap:10px;font-size:12px}
.key i{display:inline-block;width:10px;height:10px;margin-right:4px}
table{border-collapse:collapse;font-size:12px}td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:left}
td:nth-child(6){color:#777;max-width:320px;overflow-wrap:anywhere}"""


def render(data: ReportData, location: str) -> str:
    cards = "".join(f'<div class="card" data-total="{k}"><b>{v}</b>{k}</div>' for k, v in data.totals.items())
    undated = f"<p>{data.undated} undated articles are not shown.</p>" if data.undated else ""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsdistill report</title><style>{CSS}</style></head>
<body><h1>newsdistill report</h1><p>Warehouse <code>{escape(location)}</code>, generated {generated}.</p>
<div class="cards">{cards}</div>
<section><h2>Articles per day, by site</h2>{stacked_bars("articles-per-day", data.per_day, "articles")}{undated}
</section>
<section><h2>Share of text removed as boilerplate, by kind and site</h2>
{share_bars("removed-share", data.removed_share)}</section>
<section><h2>Quarantine reasons over time</h2>{stacked_bars("quarantine", data.quarantine, "documents")}</section>
<section><h2>Latest articles</h2>{_table(data.latest)}</section>
</body></html>
"""


def write_report(location: str, output: Path) -> ReportData:
    with Warehouse(location, read_only=True) as wh:
        data = collect(wh)
    output.write_text(render(data, location), encoding="utf-8")
    return data
