"""What the human-readable reports show, worked out once for Markdown and HTML alike.

A :class:`ReportView` holds ready-to-print Chinese text: verdicts, scores, crawl figures, counts
per check and the findings grouped by check and outcome. Links are only ever given for
``http``/``https`` addresses and for the evidence copies the CLI exported, so a hostile URL found
on a site (``javascript:…``) is shown as text and never becomes a link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from govinspect.model.finding import Finding
from govinspect.model.report import Report, Score, SiteReport
from govinspect.reports import labels
from govinspect.reports.json_report import ordered_findings, to_json_value

EvidenceHref = Callable[[str], str | None]

#: Characters left as they are when an address becomes a link; everything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"

#: Detail fields shown apart from the key-value lines (as a list of links).
_LISTED_APART = frozenset({"found_on"})


@dataclass(frozen=True, slots=True)
class Link:
    """An address to show: ``text`` always, ``href`` only when it is safe to follow."""

    text: str
    href: str | None


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line, e.g. ``错误类型：域名无法解析``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class FindingView:
    outcome: str
    outcome_label: str
    message: str
    page: Link
    target: Link | None
    details: tuple[Fact, ...]
    found_on: tuple[Link, ...]
    excerpt: str | None
    evidence: Link | None  # text: the archive record id; href: the exported copy
    indicator: str | None
    fingerprint: str


@dataclass(frozen=True, slots=True)
class OutcomeSection:
    """The findings of one check with one outcome, with what that outcome asks the editor to do."""

    outcome: str
    label: str
    explanation: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class CheckGroup:
    check: str
    label: str
    anchor: str
    total: int
    sections: tuple[OutcomeSection, ...]


@dataclass(frozen=True, slots=True)
class CheckCount:
    """A row of the per-site count table: how many findings a check gave, by outcome."""

    check: str
    label: str
    examined: int | None
    fail: int
    review: int
    unverified: int


@dataclass(frozen=True, slots=True)
class CrashedCheck:
    check: str
    label: str
    error: str


@dataclass(frozen=True, slots=True)
class SiteView:
    anchor: str
    name: str
    homepage: Link
    facts: tuple[Fact, ...]
    verdict: str
    verdict_label: str
    score_text: str
    score_facts: tuple[Fact, ...]
    vetoes: tuple[str, ...]
    crawl_facts: tuple[Fact, ...]
    stopped_by: str
    stopped_by_text: str
    notes: tuple[str, ...]
    availability_svg: str | None
    counts: tuple[CheckCount, ...]
    clean_checks: tuple[str, ...]  # Chinese names of checks that ran and found nothing
    crashed: tuple[CrashedCheck, ...]
    groups: tuple[CheckGroup, ...]
    fail: int
    review: int
    unverified: int


@dataclass(frozen=True, slots=True)
class ReportView:
    as_of: str
    generated_at: str
    framework: str
    registry_problems: tuple[str, ...]
    sites: tuple[SiteView, ...]
    verdict_counts: tuple[Fact, ...]  # 合格 / 不合格 / 无法检查 with their number of sites
    outcome_legend: tuple[str, ...]


def build_report_view(report: Report, evidence_href: EvidenceHref) -> ReportView:
    """Work out everything the Markdown and HTML reports show for ``report``."""
    verdicts = Counter[str](site_report.verdict for site_report in report.sites)
    return ReportView(
        as_of=report.as_of,
        generated_at=report.generated_at,
        framework=f"{report.framework.id}（版本 {report.framework.version}）",
        registry_problems=report.registry_problems,
        sites=tuple(
            _site_view(number, site_report, evidence_href)
            for number, site_report in enumerate(report.sites, start=1)
        ),
        verdict_counts=tuple(
            Fact(label, str(verdicts[verdict])) for verdict, label in labels.VERDICT_LABELS.items()
        ),
        outcome_legend=tuple(labels.OUTCOME_EXPLANATIONS.values()),
    )


def http_link(url: str | None) -> str | None:
    """A link target for an address found on a site: only ``http``/``https`` with a host, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=_URL_SAFE)


