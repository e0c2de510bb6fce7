"""Publication dates read from the text of real Chinese pages (snippets of the corpora's government
pages and of common CMS templates)."""

from __future__ import annotations

import datetime

import pytest

from govinspect.parse.dates import (
    DisplayedDate,
    find_list_item_date,
    find_publication_date,
    parse_date_text,
)
from govinspect.parse.html import parse_html

D = datetime.date
T = D(2026, 11, 20)  # the monitoring point of the demo estate


def article(
    url: str, title: str, body: str, *, metas: dict[str, str] | None = None, nav: str = ""
) -> tuple[str, str]:
    """An article page as government CMS write it: navigation, headline, header line, body, footer."""
    meta = "".join(f'<meta name="{k}" content="{v}">' for k, v in (metas or {}).items())
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{meta}<title>{title}_某某市人民政府</title>'
        f'</head><body><div class="nav">首页 政务公开 政务服务 互动交流 {nav}</div>{body}'
        '<div class="footer">主办单位：某某市人民政府办公室 Copyright © 2024 版权所有 '
        "网站标识码：1234000001 皖ICP备05001234号</div></body></html>"
    )
    return url, html


def publication_date(
    url: str, html: str, reference: D = T, *, with_html: bool = False
) -> DisplayedDate | None:
    return find_publication_date(parse_html(url, html), html if with_html else None, reference=reference)


# ---- parse_date_text: each way of writing a day ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年5月10日", D(2024, 5, 10)),
        ("2024年05月10日 09:30", D(2024, 5, 10)),
        ("2024年5月10日9时30分", D(2024, 5, 10)),
        ("2024 年 5 月 10 日", D(2024, 5, 10)),
        ("２０２４年５月１０日", D(2024, 5, 10)),
        ("２０２４－０５－１０", D(2024, 5, 10)),
        ("二〇二四年五月十日", D(2024, 5, 10)),
        ("二〇二四年十二月三十一日", D(2024, 12, 31)),
        ("二○二三年十一月二十日", D(2023, 11, 20)),  # WHITE CIRCLE for zero, as typed in many documents
        ("2024-05-10", D(2024, 5, 10)),
        ("2022-02-11 08:52:25", D(2022, 2, 11)),
        ("2024/5/10", D(2024, 5, 10)),
        ("2005/05/17 22:11:42", D(2005, 5, 17)),
        ("2022.01.20 16:31", D(2022, 1, 20)),
        ("20241105", D(2024, 11, 5)),
        ("2016-05-25T10:10:19+08:00", D(2016, 5, 25)),
        ("9/17/2004 5:54:13 AM", D(2004, 9, 17)),  # old ASP pages print the server's US order
        ("[2024-05-10]", D(2024, 5, 10)),
        ("（2024年5月10日）", D(2024, 5, 10)),
    ],
)
def test_full_dates_in_every_written_form(text: str, expected: D) -> None:
    assert parse_date_text(text, reference=T) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("12-28", D(2026, 1, 5), D(2025, 12, 28)),  # a list read just after new year: last December
        ("[01-05]", D(2026, 1, 5), D(2026, 1, 5)),
        ("01-06", D(2026, 1, 5), D(2026, 1, 6)),  # tomorrow: the site's clock may run ahead by a day
        ("01-07", D(2026, 1, 5), D(2025, 1, 7)),  # further ahead: last year's
        ("[11-18]", T, D(2026, 11, 18)),
        ("11/18", T, D(2026, 11, 18)),
        ("(11月18日)", T, D(2026, 11, 18)),
        ("11月18日", D(2026, 1, 2), D(2025, 11, 18)),
        ("02-29", D(2026, 3, 1), D(2024, 2, 29)),  # the last leap day
        ("12-31 23:59", D(2026, 12, 31), D(2026, 12, 31)),
    ],
)
def test_short_list_dates_take_the_latest_year_not_after_tomorrow(
    text: str, reference: D, expected: D
) -> None:
    assert parse_date_text(text, reference=reference) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月30日",
        "2023-02-29",
        "2024-13-01",
        "二〇二四年二月三十日",
        "二〇二四年二二月一日",
        "02-30",
        "13/01",
        "20241332",
        "202411",  # a month, not a day
        "12345678",  # eight digits that are not a plausible day
        "发布时间：2024-05-10",  # more than one date's text: use find_list_item_date
        "2024年5月",
        "",
    ],
)
def test_invalid_or_partial_dates_give_none(text: str) -> None:
    assert parse_date_text(text, reference=T) is None


