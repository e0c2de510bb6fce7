"""Availability and response time over a window, as an inline SVG for the HTML report.

The window is cut into equal bins (one hour each for a week). The upper band shows each bin's
availability — green when every visit opened the homepage, orange when some failed, red when
most failed, grey when no visit was made — and the lower bars the median response time of the
visits that opened it. Every bin carries a tooltip (an SVG ``<title>``) with its counts.
The SVG is self-contained: no script, no style sheet, no external reference.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape

from govinspect.model.availability import BEIJING, AvailabilityProbe, in_window, window_bounds

WIDTH, HEIGHT = 760, 250
_LEFT, _RIGHT = 56, 12
_BAND_TOP, _BAND_HEIGHT = 50, 26
_BARS_TOP, _BARS_HEIGHT = 100, 110
_MAX_BINS = 168
_COLOURS = {"none": "#d9d9d9", "ok": "#2e7d32", "some": "#ef8a17", "most": "#c62828", "bar": "#4a78b5"}


@dataclass
class _Bin:
    start: datetime
    visits: int = 0
    failed: int = 0
    missed: int = 0
    times_ms: list[int] = field(default_factory=list)

    @property
    def colour(self) -> str:
        if not self.visits:
            return _COLOURS["none"]
        if not self.failed:
            return _COLOURS["ok"]
        return _COLOURS["most"] if self.failed * 2 > self.visits else _COLOURS["some"]


def _bins(
    probes: Sequence[AvailabilityProbe], start: datetime, end: datetime
) -> tuple[list[_Bin], timedelta]:
    hours = math.ceil((end - start) / timedelta(hours=1))
    size = timedelta(hours=max(1, math.ceil(hours / _MAX_BINS)))
    count = math.ceil((end - start) / size)
    bins = [_Bin(start + n * size) for n in range(count)]
    for probe in probes:
        if not in_window(probe, start, end):
            continue
        slot = bins[int((probe.slot_start - start) / size)]
        if probe.outcome == "missed":
            slot.missed += 1
        elif probe.is_visit:
            slot.visits += 1
            if probe.outcome == "failed":
                slot.failed += 1
            elif probe.elapsed_ms is not None:
                slot.times_ms.append(probe.elapsed_ms)
    return bins, size


def _nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 100)."""
    value = max(value, 100.0)
    power = 10 ** math.floor(math.log10(value))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= value))


def _tooltip(slot: _Bin, size: timedelta) -> str:
    begin = slot.start.astimezone(BEIJING)
    finish = (slot.start + size).astimezone(BEIJING)
    text = f"{begin:%m-%d %H:%M}–{finish:%H:%M}：访问 {slot.visits} 次，失败 {slot.failed} 次"
    if slot.times_ms:
        text += f"，响应时间中位数 {statistics.median(slot.times_ms):.0f} ms"
    if slot.missed:
        text += f"，未监测 {slot.missed} 个时段"
    return text


def availability_chart(probes: Sequence[AvailabilityProbe], as_of: date, window_days: int = 7) -> str:
    """An ``<svg>`` element showing availability and response time over the window ending with ``as_of``."""
    start, end = window_bounds(as_of, window_days)
    bins, size = _bins(probes, start, end)
    visits = sum(b.visits for b in bins)
    failed = sum(b.failed for b in bins)
    missed = sum(b.missed for b in bins)
    times = [t for b in bins for t in b.times_ms]
    last_day = (end - timedelta(days=1)).astimezone(BEIJING).date()
    title = f"首页可用性与响应时间（{start.astimezone(BEIJING).date()} 至 {last_day}，北京时间）"
    if visits:
        summary = f"访问 {visits} 次，失败 {failed} 次（{failed / visits:.1%}）"
        if times:
            summary += f"，响应时间中位数 {statistics.median(times):.0f} ms"
    else:
        summary = "监测期内没有访问记录"
    if missed:
        summary += f"，未监测时段 {missed} 个"

    plot_width = WIDTH - _LEFT - _RIGHT
    step = plot_width / len(bins)
    scale = _nice_ceiling(max((statistics.median(b.times_ms) for b in bins if b.times_ms), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}：{escape(summary)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{_LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<text x="{_LEFT}" y="34">{escape(summary)}</text>',
        f'<text x="4" y="{_BAND_TOP + 17}">可用性</text>',
        f'<text x="4" y="{_BARS_TOP + 10}">{scale} ms</text>',
        f'<text x="4" y="{_BARS_TOP + _BARS_HEIGHT}">0</text>',
        f'<line x1="{_LEFT}" y1="{_BARS_TOP}" x2="{WIDTH - _RIGHT}" y2="{_BARS_TOP}" stroke="#eee"/>',
    ]
    for n, slot in enumerate(bins):
        x = _LEFT + n * step
        tip = f"<title>{escape(_tooltip(slot, size))}</title>"
        parts.append(
            f'<rect x="{x:.2f}" y="{_BAND_TOP}" width="{step:.2f}" height="{_BAND_HEIGHT}" '
            f'fill="{slot.colour}">{tip}</rect>'
        )
        if slot.times_ms:
            height = max(1.0, statistics.median(slot.times_ms) / scale * _BARS_HEIGHT)
            top = _BARS_TOP + _BARS_HEIGHT - height
            parts.append(
                f'<rect x="{x:.2f}" y="{top:.2f}" width="{max(step - 0.5, 0.5):.2f}" '
                f'height="{height:.2f}" fill="{_COLOURS["bar"]}">{tip}</rect>'
            )
    for day in range(window_days + 1):
        x = _LEFT + day * timedelta(days=1) / (size * len(bins)) * plot_width
        parts.append(
            f'<line x1="{x:.2f}" y1="{_BAND_TOP - 4}" x2="{x:.2f}" y2="{_BARS_TOP + _BARS_HEIGHT + 4}" '
            'stroke="#999" stroke-width="0.5"/>'
        )
        if day < window_days:
            label = (start + timedelta(days=day)).astimezone(BEIJING)
            parts.append(f'<text x="{x + 2:.2f}" y="{_BARS_TOP + _BARS_HEIGHT + 16}">{label:%m-%d}</text>')
    legend_y = HEIGHT - 8
    for n, (key, words) in enumerate(
        (
            ("ok", "全部打开"),
            ("some", "部分失败"),
            ("most", "多数失败"),
            ("none", "无访问"),
            ("bar", "响应时间"),
        )
    ):
        x = _LEFT + n * 96
        parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{_COLOURS[key]}"/>')
        parts.append(f'<text x="{x + 14}" y="{legend_y}">{words}</text>')
    parts.append("</svg>")
    return "".join(parts)
