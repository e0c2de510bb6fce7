"""Properties of scoring that must hold for any findings, under every built-in framework."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site
from govinspect.scoring.framework import builtin_frameworks, load_framework
from govinspect.scoring.score import score_site

FRAMEWORKS = [load_framework(ref) for ref in sorted(builtin_frameworks())]
CHECKS = [
    "broken-link", "column-not-updated", "column-blank", "service-guide-incomplete", "icp-missing",
    "jiucuo-missing", "no-site-search", "message-slow-reply", "interpretation-copied", "privacy-leak",
    "img-missing-alt", "non-gov-domain", "serious-typo", "message-unanswered", "homepage-not-updated",
]  # fmt: skip
ELEMENTS = ["事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程"]


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    check = draw(st.sampled_from(CHECKS))
    detail = {
        "on_homepage": draw(st.booleans()),
        "column_type": draw(st.sampled_from(["news", "notice-policy", "personnel-plan", "other"])),
        "column_level": draw(st.sampled_from([1, 2])),
        "missing": draw(st.lists(st.sampled_from(ELEMENTS), max_size=3, unique=True)),
    }
    outcome = draw(st.sampled_from(list(Outcome)))
    n = draw(st.integers(0, 10**6))
    return Finding(check, outcome, f"http://x.gov.cn/{n}", "m", f"{check}{n}", detail=detail)


SITES = [
    None,
    Site(name="门户", url="http://x.gov.cn/", site_type="portal", has_external_services=True),
    Site(name="无服务", url="http://x.gov.cn/", site_type="portal", has_external_services=False),
    Site(name="部门", url="http://x.gov.cn/", site_type="department"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(findings(), max_size=25), findings(), st.sampled_from(FRAMEWORKS), st.sampled_from(SITES))
def test_a_new_finding_never_raises_a_score_nor_turns_a_failure_into_a_pass(
    found, extra, framework, site
) -> None:  # type: ignore[no-untyped-def]
    before = score_site(found, framework, inspected=True, site=site)
    after = score_site([*found, extra], framework, inspected=True, site=site)
    if before.verdict == "unqualified":
        assert after.verdict == "unqualified"
    if before.score is not None and after.score is not None:
        assert after.score.total <= before.score.total
    assert set(before.vetoes) <= set(after.vetoes)


@settings(max_examples=200, deadline=None)
@given(st.lists(findings(), max_size=25), st.sampled_from(FRAMEWORKS), st.sampled_from(SITES))
def test_what_is_not_assessed_is_never_scored_and_its_points_are_shown(found, framework, site) -> None:  # type: ignore[no-untyped-def]
    card = score_site(found, framework, inspected=True, site=site)
    if card.score is None:
        return
    rules = {d.id: d.indicator for d in framework.deductions}
    deducted = {rules[rule] for rule in card.score.by_indicator}
    assert not deducted & set(card.score.not_assessed)
    assert card.score.unassessed_points >= 0
    assert card.score.total <= framework.full_marks
    for indicator, allocation in ((i.id, i.points) for i in framework.indicators.values()):
        lost = -sum(v for k, v in card.score.by_indicator.items() if rules[k] == indicator)
        assert lost <= allocation + 1e-6  # no indicator loses more than its allocation
