"""Reading message boards: list rows, detail pages in the common layouts, merging the two."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest
from tests.parse.test_columns import HOME, crawl, gov_page

from govinspect.model.crawl import CrawledPage
from govinspect.parse.html import parse_html
from govinspect.parse.messages import Message, read_boards, read_message_page

T = date(2026, 11, 20)
NAV = [("/hdjl/szxx/", "市长信箱"), ("/xwzx/", "工作动态")]


def page(title: str, body: str) -> str:
    return gov_page(f"{title}_某某市人民政府", body, NAV)


def table_list(name: str, heading: Sequence[str], rows: Sequence[Sequence[str]], crumb: str = "") -> str:
    """A board list drawn as a table: first cell of each row is (url, title), the others text."""
    trail = crumb or f'<a href="/">首页</a> &gt; <a href="/hdjl/">互动交流</a> &gt; {name}'
    head = "".join(f"<th>{cell}</th>" for cell in heading)
    body = ""
    for row in rows:
        cells = []
        for cell in row:
            if cell.startswith("/"):
                url, title = cell.split("|")
                cells.append(f'<td><a href="{url}" target="_blank">{title}</a></td>')
            else:
                cells.append(f"<td>{cell}</td>")
        body += f"<tr>{''.join(cells)}</tr>"
    return page(
        name,
        f'<div class="crumb">当前位置：{trail}</div><h2>{name}</h2><a href="/hdjl/write.html">我要写信</a>'
        f"<table><tr>{head}</tr>{body}</table><div class='page'>共3条 第1页</div>",
    )


def by_title(messages: Sequence[Message]) -> dict[str, Message]:
    return {m.title: m for m in messages}


def read(pages: Mapping[str, str]) -> dict[str, Message]:
    return by_title(read_boards(crawl(pages), reference=T).messages)


# A 12345 hotline letter: labelled spans, status before the reply, reply unit, time and text.
HOTLINE_LETTER = page(
    "关于小区门口道路积水的求助",
    '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/hdjl/">互动交流</a> &gt; '
    '<a href="/hdjl/12345/">12345热线</a></div>'
    '<div class="letter"><p><span>信件标题：</span><span>关于小区门口道路积水的求助</span></p>'
    "<p><span>信件编号：</span>XJ20260302001</p><p><span>来信时间：</span>2026年03月02日 09:12</p>"
    "<p><span>办理状态：</span>已办结</p><p><span>来信内容：</span>每逢下雨小区门口积水严重，请尽快处理。</p>"
    '</div><div class="reply"><p>答复单位：市城市管理局</p><p>答复时间：2026年03月20日</p>'
    "<p>答复内容：您好，经现场查看，已安排疏通排水管道，感谢您的监督。</p></div>",
)


def test_a_hotline_letter_reads_its_labelled_fields() -> None:
    message = read_message_page(parse_html(HOME + "hdjl/12345/art_1.html", HOTLINE_LETTER), reference=T)
    assert message is not None
    assert message.title == "关于小区门口道路积水的求助"
    assert (message.submitted, message.replied) == (date(2026, 3, 2), date(2026, 3, 20))
    assert message.answer == "answered"
    assert message.status == "已办结"
    assert message.reply_text.startswith("您好，经现场查看")
    assert message.board == "12345热线"
    assert "互动交流" in message.places


def test_fields_in_any_order_are_read_by_their_labels() -> None:
    reply_first = page(
        "关于公积金提取的咨询",
        "<table><tr><td>回复时间</td><td>2026-06-18 16:00</td></tr>"
        "<tr><td>回复单位</td><td>市住房公积金中心</td></tr>"
        "<tr><td>回复内容</td><td>您好，提取条件详见办事指南。</td></tr></table>"
        "<table><tr><td>留言标题</td><td>关于公积金提取的咨询</td></tr>"
        "<tr><td>留言时间</td><td>2026-06-09 10:21</td></tr><tr><td>留言人</td><td>李**</td></tr></table>",
    )
    message = read_message_page(parse_html(HOME + "hdjl/1.html", reply_first), reference=T)
    assert message is not None
    assert (message.submitted, message.replied) == (date(2026, 6, 9), date(2026, 6, 18))


def test_a_detail_table_with_labels_in_one_row_and_values_in_the_next() -> None:
    html = page(
        "关于农村饮水安全的建议",
        "<table><tr><th>留言标题</th><th>留言时间</th><th>回复时间</th></tr>"
        "<tr><td>关于农村饮水安全的建议</td><td>2026-04-01</td><td>2026-04-21</td></tr></table>"
        "<p>留言内容：建议加快农村饮水工程建设。</p><p>回复内容：感谢您的建议，已纳入明年计划。</p>",
    )
    message = read_message_page(parse_html(HOME + "hdjl/2.html", html), reference=T)
    assert message is not None
    assert (message.submitted, message.replied) == (date(2026, 4, 1), date(2026, 4, 21))


def test_empty_reply_fields_and_pending_statuses_mean_unanswered_and_refusals_are_invalid() -> None:
    empty = page(
        "关于路灯维修的咨询",
        "<p>留言标题：关于路灯维修的咨询</p><p>留言时间：2026-05-06</p><p>留言内容：路灯坏了一个月。</p>"
        "<p>回复时间：</p><p>回复内容：</p>",
    )
    pending = page(
        "关于学位的咨询", "<p>提交时间：2026-05-07</p><p>处理状态：待回复</p><p>咨询内容：孩子上学问题</p>"
    )
    refused = page(
        "重复来信", "<p>来信时间：2026-05-08</p><p>办理状态：不予受理（重复留言）</p><p>来信人：王**</p>"
    )
    answers = [
        read_message_page(parse_html(f"{HOME}hdjl/{n}.html", html), reference=T)
        for n, html in enumerate((empty, pending, refused))
    ]
    assert [m.answer if m else None for m in answers] == ["unanswered", "unanswered", "invalid"]


def test_a_status_that_says_answered_without_a_reply_date_is_answered_but_undated() -> None:
    html = page("关于停车收费的咨询", "<p>留言时间：2026-02-03</p><p>留言人：张**</p><p>状态：已回复</p>")
    message = read_message_page(parse_html(HOME + "hdjl/3.html", html), reference=T)
    assert message is not None
    assert (message.answer, message.replied) == ("answered", None)


def test_an_article_is_not_a_message_even_when_it_talks_about_the_mailbox() -> None:
    html = page(
        "市长信箱10月来信办理情况",
        "<h1>市长信箱10月来信办理情况</h1><p>发布时间：2026-11-02</p>"
        "<p>10月共收到来信120件，已办结118件，办理中2件。</p>",
    )
    assert read_message_page(parse_html(HOME + "xwzx/1.html", html), reference=T) is None


def test_a_board_list_alone_gives_each_row_its_date_and_status_when_letters_were_not_stored() -> None:
    board = table_list(
        "市长信箱",
        ("序号", "信件标题", "来信时间", "状态"),
        [
            ("1", "/hdjl/szxx/1.html|关于老旧小区改造进度的咨询", "2026-11-10", "已回复"),
            ("2", "/hdjl/szxx/2.html|关于公交站台遮阳棚的建议", "2026-07-15", "待回复"),
            ("3", "/hdjl/szxx/3.html|关于菜市场卫生的反映", "2025-06-01", "办理中"),
        ],
    )
    messages = read({HOME: page("首页", "<p>欢迎</p>"), HOME + "hdjl/szxx/": board})
    assert messages["关于公交站台遮阳棚的建议"].answer == "unanswered"
    assert messages["关于公交站台遮阳棚的建议"].submitted == date(2026, 7, 15)
    assert messages["关于老旧小区改造进度的咨询"].answer == "answered"
    assert messages["关于菜市场卫生的反映"].submitted == date(2025, 6, 1)
    assert not messages["关于菜市场卫生的反映"].from_detail
    assert messages["关于公交站台遮阳棚的建议"].board == "市长信箱"


def test_a_list_with_status_before_the_title_and_two_date_columns() -> None:
    board = table_list(
        "咨询投诉",
        ("状态", "标题", "回复时间", "留言时间"),
        [
            ("已回复", "/hdjl/zxts/1.html|关于医保报销比例的咨询", "2026-10-30", "2026-10-08"),
            ("未回复", "/hdjl/zxts/2.html|关于噪音扰民的投诉", "", "2026-06-30"),
            ("已回复", "/hdjl/zxts/3.html|关于路面破损的反映", "2026-09-02", "2026-09-01"),
        ],
    )
    messages = read({HOME: page("首页", "<p>欢迎</p>"), HOME + "hdjl/szxx/": board})
    first = messages["关于医保报销比例的咨询"]
    assert (first.submitted, first.replied, first.answer) == (
        date(2026, 10, 8),
        date(2026, 10, 30),
        "answered",
    )
    assert messages["关于噪音扰民的投诉"].answer == "unanswered"
    assert messages["关于路面破损的反映"].answer == "answered"


def test_list_and_detail_are_merged_and_the_detail_page_wins() -> None:
    board = table_list(
        "市长信箱",
        ("标题", "留言时间", "状态"),
        [
            ("/hdjl/12345/art_1.html|关于小区门口道路积水的求助", "2026-03-01", "办理中"),
            ("/hdjl/szxx/9.html|关于共享单车乱停放的建议", "2026-08-01", "已回复"),
        ],
    )
    messages = read(
        {
            HOME: page("首页", "<p>欢迎</p>"),
            HOME + "hdjl/szxx/": board,
            HOME + "hdjl/12345/art_1.html": HOTLINE_LETTER,
        }
    )
    letter = messages["关于小区门口道路积水的求助"]
    assert letter.from_detail
    assert (letter.submitted, letter.answer) == (date(2026, 3, 2), "answered")
    assert messages["关于共享单车乱停放的建议"].answer == "answered"
    assert len(messages) == 2


def test_channels_are_boards_forms_and_links_named_like_channels() -> None:
    write = page(
        "我要写信",
        '<form action="/hdjl/submit.do" method="post"><input name="title">'
        '<textarea name="content"></textarea>'
        '<input name="phone"><button>提交</button></form>',
    )
    home = page(
        "首页",
        '<a href="http://12345.xx.gov.cn/">12345政务服务热线</a><a href="/xf/">网上信访</a>'
        '<a href="/hdjl/write.html">我要写信</a>',
    )
    boards = read_boards(crawl({HOME: home, HOME + "hdjl/write.html": write}, HOME), reference=T)
    assert [(c.kind, c.url) for c in boards.channels] == [("form", HOME + "hdjl/write.html")]
    assert {c.name for c in boards.channel_links} >= {"12345政务服务热线", "市长信箱"}
    search_only = page("在线咨询", '<form action="/search/index.html"><input name="q"></form>')
    assert read_boards(crawl({HOME: search_only}), reference=T).channels == ()


def test_a_generic_date_label_dates_the_message_when_the_page_also_shows_a_reply() -> None:
    html = page(
        "关于社保转移的咨询",
        "<div><h3>网友留言</h3><p>留言人：刘**</p><p>时间：2026年8月3日</p><p>社保如何从外地转入？</p></div>"
        "<div><h3>部门回复</h3><p>回复单位：市人社局</p><p>回复时间：2026年8月5日</p>"
        "<p>回复内容：请携带身份证到服务大厅办理。</p></div>",
    )
    message = read_message_page(parse_html(HOME + "hdjl/4.html", html), reference=T)
    assert message is not None
    assert (message.submitted, message.replied) == (date(2026, 8, 3), date(2026, 8, 5))


def test_a_reply_that_says_the_matter_is_in_hand_is_still_a_reply() -> None:
    html = page(
        "关于背街小巷改造的建议",
        "<p>来信时间：2026-06-02</p><p>来信内容：建议改造背街小巷。</p>"
        "<p>答复单位：市住建局</p><p>答复内容：您好，该项目正在办理中，预计年底完工。</p>",
    )
    message = read_message_page(parse_html(HOME + "hdjl/5.html", html), reference=T)
    assert message is not None
    assert (message.answer, message.replied) == ("answered", None)


def test_a_letter_without_any_reply_on_a_board_that_shows_replies_is_unanswered() -> None:
    def letter(title: str, asked: str, answer: str) -> str:
        return page(
            title,
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/hdjl/szxx/">市长信箱</a></div>'
            f"<p>来信标题：{title}</p><p>来信时间：{asked}</p><p>来信内容：请尽快处理。</p>{answer}",
        )

    answered = letter(
        "关于垃圾清运的反映", "2026-05-01", "<p>回复时间：2026-05-03</p><p>回复内容：已安排清运。</p>"
    )
    silent = letter("关于路面积水的反映", "2026-06-01", "")
    pages = {
        HOME: page(
            "首页",
            '<a href="/hdjl/a.html">关于垃圾清运的反映</a><a href="/hdjl/b.html">关于路面积水的反映</a>',
        )
    }
    alone = read(pages | {HOME + "hdjl/b.html": silent})
    assert alone["关于路面积水的反映"].answer is None  # nothing shows how this board answers
    both = read(pages | {HOME + "hdjl/a.html": answered, HOME + "hdjl/b.html": silent})
    assert both["关于路面积水的反映"].answer == "unanswered"
    assert both["关于垃圾清运的反映"].answer == "answered"


def test_a_reply_under_a_bare_heading_is_read() -> None:
    html = page(
        "关于夜市占道经营的反映",
        "<div><h3>网友留言</h3><p>留言时间：2026-04-10</p><p>夜市占道经营影响通行。</p></div>"
        "<div><h3>部门回复</h3><p>您好，城管部门已规范夜市经营秩序，感谢您的监督。</p></div>",
    )
    message = read_message_page(parse_html(HOME + "hdjl/6.html", html), reference=T)
    assert message is not None
    assert message.answer == "answered"


CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
NEWS_PAGES = ("cn-web-extraction-cwce", "magic-html-cn")


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real news pages are read from {CORPORA}")
def test_real_news_and_government_articles_are_not_messages() -> None:
    """96 real Chinese article pages (some mention 留言 and 信箱): none is read as a message."""
    crawled = []
    for folder in NEWS_PAGES:
        for file in sorted((CORPORA / folder).rglob("*.html")):
            raw = file.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("gb18030", errors="replace")
            crawled.append(CrawledPage(parse_html(f"http://www.example.gov.cn/{file.name}", text), 1, None))
    assert len(crawled) > 90
    boards = read_boards(crawled, reference=T)
    assert boards.messages == ()
    assert boards.list_pages == ()
