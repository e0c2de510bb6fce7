"""Report values built by hand for the formatter tests.

Several sites, every outcome, a crashed check, a site with no score and hostile text.
"""

from __future__ import annotations

import datetime as dt

from govinspect.model.finding import Evidence, Finding, Outcome
from govinspect.model.report import Coverage, CrawlSummary, FrameworkRef, Report, Score, SiteReport
from govinspect.model.site import Site

HOSTILE_MESSAGE = "链接不可用 <script>alert(1)</script> 请修改"
HOSTILE_TARGET = "javascript:alert(1)"
HOSTILE_PAGE = 'https://www.hostile.gov.cn/a"><script>alert(2)</script>'
NO_LINK_RECORD = "urn:uuid:00000000-0000-0000-0000-nolink"


def evidence_href(record_id: str) -> str | None:
    """Like the CLI: a relative path to the exported copy, except for one record never exported."""
    if record_id == NO_LINK_RECORD:
        return None
    return f"evidence/{record_id.removeprefix('urn:uuid:')}.html"


def make_finding(
    check: str,
    outcome: Outcome,
    url: str,
    message: str,
    *,
    target: str | None = None,
    detail: dict[str, object] | None = None,
    record: str | None = "urn:uuid:11111111-0000-0000-0000-000000000001",
    indicator: str | None = None,
) -> Finding:
    return Finding(
        check=check,
        outcome=outcome,
        url=url,
        message=message,
        fingerprint=f"fp-{check}-{url}-{target}",
        target=target,
        detail=dict(detail or {}),
        evidence=Evidence(archive_record=record, excerpt="……首页 \n 通知公告……" if record else None),
        indicator=indicator,
    )


def _county_site() -> SiteReport:
    home = "https://www.xian.gov.cn/"
    findings = (
        make_finding(
            "broken-link",
            Outcome.FAIL,
            home,
            "首页上的链接“政策文件”打不开（404），请修改或删除该链接。",
            target="https://www.xian.gov.cn/zcwj/old.html",
            detail={
                "status": 404,
                "error": "http",
                "internal": True,
                "kind": "page",
                "on_homepage": True,
                "found_on": ["https://www.xian.gov.cn/", "https://www.xian.gov.cn/zwgk/"],
                "found_on_count": 2,
            },
            indicator="D-LINK-HOME",
        ),
        make_finding(
            "broken-link",
            Outcome.FAIL,
            "https://www.xian.gov.cn/zwgk/",
            "页面上的链接指向的域名无法解析，请修改或删除该链接。",
            target="http://old-domain.example.cn/",
            detail={
                "status": None,
                "error": "dns",
                "internal": False,
                "kind": "page",
                "on_homepage": False,
                "found_on": ["https://www.xian.gov.cn/zwgk/"],
                "found_on_count": 1,
            },
            record=NO_LINK_RECORD,
        ),
        make_finding(
            "broken-link",
            Outcome.UNVERIFIED,
            "https://www.xian.gov.cn/zwgk/",
            "服务器拒绝了检查程序（403），无法确认链接是否可用。",
            target="https://www.gov.cn/zhengce/",
            detail={"status": 403, "error": "http", "internal": False, "kind": "page", "on_homepage": False},
        ),
        make_finding(
            "broken-link",
            Outcome.FAIL,
            HOSTILE_PAGE,
            HOSTILE_MESSAGE,
            target=HOSTILE_TARGET,
            detail={"status": None, "error": "protocol", "found_on": [HOSTILE_TARGET], "found_on_count": 1},
        ),
        make_finding(
            "column-blank",
            Outcome.FAIL,
            "https://www.xian.gov.cn/zwgk/rsxx/",
            "栏目「人事信息」没有任何内容，请补充内容或撤并栏目。",
            detail={"column_name": "人事信息"},
        ),
        make_finding(
            "column-blank",
            Outcome.FAIL,
            "https://www.xian.gov.cn/zwgk/ghjh/",
            "栏目「规划计划」只显示“正在建设中”，请补充内容或撤并栏目。",
            detail={"column_name": "规划计划"},
        ),
        make_finding(
            "serious-typo",
            Outcome.REVIEW,
            "https://www.xian.gov.cn/xwzx/1.html",
            "疑似把“国务院办公厅”写错，请人工确认。",
            detail={"found": "国务院办公庁", "expected": "国务院办公厅"},
        ),
        make_finding(
            "date-in-future",
            Outcome.FAIL,
            "https://www.xian.gov.cn/xwzx/2.html",
            "文章显示的发布日期晚于监测时间点，请核对发布日期。",
            detail={
                "date": dt.date(2027, 1, 5),
                "sources": frozenset({"meta", "text"}),
                "score": float("nan"),
            },
        ),
    )
    coverage = {
        "broken-link": Coverage(examined=120, failed=3, unverified=1),
        "column-blank": Coverage(examined=40, failed=2, unverified=0),
        "serious-typo": Coverage(examined=80, failed=0, unverified=0, review=1),
        "date-in-future": Coverage(examined=80, failed=1, unverified=0),
        "privacy-leak": Coverage(examined=0, failed=0, unverified=0, error="ValueError: 正则表达式错误"),
        "no-https": Coverage(examined=1, failed=0, unverified=0),
    }
    return SiteReport(
        site=Site(
            name="某某县人民政府",
            url=home,
            site_code="3601230001",
            organizer="某某县人民政府办公室",
            site_type="portal",
            level="county",
            region="某某县",
        ),
        crawl=CrawlSummary(
            pages=80,
            links_checked=120,
            attachments=6,
            started_at="2026-11-20T09:00:00+08:00",
            finished_at="2026-11-20T09:12:00+08:00",
            stopped_by="max-pages",
            archive="/data/crawls/7.warc.gz",
            crawl_id=7,
            errors=2,
        ),
        verdict="unqualified",
        vetoes=("SV-COL-BLANK",),
        score=None,
        findings=findings,
        coverage=coverage,
        notes=("按页数上限只抓取了 80 个页面。",),
    )


