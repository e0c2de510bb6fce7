"""Parsing fetched pages on the machine's other cores.

Parsing HTML is the largest CPU cost of a crawl. The event loop keeps the
network busy while a worker process decodes, parses and packs each page; on a
one-core machine the work is done in the loop itself.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import NamedTuple

from govinspect.crawl.fetch import Hop
from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.notfound import says_not_found
from govinspect.store.pagecodec import page_to_blob
from govinspect.store.warc import RenderedRecord, render_response


class FollowLink(NamedTuple):
    """A link as the crawler follows it (a tuple: cheap to send back from the worker process)."""

    url: str
    tag: str
    rel: str
    pagination: bool


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """What the crawler needs of a parsed page: the stored form and the links to follow."""

    url: str
    blob: bytes  # model.Page, packed for the store
    title: str
    text_length: int
    says_not_found: bool
    links: tuple[FollowLink, ...]
    records: tuple[RenderedRecord, ...]  # the WARC records of the fetch's hops, rendered alongside


def parse_response(url: str, body: bytes, content_type: str | None, hops: tuple[Hop, ...] = ()) -> ParsedPage:
    """Decode and parse one HTML response, and render its WARC records (runs in a worker process).

    A last hop with an empty body and no ``Content-Encoding`` stands for ``body`` itself (it is not
    sent to the worker twice).
    """
    if hops and not hops[-1].raw_body and body and not _encoded(hops[-1]):
        hops = (*hops[:-1], replace(hops[-1], raw_body=body))
    text, encoding = decode_html(body, content_type)
    page = parse_html(url, text, encoding)
    return ParsedPage(
        url=url,
        blob=page_to_blob(page),
        title=page.title,
        text_length=len(page.text),
        says_not_found=says_not_found(page.title, page.text),
        links=tuple(FollowLink(link.url, link.tag, link.rel, link.pagination) for link in page.links),
        records=tuple(render_response(hop) for hop in hops),
    )


def _encoded(hop: Hop) -> bool:
    return any(key.lower() == "content-encoding" for key, _ in hop.headers)


def without_repeated_body(body: bytes, hops: tuple[Hop, ...]) -> tuple[Hop, ...]:
    """The hops to send to a worker: the last one's body dropped when it is ``body`` itself."""
    if hops and hops[-1].raw_body is body and body:
        return (*hops[:-1], replace(hops[-1], raw_body=b""))
    return hops


def _end_with_parent(parent: int) -> None:
    """Worker start-up: exit when the inspecting process dies, even by ``kill -9``.

    A worker holds both ends of its task queue, so it would never see the parent go and would
    linger forever, holding the parent's terminal or pipes open. A daemon thread checks once a
    second whether the parent is still there.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def default_workers() -> int:
    """One worker per core beyond the one the event loop uses."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class PageParser:
    """Parses pages in worker processes (or inline when ``workers`` is 0)."""

    def __init__(self, workers: int | None = None) -> None:
        count = default_workers() if workers is None else workers
        self._pool: Executor | None = None
        if count > 0:
            self._pool = ProcessPoolExecutor(
                count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_parent,
                initargs=(os.getpid(),),
            )
            # start the workers now, so their start-up overlaps the first fetches
            for _ in range(count):
                self._pool.submit(parse_response, "http://localhost/", b"", None)

    async def parse(
        self, url: str, body: bytes, content_type: str | None, hops: tuple[Hop, ...] = ()
    ) -> ParsedPage:
        if self._pool is None:
            return parse_response(url, body, content_type, hops)
        sent = without_repeated_body(body, hops)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, parse_response, url, body, content_type, sent)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
