"""Columns of the previous crawl that this crawl no longer finds."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.crawl.urls import normalize_url
from govinspect.model.finding import Finding, Outcome


@check(
    name="column-vanished",
    scope="site",
    needs=("pages", "columns", "statuses", "previous_columns", "previous_crawl_at"),
)
def column_vanished(site: SiteContext) -> Iterator[Finding]:
    """Columns found at the previous crawl of the site and not found now.

    What it flags: a column (栏目) the previous crawl found — by its list page's URL — that
    this crawl does not find, neither at that URL nor under the same name elsewhere (a column
    moved to a new address is not reported). One finding per column, at its former URL, with
    its name and what its URL answered this time (an HTTP status, or not reached).

    Why it matters: a column closed without notice takes its published information with it, and
    removing a stale or blank column just before an inspection hides it from the freshness rules
    (column-not-updated, column-blank) instead of fixing it. Inspectors compare what a site
    published with what it still shows.

    Example: 栏目「人事信息」上次检查（2026-11-13）时位于 http://www.xx.gov.cn/rsxx/，本次未找到
    （该地址返回 HTTP 404）。

    How to fix: if the column was closed on purpose, keep its published items reachable (an
    archive column) or announce the merger; if not, restore its list page and the links to it.

    Known false positives: a crawl stopped early (page or time budget, robots.txt) that did not
    reach the column; a column renamed and moved at the same time; a list drawn by a script.
    When the homepage could not be read, nothing is reported.
    """
    if site.previous_crawl_at is None or site.homepage_url is None:
        return
    current = site_columns(site).columns
    urls = {column.url for column in current}
    names = {column.name for column in current}
    for url, name in site.previous_columns.items():
        site.tally.examined += 1
        if url in urls or name in names:
            continue
        status = site.statuses.get(normalize_url(url) or url)
        if status is None:
            answer, now = "本次未抓取到该地址", None
        elif status.error is not None:
            answer, now = f"该地址访问出错：{status.error}", status.error
        else:
            answer, now = f"该地址返回 HTTP {status.status}", str(status.status)
        yield site.finding(
            at=url,
            outcome=Outcome.REVIEW,
            message=f"栏目「{name}」上次检查（{site.previous_crawl_at.isoformat()}）时位于 {url}，"
            f"本次未找到（{answer}）。请核实该栏目是否被撤销；如确需关停，应保留已发布信息或说明去向。",
            detail={
                "column_name": name,
                "previous_crawl_at": site.previous_crawl_at.isoformat(),
                "now": now,
            },
            record=status.record_id if status is not None else None,
        )
