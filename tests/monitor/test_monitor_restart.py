"""Restarts neither lose nor double-count: one row per (site, slot), gaps stored as missed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.fixtures.postgres import postgres_cluster, postgres_url
from tests.monitor.homepage_server import HomepageServer

from govinspect.model.site import Site
from govinspect.monitor.schedule import Schedule
from govinspect.monitor.service import Monitor, MonitorOptions, MonitorStats, monitor_settings
from govinspect.monitor.store import to_ms
from govinspect.store.db import open_store
from govinspect.store.schema import availability_probes, sites

__all__ = ["postgres_cluster", "postgres_url"]  # pytest fixtures used by name below

SCHEDULE = Schedule.per_day(24)  # one slot an hour
HOUR = 3600.0


def _inside_every_slot(keys: list[str], base: float) -> float:
    """A moment at which every site's current slot lasts at least 10 more minutes."""
    for step in range(60):  # each site rules out 10 minutes of the hour: a minute that suits all is near
        moment_ms = int(base * 1000) + step * 60_000
        if all(SCHEDULE.slot_start(k, moment_ms) + SCHEDULE.interval_ms - moment_ms >= 600_000 for k in keys):
            return moment_ms / 1000
    raise AssertionError("no moment inside every slot")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.sqlite")


def _run_once(sites: list[Site], db: str, at: float) -> MonitorStats:
    engine = open_store(db)
    options = MonitorOptions(SCHEDULE, monitor_settings(timeout_seconds=2.0), once=True)
    try:
        return asyncio.run(Monitor(sites, engine, options, clock=lambda: at).run(asyncio.Event()))
    finally:
        engine.dispose()


def _slots(db: str) -> list[tuple[str, int, str]]:
    """(site key, slot start in ms, outcome) of every stored row."""
    engine = open_store(db)
    query = (
        select(sites.c.key, availability_probes.c.slot_start, availability_probes.c.outcome)
        .join(sites, sites.c.id == availability_probes.c.site_id)
        .order_by(sites.c.key, availability_probes.c.slot_start)
    )
    try:
        with engine.connect() as conn:
            return [(key, to_ms(slot), outcome) for key, slot, outcome in conn.execute(query)]
    finally:
        engine.dispose()


def test_a_restart_in_the_same_slot_visits_nobody_again_and_a_gap_is_stored_as_missed(
    homepage_server: HomepageServer, store_url: str
) -> None:
    db = store_url
    monitored = [Site(name=p, url=homepage_server.url(p)) for p in ("/ok", "/down")]
    keys = [site.key for site in monitored]
    start = _inside_every_slot(keys, 1_790_000_000.0)

    first = _run_once(monitored, db, start)
    assert (first.ok, first.failed, first.missed) == (1, 1, 0)
    after_first = _slots(db)
    assert [outcome for _, _, outcome in after_first] == ["failed", "ok"]

    again = _run_once(monitored, db, start + 300)  # restarted five minutes later: same slot
    assert (again.visits, again.already_done, again.missed) == (0, 2, 0)
    assert _slots(db) == after_first
    assert [homepage_server.count(p) for p in ("/ok", "/down")] == [1, 1]

    later = _run_once(monitored, db, start + 3 * HOUR)  # down for two whole slots, back in the third
    assert (later.visits, later.missed) == (2, 4)
    rows = _slots(db)
    for key in keys:
        mine = [(slot, outcome) for k, slot, outcome in rows if k == key]
        first_slot = SCHEDULE.slot_start(key, int(start * 1000))
        assert [slot for slot, _ in mine] == [first_slot + n * SCHEDULE.interval_ms for n in range(4)]
        assert [outcome for _, outcome in mine][1:3] == ["missed", "missed"]
    assert [homepage_server.count(p) for p in ("/ok", "/down")] == [2, 2]
