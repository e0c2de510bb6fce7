"""Checks about freshness: blank and stale columns, a stale homepage, dates after the monitoring day.

The four checks read one model of the site, built once per site from its stored pages
(:func:`site_columns`, see :mod:`govinspect.parse.columns`), and judge it against windows counted
back from the monitoring point T (``site.as_of``): 14 days for the homepage and news columns,
calendar months for the others (:class:`Window`).
"""

from __future__ import annotations

import calendar
import datetime
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from govinspect.checks.api import SiteContext
from govinspect.parse.columns import Column, SiteColumns, survey_site
from govinspect.parse.columns_types import ColumnType

__all__ = [
    "COLUMN_TYPE_LABELS",
    "DEFAULT_WINDOWS",
    "Window",
    "level_label",
    "read_column_windows",
    "read_homepage_window",
    "site_columns",
]

COLUMN_TYPE_LABELS: Mapping[ColumnType, str] = {
    "news": "动态要闻类",
    "notice-policy": "通知公告、政策文件类",
    "personnel-plan": "人事、规划计划类",
    "other": "其他类",
}


@dataclass(frozen=True, slots=True)
class Window:
    """A freshness window ending on the monitoring day: ``days`` days, or ``months`` calendar months.

    "N months before T" is T minus N months, same day of the month (the last day of a shorter
    month: 6 months before 31 August is 28 or 29 February).
    """

    days: int = 0
    months: int = 0

    def start(self, as_of: datetime.date) -> datetime.date:
        """The earliest day inside the window; an item dated before it is outside."""
        if self.months:
            month_index = as_of.year * 12 + as_of.month - 1 - self.months
            year, month = divmod(month_index, 12)
            day = min(as_of.day, calendar.monthrange(year, month + 1)[1])
            return datetime.date(year, month + 1, day)
        return as_of - datetime.timedelta(days=self.days)

    def describe(self) -> str:
        """The window as the rules word it: ``2 weeks``, ``6 months``, ``1 year``."""
        if self.months:
            if self.months % 12 == 0:
                years = self.months // 12
                return f"{years} year" + ("s" if years > 1 else "")
            return f"{self.months} months" if self.months > 1 else "1 month"
        if self.days % 7 == 0:
            weeks = self.days // 7
            return f"{weeks} weeks" if weeks > 1 else "1 week"
        return f"{self.days} days"

    def chinese(self) -> str:
        """The window in Chinese: ``2周``, ``6个月``, ``1年``, ``10天``."""
        if self.months:
            return f"{self.months // 12}年" if self.months % 12 == 0 else f"{self.months}个月"
        return f"{self.days // 7}周" if self.days % 7 == 0 else f"{self.days}天"


DEFAULT_WINDOWS: Mapping[ColumnType, Window] = {
    "news": Window(days=14),
    "notice-policy": Window(months=6),
    "personnel-plan": Window(months=12),
}
_TYPES: tuple[ColumnType, ...] = ("news", "notice-policy", "personnel-plan", "other")


def _window(spec: Mapping[str, Any], where: str) -> Window:
    unknown = set(spec) - {"days", "months"}
    if unknown or not spec:
        raise ValueError(f"{where}: a window is {{days: N}} or {{months: N}}, got {dict(spec)}")
    window = Window(days=int(spec.get("days", 0)), months=int(spec.get("months", 0)))
    if window.days < 0 or window.months < 0 or not (window.days or window.months):
        raise ValueError(f"{where}: a window must be positive, got {dict(spec)}")
    return window


def read_column_windows(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values of column-not-updated: ``windows: {news: {days: 14}, notice-policy: {months: 6}}``."""
    windows = given.get("windows") or {}
    unknown = set(windows) - set(_TYPES)
    if unknown or set(given) - {"windows"}:
        raise ValueError(f"column-not-updated takes windows for {', '.join(_TYPES)}; got {dict(given)}")
    return {"windows": {kind: _window(spec, f"windows.{kind}") for kind, spec in windows.items()}}


def read_homepage_window(given: Mapping[str, Any]) -> dict[str, Any]:
    """Framework values of homepage-not-updated: ``window: {days: 14}``."""
    if set(given) - {"window"}:
        raise ValueError(f"homepage-not-updated takes a window; got {dict(given)}")
    return {"window": _window(given["window"], "window")}


def level_label(column: Column) -> str:
    """一级栏目, 二级栏目 …"""
    numbers = "一二三四五六七八九"
    return f"{numbers[column.level - 1] if 0 < column.level <= len(numbers) else column.level}级栏目"


# The model of each site, kept while its stored crawl is being checked: the four checks of a site
# share one reading of its pages. Keyed by the context's page reader, which every check of one
# site run shares (the engine copies the context per check, not the reader).
_MODELS: weakref.WeakKeyDictionary[Callable[..., object], tuple[object, SiteColumns]] = (
    weakref.WeakKeyDictionary()
)


def site_columns(site: SiteContext) -> SiteColumns:
    """The columns, homepage items and dated items of the site, read once per stored crawl."""
    key = (site.as_of, site.homepage_url)
    try:
        cached = _MODELS.get(site.read_pages)
    except TypeError:  # a reader that cannot be weakly referenced: no sharing
        return survey_site(site.pages, site.homepage_url, site.as_of)
    if cached is not None and cached[0] == key:
        return cached[1]
    model = survey_site(site.pages, site.homepage_url, site.as_of)
    _MODELS[site.read_pages] = (key, model)
    return model
