"""Charts as inline SVG and HTML, no scripts: they stretch to the page width and keep their text at its size.

Every chart is a ``<figure data-chart=NAME data-points=N>`` whose marks carry ``data-value``: a browser test
counts them and measures the figure. Bars along a time axis are SVG with x positions in percent of the width;
horizontal bars are HTML, so long labels wrap and shrink with the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

# Okabe & Ito's colours, told apart with any common colour-vision deficiency; then a neutral grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F")
REST_COLOUR = "#C9C9C9"
BAR_COLOUR = PALETTE[0]
PLOT_HEIGHT, AXIS_HEIGHT = 200, 22  # px: the bars, then the date labels below them


def number(n: float) -> str:
    return f"{n:,.0f}"


def compact(n: float) -> str:
    """An axis value in few characters: 950, 2.5k, 120k, 1.5M."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size:
            return f"{n / size:.3g}{suffix}"
    return f"{n:g}"


def percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.1 or share == 0 else f"{share:.1%}"


def colours(keys: Sequence[str], rest: str) -> dict[str, str]:
    """The first keys (the largest) get a palette colour each; the others share ``rest``'s grey."""
    named = {key: PALETTE[i] for i, key in enumerate(keys[: len(PALETTE)])}
    if len(keys) > len(PALETTE):
        named[rest] = REST_COLOUR
    return named


def colour_of(key: str, named: dict[str, str], rest: str) -> str:
    return named.get(key, named.get(rest, REST_COLOUR))