# ---- find_list_item_date ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "reference", "expected", "shown"),
    [
        ("关于做好2026年冬季森林防火工作的通知 2026-11-18", T, D(2026, 11, 18), "2026-11-18"),
        ("[11-18] 市政府召开常务会议", T, D(2026, 11, 18), "[11-18]"),
        ("市政府召开常务会议[11-18]", T, D(2026, 11, 18), "[11-18]"),
        ("· 县长主持召开防汛工作会议 2026/11/18", T, D(2026, 11, 18), "2026/11/18"),
        ("市政府召开常务会议2026-11-18", T, D(2026, 11, 18), "2026-11-18"),  # title and span glued
        ("关于2024年5月10日停电的通知 2024-05-08", T, D(2024, 5, 8), "2024-05-08"),
        ("全市安全生产工作会议召开 2026-11-18 阅读：126", T, D(2026, 11, 18), "2026-11-18"),
        ("2026年11月18日 全市安全生产工作会议召开", T, D(2026, 11, 18), "2026年11月18日"),
        ("[12-30] 新年贺词", D(2026, 1, 2), D(2025, 12, 30), "[12-30]"),
        ("关于调整作息时间的通知 2027-11-18", T, D(2027, 11, 18), "2027-11-18"),  # future stays future
    ],
)
def test_list_item_date_is_the_date_shown_beside_the_title(
    text: str, reference: D, expected: D, shown: str
) -> None:
    found = find_list_item_date(text, reference=reference)
    assert found == DisplayedDate(expected, "list-item", shown)


@pytest.mark.parametrize(
    "text",
    [
        "关于2024年5月10日停电的通知",  # the date is part of the title
        "2024年第11-12期工作简报",
        "关于印发《2024年度工作要点》的通知",
        "政策解读",
        "",
    ],
)
def test_list_item_without_displayed_date(text: str) -> None:
    assert find_list_item_date(text, reference=T) is None


# ---- find_publication_date: the article page's own date ---------------------------------------------
def test_pubdate_meta_comes_first() -> None:
    url, html = article(
        "http://www.ah.gov.cn/xwzx/gzdt/202611/t20261118_4602842.html",
        "全省冬季安全生产工作会议召开",
        "<h1>全省冬季安全生产工作会议召开</h1><p>发布时间：2026-11-18 10:30:00</p>",
        metas={"SiteName": "安徽省人民政府", "PubDate": "2026-11-18 10:30"},
    )
    assert publication_date(url, html) == DisplayedDate(
        D(2026, 11, 18), "meta", '<meta name="pubdate" content="2026-11-18 10:30">'
    )


def test_meta_time_with_offset_counts_in_beijing_time() -> None:
    url, html = article(
        "http://example.gov.cn/a.html",
        "夜间发布的通知",
        "<h1>夜间发布的通知</h1>",
        metas={"article:published_time": "2024-05-09T20:30:00Z"},
    )
    found = publication_date(url, html)
    assert found is not None and found.date == D(2024, 5, 10)


def test_unusable_meta_falls_through_to_the_header() -> None:
    url, html = article(
        "http://example.gov.cn/a.html",
        "关于开展消防安全检查的通知",
        "<h1>关于开展消防安全检查的通知</h1><div>发布日期：2024年11月5日</div>",
        metas={"PubDate": "${pubdate}"},  # an unfilled template variable
    )
    assert publication_date(url, html) == DisplayedDate(D(2024, 11, 5), "header", "发布日期：2024年11月5日")


def test_header_date_of_a_portal_article_not_the_dates_in_its_body() -> None:
    # www.nmg.gov.cn (cn-web-extraction-cwce d232c5df)
    url, html = article(
        "http://www.nmg.gov.cn/ywdt/jrgz/202202/t20220211_2001234.html",
        "内蒙古延续部分到期税收优惠政策助企纾困预计4年为纳税人减负180亿元",
        "<p>当前位置： 首页 / 要闻动态 / 今日关注</p><h1>内蒙古延续部分到期税收优惠政策助企纾困</h1>"
        "<h2>预计4年为纳税人减负180亿元</h2><p>发布日期：2022-02-11 08:52 分享到： 【字体： 大 中 小 】</p>"
        "<p>自治区财政厅传出最新消息：2022年伊始，内蒙古自治区党委、政府积极贯彻落实中央经济工作会议精神。"
        "2018年，自治区出台《关于促进民营经济高质量发展若干措施》，从2019年1月1日到2021年12月31日，"
        "在自治区权限范围内加大减税力度。</p>",
    )
    assert publication_date(url, html) == DisplayedDate(
        D(2022, 2, 11), "header", "发布日期：2022-02-11 08:52"
    )


