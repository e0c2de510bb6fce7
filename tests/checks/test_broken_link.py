"""How broken-link judges what the crawler stored: four outcomes, never 403/429 as broken."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

from govinspect.checks.api import CheckSpec, SiteContext, all_checks
from govinspect.checks.links.broken_link import judge
from govinspect.engine import run_checks
from govinspect.model.crawl import CrawledPage, HostProbe, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.page import LinkRef, Page
from govinspect.model.site import Site

HOME = "http://x.gov.cn/"


def status(url: str, code: int | None = 200, error: str | None = None, **extra: object) -> TargetStatus:
    base = TargetStatus(
        url=url,
        role="target",
        method="GET",
        final_url=url,
        status=code,
        error=error,
        error_detail="",
        content_type="text/html",
        kind="html",
        redirects=(),
        title="t",
        text_length=5000,
        says_not_found=False,
        record_id=f"<urn:{url}>",
    )
    return dataclasses.replace(base, **extra)  # type: ignore[arg-type]


def test_outcomes_of_each_answer() -> None:
    assert judge(status("u", 404), None, HOME).outcome is Outcome.FAIL  # type: ignore[union-attr]
    assert judge(status("u", 500), None, HOME).outcome is Outcome.FAIL  # type: ignore[union-attr]
    for code in (401, 403, 429):
        verdict = judge(status("u", code), None, HOME)
        assert verdict is not None and verdict.outcome is Outcome.UNVERIFIED
    for error in ("robots", "forbidden", "too-large"):
        verdict = judge(status("u", None, error), None, HOME)
        assert verdict is not None and verdict.outcome is Outcome.UNVERIFIED and verdict.error == error
    for error in ("dns", "connect", "timeout", "tls", "protocol", "redirect-loop"):
        verdict = judge(status("u", None, error), None, HOME)
        assert verdict is not None and verdict.outcome is Outcome.FAIL and verdict.error == error
    assert judge(status("u", 200), None, HOME) is None
    assert judge(status("u", 301), None, HOME) is None


def test_soft_404_by_text_and_by_the_hosts_not_found_shape() -> None:
    said = judge(status("u", 200, says_not_found=True), None, HOME)
    assert said is not None and said.error == "soft-404"
    probe = HostProbe("http://x.gov.cn", "http://x.gov.cn/probe", 200, "http://x.gov.cn/probe", "出错了", 812)
    same_shape = status("http://x.gov.cn/gone.html", 200, title="出错了", text_length=815)
    assert judge(same_shape, probe, HOME) is not None
    other_page = status("http://x.gov.cn/news.html", 200, title="出错了", text_length=3000)
    assert judge(other_page, probe, HOME) is None
    to_home = HostProbe("http://x.gov.cn", "http://x.gov.cn/probe", 200, HOME, "首页", 9000)
    redirected = status(
        "http://x.gov.cn/old.html", 200, final_url=HOME, redirects=(("http://x.gov.cn/old.html", 302),)
    )
    assert judge(redirected, to_home, "http://x.gov.cn/index.html") is not None
    index = status(
        "http://x.gov.cn/index.html", 200, final_url=HOME, redirects=(("http://x.gov.cn/index.html", 301),)
    )
    assert judge(index, to_home, "http://x.gov.cn/other") is None


def _context(pages: list[Page], statuses: dict[str, TargetStatus]) -> SiteContext:
    site = Site(name="测试", url=HOME)

    def read() -> Iterator[CrawledPage]:
        return iter(CrawledPage(p, 0, f"<urn:page:{p.url}>") for p in pages)

    return SiteContext(site, date(2026, 11, 20), HOME, statuses, {}, read, lambda u: u.startswith(HOME))


def test_one_finding_per_target_at_the_lowest_linking_page() -> None:
    missing = "http://x.gov.cn/missing.pdf"
    pages = [
        Page(url=HOME, links=(LinkRef(missing, "a", "通知"), LinkRef("http://x.gov.cn/b.html", "a", "b"))),
        Page(
            url="http://x.gov.cn/b.html",
            links=(LinkRef(missing, "a", "通知"), LinkRef("http://x.gov.cn/c.png", "img")),
        ),
        Page(url="http://x.gov.cn/a.html", links=(LinkRef(missing + "#p2", "a", "通知"),)),
    ]
    statuses = {
        missing: status(missing, 404),
        "http://x.gov.cn/b.html": status("http://x.gov.cn/b.html"),
        "http://x.gov.cn/c.png": status("http://x.gov.cn/c.png", 403),
    }
    results = run_checks(_context(pages, statuses), [all_checks()["broken-link"]])
    by_target = {f.target: f for f in results.findings}
    assert set(by_target) == {missing, "http://x.gov.cn/c.png"}
    broken = by_target[missing]
    assert broken.url == HOME and broken.outcome is Outcome.FAIL
    assert broken.detail["found_on_count"] == 3 and broken.detail["on_homepage"] is True
    assert broken.detail["kind"] == "attachment" and broken.detail["internal"] is True
    assert by_target["http://x.gov.cn/c.png"].outcome is Outcome.UNVERIFIED
    assert by_target["http://x.gov.cn/c.png"].detail["kind"] == "image"
    assert results.coverage["broken-link"].examined == 3
    again = run_checks(_context(list(reversed(pages)), statuses), [all_checks()["broken-link"]])
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in results.findings]


def test_a_crashing_check_is_recorded_and_the_others_still_run() -> None:
    def explode(site: SiteContext) -> Iterator[Finding]:
        raise RuntimeError("parser gave up")
        yield  # pragma: no cover

    crashing = CheckSpec("exploding-check", "site", (), explode, __name__)
    results = run_checks(_context([], {}), [crashing, all_checks()["broken-link"]])
    assert results.coverage["exploding-check"].error == "RuntimeError: parser gave up"
    assert results.coverage["broken-link"].error is None
