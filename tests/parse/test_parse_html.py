"""parse_html: what the checks read from a page — title, text, meta, links, images, forms, scripts."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.model import LinkRef, Page
from govinspect.model.page import Accessibility
from govinspect.parse.html import UrlResolver, parse_html

ARTICLE_URL = "http://www.qingshan.gov.cn/xxgk/tzgg/202405/t20240510_5000123.html"

ARTICLE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="青山市人民政府">
<meta name="SiteDomain" content="www.qingshan.gov.cn">
<meta name="SiteIDCode" content="3301000001">
<meta name="ColumnName" content="通知公告">
<meta name="ColumnType" content="通知公告">
<meta name="ArticleTitle" content="关于开展2024年安全生产月活动的通知">
<meta name="PubDate" content="2024-05-10 09:30">
<meta name="ContentSource" content="市应急管理局">
<meta property="og:title" content="关于开展2024年安全生产月活动的通知">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>
  关于开展2024年安全生产月活动的通知_通知公告_青山市人民政府
</title>
<link rel="stylesheet" href="../../../css/common.css">
<link rel="shortcut icon" href="/favicon.ico">
<link rel="dns-prefetch" href="//static.qingshan.gov.cn">
<script src="/js/jquery-1.8.3.min.js"></script>
<style>.zwxl-title { font-size: 22px; }</style>
</head>
<body>
<div class="header">
  <a href="/"><img src="/images/logo.png" alt="青山市人民政府"></a>
  <ul class="nav">
    <li><a href="/">首页</a></li>
    <li><a href="/zwdt/">政务动态</a></li>
    <li><a href="../../">信息公开</a></li>
    <li><a href="http://www.zjzwfw.gov.cn/" title="浙江政务服务网"><img src="/images/zwfw.png"></a></li>
    <li><a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a></li>
    <li><a href="#">English</a></li>
  </ul>
</div>
<div class="zwxl-article">
  <h1 class="zwxl-title">关于开展2024年安全生产月活动的通知</h1>
  <p class="zwxl-info">发布时间：2024-05-10&nbsp;&nbsp;来源：市应急管理局</p>
  <p>各县（市、区）人民政府，市政府各部门：</p>
  <p>　　现将《2024年安全生产月活动方案》印发给你们，请认真组织实施。</p>
  <p>附件：<a href="./P020240510512345678901.pdf">2024年安全生产月活动方案.pdf</a></p>
  <p><a href=" ./P020240510512345678902.docx#page=2 ">报名表.docx</a></p>
  <p><img src="./W020240510512345678903.jpg" alt=""><img src="W020240510512345678904.png"></p>
  <p>联系人：张三，电话：<a href="tel:0571-88888888">0571-88888888</a>，
     邮箱：<a href="mailto:yjj@qingshan.gov.cn">yjj@qingshan.gov.cn</a></p>
  <iframe src="/video/player.html?id=12" title="宣传视频"></iframe>
  <object data="/flash/map.swf"></object>
  <embed src="/media/audio.mp3">
  <video><source src="/media/anquan.mp4" type="video/mp4"></video>
  <map name="m"><area href="/zwdt/xxx.html" alt="市区地图" shape="rect" coords="0,0,10,10"></map>
  <a href="data:text/plain,hello">data</a> <a href="about:blank">blank</a>
  <a href="
     /zwdt/newline.html">换行链接</a>
</div>
<div class="share">
  <a href="http://service.weibo.com/share/share.php?url=x" rel="nofollow noopener">微博</a>
</div>
<script>
  var pageTitle = "关于开展2024年安全生产月活动的通知";
  document.write('<span>' + pageTitle + '</span>');
</script>
<noscript>您的浏览器不支持脚本</noscript>
<template><a href="/template-only.html">模板</a></template>
<div class="footer">主办：青山市人民政府办公室　网站标识码：3301000001
  <a href="http://bszs.conac.cn/sitename?method=show&amp;id=ABC">
    <img src="/images/dzjg.png" alt="党政机关"></a>
  <a href="http://www.beian.miit.gov.cn"><span>浙ICP备</span><span>12345678号</span></a>
</div>
</body>
</html>
"""


@pytest.fixture(scope="module")
def article() -> Page:
    return parse_html(ARTICLE_URL, ARTICLE, "utf-8")


