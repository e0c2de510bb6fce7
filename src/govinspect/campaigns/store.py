"""Campaigns in the store: the plan and sample as drawn, and each site's result as soon as it is known.

A site's result is written in its own transaction the moment its inspection ends, so a campaign
killed halfway keeps every finished site and reruns only the others.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from govinspect.campaigns.sampling import STRATUM_FIELDS, Sample, SamplePlan, stratum_name
from govinspect.model.report import SiteReport
from govinspect.model.site import Site
from govinspect.store.crawls import now, upsert_site
from govinspect.store.schema import campaign_sites, campaigns, findings, sites


class CampaignError(ValueError):
    """A campaign that does not exist or a request it cannot answer; the message says which."""


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    name: str
    created_at: datetime
    as_of: date
    framework: str
    framework_version: str
    plan: SamplePlan
    registry: str
    eligible: int
    deadline_days: int  # rectification deadline after T


@dataclass(frozen=True, slots=True)
class CampaignSite:
    """One drawn site and, once inspected, its result."""

    site: Site
    stratum: str
    state: str  # pending | done
    verdict: str | None
    vetoes: tuple[str, ...]
    score: float | None
    summary: dict[str, Any]
    crawl_id: int | None


def create_campaign(
    engine: Engine,
    name: str,
    as_of: date,
    framework: tuple[str, str],
    sample: Sample,
    registry: str,
    deadline_days: int = 30,
) -> int:
    """Record a campaign and its drawn sites (all pending); returns its id."""
    plan = dataclasses.asdict(sample.plan) | {"strata": list(sample.plan.strata)}
    site_ids = [(upsert_site(engine, site), stratum_name(site, sample.plan.strata)) for site in sample.sites]
    with engine.begin() as conn:
        campaign_id = conn.execute(
            insert(campaigns)
            .values(
                name=name,
                created_at=now(),
                as_of=as_of,
                framework=framework[0],
                framework_version=framework[1],
                plan=plan,
                registry=registry,
                eligible=sample.eligible,
                deadline_days=deadline_days,
            )
            .returning(campaigns.c.id)
        ).scalar_one()
        if site_ids:
            conn.execute(
                insert(campaign_sites),
                [
                    {"campaign_id": campaign_id, "site_id": site_id, "stratum": stratum, "state": "pending"}
                    for site_id, stratum in site_ids
                ],
            )
    return int(campaign_id)


def load_campaign(engine: Engine, campaign_id: int) -> Campaign:
    with engine.connect() as conn:
        row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).first()
    if row is None:
        raise CampaignError(f"no campaign {campaign_id} in this store; see `govinspect campaign list`")
    raw = row.plan
    plan = SamplePlan(
        seed=int(raw["seed"]),
        rate=raw.get("rate"),
        count=raw.get("count"),
        strata=tuple(f for f in raw.get("strata") or () if f in STRATUM_FIELDS),
    )
    return Campaign(
        row.id, row.name, row.created_at, row.as_of, row.framework, row.framework_version, plan, row.registry,
        row.eligible, row.deadline_days,
    )  # fmt: skip


def list_campaigns(engine: Engine) -> list[tuple[Campaign, Counter[str]]]:
    """Every campaign, newest first, with how many of its sites are pending and done."""
    with engine.connect() as conn:
        ids = conn.execute(select(campaigns.c.id).order_by(campaigns.c.id.desc())).scalars().all()
        counts = conn.execute(
            select(campaign_sites.c.campaign_id, campaign_sites.c.state, func.count()).group_by(
                campaign_sites.c.campaign_id, campaign_sites.c.state
            )
        ).all()
    by_campaign: dict[int, Counter[str]] = {}
    for campaign_id, state, count in counts:
        by_campaign.setdefault(campaign_id, Counter())[state] = count
    return [(load_campaign(engine, i), by_campaign.get(i, Counter())) for i in ids]


def campaign_sites_of(engine: Engine, campaign_id: int) -> list[CampaignSite]:
    """The drawn sites of a campaign in the order they were drawn, with their results so far."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(campaign_sites, sites.c.registry)
            .join(sites, sites.c.id == campaign_sites.c.site_id)
            .where(campaign_sites.c.campaign_id == campaign_id)
            .order_by(campaign_sites.c.id)
        ).all()
    return [
        CampaignSite(
            site=site_from_registry(row.registry),
            stratum=row.stratum,
            state=row.state,
            verdict=row.verdict,
            vetoes=tuple(row.vetoes or ()),
            score=row.score,
            summary=dict(row.summary or {}),
            crawl_id=row.crawl_id,
        )
        for row in rows
    ]


def record_result(engine: Engine, campaign_id: int, report: SiteReport) -> None:
    """Keep one site's result (replacing an earlier one: re-running a single site is allowed)."""
    failed = Counter(f.check for f in report.findings if f.outcome.value == "fail")
    summary = {
        "fail_by_check": dict(sorted(failed.items())),
        "not_assessed": list(report.score.not_assessed) if report.score else [],
        "notes": list(report.notes),
        "pages": report.crawl.pages,
    }
    with engine.begin() as conn:
        site_id = conn.execute(select(sites.c.id).where(sites.c.key == report.site.key)).scalar_one()
        conn.execute(
            update(campaign_sites)
            .where(campaign_sites.c.campaign_id == campaign_id, campaign_sites.c.site_id == site_id)
            .values(
                state="done",
                crawl_id=report.crawl.crawl_id,
                verdict=report.verdict,
                vetoes=list(report.vetoes),
                score=report.score.total if report.score else None,
                summary=summary,
                finished_at=now(),
            )
        )


def site_from_registry(row: dict[str, Any]) -> Site:
    """The site as its registry row was stored (``sites.registry``)."""
    fields = {f.name for f in dataclasses.fields(Site)}
    values = {k: v for k, v in row.items() if k in fields and k != "extra"}
    return Site(**values, extra=tuple(sorted((row.get("extra") or {}).items())))


def failing_findings(engine: Engine, campaign_id: int) -> list[tuple[str, str, str, str, str, str, str]]:
    """Every fail finding of the drawn sites' recorded crawls: site name and URL, check, outcome,
    page, target, message — for the bulletin's workbook."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                sites.c.name,
                sites.c.url,
                findings.c.check_name,
                findings.c.outcome,
                findings.c.url.label("page"),
                findings.c.target,
                findings.c.message,
            )
            .join(campaign_sites, campaign_sites.c.crawl_id == findings.c.crawl_id)
            .join(sites, sites.c.id == campaign_sites.c.site_id)
            .where(campaign_sites.c.campaign_id == campaign_id, findings.c.outcome == "fail")
            .order_by(campaign_sites.c.id, findings.c.check_name, findings.c.url)
        ).all()
    return [(r.name, r.url, r.check_name, r.outcome, r.page, r.target or "", r.message) for r in rows]
