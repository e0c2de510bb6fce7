"""The JSON report of contract §3 (``govinspect/report@1``).

Scripts, dashboards and CI jobs of site operators read this document, so its keys and nesting
follow the contract exactly; fields beyond the contract are only ever added (``registry_problems``,
``notes``, ``crawl_id``, ``errors``, ``organizer``, and ``review`` / ``error`` in coverage).
Findings, coverage and per-indicator scores come in a fixed order, so two runs over the same
crawl give the same document apart from timestamps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TextIO

from govinspect.model.finding import Finding
from govinspect.model.report import Coverage, CrawlSummary, Priority, Report, Score, SiteReport
from govinspect.model.site import Site

SCHEMA_ID = "govinspect/report@1"


def finding_order_key(finding: Finding) -> tuple[str, str, str, str]:
    """The order of findings in every report: by check, page, target, then fingerprint."""
    return (finding.check, finding.url, finding.target or "", finding.fingerprint)


def ordered_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the stable report order (see :func:`finding_order_key`)."""
    return sorted(findings, key=finding_order_key)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as the plain JSON value of contract §3 (only dicts, lists, str, numbers, bools, None)."""
    return {
        "schema": SCHEMA_ID,
        "generated_at": report.generated_at,
        "as_of": report.as_of,
        "framework": {"id": report.framework.id, "version": report.framework.version},
        "registry_problems": list(report.registry_problems),
        "sites": [_site_report(site_report) for site_report in report.sites],
    }


def write_json(report: Report, out: TextIO) -> None:
    """Write the JSON report to ``out``: UTF-8 text as is (no ``\\u`` escapes), indented by 2."""
    json.dump(report_to_dict(report), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _site_report(site_report: SiteReport) -> dict[str, Any]:
    return {
        "site": _site(site_report.site),
        "crawl": _crawl(site_report.crawl),
        "verdict": site_report.verdict,
        "vetoes": list(site_report.vetoes),
        "score": _score(site_report.score),
        "fix_first": [_priority(priority) for priority in site_report.fix_first],
        "findings": [finding_to_dict(finding) for finding in ordered_findings(site_report.findings)],
        "coverage": {check: _coverage(site_report.coverage[check]) for check in sorted(site_report.coverage)},
        "notes": list(site_report.notes),
    }


def _priority(priority: Priority) -> dict[str, Any]:
    return {
        "indicator": priority.indicator,
        "name": priority.name,
        "kind": priority.kind,
        "points": priority.points,
        "findings": priority.findings,
    }


def _site(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "url": site.url,
        "site_code": site.site_code,
        "site_type": site.site_type,
        "level": site.level,
        "region": site.region,
        "organizer": site.organizer,
    }


def _crawl(crawl: CrawlSummary) -> dict[str, Any]:
    return {
        "pages": crawl.pages,
        "links_checked": crawl.links_checked,
        "attachments": crawl.attachments,
        "started_at": crawl.started_at,
        "finished_at": crawl.finished_at,
        "stopped_by": crawl.stopped_by,
        "archive": crawl.archive,
        "crawl_id": crawl.crawl_id,
        "errors": crawl.errors,
    }


def _score(score: Score | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "total": _number(score.total),
        "deductions": _number(score.deductions),
        "bonus": _number(score.bonus),
        "by_indicator": {key: _number(score.by_indicator[key]) for key in sorted(score.by_indicator)},
        "not_assessed": list(score.not_assessed),
        "unassessed_points": _number(score.unassessed_points),
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding as contract §3 FINDING."""
    return {
        "check": finding.check,
        "outcome": str(finding.outcome),
        "indicator": finding.indicator,
        "url": finding.url,
        "target": finding.target,
        "message": finding.message,
        "detail": to_json_value(finding.detail),
        "evidence": {
            "archive_record": finding.evidence.archive_record,
            "excerpt": finding.evidence.excerpt,
        },
        "fingerprint": finding.fingerprint,
    }


def _coverage(coverage: Coverage) -> dict[str, Any]:
    return {
        "examined": coverage.examined,
        "failed": coverage.failed,
        "unverified": coverage.unverified,
        "review": coverage.review,
        "error": coverage.error,
    }


def _number(value: float) -> float | None:
    """A score figure; not-a-number or infinity (never meaningful in a score) becomes null."""
    return float(value) if math.isfinite(value) else None


def to_json_value(value: Any) -> Any:
    """A check's detail value as plain JSON.

    Dates become ISO 8601 text, sets become sorted lists, tuples lists, enums their value and
    dataclasses objects; anything else unknown becomes its text, so writing never fails.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        items = [to_json_value(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    if isinstance(value, list | tuple):
        return [to_json_value(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_json_value(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return str(value)