def ticks(maximum: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round axis values from 0 to at least ``maximum``: steps of 1, 2, 2.5 or 5 times a power of ten; ``whole``
    numbers only (counts) when asked."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    multiples = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in multiples if m * power >= raw and (not whole or m * power >= 1))
    return [round(i * step, 10) for i in range(math.ceil(maximum / step - 1e-9) + 1)]


def legend(named: dict[str, str], totals: dict[str, str] | None = None) -> str:
    items = "".join(
        f'<li><i style="background:{c}"></i>{escape(k)}'
        f"{' <small>' + escape(totals[k]) + '</small>' if totals and k in totals else ''}</li>"
        for k, c in named.items()
    )
    return f'<ul class="legend">{items}</ul>'


def figure(
    chart: str,
    title: str,
    points: int,
    body: str,
    note: str = "",
    sql: str = "",
    empty: str = "Nothing to show for this scope.",
) -> str:
    """A chart's frame: title, a note, the chart (or ``empty`` when it has no points), the SQL behind it."""
    note_html = f'<p class="note">{note}</p>' if note else ""
    inner = body if points else f'<p class="empty">{escape(empty)}</p>'
    query = f"<details><summary>SQL</summary><pre>{escape(sql)}</pre></details>" if sql else ""
    return (
        f'<figure class="chart" data-chart="{chart}" data-points="{points}"><h3>{escape(title)}</h3>'
        f"{note_html}{inner}{query}</figure>"
    )


def _x(i: int, n: int) -> float:
    """Centre of bucket ``i`` of ``n``, in percent of the plot's width."""
    return (i + 0.5) * 100 / n


def _visibility(k: int) -> int:
    return 2 if k % 4 == 0 else 1 if k % 2 == 0 else 0


def _date_labels(buckets: list[date], unit: str) -> str:
    """Up to nine labels along the axis; narrower screens show five (class ``minor`` hidden), then three (``mid``
    hidden too): the first, the middle and the last."""
    n = len(buckets)
    shown: dict[int, int] = {}  # bucket -> label rank k (0..8); of ranks landing on one bucket the most visible
    for k in range(9):
        i = round(k * (n - 1) / 8)
        if i not in shown or _visibility(k) > _visibility(shown[i]):
            shown[i] = k
    parts = []
    for i, k in sorted(shown.items()):
        x = _x(i, n)
        anchor = "start" if x < 5 else "end" if x > 95 else "middle"
        text = buckets[i].strftime("%Y-%m") if unit == "month" else buckets[i].isoformat()
        hide = ("", ' class="mid"', ' class="minor"')[2 - _visibility(k)]
        parts.append(
            f'<line x1="{x:.3f}%" x2="{x:.3f}%" y1="{PLOT_HEIGHT}" y2="{PLOT_HEIGHT + 4}" class="tick"/>'
            f'<text{hide} x="{x:.3f}%" y="{PLOT_HEIGHT + 16}" text-anchor="{anchor}">{text}</text>'
        )
    return "".join(parts)


def time_bars(
    buckets: list[date],
    series: dict[str, list[int]],
    named: dict[str, str],
    rest: str,
    unit: str,
    y_label: str,
    x_label: str,
    label: str,
) -> str:
    """Stacked bars on a continuous time axis: one slot per bucket, empty buckets left empty (gaps show)."""
    n = len(buckets)
    if not n:
        return ""
    stacks = [sum(values[i] for values in series.values()) for i in range(n)]
    axis = ticks(max(stacks, default=0), whole=True)
    top = axis[-1]
    width = min(100 / n * 0.8, 4.0)
    grid, y_text = [], []
    for value in axis:
        y = PLOT_HEIGHT - value / top * PLOT_HEIGHT
        grid.append(f'<line x1="0" x2="100%" y1="{y:.1f}" y2="{y:.1f}" class="{"base" if value == 0 else "grid"}"/>')
        y_text.append(f'<text x="100%" dx="-6" y="{y + 4:.1f}" text-anchor="end">{compact(value)}</text>')
    bars = []
    for i, bucket in enumerate(buckets):
        y = float(PLOT_HEIGHT)
        for name, values in series.items():
            if values[i] == 0:
                continue
            h = values[i] / top * PLOT_HEIGHT
            y -= h
            when = bucket.strftime("%Y-%m") if unit == "month" else f"{unit} of {bucket.isoformat()}"
            bars.append(
                f'<rect x="{_x(i, n) - width / 2:.3f}%" y="{y:.2f}" width="{width:.3f}%" '
                f'height="{max(h, 0.5):.2f}" fill="{colour_of(name, named, rest)}" data-value="{values[i]}">'
                f"<title>{when} · {escape(name)}: {number(values[i])}</title></rect>"
            )
    height = PLOT_HEIGHT + AXIS_HEIGHT
    return (
        f'<div class="timeplot"><span class="ylabel">{escape(y_label)}</span>'
        f'<svg class="yaxis" height="{height}" aria-hidden="true">{"".join(y_text)}</svg>'
        f'<svg class="bars" width="100%" height="{height}" role="img" aria-label="{escape(label)}">'
        f"{''.join(grid)}{''.join(bars)}{_date_labels(buckets, unit)}</svg>"
        f'<span class="xlabel">{escape(x_label)}</span></div>'
    )


def _axis_row(axis: list[float], fmt: Callable[[float], str], label: str) -> str:
    top = axis[-1]
    marks = "".join(
        f'<span{" class=minor" if i % 2 and i < len(axis) - 1 else ""} style="left:{v / top * 100:.2f}%">'
        f"{fmt(v)}</span>"
        for i, v in enumerate(axis)
    )  # every other one hidden on a phone
    return (
        f'<div class="hrow"><span></span><span class="hscale">{marks}</span><span></span></div>'
        f'<p class="xlabel">{escape(label)}</p>'
    )


@dataclass(frozen=True)
class Segment:
    key: str  # the legend entry: picks the colour
    value: float  # in the chart's unit
    tip: str  # the hover text


@dataclass(frozen=True)
class Bar:
    label: str
    segments: list[Segment]
    text: str  # shown after the bar
    emphasis: bool = False  # a total row, set apart


def bars(rows: list[Bar], named: dict[str, str], rest: str, fmt: Callable[[float], str], axis_label: str) -> str:
    """Horizontal (stacked) bars, one row each, on one scale with a labelled axis below."""
    whole = all(isinstance(s.value, int) for r in rows for s in r.segments)
    axis = ticks(max((sum(s.value for s in r.segments) for r in rows), default=0), whole=whole)
    top = axis[-1]
    html = []
    for row in rows:
        segments = "".join(
            f'<i style="width:{s.value / top * 100:.3f}%;background:{colour_of(s.key, named, rest)}" '
            f'data-value="{s.value}" title="{escape(s.tip)}"></i>'
            for s in row.segments
            if s.value > 0
        )
        html.append(
            f'<div class="hrow{" total" if row.emphasis else ""}"><span class="hlabel" '
            f'title="{escape(row.label)}">{escape(row.label)}</span><span class="htrack">{segments}</span>'
            f'<span class="hvalue">{escape(row.text)}</span></div>'
        )
    return f'<div class="hbars">{"".join(html)}{_axis_row(axis, fmt, axis_label)}</div>'


def heat_table(columns: list[str], rows: list[tuple[str, int, dict[str, float]]], emphasis: int = 0) -> str:
    """Shares as a table of shaded cells (light: few, dark: most), the number written in each."""
    head = "".join(f"<th>{escape(c)}</th>" for c in ["site", "articles", *columns])
    body = []
    for rank, (site, articles, shares) in enumerate(rows):
        cells = "".join(_heat_cell(shares[c]) for c in columns)
        cls = ' class="total"' if rank < emphasis else ""
        body.append(
            f'<tr{cls}><th scope="row"><span class="name" title="{escape(site)}">{escape(site)}</span></th>'
            f"<td>{number(articles)}</td>{cells}</tr>"
        )
    return (
        f'<div class="scroll"><table class="heat"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        "</table></div>"
    )


def _heat_cell(share: float) -> str:
    light, dark = (240, 246, 251), (8, 69, 148)
    rgb = ",".join(str(round(a + (b - a) * share)) for a, b in zip(light, dark, strict=True))
    ink = "#fff" if share > 0.55 else "#1a1a1a"
    return f'<td data-value="{share:.4f}" style="background:rgb({rgb});color:{ink}">{percent(share)}</td>'
