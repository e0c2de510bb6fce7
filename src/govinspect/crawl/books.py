"""What one run learns once and shares across every site: link checks and not-found probes.

A link to the same provincial platform from 300 county sites is checked once
per run, not 300 times; the row is copied into each crawl and still points at
the WARC record where the answer was archived.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Row = dict[str, Any]


class SharedBook:
    """URL (or origin) → the stored row of its one check in this run."""

    def __init__(self) -> None:
        self._rows: dict[str, Row] = {}
        self._pending: dict[str, asyncio.Future[Row]] = {}

    async def get(self, key: str, compute: Callable[[], Awaitable[Row]]) -> tuple[Row, bool]:
        """The row for ``key`` and whether this call computed it (and so archived it)."""
        row = self._rows.get(key)
        if row is not None:
            return row, False
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending), False
        future: asyncio.Future[Row] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            row = await compute()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()
            raise
        finally:
            self._pending.pop(key, None)
        self._rows[key] = row
        future.set_result(row)
        return row, True