def _department_site() -> SiteReport:
    home = "https://fgw.city.gov.cn/"
    return SiteReport(
        site=Site(name="某某市发展和改革委员会", url=home, site_type="department", level="city"),
        crawl=CrawlSummary(
            pages=300,
            links_checked=900,
            attachments=20,
            started_at="2026-11-20T09:00:00+08:00",
            finished_at="2026-11-20T09:30:00+08:00",
            stopped_by="complete",
            archive="/data/crawls/8.warc.gz",
        ),
        verdict="qualified",
        vetoes=(),
        score=Score(
            total=92.5, deductions=7.5, bonus=0.0, by_indicator={"D-LINK-OTHER": -0.5, "D-FUN-ID": -7.0}
        ),
        findings=(
            make_finding(
                "broken-link",
                Outcome.FAIL,
                "https://fgw.city.gov.cn/a.html",
                "页面上的附件链接打不开（超时），请修改或删除该链接。",
                target="https://fgw.city.gov.cn/files/x.pdf",
                detail={"status": None, "error": "timeout", "kind": "attachment", "on_homepage": False},
            ),
            make_finding(
                "icp-missing",
                Outcome.FAIL,
                home,
                "网站页面底部没有展示ICP备案编号，请在页脚补充。",
            ),
        ),
        coverage={
            "broken-link": Coverage(examined=900, failed=1, unverified=0),
            "icp-missing": Coverage(examined=1, failed=1, unverified=0),
        },
    )


def _unreachable_site() -> SiteReport:
    return SiteReport(
        site=Site(name="某某镇人民政府", url="https://zhen.example.gov.cn/"),
        crawl=CrawlSummary(
            pages=0,
            links_checked=0,
            attachments=0,
            started_at="2026-11-20T09:00:00+08:00",
            finished_at=None,
            stopped_by="error",
            archive="/data/crawls/9.warc.gz",
        ),
        verdict="unverified",
        vetoes=(),
        score=None,
        findings=(),
        coverage={},
        notes=("首页无法访问：域名无法解析（dns），所有检查均未进行。",),
    )


def build_report(sites: tuple[SiteReport, ...] | None = None) -> Report:
    return Report(
        generated_at="2026-11-27T10:00:00+08:00",
        as_of="2026-11-20",
        framework=FrameworkRef(id="cn-gov-2019", version="2019.1"),
        sites=sites if sites is not None else (_county_site(), _department_site(), _unreachable_site()),
        registry_problems=("第 7 行：缺少 url，已跳过",),
    )
