"""hidden-link: planted 暗链 blocks fail, 友情链接 drop-down menus of government sites do not."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from govinspect.checks.api import SiteContext, all_checks
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage, StoredBody, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.page import Page
from govinspect.model.site import Site
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html

HOME = "http://www.qingshan.gov.cn/"


def html(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>青山县人民政府</title>{head}</head><body>"
        f'<div class="main"><p>县政府召开常务会议，研究部署冬季安全生产工作。</p></div>{body}'
        '<div class="footer">主办单位：青山县人民政府办公室</div></body></html>'
    )


def stored_target(url: str, body: str) -> tuple[TargetStatus, StoredBody]:
    status = TargetStatus(
        url=url,
        role="target",
        method="GET",
        final_url=url,
        status=200,
        error=None,
        error_detail="",
        content_type="text/html; charset=utf-8",
        kind="html",
        redirects=(),
        title=None,
        text_length=len(body),
        says_not_found=False,
        record_id=f"<urn:target:{url}>",
    )
    return status, StoredBody(url, status.content_type, body.encode(), False)


def context(pages: dict[str, str], targets: tuple[tuple[TargetStatus, StoredBody], ...] = ()) -> SiteContext:
    parsed = [parse_html(url, text) for url, text in pages.items()]
    bodies = {status.record_id: body for status, body in targets}

    def read() -> Iterator[CrawledPage]:
        return iter(CrawledPage(page, 1, f"<urn:page:{page.url}>") for page in parsed)

    return SiteContext(
        site=Site(name="青山县人民政府", url=HOME),
        as_of=date(2026, 11, 20),
        homepage_url=HOME,
        statuses={status.url: status for status, _ in targets},
        probes={},
        read_pages=read,
        in_scope=lambda url: url.startswith(HOME),
        read_body=lambda record: bodies.get(record),
    )


def run(site: SiteContext) -> list[Finding]:
    results = run_checks(site, [all_checks()["hidden-link"]])
    assert results.coverage["hidden-link"].error is None
    return list(results.findings)


SPAM_BLOCK = (
    '<div class="f-links">'
    '<a href="http://www.xpj-casino.com/">澳门新葡京</a>'
    '<a href="http://www.pk10-app.com/">北京赛车pk10</a>'
    '<a href="http://www.ssc-888.com/">时时彩平台</a>'
    '<a href="http://www.hg-sports.com/">皇冠体育</a>'
    "</div>"
)

GOV_MENU = (
    '<div class="yqlj"><span>政府网站</span><ul class="sub">'
    '<li><a href="http://www.gov.cn/">中国政府网</a></li>'
    '<li><a href="http://www.ah.gov.cn/">安徽省人民政府</a></li>'
    '<li><a href="http://www.hefei.gov.cn/">合肥市人民政府</a></li>'
    '<li><a href="http://www.linshan.gov.cn/">邻山县人民政府</a></li>'
    '<li><a href="http://www.news.cn/">新华网</a></li>'
    "</ul></div>"
)


def test_spam_block_hidden_by_a_stylesheet_rule_fails_per_target() -> None:
    site = context({HOME: html(SPAM_BLOCK, "<style>.footer{color:#333} .f-links{display:none}</style>")})
    findings = run(site)
    assert [f.target for f in findings] == [
        "http://www.hg-sports.com/",
        "http://www.pk10-app.com/",
        "http://www.ssc-888.com/",
        "http://www.xpj-casino.com/",
    ]
    assert all(f.outcome is Outcome.FAIL and f.url == HOME for f in findings)
    assert {f.detail["technique"] for f in findings} == {"display-none"}
    assert {f.detail["reason"] for f in findings} == {"spam-anchor"}
    assert {f.detail["category"] for f in findings} == {"gambling"}
    assert "display:none" in findings[0].message and "赌博" in findings[0].message


@pytest.mark.parametrize(
    ("style", "technique"),
    [
        ("position:absolute;left:-9999px;top:-9999px", "off-screen"),
        ("font-size:0", "zero-font"),
        ("color:#fff;background-color:#fff", "same-colour"),
        ("height:0;overflow:hidden", "zero-size"),
    ],
)
def test_concealing_techniques_fail_even_with_plain_anchors(style: str, technique: str) -> None:
    body = f'<div style="{style}"><a href="http://www.seo-shop.cn/">网站建设</a></div>'
    [finding] = run(context({HOME: html(body)}))
    assert finding.outcome is Outcome.FAIL and finding.detail["technique"] == technique
    assert finding.detail["reason"] == "concealing-technique"


def test_government_drop_down_menu_is_not_reported() -> None:
    for hiding in ('style="display:none"', "hidden", 'style="visibility:hidden"'):
        body = GOV_MENU.replace('class="sub"', f'class="sub" {hiding}')
        assert run(context({HOME: html(body)})) == []
    assert run(context({HOME: html(GOV_MENU, "<style>.yqlj .sub{display:none}</style>")})) == []


def test_company_link_inside_a_government_menu_is_review() -> None:
    menu = GOV_MENU.replace("</ul>", '<li><a href="http://www.qs-chengtou.com/">县城投集团</a></li></ul>')
    [finding] = run(context({HOME: html(menu, "<style>.sub{display:none}</style>")}))
    assert finding.outcome is Outcome.REVIEW and finding.target == "http://www.qs-chengtou.com/"
    assert finding.detail["reason"] == "menu-with-non-government-host"


def test_lone_hidden_link_to_a_non_government_host_fails() -> None:
    body = '<div style="display:none"><a href="http://www.cheap-loans.net/">合作伙伴</a></div>'
    [finding] = run(context({HOME: html(body)}))
    assert finding.outcome is Outcome.FAIL and finding.detail["reason"] == "non-government-host"


def test_plain_anchor_to_a_page_now_selling_gambling_fails() -> None:
    expired = "http://www.old-partner.com/"
    gambling = (
        "<html><title>太阳城集团|申博太阳城官网</title><body>注册即送88元彩金 真人视讯 体育投注</body></html>"
    )
    menu = GOV_MENU.replace("</ul>", f'<li><a href="{expired}">青山旅游网</a></li></ul>')
    site = context(
        {HOME: html(menu, "<style>.sub{display:none}</style>")}, (stored_target(expired, gambling),)
    )
    [finding] = run(site)
    assert finding.outcome is Outcome.FAIL and finding.detail["reason"] == "prohibited-target"
    assert finding.detail["category"] == "gambling"


def test_hidden_links_inside_the_site_and_visible_links_are_not_reported() -> None:
    body = (
        '<div class="tab" style="display:none">'
        '<a href="/news/1.html">通知公告</a><a href="/news/2.html">政策文件</a></div>'
        '<a href="http://www.example.com/">可见外部链接</a>'
    )
    site = context({HOME: html(body)})
    assert run(site) == []
    assert run_checks(site, [all_checks()["hidden-link"]]).coverage["hidden-link"].examined == 1


def test_one_finding_per_page_and_target() -> None:
    twice = SPAM_BLOCK + SPAM_BLOCK.replace("f-links", "f-links2")
    head = "<style>.f-links, .f-links2{display:none}</style>"
    pages = {HOME: html(twice, head), HOME + "a.html": html(SPAM_BLOCK, head)}
    findings = run(context(pages))
    assert len(findings) == 8
    assert len({f.fingerprint for f in findings}) == 8
    again = run(context(dict(reversed(pages.items()))))
    assert sorted(f.fingerprint for f in again) == sorted(f.fingerprint for f in findings)


# Labelled cases for precision and recall: every hiding technique the parser knows, with spam and
# with plain anchors, against the traps of real government pages.
_TECHNIQUE_STYLES = {
    "display-none": "display:none",
    "visibility-hidden": "visibility:hidden",
    "off-screen": "position:absolute;top:-3000px",
    "zero-size": "width:0;height:0;overflow:hidden",
    "zero-font": "font-size:0px;line-height:0",
    "same-colour": "color:#ffffff;background:#ffffff",
}
_SPAM_ANCHORS = ["北京赛车pk10", "新葡京娱乐场", "成人视频", "代开发票", "bet365", "时时彩"]
_PLAIN_ANCHORS = ["网站建设", "合作伙伴", "more"]
_TRAP_MENUS = [
    GOV_MENU,
    '<div class="share"><a href="http://service.weibo.com/share/share.php?url=x">新浪微博</a>'
    '<a href="http://connect.qq.com/widget/shareqq/index.html?url=x">QQ</a></div>',
    '<div class="zq"><a href="http://www.ahfeixi.gov.cn/">肥西县</a><a href="http://www.chaohu.gov.cn/">巢湖市</a>'
    '<a href="http://www.redcross.org.cn/">中国红十字会</a><a href="http://www.12371.cn/">共产党员网</a></div>',
]


def _labelled_pages() -> tuple[dict[str, str], set[tuple[str, str]]]:
    pages: dict[str, str] = {}
    planted: set[tuple[str, str]] = set()
    number = 0
    for style in _TECHNIQUE_STYLES.values():
        for anchor in _SPAM_ANCHORS + _PLAIN_ANCHORS:
            number += 1
            url, host = f"{HOME}p{number}.html", f"http://www.spam-{number}.com/"
            pages[url] = html(f'<div class="x" style="{style}"><a href="{host}">{anchor}</a></div>')
            planted.add((url, host))
        for menu in _TRAP_MENUS:
            number += 1
            pages[f"{HOME}p{number}.html"] = html(menu.replace("<div ", f'<div style="{style}" ', 1))
    return pages, planted


def test_precision_and_recall_on_labelled_cases() -> None:
    pages, planted = _labelled_pages()
    failed = {(f.url, f.target) for f in run(context(pages)) if f.outcome is Outcome.FAIL}
    true = len(failed & planted)
    assert len(planted) == 54 and len(pages) == 72
    assert true / len(failed) >= 0.95  # precision
    assert true / len(planted) >= 0.95  # recall


CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def _corpus_pages() -> list[Page]:
    with (CORPORA / "cn-web-extraction-cwce" / "index.tsv").open(encoding="utf-8") as rows:
        hosts = {row[0]: row[1] for row in csv.reader(rows, delimiter="\t")}
    pages = []
    for path in sorted((CORPORA / "cn-web-extraction-cwce" / "original").glob("*.html")):
        text, encoding = decode_html(path.read_bytes(), None)
        pages.append(
            parse_html(f"http://{hosts.get(path.stem, 'corpus.example')}/{path.stem}.html", text, encoding)
        )
    magic = CORPORA / "magic-html-cn"
    for key, entry in json.loads((magic / "base.json").read_text(encoding="utf-8")).items():
        text, encoding = decode_html((magic / "htmls" / f"{key}.html").read_bytes(), None)
        pages.append(parse_html(entry["url"], text, encoding))
    return pages


def _single_page_site(page: Page) -> SiteContext:
    host = urlsplit(page.url).hostname
    return SiteContext(
        site=Site(name="corpus", url=f"http://{host}/"),
        as_of=date(2026, 11, 20),
        homepage_url=page.url,
        statuses={},
        probes={},
        read_pages=lambda: iter([CrawledPage(page, 0, None)]),
        in_scope=lambda url: urlsplit(url).hostname == host,
    )


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real Chinese pages are read from {CORPORA}")
def test_real_pages_government_pages_clean_and_no_spam_anchor_anywhere() -> None:
    pages = _corpus_pages()
    assert len(pages) >= 90
    findings = [f for page in pages for f in run(_single_page_site(page))]
    government = [f for f in findings if (urlsplit(f.url).hostname or "").endswith((".gov.cn", ".edu.cn"))]
    assert government == []
    assert not [f for f in findings if f.detail["reason"] in ("spam-anchor", "prohibited-target")]
    # Media pages hide commercial links in ad tabs and sister-site menus: measured 3 of 96 pages.
    assert len({f.url for f in findings if f.outcome is Outcome.FAIL}) <= 3
