"""Serving the demo estate from a background thread, and the crawl settings that suit it on loopback."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socket import socket

from govinspect.demo.estate import Estate
from govinspect.demo.server import EstateServer
from govinspect.settings import CrawlSettings, ResolveEntry


def demo_settings(estate: Estate) -> CrawlSettings:
    """Politeness knobs raised for loopback, and every host of the estate resolved to it."""
    return CrawlSettings(
        timeout_seconds=5.0,
        concurrency=32,
        per_host=8,
        per_ip=32,
        delay_seconds=0.0,
        retries=1,
        retry_backoff_seconds=0.2,
        resolve=tuple(ResolveEntry.parse(entry) for entry in estate.resolve),
    )


@contextmanager
def serve_in_background(estate: Estate, sock: socket | None = None) -> Iterator[EstateServer]:
    """Serve ``estate`` on loopback (on ``sock`` when given) until the block ends."""
    loop = asyncio.new_event_loop()
    server = EstateServer(estate, sock=sock)
    loop.run_until_complete(server.start())
    thread = threading.Thread(target=loop.run_forever, name="demo-estate-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()
