"""Supervision assessment (监管工作年度考核, indicators.md §5): how well each region or department
supervises its own sites, from what the store recorded in a period.

Per group of the registry (region, supervising portal or organiser):

- **registered** — sites in operation (status other than closed);
- **inspected** — sites with a crawl that started in the period, and the share of the registered;
- **unqualified** — inspected sites whose latest crawl of the period fails the framework (re-scored
  from the stored findings, so any framework version can be applied);
- **annual report late** — inspected sites with an ``annual-report-missing`` finding;
- **registry accuracy** — sites whose registered URL now redirects to another site (moved), sites
  in operation that could not be reached (offline without filing), and hosts under the group's own
  domains that answered pages but that the registry does not know (found but not registered).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

from sqlalchemy import Engine, select

from govinspect.model.finding import Finding, Outcome
from govinspect.model.site import Site, bare_host, site_key
from govinspect.scoring.framework import Framework
from govinspect.scoring.score import score_site
from govinspect.store.schema import crawls, fetches, findings, sites

GROUPINGS: dict[str, Callable[[Site], str | None]] = {
    "region": lambda site: site.region,
    "parent": lambda site: site.parent_code,
    "organizer": lambda site: site.organizer,
}
UNKNOWN = "未登记"


@dataclass(frozen=True, slots=True)
class SupervisionRow:
    group: str
    registered: int
    inspected: int
    unqualified: int
    annual_report_late: int
    moved: tuple[str, ...]  # registered URLs that now lead to another site
    offline: tuple[str, ...]  # sites in operation whose homepage could not be fetched
    unregistered: tuple[str, ...]  # government hosts linked from the group's sites, not in the registry

    @property
    def inspected_share(self) -> float | None:
        return self.inspected / self.registered if self.registered else None


@dataclass(frozen=True, slots=True)
class _Inspection:
    site: Site
    crawl_id: int
    final_key: str | None  # the site the homepage finally came from (None: not fetched)
    findings: tuple[Finding, ...]


def supervision_rows(
    engine: Engine,
    registry: Sequence[Site],
    framework: Framework,
    period: tuple[date, date],
    by: str = "region",
) -> tuple[SupervisionRow, ...]:
    """The assessment of each group over ``period`` (first and last day, inclusive)."""
    group_of = GROUPINGS[by]
    in_operation = [site for site in registry if site.status != "closed"]
    known_hosts = {host for site in registry for host in site.hosts}
    inspections = {i.site.key: i for i in _latest_inspections(engine, in_operation, period)}
    groups: dict[str, list[Site]] = defaultdict(list)
    for site in in_operation:
        groups[group_of(site) or UNKNOWN].append(site)
    rows = []
    for name in sorted(groups):
        members = groups[name]
        seen = [inspections[s.key] for s in members if s.key in inspections]
        verdicts = [
            score_site(i.findings, framework, inspected=i.final_key is not None, site=i.site) for i in seen
        ]
        rows.append(
            SupervisionRow(
                group=name,
                registered=len(members),
                inspected=len(seen),
                unqualified=sum(card.verdict == "unqualified" for card in verdicts),
                annual_report_late=sum(
                    any(f.check == "annual-report-missing" and f.outcome is Outcome.FAIL for f in i.findings)
                    for i in seen
                ),
                moved=tuple(
                    i.site.url for i in seen if i.final_key is not None and i.final_key != i.site.key
                ),
                offline=tuple(i.site.url for i in seen if i.final_key is None or _unreachable(i)),
                unregistered=_unregistered(engine, [i.crawl_id for i in seen], members, known_hosts),
            )
        )
    return tuple(rows)


def _unreachable(inspection: _Inspection) -> bool:
    return any(f.check == "site-unreachable" and f.outcome is Outcome.FAIL for f in inspection.findings)


def quarter(year: int, number: int) -> tuple[date, date]:
    """First and last day of a calendar quarter (1–4)."""
    if number not in (1, 2, 3, 4):
        raise ValueError(f"a quarter is 1, 2, 3 or 4, not {number}")
    first = date(year, 3 * number - 2, 1)
    last = date(year + (number == 4), (3 * number) % 12 + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def _latest_inspections(
    engine: Engine, registry: Sequence[Site], period: tuple[date, date]
) -> list[_Inspection]:
    start = datetime.combine(period[0], time.min, tzinfo=UTC)
    end = datetime.combine(period[1], time.max, tzinfo=UTC)
    by_key = {site.key: site for site in registry}
    with engine.connect() as conn:
        rows = conn.execute(
            select(crawls.c.id, crawls.c.seed_url, sites.c.key)
            .join(sites, sites.c.id == crawls.c.site_id)
            .where(crawls.c.state == "finished", crawls.c.started_at >= start, crawls.c.started_at <= end)
            .order_by(crawls.c.id)
        ).all()
        latest = {row.key: row for row in rows if row.key in by_key}  # the last crawl of the period wins
        result = []
        for key, row in sorted(latest.items()):
            seed = conn.execute(
                select(fetches.c.final_url, fetches.c.status, fetches.c.error, fetches.c.kind).where(
                    fetches.c.crawl_id == row.id, fetches.c.role == "page", fetches.c.url == row.seed_url
                )
            ).first()
            fetched = (
                seed is not None and seed.error is None and (seed.status or 500) < 400 and seed.kind == "html"
            )
            stored = conn.execute(select(findings).where(findings.c.crawl_id == row.id)).all()
            result.append(
                _Inspection(
                    site=by_key[key],
                    crawl_id=row.id,
                    final_key=site_key(seed.final_url) if fetched and seed is not None else None,
                    findings=tuple(
                        Finding(
                            check=f.check_name,
                            outcome=Outcome(f.outcome),
                            url=f.url,
                            message=f.message,
                            fingerprint=f.fingerprint,
                            target=f.target,
                            detail=dict(f.detail),
                        )
                        for f in stored
                    ),
                )
            )
    return result


def _unregistered(
    engine: Engine, crawl_ids: list[int], members: Sequence[Site], known_hosts: set[str]
) -> tuple[str, ...]:
    """Hosts under the group's own domains (a 信息公开 sub-site, a department's site on the portal's
    domain) that answered a page to its crawls but that no registry row names.

    National services the sites link to (www.gov.cn, beian.miit.gov.cn) are not under the group's
    domains and are never counted.
    """
    if not crawl_ids:
        return ()
    domains = {bare_host(host) for site in members for host in site.hosts}
    with engine.connect() as conn:
        urls = conn.execute(
            select(fetches.c.final_url).where(
                fetches.c.crawl_id.in_(crawl_ids), fetches.c.kind == "html", fetches.c.status < 400
            )
        ).scalars()
        hosts = {(urlsplit(url).hostname or "").lower() for url in urls}
    return tuple(
        sorted(
            host
            for host in hosts
            if host not in known_hosts and any(host.endswith("." + domain) for domain in domains)
        )
    )
