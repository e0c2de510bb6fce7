"""The availability chart: self-contained SVG, one bin an hour, failures and gaps visible."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

from govinspect.model.availability import BEIJING, AvailabilityProbe
from govinspect.monitor.chart import availability_chart

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2026, 11, 20)
START = datetime(2026, 11, 14, tzinfo=BEIJING)


def _probe(at: datetime, outcome: str, elapsed_ms: int | None = 250) -> AvailabilityProbe:
    return AvailabilityProbe(
        slot_start=at.astimezone(UTC),
        outcome=outcome,  # type: ignore[arg-type]
        started_at=at.astimezone(UTC) if outcome != "missed" else None,
        elapsed_ms=elapsed_ms if outcome != "missed" else None,
        status=200 if outcome == "ok" else None,
        error="timeout" if outcome == "failed" else None,
    )


def _band(svg: ET.Element) -> list[ET.Element]:
    return [r for r in svg.iter(f"{SVG}rect") if r.get("height") == "26"]


def test_the_chart_is_self_contained_svg_with_an_hourly_band_over_the_week() -> None:
    history = [_probe(START + timedelta(hours=h, minutes=5), "ok", 200 + h) for h in range(168)]
    history[30] = _probe(START + timedelta(hours=30, minutes=5), "failed", 15000)
    history[31] = _probe(START + timedelta(hours=31, minutes=5), "missed")
    history.append(_probe(START - timedelta(hours=2), "failed"))  # before the window: not drawn
    text = availability_chart(history, AS_OF)
    svg = ET.fromstring(text)
    assert svg.tag == f"{SVG}svg"
    for forbidden in ("<script", "href", "url(", "<foreignObject", "<style", "http://", "https://"):
        assert forbidden not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    band = _band(svg)
    assert len(band) == 168
    tips = [r.findtext(f"{SVG}title") or "" for r in band]
    assert tips[30].startswith("11-15 06:00") and "失败 1 次" in tips[30]
    assert band[30].get("fill") == "#c62828"
    assert band[31].get("fill") == "#d9d9d9" and "未监测 1 个时段" in tips[31]
    assert band[0].get("fill") == "#2e7d32"
    words = "".join(svg.itertext())
    assert "2026-11-14 至 2026-11-20" in words
    assert "访问 167 次，失败 1 次（0.6%）" in words and "未监测时段 1 个" in words
    assert [t.text for t in svg.iter(f"{SVG}text") if t.text and t.text[:3] == "11-"] == [
        f"11-{day}" for day in range(14, 21)
    ]


def test_an_empty_history_says_so() -> None:
    svg = ET.fromstring(availability_chart([], AS_OF))
    assert "监测期内没有访问记录" in "".join(svg.itertext())
    assert {r.get("fill") for r in _band(svg)} == {"#d9d9d9"}


def test_longer_windows_keep_the_chart_small() -> None:
    history = [_probe(START - timedelta(days=23) + timedelta(hours=h), "ok") for h in range(30 * 24)]
    svg = ET.fromstring(availability_chart(history, AS_OF, window_days=30))
    assert len(_band(svg)) <= 168
    assert "访问 720 次，失败 0 次" in "".join(svg.itertext())
