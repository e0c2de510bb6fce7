"""Pairing policy documents with their interpretations (政策解读), and measuring how much one copies."""

from __future__ import annotations

import pytest

from govinspect.model.page import Page
from govinspect.parse.html import parse_html
from govinspect.parse.interpretations import (
    copied_share,
    headline,
    interpreted_title,
    is_interpretation_column,
    is_interpretation_title,
    pair_interpretations,
)

HOME = "http://www.xx.gov.cn/"
DOC_URL = f"{HOME}zwgk/zcwj/202610/t20261020_101.html"
DOC_TITLE = "某某县人民政府办公室关于印发某某县城乡居民基本医疗保险实施办法的通知"
FOOTER = (
    '<div class="footer"><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a>'
    "<p>主办单位：某某县人民政府办公室 地址：某某县人民路1号 联系电话：0556-5612345"
    " 网站标识码：3408220001</p></div>"
)
NAV = "".join(
    f'<li><a href="/{path}/">{name}</a></li>'
    for path, name in (
        ("xwzx", "新闻中心"),
        ("zwgk/zcwj", "政策文件"),
        ("zwgk/zcjd", "政策解读"),
        ("bsfw", "办事服务"),
    )
)

# The document: the body of a real-style 实施办法, article by article.
DOC_BODY = (
    "<p>各乡镇人民政府，县政府各部门、各直属机构：</p>"
    "<p>《某某县城乡居民基本医疗保险实施办法》已经县政府第36次常务会议审议通过，现印发给你们，请认真贯彻执行。</p>"
    "<p>第一条 为进一步完善城乡居民基本医疗保险制度，保障参保人员基本医疗需求，"
    "根据《中华人民共和国社会保险法》"
    "和《安徽省城乡居民基本医疗保险办法》等规定，结合本县实际，制定本办法。</p>"
    "<p>第二条 本办法适用于本县行政区域内除职工基本医疗保险应参保人员以外的其他所有城乡居民。</p>"
    "<p>第三条 城乡居民医保实行个人缴费与政府补助相结合的筹资方式，2027年度个人缴费标准为每人每年400元。</p>"
    "<p>第四条 参保人员在一个自然年度内发生的政策范围内住院医疗费用，乡镇卫生院起付线200元，报销比例90%；"
    "县级医院起付线500元，报销比例80%；县外医院起付线1000元，报销比例65%。</p>"
    "<p>第五条 参保人员患高血压、糖尿病等门诊慢性病的，门诊费用按60%比例报销，年度限额3000元。</p>"
    "<p>第六条 医疗保障部门应当加强基金监管，依法查处欺诈骗保行为，确保基金安全。</p>"
    "<p>第七条 本办法自2027年1月1日起施行，有效期5年。</p>"
)
# An interpretation that explains in its own words.
REWRITE_BODY = (
    "<p>一、出台背景</p><p>近年来，我县城乡居民医保参保率稳定在97%以上，但群众反映县外就医报销比例偏低、"
    "慢性病用药负担较重。为回应群众关切，县医保局在深入调研、广泛征求意见的基础上起草了《办法》。</p>"
    "<p>二、主要内容</p><p>《办法》共七条，重点明确了三方面内容：一是谁可以参保，除职工医保覆盖的人员外，"
    "全县城乡居民都可以参加；二是怎么缴费，个人每年缴纳400元，其余由财政补助；三是怎么报销，"
    "在乡镇卫生院住院最高可报九成，在县外住院也能报销六成多。</p>"
    "<p>三、政策亮点</p><p>首次把高血压、糖尿病等门诊慢性病纳入报销，每年最多可报3000元，"
    "患者不用住院也能享受医保待遇。</p><p>四、咨询方式</p><p>群众可拨打县医保局服务热线咨询。</p>"
)
# A "解读" that pastes the document after a short introduction.
PASTED_BODY = "<p>近日，县政府办公室印发了《某某县城乡居民基本医疗保险实施办法》，现解读如下。</p>" + DOC_BODY


def page(url: str, title: str, crumb: str, main: str, related: str = "") -> Page:
    html = (
        f'<html><head><meta charset="utf-8"><title>{title}_某某县人民政府</title></head><body>'
        f'<div class="top"><img src="/logo.png" alt="某某县人民政府"><ul class="nav">{NAV}</ul></div>'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">{crumb}</a></div>'
        f'<div class="main"><h1>{title}</h1>'
        '<div class="info">发布时间：2026-10-21 09:30　来源：某某县医疗保障局</div>'
        f"{main}{related}</div>{FOOTER}</body></html>"
    )
    return parse_html(url, html)


def related(label: str, url: str, text: str) -> str:
    return f'<div class="related"><h3>{label}</h3><ul><li><a href="{url}">{text}</a></li></ul></div>'


def document(link_to: str | None = None, link_text: str = "") -> Page:
    extra = related("相关解读", link_to, link_text) if link_to else ""
    return page(DOC_URL, DOC_TITLE, "政策文件", DOC_BODY, extra)


