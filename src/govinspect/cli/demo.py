"""``govinspect demo``: generate the demo estate, serve it on loopback, inspect it, write the reports."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from govinspect.checks.api import all_checks
from govinspect.cli.check import Inspection, run_inspection
from govinspect.demo import Estate, bind_free_port, generate_estate
from govinspect.demo.background import demo_settings, serve_in_background
from govinspect.inspection import RunOptions
from govinspect.model.report import Report
from govinspect.registry import load_registry
from govinspect.scoring.framework import load_framework


def demo(
    output: Annotated[Path, typer.Option(help="Folder for the estate, the store and the reports.")] = Path(
        "demo-output"
    ),
    as_of: Annotated[str | None, typer.Option("--as-of", help="Monitoring point T (YYYY-MM-DD).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the generated estate.")] = 2026,
    serve: Annotated[
        bool, typer.Option(help="Keep serving the estate after the inspection (Ctrl-C stops).")
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show crawl progress on standard error.")] = True,
) -> None:
    """Inspect a generated estate of 12 government-style sites with planted problems, on loopback.

    Writes report.html, report.md and report.json to OUTPUT, and compares what was found with the
    planted problems (OUTPUT/estate/ground-truth.json).
    """
    moment = date.fromisoformat(as_of) if as_of else date.today()
    output.mkdir(parents=True, exist_ok=True)
    sock = bind_free_port()
    port = sock.getsockname()[1]
    estate = generate_estate(output / "estate", port=port, as_of=moment, seed=seed)
    typer.echo(
        f"demo estate: {len(estate.sites)} sites served on 127.0.0.1:{port} ({output / 'estate'})", err=True
    )
    settings = demo_settings(estate)
    loaded = load_registry(estate.registry_path)
    inspection = Inspection(
        sites=loaded.sites,
        registry_problems=tuple(str(p) for p in loaded.problems),
        options=RunOptions(
            settings=settings,
            as_of=moment,
            framework=load_framework("cn-gov-2019", frozenset(all_checks())),
            fresh=True,
        ),
        db=str(output / "govinspect.sqlite"),
        formats=("html", "md", "json"),
        output=str(output),
        progress=progress,
    )
    with serve_in_background(estate, sock):
        report = run_inspection(inspection)
        typer.echo(compare_with_ground_truth(report, estate), err=True)
        typer.echo(
            f"open {output / 'report.html'} in a browser; evidence of each finding is linked from it",
            err=True,
        )
        if serve:
            _serve_until_interrupted(estate)


def compare_with_ground_truth(report: Report, estate: Estate) -> str:
    """Planted problems found per check and outcome, and findings that were not planted.

    Only checks whose planted problems are complete in the ground truth (``covered_checks``) are
    compared: the demo is served over plain HTTP and never monitored, for instance.
    """
    truth = json.loads(estate.ground_truth_path.read_text(encoding="utf-8"))
    checks = set(all_checks()) & set(truth.get("covered_checks", []))
    lines = ["compared with the planted problems (ground-truth.json):"]
    for check in sorted(checks):
        for outcome in ("fail", "unverified", "review"):
            planted = {p.target or p.url for p in estate.planted if p.check == check and p.outcome == outcome}
            found = {
                f.target or f.url
                for site in report.sites
                for f in site.findings
                if f.check == check and f.outcome.value == outcome
            }
            if not planted and not found:
                continue
            hit = len(planted & found)
            lines.append(
                f"  {check} {outcome}: found {hit} of {len(planted)} planted"
                + (f", {len(found - planted)} not planted" if found - planted else "")
            )
    return "\n".join(lines)


def _serve_until_interrupted(estate: Estate) -> None:
    typer.echo(
        "serving; try: curl "
        + " ".join(f"--resolve {r}" for r in estate.resolve[:1])
        + f" {estate.sites[0].url}",
        err=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
