"""Reading and writing crawls: start or resume, batched writes, finish, retention, read back."""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, delete, insert, select, update

from govinspect.model.crawl import CrawledPage, HostProbe, Role, TargetStatus
from govinspect.model.site import Site
from govinspect.store.pagecodec import blob_to_page
from govinspect.store.schema import (
    check_runs,
    column_items,
    crawls,
    fetches,
    findings,
    frontier,
    host_probes,
    pages,
    sites,
)
from govinspect.store.warc import WarcArchive


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class CrawlHandle:
    """A crawl ready to run: new, or resumed with what was already done."""

    crawl_id: int
    site_id: int
    warc_path: Path
    warc_committed_bytes: int
    resumed: bool
    pending: tuple[tuple[str, int, Role], ...]  # frontier entries not yet done
    known: frozenset[str]  # every URL already in the frontier (done or not)
    pages_done: int
    stored_pages: frozenset[str] = frozenset()  # page URLs already stored (after redirects)
    probed_origins: frozenset[str] = frozenset()  # origins whose not-found probe is stored


def upsert_site(engine: Engine, site: Site) -> int:
    row = {
        "url": site.url,
        "name": site.name,
        "site_code": site.site_code,
        "registry": {k: v for k, v in dataclasses.asdict(site).items() if k != "extra"}
        | {"extra": dict(site.extra)},
    }
    with engine.begin() as conn:
        found = conn.execute(select(sites.c.id).where(sites.c.key == site.key)).scalar()
        if found is not None:
            conn.execute(update(sites).where(sites.c.id == found).values(**row))
            return int(found)
        statement = insert(sites).values(key=site.key, created_at=now(), **row).returning(sites.c.id)
        return int(conn.execute(statement).scalar_one())


def start_crawl(
    engine: Engine, site: Site, evidence_dir: Path, settings: dict[str, Any], fresh: bool
) -> CrawlHandle:
    """Resume the site's unfinished crawl, or start a new one (``fresh`` abandons an unfinished one)."""
    site_id = upsert_site(engine, site)
    with engine.begin() as conn:
        running = conn.execute(
            select(crawls)
            .where(and_(crawls.c.site_id == site_id, crawls.c.state == "running"))
            .order_by(crawls.c.id.desc())
        ).first()
        if running is not None and fresh:
            conn.execute(
                update(crawls)
                .where(crawls.c.id == running.id)
                .values(
                    state="finished", stopped_by="error", finished_at=now(), notes=["abandoned by --fresh"]
                )
            )
            running = None
        if running is not None:
            rows = conn.execute(
                select(frontier.c.url, frontier.c.depth, frontier.c.role, frontier.c.done).where(
                    frontier.c.crawl_id == running.id
                )
            ).all()
            stored = frozenset(
                conn.execute(select(pages.c.url).where(pages.c.crawl_id == running.id)).scalars()
            )
            probed = frozenset(
                conn.execute(
                    select(host_probes.c.origin).where(host_probes.c.crawl_id == running.id)
                ).scalars()
            )
            return CrawlHandle(
                crawl_id=running.id,
                site_id=site_id,
                warc_path=Path(running.warc_path),
                warc_committed_bytes=running.warc_committed_bytes,
                resumed=True,
                pending=tuple((r.url, r.depth, r.role) for r in rows if not r.done),
                known=frozenset(r.url for r in rows),
                pages_done=len(stored),
                stored_pages=stored,
                probed_origins=probed,
            )
        started = now()
        crawl_id = int(
            conn.execute(
                insert(crawls)
                .values(
                    site_id=site_id,
                    state="running",
                    seed_url=site.url,
                    started_at=started,
                    warc_path="",
                    warc_committed_bytes=0,
                    settings=settings,
                    notes=[],
                )
                .returning(crawls.c.id)
            ).scalar_one()
        )
        stem = site.key.replace(":", "_").replace("/", "_")
        warc_path = evidence_dir / stem / f"crawl-{crawl_id}-{started:%Y%m%dT%H%M%S}.warc.gz"
        conn.execute(update(crawls).where(crawls.c.id == crawl_id).values(warc_path=str(warc_path)))
    return CrawlHandle(crawl_id, site_id, warc_path, 0, False, (), frozenset(), 0)