def links_by_url(page: Page) -> dict[str, LinkRef]:
    return {link.url: link for link in page.links}


def test_title_lang_encoding_and_url(article: Page) -> None:
    assert article.url == ARTICLE_URL
    assert article.title == "关于开展2024年安全生产月活动的通知_通知公告_青山市人民政府"
    assert article.lang == "zh-CN"
    assert article.encoding == "utf-8"
    assert article.base_url is None


def test_meta_keys_are_lower_cased(article: Page) -> None:
    assert article.meta_value("ArticleTitle") == "关于开展2024年安全生产月活动的通知"
    assert article.meta_value("pubdate") == "2024-05-10 09:30"
    assert article.meta_value("ColumnName") == "通知公告"
    assert article.meta_value("columntype") == "通知公告"
    assert article.meta_value("SiteIDCode") == "3301000001"
    assert article.meta_value("og:title") == "关于开展2024年安全生产月活动的通知"
    assert article.meta_value("x-ua-compatible") == "IE=edge"
    assert ("siteidcode", "3301000001") in article.meta
    assert all(key == key.lower() for key, _ in article.meta)
    assert article.has_viewport


def test_readable_text_leaves_out_scripts_styles_noscript_and_templates(article: Page) -> None:
    assert "发布时间：2024-05-10 来源：市应急管理局" in article.text
    assert "现将《2024年安全生产月活动方案》印发给你们" in article.text
    assert "网站标识码：3301000001" in article.text
    assert "pageTitle" not in article.text
    assert "font-size" not in article.text
    assert "不支持脚本" not in article.text
    assert "模板" not in article.text
    assert "  " not in article.text and "\n" not in article.text


def test_links_are_absolute_without_fragment_and_stripped(article: Page) -> None:
    links = links_by_url(article)
    base = "http://www.qingshan.gov.cn/xxgk/tzgg/202405/"
    assert base + "P020240510512345678901.pdf" in links
    assert base + "P020240510512345678902.docx" in links
    assert "http://www.qingshan.gov.cn/zwdt/newline.html" in links
    assert "http://www.qingshan.gov.cn/xxgk/" in links
    assert "http://www.qingshan.gov.cn/css/common.css" in links
    assert "http://bszs.conac.cn/sitename?method=show&id=ABC" in links
    for link in article.links:
        assert link.url.startswith("http"), link
        assert "#" not in link.url and link.url == link.url.strip()


def test_links_that_lead_nowhere_are_skipped(article: Page) -> None:
    for link in article.links:
        assert not link.url.startswith(("javascript:", "mailto:", "tel:", "data:", "about:"))
    assert ARTICLE_URL not in links_by_url(article)  # href="#"
    assert "http://www.qingshan.gov.cn/template-only.html" not in links_by_url(article)
    assert "http://static.qingshan.gov.cn" not in links_by_url(article)  # dns-prefetch is no resource


def test_link_tags(article: Page) -> None:
    tags = {link.url.rsplit("/", 1)[-1]: link.tag for link in article.links}
    assert tags["common.css"] == "link"
    assert tags["favicon.ico"] == "link"
    assert tags["jquery-1.8.3.min.js"] == "script"
    assert tags["logo.png"] == "img"
    assert tags["player.html?id=12"] == "iframe"
    assert tags["map.swf"] == "object"
    assert tags["audio.mp3"] == "embed"
    assert tags["anquan.mp4"] == "source"
    assert tags["xxx.html"] == "area"
    assert tags["P020240510512345678901.pdf"] == "a"


def test_link_text_rel_and_fallbacks(article: Page) -> None:
    links = links_by_url(article)
    home = [link for link in article.links if link.url == "http://www.qingshan.gov.cn/" and link.tag == "a"]
    assert [link.text for link in home] == ["青山市人民政府", "首页"]  # img alt, then anchor text
    assert links["http://www.zjzwfw.gov.cn/"].text == "浙江政务服务网"  # title attribute
    assert links["http://www.beian.miit.gov.cn"].text == "浙ICP备12345678号"
    assert links["http://www.qingshan.gov.cn/zwdt/xxx.html"].text == "市区地图"
    assert links["http://www.qingshan.gov.cn/video/player.html?id=12"].text == "宣传视频"
    assert links["http://service.weibo.com/share/share.php?url=x"].rel == "nofollow noopener"
    assert links["http://www.qingshan.gov.cn/css/common.css"].rel == "stylesheet"
    assert links["http://www.qingshan.gov.cn/favicon.ico"].rel == "shortcut icon"
    assert not any(link.hidden or link.pagination for link in article.links)


