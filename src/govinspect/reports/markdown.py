"""The Markdown report for site editors (网站编辑), in Chinese.

Summary first (per site: verdict, score, vetoes, counts of findings per check, crawl figures),
then every finding grouped by check and outcome. All text taken from sites is escaped, so a
message or address cannot turn into Markdown markup, raw HTML or a ``javascript:`` link.
"""

from __future__ import annotations

import re

from govinspect.model.report import Report
from govinspect.reports.view import (
    EvidenceHref,
    Fact,
    FindingView,
    Link,
    SiteView,
    as_text,
    build_report_view,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#!~])")
_AUTOLINK_UNSAFE = re.compile(r"[\s<>]")


def render_markdown(report: Report, evidence_href: EvidenceHref = lambda _: None) -> str:
    """The whole report as Markdown text.

    ``evidence_href(record_id)`` gives a relative link to the exported copy of an archived
    response; when it gives None the record id is shown as text.
    """
    view = build_report_view(report, evidence_href)
    lines = [
        "# 政府网站检查报告",
        "",
        f"- 监测时间点：{md(view.as_of)}",
        f"- 指标体系：{md(view.framework)}",
        f"- 生成时间：{md(view.generated_at)}",
        f"- 网站数：{len(view.sites)}（{md(_facts_inline(view.verdict_counts, sep='，', colon=' '))}）",
        "",
    ]
    if view.registry_problems:
        lines += ["## 登记表问题", "", "以下登记表行有问题，已跳过，未检查：", ""]
        lines += [f"- {md(problem)}" for problem in view.registry_problems]
        lines.append("")
    if view.sites:
        lines += _overview(view.sites)
    lines += ["## 结果说明", ""]
    lines += [f"- {md(text)}" for text in view.outcome_legend]
    lines.append("")
    for number, site in enumerate(view.sites, start=1):
        lines += _site(number, site)
    return "\n".join(lines).rstrip("\n") + "\n"


def md(text: str) -> str:
    """Text shown literally in Markdown: markup characters escaped, line breaks made spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_link(link: Link) -> str:
    """An address: a link when it is safe to follow, else literal text."""
    if link.href is None:
        return _code(link.text)
    if link.href == link.text and not _AUTOLINK_UNSAFE.search(link.href):
        return f"<{link.href}>"
    return f"[{md(link.text)}](<{link.href}>)"


def _code(text: str) -> str:
    """A code span that shows ``text`` as is, whatever backticks it holds."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _facts_inline(facts: tuple[Fact, ...], sep: str = "；", colon: str = "：") -> str:
    return sep.join(f"{fact.label}{colon}{fact.value}" for fact in facts)


def _overview(sites: tuple[SiteView, ...]) -> list[str]:
    lines = [
        "## 总览",
        "",
        "| 网站 | 结论 | 得分 | 单项否决 | 不合格 | 需人工复核 | 无法核实 |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for site in sites:
        vetoes = md(as_text(site.vetoes)) if site.vetoes else "无"
        lines.append(
            f"| {md(site.name)} | {site.verdict_label} | {md(site.score_text)} | {vetoes} "
            f"| {site.fail} | {site.review} | {site.unverified} |"
        )
    lines.append("")
    return lines


def _site(number: int, site: SiteView) -> list[str]:
    lines = [f"## {number}. {md(site.name)}", "", f"- 网址：{md_link(site.homepage)}"]
    lines += [f"- {fact.label}：{md(fact.value)}" for fact in site.facts]
    lines.append(f"- **结论：{site.verdict_label}**")
    lines.append(f"- 得分：{md(site.score_text)}")
    if site.score_facts:
        lines.append(f"- 得分明细：{md(_facts_inline(site.score_facts))}")
    lines.append(f"- 单项否决：{md(as_text(site.vetoes)) if site.vetoes else '无'}")
    lines.append(f"- 抓取情况：{md(_facts_inline(site.crawl_facts))}")
    lines.append(f"- 抓取停止原因：{md(site.stopped_by_text)}")
    lines.append("")
    if site.verdict == "unverified":
        lines += ["**无法检查的原因：**", ""]
        lines += [f"- {md(note)}" for note in site.notes] or ["- 检查程序没有记录原因。"]
        lines.append("")
    elif site.notes:
        lines += ["**说明：**", ""]
        lines += [f"- {md(note)}" for note in site.notes]
        lines.append("")
    lines += _counts(site)
    if site.crashed:
        lines += ["### 未能完成的检查", "", "以下检查运行出错，结果不完整，请告知检查程序的维护人员：", ""]
        lines += [f"- {md(c.label)}（{md(c.check)}）：{md(c.error)}" for c in site.crashed]
        lines.append("")
    if site.groups:
        lines += ["### 问题明细", ""]
    for group in site.groups:
        lines += [f"#### {md(group.label)}（{md(group.check)}）：共 {group.total} 条", ""]
        for section in group.sections:
            heading = f"##### {section.label}（{len(section.findings)} 条）"
            lines += [heading, "", f"> {md(section.explanation)}", ""]
            for index, finding in enumerate(section.findings, start=1):
                lines += _finding(index, finding)
    return lines


def _counts(site: SiteView) -> list[str]:
    lines = ["### 问题统计", ""]
    if site.counts:
        lines += [
            "| 检查项 | 检查数 | 不合格 | 需人工复核 | 无法核实 |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for row in site.counts:
            examined = "—" if row.examined is None else str(row.examined)
            figures = f"{examined} | {row.fail} | {row.review} | {row.unverified}"
            lines.append(f"| {md(row.label)}（{md(row.check)}） | {figures} |")
    elif site.verdict == "unverified":
        lines.append("网站无法检查，没有检查结果。")
    else:
        lines.append("未发现问题。")
    lines.append("")
    if site.clean_checks:
        lines += [f"未发现问题的检查项：{md(as_text(site.clean_checks))}。", ""]
    return lines


def _finding(index: int, finding: FindingView) -> list[str]:
    lines = [f"{index}. {md(finding.message)}", f"   - 页面：{md_link(finding.page)}"]
    if finding.target is not None:
        lines.append(f"   - 目标：{md_link(finding.target)}")
    if finding.details:
        lines.append(f"   - {md(_facts_inline(finding.details))}")
    if finding.found_on:
        lines.append(f"   - 引用页面：{'，'.join(md_link(link) for link in finding.found_on)}")
    if finding.excerpt:
        lines.append(f"   - 摘录：{md(finding.excerpt)}")
    if finding.indicator:
        lines.append(f"   - 指标：{md(finding.indicator)}")
    if finding.evidence is None:
        lines.append("   - 证据：无存档记录")
    elif finding.evidence.href is None:
        lines.append(f"   - 证据：存档记录 {_code(finding.evidence.text)}")
    else:
        lines.append(f"   - 证据：[存档副本 {md(finding.evidence.text)}](<{finding.evidence.href}>)")
    lines.append("")
    return lines
