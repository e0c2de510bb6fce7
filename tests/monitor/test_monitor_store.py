"""The probe table: the migration matches schema.py, one row per slot, a window read back exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from tests.fixtures.postgres import postgres_cluster, postgres_url

from govinspect.model.availability import BEIJING
from govinspect.model.site import Site
from govinspect.monitor.probe import Visit
from govinspect.monitor.store import SlotRow, load_probe_window, register_sites, store_slots, to_ms
from govinspect.store.db import open_store
from govinspect.store.schema import metadata

__all__ = ["postgres_cluster", "postgres_url"]  # pytest fixtures used by name below


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.sqlite")


def test_upgrade_head_gives_exactly_the_tables_of_schema_py(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "fresh.sqlite"))
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []
        unique = inspect(conn).get_unique_constraints("availability_probes")
    assert {"name": "uq_availability_probes_site_slot", "column_names": ["site_id", "slot_start"]} in [
        {"name": u["name"], "column_names": u["column_names"]} for u in unique
    ]


def _visit(started: datetime, status: int) -> Visit:
    return Visit(
        url="http://www.tjs.gov.cn/",
        started_at=started,
        elapsed_ms=120,
        outcome="ok" if status < 400 else "failed",
        status=status,
        error=None if status < 400 else "http",
        error_detail="" if status < 400 else f"HTTP {status}",
        final_url="http://www.tjs.gov.cn/index.html",
    )


def test_a_slot_is_stored_once_and_the_window_is_read_in_beijing_days(store_url: str) -> None:
    engine = open_store(store_url)
    site = Site(name="天津市测试区人民政府", url="http://www.tjs.gov.cn/")
    site_id = register_sites(engine, [site])[site.key]
    # 2026-11-13 23:30 and 2026-11-14 00:30 Beijing time: either side of the 7-day window's start
    edge = datetime(2026, 11, 14, tzinfo=BEIJING)
    moments = [
        edge - timedelta(minutes=30),
        edge + timedelta(minutes=30),
        edge + timedelta(days=7, minutes=-1),
    ]
    rows = [SlotRow(site_id, to_ms(m), 3600.0, site.url, _visit(m.astimezone(UTC), 200)) for m in moments]
    missed = SlotRow(site_id, to_ms(edge + timedelta(hours=2)), 3600.0, site.url, None)
    assert store_slots(engine, [*rows, missed]) == 4
    late = SlotRow(site_id, to_ms(moments[1]), 3600.0, site.url, _visit(moments[1].astimezone(UTC), 503))
    assert store_slots(engine, [late]) == 0  # the slot already has its visit: kept, not replaced

    window = load_probe_window(engine, site.key, date(2026, 11, 20), 7)
    assert [p.slot_start for p in window] == [moments[1], edge + timedelta(hours=2), moments[2]]
    assert all(p.slot_start.tzinfo is not None for p in window)
    assert [p.outcome for p in window] == ["ok", "missed", "ok"]
    assert window[0].status == 200 and window[0].started_at == moments[1]
    assert window[1].started_at is None and window[1].elapsed_ms is None
    assert load_probe_window(engine, "other.gov.cn", date(2026, 11, 20), 7) == ()
    assert len(load_probe_window(engine, site.key, date(2026, 11, 13), 1)) == 1
