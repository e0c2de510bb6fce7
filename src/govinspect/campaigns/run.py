"""Running a campaign: inspect the drawn sites that are still pending, recording each one as it ends.

All sites of a run share one politeness budget (the crawl settings' total, per-host and
per-address limits), and up to four sites crawl at once. Each site is checked, scored and recorded
the moment its crawl ends, so a run that is killed keeps what it finished; the next run resumes the
unfinished crawls and skips the recorded sites. A single site can be re-inspected on its own
(after a failure) without touching the others, and a re-check inspects the sites whose operators
claimed fixes, to confirm or reopen each claim (see :mod:`govinspect.campaigns.rectification`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from govinspect.campaigns.rectification import PAGE_CHECKS, Claims, deadline_for, reconcile
from govinspect.campaigns.store import Campaign, CampaignError, campaign_sites_of, record_result
from govinspect.crawl.crawler import CrawlStats
from govinspect.inspection import RunOptions, crawl_sites, site_report
from govinspect.model.report import SiteReport
from govinspect.model.site import Site, site_key
from govinspect.store.crawls import CrawlHandle


@dataclass(frozen=True, slots=True)
class CampaignRun:
    inspected: tuple[SiteReport, ...]  # the sites this run inspected, in the order they ended
    skipped: int  # already recorded by an earlier run


def sites_to_run(engine: Engine, campaign: Campaign, only: Sequence[str] = ()) -> tuple[list[Site], int]:
    """The pending sites (or just the named ones, pending or not) and how many are already done."""
    drawn = campaign_sites_of(engine, campaign.id)
    if only:
        chosen = []
        for url in only:
            match = [c.site for c in drawn if c.site.key == site_key(url)]
            if not match:
                raise CampaignError(f"{url} is not among the sites drawn for campaign {campaign.id}")
            chosen.extend(match)
        return chosen, 0
    pending = [c.site for c in drawn if c.state == "pending"]
    return pending, len(drawn) - len(pending)


def run_campaign(
    engine: Engine,
    evidence: Path,
    campaign: Campaign,
    options: RunOptions,
    *,
    only: Sequence[str] = (),
    on_progress: Callable[[CrawlStats], None] | None = None,
    on_recorded: Callable[[SiteReport], None] | None = None,
) -> CampaignRun:
    """Inspect the campaign's pending sites (or the ``only`` sites), record each result and open or
    close its rectification items."""
    options = replace(options, as_of=campaign.as_of)
    todo, skipped = sites_to_run(engine, campaign, only)
    deadline = deadline_for(campaign.as_of, campaign.deadline_days)

    def keep(report: SiteReport) -> None:
        record_result(engine, campaign.id, report)
        reconcile(engine, campaign.id, report, campaign.as_of, deadline)

    inspected = _inspect(engine, evidence, todo, options, keep, on_progress, on_recorded)
    return CampaignRun(inspected, skipped)


def recheck_campaign(
    engine: Engine,
    evidence: Path,
    campaign: Campaign,
    options: RunOptions,
    claims: Sequence[Claims],
    on: date,
    *,
    on_progress: Callable[[CrawlStats], None] | None = None,
    on_recorded: Callable[[SiteReport], None] | None = None,
) -> CampaignRun:
    """Confirm or reopen claimed fixes, inspecting only what each needs, on the re-check day ``on``.

    A site whose claims are all about single pages (a broken link, a typo, personal data …) has
    only its homepage and the claimed pages fetched, with their links checked, and only the page
    checks run; only the claimed items change. A site with a claim about the whole site (columns,
    footer marks, the message channel …) is crawled whole and all its items are reconciled. The
    campaign's own results stay as they were at T.
    """
    deadline = deadline_for(campaign.as_of, campaign.deadline_days)
    drawn = {c.site.key: c.site for c in campaign_sites_of(engine, campaign.id)}
    by_key = {site_key(c.site_url): c for c in claims}
    whole = [drawn[key] for key, c in by_key.items() if c.whole_site and key in drawn]
    pages = [drawn[key] for key, c in by_key.items() if not c.whole_site and key in drawn]
    dated = replace(options, as_of=on)
    inspected = _inspect(
        engine,
        evidence,
        whole,
        dated,
        lambda report: reconcile(engine, campaign.id, report, on, deadline),
        on_progress,
        on_recorded,
    )
    targeted = replace(
        dated, settings=replace(dated.settings, max_depth=0), checks=tuple(sorted(PAGE_CHECKS))
    )
    inspected += _inspect(
        engine,
        evidence,
        pages,
        targeted,
        lambda report: (
            reconcile(engine, campaign.id, report, on, deadline, only=by_key[report.site.key].fingerprints)
            and None
        ),
        on_progress,
        on_recorded,
        extra_seeds={key: c.pages for key, c in by_key.items() if not c.whole_site},
    )
    return CampaignRun(inspected, 0)


def _inspect(
    engine: Engine,
    evidence: Path,
    todo: Sequence[Site],
    options: RunOptions,
    keep: Callable[[SiteReport], object],
    on_progress: Callable[[CrawlStats], None] | None,
    on_recorded: Callable[[SiteReport], None] | None,
    extra_seeds: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[SiteReport, ...]:
    inspected: list[SiteReport] = []

    async def record(site: Site, handle: CrawlHandle, error: str | None) -> None:
        report = await asyncio.to_thread(site_report, engine, site, handle, error, options)
        await asyncio.to_thread(keep, report)
        inspected.append(report)
        if on_recorded is not None:
            on_recorded(report)

    if todo:
        asyncio.run(
            crawl_sites(
                todo, engine, evidence, options, on_progress, on_site_done=record, extra_seeds=extra_seeds
            )
        )
    return tuple(inspected)
