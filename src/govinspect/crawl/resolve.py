"""Name resolution with ``--resolve`` overrides, a cache, and the safety rule applied to every answer."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time

from aiohttp.abc import AbstractResolver, ResolveResult

from govinspect.crawl.safety import AddressPolicy, ForbiddenAddress, IPAddress
from govinspect.settings import ResolveEntry


class DNSFailure(OSError):
    """The name does not resolve."""


class GuardedResolver(AbstractResolver):
    """Resolves host names for the fetcher.

    ``--resolve`` entries answer first (they are hosts the user named). Every
    other answer is filtered through the address policy; when nothing is left
    the lookup fails with :class:`ForbiddenAddress`, so no socket is opened.
    """

    def __init__(
        self, policy: AddressPolicy, overrides: tuple[ResolveEntry, ...] = (), ttl_seconds: float = 300.0
    ) -> None:
        self._policy = policy
        self._overrides = {(e.host, e.port): e.address for e in overrides}
        self._ttl = ttl_seconds
        self._cache: dict[tuple[str, int], tuple[float, list[IPAddress]]] = {}
        self._pending: dict[tuple[str, int], asyncio.Future[list[IPAddress]]] = {}

    async def addresses(self, host: str, port: int) -> list[IPAddress]:
        """The permitted addresses of HOST:PORT; raises DNSFailure or ForbiddenAddress."""
        host = host.lower().rstrip(".")
        key = (host, port)
        override = self._overrides.get(key)
        if override is not None:
            return [ipaddress.ip_address(override)]
        cached = self._cache.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[list[IPAddress]] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            result = await self._lookup(host, port)
            future.set_result(result)
            self._cache[key] = (time.monotonic() + self._ttl, result)
            return result
        except OSError as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved
            raise
        finally:
            del self._pending[key]

    async def _lookup(self, host: str, port: int) -> list[IPAddress]:
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
            found = [literal]
        except ValueError:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
                )
            except (socket.gaierror, UnicodeError) as exc:
                raise DNSFailure(f"cannot resolve {host}: {exc}") from exc
            found = []
            for info in infos:
                address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
                if address not in found:
                    found.append(address)
        permitted = [a for a in found if self._policy.permits(host, a)]
        if not permitted:
            raise ForbiddenAddress(
                f"{host} resolves to {', '.join(map(str, found))}: a non-public address that was not named"
            )
        return permitted

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        addresses = await self.addresses(host, port)
        return [
            ResolveResult(
                hostname=host,
                host=str(a),
                port=port,
                family=socket.AF_INET6 if a.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for a in addresses
        ]

    async def close(self) -> None:
        self._cache.clear()