def test_publication_date_wins_over_the_written_date_above_it() -> None:
    # xxgk.jl.gov.cn (cn-web-extraction-cwce e8847578): 成文日期 in the table before 发布日期, and the
    # signing date again under the text. The page was published on the 28th.
    title = "吉林省人民政府关于禁止在吉林省嫩江干流补充治理工程建设征占地范围内新增建设项目和迁入人口的通告"
    url, html = article(
        "http://xxgk.jl.gov.cn/szf/gkml/202201/t20220128_8380000.html",
        title,
        "<table><tr><td>索 引 号：</td><td>11220000013544357T/2022-00426</td><td>分 类：</td>"
        "<td>环境监测、保护与治理;通告</td></tr><tr><td>发文机关：</td><td>吉林省人民政府</td>"
        "<td>成文日期：</td><td>2022年01月27日</td></tr>"
        f"<tr><td>标 题：</td><td>{title}</td></tr><tr><td>发文字号：</td><td>吉政明电〔2022〕1号</td>"
        "<td>发布日期：</td><td>2022年01月28日</td></tr></table>"
        "<p>为做好吉林省嫩江干流补充治理工程建设……特此通告。</p><p>吉林省人民政府</p><p>2022年1月27日</p>",
    )
    assert publication_date(url, html) == DisplayedDate(D(2022, 1, 28), "header", "发布日期： 2022年01月28日")


def test_written_date_alone_yields_to_the_url_then_stands_in() -> None:
    body = (
        "<table><tr><td>成文日期：</td><td>2024-05-06</td><td>文号：</td><td>某政办〔2024〕12号</td></tr>"
        "</table><h1>关于印发某某市防汛应急预案的通知</h1><p>各县区人民政府：……</p>"
    )
    url, html = article(
        "http://www.example.gov.cn/zwgk/zcwj/202405/t20240510_123.html",
        "关于印发某某市防汛应急预案的通知",
        body,
    )
    assert publication_date(url, html) == DisplayedDate(D(2024, 5, 10), "url", "t20240510")
    url, html = article(
        "http://www.example.gov.cn/zwgk/zcwj/content_123.html", "关于印发某某市防汛应急预案的通知", body
    )
    assert publication_date(url, html) == DisplayedDate(D(2024, 5, 6), "header", "成文日期： 2024-05-06")


def test_unlabelled_date_under_the_headline() -> None:
    # www.bynr.gov.cn (cn-web-extraction-cwce 500b350d), without its PubDate meta
    url, html = article(
        "http://www.bynr.gov.cn/xxgk/zwdt/content_1.html",
        "为现代化巴彦淖尔建设凝聚强大智慧和力量——热烈祝贺市政协五届一次会议开幕",
        "<p>首页 &gt; 动态信息 &gt; 政务动态</p><h1>为现代化巴彦淖尔建设凝聚强大智慧和力量</h1>"
        "<h2>——热烈祝贺市政协五届一次会议开幕</h2><p>巴彦淖尔市政府门户网站 www.bynr.gov.cn 2022-02-11 09:52 "
        "打印本页</p><p>新征程催人奋进，新使命激荡人心。2018年以来，在巴彦淖尔市委的坚强领导下……</p>",
    )
    assert publication_date(url, html) == DisplayedDate(D(2022, 2, 11), "header", "2022-02-11 09:52")


def test_todays_date_banner_is_not_the_page_date() -> None:
    url, html = article(
        "http://www.example.gov.cn/xwzx/content_1.html",
        "我县召开秋冬季森林防火工作会议",
        "<h1>我县召开秋冬季森林防火工作会议</h1><p>来源：县应急管理局 时间：2026-11-17</p>",
        nav="今天是：2026年11月20日 星期五",
    )
    assert publication_date(url, html) == DisplayedDate(D(2026, 11, 17), "header", "时间：2026-11-17")
    url, html = article(
        "http://www.example.gov.cn/xwzx/content_1.html",
        "我县召开秋冬季森林防火工作会议",
        "<h1>我县召开秋冬季森林防火工作会议</h1><p>11月17日，我县召开会议。</p>",
        nav="今天是2026年11月20日 星期五",
    )
    assert publication_date(url, html) is None


def test_unlabelled_weekday_banner_is_skipped_but_a_labelled_weekday_header_is_not() -> None:
    url, html = article(
        "http://www.example.gov.cn/xwzx/content_1.html",
        "我县召开秋冬季森林防火工作会议",
        "<h1>我县召开秋冬季森林防火工作会议</h1><p>发布时间：2026年11月17日 星期二</p>",
        nav="2026年11月20日 星期五",
    )
    assert publication_date(url, html) == DisplayedDate(D(2026, 11, 17), "header", "发布时间：2026年11月17日")


def test_dates_inside_a_notice_are_not_its_publication_date() -> None:
    url, html = article(
        "http://www.example.gov.cn/tzgg/202611/t20261116_88.html",
        "关于召开全县安全生产工作会议的通知",
        "<h1>关于召开全县安全生产工作会议的通知</h1><p>各乡镇人民政府：</p><p>一、时间：2026年11月25日上午9时</p>"
        "<p>二、地点：县政府三楼会议室</p><p>报名截止日期：2026年11月22日</p>",
    )
    assert publication_date(url, html) == DisplayedDate(D(2026, 11, 16), "url", "t20261116")


