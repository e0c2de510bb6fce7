"""prohibited-content over a stored crawl: defaced pages, hijacked partner domains, news about crime."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from govinspect.checks.api import SiteContext, all_checks
from govinspect.checks.content.prohibited_content import read_term_files
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage, StoredBody, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site
from govinspect.parse.html import parse_html

HOME = "http://www.qingshan.gov.cn/"
FOOTER = '<div class="footer">主办单位：青山县人民政府办公室 网站标识码：3400000001</div>'


def html(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}{FOOTER}</body></html>"


def target(url: str, body: str, *, charset: str = "utf-8") -> tuple[TargetStatus, StoredBody]:
    status = TargetStatus(
        url=url,
        role="target",
        method="GET",
        final_url=url,
        status=200,
        error=None,
        error_detail="",
        content_type=f"text/html; charset={charset}",
        kind="html",
        redirects=(),
        title=None,
        text_length=len(body),
        says_not_found=False,
        record_id=f"<urn:target:{url}>",
    )
    return status, StoredBody(url, status.content_type, body.encode(charset), False)


def context(pages: dict[str, str], targets: Sequence[tuple[TargetStatus, StoredBody]] = ()) -> SiteContext:
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


def run(site: SiteContext, parameters: dict[str, dict[str, object]] | None = None) -> list[Finding]:
    results = run_checks(site, [all_checks()["prohibited-content"]], parameters)
    assert results.coverage["prohibited-content"].error is None
    return list(results.findings)


ANTI_GAMBLING_NEWS = html(
    "我县开展打击网络赌博专项行动_青山县人民政府",
    "<h1>我县开展打击网络赌博专项行动</h1><p>近日，县公安局成功破获一起跨境网络赌博案，抓获犯罪嫌疑人12名。"
    "经查，该团伙以“澳门新葡京”“太阳城娱乐”等名义搭建赌博网站，通过“注册送彩金”诱导群众充值，"
    "涉案流水达2000余万元。警方提醒：网络赌博“十赌九骗”，请广大群众远离赌博。</p>",
)
ANTI_FRAUD_NEWS = html(
    "反诈宣传进社区_青山县人民政府",
    "<p>民警向群众介绍了刷单返利、虚假投资理财等常见诈骗手法，提醒群众切勿轻信“日赚300元”“兼职刷单”等广告。</p>"
    "<p>国家税务总局提醒：切勿通过不法分子购买“代开发票”，虚开发票将承担法律责任。</p>",
)
LOTTERY_NEWS = html(
    "福彩公益金助力民生_青山县人民政府",
    "<p>县福利彩票发行中心召开福彩销售工作会议，全年福利彩票销量达3.2亿元，投注站规范化建设进一步加强。</p>",
)
DEFACED = html(
    "澳门新葡京娱乐场-官方网站",
    "<p>新葡京娱乐城欢迎您！注册即送88元彩金，真人百家乐、体育投注、北京赛车pk10，24小时在线客服。</p>",
    '<meta name="keywords" content="新葡京,澳门赌场,百家乐,真人荷官">',
)
HIJACKED_PARTNER = (
    "<html><head><title>太阳城集团|申博太阳城官网</title></head><body>太阳城娱乐城欢迎您！注册即送88元彩金。"
    "真人视讯 体育投注 电子游艺 彩票游戏</body></html>"
)
PARTNER_NEWS = (
    "<html><head><title>邻县开展扫黄打非专项行动</title></head><body>邻县“扫黄打非”办公室开展专项行动，"
    "依法关停违规网站，清理色情视频、色情小说等有害信息。</body></html>"
)


def test_defaced_page_fails_and_news_about_crime_does_not() -> None:
    site = context(
        {
            HOME: html("青山县人民政府", "<p>首页</p>"),
            HOME + "news/1.html": ANTI_GAMBLING_NEWS,
            HOME + "news/2.html": ANTI_FRAUD_NEWS,
            HOME + "news/3.html": LOTTERY_NEWS,
            HOME + "news/4.html": DEFACED,
        }
    )
    [finding] = run(site)
    assert finding.url == HOME + "news/4.html" and finding.target is None
    assert finding.outcome is Outcome.FAIL
    assert finding.detail["category"] == "gambling" and finding.detail["via"] == "page"
    assert {"真人百家乐", "北京赛车"} <= set(finding.detail["terms"])
    assert "赌博" in finding.message and finding.evidence.archive_record == f"<urn:page:{HOME}news/4.html>"


def test_weak_evidence_is_review() -> None:
    site = context({HOME + "a.html": html("论坛", "<p>百家乐 赌场 博彩 赔率一览</p>")})
    [finding] = run(site)
    assert finding.outcome is Outcome.REVIEW and finding.detail["strength"] == "weak"


def test_hijacked_partner_domain_is_reported_once_at_the_lowest_linking_page() -> None:
    partner = "http://www.old-partner.com/"
    neighbour = "http://www.linshan.gov.cn/news/1.html"
    links = (
        f'<div class="yqlj"><a href="{partner}">青山旅游网</a>'
        f'<a href="{neighbour}">邻县扫黄打非</a><a href="http://www.gov.cn/">中国政府网</a></div>'
    )
    site = context(
        {
            HOME + "b.html": html("b", links),
            HOME + "a.html": html("a", links),
            HOME: html("青山县人民政府", links),
        },
        [target(partner, HIJACKED_PARTNER), target(neighbour, PARTNER_NEWS, charset="gbk")],
    )
    [finding] = run(site)
    assert finding.url == HOME and finding.target == partner
    assert finding.outcome is Outcome.FAIL
    assert finding.detail["via"] == "link" and finding.detail["category"] == "gambling"
    assert finding.detail["found_on"] == [HOME, HOME + "a.html", HOME + "b.html"]
    assert finding.detail["anchor"] == "青山旅游网"
    assert finding.evidence.archive_record == f"<urn:target:{partner}>"
    coverage = run_checks(site, [all_checks()["prohibited-content"]]).coverage["prohibited-content"]
    assert coverage.examined == 5  # three pages and two off-site pages read


def test_hidden_spam_links_are_left_to_hidden_link() -> None:
    spam_host = "http://www.xpj-casino.com/"
    page = html(
        "青山县人民政府",
        '<p>县政府召开常务会议。</p><div style="display:none">'
        f'<a href="{spam_host}">澳门新葡京</a><a href="http://www.pk10-app.com/">北京赛车pk10</a>'
        '<a href="http://www.ssc-app.com/">时时彩平台</a></div>',
    )
    site = context({HOME: page}, [target(spam_host, HIJACKED_PARTNER)])
    assert run(site) == []


def test_user_term_file_from_the_framework(tmp_path: Path) -> None:
    extra = tmp_path / "local-terms.yaml"
    extra.write_text("categories:\n  fraud:\n    strong: [特效神药, 包治百病]\n", encoding="utf-8")
    site = context({HOME + "a.html": html("留言", "<p>祖传特效神药，包治百病，电话联系。</p>")})
    assert run(site) == []
    [finding] = run(site, {"prohibited-content": {"term_files": [str(extra)]}})
    assert finding.detail["category"] == "fraud"
    assert read_term_files({}) == {"term_files": ()}
    assert read_term_files({"term_files": "a.yaml"}) == {"term_files": ("a.yaml",)}


def test_unknown_parameter_is_the_checks_error() -> None:
    results = run_checks(
        context({HOME: html("t", "")}),
        [all_checks()["prohibited-content"]],
        {"prohibited-content": {"terms": 1}},
    )
    assert results.coverage["prohibited-content"].error is not None


def test_runs_agree_whatever_the_page_order() -> None:
    pages = {HOME + "news/4.html": DEFACED, HOME + "x.html": DEFACED, HOME: html("首页", "")}
    first = run(context(pages))
    again = run(context(dict(reversed(pages.items()))))
    assert [f.fingerprint for f in first] == [f.fingerprint for f in again]
    assert len(first) == 2
