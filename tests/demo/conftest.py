"""Fixtures for the demo estate tests: one generated estate per module, served on loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from govinspect.demo import Estate, EstateServer, bind_free_port, generate_estate

AS_OF = date(2026, 11, 20)


class EstateResolver(AbstractResolver):
    """Answers the estate's ``HOST:PORT:ADDR`` entries; asks the system for any other name."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self._entries = {}
        for entry in entries:
            host, port, address = entry.rsplit(":", 2)
            self._entries[(host, int(port))] = address
        self._system = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = self._entries.get((host, port))
        if address is None:
            return await self._system.resolve(host, port, family)
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": 0,
            }
        ]

    async def close(self) -> None:
        await self._system.close()


def estate_session(estate: Estate, **options: Any) -> aiohttp.ClientSession:
    """An HTTP client that reaches the estate's hosts as a crawler given ``--resolve`` would."""
    connector = aiohttp.TCPConnector(resolver=EstateResolver(estate.resolve), limit=32)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=10), **options)


@pytest.fixture
def open_client() -> Callable[..., aiohttp.ClientSession]:
    """``open_client(estate)``: an aiohttp session that resolves the estate's hosts to loopback."""
    return estate_session


@pytest.fixture
def as_of() -> date:
    return AS_OF


def generate(folder: Path) -> tuple[Estate, socket.socket]:
    sock = bind_free_port()
    return generate_estate(folder, port=sock.getsockname()[1], as_of=AS_OF), sock


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Estate]:
    """A generated estate (not served)."""
    generated, sock = generate(tmp_path_factory.mktemp("estate"))
    sock.close()
    yield generated


@pytest.fixture(scope="module")
def served_estate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Estate]:
    """A generated estate served by an EstateServer running in a background thread for the whole module."""
    generated, sock = generate(tmp_path_factory.mktemp("served"))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = EstateServer(generated, sock=sock)
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(timeout=10)
    try:
        yield generated
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
