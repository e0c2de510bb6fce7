"""The HTML report: self-contained, escaped, grouped per check, readable without JavaScript."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from report_samples import (
    HOSTILE_MESSAGE,
    HOSTILE_TARGET,
    NO_LINK_RECORD,
    build_report,
    evidence_href,
    make_finding,
)
from selectolax.lexbor import LexborHTMLParser

from govinspect.model.finding import Outcome
from govinspect.reports import render_html
from govinspect.reports.html import OPEN_GROUP_MAX_FINDINGS
from govinspect.reports.view import http_link


def _parse(html: str | None = None) -> LexborHTMLParser:
    return LexborHTMLParser(html if html is not None else render_html(build_report(), evidence_href))


def _site_addresses() -> set[str]:
    """Every http(s) address a finding or site names: the only ones allowed as outside links."""
    addresses = set()
    for site_report in build_report().sites:
        addresses.add(site_report.site.url)
        for finding in site_report.findings:
            addresses.update({finding.url, finding.target or ""})
            addresses.update(str(url) for url in finding.detail.get("found_on", []))
    return {link for link in map(http_link, addresses) if link}


def test_document_is_self_contained() -> None:
    html = render_html(build_report(), evidence_href)
    tree = _parse(html)
    assert tree.css("[src]") == []
    assert tree.css("link") == [] and tree.css("img") == [] and tree.css("iframe") == []
    assert all(script.attributes.get("src") is None for script in tree.css("script"))
    style = " ".join(node.text() for node in tree.css("style"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    outside = {
        node.attributes["href"]
        for node in tree.css("[href]")
        if urlsplit(node.attributes["href"] or "").scheme in ("http", "https")
    }
    assert outside  # finding pages are linked …
    assert outside <= _site_addresses()  # … and nothing else outside the file is


def test_every_link_is_http_an_anchor_or_an_evidence_copy() -> None:
    tree = _parse()
    evidence = {evidence_href("urn:uuid:11111111-0000-0000-0000-000000000001")}
    for node in tree.css("[href]"):
        href = node.attributes["href"] or ""
        scheme = urlsplit(href).scheme.lower()
        assert scheme in ("http", "https") or href.startswith("#") or href in evidence, href
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:"))


def test_hostile_message_and_urls_are_inert() -> None:
    html = render_html(build_report(), evidence_href)
    tree = _parse(html)
    scripts = tree.css("script")
    assert len(scripts) == 1  # the report's own print helper
    assert "alert" not in scripts[0].text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    messages = [node.text() for node in tree.css("li.finding p.message")]
    assert any(HOSTILE_MESSAGE in message for message in messages)
    codes = [node.text() for node in tree.css("code")]
    assert HOSTILE_TARGET in codes  # shown as text …
    assert all(
        HOSTILE_TARGET not in (node.attributes["href"] or "") for node in tree.css("[href]")
    )  # … never a link
    assert not any(node.attributes for node in tree.css("li.finding script, li.finding a[onclick]"))


def test_summary_before_groups_and_registry_problems_first() -> None:
    html = render_html(build_report(), evidence_href)
    assert html.index('id="registry-problems"') < html.index('id="overview"') < html.index('id="site-1"')
    tree = _parse(html)
    verdicts = [node.text() for node in tree.css("#overview tbody tr td:nth-child(2)")]
    assert verdicts == ["不合格", "合格", "无法检查"]
    county = tree.css_first("#site-1")
    assert county is not None
    text = county.text()
    assert text.index("问题统计") < text.index("问题明细")
    assert "达到页数上限" in text and "SV-COL-BLANK 空白栏目" in text and "不计分（触发单项否决）" in text


def test_findings_grouped_per_check_in_details() -> None:
    report = build_report()
    tree = _parse(render_html(report, evidence_href))
    for number, site_report in enumerate(report.sites, start=1):
        checks = {finding.check for finding in site_report.findings}
        for check in checks:
            group = tree.css_first(f"details#site-{number}-{check}")
            assert group is not None, check
            summary = group.css_first("summary")
            assert summary is not None and f"（{check}）" in summary.text()
            messages = {node.text() for node in group.css("li.finding p.message")}
            expected = [f for f in site_report.findings if f.check == check]
            assert len(group.css("li.finding")) == len(expected)
            for finding in expected:
                assert any(finding.message in message for message in messages)


def test_outcomes_and_error_kinds_are_in_chinese() -> None:
    tree = _parse()
    group = tree.css_first("details#site-1-broken-link")
    assert group is not None
    headings = [node.text() for node in group.css("h4")]
    assert headings == ["不合格（3 条）", "无法核实（1 条）"]
    explanations = [node.text() for node in group.css("p.explain")]
    assert "请网站管理员将检查程序加入白名单后复查" in explanations[1]
    facts = {node.text() for node in group.css("dd")}
    assert {"域名无法解析", "HTTP 错误", "响应格式错误", "404", "是", "否"} <= facts


def test_evidence_link_or_record_id() -> None:
    tree = _parse()
    links = [node for node in tree.css("a") if node.text() == "存档副本"]
    assert links and all(
        node.attributes["href"] == evidence_href("urn:uuid:11111111-0000-0000-0000-000000000001")
        for node in links
    )
    assert NO_LINK_RECORD in {node.text() for node in tree.css("code")}


def test_evidence_href_with_a_scheme_is_made_relative() -> None:
    html = render_html(build_report(), lambda record_id: f"{record_id}.html")
    hrefs = {node.attributes["href"] for node in _parse(html).css("a") if node.text() == "存档副本"}
    assert hrefs == {
        "./urn:uuid:11111111-0000-0000-0000-000000000001.html",
        f"./{NO_LINK_RECORD}.html",
    }
    html = render_html(build_report(), lambda _: "javascript:alert(3)")
    assert "javascript:alert(3)" not in {node.attributes["href"] for node in _parse(html).css("a")}


def test_unverified_site_and_crashed_check_are_explained() -> None:
    tree = _parse()
    town = tree.css_first("#site-3")
    assert town is not None
    assert "首页无法访问：域名无法解析（dns）" in town.text()
    assert "未发现问题" not in town.text()
    county = tree.css_first("#site-1")
    assert county is not None
    assert "泄露个人信息（privacy-leak）：ValueError: 正则表达式错误" in county.text()


def test_long_groups_show_every_finding_collapsed_short_ones_open() -> None:
    report = build_report()
    many = tuple(
        make_finding(
            "broken-link",
            Outcome.FAIL,
            f"https://fgw.city.gov.cn/p{index:03d}.html",
            f"第 {index} 个坏链接，请修改。",
            target=f"https://fgw.city.gov.cn/x{index:03d}.pdf",
            detail={"status": 404, "error": "http"},
        )
        for index in range(OPEN_GROUP_MAX_FINDINGS + 15)
    )
    department = dataclasses.replace(report.sites[1], findings=report.sites[1].findings + many)
    tree = _parse(render_html(dataclasses.replace(report, sites=(department,))))
    long_group = tree.css_first("details#site-1-broken-link")
    short_group = tree.css_first("details#site-1-icp-missing")
    assert long_group is not None and short_group is not None
    assert len(long_group.css("li.finding")) == len(many) + 1
    assert "open" not in long_group.attributes
    assert "open" in short_group.attributes
