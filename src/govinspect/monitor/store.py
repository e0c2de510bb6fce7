"""Availability probes in the store: one row per (site, slot), written once, read back by window.

The unique (site, slot) constraint is what makes restarts safe: a slot that already has a row is
never visited again, and a row offered twice (two monitors, a retried write) is kept once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Insert, RowMapping, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from govinspect.model.availability import AvailabilityProbe, ProbeOutcome, window_bounds
from govinspect.model.site import Site
from govinspect.monitor.probe import Visit
from govinspect.store.crawls import upsert_site
from govinspect.store.schema import availability_probes, sites


@dataclass(frozen=True, slots=True)
class SlotRow:
    """A row to store: the visit made in a slot, or ``visit=None`` for a missed slot."""

    site_id: int
    slot_start_ms: int
    slot_seconds: float
    url: str
    visit: Visit | None


def to_datetime(moment_ms: int) -> datetime:
    return datetime.fromtimestamp(moment_ms / 1000, UTC)


def to_ms(moment: datetime) -> int:
    return round(_aware(moment).timestamp() * 1000)


def _aware(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without their time zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def register_sites(engine: Engine, monitored: Sequence[Site]) -> dict[str, int]:
    """The store's id of every site, by site key (a new site is added to ``sites``)."""
    return {site.key: upsert_site(engine, site) for site in monitored}


def latest_slots(engine: Engine, site_ids: Iterable[int]) -> dict[int, int]:
    """Start (ms) of the latest stored slot of each site that has one."""
    wanted = list(site_ids)
    found: dict[int, int] = {}
    with engine.connect() as conn:
        for chunk in range(0, len(wanted), 500):
            rows = conn.execute(
                select(availability_probes.c.site_id, func.max(availability_probes.c.slot_start))
                .where(availability_probes.c.site_id.in_(wanted[chunk : chunk + 500]))
                .group_by(availability_probes.c.site_id)
            )
            found.update({int(site_id): to_ms(latest) for site_id, latest in rows})
    return found


def _row(slot: SlotRow) -> dict[str, Any]:
    visit = slot.visit
    outcome: ProbeOutcome = "missed" if visit is None else visit.outcome
    return {
        "site_id": slot.site_id,
        "slot_start": to_datetime(slot.slot_start_ms),
        "slot_seconds": slot.slot_seconds,
        "url": slot.url,
        "outcome": outcome,
        "started_at": visit.started_at if visit else None,
        "elapsed_ms": visit.elapsed_ms if visit else None,
        "status": visit.status if visit else None,
        "error": visit.error if visit else None,
        "error_detail": visit.error_detail if visit else "",
        "final_url": visit.final_url if visit else None,
    }


def _insert_new(conn: Connection) -> Insert:
    """INSERT that keeps the row already stored for a (site, slot), on SQLite and PostgreSQL."""
    if conn.dialect.name == "sqlite":
        return sqlite.insert(availability_probes).on_conflict_do_nothing(
            index_elements=["site_id", "slot_start"]
        )
    if conn.dialect.name == "postgresql":
        return postgresql.insert(availability_probes).on_conflict_do_nothing(
            constraint="uq_availability_probes_site_slot"
        )
    return insert(availability_probes)


def store_slots(engine: Engine, slots: Sequence[SlotRow]) -> int:
    """Store the rows in one transaction; returns how many were new (a slot already stored is kept)."""
    if not slots:
        return 0
    added = 0
    with engine.begin() as conn:
        statement = _insert_new(conn).returning(availability_probes.c.id)
        for slot in slots:
            added += len(conn.execute(statement, _row(slot)).all())
    return added


def load_probe_window(engine: Engine, site_key: str, as_of: date, days: int) -> tuple[AvailabilityProbe, ...]:
    """The stored slots of a site in the ``days`` Beijing-time days ending with ``as_of``, oldest first."""
    start, end = window_bounds(as_of, days)
    query = (
        select(availability_probes)
        .join(sites, sites.c.id == availability_probes.c.site_id)
        .where(
            sites.c.key == site_key,
            availability_probes.c.slot_start >= start.astimezone(UTC),
            availability_probes.c.slot_start < end.astimezone(UTC),
        )
        .order_by(availability_probes.c.slot_start)
    )
    with engine.connect() as conn:
        return tuple(_probe(row) for row in conn.execute(query).mappings())


def _probe(row: RowMapping) -> AvailabilityProbe:
    return AvailabilityProbe(
        slot_start=_aware(row["slot_start"]),
        outcome=row["outcome"],
        started_at=_aware(row["started_at"]) if row["started_at"] is not None else None,
        elapsed_ms=row["elapsed_ms"],
        status=row["status"],
        error=row["error"],
        error_detail=row["error_detail"],
    )
