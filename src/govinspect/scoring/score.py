"""Scoring: findings + framework → indicator per finding, vetoes, score and verdict. Pure."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from govinspect.model.finding import Finding
from govinspect.model.report import Score, Verdict
from govinspect.scoring.framework import Framework


@dataclass(frozen=True, slots=True)
class Scorecard:
    verdict: Verdict
    vetoes: tuple[str, ...]
    score: Score | None
    findings: tuple[Finding, ...]  # with their indicator filled in


def score_site(findings: Sequence[Finding], framework: Framework, *, inspected: bool) -> Scorecard:
    """Score one site. ``inspected`` is False when its homepage was never fetched."""
    labelled = tuple(_label(f, framework) for f in findings)
    if not inspected:
        return Scorecard("unverified", (), None, labelled)
    counting = [f for f in labelled if f.outcome.value in framework.count_outcomes]
    vetoes = tuple(
        v.id for v in framework.vetoes if sum(v.counts(f.check, f.detail) for f in counting) >= v.min_count
    )
    if vetoes:
        return Scorecard("unqualified", vetoes, None, labelled)
    by_indicator: dict[str, float] = defaultdict(float)
    for finding in counting:
        for deduction in framework.deductions:
            if deduction.matches(finding.check, finding.detail):
                by_indicator[deduction.id] += deduction.points(finding.detail)
                break
    by_group: dict[str, float] = defaultdict(float)
    for deduction in framework.deductions:
        if deduction.cap_group and deduction.id in by_indicator:
            by_group[deduction.cap_group] += by_indicator[deduction.id]
    for group, taken in by_group.items():  # no indicator family loses more than its allocation
        cap = framework.caps[group]
        if taken > cap:
            members = [d.id for d in framework.deductions if d.cap_group == group and d.id in by_indicator]
            for member in members:
                by_indicator[member] *= cap / taken
    deductions = round(sum(by_indicator.values()), 2)
    total = round(framework.full_marks - deductions, 2)
    score = Score(
        total=total,
        deductions=deductions,
        bonus=0.0,
        by_indicator={k: -round(v, 2) for k, v in sorted(by_indicator.items())},
    )
    verdict: Verdict = "qualified" if total >= framework.pass_score else "unqualified"
    return Scorecard(verdict, (), score, labelled)


def _label(finding: Finding, framework: Framework) -> Finding:
    for deduction in framework.deductions:
        if deduction.matches(finding.check, finding.detail):
            return dataclasses.replace(finding, indicator=deduction.id)
    for veto in framework.vetoes:
        if veto.counts(finding.check, finding.detail):
            return dataclasses.replace(finding, indicator=veto.id)
    return finding
