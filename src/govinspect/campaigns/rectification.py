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
#: Checks that judge a problem from its own page (and that page's links) alone: a claimed fix of one of
#: these is confirmed by fetching the claimed pages, not the whole site.
PAGE_CHECKS = frozenset(
    {
        "broken-link", "serious-typo", "prohibited-content", "hidden-link", "privacy-leak", "date-in-future",
        "img-missing-alt", "html-lang-missing", "page-title-missing", "link-missing-name",
        "form-field-missing-label",
    }
)  # fmt: skip


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


def reconcile(
    engine: Engine,
    campaign_id: int,
    report: SiteReport,
    on: date,
    deadline: date,
    only: frozenset[str] | None = None,
) -> Counter[str]:
    """Open items for new failing findings and close those whose problem is gone; counts what changed.

    ``only`` (fingerprints) limits the reconciliation to those items and opens none: a targeted
    re-check saw only the claimed pages, so it can say nothing about the rest of the site.
    """
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
            if only is not None and fingerprint not in only:
                continue
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
            if only is not None and fingerprint not in only:
                continue
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


@dataclass(frozen=True, slots=True)
class Claims:
    """The claimed items of one site, and what a re-check must fetch to judge them."""

    site_url: str
    fingerprints: frozenset[str]
    pages: tuple[str, ...]  # the claimed problems' pages
    whole_site: bool  # a claim about the site (columns, footer, channel …): it must be crawled whole


def claims_by_site(engine: Engine, campaign_id: int) -> list[Claims]:
    """What a re-check must inspect again: per site with claims, its claimed pages or the whole site."""
    query = (
        select(
            sites.c.url.label("site_url"),
            rectification_items.c.fingerprint,
            rectification_items.c.check_name,
            rectification_items.c.url,
        )
        .join(sites, sites.c.id == rectification_items.c.site_id)
        .where(rectification_items.c.campaign_id == campaign_id, rectification_items.c.state == "claimed")
        .order_by(sites.c.url, rectification_items.c.url)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.site_url, []).append(row)
    return [
        Claims(
            site_url=url,
            fingerprints=frozenset(row.fingerprint for row in claimed),
            pages=tuple(dict.fromkeys(row.url for row in claimed)),
            whole_site=any(row.check_name not in PAGE_CHECKS for row in claimed),
        )
        for url, claimed in grouped.items()
    ]


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
