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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from govinspect.campaigns.rectification import deadline_for, reconcile
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
    recheck_on: date | None = None,
    on_progress: Callable[[CrawlStats], None] | None = None,
    on_recorded: Callable[[SiteReport], None] | None = None,
) -> CampaignRun:
    """Inspect the campaign's pending sites (or the ``only`` sites) and record each result.

    Every inspection also reconciles the site's rectification items. A re-check
    (``recheck_on``, the day of the re-check, which is also its monitoring point) only
    reconciles: the campaign's own results stay as they were at T.
    """
    options = replace(options, as_of=recheck_on or campaign.as_of)
    todo, skipped = sites_to_run(engine, campaign, only)
    inspected: list[SiteReport] = []
    deadline = deadline_for(campaign.as_of, campaign.deadline_days)

    def keep(report: SiteReport) -> None:
        if recheck_on is None:
            record_result(engine, campaign.id, report)
        reconcile(engine, campaign.id, report, recheck_on or campaign.as_of, deadline)

    async def record(site: Site, handle: CrawlHandle, error: str | None) -> None:
        report = await asyncio.to_thread(site_report, engine, site, handle, error, options)
        await asyncio.to_thread(keep, report)
        inspected.append(report)
        if on_recorded is not None:
            on_recorded(report)

    if todo:
        asyncio.run(crawl_sites(todo, engine, evidence, options, on_progress, on_site_done=record))
    return CampaignRun(tuple(inspected), skipped)
