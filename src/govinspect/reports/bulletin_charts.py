"""The two charts of a bulletin, as inline SVG (no script, no font file, no network).

Pass rate by region (horizontal bars, 0–100 %) and the distribution of the scored portals over
the score bands. Text is escaped; the SVG uses the page's own font, so Chinese renders wherever
the page does.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from govinspect.campaigns.aggregate import PassRate, ScoreBand

_BAR_HEIGHT = 22
_LABEL_WIDTH = 150
_PLOT_WIDTH = 360


def pass_rate_chart(groups: Sequence[PassRate], title: str = "各地区合格率") -> str:
    """Horizontal bars: one per group that has judged sites, its pass rate in per cent."""
    rows = [g for g in groups if g.rate is not None]
    height = 30 + _BAR_HEIGHT * max(1, len(rows))
    width = _LABEL_WIDTH + _PLOT_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, group in enumerate(rows):
        assert group.rate is not None
        y = 26 + index * _BAR_HEIGHT
        length = round(_PLOT_WIDTH * group.rate, 1)
        colour = "#2e7d32" if group.rate >= 0.9 else "#f9a825" if group.rate >= 0.6 else "#c62828"
        label = f"{100 * group.rate:.1f}%（{group.qualified}/{group.judged}）"
        name = escape(group.name)
        parts += [
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + 15}" font-size="12" text-anchor="end">{name}</text>',
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{_BAR_HEIGHT - 6}" '
            f'fill="{colour}"><title>{name} {escape(label)}</title></rect>',
            f'<text x="{_LABEL_WIDTH + length + 4}" y="{y + 15}" font-size="11">{escape(label)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def score_band_chart(bands: Sequence[tuple[ScoreBand, int]], title: str = "门户网站得分分布") -> str:
    """Vertical bars: how many scored sites fall in each band."""
    most = max([count for _, count in bands] + [1])
    column = 90
    plot = 150
    width = column * max(1, len(bands)) + 20
    height = plot + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (band, count) in enumerate(bands):
        bar = round(plot * count / most, 1)
        x = 10 + index * column
        top = 30 + plot - bar
        parts += [
            f'<rect x="{x + 15}" y="{top}" width="{column - 30}" height="{bar}" fill="#1565c0">'
            f"<title>{escape(band.label)}：{count}</title></rect>",
            f'<text x="{x + column / 2}" y="{top - 4}" font-size="12" text-anchor="middle">{count}</text>',
            f'<text x="{x + column / 2}" y="{30 + plot + 16}" font-size="11" text-anchor="middle">'
            f"{escape(band.label)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
