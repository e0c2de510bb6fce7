"""The demo estate inspected end to end: broken-link against the planted ground truth.

This is the measurement behind the README's claim: precision and recall of
``broken-link`` on an estate in several CMS styles, and every 401/403/429,
robots and private-address target reported ``unverified``, never ``fail``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from govinspect.checks.api import all_checks
from govinspect.cli.check import Inspection, run_inspection
from govinspect.demo import Estate, bind_free_port, generate_estate
from govinspect.demo.background import demo_settings, serve_in_background
from govinspect.inspection import RunOptions
from govinspect.model.finding import Finding, Outcome
from govinspect.model.report import Report
from govinspect.registry import load_registry
from govinspect.reports import report_to_dict
from govinspect.scoring.framework import load_framework
from govinspect.scoring.score import score_site

AS_OF = date(2026, 11, 20)
SCHEMA = Path(__file__).parent / "reports" / "report.schema.json"


@pytest.fixture(scope="module")
def inspected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Estate, Report]]:
    root = tmp_path_factory.mktemp("estate")
    sock = bind_free_port()
    estate = generate_estate(root / "estate", port=sock.getsockname()[1], as_of=AS_OF)
    settings = demo_settings(estate)
    inspection = Inspection(
        sites=load_registry(estate.registry_path).sites,
        registry_problems=(),
        options=RunOptions(
            settings, AS_OF, load_framework("cn-gov-2019", frozenset(all_checks())), fresh=True
        ),
        db=str(root / "store.sqlite"),
        formats=("json",),
        output=str(root / "report.json"),
        progress=False,
    )
    with serve_in_background(estate, sock):
        yield estate, run_inspection(inspection)


def _found(report: Report, outcome: str) -> set[str]:
    return {
        f.target or f.url
        for s in report.sites
        for f in s.findings
        if f.check == "broken-link" and f.outcome.value == outcome
    }


def _planted(estate: Estate, outcome: str) -> set[str]:
    return {p.target or "" for p in estate.planted if p.check == "broken-link" and p.outcome == outcome}


def test_broken_links_are_found_with_precision_and_recall_of_at_least_95_percent(inspected) -> None:  # type: ignore[no-untyped-def]
    estate, report = inspected
    found, planted = _found(report, "fail"), _planted(estate, "fail")
    assert len(planted) >= 15
    true_positives = len(found & planted)
    assert true_positives / len(found) >= 0.95, f"not planted: {sorted(found - planted)}"
    assert true_positives / len(planted) >= 0.95, f"missed: {sorted(planted - found)}"


def test_refused_robots_and_private_targets_are_unverified_never_broken(inspected) -> None:  # type: ignore[no-untyped-def]
    estate, report = inspected
    unverified = _planted(estate, "unverified")
    assert unverified <= _found(report, "unverified")
    assert not unverified & _found(report, "fail")
    statuses = {
        f.detail.get("status")
        for s in report.sites
        for f in s.findings
        if f.check == "broken-link" and f.outcome.value == "fail"
    }
    assert not statuses & {401, 403, 429}


def test_each_finding_names_the_lowest_linking_page_and_all_of_them(inspected) -> None:  # type: ignore[no-untyped-def]
    estate, report = inspected
    planted = {p.target: p for p in estate.planted if p.check == "broken-link"}
    for site in report.sites:
        for finding in site.findings:
            expected = planted.get(finding.target)
            if expected is None:
                continue
            assert finding.url == expected.url
            for field in ("found_on", "found_on_count", "on_homepage", "internal", "kind", "error", "status"):
                assert finding.detail[field] == expected.detail[field], (finding.target, field)
            assert finding.evidence.archive_record


def test_the_report_follows_the_contract_schema(inspected) -> None:  # type: ignore[no-untyped-def]
    _, report = inspected
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(report_to_dict(report))
    assert all(site.verdict in ("qualified", "unqualified") for site in report.sites)


def test_govinspect_demo_writes_the_reports_and_compares_them_with_the_ground_truth(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "govinspect", "demo", "--output", str(tmp_path), "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for name in (
        "report.html",
        "report.md",
        "report.json",
        "estate/ground-truth.json",
        "estate/registry.csv",
    ):
        assert (tmp_path / name).exists(), name
    assert "broken-link fail: found 19 of 19 planted" in run.stderr
    assert "not planted" not in run.stderr
    assert list((tmp_path / "evidence").glob("*.html")), "findings link to exported evidence"


def _covered_checks(estate: Estate) -> list[str]:
    truth = json.loads(estate.ground_truth_path.read_text(encoding="utf-8"))
    return sorted(set(truth["covered_checks"]) & set(all_checks()))


def _keys(
    items: Iterable[tuple[str, str, str | None, str | None]], check: str
) -> Counter[tuple[str, str, str]]:
    return Counter(
        (outcome, url or "", target or "") for name, outcome, url, target in items if name == check
    )


def test_every_covered_check_finds_the_planted_problems_with_precision_and_recall_of_at_least_90_percent(
    inspected,  # type: ignore[no-untyped-def]
) -> None:
    estate, report = inspected
    planted_items = [(p.check, p.outcome, p.url, p.target) for p in estate.planted]
    found_items = [(f.check, f.outcome.value, f.url, f.target) for s in report.sites for f in s.findings]
    failures = []
    for check in _covered_checks(estate):
        planted, found = _keys(planted_items, check), _keys(found_items, check)
        hits = sum((planted & found).values())
        precision = hits / sum(found.values()) if found else 1.0
        recall = hits / sum(planted.values()) if planted else 1.0
        if precision < 0.9 or recall < 0.9:
            failures.append(
                f"{check}: precision {precision:.2f}, recall {recall:.2f}; "
                f"missed {sorted(planted - found)[:3]}, not planted {sorted(found - planted)[:3]}"
            )
    assert not failures, "\n".join(failures)


def test_each_site_gets_the_vetoes_its_planted_problems_call_for(inspected) -> None:  # type: ignore[no-untyped-def]
    estate, report = inspected
    framework = load_framework("cn-gov-2019")
    covered = set(_covered_checks(estate))
    for site in report.sites:
        planted = [
            Finding(p.check, Outcome(p.outcome), p.url or "", "planted", str(n), p.target, dict(p.detail))
            for n, p in enumerate(estate.planted)
            if p.site_url == site.site.url
        ]
        expected = score_site(planted, framework, inspected=True).vetoes
        vetoed_by_covered = tuple(
            v.id for v in framework.vetoes if set(v.checks) <= covered and v.id in site.vetoes
        )
        assert vetoed_by_covered == tuple(v for v in expected), site.site.url
