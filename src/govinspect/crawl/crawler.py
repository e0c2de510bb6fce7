"""Crawling one site: the frontier, page fetches, link checks, soft-404 probes, archive and store.

Pages of the site (its hosts, either scheme) are fetched with GET, parsed and
followed. Every other link target — attachments, images, scripts, styles,
external sites, pages past the depth or page budget — is checked once per run:
HEAD first for files, falling back to GET when HEAD is refused, GET for pages.
The site's own documents (PDF, Word, Excel, CSV, text) are downloaded whole, up
to ``max_attachment_bytes``, and archived so the checks can read them.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from govinspect.crawl.books import Row, SharedBook
from govinspect.crawl.fetch import Fetcher, FetchResult
from govinspect.crawl.parsing import FollowLink, PageParser
from govinspect.crawl.robots import RobotsBook
from govinspect.crawl.traps import TrapGuard
from govinspect.crawl.urls import Scope, normalize_url, origin
from govinspect.model.crawl import Role
from govinspect.model.site import Site
from govinspect.parse.sniff import guess_kind_from_url, is_readable_document, sniff_kind
from govinspect.store.crawls import CrawlHandle, CrawlWriter, finish_crawl
from govinspect.store.warc import RenderedRecord, WarcArchive, render_response

TARGET_PAGE_BYTES = 256 * 1024  # enough of a linked page to read its title and see a "not found" text
TARGET_FILE_BYTES = 64 * 1024  # a GET that only proves a file downloads
_FOLLOWED_TAGS = frozenset({"a", "area", "iframe", "frame", "meta"})
_RESOURCE_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "manifest"})

ProgressCallback = Callable[["CrawlStats"], None]


@dataclass
class CrawlStats:
    site_key: str
    pages: int = 0
    targets: int = 0
    errors: int = 0
    queued: int = 0
    started: float = 0.0

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.pages + self.targets) / elapsed if elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RunBooks:
    """Shared by every site crawl of one run."""

    fetcher: Fetcher
    robots: RobotsBook
    parser: PageParser
    targets: SharedBook
    probes: SharedBook


def _is_resource_link(tag: str, rel: str) -> bool:
    if tag != "link":
        return True
    return any(part in _RESOURCE_RELS for part in rel.lower().split())


class SiteCrawl:
    """Runs (or resumes) the crawl of one site and stores everything it sees."""

    def __init__(
        self,
        site: Site,
        handle: CrawlHandle,
        engine: Engine,
        books: RunBooks,
        as_of: date,
        on_progress: ProgressCallback | None = None,
        extra_seeds: tuple[str, ...] = (),
    ) -> None:
        self.site = site
        self.extra_seeds = extra_seeds  # pages to fetch besides the homepage (a re-check's claimed pages)
        self.handle = handle
        self.books = books
        self.settings = books.fetcher.settings
        self.scope = Scope.of(site)
        self.archive = WarcArchive(handle.warc_path, handle.warc_committed_bytes)
        self.writer = CrawlWriter(engine, handle.crawl_id, self.archive)
        self.engine = engine
        self.traps = TrapGuard(self.settings, as_of)
        self.known: set[str] = set(handle.known)
        self.stored_pages: set[str] = set(handle.stored_pages)
        self.probed: set[str] = set(handle.probed_origins)
        # shallow pages first (a list page's next page keeps its depth, so pagination chains go first),
        # then the links to check; the sequence number keeps discovery order within a level
        self.queue: asyncio.PriorityQueue[tuple[int, int, int, str, Role]] = asyncio.PriorityQueue()
        self._sequence = 0
        self.stats = CrawlStats(site.key, pages=handle.pages_done, started=time.monotonic())
        self.on_progress = on_progress
        self.budget_hit = False
        self.page_fetches = handle.pages_done  # page fetches started: the page budget counts these

    async def run(self) -> str:
        """Crawl until the frontier is empty or a budget runs out; returns ``stopped_by``."""
        seed = normalize_url(self.site.url)
        if seed is None:
            raise ValueError(f"not an http(s) URL: {self.site.url}")
        if not self.handle.resumed or seed not in self.handle.known:  # killed before its first batch was kept
            self._enqueue(seed, 0, "page")
        for extra in self.extra_seeds:
            page = normalize_url(extra)
            if page is not None and page not in self.known and self.scope.contains(page):
                self._enqueue(page, 0, "page")
        for url, depth, role in self.handle.pending:
            self._put(url, depth, role)
        workers = [asyncio.create_task(self._worker()) for _ in range(max(1, self.settings.concurrency))]
        stopped_by = "complete"
        try:
            await asyncio.wait_for(self.queue.join(), timeout=self.settings.time_budget_seconds)
        except TimeoutError:
            stopped_by = "time-budget"
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            try:
                self.writer.close()
            finally:
                self.archive.close()
        if stopped_by == "complete" and self.budget_hit:
            stopped_by = "max-pages"
        notes = [f"declined {count} URLs: {reason}" for reason, count in sorted(self.traps.declined.items())]
        finish_crawl(self.engine, self.handle.crawl_id, stopped_by, notes)
        return stopped_by

    async def _worker(self) -> None:
        while True:
            depth, _, _, url, role = await self.queue.get()
            try:
                if role == "page" and not self._page_budget_left():
                    self.budget_hit = True
                    role = "target"
                if role == "page":
                    self.page_fetches += 1
                    await self._page(url, depth)
                else:
                    await self._target(url)
                self.writer.mark_done(url)
                self.writer.maybe_flush()
            finally:
                self.queue.task_done()
                self.stats.queued = self.queue.qsize()
                if self.on_progress is not None:
                    self.on_progress(self.stats)

    def _page_budget_left(self) -> bool:
        return self.settings.max_pages is None or self.page_fetches < self.settings.max_pages

    def _enqueue(self, url: str, depth: int, role: Role) -> None:
        self.known.add(url)
        self.writer.add_frontier(url, depth, role)
        self._put(url, depth, role)

    def _put(self, url: str, depth: int, role: Role) -> None:
        self._sequence += 1
        self.queue.put_nowait((depth, 0 if role == "page" else 1, self._sequence, url, role))

    # -- pages -----------------------------------------------------------------------------------

    async def _page(self, url: str, depth: int) -> None:
        if not await self.books.robots.allows(url, self._archive):
            self._store_refusal(url, "page", "robots", "robots.txt disallows this URL")
            return
        await self._probe_origin(url)
        result = await self.books.fetcher.fetch(url)
        kind = _sniff(result)
        final = result.final_url
        if not (
            result.ok and kind == "html" and self.scope.contains(final) and final not in self.stored_pages
        ):
            if result.error is not None or (result.status or 0) >= 400:
                self.stats.errors += 1
            self.writer.add_fetch(self._row(result, "page", self._archive(result), kind))
            return
        parsed = await self.books.parser.parse(final, result.body, result.content_type, result.hops)
        row = self._row(result, "page", self._append(parsed.records), kind)
        row.update(title=parsed.title, text_length=parsed.text_length, says_not_found=parsed.says_not_found)
        self.writer.add_fetch(row)
        if final in self.stored_pages:  # another worker stored it meanwhile
            return
        self.stored_pages.add(final)
        self.writer.add_page(final, depth, row["record_id"], parsed.blob)
        self.stats.pages += 1
        self._follow(parsed.links, depth)
        if final != url and final not in self.known:
            self.known.add(final)  # the redirect's landing page has the same answer
            self.writer.add_frontier(final, depth, "page")
            self.writer.mark_done(final)
            self.writer.add_fetch(row | {"url": final, "redirects": []})

    def _follow(self, links: tuple[FollowLink, ...], depth: int) -> None:
        settings = self.settings
        for link in links:
            if link.tag == "form" or not _is_resource_link(link.tag, link.rel):
                continue
            target = normalize_url(link.url)
            if target is None or target in self.known:
                continue
            in_scope = self.scope.contains(target)
            if not in_scope and not settings.check_external:
                continue
            if in_scope and link.tag in _FOLLOWED_TAGS and guess_kind_from_url(target) == "page":
                next_depth = depth if link.pagination else depth + 1
                if not self.traps.admit(target, pagination=link.pagination):
                    continue
                role: Role = "page" if next_depth <= settings.max_depth else "target"
                self._enqueue(target, next_depth, role)
            else:
                self._enqueue(target, depth + 1, "target")

    # -- link targets ----------------------------------------------------------------------------

    async def _target(self, url: str) -> None:
        row, _ = await self.books.targets.get(url, lambda: self._check_target(url))
        self.writer.add_fetch(row | {"role": "target"})
        self.stats.targets += 1
        if row["error"] is not None or (row["status"] or 0) >= 400:
            self.stats.errors += 1

    async def _check_target(self, url: str) -> Row:
        if not await self.books.robots.allows(url, self._archive):
            return self._refusal_row(url, "target", "robots", "robots.txt disallows this URL")
        fetcher = self.books.fetcher
        if guess_kind_from_url(url) == "page":
            await self._probe_origin(url)
            result = await fetcher.fetch(url, max_bytes=TARGET_PAGE_BYTES)
            return await self._target_row(result, [result])
        keep_whole = self.settings.max_attachment_bytes > 0 and self.scope.contains(url)
        if keep_whole and is_readable_document(url, None):
            whole = await fetcher.fetch(url, max_bytes=self.settings.max_attachment_bytes)
            return await self._target_row(whole, [whole])
        head = await fetcher.fetch(url, method="HEAD")
        if head.error in (None, "protocol") and (head.status is None or head.status >= 400):
            get = await fetcher.fetch(url, max_bytes=TARGET_FILE_BYTES)
            return await self._target_row(get, [head, get])
        if keep_whole and head.ok and is_readable_document(head.final_url, head.content_type):
            whole = await fetcher.fetch(url, max_bytes=self.settings.max_attachment_bytes)
            return await self._target_row(whole, [head, whole])
        return await self._target_row(head, [head])

    async def _target_row(self, result: FetchResult, archived: list[FetchResult]) -> Row:
        record = None
        for fetched in archived:
            record = self._archive(fetched) or record
        if result.error == "too-large":  # only part of a linked file was read, on purpose
            result = _without_error(result)
        row = self._row(result, "target", record, _sniff(result))
        if row["kind"] == "html" and result.status is not None and result.status < 400:
            parsed = await self.books.parser.parse(result.final_url, result.body, result.content_type)
            row.update(
                title=parsed.title, text_length=parsed.text_length, says_not_found=parsed.says_not_found
            )
        return row

    # -- soft-404 probes -------------------------------------------------------------------------

    async def _probe_origin(self, url: str) -> None:
        if not self.settings.soft404_probe:
            return
        key = origin(url)
        if key in self.probed:
            return
        self.probed.add(key)
        row, _ = await self.books.probes.get(key, lambda: self._probe(key))
        self.writer.add_probe({k: v for k, v in row.items() if k != "warc_path"})

    async def _probe(self, key: str) -> Row:
        probe_url = f"{key}/govinspect-{secrets.token_hex(6)}-does-not-exist.html"
        result = await self.books.fetcher.fetch(probe_url, max_bytes=TARGET_PAGE_BYTES)
        record = self._archive(result)
        title, length = None, None
        if (
            result.status == 200
            and sniff_kind(result.final_url, result.content_type, result.body[:512]) == "html"
        ):
            parsed = await self.books.parser.parse(result.final_url, result.body, result.content_type)
            title, length = parsed.title, parsed.text_length
        return {
            "origin": key,
            "probe_url": probe_url,
            "status": result.status,
            "final_url": result.final_url,
            "title": title,
            "text_length": length,
            "record_id": record[0] if record else None,
        }

    # -- storing ---------------------------------------------------------------------------------

    def _archive(self, result: FetchResult) -> tuple[str, int, int] | None:
        """Write every hop of a fetch to the WARC; the last record is the answer's evidence."""
        return self._append(tuple(render_response(hop) for hop in result.hops))

    def _append(self, records: tuple[RenderedRecord, ...]) -> tuple[str, int, int] | None:
        ref = None
        for rendered in records:
            ref = self.archive.append(rendered)
        return (ref.record_id, ref.offset, ref.length) if ref else None

    def _row(
        self, result: FetchResult, role: Role, record: tuple[str, int, int] | None, kind: str | None
    ) -> Row:
        return {
            "url": result.url,
            "role": role,
            "method": result.method,
            "final_url": result.final_url,
            "status": result.status,
            "error": result.error,
            "error_detail": result.error_detail[:500],
            "content_type": result.content_type,
            "kind": kind,
            "redirects": [[h.url, h.status] for h in result.hops[:-1]],
            "title": None,
            "text_length": None,
            "says_not_found": False,
            "elapsed_ms": int(result.elapsed_seconds * 1000),
            "attempts": result.attempts,
            "fetched_at": datetime.now(UTC),
            "warc_path": str(self.archive.path) if record else None,
            "record_id": record[0] if record else None,
            "warc_offset": record[1] if record else None,
            "warc_length": record[2] if record else None,
        }

    def _refusal_row(self, url: str, role: Role, error: str, detail: str) -> Row:
        return {
            "url": url,
            "role": role,
            "method": "-",
            "final_url": url,
            "status": None,
            "error": error,
            "error_detail": detail,
            "content_type": None,
            "kind": None,
            "redirects": [],
            "title": None,
            "text_length": None,
            "says_not_found": False,
            "elapsed_ms": 0,
            "attempts": 0,
            "fetched_at": datetime.now(UTC),
            "warc_path": None,
            "record_id": None,
            "warc_offset": None,
            "warc_length": None,
        }

    def _store_refusal(self, url: str, role: Role, error: str, detail: str) -> None:
        self.writer.add_fetch(self._refusal_row(url, role, error, detail))


def _sniff(result: FetchResult) -> str | None:
    """What the answer is (html, pdf, image …), from its headers and first bytes; None without an answer."""
    return sniff_kind(result.final_url, result.content_type, result.body[:512]) if result.hops else None


def _without_error(result: FetchResult) -> FetchResult:
    return replace(result, error=None, error_detail="")
