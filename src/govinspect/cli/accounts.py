"""``govinspect accounts``: collect and judge the government new-media accounts of a registry."""

from __future__ import annotations

import asyncio
import ipaddress
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from govinspect.checks.api import all_checks
from govinspect.model.report import Verdict
from govinspect.newmedia.inspection import AccountReport, account_report, collect_accounts
from govinspect.newmedia.registry import load_accounts
from govinspect.registry import RegistryError
from govinspect.reports.json_report import finding_to_dict
from govinspect.reports.labels import CHECK_LABELS, VERDICT_LABELS, VETO_LABELS
from govinspect.scoring.framework import FrameworkError, load_framework
from govinspect.settings import ResolveEntry
from govinspect.store.db import StoreError, open_store

EXIT_QUALIFIED, EXIT_UNQUALIFIED, EXIT_ERROR = 0, 1, 2


def accounts(
    registry: Annotated[
        Path, typer.Option(help="Account registry (CSV or XLSX, docs/new-media-registry.md).")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Monitoring point T (YYYY-MM-DD; today).")
    ] = None,
    collect: Annotated[
        bool, typer.Option(help="Collect every account now (--no-collect: judge the stored history).")
    ] = True,
    framework: Annotated[str, typer.Option(help="Indicator framework id or YAML file.")] = "cn-gov-2019",
    fmt: Annotated[str, typer.Option("--format", help="Report format: md or json.")] = "md",
    output: Annotated[Path | None, typer.Option(help="Report file (default: standard output).")] = None,
    resolve: Annotated[
        list[str] | None, typer.Option(help="HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable).")
    ] = None,
    allow_network: Annotated[
        list[str] | None,
        typer.Option(help="CIDR of a private network the collectors may reach (repeatable)."),
    ] = None,
    db: Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")] = None,
) -> None:
    """Collect each account's posts (feeds, JSON exports, list pages, platform APIs), keep them, and judge
    each account on the new-media single vetoes (not updated in 14 days, no interaction) and checks.

    Exit status: 0 every account qualified; 1 at least one unqualified; 2 usage error."""
    try:
        moment = date.fromisoformat(as_of) if as_of else date.today()
        if fmt not in ("md", "json"):
            raise ValueError(f"--format takes md or json, not {fmt!r}")
        loaded = load_accounts(registry)
        chosen = load_framework(framework, frozenset(all_checks()))
        engine = open_store(db)
        entries = tuple(ResolveEntry.parse(r) for r in resolve or [])
        networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or [])
    except (ValueError, RegistryError, FrameworkError, StoreError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    for problem in loaded.problems:
        typer.echo(f"govinspect: {problem}", err=True)
    if collect:
        asyncio.run(collect_accounts(engine, loaded.accounts, allow_networks=networks, resolve=entries))
    reports = [
        account_report(engine, account, loaded.accounts, chosen, moment)
        for account in loaded.accounts
        if account.status != "cancelled"
    ]
    text = _json(reports, moment, chosen.id, chosen.version) if fmt == "json" else _markdown(reports, moment)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"report: {output}", err=True)
    verdicts: list[Verdict] = [r.verdict for r in reports]
    raise typer.Exit(EXIT_UNQUALIFIED if "unqualified" in verdicts else EXIT_QUALIFIED)


def _markdown(reports: list[AccountReport], as_of: date) -> str:
    lines = [
        f"# 政务新媒体检查（监测时间点 {as_of}）",
        "",
        "| 账号 | 平台 | 结论 | 单项否决 | 问题数 | 已采集信息数 |",
        "|---|---|---|---|---|---|",
    ]
    for r in reports:
        vetoes = "、".join(VETO_LABELS.get(v, v) for v in r.vetoes) or "无"
        verdict = VERDICT_LABELS.get(r.verdict, r.verdict)
        failed = sum(f.outcome.value == "fail" for f in r.findings)
        lines.append(
            f"| {_cell(r.account.name)} | {r.account.platform} | {verdict} | {vetoes} | {failed} "
            f"| {r.posts} |"
        )
    for r in reports:
        if not r.findings and r.error is None:
            continue
        lines += ["", f"## {_cell(r.account.name)}（{r.account.platform}:{r.account.account_id}）", ""]
        if r.error:
            lines.append(f"- 采集失败：{_cell(r.error)}")
        lines += [f"- {CHECK_LABELS.get(f.check, f.check)}：{_cell(f.message)}" for f in r.findings]
    return "\n".join(lines)


def _json(reports: list[AccountReport], as_of: date, framework: str, version: str) -> str:
    document: dict[str, Any] = {
        "schema": "govinspect/accounts@1",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "as_of": as_of.isoformat(),
        "framework": {"id": framework, "version": version},
        "accounts": [
            {
                "account": {
                    "platform": r.account.platform,
                    "id": r.account.account_id,
                    "name": r.account.name,
                    "url": r.account.url,
                    "organizer": r.account.organizer,
                },
                "verdict": r.verdict,
                "vetoes": list(r.vetoes),
                "posts": r.posts,
                "collection_error": r.error,
                "findings": [finding_to_dict(f) for f in r.findings],
            }
            for r in reports
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "｜").split())