def test_images_keep_alt_none_when_absent(article: Page) -> None:
    alts = {image.src.rsplit("/", 1)[-1]: image.alt for image in article.images}
    assert alts["logo.png"] == "青山市人民政府"
    assert alts["W020240510512345678903.jpg"] == ""
    assert alts["W020240510512345678904.png"] is None
    assert alts["zwfw.png"] is None
    assert len(article.images) == 5


def test_scripts_with_src_and_inline_excerpt(article: Page) -> None:
    assert article.scripts[0].src == "http://www.qingshan.gov.cn/js/jquery-1.8.3.min.js"
    inline = [script for script in article.scripts if script.src is None]
    assert len(inline) == 1
    assert inline[0].inline_excerpt.startswith('var pageTitle = "关于开展')


def test_inline_script_excerpt_is_cut_at_500_characters() -> None:
    page = parse_html(ARTICLE_URL, "<script>" + "x" * 2000 + "</script>")
    assert page.scripts[0].inline_excerpt == "x" * 500


def test_base_href_is_honoured() -> None:
    html = """<html><head><base href="http://www.qingshan.gov.cn/xxgk/zcwj/"></head><body>
        <a href="202405/t20240510_1.html">a</a><a href="/zwdt/">b</a><a href="../index.html">c</a>
        <a href="?page=2">d</a><img src="logo.png"></body></html>"""
    page = parse_html("http://www.qingshan.gov.cn/other/page.html", html)
    assert page.base_url == "http://www.qingshan.gov.cn/xxgk/zcwj/"
    assert [link.url for link in page.links] == [
        "http://www.qingshan.gov.cn/xxgk/zcwj/202405/t20240510_1.html",
        "http://www.qingshan.gov.cn/zwdt/",
        "http://www.qingshan.gov.cn/xxgk/index.html",
        "http://www.qingshan.gov.cn/xxgk/zcwj/?page=2",
        "http://www.qingshan.gov.cn/xxgk/zcwj/logo.png",
    ]


def test_relative_base_href_is_resolved_against_the_page() -> None:
    page = parse_html("http://www.a.gov.cn/x/y.html", '<base href="sub/"><a href="t.html">t</a>')
    assert page.base_url == "http://www.a.gov.cn/x/sub/"
    assert page.links[0].url == "http://www.a.gov.cn/x/sub/t.html"


def test_backslashes_and_protocol_relative_links() -> None:
    html = r'<a href="..\..\zwgk\index.html">a</a><a href="//cdn.gov.cn/x.js">b</a><a href="HTTP://WWW.A.GOV.CN/">c</a>'
    page = parse_html("https://www.a.gov.cn/x/y/z.html", html)
    assert [link.url for link in page.links] == [
        "https://www.a.gov.cn/zwgk/index.html",
        "https://cdn.gov.cn/x.js",
        "http://www.a.gov.cn/",
    ]


def test_meta_refresh_target_is_kept() -> None:
    html = '<meta http-equiv="Refresh" content="0; URL=/col/col1/index.html">'
    page = parse_html("http://www.a.gov.cn/", html)
    assert page.extra["refresh_url"] == "http://www.a.gov.cn/col/col1/index.html"


FORMS = """<html><body>
<form action="/search/search.jsp" method="POST" id="searchForm">
  <input type="hidden" name="siteid" value="12">
  <input type="text" name="q" placeholder="请输入关键字">
  <input type="submit" value="搜索">
</form>
<form action="/hdjl/submit.do">
  <label for="name">姓名</label><input id="name" name="name">
  <label>手机号码 <input name="mobile" type="tel"></label>
  <input name="idcard" aria-label="身份证号">
  <select name="type"><option>咨询</option></select>
  <textarea name="content" title="留言内容"></textarea>
  <input type="text" id="captcha">
  <input type="image" src="/images/submit.png">
</form>
<form><input name="keyword"></form>
<form action="javascript:void(0)"><input name="a" title="a"></form>
</body></html>"""


