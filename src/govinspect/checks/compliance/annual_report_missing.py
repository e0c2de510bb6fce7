"""Sites without their 政府网站工作年度报表 for the previous year."""

from __future__ import annotations

from collections.abc import Iterator

from govinspect.checks.api import SiteContext, check
from govinspect.checks.links.broken_link import judge
from govinspect.crawl.urls import normalize_url
from govinspect.model.finding import Finding, Outcome
from govinspect.parse.identity import AnnualReport, required_report_year, site_identity


@check(name="annual-report-missing", scope="site", needs=("pages", "statuses"))
def annual_report_missing(site: SiteContext) -> Iterator[Finding]:
    """Sites without their annual report for the previous year.

    What it flags: a site on which the inspection found no 政府网站工作年度报表 for the
    year that is due: on the monitoring day T, the report for the year before T's year
    (due by 31 January), or, before 1 February, the one for two years before. A report
    counts when a page of the site has such a title, or a page of the site links to a page
    or attachment with such text — "2025年度政府网站工作年度报表", "政府网站工作年度报表
    （2025年度）", "某某县人民政府网站2025年度工作报表" — for that year or a later one.
    The 政府信息公开工作年度报告 and the portals' 监管年度报表 are other reports and do not
    count, and neither does a link whose target the crawl found broken (404, DNS error …).
    One finding per site, at the homepage; ``detail.year`` is the year due.

    Why it matters: every site must publish its 政府网站工作年度报表 prominently on its
    homepage by 31 January (G-ANNUAL, 《政府网站发展指引》), and portals host a column
    collecting the reports of their region's sites; the supervision assessment counts
    missing reports (S-D-ANNUAL).

    Example: 未找到2025年度政府网站工作年度报表（应于2026年1月31日前在网站首页发布）。

    How to fix: publish the report (from the national reporting system's template) on the
    site, link it from the homepage and from the 信息公开 section, with the year in its
    title.

    Known false positives: a report published only on the supervising portal's collection
    column and not on the site itself; a report outside the crawled part of the site
    (beyond the crawl's depth or page budget); a title that leaves out the word 网站 or
    the year.
    """
    if site.homepage_url is None:
        return
    identity = site_identity(site.read_pages, site.homepage_url)
    site.tally.examined += identity.examined
    year = required_report_year(site.as_of)
    reports = [report for report in identity.reports if not _is_dead(site, report)]
    if any(report.year >= year for report in reports):
        return
    newest = max(reports, key=lambda report: report.year, default=None)
    seen = f"最近一份为“{newest.title}”（{newest.url}）。" if newest is not None else ""
    yield site.finding(
        at=site.homepage_url,
        record=site.homepage_record,
        message=(
            f"未找到{year}年度政府网站工作年度报表（应于{year + 1}年1月31日前在网站首页显著位置发布）。{seen}"
            "请按全国政府网站信息报送系统的模板发布年度报表，并在首页和信息公开栏目提供链接。"
        ),
        detail={
            "year": year,
            "newest_found": newest.year if newest is not None else None,
            "newest_url": newest.url if newest is not None else None,
            "pages_examined": identity.examined,
        },
        excerpt=newest.title if newest is not None else None,
    )


def _is_dead(site: SiteContext, report: AnnualReport) -> bool:
    """Whether the crawl fetched the report's address and found it broken: a dead link publishes nothing."""
    key = normalize_url(report.url)
    status = site.statuses.get(key) if key is not None else None
    if status is None:
        return False
    verdict = judge(status, None, site.homepage_url)
    return verdict is not None and verdict.outcome is Outcome.FAIL
