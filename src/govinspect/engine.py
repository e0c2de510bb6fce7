"""Runs checks over a stored crawl. A crashing check becomes an error in the coverage, never a crashed run."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from govinspect.checks.api import AccountContext, CheckSpec, SiteContext, Tally, site_checks
from govinspect.crawl.urls import Scope, normalize_url
from govinspect.model.crawl import StoredBody, TargetStatus
from govinspect.model.finding import Finding, Outcome
from govinspect.model.report import Coverage
from govinspect.model.site import Site
from govinspect.monitor.store import load_probe_window
from govinspect.store.crawls import iter_pages, load_probes, load_statuses, now, record_location
from govinspect.store.history import load_previous_snapshot
from govinspect.store.schema import check_runs, crawls, findings
from govinspect.store.warc import read_record

PROBE_HISTORY_DAYS = 31  # the longest availability window a framework may ask for


@dataclass(frozen=True, slots=True)
class CheckResults:
    findings: tuple[Finding, ...]
    coverage: dict[str, Coverage]
    homepage_fetched: bool
    seconds: dict[str, float]


def is_readable_page(status: TargetStatus) -> bool:
    """An HTML page that came back whole: what a homepage must be for a site to count as inspected."""
    return (
        status.error is None and status.status is not None and status.status < 400 and status.kind == "html"
    )


def site_context(engine: Engine, site: Site, crawl_id: int, as_of: date) -> SiteContext:
    """What the checks read about one stored crawl."""
    statuses = load_statuses(engine, crawl_id)
    with engine.connect() as conn:
        seed = conn.execute(select(crawls.c.seed_url).where(crawls.c.id == crawl_id)).scalar_one()
    seed_status = statuses.get(normalize_url(seed) or seed)
    homepage = seed_status.final_url if seed_status is not None and is_readable_page(seed_status) else None
    scope = Scope.of(site)
    previous = load_previous_snapshot(engine, crawl_id)
    return SiteContext(
        site=site,
        as_of=as_of,
        homepage_url=homepage,
        statuses=statuses,
        probes=load_probes(engine, crawl_id),
        read_pages=lambda: iter_pages(engine, crawl_id),
        in_scope=scope.contains,
        probes_history=load_probe_window(engine, site.key, as_of, PROBE_HISTORY_DAYS),
        previous_items=previous.items if previous else {},
        previous_columns=previous.columns if previous else {},
        previous_crawl_at=previous.crawled_on if previous else None,
        read_body=lambda record_id: stored_body(engine, record_id),
    )


def stored_body(engine: Engine, record_id: str) -> StoredBody | None:
    """A response body from the crawl's WARC; None when the record or its file is gone."""
    location = record_location(engine, record_id)
    if location is None or not location[0].exists():
        return None
    record = read_record(*location)
    content_type = next((v for k, v in record.headers if k.lower() == "content-type"), None)
    return StoredBody(url=record.url, content_type=content_type, body=record.body, truncated=record.truncated)


def run_checks(
    context: SiteContext | AccountContext,
    checks: Iterable[CheckSpec] | None = None,
    parameters: Mapping[str, Mapping[str, Any]] | None = None,
) -> CheckResults:
    """Run each check on the context; the results are sorted so runs compare equal.

    ``parameters`` are the framework's values per check (windows, thresholds), read by each check's
    declared reader; a reader that rejects them is reported as that check's error.
    """
    found: list[Finding] = []
    coverage: dict[str, Coverage] = {}
    seconds: dict[str, float] = {}
    for spec in checks if checks is not None else site_checks().values():
        tally = Tally()
        bound = dataclasses.replace(context, check_name=spec.name, tally=tally)
        started = time.monotonic()
        try:
            produced = list(spec.function(bound, **_arguments(spec, (parameters or {}).get(spec.name))))
        except Exception as exc:  # a broken check must not take the inspection down with it
            seconds[spec.name] = time.monotonic() - started
            coverage[spec.name] = Coverage(0, 0, 0, 0, error=f"{type(exc).__name__}: {exc}")
            continue
        seconds[spec.name] = time.monotonic() - started
        found.extend(produced)
        coverage[spec.name] = Coverage(
            examined=tally.examined,
            failed=sum(f.outcome is Outcome.FAIL for f in produced),
            unverified=sum(f.outcome is Outcome.UNVERIFIED for f in produced),
            review=sum(f.outcome is Outcome.REVIEW for f in produced),
        )
    found.sort(key=lambda f: (f.check, f.url, f.target or "", f.fingerprint))
    if isinstance(context, SiteContext):
        return CheckResults(tuple(found), coverage, context.homepage_url is not None, seconds)
    return CheckResults(tuple(found), coverage, bool(context.collections), seconds)


def _arguments(spec: CheckSpec, given: Mapping[str, Any] | None) -> dict[str, Any]:
    if not given:
        return {}
    if spec.read_parameters is None:
        raise ValueError(f"{spec.name} takes no parameters, but the framework gives {sorted(given)}")
    return spec.read_parameters(given)


def store_results(engine: Engine, crawl_id: int, results: CheckResults) -> None:
    """Keep the findings with their crawl, replacing those of an earlier run of the checks."""
    ran_at = now()
    with engine.begin() as conn:
        conn.execute(delete(findings).where(findings.c.crawl_id == crawl_id))
        conn.execute(delete(check_runs).where(check_runs.c.crawl_id == crawl_id))
        if results.findings:
            conn.execute(
                insert(findings),
                [
                    {
                        "crawl_id": crawl_id,
                        "check_name": f.check,
                        "outcome": f.outcome.value,
                        "url": f.url,
                        "target": f.target,
                        "message": f.message,
                        "detail": f.detail,
                        "record_id": f.evidence.archive_record,
                        "excerpt": f.evidence.excerpt,
                        "fingerprint": f.fingerprint,
                    }
                    for f in results.findings
                ],
            )
        if results.coverage:
            conn.execute(
                insert(check_runs),
                [
                    {
                        "crawl_id": crawl_id,
                        "check_name": name,
                        "examined": c.examined,
                        "failed": c.failed,
                        "unverified": c.unverified,
                        "review": c.review,
                        "error": c.error,
                        "ran_at": ran_at,
                        "seconds": results.seconds.get(name, 0.0),
                    }
                    for name, c in results.coverage.items()
                ],
            )
