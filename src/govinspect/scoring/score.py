"""Scoring: findings + framework → indicator per finding, vetoes, score and verdict. Pure.

The 2019 rules (indicators.md §2): any single veto makes a site unqualified with no score;
otherwise each deduction indicator loses at most its allocation, the site scores the rest of the
100 points, and below 60 it is unqualified. Only the site types the framework scores (portals,
in 2019) get a score; a site without external services skips the service block and has the rest
scaled up (75 × 4/3). Indicators no check feeds are listed as not assessed, never as passed.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from govinspect.model.finding import Finding
from govinspect.model.report import Priority, Score, Verdict
from govinspect.model.site import Site
from govinspect.scoring.framework import Deduction, Framework


@dataclass(frozen=True, slots=True)
class Scorecard:
    verdict: Verdict
    vetoes: tuple[str, ...]
    score: Score | None
    findings: tuple[Finding, ...]  # with their indicator filled in
    fix_first: tuple[Priority, ...] = ()  # the vetoes hit, then indicators by points recoverable


def score_site(
    findings: Sequence[Finding],
    framework: Framework,
    *,
    inspected: bool,
    site: Site | None = None,
    ran: frozenset[str] | None = None,
) -> Scorecard:
    """Score one site. ``inspected`` is False when its homepage was never fetched.

    ``site`` gives the registry's site type and service duty; without it (a URL inspected with
    no registry) the site is scored as a portal with services. ``ran`` names the checks that ran
    (all, when None): an indicator fed only by checks that did not run is not assessed.
    """
    labelled = tuple(_label(f, framework) for f in findings)
    if not inspected:
        return Scorecard("unverified", (), None, labelled)
    counting = [f for f in labelled if f.outcome.value in framework.count_outcomes]
    hits = {v.id: sum(v.counts(f.check, f.detail) for f in counting) for v in framework.vetoes}
    vetoes = tuple(v.id for v in framework.vetoes if hits[v.id] >= v.min_count)
    skipped = (
        framework.without_services_block if site is not None and site.has_external_services is False else None
    )
    score = _score(counting, framework, skipped, ran)
    fix_first = _fix_first(framework, vetoes, hits, counting, score)
    if vetoes:
        return Scorecard("unqualified", vetoes, None, labelled, fix_first)
    site_type = site.site_type if site is not None else None
    if site_type is not None and site_type not in framework.scored_site_types:
        return Scorecard("qualified", (), None, labelled, fix_first)
    verdict: Verdict = "unqualified" if score.total < framework.pass_score else "qualified"
    return Scorecard(verdict, (), score, labelled, fix_first)


def score_account(findings: Sequence[Finding], framework: Framework, *, collected: bool) -> Scorecard:
    """Judge a new-media account: the single vetoes only (no national deduction table exists for new
    media, indicators-points.md §4). ``collected`` is False when nothing could be read of it."""
    labelled = tuple(_label(f, framework) for f in findings)
    if not collected:
        return Scorecard("unverified", (), None, labelled)
    counting = [f for f in labelled if f.outcome.value in framework.count_outcomes]
    hits = {v.id: sum(v.counts(f.check, f.detail) for f in counting) for v in framework.vetoes}
    vetoes = tuple(v.id for v in framework.vetoes if hits[v.id] >= v.min_count)
    names = {v.id: v.name for v in framework.vetoes}
    fix_first = tuple(Priority(v, names[v], "veto", None, hits[v]) for v in vetoes)
    return Scorecard("unqualified" if vetoes else "qualified", vetoes, None, labelled, fix_first)


def _fix_first(
    framework: Framework,
    vetoes: tuple[str, ...],
    hits: dict[str, int],
    counting: Sequence[Finding],
    score: Score,
) -> tuple[Priority, ...]:
    """Vetoes first (each decides the verdict alone), then indicators by the points their problems cost.

    The points are those the indicator loses now (its rules' deductions, capped at its allocation):
    fixing every problem of the indicator recovers them.
    """
    names = {v.id: v.name for v in framework.vetoes}
    first = [Priority(v, names[v], "veto", None, hits[v]) for v in vetoes]
    rules = {d.id: d for d in framework.deductions}
    lost: dict[str, float] = defaultdict(float)
    for rule_id, points in score.by_indicator.items():
        lost[rules[rule_id].indicator] -= points
    problems: dict[str, int] = defaultdict(int)
    for finding in counting:
        rule = _rule(finding, framework)
        if rule is not None and rule.indicator in lost:
            problems[rule.indicator] += 1
    ranked = sorted(lost.items(), key=lambda item: (-item[1], item[0]))
    return tuple(first) + tuple(
        Priority(i, framework.indicators[i].name, "deduction", round(points, 2), problems[i])
        for i, points in ranked
        if points > 0
    )


def _score(
    counting: Sequence[Finding], framework: Framework, skipped_block: str | None, ran: frozenset[str] | None
) -> Score:
    by_rule: dict[str, float] = defaultdict(float)
    distinct: dict[str, set[str]] = defaultdict(set)  # rules that count each listed entry once
    rules = {d.id: d for d in framework.deductions}
    for finding in counting:
        rule = _rule(finding, framework)
        if rule is None or _skipped(framework.indicators[rule.indicator].block, skipped_block):
            continue
        if rule.distinct_items and rule.per_item_of is not None:
            distinct[rule.id].update(str(item) for item in finding.detail.get(rule.per_item_of) or ())
            by_rule[rule.id] = rule.points_each * len(distinct[rule.id])
        else:
            by_rule[rule.id] += rule.points(finding.detail)
    taken: dict[str, float] = defaultdict(float)
    for rule_id, points in by_rule.items():
        taken[rules[rule_id].indicator] += points
    for indicator_id, points in taken.items():  # no indicator loses more than its allocation
        allocation = framework.indicators[indicator_id].points
        if points > allocation:
            for rule_id in by_rule:
                if rules[rule_id].indicator == indicator_id:
                    by_rule[rule_id] *= allocation / points
    deductions = sum(by_rule.values())
    skipped_points = sum(b.points for b in framework.blocks if b.id == skipped_block)
    factor = framework.without_services_factor if skipped_block else 1.0
    total = (framework.full_marks - skipped_points - deductions) * factor
    assessed = framework.assessed_indicators(ran)
    not_assessed = tuple(
        sorted(
            i.id
            for i in framework.indicators.values()
            if i.id not in assessed and not _skipped(i.block, skipped_block)
        )
    )
    return Score(
        total=round(total, 2),
        deductions=round(deductions, 2),
        bonus=0.0,  # no bonus item (加分指标) is assessed by a check yet
        by_indicator={k: -round(v, 2) for k, v in sorted(by_rule.items())},
        not_assessed=not_assessed,
        unassessed_points=round(sum(framework.indicators[i].points for i in not_assessed) * factor, 2),
    )


def _skipped(block: str | None, skipped_block: str | None) -> bool:
    return skipped_block is not None and block == skipped_block


def _rule(finding: Finding, framework: Framework) -> Deduction | None:
    return next((d for d in framework.deductions if d.matches(finding.check, finding.detail)), None)


def _label(finding: Finding, framework: Framework) -> Finding:
    rule = _rule(finding, framework)
    if rule is not None:
        return dataclasses.replace(finding, indicator=rule.id)
    for veto in framework.vetoes:
        if veto.counts(finding.check, finding.detail):
            return dataclasses.replace(finding, indicator=veto.id)
    return finding