def test_forms_fields_and_unlabelled_fields() -> None:
    page = parse_html("http://www.a.gov.cn/hdjl/index.html", FORMS)
    search, letter, bare, scripted = page.forms
    assert search.action == "http://www.a.gov.cn/search/search.jsp"
    assert search.method == "post"
    assert search.fields == ("siteid", "q")
    assert search.unlabelled_fields == ("q",)  # a placeholder is no label
    assert letter.method == "get"
    assert letter.fields == ("name", "mobile", "idcard", "type", "content")
    assert letter.unlabelled_fields == ("type", "captcha")
    assert bare.action == "http://www.a.gov.cn/hdjl/index.html"
    assert scripted.action == "javascript:void(0)"
    form_links = [link.url for link in page.links if link.tag == "form"]
    assert form_links == ["http://www.a.gov.cn/search/search.jsp", "http://www.a.gov.cn/hdjl/submit.do"]


TRS_LIST = """<html><head><title>通知公告</title></head><body>
<ul class="list">
  <li><a href="./202405/t20240510_5000123.html">关于开展2024年安全生产月活动的通知</a>
    <span>2024-05-10</span></li>
  <li><a href="./202405/t20240508_5000100.html">关于2024年端午节放假安排的通知</a><span>2024-05-08</span></li>
</ul>
<div class="page" id="page_div"></div>
<script type="text/javascript">
  var currentPage = 0;//所在页从0开始
  var countPage = 12//共多少页
  createPageHTML('page_div', countPage, currentPage, 'index', 'html', 233);
</script>
<div class="pagination">
  <a href="index.html">首页</a> <a href="index_1.html">下一页</a> <a href="index_11.html">尾页</a>
  <a href="index_2.html">3</a>
</div>
<div class="nav"><a href="/">首页</a></div>
</body></html>"""


def test_pagination_links_are_marked_and_trs_pages_synthesised() -> None:
    page = parse_html("http://www.a.gov.cn/xxgk/tzgg/index.html", TRS_LIST)
    folder = "http://www.a.gov.cn/xxgk/tzgg/"
    pagination = [link for link in page.links if link.pagination]
    assert {link.url for link in pagination} == {folder + "index.html"} | {
        folder + f"index_{n}.html" for n in range(1, 12)
    }
    marked = {link.text: link.url for link in pagination if link.text}
    assert marked == {
        "首页": folder + "index.html",
        "下一页": folder + "index_1.html",
        "尾页": folder + "index_11.html",
        "3": folder + "index_2.html",
    }
    synthesised = [link for link in page.links if link.pagination and not link.text]
    assert all(link.tag == "a" and not link.hidden for link in synthesised)
    assert len(synthesised) == 8  # index_3 … index_10: the others are linked already
    articles = [link for link in page.links if "202405" in link.url]
    assert len(articles) == 2 and not any(link.pagination for link in articles)
    assert not any(link.pagination for link in page.links if link.url == "http://www.a.gov.cn/")


def test_query_pagination() -> None:
    html = '<a href="list.jsp?channelId=5&amp;pageNo=2">2</a><a href="list.jsp?channelId=6">其他栏目</a>'
    page = parse_html("http://www.a.gov.cn/col/list.jsp?channelId=5", html)
    assert [link.pagination for link in page.links] == [True, False]


@pytest.mark.parametrize(
    "reference",
    [
        "a.html",
        "./a.html",
        "../a.html",
        "../../../../a.html",
        "./x/../a.html",
        "/a/./b/../c.html",
        "?page=2",
        "//other.gov.cn/x",
        "http://other.gov.cn/x?y=1",
        "https://other.gov.cn",
        ".",
        "..",
        "..x/a.html",
        "a.html?x=1&y=../z",
    ],
)
def test_resolver_matches_urljoin(reference: str) -> None:
    for base in ("http://h.gov.cn/a/b/c.html?q=1", "http://h.gov.cn/", "https://h.gov.cn/a/b/"):
        assert UrlResolver(base).resolve(reference) == urljoin(base, reference)


