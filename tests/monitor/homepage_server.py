"""The homepages the monitor tests visit (served on loopback by the ``homepage_server`` fixture).

Paths: ``/ok`` answers at once, ``/slow?s=SECONDS`` answers after SECONDS (5 by default),
``/down`` answers 503, ``/away?to=URL`` redirects to URL, anything else 404. Every request is
logged with its path and time, so a test can assert how many visits the server really received.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field

from aiohttp import web

PAGE = (
    "<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>测试市人民政府</title><p>首页</p></html>"
)


@dataclass
class HomepageServer:
    port: int = 0
    hits: list[tuple[str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for hit, _ in self.hits if hit == path)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        with self.lock:
            self.hits.append((request.path, time.monotonic()))
        if request.path.startswith("/slow"):
            await asyncio.sleep(float(request.query.get("s", "5")))
            return web.Response(text=PAGE, content_type="text/html")
        if request.path.startswith("/ok"):
            return web.Response(text=PAGE, content_type="text/html")
        if request.path.startswith("/away"):
            raise web.HTTPFound(request.query["to"])
        if request.path.startswith("/down"):
            return web.Response(status=503, text="Service Unavailable")
        return web.Response(status=404, text="not found")
