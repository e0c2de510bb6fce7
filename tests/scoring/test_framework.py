"""Frameworks say how findings count: both directions between checks and frameworks hold."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from govinspect.checks.api import all_checks
from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site
from govinspect.scoring.framework import FrameworkError, builtin_frameworks, load_framework
from govinspect.scoring.score import score_site


def _broken(n: int, on_homepage: bool, outcome: Outcome = Outcome.FAIL) -> list[Finding]:
    return [
        Finding(
            "broken-link",
            outcome,
            "http://x.gov.cn/",
            "m",
            f"{on_homepage}{n}{i}",
            target=f"http://x.gov.cn/{i}",
            detail={"on_homepage": on_homepage},
        )
        for i in range(n)
    ]


def test_every_builtin_framework_names_only_existing_checks_and_every_check_is_accounted_for() -> None:
    checks = frozenset(all_checks())
    for ref in builtin_frameworks():
        framework = load_framework(ref, checks)
        assert checks <= framework.scored_checks | framework.unscored_checks, ref


def test_link_deductions_follow_points_and_the_family_cap() -> None:
    framework = load_framework("cn-gov-2019")
    card = score_site(_broken(2, True) + _broken(3, False), framework, inspected=True)
    assert card.score is not None
    assert card.score.by_indicator == {"D-LINK-HOME": -0.4, "D-LINK-OTHER": -0.3}
    assert card.score.total == 99.3
    capped = score_site(_broken(10, True) + _broken(50, False), framework, inspected=True)
    assert capped.score is not None and capped.score.deductions == 1.0  # D-LINK is worth 1 point in all
    assert {f.indicator for f in capped.findings} == {"D-LINK-HOME", "D-LINK-OTHER"}


def test_unverified_findings_never_cost_points_and_an_uninspected_site_is_unverified() -> None:
    framework = load_framework("cn-gov-2019")
    card = score_site(_broken(5, True, Outcome.UNVERIFIED), framework, inspected=True)
    assert card.score is not None and card.score.total == 100.0 and card.verdict == "qualified"
    assert score_site([], framework, inspected=False).verdict == "unverified"


def test_a_new_finding_never_raises_the_score() -> None:
    framework = load_framework("cn-gov-2019")
    pool = [f for pair in zip(_broken(15, True), _broken(15, False), strict=True) for f in pair]
    totals = []
    for n in range(len(pool) + 1):
        card = score_site(pool[:n], framework, inspected=True)
        assert card.score is not None
        totals.append(card.score.total)
    assert all(a >= b for a, b in itertools.pairwise(totals))


def test_a_copied_framework_with_errors_is_rejected_with_its_file_name(tmp_path: Path) -> None:
    source = builtin_frameworks()["cn-gov-2019"].read_text(encoding="utf-8")
    unknown = tmp_path / "unknown-check.yaml"
    unknown.write_text(source.replace("check: broken-link", "check: no-such-check", 1), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"unknown-check\.yaml.*no-such-check"):
        load_framework(str(unknown), frozenset(all_checks()))
    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text(source.replace("id: D-LINK-OTHER", "id: D-LINK-HOME"), encoding="utf-8")
    with pytest.raises(FrameworkError, match="duplicate indicator ids: D-LINK-HOME"):
        load_framework(str(duplicate))
    impossible = tmp_path / "cap.yaml"
    impossible.write_text(
        source.replace(
            "D-LINK: {name: 可用性（链接）, block: function, points: 1,",
            "D-LINK: {name: x, block: function, points: 22,",
        ),
        encoding="utf-8",
    )
    with pytest.raises(FrameworkError, match="allocation of 22 is impossible"):
        load_framework(str(impossible))
    unbalanced = tmp_path / "sum.yaml"
    unbalanced.write_text(
        source.replace(
            "D-FUN-IPV6: {name: IPv6改造, block: function, points: 1,",
            "D-FUN-IPV6: {name: IPv6改造, block: function, points: 2,",
        ),
        encoding="utf-8",
    )
    with pytest.raises(FrameworkError, match="function: worth 21, its indicators are allocated 22"):
        load_framework(str(unbalanced))
    with pytest.raises(FrameworkError, match="unknown framework"):
        load_framework("cn-gov-1999")


def _stale(n: int, column_type: str, level: int = 1, check: str = "column-not-updated") -> list[Finding]:
    return [
        Finding(
            check,
            Outcome.FAIL,
            f"http://x.gov.cn/{column_type}{level}{i}/",
            "m",
            f"{check}{column_type}{level}{i}",
            detail={"column_type": column_type, "column_level": level},
        )
        for i in range(n)
    ]


def test_column_vetoes_count_the_columns_the_rules_name() -> None:
    framework = load_framework("cn-gov-2019")

    def vetoes(findings: list[Finding]) -> tuple[str, ...]:
        return score_site(findings, framework, inspected=True).vetoes

    assert vetoes(_stale(4, "news")) == ()
    assert vetoes(_stale(3, "news") + _stale(2, "notice-policy", level=1)) == ("SV-COL-STALE-KEY",)
    assert vetoes(_stale(3, "news") + _stale(2, "notice-policy", level=2)) == ()  # sub-columns do not count
    assert vetoes(_stale(4, "news") + _stale(1, "news", check="column-blank")) == ("SV-COL-STALE-KEY",)
    assert vetoes(_stale(10, "personnel-plan")) == ("SV-COL-STALE-ANY",)
    assert set(vetoes(_stale(5, "other", check="column-blank"))) == {"SV-COL-BLANK"}
    home = [Finding("homepage-not-updated", Outcome.FAIL, "http://x.gov.cn/", "m", "h")]
    card = score_site(home, framework, inspected=True)
    assert card.verdict == "unqualified" and card.vetoes == ("SV-HOME-STALE",) and card.score is None


def test_framework_windows_reach_the_checks_and_bad_ones_are_rejected(tmp_path: Path) -> None:
    checks = all_checks()
    framework = load_framework("cn-gov-2019", frozenset(checks))
    reader = checks["column-not-updated"].read_parameters
    assert reader is not None
    windows = reader(framework.check_parameters["column-not-updated"])["windows"]
    assert (windows["news"].days, windows["notice-policy"].months, windows["personnel-plan"].months) == (
        14,
        6,
        12,
    )
    with pytest.raises(ValueError, match="window"):
        reader({"windows": {"news": {"weeks": 2}}})


def _framework_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text(
        "id: local\nversion: '1'\nscoring: {full_marks: 100, pass_score: 60}\n"
        "blocks: {svc: {name: s, points: 100}}\n"
        "indicators: {G: {name: g, block: svc, points: 8}, REST: {name: r, block: svc, points: 92}}\n" + body,
        encoding="utf-8",
    )
    return path


def _guide(missing: list[str], n: int = 0) -> Finding:
    return Finding(
        "service-guide-incomplete",
        Outcome.FAIL,
        f"http://x.gov.cn/g{n}",
        "m",
        f"g{n}",
        detail={"missing": missing},
    )


def test_range_conditions_count_findings_by_size_and_points_can_be_per_listed_item(tmp_path: Path) -> None:
    framework = load_framework(
        str(
            _framework_file(
                tmp_path,
                "vetoes:\n"
                "  - {id: V-GUIDE, name: g, checks: [service-guide-incomplete], min_count: 2,"
                " when_any: [{missing: {min: 4}}]}\n"
                "deductions:\n"
                "  - {id: D-GUIDE, indicator: G, check: service-guide-incomplete, points_each: 0.5,"
                " per_item_of: missing}\n",
            )
        )
    )
    four, two = ["a", "b", "c", "d"], ["a", "b"]
    card = score_site([_guide(four, 1), _guide(two, 2)], framework, inspected=True)
    assert card.vetoes == () and card.score is not None
    assert card.score.by_indicator == {"D-GUIDE": -3.0}  # 0.5 for each of the 6 missing elements
    assert score_site([_guide(four, 1), _guide(four, 2)], framework, inspected=True).vetoes == ("V-GUIDE",)
    many = [_guide(two, n) for n in range(20)]
    capped = score_site(many, framework, inspected=True)
    assert capped.score is not None and capped.score.deductions == 8.0


def test_a_malformed_range_condition_is_rejected(tmp_path: Path) -> None:
    path = _framework_file(
        tmp_path,
        "vetoes:\n  - {id: V, name: v, checks: [broken-link], when_any: [{status: {above: 3}}]}\n",
    )
    with pytest.raises(FrameworkError, match=r"local\.yaml.*min and/or max"):
        load_framework(str(path))


def _site(site_type: str | None, services: bool | None = None) -> Site:
    return Site(name="x", url="http://x.gov.cn/", site_type=site_type, has_external_services=services)  # type: ignore[arg-type]


def test_only_portals_are_scored_in_2019_and_departments_keep_their_vetoes() -> None:
    framework = load_framework("cn-gov-2019")
    links = _broken(3, True)
    portal = score_site(links, framework, inspected=True, site=_site("portal"))
    assert portal.score is not None and portal.score.total == 99.4
    department = score_site(links, framework, inspected=True, site=_site("department"))
    assert department.score is None and department.verdict == "qualified"
    blank = _stale(5, "other", check="column-blank")
    vetoed = score_site(blank, framework, inspected=True, site=_site("department"))
    assert vetoed.verdict == "unqualified" and vetoed.vetoes == ("SV-COL-BLANK",)


def test_a_site_without_external_services_is_scored_out_of_75_times_four_thirds() -> None:
    framework = load_framework("cn-gov-2019")
    findings = _broken(5, True) + _stale(1, "news")  # −1 (link family) and −5 (动态要闻)
    with_services = score_site(findings, framework, inspected=True, site=_site("portal", True))
    assert with_services.score is not None and with_services.score.total == 94.0
    without = score_site(findings, framework, inspected=True, site=_site("portal", False))
    assert without.score is not None and without.score.total == round((75 - 6) * 4 / 3, 2)
    assert not any(i.startswith("D-SVC") for i in without.score.not_assessed)


def test_a_column_is_deducted_once_under_its_most_specific_indicator() -> None:
    framework = load_framework("cn-gov-2019")
    card = score_site(
        _stale(1, "news") + _stale(1, "notice-policy", level=2) + _stale(1, "other", check="column-blank"),
        framework,
        inspected=True,
    )
    assert card.score is not None
    assert card.score.by_indicator == {
        "D-PUB-NEWS-STALE": -5.0,
        "D-PUB-OTHER-BLANK": -2.0,
        "D-PUB-OTHER-STALE": -1.0,
    }


def test_indicators_no_check_feeds_are_not_assessed_and_never_count_as_passed() -> None:
    framework = load_framework("cn-gov-2019")
    card = score_site([], framework, inspected=True)
    assert card.score is not None
    assert "D-SVC-ONLINE" in card.score.not_assessed and "D-LINK" not in card.score.not_assessed
    only_links = score_site([], framework, inspected=True, ran=frozenset({"broken-link"}))
    assert only_links.score is not None and "D-PUB-NEWS" in only_links.score.not_assessed


def test_fix_these_first_lists_the_vetoes_then_the_indicators_by_points_recoverable() -> None:
    framework = load_framework("cn-gov-2019")
    findings = _stale(5, "other", check="column-blank") + _broken(3, True) + _stale(1, "news")
    card = score_site(findings, framework, inspected=True, site=_site("portal"))
    assert card.verdict == "unqualified" and card.score is None
    kinds = [(p.indicator, p.kind, p.points, p.findings) for p in card.fix_first]
    assert kinds[0] == ("SV-COL-BLANK", "veto", None, 5)
    deductions = [k for k in kinds if k[1] == "deduction"]
    assert deductions == sorted(deductions, key=lambda k: -(k[2] or 0))
    assert ("D-PUB-NEWS", "deduction", 5.0, 1) in deductions and ("D-LINK", "deduction", 0.6, 3) in deductions
    assert ("D-PUB-OTHER", "deduction", 4.0, 5) in deductions  # 5 blank columns × 2, capped at 4


def test_the_2015_census_counts_a_guide_element_missing_in_several_guides_once() -> None:
    framework = load_framework("cn-census-2015", frozenset(all_checks()))
    guides = [_guide(["设定依据", "办理流程"], 1), _guide(["设定依据"], 2), _guide(["联系电话"], 3)]
    card = score_site(guides, framework, inspected=True, site=_site("department"))
    assert card.score is not None  # 2015 scored every site, departments too
    assert card.score.by_indicator == {"P15-D-GUIDE-CLASSES": -6.0}  # 3 distinct classes × 2
    links = score_site(_broken(2, True) + _broken(5, False), framework, inspected=True)
    assert links.score is not None and links.score.total == 100 - 2 - 0.5
    assert "P15-D-HOME-AVAIL" in links.score.not_assessed


def test_the_2015_census_vetoes_policy_columns_at_every_level_and_excludes_its_own_boards() -> None:
    framework = load_framework("cn-census-2015", frozenset(all_checks()))
    key = _stale(3, "news") + _stale(2, "notice-policy", level=2)
    assert score_site(key, framework, inspected=True).vetoes == ("P15-SV-COL-STALE-KEY",)
    assert score_site(key, load_framework("cn-gov-2019"), inspected=True).vetoes == ()  # 2019: level 1 only
    reader = all_checks()["message-unanswered"].read_parameters
    assert reader is not None
    assert "举报投诉" in reader(framework.check_parameters["message-unanswered"])["excluded"]
