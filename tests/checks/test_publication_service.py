"""The publication and service checks on small sites: copied interpretations, a missing
interpretation column, incomplete service guides."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.parse.test_columns import HOME, crawl, gov_page, list_body
from tests.parse.test_interpretations import DOC_BODY, DOC_TITLE, PASTED_BODY, REWRITE_BODY
from tests.parse.test_service_guides import COMPLETE_TABLE, table

from govinspect.checks.api import SiteContext, all_checks
from govinspect.checks.publication.interpretation_copied import read_copied_parameters
from govinspect.checks.service.service_guide_incomplete import read_guide_parameters
from govinspect.engine import run_checks
from govinspect.model.crawl import StoredBody, TargetStatus
from govinspect.model.finding import Finding
from govinspect.model.site import Site, SiteType
from govinspect.parse.html import parse_html

T = date(2026, 11, 20)
NAV = [
    ("/zcwj/index.html", "政策文件"),
    ("/zcjd/index.html", "政策解读"),
    ("/bszn/index.html", "办事指南"),
]
SECOND_DOC = "某某县人民政府关于印发某某县耕地保护实施方案的通知"
SECOND_BODY = (
    "<p>各乡镇人民政府，县政府各部门：</p><p>现将《某某县耕地保护实施方案》印发给你们，请结合实际认真组织实施。</p>"
    "<p>一、工作目标。到2028年，全县耕地保有量不低于52万亩，永久基本农田保护面积不低于45万亩。</p>"
    "<p>二、重点任务。严格落实耕地占补平衡，严禁违规占用耕地绿化造林、挖湖造景，坚决遏制耕地非农化。</p>"
    "<p>三、保障措施。各乡镇要落实耕地保护党政同责，将耕地保护目标纳入年度考核，强化执法监督。</p>"
)


def article(title: str, column: tuple[str, str], body: str, related: str = "") -> str:
    url, name = column
    return (
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{url}">{name}</a></div>'
        f'<h1>{title}</h1><div class="info">发布时间：2026-10-21 09:30　来源：某某县人民政府办公室</div>'
        f"{body}{related}"
    )


def related(label: str, url: str, text: str) -> str:
    return f'<div class="related"><h3>{label}</h3><ul><li><a href="{url}">{text}</a></li></ul></div>'


def policy_site(copied: bool, *, interpretation_column: bool = True, nav_extra: str = "") -> dict[str, str]:
    """Two policy documents, each with an interpretation (the first one pasted when ``copied``),
    and an image interpretation; or no interpretation column at all."""
    nav = [item for item in NAV if interpretation_column or item[1] != "政策解读"]
    docs = [
        ("/zcwj/202610/t20261020_101.html", DOC_TITLE, DOC_BODY, "2026-10-20"),
        ("/zcwj/202609/t20260901_100.html", SECOND_DOC, SECOND_BODY, "2026-09-01"),
    ]
    interpretations = [
        (
            "/zcjd/202610/t20261021_201.html",
            f"《{DOC_TITLE}》政策解读",
            PASTED_BODY if copied else REWRITE_BODY,
        ),
        (
            "/zcjd/202610/t20261022_202.html",
            "一图读懂某某县城乡居民基本医疗保险实施办法",
            '<p><img src="/a.jpg"></p>',
        ),
        (
            "/zcjd/202609/t20260902_200.html",
            f"《{SECOND_DOC}》政策解读",
            REWRITE_BODY.replace("医保", "耕地"),
        ),
    ]
    home = gov_page("某某县人民政府", f"<p>欢迎访问</p>{nav_extra}", nav)
    pages = {HOME: home}
    pages[HOME + "zcwj/index.html"] = gov_page(
        "政策文件_某某县", list_body("政策文件", [(u, t, d) for u, t, _, d in docs]), nav
    )
    for index, (url, title, body, _) in enumerate(docs):
        link = related("相关解读", interpretations[2 * index][0], interpretations[2 * index][1])
        pages[HOME + url[1:]] = gov_page(
            title, article(title, ("/zcwj/index.html", "政策文件"), body, link), nav
        )
    if interpretation_column:
        listed = [(u, t, "2026-10-21") for u, t, _ in interpretations]
        pages[HOME + "zcjd/index.html"] = gov_page("政策解读_某某县", list_body("政策解读", listed), nav)
        for (url, title, body), doc in zip(interpretations, [docs[0], docs[0], docs[1]], strict=True):
            link = related("相关文件", doc[0], doc[1])
            pages[HOME + url[1:]] = gov_page(
                title, article(title, ("/zcjd/index.html", "政策解读"), body, link), nav
            )
    return pages


def guide_site(guides: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """A 办事指南 column listing one guide page per entry (title → table rows)."""
    listed = [(f"/bszn/2025/g{i}.html", title, "2025-06-12") for i, title in enumerate(guides)]
    pages = {
        HOME: gov_page("某某县人民政府", "<p>欢迎访问</p>", NAV),
        HOME + "bszn/index.html": gov_page("办事指南_某某县", list_body("办事指南", listed), NAV),
    }
    for (url, title, _), rows in zip(listed, guides.values(), strict=True):
        pages[HOME + url[1:]] = gov_page(
            title, article(title, ("/bszn/index.html", "办事指南"), table(rows)), NAV
        )
    return pages


def run(
    name: str,
    pages: dict[str, str],
    site_type: SiteType | None = "portal",
    elsewhere: dict[str, str] | None = None,
    **parameters: Any,
) -> tuple[list[Finding], int]:
    """The findings of one check over the site, and how many things it examined.

    ``elsewhere``: pages of other sites the site links to, stored by the crawl (URL → HTML).
    """
    crawled = crawl(pages)
    stored = {f"<urn:{url}>": StoredBody(url, "text/html; charset=utf-8", html.encode(), False)
              for url, html in (elsewhere or {}).items()}  # fmt: skip
    statuses = {
        url: TargetStatus(
            url, "target", "GET", url, 200, None, "", "text/html", "html", (),
            parse_html(url, html).title, len(html), False, f"<urn:{url}>",
        )
        for url, html in (elsewhere or {}).items()
    }  # fmt: skip
    context = SiteContext(
        site=Site(name="某某县人民政府", url=HOME, site_type=site_type),
        as_of=T,
        homepage_url=HOME,
        statuses=statuses,
        probes={},
        read_pages=lambda: iter(crawled),
        in_scope=lambda url: url.startswith(HOME),
        read_body=stored.get,
    )
    results = run_checks(context, [all_checks()[name]], parameters={name: parameters} if parameters else {})
    assert not results.coverage[name].error, results.coverage[name].error
    return list(results.findings), results.coverage[name].examined


def test_an_interpretation_that_pastes_its_document_is_reported_against_the_document() -> None:
    found, examined = run("interpretation-copied", policy_site(copied=True))
    assert [(f.url, f.target) for f in found] == [
        (HOME + "zcjd/202610/t20261021_201.html", HOME + "zcwj/202610/t20261020_101.html")
    ]
    assert found[0].detail["similarity"] > 0.9
    assert found[0].detail["policy_title"] == DOC_TITLE
    assert "政策解读" in found[0].message
    assert examined == 2  # the image interpretation has too little text to judge


def test_a_document_on_the_disclosure_platform_is_compared_through_the_stored_page() -> None:
    platform = "http://xxgk.xx.gov.cn/art/2026/10/20/art_1_101.html"
    pages = policy_site(copied=True)
    pages = {url: html.replace("/zcwj/202610/t20261020_101.html", platform) for url, html in pages.items()}
    del pages[HOME + "zcwj/202610/t20261020_101.html"]
    document = (
        f'<html><head><meta charset="utf-8"><title>{DOC_TITLE}-某某县政府信息公开网</title></head><body>'
        f'<div class="head">某某县政府信息公开网 <a href="/">首页</a> <a href="/zcwj/">政策文件</a></div>'
        f"<table><tr><td>索引号</td><td>003237019/2026-01234</td><td>文号</td><td>某政办〔2026〕12号</td></tr></table>"
        f"<h1>{DOC_TITLE}</h1>{DOC_BODY}<div>某某县政府信息公开网 版权所有</div></body></html>"
    )
    found, examined = run("interpretation-copied", pages, elsewhere={platform: document})
    assert [(f.url, f.target) for f in found] == [(HOME + "zcjd/202610/t20261021_201.html", platform)]
    assert found[0].detail["similarity"] > 0.8
    assert examined == 2


def test_interpretations_in_their_own_words_and_image_interpretations_are_not_reported() -> None:
    found, examined = run("interpretation-copied", policy_site(copied=False))
    assert found == []
    assert examined == 2


def test_the_copied_threshold_is_a_framework_value() -> None:
    strict, _ = run("interpretation-copied", policy_site(copied=False), copied_similarity=0.04)
    assert [f.url for f in strict] == [HOME + "zcjd/202610/t20261021_201.html"]  # shares a few phrases
    assert 0.04 <= strict[0].detail["similarity"] < 0.2
    with pytest.raises(ValueError, match="copied_similarity"):
        read_copied_parameters({"copied_similarity": 80})
    with pytest.raises(ValueError, match="takes"):
        read_copied_parameters({"threshold": 0.8})


def test_a_portal_without_an_interpretation_column_is_reported_once_at_its_homepage() -> None:
    found, examined = run("interpretation-missing", policy_site(copied=False, interpretation_column=False))
    assert [f.url for f in found] == [HOME]
    assert examined == 1
    assert run("interpretation-missing", policy_site(copied=False))[0] == []


def test_only_portals_are_judged_and_a_column_on_the_disclosure_platform_counts() -> None:
    without = policy_site(copied=False, interpretation_column=False)
    assert run("interpretation-missing", without, site_type="department") == ([], 0)
    assert run("interpretation-missing", without, site_type=None) == ([], 0)
    elsewhere = policy_site(
        copied=False,
        interpretation_column=False,
        nav_extra='<a href="http://xxgk.xx.gov.cn/col/col123/index.html">政策解读</a>',
    )
    assert run("interpretation-missing", elsewhere)[0] == []


def test_each_incomplete_guide_is_reported_with_its_missing_elements() -> None:
    lacking = [row for row in COMPLETE_TABLE if row[0] not in ("设定依据", "办理流程")]
    bare = [row for row in COMPLETE_TABLE if row[0] in ("事项名称", "申请材料", "办理地点")]
    no_hours = [(k, "暂无" if k == "办理时间" else v) for k, v in COMPLETE_TABLE]
    site = guide_site(
        {
            "最低生活保障办事指南": COMPLETE_TABLE,
            "临时救助办事指南": lacking,
            "残疾人证办理办事指南": bare,
            "生育登记服务办事指南": no_hours,
        }
    )
    site[HOME] = site[HOME].replace("<p>欢迎访问</p>", '<a href="/bszn/2025/g1.html?from=home">临时救助</a>')
    site[HOME + "bszn/2025/g1.html?from=home"] = site[HOME + "bszn/2025/g1.html"]  # one guide, two addresses
    found, examined = run("service-guide-incomplete", site)
    assert examined == 4
    missing = {
        f.detail["guide_title"]: (f.detail["missing"], f.detail["empty"], f.detail["severe"]) for f in found
    }
    assert missing == {
        "临时救助办事指南": (["设定依据", "办理流程"], [], False),
        "残疾人证办理办事指南": (["设定依据", "申请条件", "办理时间", "联系电话", "办理流程"], [], True),
        "生育登记服务办事指南": (["办理时间"], ["办理时间"], False),
    }
    assert len(found) == 3
    assert "办理时间标注为空" in next(f.message for f in found if f.detail["empty"])
    assert all(f.url.startswith(HOME + "bszn/2025/") for f in found)


def test_a_guide_named_only_by_its_column_is_read_as_a_guide() -> None:
    rows = [row for row in COMPLETE_TABLE if row[0] in ("事项名称", "申请材料", "办理地点")]
    found, examined = run("service-guide-incomplete", guide_site({"城乡居民最低生活保障待遇审核确认": rows}))
    assert examined == 1
    assert found[0].detail["missing_count"] == 5


def test_the_required_elements_and_the_severe_count_are_framework_values() -> None:
    no_fee = [row for row in COMPLETE_TABLE if row[0] != "收费标准"]
    site = guide_site({"最低生活保障办事指南": no_fee})
    assert run("service-guide-incomplete", site)[0] == []
    ten = [
        "事项名称",
        "设定依据",
        "申请条件",
        "办理材料",
        "办理地点",
        "办理机构",
        "收费标准",
        "办理时间",
        "联系电话",
        "办理流程",
    ]
    found, _ = run("service-guide-incomplete", site, elements=ten, severe_missing=1)
    assert [(f.detail["missing"], f.detail["severe"]) for f in found] == [(["收费标准"], True)]
    with pytest.raises(ValueError, match="unknown element"):
        read_guide_parameters({"elements": ["办事时限"]})
    with pytest.raises(ValueError, match="severe_missing"):
        read_guide_parameters({"severe_missing": 0})
