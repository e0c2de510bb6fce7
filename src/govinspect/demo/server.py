"""A loopback web server for the demo estate: every site by its Host header.

The server knows nothing about any particular site: it reads the estate's
``server.json`` and answers each request as
:func:`~govinspect.demo.routes.decide` says (files, status codes, redirects,
soft-404 pages, HEAD 405, query-addressed pages, lying charsets).

The port must be known before the estate is generated, since the pages hold
absolute URLs with it. Bind a socket first, then generate, then serve on that
very socket, so that no other process can take the port in between::

    sock = bind_free_port()
    estate = generate_estate(folder, port=sock.getsockname()[1], as_of=date(2026, 11, 20))
    async with EstateServer(estate, sock=sock) as server:
        ...
"""

from __future__ import annotations

import socket
from types import TracebackType

from aiohttp import web

from govinspect.demo.estate import Estate
from govinspect.demo.routes import ServingPlan, decide

__all__ = ["EstateServer", "bind_free_port"]


def bind_free_port(host: str = "127.0.0.1") -> socket.socket:
    """A TCP socket bound to a free port of ``host``; its port is ``sock.getsockname()[1]``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, 0))
    except OSError:
        sock.close()
        raise
    return sock


class EstateServer:
    """Serves a generated estate on loopback (aiohttp). Use ``async with``, or ``start()`` and ``stop()``.

    With ``sock`` (from :func:`bind_free_port`) it serves on that socket;
    without, it binds ``host`` on the estate's port.
    """

    def __init__(self, estate: Estate, host: str = "127.0.0.1", *, sock: socket.socket | None = None) -> None:
        self._root = estate.root
        self._host = host
        self._port = estate.port
        self._sock = sock
        self._plan = ServingPlan.read(estate.root)
        self._cache: dict[str, bytes] = {}
        self._runner: web.AppRunner | None = None

    @property
    def port(self) -> int:
        return self._port

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site: web.BaseSite
        if self._sock is not None:
            site = web.SockSite(self._runner, self._sock)
        else:
            site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> EstateServer:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = request.headers.get("Host", "").rsplit(":", 1)[0].lower().rstrip(".")
        answer = decide(self._plan, host, request.method, request.raw_path, self._exists)
        body = self._read(answer.file) if answer.file is not None else answer.body.encode("utf-8")
        response = web.Response(status=answer.status, body=body)
        for name, value in answer.headers:
            response.headers[name] = value
        return response

    def _exists(self, relative: str) -> bool:
        return relative in self._cache or (self._root / relative).is_file()

    def _read(self, relative: str) -> bytes:
        body = self._cache.get(relative)
        if body is None:
            body = (self._root / relative).read_bytes()
            self._cache[relative] = body
        return body
