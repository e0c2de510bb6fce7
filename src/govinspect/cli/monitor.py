"""``govinspect monitor``: visit every registered homepage on a schedule and store each visit."""

from __future__ import annotations

import asyncio
import ipaddress
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from govinspect.model.site import Site
from govinspect.monitor.schedule import Schedule
from govinspect.monitor.service import Monitor, MonitorOptions, MonitorStats, monitor_settings, serve
from govinspect.registry import RegistryError, sites_to_inspect
from govinspect.settings import ResolveEntry
from govinspect.store.db import open_store

EXIT_OK, EXIT_ERROR = 0, 2
RULE_PROBES_PER_DAY = 20


class UsageProblem(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


def monitor(
    urls: Annotated[list[str] | None, typer.Argument(help="Homepage URLs of the sites to monitor.")] = None,
    registry: Annotated[Path | None, typer.Option(help="Registry file (CSV or XLSX, contract §2).")] = None,
    db: Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")] = None,
    probes_per_day: Annotated[
        int, typer.Option(help="Visits per site and day (the national rule needs at least 20).")
    ] = 24,
    timeout: Annotated[
        float, typer.Option(help="Seconds a visit may take before it fails (the national rule: 15).")
    ] = 15.0,
    once: Annotated[
        bool, typer.Option(help="Visit each site's current slot (unless already visited) and exit.")
    ] = False,
    concurrency: Annotated[int, typer.Option(help="Visits in flight at most.")] = 64,
    resolve: Annotated[
        list[str] | None, typer.Option(help="HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable).")
    ] = None,
    allow_network: Annotated[
        list[str] | None, typer.Option(help="CIDR of a private network the monitor may reach (repeatable).")
    ] = None,
) -> None:
    """Visit every homepage in its own slot of the day and store each visit, until stopped.

    Each site gets PROBES_PER_DAY evenly spaced slots, shifted by a stable per-site offset so
    that many sites do not fire together. A restart never visits a slot twice; slots that passed
    while the monitor was stopped are stored as missed. SIGTERM or Ctrl-C lets the visits in
    flight finish, stores them and exits. See docs/monitoring.md.
    """
    try:
        sites = _sites(urls or [], registry)
        schedule = Schedule.per_day(probes_per_day)
        if timeout <= 0 or concurrency < 1:
            raise UsageProblem("--timeout must be positive and --concurrency at least 1")
        settings = monitor_settings(
            timeout_seconds=timeout,
            concurrency=concurrency,
            resolve=tuple(ResolveEntry.parse(r) for r in resolve or []),
            allow_networks=tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or []),
        )
    except (UsageProblem, ValueError, RegistryError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    if probes_per_day < RULE_PROBES_PER_DAY:
        typer.echo(
            f"govinspect: {probes_per_day} visits a day is fewer than the rule's {RULE_PROBES_PER_DAY}: "
            "site-unreachable will report 'unverified'",
            err=True,
        )
    try:
        engine = open_store(db)
        watcher = Monitor(sites, engine, MonitorOptions(schedule, settings, once=once))
        if not once:
            typer.echo(
                f"govinspect monitor: {len(sites)} sites, a visit every {schedule.interval_seconds:g} s "
                f"per site, timeout {timeout:g} s; SIGTERM or Ctrl-C stops",
                err=True,
            )
        stats = asyncio.run(serve(watcher))
    except SQLAlchemyError as exc:
        typer.echo(f"govinspect: the store failed: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    typer.echo(_summary(stats), err=True)
    raise typer.Exit(EXIT_OK)


def _sites(urls: list[str], registry: Path | None) -> list[Site]:
    if not urls and registry is None:
        raise UsageProblem("name at least one site URL or a --registry file (see govinspect monitor --help)")
    sites, given_problems = sites_to_inspect(registry, urls)
    problems = list(given_problems)
    closed = [site for site in sites if site.status == "closed"]
    problems.extend(f"{site.url}: closed in the registry; not monitored" for site in closed)
    for problem in problems:
        typer.echo(f"govinspect: {problem}", err=True)
    open_sites = [site for site in sites if site.status != "closed"]
    if not open_sites:
        raise UsageProblem("no site to monitor")
    return open_sites


def _summary(stats: MonitorStats) -> str:
    return (
        f"govinspect monitor: {stats.visits} visits ({stats.ok} opened, {stats.failed} failed, "
        f"{stats.unverified} not allowed), {stats.missed} missed slots stored, "
        f"{stats.already_done} sites already visited in their current slot"
    )
