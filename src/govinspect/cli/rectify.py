"""``govinspect rectify list | claim | report``: following every failing finding until it is fixed."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer
from sqlalchemy import Engine

from govinspect.campaigns.rectification import (
    UNRESOLVED,
    RectificationError,
    RectificationItem,
    claim,
    list_items,
)
from govinspect.campaigns.store import CampaignError, load_campaign
from govinspect.reports.labels import CHECK_LABELS
from govinspect.store.db import StoreError, open_store

app = typer.Typer(
    help="Rectification (整改): items per organiser, claims of fixes, overdue items.", no_args_is_help=True
)

EXIT_ERROR = 2
STATE_LABELS = {
    "open": "待整改",
    "claimed": "已申报整改",
    "fixed": "已整改（复查确认）",
    "reopened": "复查未通过",
}
DbOption = Annotated[str | None, typer.Option(help="SQLite file or database URL (postgresql://…).")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="The day deadlines are judged on (YYYY-MM-DD; today).")
]


@app.command("list")
def list_command(
    campaign_id: Annotated[int, typer.Argument(help="The campaign's id.")],
    organizer: Annotated[str | None, typer.Option(help="Only this organiser's items (主办单位).")] = None,
    state: Annotated[list[str] | None, typer.Option(help="Only items in this state (repeatable).")] = None,
    overdue: Annotated[bool, typer.Option(help="Only items past their deadline and not fixed.")] = False,
    as_of: AsOf = None,
    db: DbOption = None,
) -> None:
    """The rectification items of a campaign: id, state, deadline, site, problem."""
    engine, today = open_campaign_store(db, campaign_id), _day(as_of)
    items = list_items(engine, campaign_id, organizer=organizer, states=tuple(state or ()))
    for item in items:
        if overdue and not item.overdue(today):
            continue
        late = "  逾期" if item.overdue(today) else ""
        typer.echo(
            f"{item.id:5}  {STATE_LABELS.get(item.state, item.state)}{late}  截止 {item.deadline}  "
            f"{item.organizer}  {CHECK_LABELS.get(item.check, item.check)}  {item.target or item.url}"
        )


@app.command("claim")
def claim_command(
    item_ids: Annotated[list[int], typer.Argument(help="Ids of the items the operator has fixed.")],
    by: Annotated[str, typer.Option(help="Who claims the fix (name or unit).")],
    note: Annotated[str, typer.Option(help="What was done.")] = "",
    as_of: AsOf = None,
    db: DbOption = None,
) -> None:
    """Mark items as fixed by the operator; `govinspect recheck` confirms or reopens each claim."""
    try:
        engine = open_store(db)
        claim(engine, list(item_ids), _day(as_of), by, note)
    except (RectificationError, StoreError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    typer.echo(f"claimed {len(item_ids)} items; confirm them with `govinspect recheck`", err=True)


@app.command("report")
def report_command(
    campaign_id: Annotated[int, typer.Argument(help="The campaign's id.")],
    output: Annotated[Path, typer.Option(help="Markdown file for the rectification report.")],
    as_of: AsOf = None,
    db: DbOption = None,
) -> None:
    """A rectification report per organiser: items by state, the overdue ones, and every open problem."""
    engine, today = open_campaign_store(db, campaign_id), _day(as_of)
    campaign = load_campaign(engine, campaign_id)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as out:
        out.write(f"# {campaign.name} 整改情况（截至 {today:%Y年%-m月%-d日}）\n\n")
        write_rectification_report(list_items(engine, campaign_id), today, out)
    typer.echo(f"report: {output}", err=True)


def write_rectification_report(items: list[RectificationItem], today: date, out: TextIO) -> None:
    """Per organiser: counts by state, overdue count, and the unresolved items with their deadlines."""
    by_organizer: dict[str, list[RectificationItem]] = defaultdict(list)
    for item in items:
        by_organizer[item.organizer].append(item)
    if not items:
        out.write("本次抽查没有需要整改的问题。\n")
    for organizer, own in sorted(by_organizer.items()):
        states = Counter(item.state for item in own)
        late = sum(item.overdue(today) for item in own)
        counts = "，".join(f"{STATE_LABELS[s]} {states[s]}" for s in STATE_LABELS if states[s])
        out.write(f"## {organizer}\n\n问题 {len(own)} 个：{counts}；逾期未整改 {late} 个。\n\n")
        unresolved = [item for item in own if item.state in UNRESOLVED]
        if unresolved:
            out.write("| 编号 | 状态 | 截止日期 | 问题 | 位置 |\n|---|---|---|---|---|\n")
            for item in unresolved:
                state = STATE_LABELS[item.state] + ("（逾期）" if item.overdue(today) else "")
                where = (item.target or item.url).replace("|", "%7C")
                problem = CHECK_LABELS.get(item.check, item.check)
                out.write(f"| {item.id} | {state} | {item.deadline} | {problem} | {where} |\n")
            out.write("\n")


def print_items(engine: Engine, campaign_id: int, today: date) -> None:
    """The state of every item after a re-check, one line each, for the terminal."""
    items = list_items(engine, campaign_id)
    states = Counter(item.state for item in items)
    typer.echo(", ".join(f"{STATE_LABELS[s]} {states[s]}" for s in STATE_LABELS if states[s]) or "no items")
    for item in items:
        if item.overdue(today):
            typer.echo(
                f"  逾期  {item.id}  {item.organizer}  {CHECK_LABELS.get(item.check, item.check)}  {item.url}"
            )


def open_campaign_store(db: str | None, campaign_id: int) -> Engine:
    """The store, once it is known to hold the campaign; a clear error and exit status 2 otherwise."""
    try:
        engine = open_store(db)
        load_campaign(engine, campaign_id)
    except (CampaignError, StoreError) as exc:
        typer.echo(f"govinspect: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
    return engine


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError as exc:
        typer.echo(f"govinspect: --as-of wants YYYY-MM-DD, got {text!r}", err=True)
        raise typer.Exit(EXIT_ERROR) from exc
