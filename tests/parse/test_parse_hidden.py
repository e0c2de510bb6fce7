"""Links and images hidden from readers: by inline style, ``hidden`` or the page's own ``<style>``."""

from __future__ import annotations

import pytest

from govinspect.model import Page
from govinspect.parse.html import parse_html

PAGE_URL = "http://www.qingshan.gov.cn/index.html"


def parse(body: str, head: str = "") -> Page:
    return parse_html(PAGE_URL, f"<html><head>{head}</head><body>{body}</body></html>")


def technique_of(page: Page, text: str) -> str | None:
    [link] = [link for link in page.links if link.text == text and link.tag == "a"]
    assert link.hidden is (link.hidden_technique is not None)
    return link.hidden_technique


@pytest.mark.parametrize(
    ("style", "technique"),
    [
        ("display:none", "display-none"),
        ("DISPLAY: NONE !important", "display-none"),
        ("visibility:hidden", "visibility-hidden"),
        ("position:absolute; left:-9999px; top:0", "off-screen"),
        ("position: fixed; top: -800px", "off-screen"),
        ("text-indent:-9999px", "off-screen"),
        ("text-indent:-100em", "off-screen"),
        ("width:0; height:0; overflow:hidden", "zero-size"),
        ("height:0px;overflow:hidden", "zero-size"),
        ("width:1px;height:1px;overflow:hidden;position:absolute", "zero-size"),
        ("font-size:0", "zero-font"),
        ("font-size:0px;line-height:0", "zero-font"),
        ("color:#fff;background-color:#ffffff", "same-colour"),
        ("color:white;background:#FFF url(bg.png)", "same-colour"),
        ("color:rgb(255, 255, 255); background-color:#ffffff", "same-colour"),
        ("color:transparent", "same-colour"),
        ("color:#333; background:#fff", None),
        ("display:block", None),
        ("position:absolute; left:-100px", None),
        ("position:relative; left:-9999px", None),
        ("left:-9999px", None),
        ("width:0; height:0", None),
        ("height:1px; overflow:visible", None),
        ("height:10px; overflow:hidden", None),
        ("font-size:0.8em", None),
        ("text-indent:-9999px; background:url(/images/logo.png) no-repeat", None),
    ],
)
def test_inline_style_on_an_ancestor(style: str, technique: str | None) -> None:
    page = parse(f'<div style="{style}"><p><a href="/x.html">链接</a></p></div><a href="/y.html">可见</a>')
    assert technique_of(page, "链接") == technique
    assert technique_of(page, "可见") is None


def test_inline_style_on_the_link_itself() -> None:
    page = parse('<a href="/x.html" style="display:none">隐藏</a>')
    assert technique_of(page, "隐藏") == "display-none"


def test_hidden_attribute() -> None:
    page = parse(
        '<section hidden><a href="/x.html">隐藏</a><img src="/a.png"></section><a href="/y.html">可见</a>'
    )
    assert technique_of(page, "隐藏") == "hidden-attribute"
    assert technique_of(page, "可见") is None
    assert [image.hidden for image in page.images] == [True]


GAMBLING_FOOTER = """
<div class="footer">
  <p>主办单位：青山市人民政府办公室</p>
  <div class="yqlj"><a href="http://www.gov.cn/">中国政府网</a></div>
  <div class="f-links">
    <a href="http://www.bet-365-macau.com/">澳门葡京赌场</a>
    <a href="http://www.xpj-casino.com/"><img src="/cache/1.gif">新葡京娱乐城</a>
    <a href="http://www.pk10-app.com/">北京赛车pk10</a>
  </div>
</div>
"""


