"""Items whose displayed publication date changed since the previous crawl."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.model.finding import Finding, Outcome


@check(
    name="item-date-changed", scope="site", needs=("pages", "columns", "previous_items", "previous_crawl_at")
)
def item_date_changed(site: SiteContext) -> Iterator[Finding]:
    """Items whose displayed publication date is not the one they displayed at the previous crawl.

    What it flags: an item (same URL) that a column listed at the previous crawl of the site
    with one publication date and now lists with another. One finding per item, at the item's
    own URL, with its title, both dates and its column. Items without a date at either crawl
    are not compared.

    Why it matters: a publication date is set once. A date moved later makes an old item look
    new, so a stale column passes the freshness rules (forward-dating); a date moved earlier
    makes a late publication look timely (back-dating). The national indicators treat forged
    publication dates as falsification (弄虚作假); inspectors compare successive visits for it.

    Example: 「关于开展安全生产大检查的通知」上次检查（2026-11-13）时显示的发布日期为
    2026-10-08，本次显示为 2026-11-18（栏目：通知公告）。

    How to fix: restore the original publication date in the content management system. A
    real correction of a mistyped date is fine: note it on the page (更正说明) so an inspector
    can tell it from a forged one.

    Known false positives: a date corrected because it was mistyped; a list showing dates
    without their year (``[11-18]``) whose year was inferred differently at the two crawls;
    an article page that was read at one crawl and not the other when its list shows no year
    (the article's own date is used when it was crawled).
    """
    if site.previous_crawl_at is None:
        return
    reported: set[str] = set()
    for column in site_columns(site).columns:
        for item in column.items:
            before = site.previous_items.get(item.url)
            if before is None or item.url in reported:
                continue
            site.tally.examined += 1
            if before.displayed_date is None or item.date is None or before.displayed_date == item.date:
                continue
            reported.add(item.url)
            title = item.title or before.title
            shown = f"「{title}」" if title else "该信息"
            shift = (item.date - before.displayed_date).days
            direction = "推后" if shift > 0 else "提前"
            yield site.finding(
                at=item.url,
                outcome=Outcome.REVIEW,
                message=f"{shown}上次检查（{site.previous_crawl_at.isoformat()}）时显示的发布日期为 "
                f"{before.displayed_date.isoformat()}，本次显示为 {item.date.isoformat()}"
                f"（栏目：{column.name}），发布日期{direction}了 {abs(shift)} 天。"
                "发布日期在发布后被修改，可能是倒签或为显示更新而改动日期，请核实。",
                detail={
                    "title": title,
                    "previous_date": before.displayed_date.isoformat(),
                    "date": item.date.isoformat(),
                    "days_shifted": shift,
                    "column_name": column.name,
                    "column_url": column.url,
                    "previous_crawl_at": site.previous_crawl_at.isoformat(),
                    "first_seen": before.first_seen.isoformat(),
                },
                record=column.record_id,
                excerpt=item.date_text or None,
            )
