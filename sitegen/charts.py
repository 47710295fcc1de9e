"""Small charts drawn at build time as inline SVG: no chart library, no script.

SVG presentation attributes (``fill``, ``x``, ``height``) are not inline styles,
so the charts live within the site's Content-Security-Policy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from xml.sax.saxutils import escape

from markupsafe import Markup

#: Beyond this many months a chart counts per year instead.
MAX_BARS = 120
#: Room a month's name (2022年11月) takes under the bars, in the chart's units.
LABEL_WIDTH = 80


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def articles_per_month(dates: list[dt.date | None], label: str) -> Markup:
    """A bar chart of how many of the dated ``dates`` fall in each month (or year), with a text summary."""
    dated = sorted(d for d in dates if d)
    if not dated:
        return Markup("")
    months = _months(dated[0], dated[-1])
    if len(months) > MAX_BARS:
        counts = Counter(d.year for d in dated)
        bars = [(f"{y}年", counts[y]) for y in range(dated[0].year, dated[-1].year + 1)]
    else:
        counts = Counter((d.year, d.month) for d in dated)
        bars = [(f"{y}年{m}月", counts[(y, m)]) for y, m in months]
    peak = max(n for _, n in bars)
    width, height, gap = 640, 120, 2
    bar_w = min(40.0, max(2.0, (width - gap * len(bars)) / len(bars)))
    if len(bars) == 1:
        summary = f"{label}：{bars[0][0]}，共 {len(dated)} 篇"
    else:
        summary = (f"{label}：{bars[0][0]}至{bars[-1][0]}，共 {len(dated)} 篇，"
                   f"最多的{bars[[n for _, n in bars].index(peak)][0]}有 {peak} 篇")
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 20}" role="img" aria-label="{escape(summary)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="none">',
        f"<title>{escape(summary)}</title>",
    ]
    for i, (name, n) in enumerate(bars):
        h = 0 if not n else max(2.0, height * n / peak)
        x = i * (bar_w + gap)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{height - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#8b1a1a">'
            f"<title>{escape(name)}：{n} 篇</title></rect>"
        )
    parts.append(f'<text x="0" y="{height + 16}" font-size="12" fill="#555a60">{escape(bars[0][0])}</text>')
    if len(bars) > 1:  # the last month's name under the last bar (not at the far edge when bars are few)
        end = max(len(bars) * (bar_w + gap) - gap, 2 * LABEL_WIDTH)
        parts.append(
            f'<text x="{end:.1f}" y="{height + 16}" font-size="12" fill="#555a60" text-anchor="end">{escape(bars[-1][0])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
