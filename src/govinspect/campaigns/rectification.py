"""Rectification (整改): every failing finding of a campaign becomes an item its organiser must fix.

An item's life: **open** (found by the campaign) → **claimed** (the operator says it is fixed) →
**fixed** (a later inspection no longer finds the problem) or **reopened** (it still does). An
item is matched across inspections by the finding's fingerprint, which names the same problem
on the same page in every run. An item is **overdue** while it is not fixed after its deadline.

Each inspection of a campaign site reconciles its items (:func:`reconcile`): new failing
findings open items, and an open, claimed or reopened item whose problem is gone is fixed — but
only when the check that found it ran without error on a site whose homepage could be fetched;
otherwise the item keeps its state (nothing is closed on missing evidence).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select, update

from govinspect.model.report import SiteReport
from govinspect.store.schema import rectification_items, sites

UNRESOLVED = ("open", "claimed", "reopened")


@dataclass(frozen=True, slots=True)
class RectificationItem:
    id: int
    site_name: str
    site_url: str
    organizer: str
    check: str
    indicator: str | None
    url: str
    target: str | None
    message: str
    opened_on: date
    deadline: date
    state: str
    history: tuple[dict[str, Any], ...]

    def overdue(self, on: date) -> bool:
        """Not fixed, and the deadline has passed."""
        return self.state in UNRESOLVED and on > self.deadline


class RectificationError(ValueError):
    """An item that does not exist or cannot make the change asked; the message says why."""


def reconcile(engine: Engine, campaign_id: int, report: SiteReport, on: date, deadline: date) -> Counter[str]:
    """Open items for new failing findings and close those whose problem is gone; counts what changed."""
    changes: Counter[str] = Counter()
    failing = {f.fingerprint: f for f in report.findings if f.outcome.value == "fail"}
    ran_cleanly = {name for name, coverage in report.coverage.items() if coverage.error is None}
    inspected = report.verdict != "unverified"
    with engine.begin() as conn:
        site_id = conn.execute(select(sites.c.id).where(sites.c.key == report.site.key)).scalar_one()
        known = {
            row.fingerprint: row
            for row in conn.execute(
                select(rectification_items).where(
                    rectification_items.c.campaign_id == campaign_id, rectification_items.c.site_id == site_id
                )
            )
        }
        for fingerprint, finding in failing.items():
            row = known.get(fingerprint)
            if row is None:
                conn.execute(
                    insert(rectification_items).values(
                        campaign_id=campaign_id,
                        site_id=site_id,
                        fingerprint=fingerprint,
                        check_name=finding.check,
                        indicator=finding.indicator,
                        url=finding.url,
                        target=finding.target,
                        message=finding.message,
                        organizer=report.site.organizer or report.site.name,
                        opened_on=on,
                        deadline=deadline,
                        state="open",
                        history=[_event(on, "open", report)],
                    )
                )
                changes["opened"] += 1
            elif row.state in ("claimed", "fixed"):  # the claim was wrong, or the problem came back
                _move(conn, row, "reopened", _event(on, "reopened", report))
                changes["reopened"] += 1
        for fingerprint, row in known.items():
            if (
                row.state in UNRESOLVED
                and fingerprint not in failing
                and inspected
                and row.check_name in ran_cleanly
            ):
                _move(conn, row, "fixed", _event(on, "fixed", report))
                changes["fixed"] += 1
    return changes


def claim(engine: Engine, item_ids: list[int], on: date, by: str, note: str = "") -> None:
    """The operator says these items are fixed; a re-check will confirm or reopen them."""
    with engine.begin() as conn:
        for item_id in item_ids:
            row = conn.execute(select(rectification_items).where(rectification_items.c.id == item_id)).first()
            if row is None:
                raise RectificationError(f"no rectification item {item_id}")
            if row.state not in ("open", "reopened"):
                raise RectificationError(
                    f"item {item_id} is {row.state}: only open or reopened items can be claimed"
                )
            _move(conn, row, "claimed", {"on": on.isoformat(), "state": "claimed", "by": by, "note": note})


def list_items(
    engine: Engine, campaign_id: int, *, organizer: str | None = None, states: tuple[str, ...] = ()
) -> list[RectificationItem]:
    """The items of a campaign, by site and page, optionally of one organiser or in some states."""
    query = (
        select(rectification_items, sites.c.name.label("site_name"), sites.c.url.label("site_url"))
        .join(sites, sites.c.id == rectification_items.c.site_id)
        .where(rectification_items.c.campaign_id == campaign_id)
        .order_by(
            rectification_items.c.organizer, sites.c.url, rectification_items.c.url, rectification_items.c.id
        )
    )
    if organizer is not None:
        query = query.where(rectification_items.c.organizer == organizer)
    if states:
        query = query.where(rectification_items.c.state.in_(states))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        RectificationItem(
            id=row.id,
            site_name=row.site_name,
            site_url=row.site_url,
            organizer=row.organizer or row.site_name,
            check=row.check_name,
            indicator=row.indicator,
            url=row.url,
            target=row.target,
            message=row.message,
            opened_on=row.opened_on,
            deadline=row.deadline,
            state=row.state,
            history=tuple(row.history),
        )
        for row in rows
    ]


def sites_with_claims(engine: Engine, campaign_id: int) -> list[str]:
    """URLs of the sites that have claimed items: what a re-check must inspect again."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(sites.c.url)
                .join(rectification_items, rectification_items.c.site_id == sites.c.id)
                .where(
                    rectification_items.c.campaign_id == campaign_id, rectification_items.c.state == "claimed"
                )
                .distinct()
                .order_by(sites.c.url)
            ).scalars()
        )


def deadline_for(as_of: date, days: int) -> date:
    return as_of + timedelta(days=days)


def _event(on: date, state: str, report: SiteReport) -> dict[str, Any]:
    return {"on": on.isoformat(), "state": state, "crawl_id": report.crawl.crawl_id}


def _move(conn: Any, row: Any, state: str, event: dict[str, Any]) -> None:
    conn.execute(
        update(rectification_items)
        .where(rectification_items.c.id == row.id)
        .values(state=state, history=[*row.history, event])
    )
