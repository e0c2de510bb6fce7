"""``govinspect supervision``: how each region or department supervised its sites in a quarter or year."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from govinspect.campaigns.supervision import GROUPINGS, SupervisionRow, quarter, supervision_rows
from govinspect.checks.api import all_checks
from govinspect.registry import RegistryError, load_registry
from govinspect.scoring.framework import FrameworkError, load_framework
from govinspect.store.db import StoreError, open_store

EXIT_ERROR = 2


def supervision(
    registry: Annotated[Path, typer.Option(help="Registry file (CSV or XLSX) of the sites supervised.")],
    year: Annotated[int, typer.Option(help="Year assessed.")] = date.today().year,
    quarter_number: Annotated[
        int | None, typer.Option("--quarter", help="Quarter assessed (1–4); without it, the whole year.")
    ] = None,
    by: Annotated[str, typer.Option(help=f"Group sites by {', '.join(GROUPINGS)}.")] = "region",
    framework: Annotated[str, typer.Option(help="Indicator framework id or YAML file.")] = "cn-gov-2019",
    fmt: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
    output: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
    db: Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")] = None,
) -> None:
    """Per region (or supervising portal, or organiser): sites inspected in the period and their share,
    unqualified sites, late annual reports, and registry accuracy (moved, offline, found but not registered).

    Reads only what inspections and campaigns stored; nothing is crawled."""
    try:
        if by not in GROUPINGS:
            raise ValueError(f"--by takes {', '.join(GROUPINGS)}, not {by!r}")
        if fmt not in ("md", "json"):
            raise ValueError(f"--format takes md or json, not {fmt!r}")
        period = (
            quarter(year, quarter_number)
            if quarter_number is not None
            else (date(year, 1, 1), date(year, 12, 31))
        )
        loaded = load_registry(registry)
        chosen = load_framework(framework, frozenset(all_checks()))
        engine = open_store(db)
    except (ValueError, RegistryError, FrameworkError, StoreError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    rows = supervision_rows(engine, loaded.sites, chosen, period, by)
    text = _json(rows, period) if fmt == "json" else _markdown(rows, period, by)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"assessment: {output}", err=True)


def _markdown(rows: tuple[SupervisionRow, ...], period: tuple[date, date], by: str) -> str:
    title = {"region": "地区", "parent": "上级门户", "organizer": "主办单位"}[by]
    lines = [
        f"# 政府网站监管工作情况（{period[0]} 至 {period[1]}）",
        "",
        f"| {title} | 在运行网站 | 已检查 | 检查比例 | 不合格 | 年度报表未按时发布 | 地址已变更 | 无法访问 "
        "| 发现未登记 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        share = f"{100 * row.inspected_share:.1f}%" if row.inspected_share is not None else "—"
        lines.append(
            f"| {row.group} | {row.registered} | {row.inspected} | {share} | {row.unqualified} | "
            f"{row.annual_report_late} | {len(row.moved)} | {len(row.offline)} | {len(row.unregistered)} |"
        )
    details = [
        (row.group, label, urls)
        for row in rows
        for label, urls in (
            ("地址已变更", row.moved),
            ("无法访问（未报备关停）", row.offline),
            ("发现未登记的网站", row.unregistered),
        )
        if urls
    ]
    if details:
        lines += ["", "## 登记信息准确性", ""]
        lines += [f"- {group} {label}：{'、'.join(urls)}" for group, label, urls in details]
    return "\n".join(lines)


def _json(rows: tuple[SupervisionRow, ...], period: tuple[date, date]) -> str:
    return json.dumps(
        {
            "schema": "govinspect/supervision@1",
            "period": [period[0].isoformat(), period[1].isoformat()],
            "groups": [
                {
                    "group": row.group,
                    "registered": row.registered,
                    "inspected": row.inspected,
                    "inspected_share": row.inspected_share,
                    "unqualified": row.unqualified,
                    "annual_report_late": row.annual_report_late,
                    "moved": list(row.moved),
                    "offline": list(row.offline),
                    "unregistered": list(row.unregistered),
                }
                for row in rows
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
