"""The short plain-text summary that ``govinspect check`` prints to standard error."""

from __future__ import annotations

from collections import Counter

from govinspect.model.report import Report, SiteReport
from govinspect.reports import labels
from govinspect.reports.view import score_text

#: How many bad registry rows the summary quotes before it only counts the rest.
REGISTRY_PROBLEMS_SHOWN = 5


def render_summary(report: Report) -> str:
    """A few plain lines: per site its verdict, score, vetoes and findings counted by check and outcome."""
    verdicts = Counter[str](site_report.verdict for site_report in report.sites)
    tally = "，".join(f"{label} {verdicts[verdict]}" for verdict, label in labels.VERDICT_LABELS.items())
    lines = [
        f"监测时间点 {report.as_of}，指标体系 {report.framework.id}（版本 {report.framework.version}）："
        f"{len(report.sites)} 个网站，{tally}"
    ]
    if report.registry_problems:
        lines.append(f"登记表有 {len(report.registry_problems)} 行问题，已跳过：")
        lines += [f"  {problem}" for problem in report.registry_problems[:REGISTRY_PROBLEMS_SHOWN]]
        hidden = len(report.registry_problems) - REGISTRY_PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(f"  ……另有 {hidden} 行，见报告")
    for site_report in report.sites:
        lines += _site_lines(site_report)
    return "\n".join(lines) + "\n"


def _site_lines(site_report: SiteReport) -> list[str]:
    verdict = labels.VERDICT_LABELS.get(site_report.verdict, site_report.verdict)
    head = f"[{verdict}] {site_report.site.name} {site_report.site.url} 得分：{score_text(site_report)}"
    if site_report.vetoes:
        head += "；单项否决：" + "、".join(labels.veto_label(veto) for veto in site_report.vetoes)
    lines = [head]
    if site_report.verdict == "unverified":
        lines.append("  原因：" + ("；".join(site_report.notes) or "检查程序没有记录原因"))
    counts: dict[str, Counter[str]] = {}
    for finding in site_report.findings:
        counts.setdefault(finding.check, Counter())[str(finding.outcome)] += 1
    for check in sorted(counts, key=labels.check_rank):
        by_outcome = "，".join(
            f"{label} {counts[check][outcome]}"
            for outcome, label in labels.OUTCOME_LABELS.items()
            if counts[check][outcome]
        )
        lines.append(f"  {check} {labels.check_label(check)}：{by_outcome}")
    crashed = sorted(check for check, coverage in site_report.coverage.items() if coverage.error is not None)
    if crashed:
        lines.append("  检查出错（结果不完整）：" + "、".join(crashed))
    return lines
