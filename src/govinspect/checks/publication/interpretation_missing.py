"""Portals without a policy-interpretation (政策解读) column."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.freshness import site_columns
from govinspect.model.finding import Finding
from govinspect.parse.interpretations import is_interpretation_column

__all__ = ["interpretation_missing"]


def _has_interpretation_column(site: SiteContext) -> bool:
    if any(is_interpretation_column(column.name) for column in site_columns(site).columns):
        return True
    return any(
        link.tag in ("a", "area") and is_interpretation_column(link.text)
        for crawled in site.pages()
        for link in crawled.page.links
    )


@check(name="interpretation-missing", scope="site", needs=("pages", "columns"))
def interpretation_missing(site: SiteContext) -> Iterator[Finding]:
    """Portals without a policy-interpretation column.

    What it flags: a government portal (门户网站; the registry's ``site_type`` is ``portal``)
    with no column for policy interpretations: no column named 政策解读, 解读回应, 图解政策 or
    the like among the site's columns, and no menu or link with such a name anywhere on the
    pages crawled (a column hosted on the government's information-disclosure platform counts
    when the portal links to it). One finding per site, at the homepage. Department sites and
    sites whose type the registry does not give are not judged.

    Why it matters: the national indicators (2019) deduct 5 points from a portal without a
    政策解读 column (D-PUB-INTERP), and require major policy documents to be published with
    their interpretations (G-COL-INTERP).

    Example: 门户网站「芜湖市鸠江区人民政府」未设置政策解读栏目。

    How to fix: add a 政策解读 column (under 政务公开 or 政策文件), publish an interpretation
    with each major policy document, and link the two to each other.

    Known false positives: a column reached only through a script-drawn menu, or named without
    解读 or 图解 (for example 政策问答), is not seen.
    """
    if site.site.site_type != "portal" or site.homepage_url is None:
        return
    site.tally.examined += 1
    if _has_interpretation_column(site):
        return
    yield site.finding(
        at=site.homepage_url,
        message=(
            f"门户网站「{site.site.name}」未设置政策解读栏目。请设置政策解读栏目，"
            "重要政策文件应同步发布解读材料，并与文件相互链接。"
        ),
        record=site_columns(site).homepage_record,
        excerpt=site.site.name,
    )
