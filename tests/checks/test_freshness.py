"""The freshness checks on small sites: windows by column type, blank columns, the homepage, future dates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

import pytest
from tests.parse.test_columns import HOME, article, crawl, gov_page, list_body

from govinspect.checks.api import SiteContext, all_checks
from govinspect.checks.freshness import Window
from govinspect.checks.freshness.column_not_updated import column_not_updated
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage
from govinspect.model.finding import Finding
from govinspect.model.site import Site

FRESHNESS = ("column-blank", "column-not-updated", "homepage-not-updated", "date-in-future")


def context(pages: list[CrawledPage], as_of: date, homepage: str | None = HOME) -> SiteContext:
    return SiteContext(
        site=Site(name="某某县人民政府", url=HOME),
        as_of=as_of,
        homepage_url=homepage,
        statuses={},
        probes={},
        read_pages=lambda: iter(pages),
        in_scope=lambda url: True,
    )


def findings(pages: list[CrawledPage], as_of: date, homepage: str | None = HOME) -> dict[str, list[Finding]]:
    specs = [all_checks()[name] for name in FRESHNESS]
    results = run_checks(context(pages, as_of, homepage), specs)
    assert not any(coverage.error for coverage in results.coverage.values()), results.coverage
    found: dict[str, list[Finding]] = {name: [] for name in FRESHNESS}
    for finding in results.findings:
        found[finding.check].append(finding)
    return found


def site(columns: Mapping[str, list[str]], home_body: str = "<p>欢迎访问</p>") -> dict[str, str]:
    """A site whose navigation leads to one list page per column; ``columns``: name → shown dates."""
    nav = [(f"/c{i}/", name) for i, name in enumerate(columns)]
    pages = {HOME: gov_page("某某县人民政府", home_body, nav)}
    for i, (name, dates) in enumerate(columns.items()):
        rows = [(f"/c{i}/{n}.html", f"{name}第{n}条信息", shown) for n, shown in enumerate(dates)]
        body = (
            list_body(name, rows) if dates else list_body(name, []).replace("</ul>", "</ul><p>暂无信息</p>")
        )
        pages[f"{HOME}c{i}/"] = gov_page(name, body, nav)
    return pages


AUGUST_END = date(2026, 8, 31)
COLUMNS = {
    "工作动态": ["2026-08-17", "2026-08-01"],  # 14 days before T: still inside the window
    "部门动态": ["2026-08-16"],  # 15 days
    "通知公告": ["2026-02-28"],  # 6 calendar months before 31 August is 28 February
    "政策文件": ["2026-02-27"],
    "人事信息": ["2025-08-31"],
    "规划计划": ["2025-08-30"],
    "政策解读": ["2020-01-01"],  # not a judged type
    "任免信息": [],  # blank
}


def test_columns_are_judged_by_the_window_of_their_type_in_days_and_calendar_months() -> None:
    found = findings(crawl(site(COLUMNS)), AUGUST_END)
    stale = {f.detail["column_name"]: f for f in found["column-not-updated"]}
    assert set(stale) == {"部门动态", "政策文件", "规划计划"}
    assert [
        (f.detail["column_type"], f.detail["newest_date"], f.detail["window"]) for f in stale.values()
    ] == [
        ("news", "2026-08-16", "2 weeks"),
        ("notice-policy", "2026-02-27", "6 months"),
        ("personnel-plan", "2025-08-30", "1 year"),
    ]
    assert stale["政策文件"].url == HOME + "c3/" and stale["政策文件"].detail["column_level"] == 1
    message = stale["政策文件"].message
    for part in (
        "政策文件",
        "通知公告、政策文件类",
        "政策文件第0条信息",
        "2026-02-27",
        "6个月",
        "2026-08-31",
    ):
        assert part in message


def test_a_blank_column_is_column_blank_only() -> None:
    found = findings(crawl(site(COLUMNS)), AUGUST_END)
    (blank,) = found["column-blank"]
    assert blank.detail == {
        "column_name": "任免信息",
        "column_type": "personnel-plan",
        "column_level": 1,
        "placeholder": "暂无信息",
    }
    assert "任免信息" in blank.message and "暂无信息" in blank.message
    assert all(f.detail["column_name"] != "任免信息" for f in found["column-not-updated"])


def test_items_without_a_displayed_date_count_as_not_updated() -> None:
    found = findings(crawl(site({"通知公告": ["", ""]})), AUGUST_END)
    (stale,) = found["column-not-updated"]
    assert stale.detail["newest_date"] is None and "均未显示发布日期" in stale.message


def test_the_framework_can_change_the_windows() -> None:
    pages = crawl(site(COLUMNS))
    relaxed = {"news": Window(days=30), "notice-policy": Window(months=6)}
    found = list(column_not_updated(context(pages, AUGUST_END), windows=relaxed))
    assert {f.detail["column_name"] for f in found} == {"政策文件"}  # personnel columns not judged at all


def test_a_homepage_is_stale_when_none_of_its_items_is_dated_inside_14_days() -> None:
    block = '<li><a href="/c0/0.html">首页要闻一则</a><span>{day}</span></li>'
    fresh = site({"工作动态": ["2026-11-06"]}, block.format(day="2026-11-06"))
    stale = site({"工作动态": ["2026-11-05"]}, block.format(day="2026-11-05"))
    assert findings(crawl(fresh), date(2026, 11, 20))["homepage-not-updated"] == []
    (finding,) = findings(crawl(stale), date(2026, 11, 20))["homepage-not-updated"]
    assert finding.url == HOME
    assert finding.detail["newest_date"] == "2026-11-05" and finding.detail["window_days"] == 14
    assert finding.detail["judged_by"] == "homepage" and "首页要闻一则" in finding.message


def test_a_navigation_only_homepage_is_judged_by_its_second_level_pages() -> None:
    fresh = crawl(site({"工作动态": ["2026-11-19"], "通知公告": ["2026-01-01"]}))
    assert findings(fresh, date(2026, 11, 20))["homepage-not-updated"] == []
    stale = crawl(site({"工作动态": ["2026-10-01"], "通知公告": ["2026-01-01"]}))
    (finding,) = findings(stale, date(2026, 11, 20))["homepage-not-updated"]
    assert (
        finding.detail["judged_by"] == "second-level pages" and finding.detail["newest_date"] == "2026-10-01"
    )
    assert "仅为导航入口" in finding.message


def test_a_site_whose_homepage_never_came_back_is_not_judged() -> None:
    pages = crawl(site({"工作动态": ["2026-01-01"]}))
    assert findings(pages, date(2026, 11, 20), homepage=None)["homepage-not-updated"] == []


def test_a_future_date_is_reported_once_at_the_item_own_page() -> None:
    pages = site({"工作动态": ["[11-18]", "[11-10]"], "通知公告": ["2027-02-01"]})
    future = f"{HOME}c0/0.html"
    pages[future] = gov_page(
        "工作动态第0条信息", article("工作动态第0条信息", ("/c0/", "工作动态"), "2027-11-18 09:00"), []
    )
    pages[HOME] = pages[HOME].replace(
        "<p>欢迎访问</p>", '<li><a href="/c0/0.html">工作动态第0条信息</a> [11-18]</li>'
    )
    found = findings(crawl(pages), date(2026, 11, 20))["date-in-future"]
    assert [(f.url, f.detail["date"]) for f in found] == [
        (future, "2027-11-18"),
        (f"{HOME}c1/0.html", "2027-02-01"),
    ]
    assert found[0].detail["found_on"] == [HOME, f"{HOME}c0/"] and found[0].detail["days_ahead"] == 363
    assert "2027-11-18" in found[0].message and "2026-11-20" in found[0].message


def test_a_list_date_without_a_year_is_never_in_the_future() -> None:
    pages = crawl(site({"工作动态": ["[11-21]", "[11-22]"]}))  # read as 2026-11-21 (tomorrow) and 2025-11-22
    assert findings(pages, date(2026, 11, 20))["date-in-future"] == []


def test_the_four_checks_share_one_reading_of_the_stored_pages() -> None:
    pages = crawl(site(COLUMNS))

    def reads_for(names: tuple[str, ...]) -> int:
        reads = 0

        def read_pages() -> Iterator[CrawledPage]:
            nonlocal reads
            reads += 1
            return iter(pages)

        base = context(pages, AUGUST_END)
        run_checks(
            SiteContext(**{**base.__dict__, "read_pages": read_pages}), [all_checks()[n] for n in names]
        )
        return reads

    one = reads_for(FRESHNESS[:1])
    assert one == 3  # the column model streams the pages in three passes instead of holding them
    assert reads_for(tuple(FRESHNESS)) == one


@pytest.mark.parametrize(
    ("window", "as_of", "start", "words"),
    [
        (Window(days=14), date(2026, 11, 20), date(2026, 11, 6), ("2 weeks", "2周")),
        (Window(months=6), date(2026, 8, 31), date(2026, 2, 28), ("6 months", "6个月")),
        (Window(months=6), date(2024, 8, 31), date(2024, 2, 29), ("6 months", "6个月")),
        (Window(months=12), date(2026, 1, 15), date(2025, 1, 15), ("1 year", "1年")),
        (Window(months=1), date(2026, 3, 31), date(2026, 2, 28), ("1 month", "1个月")),
        (Window(days=10), date(2026, 1, 5), date(2025, 12, 26), ("10 days", "10天")),
    ],
)
def test_windows_count_back_from_the_monitoring_day(
    window: Window, as_of: date, start: date, words: tuple[str, str]
) -> None:
    assert window.start(as_of) == start
    assert (window.describe(), window.chinese()) == words