def test_headlines_name_the_document_they_interpret() -> None:
    assert headline(f"《{DOC_TITLE}》政策解读_某某县人民政府") == f"《{DOC_TITLE}》政策解读"
    assert headline(f"一图读懂 | {DOC_TITLE}_某某县人民政府") == f"一图读懂：{DOC_TITLE}"
    assert interpreted_title(headline(f"一图读懂 | {DOC_TITLE}_某某县人民政府")) == DOC_TITLE
    assert (
        interpreted_title("图解丨某某县城乡居民基本医疗保险实施办法") == "某某县城乡居民基本医疗保险实施办法"
    )
    assert interpreted_title(f"《{DOC_TITLE}》政策解读") == DOC_TITLE
    assert interpreted_title("一图读懂2026年某某县政府工作报告") == "2026年某某县政府工作报告"
    assert (
        interpreted_title("图解：某某县城乡居民基本医疗保险实施办法") == "某某县城乡居民基本医疗保险实施办法"
    )
    assert (
        interpreted_title("某某县城乡居民基本医疗保险实施办法政策解读")
        == "某某县城乡居民基本医疗保险实施办法"
    )
    assert interpreted_title(DOC_TITLE) is None
    assert is_interpretation_title("县医保局负责人就《办法》答记者问")
    assert not is_interpretation_title("某某县召开医疗保障工作会议")
    assert not is_interpretation_title("某某县人民政府办公室关于做好政策解读工作的通知")


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("政策解读", True),
        ("解读回应", True),
        ("图解政策", True),
        ("政策解读与回应", True),
        ("相关解读", False),
        ("解读", False),
        (f"《{DOC_TITLE}》政策解读", False),
        ("政策文件", False),
    ],
)
def test_interpretation_columns_are_told_from_item_links(name: str, column: bool) -> None:
    assert is_interpretation_column(name) is column


def test_an_interpretation_that_pastes_its_document_is_mostly_contained_in_it() -> None:
    interpretation_url = f"{HOME}zwgk/zcjd/202610/t20261021_201.html"
    title = f"《{DOC_TITLE}》政策解读"
    pasted = page(interpretation_url, title, "政策解读", PASTED_BODY)
    rewritten = page(interpretation_url, title, "政策解读", REWRITE_BODY)
    doc = document(interpretation_url, title)
    copied = copied_share(pasted.text, doc.text, (title, DOC_TITLE))
    own = copied_share(rewritten.text, doc.text, (title, DOC_TITLE))
    assert copied.share > 0.9
    assert own.share < 0.2
    assert own.compared > 100


def test_an_image_interpretation_has_too_little_text_to_judge() -> None:
    interpretation_url = f"{HOME}zwgk/zcjd/202610/t20261022_202.html"
    title = "一图读懂某某县城乡居民基本医疗保险实施办法"
    image = page(
        interpretation_url, title, "政策解读", '<p><img src="/zcjd/202610/W020261022.jpg" alt="一图读懂"></p>'
    )
    similarity = copied_share(image.text, document().text, (title, DOC_TITLE))
    assert similarity.compared < 100


def test_pairs_come_from_links_in_either_direction_and_from_titles() -> None:
    by_link = f"{HOME}zwgk/zcjd/202610/t20261021_201.html"
    by_back_link = f"{HOME}zwgk/zcjd/202610/t20261022_202.html"
    by_title = f"{HOME}zwgk/zcjd/202610/t20261023_203.html"
    other_doc_url = f"{HOME}zwgk/zcwj/202609/t20260901_100.html"
    other_doc = page(
        other_doc_url,
        "某某县人民政府关于印发某某县耕地保护实施方案的通知",
        "政策文件",
        "<p>第一条 为加强耕地保护……</p>",
    )
    pages = [
        page(HOME + "zwgk/zcjd/", "政策解读", "政策解读", "<ul><li>…</li></ul>"),
        document(by_back_link, "【图解】"),
        other_doc,
        page(
            by_link,
            "县医保局解读城乡居民医保新政",
            "政策解读",
            REWRITE_BODY,
            related("政策原文", DOC_URL, "政策原文"),
        ),
        page(by_back_link, "一图读懂城乡居民医保新政", "政策解读", "<p><img src='/a.jpg' alt='图解'></p>"),
        page(by_title, "图解：某某县耕地保护实施方案", "政策解读", "<p><img src='/b.jpg' alt='图解'></p>"),
    ]
    pairs = {p.interpretation: p for p in pair_interpretations(pages, not_documents={HOME + "zwgk/zcjd/"})}
    assert {url: (p.document, p.evidence) for url, p in pairs.items()} == {
        by_link: (DOC_URL, "link"),
        by_back_link: (DOC_URL, "link"),
        by_title: (other_doc_url, "title"),
    }
    assert pairs[by_title].document_title == "某某县人民政府关于印发某某县耕地保护实施方案的通知"


def test_a_column_list_page_or_a_menu_link_is_never_a_document() -> None:
    interpretation_url = f"{HOME}zwgk/zcjd/202610/t20261021_201.html"
    pages = [
        page(
            HOME + "zwgk/zcwj/",
            "政策文件",
            "政策文件",
            f'<ul><li><a href="{DOC_URL}">{DOC_TITLE}</a></li></ul>',
        ),
        page(interpretation_url, "县医保局解读城乡居民医保新政", "政策解读", REWRITE_BODY),
    ]
    assert pair_interpretations(pages, not_documents={HOME + "zwgk/zcwj/"}) == ()