def test_body_dates_related_lists_and_footer_are_not_the_page_date() -> None:
    url, html = article(
        "http://www.example.gov.cn/xwzx/content_1.html",
        "市政府召开第45次常务会议",
        "<h1>市政府召开第45次常务会议</h1><p>2024年5月10日，市长主持召开市政府第45次常务会议。"
        "会议要求，于2024年6月30日前完成整改。报名日期：2024年5月20日至2024年5月31日。</p>"
        "<ul><li>市政府召开第44次常务会议（2024-04-26）</li><li>市政府召开第43次常务会议（2024-04-12）</li></ul>",
    )
    assert publication_date(url, html) is None  # counts as not updated: no displayed date


def test_chinese_numerals_in_the_header() -> None:
    url, html = article(
        "http://www.example.gov.cn/zwgk/content_9.html",
        "某某县人民政府关于公布行政执法主体的公告",
        "<h1>某某县人民政府关于公布行政执法主体的公告</h1><p>发布日期：二〇二四年五月十日</p>",
    )
    assert publication_date(url, html) == DisplayedDate(
        D(2024, 5, 10), "header", "发布日期：二〇二四年五月十日"
    )


def test_a_mistyped_future_date_is_kept() -> None:
    url, html = article(
        "http://www.wuhu.gov.cn/gzdt/content_2760925.html",
        "芜湖市召开重点项目推进会",
        "<h1>芜湖市召开重点项目推进会</h1><div>发布时间：2027-11-18 10:05　信息来源：市发改委</div>",
    )
    found = publication_date(url, html)
    assert found is not None and found.date == D(2027, 11, 18)


def test_message_dates_are_not_article_publication_dates() -> None:
    url, html = article(
        "http://www.example.gov.cn/hdjl/letter_1.html",
        "关于小区停车难的问题",
        "<table><tr><th>留言标题</th><td>关于小区停车难的问题</td></tr><tr><th>留言时间</th>"
        "<td>2026-11-01 09:12:00</td></tr><tr><th>回复时间</th><td>2026-11-05 16:00:00</td></tr></table>",
    )
    assert publication_date(url, html) is None


@pytest.mark.parametrize(
    ("url", "expected", "shown"),
    [
        ("http://www.ah.gov.cn/xwzx/gzdt/202611/t20261118_4602842.html", D(2026, 11, 18), "t20261118"),
        ("http://www.hefei.gov.cn/art/2026/11/5/art_8497_1892247.html", D(2026, 11, 5), "2026/11/5"),
        ("http://www.gov.cn/zhengce/zhengceku/2018-09/25/content_5325174.htm", D(2018, 9, 25), "2018-09/25"),
        ("http://www.news.cn/politics/leaders/20240509/3dd6e33c/c.html", D(2024, 5, 9), "20240509"),
        ("http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html", D(2024, 5, 10), "2024/0510"),
        ("https://www.chinadaily.com.cn/a/202405/20/WS664af0b2.html", D(2024, 5, 20), "202405/20"),
    ],
)
def test_day_in_the_url(url: str, expected: D, shown: str) -> None:
    _, html = article(url, "一条新闻", "<h1>一条新闻</h1><p>正文。</p>")
    assert publication_date(url, html) == DisplayedDate(expected, "url", shown)


def test_a_month_in_the_url_is_not_a_day() -> None:
    url, html = article(
        "https://www.gov.cn/zhengce/zhengceku/202309/content_6905142.htm", "一条新闻", "<h1>一条新闻</h1>"
    )
    assert publication_date(url, html) is None


def test_htmldate_is_the_last_resort() -> None:
    pytest.importorskip("htmldate")
    url, html = article(
        "http://www.example.gov.cn/xwzx/content_1.html",
        "一条新闻",
        '<h1>一条新闻</h1><p><time datetime="2024-05-10">五月十日</time></p>',
    )
    assert publication_date(url, html) is None  # htmldate runs only when given the markup
    assert publication_date(url, html, with_html=True) == DisplayedDate(
        D(2024, 5, 10), "htmldate", "2024-05-10"
    )


def test_htmldate_answer_outside_the_urls_month_is_dropped() -> None:
    pytest.importorskip("htmldate")
    url, html = article(
        "http://www.example.gov.cn/xwzx/202406/123.htm",
        "一条新闻",
        '<h1>一条新闻</h1><p><time datetime="2024-05-10">五月十日</time></p>',
    )
    assert publication_date(url, html, with_html=True) is None
