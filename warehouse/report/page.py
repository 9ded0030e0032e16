"""The report page: the sections an analyst reads first, each a chart with the SQL behind it.

How much landed and when, from where (top sites, then every site in a sortable table), what was removed, what
failed, what kinds of pages came in and how complete their metadata is, and the latest dated articles.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from html import escape
from importlib.resources import files
from pathlib import Path

from warehouse.report.charts import (
    BAR_COLOUR,
    REST_COLOUR,
    Bar,
    Segment,
    bars,
    colours,
    compact,
    figure,
    heat_table,
    legend,
    number,
    percent,
    time_bars,
)
from warehouse.report.data import ReportData, Scope, Site, Timeline, collect
from warehouse.store import Warehouse

TOP_SITES = 15
OTHER_KINDS = "remaining kinds"
OTHER_REASONS = "remaining reasons"
COVERAGE = ("title", "date", "author", "language")
ASSETS = files("warehouse.report")


def combined(sites: list[Site], name: str) -> Site:
    """Several sites counted as one (their first and last days are not needed)."""
    sums = {
        f.name: sum(getattr(s, f.name) for s in sites)
        for f in fields(Site)
        if f.name not in ("name", "first_day", "last_day")
    }
    return Site(name=name, first_day=None, last_day=None, **sums)


def _share_of(part: int, whole: int) -> str:
    return percent(part / whole) if whole else "–"


def cards(data: ReportData) -> str:
    t = data.totals
    last = data.last_run.strftime("%Y-%m-%d %H:%M UTC") if data.last_run else "never"
    unscoped = " (all sites)" if data.scope.site else ""
    items = [
        ("articles", number(t["articles"]), "latest version of each"),
        ("dated", number(t["dated"]), f"{_share_of(t['dated'], t['articles'])} have a publication date"),
        ("undated", number(t["undated"]), "counted, not on the time axis"),
        ("sites", number(t["sites"]), "site name, else domain"),
        ("quarantined", number(t["quarantined"]), f"inputs that could not become articles{unscoped}"),
        ("duplicates", number(t["duplicates"]), f"repeated inputs{unscoped}"),
        ("runs", number(t["runs"]), f"ingest runs, last {last}"),
    ]
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card" data-total="{key}"><b>{value}</b><span>{key}</span><small>{escape(hint)}</small></div>'
            for key, value, hint in items
        )
        + "</div>"
    )


def _points(t: Timeline) -> int:
    return sum(1 for values in t.series.values() for v in values if v)


def _span(t: Timeline) -> str:
    return f"{t.buckets[0].isoformat()} to {t.buckets[-1].isoformat()}" if t.buckets else ""


def timeline_section(data: ReportData) -> str:
    t, totals = data.timeline, data.totals
    note = f"One bar per {t.unit} of publication (UTC), {_span(t)}; a {t.unit} without articles is a gap."
    if totals["undated"]:
        note += (
            f" {number(totals['undated'])} undated articles ({_share_of(totals['undated'], totals['articles'])})"
            " are counted in the totals and have no place on this axis."
        )
    chart = time_bars(
        t.buckets,
        t.series,
        {"articles": BAR_COLOUR},
        "",
        t.unit,
        f"articles per {t.unit}",
        f"publication {t.unit} (UTC)",
        f"Articles per {t.unit} of publication",
    )
    return figure(
        "articles-over-time", f"Articles per {t.unit} of publication", _points(t), chart, note, data.sql["timeline"]
    )


def sites_section(data: ReportData) -> str:
    total = data.totals["articles"]
    top, rest = data.sites[:TOP_SITES], data.sites[TOP_SITES:]
    rows = [
        Bar(
            s.name,
            [Segment("site", s.articles, f"{s.name}: {number(s.articles)} articles")],
            f"{number(s.articles)} · {_share_of(s.articles, total)}",
        )
        for s in top
    ]
    chart = bars(rows, {"site": BAR_COLOUR}, "", compact, "articles")
    title = f"Top {len(top)} sites by articles"
    if rest:  # the long tail together, as a share beside the top sites: on their scale it would dwarf them
        others = sum(s.articles for s in rest)
        named = {f"top {len(top)} sites": BAR_COLOUR, f"the other {number(len(rest))} sites": REST_COLOUR}
        split = [
            Segment(key, n / total, f"{key}: {number(n)} articles")
            for key, n in zip(named, (total - others, others), strict=True)
        ]
        counts = {
            key: f"{number(n)} · {_share_of(n, total)}" for key, n in zip(named, (total - others, others), strict=True)
        }
        chart = (
            legend(named, counts)
            + bars(
                [Bar(f"all {number(len(data.sites))} sites", split, "")], named, "", percent, "share of all articles"
            )
            + chart
        )
        title += f"; the other {number(len(rest))} together"
    return figure("sites", title, len(rows), chart, sql=data.sql["sites"]) + sites_table(data.sites, total)


SITE_COLUMNS = (
    ("site", "text"),
    ("articles", "number"),
    ("share", "number"),
    ("dated", "number"),
    ("first published", "text"),
    ("last published", "text"),
    ("words per article", "number"),
    ("title", "number"),
    ("author", "number"),
    ("language", "number"),
    ("text removed", "number"),
)


def sites_table(sites: list[Site], total: int) -> str:
    sorted_by = ' aria-sort="descending"'
    head = "".join(
        f'<th data-type="{kind}"{sorted_by if name == "articles" else ""}><button type="button">{name}</button></th>'
        for name, kind in SITE_COLUMNS
    )
    body = []
    for s in sites:
        cover = s.coverage()
        cells = [
            (s.articles, number(s.articles)),
            (s.articles / total if total else 0, _share_of(s.articles, total)),
            (cover["date"], percent(cover["date"])),
            (None, s.first_day.isoformat() if s.first_day else "–"),
            (None, s.last_day.isoformat() if s.last_day else "–"),
            (s.words / s.articles if s.articles else 0, number(s.words / s.articles) if s.articles else "–"),
            (cover["title"], percent(cover["title"])),
            (cover["author"], percent(cover["author"])),
            (cover["language"], percent(cover["language"])),
            (s.removed_share, percent(s.removed_share)),
        ]
        tds = "".join(
            f'<td data-sort="{key:.6g}">{text}</td>' if key is not None else f"<td>{text}</td>" for key, text in cells
        )
        body.append(f'<tr><th scope="row">{escape(s.name)}</th>{tds}</tr>')
    return (
        f'<h3>All {len(sites)} sites</h3><p class="note">Click a column to sort. Shares of the site\'s '
        "articles with a date, title, author and language; text removed: share of all its page text.</p>"
        f'<div class="scroll tall"><table id="sites" class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def removed_section(data: ReportData) -> str:
    everything = combined(data.sites, "all sites")
    page_text = everything.kept_characters + everything.removed_characters
    by_kind: dict[str, list[int]] = {}
    for _, kind, blocks, characters in data.removed:
        sums = by_kind.setdefault(kind, [0, 0])
        sums[0] += blocks
        sums[1] += characters
    kinds = sorted(by_kind, key=lambda k: (-by_kind[k][1], k))
    named = colours(kinds, OTHER_KINDS)
    share = {k: by_kind[k][1] / page_text if page_text else 0.0 for k in kinds}
    kind_rows = [
        Bar(
            k,
            [Segment(k, share[k], f"{k}: {percent(share[k])} of all page text")],
            f"{percent(share[k])} · {compact(by_kind[k][0])} blocks",
        )
        for k in kinds
    ]
    overall = figure(
        "removed-kinds",
        "Share of all page text removed, by kind",
        len(kind_rows),
        bars(kind_rows, named, OTHER_KINDS, percent, "share of all page text"),
        f"{percent(everything.removed_share)} of the text of {number(everything.articles)} articles was removed.",
        data.sql["removed"],
    )
    per_site = _removed_per_site(data, everything, named)
    return f'<div class="pair wide-right">{overall}{per_site}</div>'


def _removed_per_site(data: ReportData, everything: Site, named: dict[str, str]) -> str:
    chars: dict[str, dict[str, int]] = {}
    for site, kind, _, characters in data.removed:
        key = kind if kind in named else OTHER_KINDS
        per_kind = chars.setdefault(site, {})
        per_kind[key] = per_kind.get(key, 0) + characters
    overall: dict[str, int] = {}
    for per_kind in chars.values():
        for key, n in per_kind.items():
            overall[key] = overall.get(key, 0) + n
    rows = []
    for site, per_kind in [(everything, overall), *((s, chars.get(s.name, {})) for s in data.sites[:TOP_SITES])]:
        text = site.kept_characters + site.removed_characters
        segments = [
            Segment(
                k,
                per_kind.get(k, 0) / text if text else 0.0,
                f"{site.name} · {k}: {percent(per_kind.get(k, 0) / text if text else 0)} of its text",
            )
            for k in named
        ]
        rows.append(Bar(site.name, segments, f"{percent(site.removed_share)} removed", emphasis=site is everything))
    chart = legend(named) + bars(rows, named, OTHER_KINDS, percent, "share of the site's page text removed")
    return figure(
        "removed-share",
        f"Boilerplate by kind: all sites, then the top {len(rows) - 1}",
        len(rows) if everything.articles else 0,
        chart,
    )


def quarantine_section(data: ReportData) -> str:
    t = data.quarantine
    named = colours(list(t.series), OTHER_REASONS)
    series: dict[str, list[int]] = {}
    for name, values in t.series.items():
        key = name if name in named else OTHER_REASONS
        merged = series.setdefault(key, [0] * len(values))
        series[key] = [a + b for a, b in zip(merged, values, strict=True)]
    counts = {k: number(sum(v)) for k, v in series.items()}
    note = (
        (
            f"Inputs quarantined per {t.unit} (UTC), {_span(t)}, by reason; each one's detail says what to do "
            "(table <code>quarantine</code>, view <code>quarantine_summary</code>)."
        )
        if t.buckets
        else ""
    )
    chart = legend(named, counts) + time_bars(
        t.buckets,
        series,
        named,
        OTHER_REASONS,
        t.unit,
        f"inputs per {t.unit}",
        f"{t.unit} quarantined (UTC)",
        "Quarantined inputs over time by reason",
    )
    return figure(
        "quarantine",
        "Quarantined inputs by reason",
        _points(t),
        chart,
        note,
        data.sql["quarantine"],
        empty="No input was quarantined in this scope.",
    )


def page_types_section(data: ReportData) -> str:
    total = sum(n for _, n in data.page_types)
    rows = [
        Bar(kind, [Segment("type", n, f"{kind}: {number(n)}")], f"{number(n)} · {_share_of(n, total)}")
        for kind, n in data.page_types
    ]
    return figure(
        "page-types",
        "Kinds of pages",
        len(rows),
        bars(rows, {"type": BAR_COLOUR}, "", compact, "articles"),
        "As the cleaner classified each page (<code>page_type</code>).",
        data.sql["page_types"],
    )


def coverage_section(data: ReportData) -> str:
    everything = combined(data.sites, "all sites")
    rows = [(s.name, s.articles, s.coverage()) for s in [everything, *data.sites[:TOP_SITES]]]
    return figure(
        "metadata-coverage",
        "Metadata coverage: share of articles with each field",
        len(rows) if everything.articles else 0,
        heat_table(list(COVERAGE), rows, emphasis=1),
        f"All sites, then the top {len(rows) - 1}; every site's figures are in the table above.",
    )


def latest_section(data: ReportData) -> str:
    rows = []
    for published, site, title, url, words in data.latest:
        name = escape(title or "(untitled)")
        link = f'<a href="{escape(url)}">{name}</a>' if url and url.startswith(("http://", "https://")) else name
        rows.append(
            f"<tr><td>{published.astimezone(UTC):%Y-%m-%d %H:%M}</td><td>{escape(site)}</td>"
            f"<td>{link}</td><td>{'' if words is None else number(words)}</td></tr>"
        )
    undated = data.totals["undated"]
    note = f"{number(undated)} undated articles are counted above and not listed here." if undated else ""
    table = (
        '<div class="scroll"><table id="latest"><thead><tr><th>published (UTC)</th><th>site</th><th>title</th>'
        f"<th>words</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return (
        f'<p class="note">{note}</p>'
        + (table if rows else '<p class="empty">No dated articles.</p>')
        + f"<details><summary>SQL</summary><pre>{escape(data.sql['latest'])}</pre></details>"
    )


SECTIONS = (
    ("when", "How much landed, and when", (timeline_section,)),
    ("where", "From where", (sites_section,)),
    ("removed", "What was removed", (removed_section,)),
    ("failed", "What failed", (quarantine_section,)),
    ("pages", "What came in", (page_types_section, coverage_section)),
    ("latest", "Latest dated articles", (latest_section,)),
)


def render(data: ReportData) -> str:
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    nav = "".join(f'<a href="#{key}">{escape(title)}</a>' for key, title, _ in SECTIONS)
    sections = "".join(
        f'<section id="{key}"><h2>{escape(title)}</h2>'
        + (f'<div class="pair">{"".join(part(data) for part in parts)}</div>' if len(parts) > 1 else parts[0](data))
        + "</section>"
        for key, title, parts in SECTIONS
    )
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "sort_table.js").read_text(encoding="utf-8")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsdistill report</title><style>{css}</style></head>
<body><main><header><h1>newsdistill report</h1>
<p>Warehouse <code>{escape(data.location)}</code> · generated {generated} · covers {escape(data.scope.describe())}.
The figures come from the warehouse's views; the SQL under each chart runs as it is in
<code>newsdistill query</code>.</p>
<nav>{nav}</nav></header>
{cards(data)}{sections}</main><script>{script}</script></body></html>
"""


def write_report(location: str, output: Path, scope: Scope = Scope(), wh: Warehouse | None = None) -> ReportData:
    """Write the report of ``location`` (through ``wh`` when given, an open connection to it) to ``output``."""
    if wh is None:
        with Warehouse(location, read_only=True) as own:
            data = collect(own, scope, location)
    else:
        data = collect(wh, scope, location)
    output.write_text(render(data), encoding="utf-8")
    return data