@dataclass(frozen=True, slots=True)
class _Batch:
    frontier: list[dict[str, Any]]
    done: list[str]
    fetches: list[dict[str, Any]]
    pages: list[dict[str, Any]]
    probes: list[dict[str, Any]]
    warc_bytes: int  # the archive's length when the batch was handed over: every row points below it


@dataclass
class CrawlWriter:
    """Collects a crawl's rows and writes them in batches, each batch with the archive committed first.

    A batch is one transaction: the frontier entries a page discovered, the
    page's done mark, its fetch row and parsed page go in together, after the
    WARC bytes they point at are on disk. So a ``kill -9`` at any moment leaves
    a store whose every row points at a complete record. Batches are written by
    one background thread, in order, so the event loop keeps fetching meanwhile
    (SQLite and fsync release the GIL).
    """

    engine: Engine
    crawl_id: int
    archive: WarcArchive
    batch_rows: int = 2000
    batch_seconds: float = 2.0  # a kill loses at most this much work
    _frontier: list[dict[str, Any]] = field(default_factory=list)
    _done: list[str] = field(default_factory=list)
    _fetches: list[dict[str, Any]] = field(default_factory=list)
    _pages: list[dict[str, Any]] = field(default_factory=list)
    _probes: list[dict[str, Any]] = field(default_factory=list)
    _last_flush: float = field(default_factory=time.monotonic)
    _thread: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="govinspect-store")
    )
    _in_flight: list[Future[None]] = field(default_factory=list)

    def add_frontier(self, url: str, depth: int, role: Role) -> None:
        self._frontier.append(
            {"crawl_id": self.crawl_id, "url": url, "depth": depth, "role": role, "done": False}
        )

    def mark_done(self, url: str) -> None:
        self._done.append(url)

    def add_fetch(self, row: dict[str, Any]) -> None:
        self._fetches.append({"crawl_id": self.crawl_id, **row})

    def add_page(self, url: str, depth: int, record_id: str | None, parsed: bytes) -> None:
        self._pages.append(
            {"crawl_id": self.crawl_id, "url": url, "depth": depth, "record_id": record_id, "parsed": parsed}
        )

    def add_probe(self, row: dict[str, Any]) -> None:
        self._probes.append({"crawl_id": self.crawl_id, **row})

    @property
    def pending_rows(self) -> int:
        return len(self._frontier) + len(self._fetches) + len(self._done)

    def maybe_flush(self) -> None:
        if self.pending_rows >= self.batch_rows or time.monotonic() - self._last_flush >= self.batch_seconds:
            self.flush(wait=False)

    def flush(self, wait: bool = True) -> None:
        """Hand the collected rows to the writer thread; with ``wait``, return once all are committed."""
        self._raise_writer_errors()
        batch = _Batch(
            self._frontier, self._done, self._fetches, self._pages, self._probes, self.archive.position()
        )
        self._frontier, self._done, self._fetches, self._pages, self._probes = [], [], [], [], []
        self._in_flight.append(self._thread.submit(self._write, batch))
        self._last_flush = time.monotonic()
        if wait:
            for future in self._in_flight:
                future.result()
            self._in_flight.clear()

    def close(self) -> None:
        """Commit what is left and stop the writer thread."""
        try:
            self.flush(wait=True)
        finally:
            self._thread.shutdown(wait=True)

    def _raise_writer_errors(self) -> None:
        finished = [f for f in self._in_flight if f.done()]
        self._in_flight = [f for f in self._in_flight if not f.done()]
        for future in finished:
            future.result()  # a failed batch stops the crawl here, with the database's own message

    def _write(self, batch: _Batch) -> None:
        self.archive.sync()
        with self.engine.begin() as conn:
            if batch.frontier:
                conn.execute(insert(frontier), batch.frontier)
            if batch.fetches:
                conn.execute(insert(fetches), batch.fetches)
            if batch.pages:
                conn.execute(insert(pages), batch.pages)
            if batch.probes:
                conn.execute(insert(host_probes), batch.probes)
            for start in range(0, len(batch.done), 500):
                chunk = batch.done[start : start + 500]
                conn.execute(
                    update(frontier)
                    .where(and_(frontier.c.crawl_id == self.crawl_id, frontier.c.url.in_(chunk)))
                    .values(done=True)
                )
            conn.execute(
                update(crawls)
                .where(crawls.c.id == self.crawl_id)
                .values(warc_committed_bytes=batch.warc_bytes)
            )


