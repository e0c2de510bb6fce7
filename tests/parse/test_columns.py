"""The column model: columns discovered from small sites written as HTML, as a crawl would store them.

:func:`crawl` and :func:`gov_page` are also used by the freshness check tests.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest

from govinspect.model.crawl import CrawledPage
from govinspect.parse.columns import Column, discover_columns, survey_site
from govinspect.parse.columns_types import default_column_keywords, load_column_keywords
from govinspect.parse.html import parse_html

HOME = "http://www.xx.gov.cn/"
T = date(2026, 11, 20)
FOOTER = (
    '<div class="footer"><a href="/gywm/index.html">关于我们</a> | <a href="/wzdt/index.html">网站地图</a>'
    "<p>主办单位：某某县人民政府办公室 地址：某某县人民路1号 网站标识码：3401230001</p></div>"
)


def gov_page(title: str, body: str, nav: Sequence[tuple[str, str]], head: str = "") -> str:
    """A page of the little test site: header with navigation, body, footer."""
    links = "".join(f'<li><a href="{url}">{text}</a></li>' for url, text in nav)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>'
        f'<div class="top"><a href="/"><img src="/logo.png" alt="某某县人民政府"></a>'
        f'<ul class="nav"><li><a href="/">首页</a></li>{links}</ul></div>'
        f'<div class="main">{body}</div>{FOOTER}</body></html>'
    )


def list_body(
    name: str, rows: Sequence[tuple[str, str, str]], *, crumb: str | None = None, pager: str = ""
) -> str:
    """A column list page: breadcrumb, heading, ``<li><a>title</a><span>date</span></li>`` rows."""
    trail = crumb if crumb is not None else f'<a href="/">首页</a> &gt; {name}'
    items = "".join(f'<li><a href="{url}">{title}</a><span>{shown}</span></li>' for url, title, shown in rows)
    return f'<div class="crumb">当前位置：{trail}</div><h1>{name}</h1><ul class="list">{items}</ul>{pager}'


def article(title: str, column: tuple[str, str], published: str) -> str:
    url, name = column
    return (
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{url}">{name}</a></div>'
        f'<h1>{title}</h1><div class="info">发布时间：{published}　来源：某某县人民政府办公室</div>'
        "<p>为深入贯彻落实有关部署，扎实推进各项工作，现将有关事项通知如下。</p>"
    )


def crawl(pages: Mapping[str, str], home: str = HOME) -> list[CrawledPage]:
    """The pages reachable from ``home``, parsed and with their crawl depth, in crawl order."""
    parsed = {url: parse_html(url, html) for url, html in pages.items()}
    depth = {home: 0}
    queue = deque([home])
    order: list[str] = []
    while queue:
        url = queue.popleft()
        order.append(url)
        for link in parsed[url].links:
            if link.url in parsed and link.url not in depth:
                depth[link.url] = depth[url] + 1
                queue.append(link.url)
    return [CrawledPage(parsed[url], depth[url], f"<urn:{url}>") for url in order]


def rows(prefix: str, dates: Sequence[str]) -> list[tuple[str, str, str]]:
    return [
        (f"/{prefix}/art_{i}.html", f"关于{prefix}第{i}项工作的报道", shown) for i, shown in enumerate(dates)
    ]


def by_name(columns: Sequence[Column]) -> dict[str, Column]:
    return {column.name: column for column in columns}


NAV = [
    ("/gzdt/index.html", "工作动态"),
    ("/tzgg/index.html", "通知公告"),
    ("/zcjd/index.html", "政策解读"),
    ("/ghjh/index.html", "规划计划"),
    ("/gywm/index.html", "关于我们"),
]


def small_site() -> dict[str, str]:
    """Home with blocks and 更多 links; news over two list pages; notices; interpretations; a blank column."""
    news_first = rows("gzdt", ["2026-11-19", "2026-11-12", "2026-11-02"])
    news_second = [(f"/gzdt/old_{i}.html", f"往期工作动态第{i}条", f"2026-10-{10 + i:02d}") for i in range(3)]
    notices = rows("tzgg", ["2026-04-01", "2026-03-15"])
    home_body = (
        '<div class="block"><h2>工作动态</h2><a href="/gzdt/index.html">更多&gt;&gt;</a>'
        + "".join(f'<li><a href="{u}">{t}</a><span>{d[5:]}</span></li>' for u, t, d in news_first)
        + '</div><div class="block"><h2>通知公告</h2><a href="/tzgg/index.html?from=home">更多</a>'
        + "".join(f'<li><a href="{u}">{t}</a><span>{d[5:]}</span></li>' for u, t, d in notices)
        + "</div>"
    )
    pager_1 = '<div class="pages"><a href="index_1.html">下一页</a> <a href="index_1.html">尾页</a></div>'
    pager_2 = '<div class="pages"><a href="index.html">首页</a> <a href="index.html">上一页</a></div>'
    pages = {
        HOME: gov_page("某某县人民政府", home_body, NAV),
        urljoin(HOME, "/gzdt/index.html"): gov_page(
            "工作动态_某某县", list_body("工作动态", news_first, pager=pager_1), NAV
        ),
        urljoin(HOME, "/gzdt/index_1.html"): gov_page(
            "工作动态_某某县", list_body("工作动态", news_second, pager=pager_2), NAV
        ),
        urljoin(HOME, "/tzgg/index.html"): gov_page("通知公告_某某县", list_body("通知公告", notices), NAV),
        urljoin(HOME, "/tzgg/index.html?from=home"): gov_page(
            "通知公告_某某县", list_body("通知公告", notices), NAV
        ),
        urljoin(HOME, "/zcjd/index.html"): gov_page(
            "政策解读_某某县", list_body("政策解读", rows("zcjd", ["2025-01-05"])), NAV
        ),
        urljoin(HOME, "/ghjh/index.html"): gov_page(
            "规划计划_某某县", list_body("规划计划", []).replace("</ul>", "</ul><p>暂无信息</p>"), NAV
        ),
        urljoin(HOME, "/gywm/index.html"): gov_page(
            "关于我们",
            "<h1>关于我们</h1><p>本网站由某某县人民政府办公室主办，联系电话：0551-12345678。</p>",
            NAV,
        ),
        urljoin(HOME, "/wzdt/index.html"): gov_page(
            "网站地图", "<h1>网站地图</h1>" + "".join(f'<a href="{u}">{t}</a>' for u, t in NAV), NAV
        ),
    }
    for url, title, shown in news_first + news_second + notices:
        pages[urljoin(HOME, url)] = gov_page(
            title, article(title, ("/gzdt/index.html", "工作动态"), shown), NAV
        )
    return pages


def test_columns_come_from_navigation_and_more_links_with_their_items_and_dates() -> None:
    columns = by_name(discover_columns(crawl(small_site()), HOME, T))
    assert set(columns) == {"工作动态", "通知公告", "政策解读", "规划计划", "关于我们"}
    news = columns["工作动态"]
    assert (news.url, news.type, news.level) == (HOME + "gzdt/index.html", "news", 1)
    assert [item.date for item in news.items[:3]] == [
        date(2026, 11, 19),
        date(2026, 11, 12),
        date(2026, 11, 2),
    ]
    newest = news.newest(T)
    assert newest is not None and newest.title == "关于gzdt第0项工作的报道"
    assert (columns["通知公告"].type, columns["政策解读"].type, columns["规划计划"].type) == (
        "notice-policy",
        "other",
        "personnel-plan",
    )


def test_a_column_is_counted_once_with_all_pages_of_its_list() -> None:
    columns = by_name(discover_columns(crawl(small_site()), HOME, T))
    news = columns["工作动态"]
    assert news.pages == (HOME + "gzdt/index.html", HOME + "gzdt/index_1.html")
    assert len(news.items) == 6 and news.items[-1].title == "往期工作动态第2条"
    notices = columns["通知公告"]  # reached from the navigation and from 更多 (another address, same list)
    assert notices.url == HOME + "tzgg/index.html" and len(notices.items) == 2


def test_blank_columns_show_nothing_or_a_placeholder_and_content_pages_are_not_blank() -> None:
    columns = by_name(discover_columns(crawl(small_site()), HOME, T))
    assert columns["规划计划"].is_blank and columns["规划计划"].placeholder == "暂无信息"
    assert not columns["关于我们"].is_blank and not columns["工作动态"].is_blank
    assert "网站地图" not in columns  # linked from the footer only: not a column


@pytest.mark.parametrize(
    ("body", "blank"),
    [
        (list_body("规划计划", []), True),  # an empty list
        (list_body("规划计划", []).replace("</ul>", "</ul><p>正在建设中……</p>"), True),
        (
            list_body("规划计划", []).replace("</ul>", "</ul><p>暂无信息。说明：本机关不涉及此类信息。</p>"),
            False,
        ),
        (list_body("规划计划", []).replace("</ul>", '</ul><iframe src="/ghjh/list.jsp"></iframe>'), False),
    ],
)
def test_an_empty_list_is_blank_unless_the_page_explains_it_or_frames_another(body: str, blank: bool) -> None:
    pages = {
        HOME: gov_page("某某县", "<p>欢迎</p>", NAV[3:4]),
        HOME + "ghjh/index.html": gov_page("规划计划", body, NAV[3:4]),
    }
    (column,) = discover_columns(crawl(pages), HOME, T)
    assert column.is_blank is blank


def test_dates_shown_before_titles_belong_to_their_own_item() -> None:
    items = "".join(
        f'<li><span>2026-11-{day:02d}</span><a href="/bmdt/{day}.html">部门动态第{day}期</a></li>'
        for day in (18, 11, 4)
    )
    body = f'<div class="crumb">当前位置：首页 &gt; 部门动态</div><ul>{items}</ul>'
    pages = {
        HOME: gov_page("某某县", "<p>欢迎</p>", [("/bmdt/", "部门动态")]),
        HOME + "bmdt/": gov_page("部门动态", body, []),
    }
    (column,) = discover_columns(crawl(pages), HOME, T)
    assert [(item.title, item.date) for item in column.items] == [
        ("部门动态第18期", date(2026, 11, 18)),
        ("部门动态第11期", date(2026, 11, 11)),
        ("部门动态第4期", date(2026, 11, 4)),
    ]


def test_an_item_takes_the_full_date_of_its_article_when_the_list_shows_no_year() -> None:
    shown = [
        ("/xwdt/1.html", "年份录入错误的一条动态", "[11-18]"),
        ("/xwdt/2.html", "一条普通的动态", "[11-10]"),
    ]
    pages = {
        HOME: gov_page("某某县", "<p>欢迎</p>", [("/xwdt/", "新闻动态")]),
        HOME + "xwdt/": gov_page("新闻动态", list_body("新闻动态", shown), []),
        HOME + "xwdt/1.html": gov_page(
            "年份录入错误的一条动态",
            article("年份录入错误的一条动态", ("/xwdt/", "新闻动态"), "2027-11-18 09:30"),
            [],
        ),
    }
    survey = survey_site(crawl(pages), HOME, T)
    (column,) = survey.columns
    assert [item.date for item in column.items] == [date(2027, 11, 18), date(2026, 11, 10)]
    newest = column.newest(T)
    assert newest is not None and newest.date == date(2026, 11, 10)  # a future date does not make it fresh
    assert [(item.url, item.date) for item in survey.dated_items if item.date > T] == [
        (HOME + "xwdt/1.html", date(2027, 11, 18))
    ]


def test_items_without_a_displayed_date_stay_undated() -> None:
    shown = [("/tzgg/1.html", "关于开展安全生产检查的通知", ""), ("/tzgg/2.html", "关于征集意见的公告", "")]
    pages = {
        HOME: gov_page("某某县", "<p>欢迎</p>", [("/tzgg/", "通知公告")]),
        HOME + "tzgg/": gov_page("通知公告", list_body("通知公告", shown), [("/tzgg/", "通知公告")]),
    }
    (column,) = discover_columns(crawl(pages), HOME, T)
    assert [item.date for item in column.items] == [None, None] and column.newest(T) is None
    assert not column.is_blank


def channel_site() -> dict[str, str]:
    """政务公开 is a channel page leading to its sub-columns, whose breadcrumbs have three crumbs."""
    nav = [("/zwgk/index.html", "政务公开"), ("/xwzx/index.html", "新闻中心")]
    crumb = '<a href="/">首页</a> &gt; <a href="/zwgk/index.html">政务公开</a> &gt; {name}'
    channel = "".join(
        f'<div class="block"><h2>{name}</h2><a href="/zwgk/{slug}/">更多</a>'
        + "".join(f'<li><a href="{u}">{t}</a><span>{d}</span></li>' for u, t, d in rows(slug, dates))
        + "</div>"
        for slug, name, dates in (("tzgg", "通知公告", ["2026-11-01"]), ("rsxx", "人事信息", ["2026-01-01"]))
    )
    news = rows("xwzx", ["2026-11-19", "2026-11-18", "2026-11-17"])
    return {
        HOME: gov_page("某某县", "<p>欢迎访问</p>", nav),
        HOME + "zwgk/index.html": gov_page("政务公开", f"<h1>政务公开</h1>{channel}", nav),
        HOME + "zwgk/tzgg/": gov_page(
            "通知公告",
            list_body("通知公告", rows("tzgg", ["2026-11-01"]), crumb=crumb.format(name="通知公告")),
            nav,
        ),
        HOME + "zwgk/rsxx/": gov_page(
            "人事信息",
            list_body("人事信息", rows("rsxx", ["2026-01-01"]), crumb=crumb.format(name="人事信息")),
            nav,
        ),
        HOME + "xwzx/index.html": gov_page(
            "新闻中心",
            list_body("新闻中心", news, crumb='<a href="/">首页</a> &gt; 新闻中心'),
            nav,
            head='<meta name="ColumnName" content="领导活动"><meta name="ColumnType" content="工作动态">',
        ),
    }


def test_a_channel_page_is_not_a_column_and_makes_its_columns_second_level() -> None:
    columns = by_name(discover_columns(crawl(channel_site()), HOME, T))
    assert set(columns) == {"通知公告", "人事信息", "领导活动"}
    assert (columns["通知公告"].level, columns["人事信息"].level) == (2, 2)
    assert columns["领导活动"].level == 1


def test_the_column_name_meta_wins_and_the_column_type_meta_types_a_name_without_keywords() -> None:
    columns = by_name(discover_columns(crawl(channel_site()), HOME, T))
    assert columns["领导活动"].type == "news"  # 领导活动 names no kind; ColumnType 工作动态 does


def test_a_homepage_without_dated_items_is_navigation_only() -> None:
    nav = [("/gzdt/", "工作动态")]
    pages = {
        HOME: gov_page("某某县", '<a href="/gzdt/">进入工作动态</a>', nav),
        HOME + "gzdt/": gov_page("工作动态", list_body("工作动态", rows("gzdt", ["2026-11-19"])), nav),
    }
    survey = survey_site(crawl(pages), HOME, T)
    assert survey.homepage_is_navigation_only
    assert [item.date for item in survey.second_level_items] == [date(2026, 11, 19)]


@pytest.mark.parametrize(
    ("name", "meta", "expected"),
    [
        ("本地要闻", None, "news"),
        ("部门动态", None, "news"),
        ("公示公告", None, "notice-policy"),
        ("规范性文件", None, "notice-policy"),
        ("任前公示", None, "personnel-plan"),
        ("规划计划", None, "personnel-plan"),
        ("政策解读", None, "other"),
        ("历史专题", None, "other"),
        ("县长信箱", None, "other"),
        ("领导活动", "要闻动态", "news"),
        ("其他", None, "other"),
    ],
)
def test_column_types_come_from_the_keyword_file(name: str, meta: str | None, expected: str) -> None:
    assert default_column_keywords().classify(name, meta) == expected


def test_users_extend_the_keyword_lists_with_their_own_file(tmp_path: Path) -> None:
    custom = tmp_path / "types.yaml"
    custom.write_text(
        "order: [other, news]\nkeywords:\n  other: [专题]\n  news: [领导活动]\n", encoding="utf-8"
    )
    keywords = load_column_keywords(custom)
    assert keywords.classify("领导活动") == "news" and keywords.classify("通知公告") == "other"
    custom.write_text("keywords:\n  urgent: [紧急]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown column type 'urgent'"):
        load_column_keywords(custom)


def test_a_sidebar_of_another_column_newest_items_does_not_freshen_a_column() -> None:
    nav = [("/gzdt/", "工作动态"), ("/tzgg/", "通知公告")]
    news = rows("gzdt", ["2026-11-19", "2026-11-18", "2026-11-17"])
    sidebar = '<div class="side"><h3>最新动态</h3><ul>' + "".join(
        f'<li><a href="{u}">{t}</a><span>{d}</span></li>' for u, t, d in news
    )
    sidebar += "</ul></div>"
    notices = rows("tzgg", ["2026-03-01", "2026-02-01"])
    pages = {
        HOME: gov_page("某某县", "<p>欢迎访问</p>", nav),
        HOME + "gzdt/": gov_page("工作动态", list_body("工作动态", news) + sidebar, nav),
        HOME + "tzgg/": gov_page("通知公告", list_body("通知公告", notices) + sidebar, nav),
    }
    for url, title, shown in news:
        pages[urljoin(HOME, url)] = gov_page(title, article(title, ("/gzdt/", "工作动态"), shown), nav)
    columns = by_name(discover_columns(crawl(pages), HOME, T))
    newest = columns["通知公告"].newest(T)
    assert newest is not None and newest.date == date(2026, 3, 1)
    assert len(columns["通知公告"].items) == 2 and len(columns["工作动态"].items) == 3
