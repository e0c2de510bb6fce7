"""Items whose displayed publication date is after the monitoring day."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.model.finding import Finding

FOUND_ON_LIMIT = 50
_FIX = "请核实并更正发布日期（常见原因是年份或月份录入错误）。"


@check(name="date-in-future", scope="site", needs=("pages", "columns"))
def date_in_future(site: SiteContext) -> Iterator[Finding]:
    """Items dated after the monitoring day.

    What it flags: an article, message or list item whose displayed publication date is
    after the monitoring day T — a mistyped year or month, or a date set ahead to keep a
    column looking fresh. The date is the one the item's own page displays (PubDate meta,
    then 发布时间 / 发布日期 in its header) when the page was crawled, else the one a list
    shows with its year. One finding per item, at the item's own URL, with the list pages
    that show it.

    Why it matters: a future date makes a stale column or homepage look updated, and the
    national indicators treat forged publication dates as falsification (弄虚作假,
    SV-SEC-FRAUD); inspectors flag them for correction.

    Example: 「安徽省赴基层督查森林防灭火工作」显示的发布日期为 2027-11-18，晚于监测时间点
    2026-11-20。

    How to fix: correct the publication date of the item in the content management
    system and republish the item and the lists that show it.

    A date shown without its year (``[11-21]`` in a list) is never reported: its year is
    only inferred.

    Known false positives: a page whose header shows a future date that is not its
    publication date (a deadline, 施行日期) next to a 发布时间 label.
    """
    model = site_columns(site)
    for item in model.dated_items:
        site.tally.examined += 1
        if item.date <= site.as_of or not item.year_shown:
            continue
        title = f"「{item.title}」" if item.title else "该信息"
        yield site.finding(
            at=item.url,
            message=f"{title}显示的发布日期为 {item.date.isoformat()}（{item.date_text}），"
            f"晚于监测时间点 {site.as_of.isoformat()}。{_FIX}",
            detail={
                "date": item.date.isoformat(),
                "date_text": item.date_text,
                "days_ahead": (item.date - site.as_of).days,
                "found_on": list(item.shown_on[:FOUND_ON_LIMIT]),
                "found_on_count": len(item.shown_on),
            },
            record=item.record_id,
            excerpt=item.date_text,
        )
