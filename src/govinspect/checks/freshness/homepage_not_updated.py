"""A homepage with nothing new within the window."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import Window, read_homepage_window, site_columns
from govinspect.model.finding import Finding
from govinspect.parse.columns import ColumnItem

HOMEPAGE_WINDOW = Window(days=14)
_FIX = "请及时在首页发布新信息。"


def _newest(items: tuple[ColumnItem, ...], as_of: datetime.date) -> ColumnItem | None:
    dated = [item for item in items if item.date is not None and item.date <= as_of]
    return max(dated, key=lambda item: item.date or datetime.date.min, default=None)


@check(name="homepage-not-updated", scope="site", needs=("pages", "columns"), parameters=read_homepage_window)
def homepage_not_updated(site: SiteContext, *, window: Window = HOMEPAGE_WINDOW) -> Iterator[Finding]:
    """A homepage with no new information within the window.

    What it flags: a site whose homepage lists no item with a displayed publication
    date inside the 14 days before the monitoring day T. When the homepage shows no
    dated item at all it is only a navigation entry, and the site is flagged when none
    of the pages it links to (second-level pages) shows an item or article dated inside
    the window. An item's date is the one its own article page displays when the
    homepage shows no year, else the one the homepage shows. One finding per site, at
    the homepage.

    Why it matters: the national indicators (2019) veto a site whose homepage has not
    been updated for 2 weeks (SV-HOME-STALE).

    Example: 首页最近一条信息「怀宁县召开秋粮收购工作推进会」发布于 2026-11-01，
    监测时间点 2026-11-20 前2周内（自 2026-11-06 起）首页没有更新。

    How to fix: publish new information on the homepage (news, notices) and show its
    publication date.

    Known false positives: homepages whose news is drawn by scripts after the page loads,
    or shows dates in a form the date reader does not know; homepages that are only a
    picture or a splash page with no links to dated pages.
    """
    if site.homepage_url is None:
        return  # the site was not inspected: its homepage never came back
    model = site_columns(site)
    if model.homepage_url is None:
        return
    site.tally.examined += 1
    start = window.start(site.as_of)
    navigation_only = model.homepage_is_navigation_only
    newest = _newest(model.second_level_items if navigation_only else model.homepage_items, site.as_of)
    if newest is not None and newest.date is not None and newest.date >= start:
        return
    span = f"监测时间点 {site.as_of.isoformat()} 前{window.chinese()}内（自 {start.isoformat()} 起）"
    what = "首页仅为导航入口，其链接的二级页面" if navigation_only else "首页"
    if newest is None:
        message = f"{what}没有任何显示发布日期的信息，按规定视为未更新（{span}）。{_FIX}"
    else:
        message = f"{what}最近一条信息「{newest.title}」发布于 {newest.date}，{span}没有更新。{_FIX}"
    yield site.finding(
        at=model.homepage_url,
        message=message,
        detail={
            "newest_date": newest.date.isoformat() if newest is not None and newest.date else None,
            "newest_title": newest.title if newest is not None else None,
            "newest_url": newest.url if newest is not None else None,
            "window_days": (site.as_of - start).days,
            "judged_by": "second-level pages" if navigation_only else "homepage",
        },
        record=model.homepage_record,
        excerpt=f"{newest.title} {newest.date_text}" if newest is not None else None,
    )
