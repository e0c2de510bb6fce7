"""``govinspect check``: inspect sites and write a report (contract §1)."""

from __future__ import annotations

import asyncio
import ipaddress
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from govinspect.checks.api import all_checks
from govinspect.cli.output import FORMATS, OutputError, print_summary, write_reports
from govinspect.cli.progress import crawl_progress
from govinspect.inspection import RunOptions, build_report, crawl_sites, site_report
from govinspect.model.report import Report
from govinspect.model.site import Site
from govinspect.registry import RegistryError, sites_to_inspect
from govinspect.scoring.framework import FrameworkError, load_framework
from govinspect.settings import CrawlSettings, ResolveEntry
from govinspect.store.db import StoreError, database_url, evidence_dir, open_store

EXIT_QUALIFIED, EXIT_UNQUALIFIED, EXIT_ERROR = 0, 1, 2


class UsageProblem(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


@dataclass(frozen=True, slots=True)
class Inspection:
    sites: tuple[Site, ...]
    registry_problems: tuple[str, ...]
    options: RunOptions
    db: str | None
    formats: tuple[str, ...]
    output: str | None
    progress: bool


def check(
    urls: Annotated[list[str] | None, typer.Argument(help="Homepage URLs of the sites to inspect.")] = None,
    registry: Annotated[Path | None, typer.Option(help="Registry file (CSV or XLSX, contract §2).")] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Monitoring point T (YYYY-MM-DD); windows count back from it."),
    ] = None,
    framework: Annotated[str, typer.Option(help="Indicator framework id or YAML file.")] = "cn-gov-2019",
    fmt: Annotated[
        list[str] | None, typer.Option("--format", help="Report format: json, html, md (repeatable).")
    ] = None,
    output: Annotated[
        str | None, typer.Option(help="Report file, or folder for several formats; '-': JSON to stdout.")
    ] = None,
    max_pages: Annotated[int | None, typer.Option(help="Crawl budget per site, in pages.")] = None,
    max_depth: Annotated[int, typer.Option(help="Links followed from the homepage, at most.")] = 15,
    time_budget: Annotated[float, typer.Option(help="Crawl time per site, in seconds.")] = 4 * 3600.0,
    timeout: Annotated[
        float, typer.Option(help="Per-request timeout in seconds (the national rule: 15).")
    ] = 15.0,
    concurrency: Annotated[int, typer.Option(help="Requests in flight in total.")] = 16,
    per_host: Annotated[int, typer.Option(help="Requests in flight per host.")] = 2,
    per_ip: Annotated[
        int | None,
        typer.Option(help="Requests in flight per server address (default: 4, or --per-host if larger)."),
    ] = None,
    delay: Annotated[
        float, typer.Option(help="Minimum pause between requests to one host, in seconds.")
    ] = 0.5,
    retries: Annotated[int, typer.Option(help="Retries after connection errors, 5xx and 429.")] = 2,
    resolve: Annotated[
        list[str] | None, typer.Option(help="HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable).")
    ] = None,
    allow_network: Annotated[
        list[str] | None, typer.Option(help="CIDR of a private network the crawler may reach (repeatable).")
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option(help="Fetch what robots.txt disallows (with the owner's consent).")
    ] = False,
    no_external: Annotated[bool, typer.Option(help="Do not check links that leave the site.")] = False,
    max_attachment_mib: Annotated[
        float,
        typer.Option(help="Read the site's own PDF/Word/Excel files whole up to this many MiB (0: HEAD)."),
    ] = 16.0,
    db: Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")] = None,
    fresh: Annotated[
        bool, typer.Option(help="Start every crawl over instead of resuming an interrupted one.")
    ] = False,
    keep_crawls: Annotated[
        int, typer.Option(help="Finished crawls kept per site (older ones are deleted).")
    ] = 5,
    progress: Annotated[bool, typer.Option(help="Show crawl progress on standard error.")] = True,
    only: Annotated[
        list[str] | None,
        typer.Option("--checks", help="Run only this check (repeatable; see `govinspect checks list`)."),
    ] = None,
) -> None:
    """Crawl each site, run every check, score it against the framework and write the report.

    Exit status: 0 every inspected site qualified; 1 at least one site unqualified;
    2 usage error, unreadable input or a failure of govinspect itself.
    """
    try:
        inspection = _plan(
            urls or [],
            registry,
            as_of,
            framework,
            fmt or ["json"],
            output,
            db,
            progress,
            fresh,
            tuple(only or ()),
            CrawlSettings(
                timeout_seconds=timeout,
                concurrency=concurrency,
                per_host=per_host,
                per_ip=per_ip if per_ip is not None else max(4, per_host),
                delay_seconds=delay,
                max_pages=max_pages,
                max_depth=max_depth,
                time_budget_seconds=time_budget,
                retries=retries,
                respect_robots=not ignore_robots,
                check_external=not no_external,
                max_attachment_bytes=int(max_attachment_mib * 1024 * 1024),
                resolve=tuple(ResolveEntry.parse(r) for r in resolve or []),
                allow_networks=tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or []),
                keep_crawls=keep_crawls,
            ),
        )
    except (UsageProblem, ValueError, RegistryError, FrameworkError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    report = run_inspection(inspection)
    raise typer.Exit(exit_status(report))


def _plan(
    urls: list[str],
    registry: Path | None,
    as_of: str | None,
    framework: str,
    formats: list[str],
    output: str | None,
    db: str | None,
    progress: bool,
    fresh: bool,
    only: tuple[str, ...],
    settings: CrawlSettings,
) -> Inspection:
    if not urls and registry is None:
        raise UsageProblem("name at least one site URL or a --registry file (see govinspect check --help)")
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageProblem(f"unknown --format {fmt!r}; choose from {', '.join(FORMATS)}")
    if output in (None, "-") and len(set(formats)) > 1:
        raise UsageProblem("several formats need --output FOLDER")
    try:
        moment = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as exc:
        raise UsageProblem(f"--as-of wants YYYY-MM-DD, got {as_of!r}") from exc
    sites, problems = sites_to_inspect(registry, urls)
    for problem in problems:
        typer.echo(f"govinspect: {problem}", err=True)
    if not sites:
        raise UsageProblem("no site to inspect")
    chosen = load_framework(framework, frozenset(all_checks()))
    unknown = [name for name in only if name not in all_checks()]
    if unknown:
        raise UsageProblem(f"no check named {unknown[0]!r}; see `govinspect checks list`")
    options = RunOptions(settings=settings, as_of=moment, framework=chosen, fresh=fresh, checks=only)
    return Inspection(sites, problems, options, db, tuple(formats), output, progress)


def run_inspection(inspection: Inspection) -> Report:
    """Crawl, check, score and write the report; returns it."""
    try:
        engine = open_store(inspection.db)
    except StoreError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    evidence = evidence_dir(database_url(inspection.db))
    with crawl_progress(inspection.progress and sys.stderr.isatty()) as progress:
        crawled = asyncio.run(crawl_sites(inspection.sites, engine, evidence, inspection.options, progress))
    site_reports = [
        site_report(engine, site, handle, error, inspection.options) for site, handle, _, error in crawled
    ]
    report = build_report(site_reports, inspection.options, inspection.registry_problems)
    try:
        written = write_reports(report, inspection.formats, inspection.output, engine)
    except OutputError as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    print_summary(report)
    for path in written:
        typer.echo(f"report: {path}", err=True)
    return report


def exit_status(report: Report) -> int:
    return EXIT_UNQUALIFIED if any(s.verdict == "unqualified" for s in report.sites) else EXIT_QUALIFIED
