"""The ten identity and compliance checks on small sites built from real footer and header markup."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from govinspect.checks.api import SiteContext, all_checks
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site
from govinspect.parse.html import parse_html

CHECKS = (
    "site-code-missing",
    "icp-missing",
    "psb-missing",
    "conac-missing",
    "jiucuo-missing",
    "non-gov-domain",
    "no-site-search",
    "not-mobile-friendly",
    "no-https",
    "annual-report-missing",
)
HOME = "https://www.hefei.gov.cn/"
CODE = "3401000001"
SITE = Site(name="合肥市人民政府", url=HOME, site_code=CODE, region_code="340100", site_type="portal")
AS_OF = date(2026, 11, 20)
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
SEARCH = (
    '<form action="/jsearchfront/search.do" method="get" target="_blank">'
    '<input type="text" name="q" placeholder="请输入关键词"><input type="submit" value="搜索"></form>'
)
REPORT_LINK = '<a href="/public/report/2026/0120/1.pdf">合肥市人民政府网站2025年度工作报表</a>'
CONAC = (
    '<span id="_ideConac"><script type="text/javascript" '
    'src="https://dcs.conac.cn/js/12/000/0000/60428826/CA120000000604288260001.js"></script></span>'
)


def footer(
    *,
    code: str | None = CODE,
    icp: bool = True,
    psb: bool = True,
    conac: str | None = CONAC,
    jiucuo: str | None = CODE,
) -> str:
    """A footer in the shape real portals use: organiser, filings, code, badges."""
    parts = ["<p>主办单位：合肥市人民政府办公室　联系电话：0551-63536131</p><p>"]
    if icp:
        parts.append('<a href="https://beian.miit.gov.cn/" target="_blank">皖ICP备05001568号-1</a>　')
    if psb:
        parts.append(
            '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34010402000817">'
            '<img src="/images/ga.png">皖公网安备 34010402000817号</a>　'
        )
    if code:
        parts.append(f"网站标识码：{code}")
    parts.append("</p>")
    if conac:
        parts.append(conac)
    if jiucuo:
        parts.append(
            f"<script id=\"_jiucuo_\" sitecode='{jiucuo}' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>"
        )
    return f'<div class="footer">{"".join(parts)}</div>'


def html(
    body: str,
    *,
    head: str = VIEWPORT,
    meta_code: str | None = CODE,
    foot: str | None = None,
    title: str = "首页",
) -> str:
    meta = f'<meta name="SiteIDCode" content="{meta_code}">' if meta_code else ""
    nav = "".join(f'<a href="/col/col{i}/index.html">栏目{i}</a>' for i in range(6))
    return (
        f"<html><head><meta charset='utf-8'>{head}{meta}<title>{title}</title></head>"
        f"<body><div class='header'>{SEARCH}{nav}</div>{body}"
        f"{footer() if foot is None else foot}</body></html>"
    )


def crawl(pages: Mapping[str, str]) -> list[CrawledPage]:
    return [
        CrawledPage(parse_html(url, text), 0 if url == HOME else 1, f"<urn:uuid:{n}>")
        for n, (url, text) in enumerate(pages.items())
    ]


def status(url: str, code: int | None, error: str | None = None) -> TargetStatus:
    return TargetStatus(
        url, "target", "GET", url, code, error, "", "text/html", "html", (), None, None, False, None
    )


def run(
    pages: Mapping[str, str],
    *,
    site: Site = SITE,
    as_of: date = AS_OF,
    homepage: str | None = HOME,
    statuses: Mapping[str, TargetStatus] | None = None,
) -> dict[str, list[Finding]]:
    stored = crawl(pages)
    context = SiteContext(
        site=site,
        as_of=as_of,
        homepage_url=homepage,
        statuses=statuses or {},
        probes={},
        read_pages=lambda: iter(stored),
        in_scope=lambda url: url.startswith(site.url),
    )
    results = run_checks(context, [all_checks()[name] for name in CHECKS])
    assert not any(coverage.error for coverage in results.coverage.values()), results.coverage
    found: dict[str, list[Finding]] = {name: [] for name in CHECKS}
    for finding in results.findings:
        found[finding.check].append(finding)
    return found


def fired(found: Mapping[str, list[Finding]]) -> set[str]:
    return {name for name, findings in found.items() if findings}


def article(n: int, foot: str | None = None) -> tuple[str, str]:
    return f"{HOME}art/2026/{n}.html", html(f"<h1>第{n}条信息</h1>", foot=foot, title=f"第{n}条信息")


def good_site(**home: str) -> dict[str, str]:
    return {HOME: html(REPORT_LINK, **home), **dict(article(n) for n in range(3))}


def test_a_compliant_site_gets_no_finding() -> None:
    assert fired(run(good_site())) == set()


def test_each_check_reports_once_per_site_at_the_homepage() -> None:
    bare = html("<p>欢迎</p>", head="", meta_code=None, foot='<div class="footer">版权所有</div>')
    bare = bare.replace(SEARCH, "")
    found = run({HOME: bare}, homepage="http://www.hefei.gov.cn/", site=SITE)
    assert fired(found) == set(CHECKS) - {"non-gov-domain"}
    for name, findings in found.items():
        assert len(findings) <= 1, name
        assert all(f.url == "http://www.hefei.gov.cn/" and f.outcome is Outcome.FAIL for f in findings), name


def test_only_the_meta_tag_and_the_jiucuo_code_do_not_show_the_site_code() -> None:
    found = run({HOME: html(REPORT_LINK, foot=footer(code=None))})
    [finding] = found["site-code-missing"]
    assert finding.detail["found"] is None and finding.detail["problem"] == "absent"
    assert "网站标识码" in finding.message and finding.evidence.archive_record == "<urn:uuid:0>"


@pytest.mark.parametrize(
    ("code", "meta", "problem"),
    [
        ("3401000002", "3401000002", "registry-mismatch"),  # another site's code
        ("9901000001", "9901000001", "unknown-region"),  # no province 99
        ("340100001", "340100001", "malformed"),  # nine digits
        (CODE, "3401000009", "meta-mismatch"),  # footer right, meta wrong
    ],
)
def test_a_shown_code_must_be_well_formed_and_agree_with_registry_and_meta(
    code: str, meta: str, problem: str
) -> None:
    found = run({HOME: html(REPORT_LINK, meta_code=meta, foot=footer(code=code))})
    [finding] = found["site-code-missing"]
    assert (finding.detail["found"], finding.detail["problem"]) == (code, problem)


def test_without_a_registered_code_the_region_and_the_jiucuo_code_are_compared() -> None:
    unregistered = Site(name="合肥市人民政府", url=HOME, region_code="340100")
    other_region = run(
        {HOME: html(REPORT_LINK, meta_code=None, foot=footer(code="3402000001", jiucuo=None))},
        site=unregistered,
    )
    widget_differs = run({HOME: html(REPORT_LINK, foot=footer(jiucuo="3401000005"))}, site=unregistered)
    [wrong] = widget_differs["jiucuo-missing"]  # the footer's own code is the one to match
    agreeing = run({HOME: html(REPORT_LINK)}, site=unregistered)
    assert [f.detail["problem"] for f in other_region["site-code-missing"]] == ["region-mismatch"]
    assert [f.detail["problem"] for f in widget_differs["site-code-missing"]] == ["jiucuo-mismatch"]
    assert (wrong.detail["sitecode"], wrong.detail["expected"]) == ("3401000005", CODE)
    assert fired(agreeing) == set()


def test_a_state_council_department_shows_a_bm_code() -> None:
    ministry = Site(name="中华人民共和国水利部", url=HOME, site_code="bm19000001", region_code="100000")
    found = run(
        {
            HOME: html(
                REPORT_LINK, meta_code="bm19000001", foot=footer(code="bm19000001", jiucuo="bm19000001")
            )
        },
        site=ministry,
    )
    assert fired(found) == set()


def test_a_jiucuo_widget_with_another_sites_code_is_a_wrong_entry_and_a_disagreeing_site_code() -> None:
    found = run({HOME: html(REPORT_LINK, foot=footer(jiucuo="3401000005"))})
    [finding] = found["jiucuo-missing"]
    assert (finding.detail["problem"], finding.detail["sitecode"]) == ("wrong-code", "3401000005")
    [disagreeing] = found["site-code-missing"]
    assert (disagreeing.detail["found"], disagreeing.detail["problem"]) == (CODE, "jiucuo-mismatch")


def test_a_link_to_the_jiucuo_service_counts_as_the_entry() -> None:
    link = (
        f'<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={CODE}&url=https%3A%2F%2Fwww.hefei.gov.cn%2F"'
        ' target="_blank"><img src="/images/jiucuo.png" alt="我为政府网站找错"></a>'
    )
    assert run({HOME: html(REPORT_LINK, foot=footer(jiucuo=None) + link)})["jiucuo-missing"] == []
    assert len(run({HOME: html(REPORT_LINK, foot=footer(jiucuo=None))})["jiucuo-missing"]) == 1


def test_a_conac_badge_in_its_error_state_is_reported() -> None:
    error = (
        '<a href="https://bszs.conac.cn/sitename?method=show&id=072B8F8E1D3F6D7AE053012819ACAC2F">'
        '<img src="https://dcs.conac.cn/image/red_error.png" border="0"></a>'
    )
    [finding] = run({HOME: html(REPORT_LINK, foot=footer(conac=error))})["conac-missing"]
    assert finding.detail["state"] == "error"
    assert [
        f.detail["state"] for f in run({HOME: html(REPORT_LINK, foot=footer(conac=None))})["conac-missing"]
    ] == ["absent"]


def test_the_homepage_decides_whatever_the_other_pages_show() -> None:
    inner_without = good_site()
    inner_without.update(dict(article(n, foot=footer(icp=False, psb=False)) for n in range(3, 6)))
    assert fired(run(inner_without)) == set()
    home_without = {HOME: html(REPORT_LINK, foot=footer(icp=False)), **dict(article(n) for n in range(3))}
    [finding] = run(home_without)["icp-missing"]
    assert (finding.detail["pages_showing"], finding.detail["pages_examined"]) == (3, 4)


def test_an_entry_page_is_judged_with_the_page_it_leads_to() -> None:
    splash = (
        "<html><head><meta http-equiv='refresh' content='0;url=/index_main.html'></head>"
        "<body><a href='/index_main.html'>进入网站</a></body></html>"
    )
    pages = {HOME: splash, f"{HOME}index_main.html": html(REPORT_LINK), **dict(article(n) for n in range(2))}
    assert fired(run(pages)) == set()


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.hefei.gov.cn.cn/", "www.hefei.gov.cn.cn"),
        ("https://gov.cn.example.com/", "gov.cn.example.com"),
        ("https://www.hefei.com.cn/", "www.hefei.com.cn"),
    ],
)
def test_hosts_not_under_gov_cn_are_reported_with_the_host(url: str, host: str) -> None:
    site = Site(name="合肥市人民政府", url=url, site_code=CODE, region_code="340100")
    [finding] = run({url: html(REPORT_LINK)}, site=site, homepage=url)["non-gov-domain"]
    assert finding.detail["host"] == host and finding.url == url


def test_a_zhengwu_host_is_a_government_host_and_a_redirect_away_from_gov_cn_is_not() -> None:
    idn = "https://xn--1lq90ivtlvrao9x.xn--zfr164b/"  # 北京市政府.政务
    site = Site(name="北京市人民政府", url=idn, site_code=CODE, region_code="340100")
    assert run({idn: html(REPORT_LINK)}, site=site, homepage=idn)["non-gov-domain"] == []
    moved = "https://www.hefei-portal.com/"
    [finding] = run({moved: html(REPORT_LINK)}, homepage=moved)["non-gov-domain"]
    assert finding.detail == {"host": "www.hefei-portal.com", "where": "homepage"}


def test_a_site_never_fetched_is_judged_on_its_registered_domain_only() -> None:
    site = Site(name="某某局", url="http://www.example.org/", site_code=CODE)
    found = run({}, site=site, homepage=None)
    assert fired(found) == {"non-gov-domain"}


def test_a_search_is_missing_broken_unverifiable_or_present() -> None:
    no_search = {HOME: html(REPORT_LINK).replace(SEARCH, "")}
    assert [f.detail["problem"] for f in run(no_search)["no-site-search"]] == ["absent"]
    link_only = {HOME: html(REPORT_LINK).replace(SEARCH, '<a href="/search/index.html">站内搜索</a>')}
    target = f"{HOME}search/index.html"
    [broken] = run(link_only, statuses={target: status(target, 404)})["no-site-search"]
    assert (broken.outcome, broken.target) == (Outcome.FAIL, target)
    [refused] = run(link_only, statuses={target: status(target, 403)})["no-site-search"]
    assert refused.outcome is Outcome.UNVERIFIED
    assert run(link_only, statuses={target: status(target, 200)})["no-site-search"] == []
    assert run(link_only)["no-site-search"] == []  # present, never fetched: not verified, not reported


def test_a_fixed_desktop_viewport_is_not_mobile_friendly() -> None:
    [finding] = run({HOME: html(REPORT_LINK, head='<meta name="viewport" content="width=1200">')})[
        "not-mobile-friendly"
    ]
    assert finding.detail["viewport"] == "width=1200"


def test_https_is_judged_on_the_homepage_as_finally_fetched() -> None:
    plain = "http://www.hefei.gov.cn/"
    [finding] = run({plain: html(REPORT_LINK)}, homepage=plain)["no-https"]
    assert finding.url == plain
    assert run(good_site())["no-https"] == []


@pytest.mark.parametrize(
    ("as_of", "title", "reported"),
    [
        (date(2026, 11, 20), "政府网站工作年度报表（2025年度）", False),
        (date(2026, 11, 20), "2024年度政府网站工作年度报表", True),  # last year's is due
        (date(2026, 1, 20), "2024年度政府网站工作年度报表", False),  # before 1 February: two years back
        (date(2026, 2, 1), "2024年度政府网站工作年度报表", True),
        (date(2026, 11, 20), "合肥市2025年政府信息公开工作年度报告", True),  # another report
    ],
)
def test_the_annual_report_of_the_year_due_must_be_linked(as_of: date, title: str, reported: bool) -> None:
    pages = {HOME: html(f'<a href="/attach/report.pdf">{title}</a>'), **dict(article(n) for n in range(2))}
    findings = run(pages, as_of=as_of)["annual-report-missing"]
    assert bool(findings) is reported
    if reported:
        assert findings[0].detail["year"] == (as_of.year - 1 if as_of.month > 1 else as_of.year - 2)


def test_an_annual_report_page_found_deeper_in_the_site_counts() -> None:
    pages = {
        HOME: html("<p>首页</p>"),
        f"{HOME}zwgk/ndbb/2026/1.html": html("<p>…</p>", title="2025年度政府网站工作年度报表"),
    }
    assert run(pages)["annual-report-missing"] == []


def test_a_report_link_that_the_crawl_found_broken_publishes_nothing() -> None:
    target = f"{HOME}public/report/2026/0120/1.pdf"
    [finding] = run(good_site(), statuses={target: status(target, 404)})["annual-report-missing"]
    assert finding.detail["year"] == 2025
    assert run(good_site(), statuses={target: status(target, 200)})["annual-report-missing"] == []
