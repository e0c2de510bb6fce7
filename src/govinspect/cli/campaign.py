"""``govinspect campaign create | run | status | list``: spot checks (抽查) over a registry."""

from __future__ import annotations

import ipaddress
import secrets
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from govinspect.campaigns.aggregate import bands_from_bounds, campaign_figures
from govinspect.campaigns.rectification import Claims, claims_by_site
from govinspect.campaigns.run import recheck_campaign, run_campaign
from govinspect.campaigns.sampling import STRATUM_FIELDS, SamplePlan, StratumField, draw_sample
from govinspect.campaigns.store import (
    CampaignError,
    campaign_sites_of,
    create_campaign,
    failing_findings,
    list_campaigns,
    load_campaign,
)
from govinspect.checks.api import all_checks
from govinspect.cli.progress import crawl_progress
from govinspect.cli.rectify import open_campaign_store, print_items
from govinspect.inspection import RunOptions
from govinspect.model.report import SiteReport
from govinspect.registry import RegistryError, load_registry
from govinspect.reports.bulletin import bulletin_content, write_bulletin_json, write_bulletin_markdown
from govinspect.reports.bulletin_files import (
    write_bulletin_csv,
    write_bulletin_docx,
    write_bulletin_html,
    write_bulletin_pdf,
    write_bulletin_xlsx,
)
from govinspect.reports.labels import VERDICT_LABELS
from govinspect.scoring.framework import FrameworkError, load_framework
from govinspect.settings import CrawlSettings, ResolveEntry
from govinspect.store.db import StoreError, database_url, evidence_dir, open_store

app = typer.Typer(
    help="Spot checks: draw sites from a registry, inspect them, follow the results.", no_args_is_help=True
)

EXIT_ERROR = 2
DbOption = Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")]