def finish_crawl(engine: Engine, crawl_id: int, stopped_by: str, notes: list[str]) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(crawls)
            .where(crawls.c.id == crawl_id)
            .values(state="finished", stopped_by=stopped_by, finished_at=now(), notes=notes)
        )


def apply_retention(engine: Engine, site_id: int, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` finished crawls of a site, with their WARC files."""
    with engine.begin() as conn:
        old = conn.execute(
            select(crawls.c.id, crawls.c.warc_path)
            .where(and_(crawls.c.site_id == site_id, crawls.c.state == "finished"))
            .order_by(crawls.c.id.desc())
            .offset(max(1, keep))
        ).all()
        ids = [row.id for row in old]
        if not ids:
            return []
        referenced = set(
            conn.execute(
                select(fetches.c.warc_path)
                .where(and_(fetches.c.crawl_id.not_in(ids), fetches.c.warc_path.is_not(None)))
                .distinct()
            ).scalars()
        )
        for table in (findings, check_runs, pages, fetches, frontier, host_probes, column_items):
            conn.execute(delete(table).where(table.c.crawl_id.in_(ids)))
        conn.execute(delete(crawls).where(crawls.c.id.in_(ids)))
    removed = []
    for row in old:
        path = Path(row.warc_path)
        if row.warc_path not in referenced and path.exists():
            path.unlink()
            removed.append(path)
            if path.parent.exists() and not any(path.parent.iterdir()):
                shutil.rmtree(path.parent, ignore_errors=True)
    return removed


def _status(row: Any) -> TargetStatus:
    return TargetStatus(
        url=row.url,
        role=row.role,
        method=row.method,
        final_url=row.final_url,
        status=row.status,
        error=row.error,
        error_detail=row.error_detail,
        content_type=row.content_type,
        kind=row.kind,
        redirects=tuple((u, s) for u, s in row.redirects),
        title=row.title,
        text_length=row.text_length,
        says_not_found=bool(row.says_not_found),
        record_id=row.record_id,
    )


def load_statuses(engine: Engine, crawl_id: int) -> dict[str, TargetStatus]:
    with engine.connect() as conn:
        return {
            row.url: _status(row)
            for row in conn.execute(select(fetches).where(fetches.c.crawl_id == crawl_id))
        }


def load_probes(engine: Engine, crawl_id: int) -> dict[str, HostProbe]:
    with engine.connect() as conn:
        rows = conn.execute(select(host_probes).where(host_probes.c.crawl_id == crawl_id))
        return {
            r.origin: HostProbe(r.origin, r.probe_url, r.status, r.final_url, r.title, r.text_length)
            for r in rows
        }


def iter_pages(engine: Engine, crawl_id: int, chunk: int = 500) -> Iterator[CrawledPage]:
    """The parsed pages of a crawl, read in chunks so memory stays flat on large sites."""
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(pages.c.id, pages.c.depth, pages.c.record_id, pages.c.parsed)
                .where(and_(pages.c.crawl_id == crawl_id, pages.c.id > last))
                .order_by(pages.c.id)
                .limit(chunk)
            ).all()
        if not rows:
            return
        for row in rows:
            yield CrawledPage(blob_to_page(row.parsed), row.depth, row.record_id)
        last = rows[-1].id


def record_location(engine: Engine, record_id: str) -> tuple[Path, int] | None:
    """Which WARC file and offset hold a record."""
    with engine.connect() as conn:
        row = conn.execute(
            select(fetches.c.warc_path, fetches.c.warc_offset)
            .where(fetches.c.record_id == record_id)
            .limit(1)
        ).first()
        if row is None or row.warc_path is None:
            return None
        return Path(row.warc_path), int(row.warc_offset)
