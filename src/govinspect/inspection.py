"""One inspection run: crawl every site, run the checks over each stored crawl, score, build the report."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine, func, select

from govinspect.checks.api import SiteContext, site_checks
from govinspect.checks.freshness import site_columns
from govinspect.crawl.books import SharedBook
from govinspect.crawl.crawler import CrawlStats, RunBooks, SiteCrawl
from govinspect.crawl.fetch import Fetcher
from govinspect.crawl.parsing import PageParser
from govinspect.crawl.resolve import GuardedResolver
from govinspect.crawl.robots import RobotsBook
from govinspect.crawl.safety import AddressPolicy
from govinspect.crawl.urls import normalize_url
from govinspect.engine import run_checks, site_context, store_results
from govinspect.model.crawl import TargetStatus
from govinspect.model.report import CrawlSummary, FrameworkRef, Report, SiteReport
from govinspect.model.site import Site
from govinspect.monitor.chart import availability_chart
from govinspect.monitor.store import load_probe_window
from govinspect.parse.columns import Column
from govinspect.parse.sniff import guess_kind_from_url
from govinspect.scoring.framework import Framework
from govinspect.scoring.score import score_site
from govinspect.settings import CrawlSettings
from govinspect.store.crawls import CrawlHandle, apply_retention, start_crawl
from govinspect.store.history import store_column_snapshot
from govinspect.store.schema import crawls, fetches, pages

SITES_IN_PARALLEL = 4


@dataclass(frozen=True, slots=True)
class RunOptions:
    settings: CrawlSettings
    as_of: date
    framework: Framework
    fresh: bool = False
    checks: tuple[str, ...] = ()  # run only these checks (empty: all)


def address_policy(sites: Sequence[Site], settings: CrawlSettings) -> AddressPolicy:
    """Hosts the user named: every seed URL's host and every ``--resolve`` host."""
    hosts = [urlsplit(site.url).hostname or "" for site in sites] + [entry.host for entry in settings.resolve]
    return AddressPolicy.build([h for h in hosts if h], settings.allow_networks)


async def crawl_sites(
    sites: Sequence[Site],
    engine: Engine,
    evidence_dir: Path,
    options: RunOptions,
    on_progress: Callable[[CrawlStats], None] | None = None,
    on_site_done: Callable[[Site, CrawlHandle, str | None], Awaitable[None]] | None = None,
    extra_seeds: Mapping[str, tuple[str, ...]] | None = None,
) -> list[tuple[Site, CrawlHandle, str, str | None]]:
    """Crawl every site (resuming unfinished crawls); returns (site, handle, stopped_by, error).

    ``on_site_done(site, handle, error)`` is awaited as soon as a site's crawl ends, while the
    other sites are still crawling (a campaign checks and records each site right away).
    ``extra_seeds`` gives, by site key, pages to fetch besides the homepage.
    """
    settings = options.settings
    resolver = GuardedResolver(address_policy(sites, settings), settings.resolve)
    gate = asyncio.Semaphore(SITES_IN_PARALLEL)
    settings_record = {
        k: v for k, v in dataclasses.asdict(settings).items() if k not in ("resolve", "allow_networks")
    }
    parser = PageParser(settings.parse_workers)
    async with Fetcher(settings, resolver) as fetcher:
        books = RunBooks(fetcher, RobotsBook(fetcher), parser, SharedBook(), SharedBook())

        async def one(site: Site) -> tuple[Site, CrawlHandle, str, str | None]:
            async with gate:
                handle = start_crawl(engine, site, evidence_dir, settings_record, options.fresh)
                error: str | None = None
                try:
                    seeds = (extra_seeds or {}).get(site.key, ())
                    crawl = SiteCrawl(site, handle, engine, books, options.as_of, on_progress, seeds)
                    stopped_by = await crawl.run()
                    apply_retention(engine, handle.site_id, settings.keep_crawls)
                except Exception as exc:  # one site's failure must not end the others' inspection
                    stopped_by, error = "error", f"{type(exc).__name__}: {exc}"
                if on_site_done is not None:
                    await on_site_done(site, handle, error)
                return site, handle, stopped_by, error

        try:
            return list(await asyncio.gather(*(one(site) for site in sites)))
        finally:
            parser.close()