@app.command("create")
def create(
    registry: Annotated[Path, typer.Option(help="Registry file (CSV or XLSX) to draw from.")],
    rate: Annotated[
        float | None, typer.Option(help="Share of the sites to draw, e.g. 0.3 (1 = every site).")
    ] = None,
    count: Annotated[int | None, typer.Option(help="Number of sites to draw (instead of --rate).")] = None,
    strata: Annotated[
        list[str] | None,
        typer.Option(help=f"Stratify by this field (repeatable): {', '.join(STRATUM_FIELDS)}."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Seed of the draw (default: a new random one, printed).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Name of the campaign, e.g. 2026年第四季度抽查.")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Monitoring point T (YYYY-MM-DD; today).")
    ] = None,
    framework: Annotated[str, typer.Option(help="Indicator framework id or YAML file.")] = "cn-gov-2019",
    deadline_days: Annotated[
        int | None, typer.Option(help="Days after T to fix what fails (default: the framework's, 30).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Draw the sites of a spot check and record the campaign; prints its id and the draw.

    The draw is reproducible: the same registry, options and seed give the same sites.
    """
    try:
        moment = date.fromisoformat(as_of) if as_of else date.today()
        plan = SamplePlan(
            seed=seed if seed is not None else secrets.randbelow(10**9),
            rate=rate,
            count=count,
            strata=tuple(_stratum_field(s) for s in strata or ()),
        )
        loaded = load_registry(registry)
        chosen = load_framework(framework, frozenset(all_checks()))
        engine = open_store(db)
    except (ValueError, RegistryError, FrameworkError, StoreError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    for problem in loaded.problems:
        typer.echo(f"govinspect: {problem}", err=True)
    sample = draw_sample(loaded.sites, plan)
    title = name or f"{moment.isoformat()} 抽查"
    days = deadline_days if deadline_days is not None else chosen.rectification_deadline_days
    campaign_id = create_campaign(
        engine, title, moment, (framework, chosen.version), sample, str(registry.resolve()), days
    )
    typer.echo(
        f"campaign {campaign_id}: {title} — drew {len(sample.sites)} of {sample.eligible} sites, "
        f"seed {plan.seed}"
    )
    for stratum in sample.strata:
        typer.echo(f"  {stratum.name}: {stratum.drawn} of {stratum.eligible}")
    if sample.closed:
        typer.echo(f"  left out: {len(sample.closed)} sites registered as closed")
    typer.echo(f"next: govinspect campaign run {campaign_id}" + (f" --db {db}" if db else ""))


Concurrency = Annotated[int, typer.Option(help="Requests in flight in total, over all sites.")]
PerHost = Annotated[int, typer.Option(help="Requests in flight per host.")]
Delay = Annotated[float, typer.Option(help="Minimum pause between requests to one host, in seconds.")]
Timeout = Annotated[float, typer.Option(help="Per-request timeout in seconds (the national rule: 15).")]
MaxPages = Annotated[int | None, typer.Option(help="Crawl budget per site, in pages.")]
TimeBudget = Annotated[float, typer.Option(help="Crawl time per site, in seconds.")]
Resolve = Annotated[
    list[str] | None, typer.Option(help="HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable).")
]
AllowNetwork = Annotated[
    list[str] | None, typer.Option(help="CIDR of a private network the crawler may reach (repeatable).")
]
IgnoreRobots = Annotated[bool, typer.Option(help="Fetch what robots.txt disallows (with consent).")]
Progress = Annotated[bool, typer.Option(help="Show crawl progress on standard error.")]


@app.command("run")
def run(
    campaign_id: Annotated[int, typer.Argument(help="The campaign's id (see `govinspect campaign list`).")],
    site: Annotated[str | None, typer.Option(help="Re-inspect only this drawn site (its URL).")] = None,
    db: DbOption = None,
    concurrency: Concurrency = 16,
    per_host: PerHost = 2,
    delay: Delay = 0.5,
    timeout: Timeout = 15.0,
    max_pages: MaxPages = None,
    time_budget: TimeBudget = 4 * 3600.0,
    resolve: Resolve = None,
    allow_network: AllowNetwork = None,
    ignore_robots: IgnoreRobots = False,
    progress: Progress = True,
) -> None:
    """Inspect the drawn sites not yet recorded; a killed run resumes where it stopped.

    Each inspected site's failing findings become rectification items (see `govinspect rectify`).
    """
    settings = _settings(
        concurrency, per_host, delay, timeout, max_pages, time_budget, resolve, allow_network, ignore_robots
    )
    _inspect(campaign_id, (site,) if site else (), None, db, settings, progress)


def recheck(
    campaign_id: Annotated[int, typer.Argument(help="The campaign whose claimed fixes to confirm.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Day of the re-check (YYYY-MM-DD; today).")
    ] = None,
    db: DbOption = None,
    concurrency: Concurrency = 16,
    per_host: PerHost = 2,
    delay: Delay = 0.5,
    timeout: Timeout = 15.0,
    max_pages: MaxPages = None,
    time_budget: TimeBudget = 4 * 3600.0,
    resolve: Resolve = None,
    allow_network: AllowNetwork = None,
    ignore_robots: IgnoreRobots = False,
    progress: Progress = True,
) -> None:
    """Re-inspect the sites whose operators claimed fixes: each claim is confirmed (fixed) or reopened.

    Only what each claim needs is inspected: for claims about single pages (a broken link, a typo,
    personal data, accessibility …) the homepage and the claimed pages with their links; for a claim
    about the whole site (columns, footer marks, the message channel …) the whole site. The
    campaign's own results stay as they were; the re-check day is the new monitoring point.
    """
    try:
        moment = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as exc:
        typer.echo(f"govinspect: --as-of wants YYYY-MM-DD, got {as_of!r}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    settings = _settings(
        concurrency, per_host, delay, timeout, max_pages, time_budget, resolve, allow_network, ignore_robots
    )
    engine = _open(db)
    claims = claims_by_site(engine, campaign_id)
    if not claims:
        typer.echo(f"campaign {campaign_id}: no claimed fix to confirm", err=True)
        return
    _inspect(campaign_id, (), (moment, tuple(claims)), db, settings, progress)


def _settings(
    concurrency: int,
    per_host: int,
    delay: float,
    timeout: float,
    max_pages: int | None,
    time_budget: float,
    resolve: list[str] | None,
    allow_network: list[str] | None,
    ignore_robots: bool,
) -> CrawlSettings:
    try:
        return CrawlSettings(
            timeout_seconds=timeout,
            concurrency=concurrency,
            per_host=per_host,
            per_ip=max(4, per_host),
            delay_seconds=delay,
            max_pages=max_pages,
            time_budget_seconds=time_budget,
            respect_robots=not ignore_robots,
            resolve=tuple(ResolveEntry.parse(r) for r in resolve or []),
            allow_networks=tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or []),
        )
    except ValueError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc


def _open(db: str | None) -> Engine:
    try:
        return open_store(db)
    except StoreError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc


def _inspect(
    campaign_id: int,
    only: tuple[str, ...],
    recheck: tuple[date, tuple[Claims, ...]] | None,
    db: str | None,
    settings: CrawlSettings,
    progress: bool,
) -> None:
    engine = _open(db)
    try:
        campaign = load_campaign(engine, campaign_id)
        framework = load_framework(campaign.framework, frozenset(all_checks()))
        if framework.version != campaign.framework_version:
            raise CampaignError(
                f"campaign {campaign_id} was created with {campaign.framework} {campaign.framework_version}, "
                f"which is now {framework.version}: its results would not be comparable"
            )
        options = RunOptions(settings=settings, as_of=campaign.as_of, framework=framework)
        evidence = evidence_dir(database_url(db))
        with crawl_progress(progress and sys.stderr.isatty()) as on_progress:
            if recheck is None:
                result = run_campaign(
                    engine, evidence, campaign, options, only=only, on_progress=on_progress, on_recorded=_said
                )
            else:
                day, claims = recheck
                result = recheck_campaign(
                    engine,
                    evidence,
                    campaign,
                    options,
                    claims,
                    day,
                    on_progress=on_progress,
                    on_recorded=_said,
                )
    except (CampaignError, FrameworkError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    if recheck is not None:
        typer.echo(f"re-checked {len(result.inspected)} sites on {recheck[0]}", err=True)
        print_items(engine, campaign_id, recheck[0])
        return
    typer.echo(f"inspected {len(result.inspected)} sites; {result.skipped} were already recorded", err=True)
    _print_status(engine, campaign_id)


def _said(report: SiteReport) -> None:
    typer.echo(f"  {VERDICT_LABELS[report.verdict]}  {report.site.name}  {report.site.url}", err=True)


@app.command("status")
def status(
    campaign_id: Annotated[int, typer.Argument(help="The campaign's id.")],
    db: DbOption = None,
) -> None:
    """Sites inspected and pending, verdicts, the pass rate so far and the sites not inspected."""
    _print_status(open_campaign_store(db, campaign_id), campaign_id)


BULLETIN_FORMATS = ("md", "html", "pdf", "docx", "xlsx", "csv", "json")


@app.command("report")
def report(
    campaign_id: Annotated[int, typer.Argument(help="The campaign's id.")],
    output: Annotated[
        Path, typer.Option(help="File for the bulletin (its format: --format, or the suffix).")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"Bulletin format: {', '.join(BULLETIN_FORMATS)}.")
    ] = None,
    compare_with: Annotated[
        int | None, typer.Option(help="Id of an earlier campaign to compare pass rates with.")
    ] = None,
    bands: Annotated[
        str, typer.Option(help="Lower bounds of the score bands, highest first (e.g. 120,110,100,80,60).")
    ] = "120,110,100,80,60",
    db: DbOption = None,
) -> None:
    """Write the bulletin (通报): pass rates by region, level and type, the unqualified sites and why,
    the sites not inspected, common problems per site, score bands, and the annex of drawn sites.

    md, html, pdf and docx are the notice (html and pdf with their charts); xlsx is a workbook with a
    sheet per table and every failing finding; csv is the annex; json is the figures as data."""
    chosen = fmt or output.suffix.lstrip(".").lower()
    if chosen not in BULLETIN_FORMATS:
        typer.echo(
            f"govinspect: unknown bulletin format {chosen!r}; choose {', '.join(BULLETIN_FORMATS)}", err=True
        )
        raise typer.Exit(EXIT_ERROR)
    engine = open_campaign_store(db, campaign_id)
    try:
        score_bands = bands_from_bounds([float(b) for b in bands.split(",") if b.strip()])
        campaign = load_campaign(engine, campaign_id)
        previous = None
        if compare_with is not None:
            earlier = load_campaign(engine, compare_with)
            previous = (earlier.name, campaign_sites_of(engine, earlier.id))
    except (CampaignError, ValueError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    drawn = tuple(campaign_sites_of(engine, campaign_id))
    bulletin = bulletin_content(
        campaign, drawn, campaign_figures(drawn, bands=score_bands, previous=previous)
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    if chosen == "xlsx":
        write_bulletin_xlsx(bulletin, output, failing_findings(engine, campaign_id))
    elif chosen in ("pdf", "docx"):
        (write_bulletin_pdf if chosen == "pdf" else write_bulletin_docx)(bulletin, output)
    else:
        writers = {
            "md": write_bulletin_markdown,
            "html": write_bulletin_html,
            "json": write_bulletin_json,
            "csv": write_bulletin_csv,
        }
        with output.open("w", encoding="utf-8", newline="" if chosen == "csv" else None) as handle:
            writers[chosen](bulletin, handle)
    typer.echo(f"bulletin: {output}", err=True)


@app.command("list")
def list_all(db: DbOption = None) -> None:
    """Every campaign in the store, newest first."""
    try:
        engine = open_store(db)
    except StoreError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    for campaign, states in list_campaigns(engine):
        drawn = sum(states.values())
        typer.echo(
            f"{campaign.id:4} {campaign.as_of} {campaign.name}  {states['done']}/{drawn} inspected  "
            f"seed {campaign.plan.seed}  {campaign.framework} {campaign.framework_version}"
        )


def _print_status(engine: Engine, campaign_id: int) -> None:
    campaign = load_campaign(engine, campaign_id)
    drawn = campaign_sites_of(engine, campaign_id)
    done = [c for c in drawn if c.state == "done"]
    verdicts = Counter(c.verdict for c in done)
    judged = verdicts["qualified"] + verdicts["unqualified"]
    typer.echo(f"campaign {campaign.id}: {campaign.name} (T = {campaign.as_of}, seed {campaign.plan.seed})")
    typer.echo(
        f"  drawn {len(drawn)} of {campaign.eligible}; inspected {len(done)}; "
        f"pending {len(drawn) - len(done)}"
    )
    typer.echo(
        f"  合格 {verdicts['qualified']}, 不合格 {verdicts['unqualified']}, 无法检查 {verdicts['unverified']}"
        + (f"; 合格率 {100 * verdicts['qualified'] / judged:.1f}% of the sites inspected" if judged else "")
    )
    for entry in done:
        where = f"{entry.site.name} {entry.site.url}"
        if entry.verdict == "unverified":
            typer.echo(f"  not inspected: {where} — {'; '.join(entry.summary.get('notes', []))}")
        elif entry.verdict == "unqualified":
            typer.echo(f"  不合格: {where} — {', '.join(entry.vetoes) or 'score below the pass mark'}")


def _stratum_field(name: str) -> StratumField:
    for known in STRATUM_FIELDS:
        if name == known:
            return known
    raise ValueError(f"unknown --strata {name!r}; use {', '.join(STRATUM_FIELDS)}")
