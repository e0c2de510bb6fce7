"""The columns each crawl saw, kept so the next crawl of the site can tell what changed.

A snapshot is one ``column_items`` row per item of each column (a column listing nothing keeps
one row without an item, so its disappearance can be seen too). An item keeps the crawl that
first listed it — and that crawl's day — from one snapshot to the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, exists, insert, select

from govinspect.model.history import PreviousItem
from govinspect.parse.columns import Column
from govinspect.store.schema import column_items, crawls


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The column items of one earlier crawl: items by URL, columns (URL → name), the crawl's day."""

    crawl_id: int
    crawled_on: date
    items: dict[str, PreviousItem]
    columns: dict[str, str]


def _crawl_day(conn: Connection, crawl_id: int) -> date:
    started: datetime = conn.execute(select(crawls.c.started_at).where(crawls.c.id == crawl_id)).scalar_one()
    return started.astimezone().date()  # the day where the inspector is (China: UTC+8)


def _latest_snapshot_id(conn: Connection, site_id: int, before_crawl: int) -> int | None:
    has_items = exists().where(column_items.c.crawl_id == crawls.c.id)
    found = conn.execute(
        select(crawls.c.id)
        .where(
            and_(
                crawls.c.site_id == site_id,
                crawls.c.id < before_crawl,
                crawls.c.state == "finished",
                has_items,
            )
        )
        .order_by(crawls.c.id.desc())
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


def _read_snapshot(conn: Connection, crawl_id: int) -> Snapshot:
    rows = conn.execute(
        select(column_items).where(column_items.c.crawl_id == crawl_id).order_by(column_items.c.id)
    ).all()
    items: dict[str, PreviousItem] = {}
    columns: dict[str, str] = {}
    for row in rows:
        columns.setdefault(row.column_url, row.column_name)
        if row.item_url is not None and row.item_url not in items:
            items[row.item_url] = PreviousItem(
                row.column_url, row.title, row.displayed_date, row.first_seen_on
            )
    return Snapshot(crawl_id, _crawl_day(conn, crawl_id), items, columns)


def load_previous_snapshot(engine: Engine, crawl_id: int) -> Snapshot | None:
    """The snapshot of the latest finished crawl of the same site before ``crawl_id`` that has one."""
    with engine.connect() as conn:
        site_id = conn.execute(select(crawls.c.site_id).where(crawls.c.id == crawl_id)).scalar_one()
        previous = _latest_snapshot_id(conn, int(site_id), crawl_id)
        return None if previous is None else _read_snapshot(conn, previous)


def _seen(first: tuple[int, date]) -> dict[str, Any]:
    return {"first_seen_crawl_id": first[0], "first_seen_on": first[1]}


def store_column_snapshot(engine: Engine, crawl_id: int, site_id: int, columns: Iterable[Column]) -> int:
    """Keep the columns a crawl saw (replacing an earlier snapshot of the same crawl); returns the rows.

    An item listed by the previous snapshot keeps the crawl and day that first listed it; any other
    item is first seen by this crawl.
    """
    with engine.begin() as conn:
        previous_id = _latest_snapshot_id(conn, site_id, crawl_id)
        first_seen: dict[str, tuple[int, date]] = {}
        if previous_id is not None:
            for row in conn.execute(
                select(
                    column_items.c.item_url, column_items.c.first_seen_crawl_id, column_items.c.first_seen_on
                ).where(and_(column_items.c.crawl_id == previous_id, column_items.c.item_url.is_not(None)))
            ):
                first_seen.setdefault(row.item_url, (row.first_seen_crawl_id, row.first_seen_on))
        today = (crawl_id, _crawl_day(conn, crawl_id))
        rows: list[dict[str, Any]] = []
        for column in columns:
            where = {
                "crawl_id": crawl_id,
                "site_id": site_id,
                "column_url": column.url,
                "column_name": column.name,
            }
            if not column.items:
                rows.append(where | {"item_url": None, "title": "", "displayed_date": None} | _seen(today))
            for item in column.items:
                seen = _seen(first_seen.get(item.url, today))
                rows.append(
                    where | {"item_url": item.url, "title": item.title, "displayed_date": item.date} | seen
                )
        conn.execute(delete(column_items).where(column_items.c.crawl_id == crawl_id))
        if rows:
            conn.execute(insert(column_items), rows)
    return len(rows)