def evidence_link(href: str | None) -> str | None:
    """A link target for an exported evidence copy: a relative path, or ``http``/``https``.

    A path that looks like it has a scheme (``urn:uuid:….html``) is made explicitly relative
    (``./urn:uuid:….html``), so it can never run as ``javascript:`` or open another program.
    """
    if not href:
        return None
    if http_link(href):
        return http_link(href)
    if href.startswith(("//", "\\\\")):
        return None
    if urlsplit(href).scheme:
        href = "./" + href
    return quote(href, safe=_URL_SAFE)


def format_number(value: float) -> str:
    """``87.5`` → ``87.5``, ``100.0`` → ``100``, ``-2.25`` → ``-2.25`` (at most two decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def score_text(site_report: SiteReport) -> str:
    """The score as a site editor reads it, with why there is none when there is none."""
    if site_report.score is not None:
        return f"{format_number(site_report.score.total)} 分"
    if site_report.vetoes:
        return "不计分（触发单项否决）"
    if site_report.verdict == "unverified":
        return "不计分（网站无法检查）"
    return "不计分（该指标体系不对此类网站计分）"


def detail_facts(check: str, detail: Mapping[str, Any]) -> tuple[Fact, ...]:
    """The detail fields of a finding as labelled lines, known fields first in a fixed order."""
    known = [key for key in labels.DETAIL_LABELS if key in detail]
    unknown = sorted(key for key in detail if key not in labels.DETAIL_LABELS)
    return tuple(
        Fact(labels.DETAIL_LABELS.get(key, key), _detail_value(check, key, detail[key]))
        for key in (*known, *unknown)
        if key not in _LISTED_APART and detail[key] not in ("", None, {}, [])
    )


def _site_view(number: int, site_report: SiteReport, evidence_href: EvidenceHref) -> SiteView:
    site, crawl = site_report.site, site_report.crawl
    findings = ordered_findings(site_report.findings)
    outcomes = Counter(str(finding.outcome) for finding in findings)
    anchor = f"site-{number}"
    return SiteView(
        anchor=anchor,
        name=site.name,
        homepage=Link(site.url, http_link(site.url)),
        facts=_present(
            ("网站标识码", site.site_code),
            ("主办单位", site.organizer),
            ("网站类型", labels.SITE_TYPE_LABELS.get(site.site_type or "", site.site_type)),
            ("层级", labels.LEVEL_LABELS.get(site.level or "", site.level)),
            ("地区", site.region),
        ),
        verdict=site_report.verdict,
        verdict_label=labels.VERDICT_LABELS.get(site_report.verdict, site_report.verdict),
        score_text=score_text(site_report),
        score_facts=_score_facts(site_report.score) + _fix_first_facts(site_report),
        vetoes=tuple(labels.veto_label(veto) for veto in site_report.vetoes),
        crawl_facts=_crawl_facts(site_report),
        stopped_by=crawl.stopped_by,
        stopped_by_text=labels.STOPPED_BY_LABELS.get(crawl.stopped_by, crawl.stopped_by),
        notes=site_report.notes,
        availability_svg=site_report.availability_chart,
        counts=_counts(site_report, findings),
        clean_checks=tuple(
            labels.check_label(check)
            for check in sorted(site_report.coverage, key=labels.check_rank)
            if site_report.coverage[check].error is None and not any(f.check == check for f in findings)
        ),
        crashed=tuple(
            CrashedCheck(check, labels.check_label(check), site_report.coverage[check].error or "")
            for check in sorted(site_report.coverage, key=labels.check_rank)
            if site_report.coverage[check].error is not None
        ),
        groups=_groups(anchor, findings, evidence_href),
        fail=outcomes.get("fail", 0),
        review=outcomes.get("review", 0),
        unverified=outcomes.get("unverified", 0),
    )


def _present(*pairs: tuple[str, str | None]) -> tuple[Fact, ...]:
    return tuple(Fact(label, value) for label, value in pairs if value)


def _fix_first_facts(site_report: SiteReport) -> tuple[Fact, ...]:
    """The "fix these first" line: the vetoes hit, then indicators by the points their problems cost."""
    if not site_report.fix_first:
        return ()
    parts = [
        f"{p.name}（单项否决，{p.findings} 个问题）"
        if p.kind == "veto"
        else f"{p.name}（可挽回 {format_number(p.points or 0)} 分，{p.findings} 个问题）"
        for p in site_report.fix_first[:8]
    ]
    return (Fact("优先整改", "；".join(parts)),)


def _score_facts(score: Score | None) -> tuple[Fact, ...]:
    if score is None:
        return ()
    facts = [Fact("扣分", format_number(score.deductions)), Fact("加分", format_number(score.bonus))]
    if score.by_indicator:
        parts = (f"{key} {format_number(score.by_indicator[key])}" for key in sorted(score.by_indicator))
        facts.append(Fact("分项", "，".join(parts)))
    if score.not_assessed:
        facts.append(Fact("未评估指标（需人工检查，未计为通过）", "、".join(score.not_assessed)))
        facts.append(Fact("未评估分值（得分最多可能再低）", format_number(score.unassessed_points)))
    return tuple(facts)


def _crawl_facts(site_report: SiteReport) -> tuple[Fact, ...]:
    crawl = site_report.crawl
    facts = [
        Fact("抓取页面数", str(crawl.pages)),
        Fact("检查链接数", str(crawl.links_checked)),
        Fact("附件数", str(crawl.attachments)),
        Fact("开始时间", crawl.started_at),
        Fact("结束时间", crawl.finished_at or "未结束"),
    ]
    if crawl.errors:
        facts.append(Fact("抓取出错次数", str(crawl.errors)))
    facts.append(Fact("存档文件", crawl.archive))
    return tuple(facts)


def _counts(site_report: SiteReport, findings: list[Finding]) -> tuple[CheckCount, ...]:
    by_check: dict[str, Counter[str]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, Counter())[str(finding.outcome)] += 1
    rows = []
    for check in sorted(by_check, key=labels.check_rank):
        coverage = site_report.coverage.get(check)
        counts = by_check[check]
        rows.append(
            CheckCount(
                check=check,
                label=labels.check_label(check),
                examined=coverage.examined if coverage else None,
                fail=counts.get("fail", 0),
                review=counts.get("review", 0),
                unverified=counts.get("unverified", 0),
            )
        )
    return tuple(rows)


def _groups(site_anchor: str, findings: list[Finding], evidence_href: EvidenceHref) -> tuple[CheckGroup, ...]:
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    groups = []
    for check in sorted(by_check, key=labels.check_rank):
        sections = tuple(
            OutcomeSection(
                outcome=outcome,
                label=label,
                explanation=labels.CHECK_OUTCOME_EXPLANATIONS.get(
                    (check, outcome), labels.OUTCOME_EXPLANATIONS[outcome]
                ),
                findings=tuple(
                    _finding_view(finding, evidence_href)
                    for finding in by_check[check]
                    if str(finding.outcome) == outcome
                ),
            )
            for outcome, label in labels.OUTCOME_LABELS.items()
        )
        groups.append(
            CheckGroup(
                check=check,
                label=labels.check_label(check),
                anchor=f"{site_anchor}-{check}",
                total=len(by_check[check]),
                sections=tuple(section for section in sections if section.findings),
            )
        )
    return tuple(groups)


def _finding_view(finding: Finding, evidence_href: EvidenceHref) -> FindingView:
    record = finding.evidence.archive_record
    found_on = finding.detail.get("found_on")
    return FindingView(
        outcome=str(finding.outcome),
        outcome_label=labels.OUTCOME_LABELS.get(str(finding.outcome), str(finding.outcome)),
        message=finding.message,
        page=Link(finding.url, http_link(finding.url)),
        target=Link(finding.target, http_link(finding.target)) if finding.target else None,
        details=detail_facts(finding.check, finding.detail),
        found_on=tuple(Link(str(url), http_link(str(url))) for url in _as_list(found_on)),
        excerpt=" ".join(finding.evidence.excerpt.split()) if finding.evidence.excerpt else None,
        evidence=Link(record, evidence_link(evidence_href(record))) if record else None,
        indicator=finding.indicator,
        fingerprint=finding.fingerprint,
    )


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return [] if value is None else [value]


def _detail_value(check: str, key: str, value: Any) -> str:
    if key in labels.SHARE_FIELDS and isinstance(value, float) and 0.0 <= value <= 1.0:
        return f"{format_number(value * 100)}%"
    if isinstance(value, str):
        return labels.detail_value_label(check, key, value)
    return _plain(to_json_value(value))


def _plain(value: Any) -> str:
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{_plain(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "、".join(_plain(item) for item in value) or "无"
    return str(value)


def as_text(items: Iterable[str]) -> str:
    """Items joined the Chinese way: ``甲、乙、丙``."""
    return "、".join(items)