@settings(max_examples=300, deadline=None)
@given(
    segments=st.lists(
        st.sampled_from(["..", ".", "col", "202405", "t2024.html", "index_1.html", "a b", "政务"]), max_size=6
    ),
    leading=st.sampled_from(["", "./", "../", "/", "../../"]),
    query=st.sampled_from(["", "?page=2", "?a=1&b=2"]),
)
def test_resolver_agrees_with_urljoin_on_generated_paths(
    segments: list[str], leading: str, query: str
) -> None:
    reference = leading + "/".join(segments) + query
    base = "http://www.a.gov.cn/xxgk/tzgg/202405/t20240510_1.html"
    expected = urljoin(base, reference) if reference.strip() else None
    assert UrlResolver(base).resolve(reference) == expected


def test_empty_page_does_not_fail() -> None:
    page = parse_html("http://www.a.gov.cn/", "")
    assert (page.title, page.text, page.links, page.lang) == ("", "", (), None)


@pytest.mark.parametrize(
    "href",
    ["HTTP://[bad/x", "//[bad/x", "/a/../[x", "./x/../y]", "http://[::1", "C:\\Users\\a.html", "vbscript:x"],
)
def test_malformed_links_do_not_break_the_page(href: str) -> None:
    page = parse_html("http://www.a.gov.cn/x/y.html", f'<a href="{href}">坏链接</a><a href="/ok.html">好</a>')
    assert page.links[-1].url == "http://www.a.gov.cn/ok.html"


def test_malformed_base_href_is_ignored() -> None:
    page = parse_html("http://www.a.gov.cn/x/y.html", '<base href="http://[bad"><a href="z.html">z</a>')
    assert page.base_url is None
    assert page.links[0].url == "http://www.a.gov.cn/x/z.html"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<a href='{}'>链接</a>",
                "<img src='{}' alt=''>",
                "<div style='{}'>",
                "</div>",
                "<style>{}</style>",
                "<script>createPageHTML({})</script>",
                "<form action='{}'><input name='q'></form>",
                "<base href='{}'>",
                "<meta name='{}' content='x'>",
            ]
        ).flatmap(lambda template: st.text(max_size=30).map(template.format)),
        max_size=20,
    )
)
def test_parse_html_never_raises_on_odd_markup(fragments: list[str]) -> None:
    page = parse_html("http://www.a.gov.cn/col/index.html", "".join(fragments))
    assert all(isinstance(link.url, str) for link in page.links)


# --- accessibility facts --------------------------------------------------------------------


def _facts(body: str, html_tag: str = '<html lang="zh-CN">') -> Accessibility:
    page = parse_html(
        "http://www.qingshan.gov.cn/a/index.html", f"{html_tag}<title>t</title><body>{body}</body></html>"
    )
    assert page.accessibility is not None
    return page.accessibility


def test_lang_attribute_is_kept_as_written_and_xml_lang_alone_is_not_it() -> None:
    assert _facts("", '<html lang=" zh_CN ">').lang_attribute == " zh_CN "
    xml_only = parse_html("http://x.gov.cn/", '<html xml:lang="zh-CN"><body>x</body></html>')
    assert xml_only.lang == "zh-CN"  # the page's language, for readers of the text
    assert xml_only.accessibility is not None and xml_only.accessibility.lang_attribute is None


def test_image_names_come_from_alt_aria_and_title_and_decorative_images_pass() -> None:
    facts = _facts(
        '<img src="/a.png" alt="市政府"><img src="/b.png" aria-label="地图"><img src="/c.png" title="会议">'
        '<img src="/d.png" aria-labelledby="cap"><p id="cap" style="display:none">图片说明</p>'
        '<img src="/e.png" alt=""><img src="/f.png" role="presentation">'
        '<img src="/g.png" role="none" tabindex="0">'
        '<img src="/h.png" alt="  "><img data-src="/lazy.png"><div role="img" class="logo"></div>'
    )
    assert facts.images == 10
    assert facts.unnamed_images == (
        "http://www.qingshan.gov.cn/g.png",
        "http://www.qingshan.gov.cn/h.png",
        "http://www.qingshan.gov.cn/lazy.png",
        "<div role=img class=logo>",
    )


