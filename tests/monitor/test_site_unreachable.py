"""site-unreachable on synthetic probe histories: the 5 % line, too few visits, the window's edges."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta

from govinspect.checks.api import SiteContext, all_checks
from govinspect.checks.availability.site_unreachable import reaches, site_unreachable
from govinspect.engine import run_checks
from govinspect.model.availability import BEIJING, AvailabilityProbe, ProbeOutcome
from govinspect.model.crawl import CrawledPage
from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site

AS_OF = date(2026, 11, 20)
WINDOW_START = datetime(2026, 11, 14, tzinfo=BEIJING)  # 7 Beijing-time days ending with 11-20
SLOT = timedelta(minutes=72)  # 20 a day: 140 slots fill the week exactly
HOME = "http://www.tjs.gov.cn/"


def _context(history: Sequence[AvailabilityProbe]) -> SiteContext:
    def no_pages() -> Iterator[CrawledPage]:
        return iter(())

    return SiteContext(
        site=Site(name="天津市测试区人民政府", url=HOME),
        as_of=AS_OF,
        homepage_url=HOME,
        statuses={},
        probes={},
        read_pages=no_pages,
        in_scope=lambda url: True,
        probes_history=tuple(history),
    )


def _probe(slot_start: datetime, outcome: ProbeOutcome, error: str | None = None) -> AvailabilityProbe:
    visited = outcome != "missed"
    return AvailabilityProbe(
        slot_start=slot_start.astimezone(UTC),
        outcome=outcome,
        started_at=slot_start.astimezone(UTC) if visited else None,
        elapsed_ms=300 if visited else None,
        status=(503 if error == "http" else 200 if outcome == "ok" else None),
        error=error,
        error_detail="no complete answer within 15 s" if error == "timeout" else "",
    )


def _week(
    visits: int, failed: int, first: datetime = WINDOW_START, every: timedelta = SLOT
) -> list[AvailabilityProbe]:
    """``visits`` slots ``every`` apart from ``first``; the first ``failed`` of them failed."""
    return [
        _probe(
            first + n * every,
            "failed" if n < failed else "ok",
            ("timeout" if n % 2 else "http") if n < failed else None,
        )
        for n in range(visits)
    ]


def _findings(history: Sequence[AvailabilityProbe]) -> list[Finding]:
    return list(run_checks(_context(history), [all_checks()["site-unreachable"]]).findings)


def test_exactly_five_percent_of_the_visits_failing_is_a_failure() -> None:
    (finding,) = _findings(_week(140, 7))
    assert finding.outcome is Outcome.FAIL and finding.check == "site-unreachable"
    assert finding.url == HOME
    assert {k: finding.detail[k] for k in ("probes", "failed", "ratio", "window_days")} == {
        "probes": 140,
        "failed": 7,
        "ratio": 0.05,
        "window_days": 7,
    }
    assert finding.detail["errors"] == {"HTTP 503": 4, "timeout": 3}
    assert "2026-11-14 至 2026-11-20" in finding.message and "140次" in finding.message
    assert "超时无响应 3 次" in finding.message
    assert finding.evidence.excerpt is not None and "最近一次失败" in finding.evidence.excerpt


def test_just_below_five_percent_passes() -> None:
    assert _findings(_week(140, 6)) == []
    assert _findings(_week(200, 9, every=timedelta(minutes=50))) == []  # 4.5 % of 200 in the week


def test_too_few_visits_cannot_be_judged_and_the_count_is_given() -> None:
    (finding,) = _findings(_week(139, 0))
    assert finding.outcome is Outcome.UNVERIFIED
    assert finding.detail["probes"] == 139 and finding.detail["required_probes"] == 140
    assert "139次" in finding.message and "govinspect monitor" in finding.message
    (never,) = _findings([])
    assert (
        never.outcome is Outcome.UNVERIFIED and never.detail["probes"] == 0 and never.detail["ratio"] is None
    )


def test_missed_slots_and_forbidden_visits_count_neither_way() -> None:
    week = _week(140, 6)
    gaps = [_probe(WINDOW_START + n * SLOT + timedelta(minutes=30), "missed") for n in range(40)]
    forbidden = [
        _probe(WINDOW_START + n * SLOT + timedelta(minutes=40), "unverified", "forbidden") for n in range(20)
    ]
    assert _findings(week + gaps + forbidden) == []
    (short,) = _findings(_week(130, 0) + gaps)
    assert short.outcome is Outcome.UNVERIFIED
    assert (short.detail["probes"], short.detail["missed"]) == (130, 40)


def test_only_the_window_counts() -> None:
    before = _week(60, 60, first=WINDOW_START - 60 * SLOT)  # all failed, all before 11-14 00:00 (UTC+8)
    after = _week(30, 30, first=WINDOW_START + timedelta(days=7))  # all failed, from 11-21 00:00
    assert _findings(before + _week(140, 6) + after) == []
    assert (WINDOW_START - SLOT).astimezone(UTC).date() == date(2026, 11, 13)


def _with(parameters: dict[str, object], history: Sequence[AvailabilityProbe]) -> list[Finding]:
    results = run_checks(
        _context(history), [all_checks()["site-unreachable"]], {"site-unreachable": parameters}
    )
    assert results.coverage["site-unreachable"].error is None
    return list(results.findings)


def test_frameworks_pass_their_own_window_and_threshold() -> None:
    week = _week(140, 7)
    assert _with({"fail_ratio": 0.06}, week) == []
    (wider,) = _with({"window_days": 14}, week)
    assert wider.outcome is Outcome.UNVERIFIED and wider.detail["required_probes"] == 280
    (fewer,) = _with({"min_probes_per_day": 10, "fail_ratio": 0.05, "window_days": 7}, _week(70, 4))
    assert fewer.outcome is Outcome.FAIL and fewer.detail["threshold"] == 0.05
    context = dataclasses.replace(_context(week), check_name="site-unreachable")
    assert list(site_unreachable(context, fail_ratio=0.06)) == []  # the defaults are keyword arguments


def test_a_framework_value_the_check_does_not_know_is_an_error_of_the_check() -> None:
    for bad in ({"timeout_s": 15}, {"fail_ratio": 5}, {"window_days": 0}, {"min_probes_per_day": 20.5}):
        results = run_checks(
            _context(_week(140, 7)), [all_checks()["site-unreachable"]], {"site-unreachable": bad}
        )
        assert results.findings == () and results.coverage["site-unreachable"].error, bad


def test_the_same_problem_has_the_same_fingerprint_in_every_run() -> None:
    first, again = _findings(_week(140, 10)), _findings(_week(150, 12))
    assert first[0].fingerprint == again[0].fingerprint


def test_the_five_percent_line_is_exact_for_every_count_of_visits() -> None:
    for visits in range(20, 4001, 20):
        assert reaches(visits // 20, visits, 0.05), visits
        assert not reaches(visits // 20 - 1, visits, 0.05), visits
    assert not reaches(0, 0, 0.05)
