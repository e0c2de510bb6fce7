"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Integer
from sqlalchemy.types import TypeDecorator

# Row ids of the tables that grow with every crawl: 64-bit on PostgreSQL (ids are never reused after
# retention deletes rows), INTEGER PRIMARY KEY on SQLite (its auto-numbering needs exactly that type).
RowId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in time, stored in UTC and read back with its offset.

    SQLite keeps no offset: a plain ``DateTime(timezone=True)`` comes back
    naive there, and a report would show UTC as local time (8 hours early in
    China). PostgreSQL keeps it; both now agree.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored unambiguously: {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
