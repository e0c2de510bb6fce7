"""Reading lists from a stored page's text and links: placement, dates beside titles, breadcrumbs."""

from __future__ import annotations

from datetime import date

import pytest

from govinspect.model.page import LinkRef
from govinspect.parse.columns_lists import (
    find_breadcrumb,
    is_more_link,
    list_entries,
    place_links,
    placeholder_in,
)
from govinspect.parse.html import parse_html

T = date(2026, 11, 20)


def a(text: str, url: str = "http://x.gov.cn/a.html", pagination: bool = False) -> LinkRef:
    return LinkRef(url=url, tag="a", text=text, pagination=pagination)


def test_links_are_placed_in_document_order_even_when_their_text_repeats() -> None:
    text = "首页 工作动态 通知公告 工作动态 更多 关于开展检查的通知 2026-11-18 首页 上一页"
    links = [a("首页", "http://x/"), a("工作动态", "http://x/gzdt/"), a("通知公告", "http://x/tzgg/")]
    links += [
        a("更多", "http://x/gzdt/"),
        a("关于开展检查的通知"),
        a("首页", "http://x/gzdt/", pagination=True),
    ]
    placed = place_links(text, links)
    assert [(p.text, p.start) for p in placed] == [
        ("首页", 0),
        ("工作动态", 3),
        ("通知公告", 8),
        ("更多", 18),
        ("关于开展检查的通知", 21),
        ("首页", 42),
    ]


def test_a_link_whose_text_is_not_shown_or_only_inside_a_sentence_is_left_out() -> None:
    text = "某某县人民政府关于印发方案的通知 发布时间：2026-11-18 相关文件 某某县人民政府关于印发方案的通知"
    links = [a("某某县人民政府"), a("某某县人民政府关于印发方案的通知", "http://x/policy.html")]
    placed = place_links(text, links)  # the logo's alt text stands nowhere on its own
    assert [(p.url, p.start) for p in placed] == [("http://x/policy.html", 0)]


def test_anchor_text_split_over_elements_is_found() -> None:
    page = parse_html(
        "http://x.gov.cn/", '<body><a href="/a.html">关于<b>开展</b>检查</a> <span>11-18</span></body>'
    )
    (placed,) = place_links(page.text, page.links)
    assert page.text[placed.start : placed.end] == "关于 开展 检查"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题一 2026-11-18 标题二 2026-11-10", [date(2026, 11, 18), date(2026, 11, 10)]),
        ("标题一 [11-18] 标题二 [11-10]", [date(2026, 11, 18), date(2026, 11, 10)]),
        ("· 标题一 2026/11/18 · 标题二 2026/11/10", [date(2026, 11, 18), date(2026, 11, 10)]),
        ("2026-11-18 标题一 2026-11-10 标题二", [date(2026, 11, 18), date(2026, 11, 10)]),
        (
            "标题一 市政府办公室 2026年11月18日 标题二 市政府办公室 2026年11月10日",
            [date(2026, 11, 18), date(2026, 11, 10)],
        ),
        ("标题一 标题二", [None, None]),
    ],
)
def test_each_item_gets_the_date_shown_beside_its_own_title(text: str, expected: list[date | None]) -> None:
    links = [a("标题一", "http://x/1.html"), a("标题二", "http://x/2.html")]
    placed = place_links(text, links)
    entries = list_entries(text, placed, range(len(placed)), (0, len(text)), reference=T)
    assert [entry.date.date if entry.date else None for entry in entries] == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("设为首页 当前位置：首页 > 政务公开 > 通知公告 通知公告 关于…", ("政务公开", "通知公告")),
        ("您现在的位置：网站首页 » 新闻中心 » 工作动态", ("新闻中心", "工作动态")),
        ("所在位置： 首页 / 信息公开 / 规划计划", ("信息公开", "规划计划")),
        ("首页 > 人事信息", ("人事信息",)),
        ("当前位置：首页", None),
        ("首页 上一页 1/2 下一页", None),
    ],
)
def test_breadcrumbs_name_the_trail_after_the_homepage(text: str, names: tuple[str, ...] | None) -> None:
    crumb = find_breadcrumb(text)
    assert (crumb.names if crumb else None) == names


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("更多", True),
        ("更多>>", True),
        ("more +", True),
        ("[更多]", True),
        ("更多信息", True),
        ("通知公告", False),
    ],
)
def test_more_links(text: str, more: bool) -> None:
    assert is_more_link(text) is more


def test_placeholders_of_blank_columns() -> None:
    assert placeholder_in("规划计划 暂无信息") == "暂无信息"
    assert placeholder_in("本栏目正在建设中，敬请期待") == "正在建设中"
    assert placeholder_in("关于做好2026年防汛工作的通知 2026-11-18") is None