def site_report(
    engine: Engine, site: Site, handle: CrawlHandle, error: str | None, options: RunOptions
) -> SiteReport:
    """Run the checks over a stored crawl and score it."""
    context = site_context(engine, site, handle.crawl_id, options.as_of)
    selected = [spec for name, spec in site_checks().items() if not options.checks or name in options.checks]
    results = run_checks(context, selected, parameters=options.framework.check_parameters)
    store_results(engine, handle.crawl_id, results)
    read_columns = any("columns" in spec.needs for spec in selected)  # a link check alone does not
    summary, notes = crawl_summary(engine, handle.crawl_id)
    if results.homepage_fetched and read_columns:  # what the columns showed, for the next crawl's history
        columns = site_columns(context).columns
        store_column_snapshot(engine, handle.crawl_id, handle.site_id, columns)
        notes.extend(changes_since_last_crawl(context, columns))
    ran = frozenset(spec.name for spec in selected)
    card = score_site(
        results.findings, options.framework, inspected=results.homepage_fetched, site=site, ran=ran
    )
    if error:
        notes.append(f"the crawl stopped on an error: {error}")
    if options.checks:
        notes.append(
            f"只运行了以下检查：{', '.join(options.checks)}；结论仅反映这些检查（other checks were not run）"
        )
    if not results.homepage_fetched:
        problem = homepage_problem(context.statuses.get(normalize_url(site.url) or ""))
        notes.append(f"首页无法访问，未能检查（{problem}）")

    window = int(options.framework.check_parameters.get("site-unreachable", {}).get("window_days", 7))
    probes = load_probe_window(engine, site.key, options.as_of, window)
    return SiteReport(
        availability_chart=availability_chart(probes, options.as_of, window) if probes else None,
        site=site,
        crawl=summary,
        verdict=card.verdict,
        vetoes=card.vetoes,
        score=card.score,
        findings=card.findings,
        fix_first=card.fix_first,
        coverage=results.coverage,
        notes=tuple(notes),
    )


def changes_since_last_crawl(context: SiteContext, columns: Sequence[Column]) -> list[str]:
    """What is new since the previous crawl: items first seen now and columns that appeared."""
    if context.previous_crawl_at is None:
        return []
    urls = {item.url for column in columns for item in column.items}
    new_items = len(urls - set(context.previous_items))
    appeared = sorted(c.name for c in columns if c.url not in context.previous_columns)
    named = f"（{'、'.join(appeared[:10])}{' 等' if len(appeared) > 10 else ''}）" if appeared else ""
    return [
        f"与上次抓取（{context.previous_crawl_at.isoformat()}）相比：新增信息 {new_items} 条，"
        f"新增栏目 {len(appeared)} 个{named}"
    ]


def homepage_problem(status: TargetStatus | None) -> str:
    """Why the homepage could not be inspected, in a few words."""
    if status is None:
        return "no answer"
    if status.error is not None:
        return f"{status.error}: {status.error_detail}"
    if status.status is not None and status.status >= 400:
        return f"HTTP {status.status}"
    return f"HTTP {status.status}, not a web page but {status.kind}"


def crawl_summary(engine: Engine, crawl_id: int) -> tuple[CrawlSummary, list[str]]:
    with engine.connect() as conn:
        row = conn.execute(select(crawls).where(crawls.c.id == crawl_id)).one()
        page_count = conn.execute(select(func.count()).select_from(pages).where(pages.c.crawl_id == crawl_id))
        urls = conn.execute(
            select(fetches.c.url, fetches.c.error, fetches.c.status).where(fetches.c.crawl_id == crawl_id)
        )
        fetched = urls.all()
    attachments = sum(1 for r in fetched if guess_kind_from_url(r.url) == "attachment")
    errors = sum(1 for r in fetched if r.error is not None or (r.status or 0) >= 400)
    summary = CrawlSummary(
        pages=int(page_count.scalar_one()),
        links_checked=len(fetched),
        attachments=attachments,
        started_at=_iso(row.started_at),
        finished_at=_iso(row.finished_at) if row.finished_at else None,
        stopped_by=row.stopped_by or "error",
        archive=row.warc_path,
        crawl_id=crawl_id,
        errors=errors,
    )
    return summary, list(row.notes or [])


def _iso(moment: datetime) -> str:
    return moment.astimezone().isoformat(timespec="seconds")


def build_report(
    site_reports: Sequence[SiteReport], options: RunOptions, registry_problems: Sequence[str] = ()
) -> Report:
    return Report(
        generated_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        as_of=options.as_of.isoformat(),
        framework=FrameworkRef(options.framework.id, options.framework.version),
        sites=tuple(site_reports),
        registry_problems=tuple(registry_problems),
    )