def test_stylesheet_rule_hiding_a_div_of_gambling_links() -> None:
    head = "<style type='text/css'>\n.yqlj a{color:#333}\n.footer .f-links{ display : none }\n</style>"
    page = parse(GAMBLING_FOOTER, head)
    hidden = {link.text: link.hidden_technique for link in page.links if link.hidden and link.tag == "a"}
    assert hidden == {
        "澳门葡京赌场": "display-none",
        "新葡京娱乐城": "display-none",
        "北京赛车pk10": "display-none",
    }
    assert technique_of(page, "中国政府网") is None
    assert [image.hidden for image in page.images] == [True]
    [image_link] = [link for link in page.links if link.tag == "img"]
    assert image_link.hidden_technique == "display-none"


@pytest.mark.parametrize(
    ("css", "technique"),
    [
        ("#fl { position:absolute; top:-3000px; }", "off-screen"),
        ("div#fl{visibility:hidden}", "visibility-hidden"),
        ("body div.f-links { height:0; overflow:hidden }", "zero-size"),
        ("div > .f-links a { font-size: 0 }", "zero-font"),
        (".f-links{color:#FFFFFF;background-color:#fff}", "same-colour"),
        ("/* 友情链接 */ .x, .f-links {display:none}", "display-none"),
        ("<!-- .f-links{display:none} -->", "display-none"),
        ('@charset "utf-8";\n@import url(/css/base.css);\n.f-links{display:none}', "display-none"),
        (".f-links:hover{display:none}", None),
        ("@media print { .f-links{display:none} }", None),
        ("@media (max-width: 768px) { .nav {display:block} .f-links{display:none} }", None),
        ("a[href*=bet]{display:none}", None),
    ],
)
def test_stylesheet_rules(css: str, technique: str | None) -> None:
    body = '<div class="footer"><div class="f-links" id="fl"><a href="http://www.bet-365-macau.com/">赌场</a></div></div>'
    page = parse(body, f"<style>{css}</style>")
    assert technique_of(page, "赌场") == technique


def test_inline_style_overrides_a_stylesheet_rule() -> None:
    head = "<style>.tab-con{display:none}</style>"
    body = (
        '<div class="tab-con" style="display:block"><a href="/a.html">当前标签</a></div>'
        '<div class="tab-con"><a href="/b.html">其他标签</a></div>'
    )
    page = parse(body, head)
    assert technique_of(page, "当前标签") is None
    assert technique_of(page, "其他标签") == "display-none"


def test_font_size_zero_layout_trick_is_not_hiding() -> None:
    head = "<style>.nav ul{font-size:0} .nav li{font-size:14px;display:inline-block}</style>"
    body = '<div class="nav"><ul><li><a href="/a.html">政务公开</a></li></ul></div>'
    assert technique_of(parse(body, head), "政务公开") is None


def test_font_size_zero_restored_inline_is_not_hiding() -> None:
    body = '<p style="font-size:0"><span style="font-size:14px"><a href="/a.html">政务公开</a></span></p>'
    assert technique_of(parse(body), "政务公开") is None


def test_zero_font_and_same_colour_do_not_hide_images() -> None:
    body = (
        '<div style="font-size:0"><a href="/"><img src="/logo.png" alt="网站首页"></a>'
        '<a href="/x">文字</a></div>'
        '<div style="color:#fff;background:#fff"><img src="/banner.jpg" alt="横幅"></div>'
    )
    page = parse(body)
    assert technique_of(page, "网站首页") is None
    assert technique_of(page, "文字") == "zero-font"
    assert not any(image.hidden for image in page.images)


def test_display_none_hides_images_and_frames() -> None:
    body = '<div style="display:none"><img src="/a.png"><iframe src="/ad.html"></iframe></div>'
    page = parse(body)
    assert all(link.hidden_technique == "display-none" for link in page.links)
    assert len(page.links) == 2
    assert page.images[0].hidden


def test_page_without_hiding_marks_nothing() -> None:
    page = parse(
        '<div style="color:#333;font-size:14px"><a href="/a.html">政务公开</a></div>',
        "<style>a{color:red}</style>",
    )
    assert not any(link.hidden for link in page.links)
