"""How hard govinspect may press a server: per-host and per-address concurrency and pauses."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Gate:
    """At most ``limit`` requests in flight, and at least ``delay`` seconds between two starts."""

    def __init__(self, limit: int, delay_seconds: float) -> None:
        self._semaphore = asyncio.Semaphore(max(1, limit))
        self.delay_seconds = delay_seconds
        self._next_start = 0.0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._semaphore:
            wait = self._next_start - time.monotonic()
            self._next_start = max(self._next_start, time.monotonic()) + self.delay_seconds
            if wait > 0:
                await asyncio.sleep(wait)
            yield

    def pause(self, seconds: float) -> None:
        """Hold every further request for ``seconds`` (after 429 or 503)."""
        self._next_start = max(self._next_start, time.monotonic() + seconds)

    def slow_down(self, ceiling_seconds: float = 10.0) -> None:
        """The server pushes back: double the pause between requests, up to a ceiling."""
        self.delay_seconds = min(ceiling_seconds, max(0.5, self.delay_seconds * 2))


class Politeness:
    """The gates of every host and every server address seen in one run."""

    def __init__(self, per_host: int, per_ip: int, delay_seconds: float) -> None:
        self._per_host = per_host
        self._per_ip = per_ip
        self._delay = delay_seconds
        self._hosts: dict[str, Gate] = {}
        self._addresses: dict[str, Gate] = {}

    def host(self, host: str) -> Gate:
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = Gate(self._per_host, self._delay)
        return gate

    def address(self, address: str) -> Gate:
        gate = self._addresses.get(address)
        if gate is None:
            gate = self._addresses[address] = Gate(self._per_ip, 0.0)
        return gate

    def set_min_delay(self, host: str, seconds: float) -> None:
        gate = self.host(host)
        gate.delay_seconds = max(gate.delay_seconds, seconds)
