"""The Markdown report: summary first, findings grouped by check, in Chinese, with nothing live."""

from __future__ import annotations

import re

from report_samples import HOSTILE_MESSAGE, NO_LINK_RECORD, build_report, evidence_href

from govinspect.reports import render_markdown


def _render() -> str:
    return render_markdown(build_report(), evidence_href)


def _site_section(text: str, number: int) -> str:
    """The part of the report about the site with this number (up to the next site)."""
    parts = re.split(r"^## (?=\d+\. )", text, flags=re.MULTILINE)
    return parts[number]


def _groups(section: str) -> dict[str, str]:
    """Check name → the text of its group of findings."""
    chunks = re.split(r"^#### ", section, flags=re.MULTILINE)[1:]
    groups = {}
    for chunk in chunks:
        check = re.match(r".*?（([a-z0-9-]+)）：共 \d+ 条", chunk)
        assert check, chunk[:80]
        groups[check.group(1)] = chunk
    return groups


def test_summary_comes_before_any_finding() -> None:
    text = _render()
    assert text.index("## 登记表问题") < text.index("## 总览") < text.index("### 问题明细")
    assert "第 7 行：缺少 url，已跳过" in text


def test_overview_gives_each_site_its_chinese_verdict_and_score() -> None:
    rows = [line for line in _render().splitlines() if line.startswith("| 某某")]
    assert rows == [
        "| 某某县人民政府 | 不合格 | 不计分（触发单项否决） | SV-COL-BLANK 空白栏目 | 6 | 1 | 1 |",
        "| 某某市发展和改革委员会 | 合格 | 92.5 分 | 无 | 2 | 0 | 0 |",
        "| 某某镇人民政府 | 无法检查 | 不计分（网站无法检查） | 无 | 0 | 0 | 0 |",
    ]


def test_site_summary_shows_verdict_vetoes_crawl_and_why_the_crawl_stopped() -> None:
    county = _site_section(_render(), 1)
    assert "**结论：不合格**" in county
    assert "单项否决：SV-COL-BLANK 空白栏目" in county
    assert "抓取页面数：80；检查链接数：120；附件数：6" in county
    assert "抓取停止原因：达到页数上限" in county
    assert county.index("### 问题统计") < county.index("### 问题明细")
    assert "| 链接不可用（broken-link） | 120 | 3 | 0 | 1 |" in county


def test_findings_are_grouped_by_check_and_outcome() -> None:
    report = build_report()
    groups = _groups(_site_section(_render(), 1))
    county = report.sites[0]
    assert set(groups) == {finding.check for finding in county.findings}
    for finding in county.findings:
        from_markdown = "".join(groups[finding.check].split("\\"))  # undo Markdown escapes
        assert finding.message in from_markdown
        assert all(
            finding.message not in "".join(other.split("\\"))
            for c, other in groups.items()
            if c != finding.check
        )
    broken = groups["broken-link"]
    assert broken.startswith("链接不可用（broken-link）：共 4 条")
    assert broken.index("##### 不合格（3 条）") < broken.index("##### 无法核实（1 条）")
    unverified_part = broken[broken.index("##### 无法核实") :]
    assert "请网站管理员将检查程序加入白名单后复查" in unverified_part
    assert "服务器拒绝了检查程序（403）" in unverified_part
    assert "##### 需人工复核（1 条）" in groups["serious-typo"]


def test_broken_link_details_are_in_chinese() -> None:
    broken = _groups(_site_section(_render(), 1))["broken-link"]
    assert (
        "HTTP 状态码：404；错误类型：HTTP 错误；类型：网页；站内链接：是；在首页：是；引用该链接的页面数：2"
        in broken
    )
    assert "错误类型：域名无法解析" in broken
    assert "错误类型：响应格式错误" in broken
    assert "目标：<https://www.xian.gov.cn/zcwj/old.html>" in broken


def test_evidence_is_a_link_or_the_record_id() -> None:
    broken = _groups(_site_section(_render(), 1))["broken-link"]
    href = evidence_href("urn:uuid:11111111-0000-0000-0000-000000000001")
    assert f"(<{href}>)" in broken
    assert f"证据：存档记录 `{NO_LINK_RECORD}`" in broken
    plain = render_markdown(build_report())
    assert "](<evidence/" not in plain
    assert "证据：存档记录 `urn:uuid:11111111-0000-0000-0000-000000000001`" in plain


def test_unverified_site_says_why_and_crashed_check_is_reported() -> None:
    text = _render()
    town = _site_section(text, 3)
    assert "**结论：无法检查**" in town
    assert "**无法检查的原因：**" in town
    assert "首页无法访问：域名无法解析（dns），所有检查均未进行。" in town
    assert "未发现问题" not in town
    county = _site_section(text, 1)
    assert "### 未能完成的检查" in county
    assert "泄露个人信息（privacy-leak）：ValueError: 正则表达式错误" in county


def test_site_text_cannot_inject_markup_or_live_links() -> None:
    text = _render()
    assert "<script>" not in text
    assert HOSTILE_MESSAGE not in text  # only its escaped form is there
    assert r"\<script\>alert(1)\</script\>" in text
    assert "](javascript:" not in text.lower() and "(<javascript:" not in text.lower()
    assert "<javascript:" not in text.lower()
    assert "`javascript:alert(1)`" in text
