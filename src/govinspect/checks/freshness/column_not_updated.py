"""Columns whose newest item is older than their type's window."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import (
    COLUMN_TYPE_LABELS,
    DEFAULT_WINDOWS,
    Window,
    level_label,
    read_column_windows,
    site_columns,
)
from govinspect.model.finding import Finding
from govinspect.parse.columns import Column
from govinspect.parse.columns_types import ColumnType

_FIX = "请及时更新该栏目；无法保障更新的栏目应整合或关闭。"


def _message(column: Column, window: Window, site: SiteContext) -> tuple[str, str | None]:
    start = window.start(site.as_of)
    newest = column.newest(site.as_of)
    where = f"栏目「{column.name}」（{COLUMN_TYPE_LABELS[column.type]}，{level_label(column)}）"
    if newest is None:
        return (
            f"{where}的 {len(column.items)} 条信息均未显示发布日期，按规定视为未更新"
            f"（应在 {start.isoformat()} 至 {site.as_of.isoformat()} 的{window.chinese()}内有更新）。"
            f"请为信息标注发布日期。{_FIX}",
            None,
        )
    return (
        f"{where}最新一条信息「{newest.title}」发布于 {newest.date}，"
        f"监测时间点 {site.as_of.isoformat()} 前{window.chinese()}内（自 {start.isoformat()} 起）"
        f"没有更新。{_FIX}",
        f"{newest.title} {newest.date_text}",
    )


@check(name="column-not-updated", scope="site", needs=("pages", "columns"), parameters=read_column_windows)
def column_not_updated(
    site: SiteContext, *, windows: Mapping[ColumnType, Window] = DEFAULT_WINDOWS
) -> Iterator[Finding]:
    """Columns not updated within the window of their type.

    What it flags: a column (栏目) whose newest item, by the publication date the site
    displays, is older than its type's window counted back from the monitoring day T:
    14 days for news columns (动态, 要闻 …), 6 calendar months for notices and policies
    (通知公告, 政策文件 …), 12 calendar months for personnel and plans (人事, 任免,
    规划计划 …). Items that display no date count as not updated, as the national rules
    say. Other columns (政策解读, 信箱, 办事指南 …) are not judged. The type comes from the
    column's name and its ColumnType meta, with the keyword lists of
    ``govinspect/parse/column_types.yaml``. One finding per column, at its first list page.
    Blank columns are reported as ``column-blank`` instead.

    Why it matters: the national indicators (2019) veto a site where 5 or more news
    columns are stale for 2 weeks plus first-level notice/policy columns stale for 6
    months (SV-COL-STALE-KEY), or where 10 or more columns that should be updated are not
    (SV-COL-STALE-ANY); a first-level policy column stale for 6 months also costs points.

    Example: 栏目「通知公告」（通知公告、政策文件类，一级栏目）最新一条信息「关于做好2026年防汛工作
    的通知」发布于 2026-04-19，监测时间点 2026-11-20 前6个月内（自 2026-05-20 起）没有更新。

    How to fix: publish new items in the column, with their publication date shown; merge
    or remove a column that cannot be kept up.

    Known false positives: a column whose items show dates in a form the date reader does
    not know, and whose article pages were not crawled, looks undated; a column name that
    matches a keyword of the wrong type is judged with that type's window (add keywords
    to the ``other`` list of column_types.yaml to change it).
    """
    model = site_columns(site)
    for column in model.columns:
        window = windows.get(column.type)
        if window is None or column.is_blank or not column.items:
            continue
        site.tally.examined += 1
        newest = column.newest(site.as_of)
        if newest is not None and newest.date is not None and newest.date >= window.start(site.as_of):
            continue
        message, excerpt = _message(column, window, site)
        yield site.finding(
            at=column.url,
            message=message,
            detail={
                "column_name": column.name,
                "column_type": column.type,
                "column_level": column.level,
                "newest_date": newest.date.isoformat() if newest is not None and newest.date else None,
                "newest_title": newest.title if newest is not None else None,
                "newest_url": newest.url if newest is not None else None,
                "window": window.describe(),
                "window_start": window.start(site.as_of).isoformat(),
                "items": len(column.items),
            },
            record=column.record_id,
            excerpt=excerpt,
        )