def test_images_screen_readers_never_meet_do_not_count_but_off_screen_ones_do() -> None:
    facts = _facts(
        '<style>.menu { display: none }</style><div class="menu"><img src="/m.png"></div>'
        '<div hidden><img src="/h.png"></div><img src="/a.png" aria-hidden="true">'
        '<noscript><img src="/n.png"></noscript><img src="/pixel.gif" width="1" height="1">'
        '<div style="position:absolute;left:-9999px"><img src="/off.png"></div>'
    )
    assert facts.unnamed_images == ("http://www.qingshan.gov.cn/off.png",)
    assert facts.images == 1


def test_an_image_inside_a_link_with_text_is_named_by_the_link() -> None:
    facts = _facts('<a href="/t.html"><img src="/dot.gif">关于开展活动的通知</a>')
    assert facts.unnamed_images == ()


def test_image_buttons_need_a_name_even_with_empty_alt() -> None:
    facts = _facts('<input type="image" src="/go.png" alt=""><input type="image" src="/s.png" title="搜索">')
    assert facts.unnamed_images == ("/go.png",)
    assert facts.fields == 0


def test_link_names_from_text_images_aria_and_title() -> None:
    facts = _facts(
        '<a href="/a">首页</a><a href="/b"><img src="/wb.png" alt="微博"></a>'
        '<a href="/c" aria-label="微信"></a><a href="/d" title="邮箱"><i class="icon"></i></a>'
        '<a href="/e"><img src="/x.png" aria-labelledby="l"></a><span id="l">下载</span>'
        '<a href="/f"><img src="/y.png" alt=""></a><a href="/g"><img src="/z.png" role="none"></a>'
        '<a href="javascript:void(0)"></a><a href="/h" role="button"></a>'
        '<span role="link" tabindex="0"></span>'
        '<map name="m"><area href="/i" alt="东区"><area href="/j"></map>'
    )
    assert facts.unnamed_links == (
        "http://www.qingshan.gov.cn/f",
        "http://www.qingshan.gov.cn/g",
        "javascript:void(0)",
        "http://www.qingshan.gov.cn/j",
        "<span role=link>",
    )
    assert facts.links == 11  # not the role="button" one


def test_hidden_links_do_not_count() -> None:
    hidden = '<a href="/a" style="display:none"></a><a href="/b" aria-hidden="true"></a>'
    facts = _facts(hidden + '<ul hidden><li><a href="/c"></a></ul>')
    assert (facts.links, facts.unnamed_links) == (0, ())


def test_form_field_labels_for_wrapping_aria_title_and_placeholder() -> None:
    facts = _facts(
        '<label for="kw">站内搜索</label><input id="kw" name="searchword">'
        '<label>姓名 <input name="xm"></label>'
        '<input name="tel" aria-label="电话"><input name="mail" title="邮箱">'
        '<input name="q" placeholder="请输入关键词">'
        '<span id="yl">年份</span><select name="year" aria-labelledby="yl"><option>2026</option></select>'
        '<label><select name="month"><option>一月</option></select></label>'
        '<label for="none"></label><input id="none" name="empty_label">'
        '<label for="s"><img src="/search.png" alt="搜索"></label><input id="s" name="by_image">'
        '<textarea name="content"></textarea><input type="checkbox" name="agree">'
        '<input type="hidden" name="siteid"><input type="submit"><button>提交</button>'
        '<div role="textbox" id="rt"></div><div role="checkbox">同意</div>'
        '<input name="gone" style="display:none"><select role="none" disabled name="ro"></select>'
    )
    assert facts.unnamed_fields == ("month", "empty_label", "content", "agree", "<div role=textbox id=rt>")
    assert facts.fields == 13


def test_the_title_of_an_svg_drawing_is_not_the_page_title() -> None:
    page = parse_html("http://x.gov.cn/", "<html><body><svg><title>图标</title></svg><p>x</p></body></html>")
    assert page.title == ""
    body_title = parse_html("http://x.gov.cn/", "<html><body><title>正文中的标题</title></body></html>")
    assert body_title.title == "正文中的标题"


def test_an_attribute_written_without_a_value_is_empty_not_absent() -> None:
    html = '<html lang><title>t</title><body><img src="/line.png" alt></body></html>'
    page = parse_html("http://x.gov.cn/", html)
    assert page.images[0].alt == ""
    assert page.accessibility is not None
    assert (page.accessibility.lang_attribute, page.accessibility.unnamed_images) == ("", ())
